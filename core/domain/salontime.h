#pragma once

#include "domain/clock.h"
#include "domain/error.h"
#include "domain/salon.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QTimeZone>

namespace chairside {

// Time as the salon lives it: its own zone, "now" and "today" there (from
// the book's Clock, never the PC's date), and times as a person types and
// reads them. Values that cannot be read at all are usage errors (exit 2);
// values that read fine but break a rule (an unknown time zone) are refused
// (exit 3).
//
// One policy for local times a clock change skips (02:30 on the spring
// morning) or repeats (01:30 in autumn), kept here and nowhere else:
// - a repeated time means the first of the two;
// - a skipped time a person gives (a booking, a --from) is refused with a
//   sentence saying so, never moved an hour by itself (localInstant);
// - a skipped time a rule generates (a weekly shift, a standing series)
//   moves forward by the gap, because the rule still holds that day: a
//   shift "from 02:30" starts when the clock jumps to 03:30 (ruleInstant).
class SalonTime
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    // The salon's zone; UTC if the salon names a zone this PC does not know
    // (the store refuses such salons, so only a damaged row gets there).
    SalonTime(const Salon &salon, const Clock &clock);
    SalonTime(const QTimeZone &zone, const Clock &clock);
    static QTimeZone zoneOf(const Salon &salon);

    const QTimeZone &zone() const { return m_zone; }
    qint64 now() const; // UTC seconds
    QDate today() const;
    QDate dateOf(qint64 utcSeconds) const;
    // Local midnight of `date` and of the day after, in UTC seconds: the day
    // is [dayStart, dayEnd), 23 or 25 hours long on a clock-change day.
    qint64 dayStart(const QDate &date) const;
    qint64 dayEnd(const QDate &date) const;
    // Wall-clock minutes from the local midnight of `date` to `utcSeconds`
    // (negative before that day, past 1440 after it).
    int minuteOfDay(qint64 utcSeconds, const QDate &date) const;
    // The instant `minute` minutes of wall-clock time after midnight of
    // `date` (minute may pass 1440: "26:00" is 02:00 the next day). A time
    // the clocks skip is refused (Error::Code::Invalid).
    Result<qint64> at(const QDate &date, int minute) const;

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
    // The skipped-time policy for a given zone (what at() and
    // parseDateTime() use).
    static Result<qint64> localInstant(const QDate &date, const QTime &time, const QTimeZone &zone);
    // The same for a time a rule generates: a skipped time moves forward by
    // the gap instead of being refused.
    static qint64 ruleInstant(const QDate &date, const QTime &time, const QTimeZone &zone);

private:
    QTimeZone m_zone;
    const Clock *m_clock;
};

} // namespace chairside
