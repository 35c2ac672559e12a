#include "staff.h"

#include <QJsonArray>

namespace chairside {

QString staffRoleName(StaffRole role)
{
    switch (role) {
    case StaffRole::Owner: return QStringLiteral("owner");
    case StaffRole::Manager: return QStringLiteral("manager");
    case StaffRole::FrontDesk: return QStringLiteral("front-desk");
    case StaffRole::Stylist: return QStringLiteral("stylist");
    }
    return {};
}

bool staffRoleFromName(const QString &name, StaffRole *role)
{
    for (StaffRole r :
         {StaffRole::Owner, StaffRole::Manager, StaffRole::FrontDesk, StaffRole::Stylist}) {
        if (name.compare(staffRoleName(r), Qt::CaseInsensitive) == 0) {
            *role = r;
            return true;
        }
    }
    return false;
}

bool Staff::takesClients() const
{
    return active && role != StaffRole::FrontDesk && !skills.isEmpty();
}

const Skill *Staff::skillFor(const QString &serviceId) const
{
    for (const Skill &skill : skills) {
        if (skill.serviceId == serviceId)
            return &skill;
    }
    return nullptr;
}

QList<ServiceSegment> Staff::segmentsFor(const Service &service) const
{
    const Skill *skill = skillFor(service.id);
    if (skill && !skill->segmentsOverride.isEmpty())
        return skill->segmentsOverride;
    return service.segments;
}

QJsonObject Staff::toJson() const
{
    QJsonArray skillArray;
    for (const Skill &skill : skills) {
        QJsonObject s{{QStringLiteral("serviceId"), skill.serviceId}};
        if (!skill.segmentsOverride.isEmpty())
            s.insert(QStringLiteral("segmentsOverride"), segmentsToJson(skill.segmentsOverride));
        skillArray.append(s);
    }
    return {{QStringLiteral("id"), id},
            {QStringLiteral("salonId"), salonId},
            {QStringLiteral("name"), name},
            {QStringLiteral("role"), staffRoleName(role)},
            {QStringLiteral("colour"), colour},
            {QStringLiteral("active"), active},
            {QStringLiteral("skills"), skillArray}};
}

Staff Staff::fromJson(const QJsonObject &json)
{
    Staff staff;
    staff.id = json.value(QStringLiteral("id")).toString();
    staff.salonId = json.value(QStringLiteral("salonId")).toString();
    staff.name = json.value(QStringLiteral("name")).toString();
    staffRoleFromName(json.value(QStringLiteral("role")).toString(), &staff.role);
    staff.colour = json.value(QStringLiteral("colour")).toString();
    staff.active = json.value(QStringLiteral("active")).toBool(true);
    const QJsonArray skillArray = json.value(QStringLiteral("skills")).toArray();
    for (const QJsonValue &value : skillArray) {
        const QJsonObject s = value.toObject();
        staff.skills.append(
                {s.value(QStringLiteral("serviceId")).toString(),
                 segmentsFromJson(s.value(QStringLiteral("segmentsOverride")).toArray())});
    }
    return staff;
}

} // namespace chairside
