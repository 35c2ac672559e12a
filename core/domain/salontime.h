#pragma once

#include "domain/error.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QTimeZone>

namespace chairside {

// Times as a person types and reads them, in the salon's own time zone.
// Values that cannot be read at all are usage errors (exit 2); values that
// read fine but break a rule (a local time skipped by a clock change, an
// unknown time zone) are refused (exit 3).
class SalonTime
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    // "2026-12-01T10:00" in salon local time, or with an explicit offset
    // ("...+01:00", "...Z"). Seconds are optional; a space may stand for T.
    static Result<qint64> parseDateTime(const QString &text, const QTimeZone &zone);
    // A date or a date and time. A bare date means the start of that day
    // (startOfRange) or the end of that day (endOfRange, so "--to" is inclusive).
    static Result<qint64> parseRangeStart(const QString &text, const QTimeZone &zone);
    static Result<qint64> parseRangeEnd(const QString &text, const QTimeZone &zone);
    static Result<QDate> parseDate(const QString &text);
    // "09:30" → 570. With allowPastMidnight, hours up to 47 are accepted
    // ("26:00" is 02:00 the next morning, for a shift past midnight).
    static Result<int> parseClock(const QString &text, bool allowPastMidnight = false);
    // "mon" ... "sun" (or full English names, or 1-7) → 1-7.
    static Result<int> parseWeekday(const QString &text);
    static Result<QTimeZone> parseTimeZone(const QString &ianaId);

    static QString iso(qint64 utcSeconds, const QTimeZone &zone); // "2026-12-01T10:00:00+01:00"
    static QString shortText(qint64 utcSeconds, const QTimeZone &zone); // "Tue 1 Dec 10:00"
    static QString clock(int minute);                                   // 570 → "09:30"
    static QString weekdayName(int weekday);                            // 1 → "mon"
    static qint64 startOfDay(const QDate &date, const QTimeZone &zone);
    static QDate localDate(qint64 utcSeconds, const QTimeZone &zone);
};

} // namespace chairside
