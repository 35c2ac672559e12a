#include "client.h"

#include "jsonfields.h"

namespace chairside {

QJsonObject Client::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("salonId"), salonId},
            {QStringLiteral("name"), name},
            {QStringLiteral("phone"), phone},
            {QStringLiteral("email"), email},
            {QStringLiteral("notes"), notes},
            {QStringLiteral("patchTestDate"), jsonfields::date(patchTestDate)},
            {QStringLiteral("noShowCount"), noShowCount},
            {QStringLiteral("consentSms"), consentSms},
            {QStringLiteral("consentEmail"), consentEmail},
            {QStringLiteral("consentPhotos"), consentPhotos}};
}

Client Client::fromJson(const QJsonObject &json)
{
    Client client;
    client.id = json.value(QStringLiteral("id")).toString();
    client.salonId = json.value(QStringLiteral("salonId")).toString();
    client.name = json.value(QStringLiteral("name")).toString();
    client.phone = json.value(QStringLiteral("phone")).toString();
    client.email = json.value(QStringLiteral("email")).toString();
    client.notes = json.value(QStringLiteral("notes")).toString();
    client.patchTestDate = jsonfields::date(json.value(QStringLiteral("patchTestDate")));
    client.noShowCount = json.value(QStringLiteral("noShowCount")).toInt();
    client.consentSms = json.value(QStringLiteral("consentSms")).toBool();
    client.consentEmail = json.value(QStringLiteral("consentEmail")).toBool();
    client.consentPhotos = json.value(QStringLiteral("consentPhotos")).toBool();
    return client;
}

} // namespace chairside
