#include "clienthistory.h"

#include "store/store.h"

#include <QHash>

#include <algorithm>

namespace chairside {

Result<std::optional<ClientHistory>> ClientHistory::load(const Store &store,
                                                         const QString &clientId, qint64 now)
{
    const Result<std::optional<Client>> read = store.client(clientId);
    if (!read)
        return read.error();
    if (!*read)
        return std::optional<ClientHistory>();
    const Client &client = **read;
    ClientHistory history;
    history.client = client;

    const Result<QList<Service>> services = store.services(client.salonId);
    if (!services)
        return services.error();
    QHash<QString, QString> serviceNames;
    for (const Service &service : *services)
        serviceNames.insert(service.id, service.name);
    const Result<QList<Staff>> staff = store.staff(client.salonId);
    if (!staff)
        return staff.error();
    QHash<QString, QString> staffNames;
    for (const Staff &member : *staff)
        staffNames.insert(member.id, member.name);

    // The store has no index by client; a salon's whole book is a few
    // thousand rows, read in well under a second.
    const Result<QList<Appointment>> appointments =
            store.appointments(client.salonId, Store::earliestInstant, Store::latestInstant);
    if (!appointments)
        return appointments.error();
    for (const Appointment &a : *appointments) {
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
    return std::optional<ClientHistory>(std::move(history));
}

} // namespace chairside
