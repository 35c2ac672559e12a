#include "recurrence.h"
#include "domain/salontime.h"

#include <QCoreApplication>
#include <QDateTime>

#include <libical/ical.h>

namespace chairside {

namespace {

icaltimetype floatingTime(const QDateTime &local)
{
    icaltimetype t = icaltime_null_time();
    t.year = local.date().year();
    t.month = local.date().month();
    t.day = local.date().day();
    t.hour = local.time().hour();
    t.minute = local.time().minute();
    t.second = local.time().second();
    t.is_date = 0;
    return t;
}

} // namespace

Result<QList<qint64>> Recurrence::occurrences(const QString &rrule, qint64 firstStartsAt,
                                              const QTimeZone &zone, int maxOccurrences)
{
    QString rule = rrule.trimmed();
    if (rule.startsWith(QLatin1String("RRULE:"), Qt::CaseInsensitive))
        rule = rule.mid(6);
    auto malformed = [&](const QString &why) {
        return Error::invalid(
                QCoreApplication::translate("chairside", "The repeat rule “%1” is not valid: %2")
                        .arg(rrule, why));
    };
    if (rule.isEmpty()) {
        return malformed(QCoreApplication::translate(
                "chairside", "it is empty; write e.g. FREQ=WEEKLY;INTERVAL=6;COUNT=8."));
    }
    if (!zone.isValid())
        return Error::invalid(
                QCoreApplication::translate("chairside", "The salon's time zone is not valid."));

    icalerror_clear_errno();
    icalrecurrencetype recurrence = icalrecurrencetype_from_string(rule.toUtf8().constData());
    if (recurrence.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
        icalerror_clear_errno();
        return malformed(QCoreApplication::translate(
                "chairside",
                "it needs a FREQ and only RFC 5545 parts, with COUNT or UNTIL but not both, "
                "e.g. FREQ=WEEKLY;INTERVAL=6;COUNT=8."));
    }

    // The iteration runs in floating local wall-clock time, so a UTC UNTIL
    // is turned into the salon's local time first, and an UNTIL date keeps
    // that whole day.
    if (!icaltime_is_null_time(recurrence.until) && recurrence.until.is_date) {
        recurrence.until.is_date = 0;
        recurrence.until.hour = 23;
        recurrence.until.minute = 59;
        recurrence.until.second = 59;
    } else if (!icaltime_is_null_time(recurrence.until) && icaltime_is_utc(recurrence.until)) {
        const icaltimetype u = recurrence.until;
        const QDateTime untilUtc(QDate(u.year, u.month, u.day), QTime(u.hour, u.minute, u.second),
                                 Qt::UTC);
        recurrence.until = floatingTime(untilUtc.toTimeZone(zone));
    }

    const QDateTime first = QDateTime::fromSecsSinceEpoch(firstStartsAt, zone);
    icalrecur_iterator *iterator = icalrecur_iterator_new(recurrence, floatingTime(first));
    if (!iterator) {
        icalerror_clear_errno();
        return malformed(QCoreApplication::translate(
                "chairside", "its parts do not fit together for this start."));
    }

    QList<qint64> starts;
    while (starts.size() < maxOccurrences) {
        const icaltimetype next = icalrecur_iterator_next(iterator);
        if (icaltime_is_null_time(next))
            break;
        starts.append(SalonTime::ruleInstant(QDate(next.year, next.month, next.day),
                                             QTime(next.hour, next.minute, next.second), zone));
    }
    icalrecur_iterator_free(iterator);
    return starts;
}

} // namespace chairside
