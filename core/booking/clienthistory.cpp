#include "clienthistory.h"

#include "store/store.h"

#include <QHash>

#include <algorithm>

namespace chairside {

std::optional<ClientHistory> ClientHistory::load(const Store &store, const QString &clientId,
                                                 qint64 now)
{
    const std::optional<Client> client = store.client(clientId);
    if (!client)
        return std::nullopt;
    ClientHistory history;
    history.client = *client;

    QHash<QString, QString> serviceNames;
    for (const Service &service : store.services(client->salonId))
        serviceNames.insert(service.id, service.name);
    QHash<QString, QString> staffNames;
    for (const Staff &staff : store.staff(client->salonId))
        staffNames.insert(staff.id, staff.name);

    // The store has no index by client; a salon's whole book is a few
    // thousand rows, read in well under a second.
    const QList<Appointment> appointments =
            store.appointments(client->salonId, Store::earliestInstant, Store::latestInstant);
    for (const Appointment &a : appointments) {
        if (a.clientId != clientId)
            continue;
        Visit visit;
        visit.appointmentId = a.id;
        visit.startsAt = a.startsAt();
        visit.endsAt = a.endsAt();
        visit.status = a.status;
        visit.depositCents = a.depositCents;
        for (const ServiceLine &line : a.lines) {
            visit.serviceIds.append(line.serviceId);
            visit.services.append(serviceNames.value(line.serviceId));
            const QString stylist = staffNames.value(line.staffId);
            if (!visit.stylists.contains(stylist))
                visit.stylists.append(stylist);
        }
        (visit.startsAt >= now ? history.upcoming : history.past).append(visit);
        if (visit.depositCents > 0)
            history.deposits.append(visit);
    }
    auto soonest = [](const Visit &a, const Visit &b) {
        return a.startsAt < b.startsAt;
    };
    auto latest = [](const Visit &a, const Visit &b) {
        return a.startsAt > b.startsAt;
    };
    std::sort(history.upcoming.begin(), history.upcoming.end(), soonest);
    std::sort(history.past.begin(), history.past.end(), latest);
    std::sort(history.deposits.begin(), history.deposits.end(), latest);
    return history;
}

} // namespace chairside
