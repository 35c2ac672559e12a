#include "salontime.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

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

    const QDateTime local(date, time, zone);
    // Qt moves a time that the clocks skip forward; the person meant a time
    // that does not exist, so say so rather than book an hour off.
    if (!local.isValid() || local.date() != date || local.time() != time)
        return Error::invalid(
                tr("%1 %2 does not exist in %3: the clocks change then. "
                   "Pick a time before or after the change.")
                        .arg(date.toString(Qt::ISODate), clockText, QString::fromUtf8(zone.id())));
    return local.toSecsSinceEpoch();
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
