#pragma once

#include "domain/error.h"

#include <QList>
#include <QTimeZone>

namespace chairside {

// Standing appointments: the starts an RFC 5545 RRULE gives, on libical.
// The rule repeats the local wall-clock time in `zone`, so a 10:00 visit
// stays at 10:00 across daylight-saving changes.
class Recurrence
{
public:
    // Refuses a malformed rule, and an endless one (no COUNT or UNTIL) is cut
    // at `maxOccurrences`.
    static Result<QList<qint64>> occurrences(const QString &rrule, qint64 firstStartsAt,
                                             const QTimeZone &zone, int maxOccurrences = 52);
};

} // namespace chairside
