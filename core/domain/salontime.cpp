#include "salontime.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <optional>

namespace chairside {

namespace {

const char *const weekdayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

} // namespace

Result<qint64> SalonTime::parseDateTime(const QString &text, const QTimeZone &zone)
{
    static const QRegularExpression pattern(QStringLiteral(
            R"(^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}(?::?\d{2})?)?$)"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return Error::usage(tr("“%1” is not a date and time; write it as 2026-12-01T10:00 "
                               "(salon time) or with an offset, e.g. 2026-12-01T10:00+01:00.")
                                    .arg(text));
    const QDate date = QDate::fromString(match.captured(1), Qt::ISODate);
    if (!date.isValid())
        return Error::usage(tr("“%1” is not a real date.").arg(match.captured(1)));
    const QString clockText = match.captured(2);
    const QTime time = QTime::fromString(clockText,
                                         clockText.size() == 5 ? QStringLiteral("HH:mm")
                                                               : QStringLiteral("HH:mm:ss"));
    if (!time.isValid())
        return Error::usage(tr("“%1” is not a time of day.").arg(clockText));

    const QString offsetText = match.captured(3);
    if (!offsetText.isEmpty()) {
        int offset = 0;
        if (offsetText != QLatin1String("Z")) {
            QString digits = offsetText.mid(1);
            digits.remove(QLatin1Char(':'));
            const int hours = digits.left(2).toInt();
            const int minutes = digits.size() > 2 ? digits.mid(2).toInt() : 0;
            if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
                return Error::invalid(tr("“%1” is not a time zone offset; offsets run from "
                                         "-14:00 to +14:00.")
                                              .arg(offsetText));
            offset = (hours * 3600 + minutes * 60)
                    * (offsetText.startsWith(QLatin1Char('-')) ? -1 : 1);
        }
        return QDateTime(date, time, QTimeZone(offset)).toSecsSinceEpoch();
    }

    return localInstant(date, time, zone);
}

Result<qint64> SalonTime::localInstant(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    // The instants that read `date time` on the salon's wall clock, tried
    // with the offsets in force a day before and a day after: none when the
    // clocks skip it, two when they repeat it (the first is taken). Qt would
    // move a skipped time forward by itself, but the person meant a time
    // that does not exist, so say so rather than book an hour off.
    const qint64 naive = QDateTime(date, time, QTimeZone::utc()).toSecsSinceEpoch();
    std::optional<qint64> first;
    for (const qint64 probe : {naive - 86400, naive + 86400}) {
        const qint64 candidate =
                naive - zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(probe, QTimeZone::utc()));
        const QDateTime local = QDateTime::fromSecsSinceEpoch(candidate, zone);
        if (local.date() == date && local.time() == time && (!first || candidate < *first))
            first = candidate;
    }
    if (!date.isValid() || !time.isValid() || !first) {
        const QString clockText = time.second() == 0 ? time.toString(QStringLiteral("HH:mm"))
                                                     : time.toString(QStringLiteral("HH:mm:ss"));
        return Error::invalid(
                tr("%1 %2 does not exist in %3: the clocks change then. "
                   "Pick a time before or after the change.")
                        .arg(date.toString(Qt::ISODate), clockText, QString::fromUtf8(zone.id())));
    }
    return *first;
}

qint64 SalonTime::ruleInstant(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    if (const Result<qint64> instant = localInstant(date, time, zone))
        return *instant;
    // Skipped: read with the offset in force before the change, which lands
    // the gap's length after the jump.
    const qint64 naive = QDateTime(date, time, QTimeZone::utc()).toSecsSinceEpoch();
    return naive
            - zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(naive - 86400, QTimeZone::utc()));
}

SalonTime::SalonTime(const Salon &salon, const Clock &clock) : SalonTime(zoneOf(salon), clock) {}

SalonTime::SalonTime(const QTimeZone &zone, const Clock &clock)
    : m_zone(zone.isValid() ? zone : QTimeZone::utc()), m_clock(&clock)
{}

QTimeZone SalonTime::zoneOf(const Salon &salon)
{
    const QTimeZone zone(salon.timeZone.toUtf8());
    return zone.isValid() ? zone : QTimeZone::utc();
}

qint64 SalonTime::now() const
{
    return m_clock->secondsNow();
}

QDate SalonTime::today() const
{
    return dateOf(now());
}

QDate SalonTime::dateOf(qint64 utcSeconds) const
{
    return localDate(utcSeconds, m_zone);
}

qint64 SalonTime::dayStart(const QDate &date) const
{
    return startOfDay(date, m_zone);
}

qint64 SalonTime::dayEnd(const QDate &date) const
{
    return startOfDay(date.addDays(1), m_zone);
}

int SalonTime::minuteOfDay(qint64 utcSeconds, const QDate &date) const
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(utcSeconds, m_zone);
    return int(date.daysTo(local.date()) * 24 * 60 + local.time().msecsSinceStartOfDay() / 60000);
}

Result<qint64> SalonTime::at(const QDate &date, int minute) const
{
    const int days = minute >= 0 ? minute / (24 * 60) : -((-minute + 24 * 60 - 1) / (24 * 60));
    const int rest = minute - days * 24 * 60;
    return localInstant(date.addDays(days), QTime(rest / 60, rest % 60), m_zone);
}

Result<qint64> SalonTime::parseRangeStart(const QString &text, const QTimeZone &zone)
{
    if (!text.contains(QLatin1Char('T')) && !text.trimmed().contains(QLatin1Char(' '))) {
        const Result<QDate> date = parseDate(text);
        if (!date)
            return date.error();
        return startOfDay(*date, zone);
    }
    return parseDateTime(text, zone);
}

Result<qint64> SalonTime::parseRangeEnd(const QString &text, const QTimeZone &zone)
{
    if (!text.contains(QLatin1Char('T')) && !text.trimmed().contains(QLatin1Char(' '))) {
        const Result<QDate> date = parseDate(text);
        if (!date)
            return date.error();
        return startOfDay(date->addDays(1), zone);
    }
    return parseDateTime(text, zone);
}

Result<QDate> SalonTime::parseDate(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}$)"));
    const QString trimmed = text.trimmed();
    if (!pattern.match(trimmed).hasMatch())
        return Error::usage(tr("“%1” is not a date; write it as 2026-12-01.").arg(text));
    const QDate date = QDate::fromString(trimmed, Qt::ISODate);
    if (!date.isValid())
        return Error::usage(tr("“%1” is not a real date.").arg(text));
    return date;
}

Result<int> SalonTime::parseClock(const QString &text, bool allowPastMidnight)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^(\d{1,2}):(\d{2})$)"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return Error::usage(tr("“%1” is not a time of day; write it as 09:30.").arg(text));
    const int hours = match.captured(1).toInt();
    const int minutes = match.captured(2).toInt();
    const int maxHours = allowPastMidnight ? 47 : 24;
    if (minutes > 59 || hours > maxHours || (!allowPastMidnight && hours == 24 && minutes > 0))
        return Error::usage(tr("“%1” is not a time of day.").arg(text));
    return hours * 60 + minutes;
}

Result<int> SalonTime::parseWeekday(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    bool isNumber = false;
    const int number = lower.toInt(&isNumber);
    if (isNumber && number >= 1 && number <= 7)
        return number;
    for (int i = 0; i < 7; ++i) {
        const QString name = QLatin1String(weekdayNames[i]);
        const QString full = QLocale::c().dayName(i + 1).toLower();
        if (lower == name || lower == full)
            return i + 1;
    }
    return Error::usage(
            tr("“%1” is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.")
                    .arg(text));
}

Result<QTimeZone> SalonTime::parseTimeZone(const QString &ianaId)
{
    const QByteArray id = ianaId.trimmed().toUtf8();
    if (id.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(id))
        return Error::invalid(tr("“%1” is not a time zone Chairside knows; use an IANA name "
                                 "such as Europe/London.")
                                      .arg(ianaId));
    return QTimeZone(id);
}

QString SalonTime::iso(qint64 utcSeconds, const QTimeZone &zone)
{
    QString text = QDateTime::fromSecsSinceEpoch(utcSeconds, zone).toString(Qt::ISODate);
    // Qt writes "Z" for a zero offset in some zones; say +00:00 as the docs do.
    if (text.endsWith(QLatin1Char('Z'))) {
        text.chop(1);
        text.append(QStringLiteral("+00:00"));
    }
    return text;
}

QString SalonTime::shortText(qint64 utcSeconds, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(utcSeconds, zone)
            .toString(QStringLiteral("ddd d MMM yyyy HH:mm"));
}

QString SalonTime::clock(int minute)
{
    return QStringLiteral("%1:%2")
            .arg(minute / 60, 2, 10, QLatin1Char('0'))
            .arg(minute % 60, 2, 10, QLatin1Char('0'));
}

QString SalonTime::weekdayName(int weekday)
{
    return weekday >= 1 && weekday <= 7 ? QLatin1String(weekdayNames[weekday - 1]) : QString();
}

qint64 SalonTime::startOfDay(const QDate &date, const QTimeZone &zone)
{
    return date.startOfDay(zone).toSecsSinceEpoch();
}

QDate SalonTime::localDate(qint64 utcSeconds, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(utcSeconds, zone).date();
}

} // namespace chairside
