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
    // Starts in UTC seconds, as libical gives them from `firstStartsAt`
    // (which is the first when it matches the rule). Refuses a malformed rule
    // (Error::Code::Invalid); an "RRULE:" prefix is accepted. At most
    // `maxOccurrences` starts, so an endless rule (no COUNT or UNTIL) is cut
    // there. A UTC UNTIL is compared in UTC, an UNTIL date includes that
    // whole local day; clock changes as
    // SalonTime::ruleInstant has them.
    static Result<QList<qint64>> occurrences(const QString &rrule, qint64 firstStartsAt,
                                             const QTimeZone &zone, int maxOccurrences = 52);
};

} // namespace chairside
