#include "changeset.h"

namespace chairside {

namespace {

constexpr Entity allEntities[] = {
        Entity::Salon,          Entity::Staff,
        Entity::Service,        Entity::Resource,
        Entity::Client,         Entity::Shift,
        Entity::ShiftException, Entity::TimeOff,
        Entity::Appointment,    Entity::StandingAppointment,
        Entity::WaitlistEntry,
};

} // namespace

QString entityName(Entity entity)
{
    switch (entity) {
    case Entity::Salon: return QStringLiteral("salon");
    case Entity::Staff: return QStringLiteral("staff");
    case Entity::Service: return QStringLiteral("service");
    case Entity::Resource: return QStringLiteral("resource");
    case Entity::Client: return QStringLiteral("client");
    case Entity::Shift: return QStringLiteral("shift");
    case Entity::ShiftException: return QStringLiteral("shiftException");
    case Entity::TimeOff: return QStringLiteral("timeOff");
    case Entity::Appointment: return QStringLiteral("appointment");
    case Entity::StandingAppointment: return QStringLiteral("standingAppointment");
    case Entity::WaitlistEntry: return QStringLiteral("waitlistEntry");
    }
    return {};
}

bool entityFromName(const QString &name, Entity *entity)
{
    for (Entity e : allEntities) {
        if (name.compare(entityName(e), Qt::CaseInsensitive) == 0) {
            *entity = e;
            return true;
        }
    }
    return false;
}

QString changeOpName(Change::Op op)
{
    return op == Change::Op::Removed ? QStringLiteral("remove") : QStringLiteral("upsert");
}

} // namespace chairside
