#include "waitlistentry.h"

#include "jsonfields.h"

namespace chairside {

QJsonObject WaitlistEntry::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("salonId"), salonId},
            {QStringLiteral("clientId"), clientId},
            {QStringLiteral("serviceIds"), jsonfields::strings(serviceIds)},
            {QStringLiteral("staffId"), staffId},
            {QStringLiteral("earliest"), jsonfields::date(earliest)},
            {QStringLiteral("latest"), jsonfields::date(latest)},
            {QStringLiteral("notes"), notes},
            {QStringLiteral("createdAt"), jsonfields::instant(createdAt)}};
}

WaitlistEntry WaitlistEntry::fromJson(const QJsonObject &json)
{
    WaitlistEntry entry;
    entry.id = json.value(QStringLiteral("id")).toString();
    entry.salonId = json.value(QStringLiteral("salonId")).toString();
    entry.clientId = json.value(QStringLiteral("clientId")).toString();
    entry.serviceIds = jsonfields::strings(json.value(QStringLiteral("serviceIds")));
    entry.staffId = json.value(QStringLiteral("staffId")).toString();
    entry.earliest = jsonfields::date(json.value(QStringLiteral("earliest")));
    entry.latest = jsonfields::date(json.value(QStringLiteral("latest")));
    entry.notes = json.value(QStringLiteral("notes")).toString();
    entry.createdAt = jsonfields::instant(json.value(QStringLiteral("createdAt")));
    return entry;
}

} // namespace chairside
