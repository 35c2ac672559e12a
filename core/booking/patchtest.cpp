#include "patchtest.h"

#include "domain/salontime.h"

#include <QStringList>
#include <QTimeZone>

namespace chairside {

namespace {

constexpr qint64 secondsPerHour = 3600;

QStringList namesNeedingATest(const QList<Service> &services)
{
    QStringList names;
    for (const Service &service : services) {
        if (service.needsPatchTest && !names.contains(service.name))
            names.append(service.name);
    }
    return names;
}

} // namespace

std::optional<QString> PatchTest::warning(const Salon &salon, const Client &client,
                                          const QList<Service> &services, qint64 startsAt)
{
    const QStringList names = namesNeedingATest(services);
    if (names.isEmpty())
        return std::nullopt;
    // One service, or a list of them: "Full Head Colour needs one …" /
    // "Full Head Colour, Toner each need one …". Every .arg() takes all its
    // texts at once, so a "%1" in a name stays as written.
    const QString list = names.join(QStringLiteral(", "));
    const QString minHours = QString::number(salon.patchTestMinHours);
    const QString maxDays = QString::number(salon.patchTestMaxDays);
    const bool one = names.size() == 1;
    const QString needsOneBefore = salon.patchTestMinHours == 0
            ? (one ? tr("%1 needs one taken before the visit.").arg(list)
                   : tr("%1 each need one taken before the visit.").arg(list))
            : (one ? tr("%1 needs one taken at least %2 hours before.").arg(list, minHours)
                   : tr("%1 each need one taken at least %2 hours before.").arg(list, minHours));
    const QString needsNewer = one
            ? tr("%1 needs one taken at most %2 days before.").arg(list, maxDays)
            : tr("%1 each need one taken at most %2 days before.").arg(list, maxDays);

    const QDate tested = client.patchTestDate;
    if (!tested.isValid())
        return tr("%1 has no patch test on record; %2").arg(client.name, needsOneBefore);

    const QTimeZone zone(salon.timeZone.toUtf8());
    const QTimeZone salonZone = zone.isValid() ? zone : QTimeZone::utc();
    const qint64 takenAt = SalonTime::startOfDay(tested, salonZone);
    const QString date = tested.toString(Qt::ISODate);
    if (takenAt > startsAt)
        return tr("%1's patch test of %2 is after the visit; %3")
                .arg(client.name, date, needsOneBefore);
    if (startsAt - takenAt < salon.patchTestMinHours * secondsPerHour)
        return tr("%1's patch test of %2 was taken less than %3 hours before; %4")
                .arg(client.name, date, minHours, needsOneBefore);
    if (tested.daysTo(SalonTime::localDate(startsAt, salonZone)) > salon.patchTestMaxDays)
        return tr("%1's patch test of %2 is older than %3 days; %4")
                .arg(client.name, date, maxDays, needsNewer);
    return std::nullopt;
}

} // namespace chairside
