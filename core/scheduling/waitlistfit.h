#pragma once

#include "slot.h"

#include "domain/waitlistentry.h"

#include <QStringList>
#include <QTimeZone>

namespace chairside {

// Time a visit gave back to the book: it was cancelled, marked no-show,
// moved away or removed (UTC seconds, [startsAt, endsAt)).
struct FreedTime
{
    QString salonId;
    QStringList staffIds; // whose time it was; empty: not known (a move, a removal)
    qint64 startsAt = 0;
    qint64 endsAt = 0;
    friend bool operator==(const FreedTime &, const FreedTime &) = default;
};

// Which waitlist entries a freed span can serve. A free slot fits an entry
// when it starts inside the freed time, with a stylist whose time it was,
// the entry's stylist if it names one, on a date of the entry's window (salon
// local time, both ends included), and not in the past. That the slot is
// free for the entry's services is the availability finder's business.
class WaitlistFit
{
public:
    // Whether asking for slots is worth it: the windows meet, the stylists
    // can match and the freed time has not passed.
    static bool couldFit(const WaitlistEntry &entry, const FreedTime &freed, const QTimeZone &zone,
                         qint64 now);
    static bool fits(const WaitlistEntry &entry, const Slot &slot, const FreedTime &freed,
                     const QTimeZone &zone, qint64 now);
};

} // namespace chairside
