#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace chairside {

// The kinds of rows the store keeps; also the `entity` of an outbox entry.
enum class Entity {
    Salon,
    Staff,
    Service,
    Resource,
    Client,
    Shift,
    ShiftException,
    TimeOff,
    Appointment,
    StandingAppointment,
    WaitlistEntry,
};

// Stable names ("appointment", "shiftException", ...): the outbox's entity
// column and the sync protocol use them.
QString entityName(Entity entity);
bool entityFromName(const QString &name, Entity *entity);

// Exactly what one committed write changed, so views refresh only that.
struct Change
{
    enum class Op { Upserted, Removed };
    // What changed: the row itself, or only how it stands with the salon's
    // server, its contents as they were. SyncState: the server confirmed
    // the row's changes (a push acknowledged: no longer "waiting to sync").
    // Conflict: an entry of the conflict inbox about the row was added or
    // resolved. Views of the rows' contents may skip the last two.
    enum class Kind { Row, SyncState, Conflict };
    Entity entity = Entity::Appointment;
    Op op = Op::Upserted;
    QString id;
    QString salonId;
    // For appointments: the UTC span before and after the change, so a day
    // view knows whether it is touched (0 when not applicable).
    qint64 startsAt = 0;
    qint64 endsAt = 0;
    qint64 previousStartsAt = 0;
    qint64 previousEndsAt = 0;
    Kind kind = Kind::Row; // last: brace-initialised changes leave it out

    friend bool operator==(const Change &, const Change &) = default;
};

// "upsert" / "remove": the outbox's op column.
QString changeOpName(Change::Op op);

using ChangeSet = QList<Change>;

} // namespace chairside

Q_DECLARE_METATYPE(chairside::ChangeSet)
