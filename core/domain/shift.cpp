#include "shift.h"

#include "jsonfields.h"

namespace chairside {

namespace {

QDate mondayOf(const QDate &date)
{
    return date.addDays(1 - date.dayOfWeek());
}

} // namespace

QJsonArray breaksToJson(const QList<Break> &breaks)
{
    QJsonArray array;
    for (const Break &b : breaks)
        array.append(QJsonArray{b.startMinute, b.endMinute});
    return array;
}

QList<Break> breaksFromJson(const QJsonArray &json)
{
    QList<Break> breaks;
    for (const QJsonValue &value : json) {
        const QJsonArray b = value.toArray();
        breaks.append({b.at(0).toInt(), b.at(1).toInt()});
    }
    return breaks;
}

bool Shift::appliesOn(const QDate &date) const
{
    if (!date.isValid() || date.dayOfWeek() != weekday)
        return false;
    if (validFrom.isValid() && date < validFrom)
        return false;
    if (validUntil.isValid() && date > validUntil)
        return false;
    if (everyWeeks <= 1 || !anchorDate.isValid())
        return true;
    const qint64 weeks = mondayOf(anchorDate).daysTo(mondayOf(date)) / 7;
    return ((weeks % everyWeeks) + everyWeeks) % everyWeeks == 0;
}

QJsonObject Shift::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("staffId"), staffId},
            {QStringLiteral("weekday"), weekday},
            {QStringLiteral("startMinute"), startMinute},
            {QStringLiteral("endMinute"), endMinute},
            {QStringLiteral("breaks"), breaksToJson(breaks)},
            {QStringLiteral("everyWeeks"), everyWeeks},
            {QStringLiteral("anchorDate"), jsonfields::date(anchorDate)},
            {QStringLiteral("validFrom"), jsonfields::date(validFrom)},
            {QStringLiteral("validUntil"), jsonfields::date(validUntil)}};
}

Shift Shift::fromJson(const QJsonObject &json)
{
    Shift shift;
    shift.id = json.value(QStringLiteral("id")).toString();
    shift.staffId = json.value(QStringLiteral("staffId")).toString();
    shift.weekday = json.value(QStringLiteral("weekday")).toInt(1);
    shift.startMinute = json.value(QStringLiteral("startMinute")).toInt();
    shift.endMinute = json.value(QStringLiteral("endMinute")).toInt();
    shift.breaks = breaksFromJson(json.value(QStringLiteral("breaks")).toArray());
    shift.everyWeeks = json.value(QStringLiteral("everyWeeks")).toInt(1);
    shift.anchorDate = jsonfields::date(json.value(QStringLiteral("anchorDate")));
    shift.validFrom = jsonfields::date(json.value(QStringLiteral("validFrom")));
    shift.validUntil = jsonfields::date(json.value(QStringLiteral("validUntil")));
    return shift;
}

QJsonObject ShiftException::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("staffId"), staffId},
            {QStringLiteral("date"), jsonfields::date(date)},
            {QStringLiteral("working"), working},
            {QStringLiteral("startMinute"), startMinute},
            {QStringLiteral("endMinute"), endMinute},
            {QStringLiteral("breaks"), breaksToJson(breaks)},
            {QStringLiteral("reason"), reason}};
}

ShiftException ShiftException::fromJson(const QJsonObject &json)
{
    ShiftException exception;
    exception.id = json.value(QStringLiteral("id")).toString();
    exception.staffId = json.value(QStringLiteral("staffId")).toString();
    exception.date = jsonfields::date(json.value(QStringLiteral("date")));
    exception.working = json.value(QStringLiteral("working")).toBool();
    exception.startMinute = json.value(QStringLiteral("startMinute")).toInt();
    exception.endMinute = json.value(QStringLiteral("endMinute")).toInt();
    exception.breaks = breaksFromJson(json.value(QStringLiteral("breaks")).toArray());
    exception.reason = json.value(QStringLiteral("reason")).toString();
    return exception;
}

QJsonObject TimeOff::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("staffId"), staffId},
            {QStringLiteral("startsAt"), jsonfields::instant(startsAt)},
            {QStringLiteral("endsAt"), jsonfields::instant(endsAt)},
            {QStringLiteral("reason"), reason}};
}

TimeOff TimeOff::fromJson(const QJsonObject &json)
{
    TimeOff timeOff;
    timeOff.id = json.value(QStringLiteral("id")).toString();
    timeOff.staffId = json.value(QStringLiteral("staffId")).toString();
    timeOff.startsAt = jsonfields::instant(json.value(QStringLiteral("startsAt")));
    timeOff.endsAt = jsonfields::instant(json.value(QStringLiteral("endsAt")));
    timeOff.reason = json.value(QStringLiteral("reason")).toString();
    return timeOff;
}

} // namespace chairside
