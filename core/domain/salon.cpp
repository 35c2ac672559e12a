#include "salon.h"

#include <QJsonArray>

namespace chairside {

QJsonObject Salon::toJson() const
{
    QJsonArray hours;
    for (const DayHours &day : openingHours) {
        if (day.isOpen())
            hours.append(QJsonArray{day.openMinute, day.closeMinute});
        else
            hours.append(QJsonValue());
    }
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("timeZone"), timeZone},
            {QStringLiteral("openingHours"), hours},
            {QStringLiteral("patchTestMinHours"), patchTestMinHours},
            {QStringLiteral("patchTestMaxDays"), patchTestMaxDays}};
}

Salon Salon::fromJson(const QJsonObject &json)
{
    Salon salon;
    salon.id = json.value(QStringLiteral("id")).toString();
    salon.name = json.value(QStringLiteral("name")).toString();
    salon.timeZone = json.value(QStringLiteral("timeZone")).toString();
    const QJsonArray hours = json.value(QStringLiteral("openingHours")).toArray();
    for (int i = 0; i < 7 && i < hours.size(); ++i) {
        const QJsonArray day = hours.at(i).toArray();
        if (day.size() == 2)
            salon.openingHours[i] = {day.at(0).toInt(-1), day.at(1).toInt(-1)};
    }
    salon.patchTestMinHours =
            json.value(QStringLiteral("patchTestMinHours")).toInt(salon.patchTestMinHours);
    salon.patchTestMaxDays =
            json.value(QStringLiteral("patchTestMaxDays")).toInt(salon.patchTestMaxDays);
    return salon;
}

} // namespace chairside
