#include "conflictresolution.h"

#include "booking/appointmentchange.h"
#include "domain/salontime.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace chairside {

namespace {

QString instantText(const QString &iso, const QTimeZone &zone)
{
    const QDateTime at = QDateTime::fromString(iso, Qt::ISODate);
    return at.isValid() ? SalonTime::shortText(at.toSecsSinceEpoch(), zone) : iso;
}

QString choiceName(ConflictResolution::Choice choice)
{
    switch (choice) {
    case ConflictResolution::Choice::MoveTo: return QStringLiteral("move-to");
    case ConflictResolution::Choice::Overbook: return QStringLiteral("overbook");
    case ConflictResolution::Choice::Cancel: return QStringLiteral("cancel");
    case ConflictResolution::Choice::KeepServer: return QStringLiteral("keep-server");
    }
    return {};
}

// What a resolution starts from: this PC's refused version, with every
// field that has changed on this PC since the refusal (an edit made here
// afterwards, pushed or not, or a newer row pulled) taken from the row as
// it is now. Without that, settling the conflict would undo those edits.
Result<Appointment> sinceTheConflict(const Store &store, const SyncConflict &conflict)
{
    QJsonObject mine = QJsonDocument::fromJson(conflict.localPayload).object();
    if (conflict.serverPayload.isEmpty())
        return Appointment::fromJson(mine); // the server never had it: nothing to compare
    const Result<std::optional<Appointment>> current = store.appointment(conflict.entityId);
    if (!current)
        return current.error();
    if (!*current)
        return Appointment::fromJson(mine);
    // Both sides through the domain type, so that they compare field by field.
    const QJsonObject then =
            Appointment::fromJson(QJsonDocument::fromJson(conflict.serverPayload).object())
                    .toJson();
    const QJsonObject now = (*current)->toJson();
    for (auto field = now.begin(); field != now.end(); ++field) {
        if (then.value(field.key()) != field.value())
            mine.insert(field.key(), field.value());
    }
    return Appointment::fromJson(mine);
}

} // namespace

QString ConflictResolution::reasonInWords(const SyncConflict &conflict, const QTimeZone &zone)
{
    const QJsonObject detail = QJsonDocument::fromJson(conflict.detail).object();
    const auto field = [&](const char *name) {
        return detail.value(QLatin1String(name)).toString();
    };
    const QString reason = conflict.reason;
    if (reason == QLatin1String("stylist-busy"))
        return tr("%1 is already booked between %2 and %3 (by another PC).")
                .arg(field("staffName").isEmpty() ? field("staffId") : field("staffName"),
                     instantText(field("startsAt"), zone), instantText(field("endsAt"), zone));
    if (reason == QLatin1String("resource-full"))
        return tr("%1: all %2 in use between %3 and %4.")
                .arg(field("resourceName").isEmpty() ? field("resourceId") : field("resourceName"))
                .arg(detail.value(QLatin1String("count")).toInteger())
                .arg(instantText(field("startsAt"), zone), instantText(field("endsAt"), zone));
    if (reason == QLatin1String("changed-elsewhere"))
        return tr("Another PC changed the time or stylist first; this PC's change was made on an "
                  "older copy.");
    if (reason == QLatin1String("status"))
        return tr("Another PC changed the status first, and this PC's status change no longer "
                  "makes sense after it.");
    if (reason == QLatin1String("removed-elsewhere"))
        return tr("Another PC removed it first; this PC's change was made on an older copy.");
    if (reason == QLatin1String("other-salon"))
        return tr("The server refused it: it names another salon.");
    if (reason == QLatin1String("not-allowed"))
        return tr("The server refused it: a salon itself cannot be removed.");
    return tr("The server refused it: %1").arg(conflict.message);
}

QString ConflictResolution::describe(const Store &store, Entity entity, const QByteArray &payload,
                                     const QTimeZone &zone)
{
    if (payload.isEmpty())
        return tr("nothing (not on the server)");
    const QJsonObject json = QJsonDocument::fromJson(payload).object();
    if (entity != Entity::Appointment)
        return json.value(QLatin1String("name"))
                .toString(json.value(QLatin1String("id")).toString());
    const Appointment a = Appointment::fromJson(json);
    QString client = tr("walk-in");
    if (!a.clientId.isEmpty()) {
        const Result<std::optional<Client>> found = store.client(a.clientId);
        client = found && *found ? (*found)->name : a.clientId;
    }
    // Stylists by name (their id when the staff cannot be read or is gone).
    const Result<QList<Staff>> staff = store.staff(a.salonId);
    QStringList stylists;
    for (const ServiceLine &line : a.lines) {
        QString name = line.staffId;
        for (const Staff &member : staff ? *staff : QList<Staff>()) {
            if (member.id == line.staffId)
                name = member.name;
        }
        if (!stylists.contains(name))
            stylists.append(name);
    }
    return tr("%1, %2–%3 with %4 (%5)")
            .arg(client, SalonTime::shortText(a.startsAt(), zone),
                 SalonTime::clock(int(QDateTime::fromSecsSinceEpoch(a.endsAt(), zone)
                                              .time()
                                              .msecsSinceStartOfDay()
                                      / 60000)),
                 stylists.join(QLatin1String(", ")), appointmentStatusName(a.status));
}

Result<void> ConflictResolution::resolve(Store &store, qint64 conflictId, Choice choice,
                                         const QTimeZone &zone, qint64 moveToUtc)
{
    const Result<std::optional<SyncConflict>> found = store.conflict(conflictId);
    if (!found)
        return found.error();
    if (!*found)
        return Error::notFound(tr("There is no conflict %1 in this PC's inbox.").arg(conflictId));
    const SyncConflict &conflict = **found;
    if (conflict.resolvedAt)
        return Error::invalid(tr("Conflict %1 was resolved already (%2).")
                                      .arg(conflictId)
                                      .arg(conflict.resolution));
    if (choice != Choice::KeepServer) {
        if (conflict.entity != Entity::Appointment || conflict.localOp != Change::Op::Upserted)
            return Error::usage(tr("Conflict %1 is not about a booking this PC made, so it can "
                                   "only be settled with --keep-server.")
                                        .arg(conflictId));
        const Result<Appointment> base = sinceTheConflict(store, conflict);
        if (!base)
            return base.error();
        Appointment mine = *base;
        switch (choice) {
        case Choice::MoveTo: {
            const Result<Appointment> moved = AppointmentChange::moved(mine, moveToUtc);
            if (!moved)
                return moved.error();
            mine = *moved;
            break;
        }
        case Choice::Overbook:
            mine.overbooked = true;
            mine.overbookReason = reasonInWords(conflict, zone);
            break;
        case Choice::Cancel:
            mine.status = AppointmentStatus::Cancelled;
            mine.cancelReason = reasonInWords(conflict, zone);
            break;
        case Choice::KeepServer: break;
        }
        mine.changedAt = store.clock().secondsNow();
        if (const Result<void> saved = store.save(mine); !saved)
            return saved;
    }
    return store.markConflictResolved(conflictId, choiceName(choice));
}

} // namespace chairside
