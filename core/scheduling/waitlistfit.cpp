#include "waitlistfit.h"

#include <QDateTime>

namespace chairside {

namespace {

QDate localDate(qint64 secs, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(secs, zone).date();
}

bool inWindow(const WaitlistEntry &entry, const QDate &date)
{
    return (!entry.earliest.isValid() || date >= entry.earliest)
            && (!entry.latest.isValid() || date <= entry.latest);
}

bool stylistMatches(const WaitlistEntry &entry, const FreedTime &freed, const QString &staffId)
{
    if (!entry.staffId.isEmpty() && !staffId.isEmpty() && entry.staffId != staffId)
        return false;
    return freed.staffIds.isEmpty() || staffId.isEmpty() || freed.staffIds.contains(staffId);
}

} // namespace

bool WaitlistFit::couldFit(const WaitlistEntry &entry, const FreedTime &freed,
                           const QTimeZone &zone, qint64 now)
{
    if (entry.salonId != freed.salonId || entry.serviceIds.isEmpty()
        || freed.endsAt <= freed.startsAt || freed.endsAt <= now)
        return false;
    if (!stylistMatches(entry, freed, entry.staffId))
        return false;
    // The freed time may run over midnight: any of its dates will do.
    for (QDate date = localDate(freed.startsAt, zone); date <= localDate(freed.endsAt - 1, zone);
         date = date.addDays(1)) {
        if (inWindow(entry, date))
            return true;
    }
    return false;
}

bool WaitlistFit::fits(const WaitlistEntry &entry, const Slot &slot, const FreedTime &freed,
                       const QTimeZone &zone, qint64 now)
{
    return entry.salonId == freed.salonId && slot.startsAt >= freed.startsAt
            && slot.startsAt < freed.endsAt && slot.startsAt >= now
            && stylistMatches(entry, freed, slot.staffId)
            && inWindow(entry, localDate(slot.startsAt, zone));
}

} // namespace chairside
