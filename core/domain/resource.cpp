#include "resource.h"

namespace chairside {

QJsonObject Resource::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("salonId"), salonId},
            {QStringLiteral("name"), name},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("count"), count}};
}

Resource Resource::fromJson(const QJsonObject &json)
{
    Resource resource;
    resource.id = json.value(QStringLiteral("id")).toString();
    resource.salonId = json.value(QStringLiteral("salonId")).toString();
    resource.name = json.value(QStringLiteral("name")).toString();
    resource.kind = json.value(QStringLiteral("kind")).toString();
    resource.count = json.value(QStringLiteral("count")).toInt(1);
    return resource;
}

} // namespace chairside
