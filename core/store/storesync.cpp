// The store's side of the salon server's sync (docs/sync.md): the outbox as
// consumers read it, the pulled rows, the push outcomes and the conflict
// inbox. Kept out of store.cpp, which is about the book itself.

#include "store.h"

#include "logging.h"
#include "storeprivate.h"
#include "storerows.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>

#include <algorithm>

namespace chairside {

using namespace storedetail;

namespace {

// Rows a pull writes in the order their references need (a stylist before
// their shifts); tombstones first, in the opposite order.
int dependencyRank(Entity entity)
{
    switch (entity) {
    case Entity::Salon: return 0;
    case Entity::Staff: return 1;
    case Entity::Service: return 2;
    case Entity::Resource: return 3;
    case Entity::Client: return 4;
    case Entity::Shift: return 5;
    case Entity::ShiftException: return 6;
    case Entity::TimeOff: return 7;
    case Entity::StandingAppointment: return 8;
    case Entity::Appointment: return 9;
    case Entity::WaitlistEntry: return 10;
    }
    return 11;
}

QString pendingKey(Entity entity, const QString &id)
{
    return entityName(entity) + QLatin1Char('/') + id;
}

const QString cursorKey = QStringLiteral("cursor");
const QString epochKey = QStringLiteral("epoch");
const QString lastSyncKey = QStringLiteral("lastSyncAt");
const QString lastErrorKey = QStringLiteral("lastError");
const QString uploadedKey = QStringLiteral("bookUploaded");
// The last outbox sequence of the first PC's book upload: entries up to it
// were never pushed one by one, so they are never pushed again.
const QString uploadedThroughKey = QStringLiteral("uploadedThrough");
constexpr qint64 secondsPerDay = 86400;
const QString wakeUpKey = QStringLiteral("wakeUp"); // "listen" (or absent) or "poll"

const QString setState = QStringLiteral("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

Error badRow(const PulledRow &row, const QString &why)
{
    return Error::invalid(
            QCoreApplication::translate("chairside",
                                        "The server sent a %1 (%2) that this PC cannot read: %3. "
                                        "Nothing of this pull was written.")
                    .arg(entityNoun(row.entity), row.id, why));
}

} // namespace

// --- the outbox as its consumers read it -------------------------------------

Result<QList<OutboxEntry>> Store::outboxBatch(const QString &consumer, int limit) const
{
    return d->select<OutboxEntry>(
            QStringLiteral("SELECT sequence, entity, op, entity_id, salon_id, payload, created_at "
                           "FROM outbox WHERE sequence > coalesce((SELECT acknowledged FROM "
                           "outbox_positions WHERE consumer = ?), 0) ORDER BY sequence LIMIT ?"),
            {consumer, limit}, outboxEntryFrom);
}

Result<qint64> Store::outboxHead() const
{
    const Result<QList<qint64>> head =
            d->select<qint64>(QStringLiteral("SELECT coalesce(max(sequence), 0) FROM outbox"), {},
                              [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
    if (!head)
        return head.error();
    return head->value(0);
}

Result<qint64> Store::outboxPending(const QString &consumer) const
{
    const Result<QList<qint64>> count = d->select<qint64>(
            QStringLiteral("SELECT count(*) FROM outbox WHERE sequence > coalesce((SELECT "
                           "acknowledged FROM outbox_positions WHERE consumer = ?), 0)"),
            {consumer}, [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
    if (!count)
        return count.error();
    return count->value(0);
}

Result<QSet<QString>> Store::pendingIds(const QString &consumer, Entity entity) const
{
    const Result<QList<QString>> ids = d->select<QString>(
            QStringLiteral("SELECT DISTINCT entity_id FROM outbox WHERE entity = ? AND sequence > "
                           "coalesce((SELECT acknowledged FROM outbox_positions WHERE consumer = "
                           "?), 0)"),
            {entityName(entity), consumer},
            [](const QSqlQuery &q) { return q.value(0).toString(); });
    if (!ids)
        return ids.error();
    return QSet<QString>(ids->cbegin(), ids->cend());
}

Result<QSet<QString>> Store::waitingToSync(Entity entity) const
{
    const Result<std::optional<ServerLink>> link = serverLink();
    if (!link)
        return link.error();
    if (!*link)
        return QSet<QString>();
    return pendingIds(serverConsumer, entity);
}

Result<void> Store::recordOutboxAttempt(const QString &consumer, const QList<qint64> &sequences,
                                        const QString &error)
{
    return write([&](ChangeSet &) -> Result<void> {
        d->touchesBook = false; // bookkeeping: no row changes
        for (const qint64 sequence : sequences) {
            if (!d->run(QStringLiteral("INSERT INTO outbox_attempts (consumer, sequence, attempts, "
                                       "last_error, last_attempt_at) VALUES (?, ?, 1, ?, ?) "
                                       "ON CONFLICT (consumer, sequence) DO UPDATE SET "
                                       "attempts = attempts + 1, last_error = excluded.last_error, "
                                       "last_attempt_at = excluded.last_attempt_at"),
                        {consumer, sequence, text(error), d->clock->secondsNow()}))
                return d->failure();
        }
        return {};
    });
}

Result<QList<OutboxAttempt>> Store::outboxAttempts(const QString &consumer) const
{
    return d->select<OutboxAttempt>(
            QStringLiteral("SELECT sequence, attempts, last_error, last_attempt_at FROM "
                           "outbox_attempts WHERE consumer = ? ORDER BY sequence"),
            {consumer}, [](const QSqlQuery &q) {
                return OutboxAttempt{q.value(0).toLongLong(), q.value(1).toInt(),
                                     q.value(2).toString(), q.value(3).toLongLong()};
            });
}

// --- what sync keeps ---------------------------------------------------------

Result<std::optional<qint64>> Store::rowVersion(Entity entity, const QString &id) const
{
    const Result<QList<qint64>> version = d->select<qint64>(
            QStringLiteral("SELECT version FROM row_versions WHERE entity = ? AND id = ?"),
            {entityName(entity), id}, [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
    if (!version)
        return version.error();
    return version->isEmpty() ? std::nullopt : std::optional<qint64>(version->constFirst());
}

Result<SyncState> Store::syncState() const
{
    const Result<QList<QPair<QString, QString>>> rows = d->select<QPair<QString, QString>>(
            QStringLiteral("SELECT key, value FROM sync_state"), {}, [](const QSqlQuery &q) {
                return qMakePair(q.value(0).toString(), q.value(1).toString());
            });
    if (!rows)
        return rows.error();
    SyncState state;
    for (const auto &[key, value] : *rows) {
        if (key == cursorKey)
            state.cursor = value.toLongLong();
        else if (key == epochKey)
            state.epoch = value;
        else if (key == lastSyncKey)
            state.lastSyncAt = value.toLongLong();
        else if (key == lastErrorKey)
            state.lastError = value;
        else if (key == uploadedKey)
            state.bookUploaded = value == QLatin1String("1");
        else if (key == wakeUpKey)
            state.listen = value != QLatin1String("poll");
    }
    return state;
}

Result<void> Store::recordSyncRound(std::optional<qint64> finishedAt, const QString &error)
{
    return write([&](ChangeSet &) -> Result<void> {
        // Bookkeeping: a window does not reload the day for it (an idle round
        // every 30 s would make it do so all day).
        d->touchesBook = false;
        if ((finishedAt && !d->run(setState, {lastSyncKey, QString::number(*finishedAt)}))
            || !d->run(setState, {lastErrorKey, text(error)}))
            return d->failure();
        return {};
    });
}

Result<void> Store::setSyncListen(bool listen)
{
    return write([&](ChangeSet &) -> Result<void> {
        d->touchesBook = false; // a setting of the engine
        if (!d->run(setState,
                    {wakeUpKey, listen ? QStringLiteral("listen") : QStringLiteral("poll")}))
            return d->failure();
        return {};
    });
}

Result<void> Store::recordBookUploaded(qint64 sequence)
{
    const Result<void> recorded = write([&](ChangeSet &) -> Result<void> {
        if (!d->run(setState, {uploadedKey, QStringLiteral("1")})
            || !d->run(setState, {uploadedThroughKey, QString::number(sequence)})
            || !d->run(QStringLiteral("INSERT INTO outbox_positions (consumer, acknowledged) "
                                      "VALUES (?, ?) ON CONFLICT (consumer) DO UPDATE SET "
                                      "acknowledged = max(acknowledged, excluded.acknowledged)"),
                       {serverConsumer, sequence}))
            return d->failure();
        return {};
    });
    // The whole book is confirmed at once: nothing of it waits to sync now.
    if (recorded)
        emit contentsReplaced();
    return recorded;
}

Result<void> Store::startOver(const QString &epoch)
{
    return write([&](ChangeSet &) -> Result<void> {
        if (!d->run(QStringLiteral("DELETE FROM row_versions"), {})
            || !d->run(setState, {cursorKey, QStringLiteral("0")})
            || !d->run(setState, {epochKey, epoch}))
            return d->failure();
        return {};
    });
}

Result<void> Store::queueAcknowledgedAgain()
{
    return write([&](ChangeSet &) -> Result<void> {
        const qint64 keptSince = d->clock->secondsNow() - keepAcknowledgedDays * secondsPerDay;
        // The first entry not to send again: the book upload's last, or the
        // newest one older than the kept time, whichever is later.
        if (!d->run(QStringLiteral(
                            "UPDATE outbox_positions SET acknowledged = min(acknowledged, max("
                            "coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = "
                            "?), 0), coalesce((SELECT max(sequence) FROM outbox WHERE created_at "
                            "< ?), 0))) WHERE consumer = ?"),
                    {uploadedThroughKey, keptSince, serverConsumer}))
            return d->failure();
        return {};
    });
}

Result<void> Store::keepRowVersion(Entity entity, const QString &id, qint64 version, bool deleted)
{
    if (!d->run(QStringLiteral("INSERT INTO row_versions (entity, id, version, deleted) "
                               "VALUES (?, ?, ?, ?) ON CONFLICT (entity, id) DO UPDATE SET "
                               "version = excluded.version, deleted = excluded.deleted"),
                {entityName(entity), id, version, deleted ? 1 : 0}))
        return d->failure();
    return {};
}

// The row as the server has it, through the same writers a local save uses
// (so lines, segments, search text and spans stay right), with fromServer on.
Result<void> Store::writeServerRow(const PulledRow &row, ChangeSet &changes)
{
    const bool wasFromServer = d->fromServer;
    d->fromServer = true;
    const auto restore = qScopeGuard([&] { d->fromServer = wasFromServer; });
    if (row.deleted || row.payload.isEmpty()) {
        const Result<void> removed = removeIn(row.entity, row.id, changes);
        if (!removed && removed.error().code == Error::Code::NotFound)
            return {}; // never had it, or gone already: nothing to do
        return removed;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(row.payload, &parseError);
    if (!document.isObject())
        return badRow(row, parseError.errorString());
    const QJsonObject json = document.object();
    if (json.value(QLatin1String("id")).toString() != row.id)
        return badRow(row, QCoreApplication::translate("chairside", "its id does not match"));
    switch (row.entity) {
    case Entity::Salon:
        return d->saveRow(Entity::Salon, Salon::fromJson(json), row.id, &Private::writeSalon,
                          changes);
    case Entity::Staff: {
        const Staff staff = Staff::fromJson(json);
        return d->saveRow(Entity::Staff, staff, staff.salonId, &Private::writeStaff, changes);
    }
    case Entity::Service: {
        const Service service = Service::fromJson(json);
        return d->saveRow(Entity::Service, service, service.salonId, &Private::writeService,
                          changes);
    }
    case Entity::Resource: {
        const Resource resource = Resource::fromJson(json);
        return d->saveRow(Entity::Resource, resource, resource.salonId, &Private::writeResource,
                          changes);
    }
    case Entity::Client: {
        const Client client = Client::fromJson(json);
        return d->saveRow(Entity::Client, client, client.salonId, &Private::writeClient, changes);
    }
    case Entity::Shift:
        return d->saveStaffRow(Entity::Shift, Shift::fromJson(json), &Private::writeShift, changes);
    case Entity::ShiftException:
        return d->saveStaffRow(Entity::ShiftException, ShiftException::fromJson(json),
                               &Private::writeShiftException, changes);
    case Entity::TimeOff:
        return d->saveStaffRow(Entity::TimeOff, TimeOff::fromJson(json), &Private::writeTimeOff,
                               changes);
    case Entity::StandingAppointment:
        return d->saveStanding(StandingAppointment::fromJson(json), changes);
    case Entity::Appointment:
        return d->saveAppointment(Appointment::fromJson(json), false, changes);
    case Entity::WaitlistEntry: {
        const WaitlistEntry entry = WaitlistEntry::fromJson(json);
        return d->saveRow(Entity::WaitlistEntry, entry, entry.salonId, &Private::writeWaitlist,
                          changes);
    }
    }
    return badRow(row, QCoreApplication::translate("chairside", "unknown kind of row"));
}

Result<PullApplied> Store::applyPulled(const QList<PulledRow> &rows, qint64 cursor,
                                       const QString &epoch)
{
    QList<PulledRow> ordered = rows;
    std::stable_sort(ordered.begin(), ordered.end(), [](const PulledRow &a, const PulledRow &b) {
        if (a.deleted != b.deleted)
            return a.deleted;
        return a.deleted ? dependencyRank(a.entity) > dependencyRank(b.entity)
                         : dependencyRank(a.entity) < dependencyRank(b.entity);
    });
    PullApplied applied;
    const Result<void> written = write([&](ChangeSet &changes) -> Result<void> {
        applied = {};
        // Rows with changes this PC has not pushed yet keep them (SYNC.md 7):
        // the push goes first, and its outcome brings the server's row.
        QSet<QString> waiting;
        {
            QSqlQuery *pending = d->exec(
                    QStringLiteral("SELECT DISTINCT entity, entity_id FROM outbox WHERE sequence "
                                   "> coalesce((SELECT acknowledged FROM outbox_positions WHERE "
                                   "consumer = ?), 0)"),
                    {serverConsumer});
            if (!pending)
                return d->failure();
            while (pending->next()) {
                Entity entity = Entity::Appointment;
                if (entityFromName(pending->value(0).toString(), &entity))
                    waiting.insert(pendingKey(entity, pending->value(1).toString()));
            }
            pending->finish();
        }
        for (const PulledRow &row : std::as_const(ordered)) {
            if (waiting.contains(pendingKey(row.entity, row.id))) {
                ++applied.waiting;
                continue;
            }
            QSqlQuery *known =
                    d->exec(QStringLiteral("SELECT version FROM row_versions WHERE entity = ? "
                                           "AND id = ?"),
                            {entityName(row.entity), row.id});
            if (!known)
                return d->failure();
            const std::optional<qint64> version = known->next()
                    ? std::optional<qint64>(known->value(0).toLongLong())
                    : std::nullopt;
            known->finish();
            if (version && *version >= row.version) {
                ++applied.older;
                continue;
            }
            if (const Result<void> done = writeServerRow(row, changes); !done)
                return done;
            if (const Result<void> kept =
                        keepRowVersion(row.entity, row.id, row.version, row.deleted);
                !kept)
                return kept;
            ++applied.written;
        }
        if (!d->run(setState, {cursorKey, QString::number(cursor)})
            || !d->run(setState, {epochKey, epoch}))
            return d->failure();
        // Only the cursor moved (this PC's own changes coming back, rows it
        // has newer): the book is as it was.
        d->touchesBook = applied.written > 0;
        return {};
    });
    if (!written)
        return written.error();
    qCDebug(lcStore) << "pulled" << applied.written << "rows," << applied.older << "older,"
                     << applied.waiting << "waiting; cursor" << cursor;
    return applied;
}

namespace {

// The change that says a pushed row's standing with the server moved (its
// contents did not): for a visit with its span, so a day view knows whether
// it shows it.
Change confirmed(const OutboxEntry &entry, Change::Kind kind)
{
    Change change{entry.entity, entry.op, entry.entityId, entry.salonId};
    change.kind = kind;
    if (entry.entity == Entity::Appointment && !entry.payload.isEmpty()) {
        const auto [startsAt, endsAt] =
                visitSpan(Appointment::fromJson(QJsonDocument::fromJson(entry.payload).object()));
        change.startsAt = change.previousStartsAt = startsAt;
        change.endsAt = change.previousEndsAt = endsAt;
    }
    return change;
}

} // namespace

Result<void> Store::recordPushOutcomes(const QList<PushOutcome> &outcomes)
{
    if (outcomes.isEmpty())
        return {};
    return write([&](ChangeSet &changes) -> Result<void> {
        qint64 last = 0;
        for (const PushOutcome &outcome : outcomes) {
            const OutboxEntry &entry = outcome.entry;
            last = std::max(last, entry.sequence);
            if (outcome.kind == PushOutcome::Kind::Applied) {
                // A row whose guarded fields the server kept is pulled again:
                // its version stays below the one the pull will bring.
                if (outcome.version && !outcome.kept) {
                    if (const Result<void> kept =
                                keepRowVersion(entry.entity, entry.entityId, *outcome.version,
                                               entry.op == Change::Op::Removed);
                        !kept)
                        return kept;
                }
                if (entry.op == Change::Op::Upserted) // a removed row has no marker to clear
                    changes.append(confirmed(entry, Change::Kind::SyncState));
                continue;
            }
            // An outcome heard again (a retried batch, or the changes sent
            // again after a restore) is in the inbox already; the row this
            // PC has since then stays as it is.
            if (entry.sequence > 0) {
                QSqlQuery *known =
                        d->exec(QStringLiteral("SELECT 1 FROM conflicts WHERE sequence = ?"),
                                {entry.sequence});
                if (!known)
                    return d->failure();
                const bool heard = known->next();
                known->finish();
                if (heard)
                    continue;
            }
            if (!d->run(QStringLiteral(
                                "INSERT INTO conflicts (sequence, entity, entity_id, salon_id, "
                                "outcome, reason, message, local_op, local_payload, "
                                "server_payload, server_version, server_deleted, detail, "
                                "happened_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                "?, ?, ?, ?, ?) ON CONFLICT (sequence) DO NOTHING"),
                        {entry.sequence > 0 ? QVariant(entry.sequence) : QVariant(),
                         entityName(entry.entity), entry.entityId, text(entry.salonId),
                         outcome.kind == PushOutcome::Kind::Refused ? QStringLiteral("refused")
                                                                    : QStringLiteral("conflict"),
                         text(outcome.reason), text(outcome.message), changeOpName(entry.op),
                         text(QString::fromUtf8(entry.payload)),
                         outcome.serverRow.isEmpty()
                                 ? QVariant()
                                 : QVariant(QString::fromUtf8(outcome.serverRow)),
                         outcome.serverVersion ? QVariant(*outcome.serverVersion) : QVariant(),
                         outcome.serverDeleted ? 1 : 0, text(QString::fromUtf8(outcome.detail)),
                         entry.createdAt, d->clock->secondsNow()}))
                return d->failure();
            // The book shows what the server holds; this PC's version waits in the inbox.
            const PulledRow server{entry.entity, entry.entityId, outcome.serverVersion.value_or(0),
                                   outcome.serverDeleted || outcome.serverRow.isEmpty(),
                                   outcome.serverRow};
            if (const Result<void> done = writeServerRow(server, changes); !done)
                return done;
            changes.append(confirmed(entry, Change::Kind::Conflict));
            if (outcome.serverVersion) {
                if (const Result<void> kept = keepRowVersion(
                            entry.entity, entry.entityId, *outcome.serverVersion, server.deleted);
                    !kept)
                    return kept;
            }
        }
        if (!d->run(QStringLiteral("INSERT INTO outbox_positions (consumer, acknowledged) "
                                   "VALUES (?, ?) ON CONFLICT (consumer) DO UPDATE SET "
                                   "acknowledged = max(acknowledged, excluded.acknowledged)"),
                    {serverConsumer, last})
            || !d->run(QStringLiteral("DELETE FROM outbox_attempts WHERE consumer = ? AND "
                                      "sequence <= ?"),
                       {serverConsumer, last})
            // Entries every consumer has, made longer ago than they are kept.
            || !d->run(
                    QStringLiteral("DELETE FROM outbox WHERE sequence <= (SELECT "
                                   "min(acknowledged) FROM outbox_positions) AND created_at < ?"),
                    {d->clock->secondsNow() - keepAcknowledgedDays * secondsPerDay}))
            return d->failure();
        return {};
    });
}

// --- the conflict inbox ------------------------------------------------------

namespace {

const QString conflictColumns = QStringLiteral(
        "id, sequence, entity, entity_id, salon_id, outcome, reason, message, local_op, "
        "local_payload, server_payload, server_version, server_deleted, detail, happened_at, "
        "recorded_at, resolved_at, resolution");

SyncConflict conflictFrom(const QSqlQuery &q)
{
    SyncConflict c;
    c.id = q.value(0).toLongLong();
    if (!q.value(1).isNull())
        c.sequence = q.value(1).toLongLong();
    entityFromName(q.value(2).toString(), &c.entity);
    c.entityId = q.value(3).toString();
    c.salonId = q.value(4).toString();
    c.refused = q.value(5).toString() == QLatin1String("refused");
    c.reason = q.value(6).toString();
    c.message = q.value(7).toString();
    c.localOp = q.value(8).toString() == changeOpName(Change::Op::Removed) ? Change::Op::Removed
                                                                           : Change::Op::Upserted;
    c.localPayload = q.value(9).toString().toUtf8();
    c.serverPayload = q.value(10).toString().toUtf8();
    if (!q.value(11).isNull())
        c.serverVersion = q.value(11).toLongLong();
    c.serverDeleted = q.value(12).toBool();
    c.detail = q.value(13).toString().toUtf8();
    c.happenedAt = q.value(14).toLongLong();
    c.recordedAt = q.value(15).toLongLong();
    if (!q.value(16).isNull())
        c.resolvedAt = q.value(16).toLongLong();
    c.resolution = q.value(17).toString();
    return c;
}

} // namespace

Result<QList<SyncConflict>> Store::conflicts(bool includeResolved) const
{
    return d->select<SyncConflict>(QStringLiteral("SELECT %1 FROM conflicts %2 ORDER BY id")
                                           .arg(conflictColumns,
                                                includeResolved
                                                        ? QString()
                                                        : QStringLiteral("WHERE resolved_at "
                                                                         "IS NULL")),
                                   {}, conflictFrom);
}

Result<std::optional<SyncConflict>> Store::conflict(qint64 id) const
{
    const Result<QList<SyncConflict>> found = d->select<SyncConflict>(
            QStringLiteral("SELECT %1 FROM conflicts WHERE id = ?").arg(conflictColumns), {id},
            conflictFrom);
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<SyncConflict>(found->constFirst());
}

Result<void> Store::markConflictResolved(qint64 id, const QString &resolution)
{
    return setConflictResolution(id, d->clock->secondsNow(), resolution);
}

Result<void> Store::markConflictOpen(qint64 id)
{
    return setConflictResolution(id, std::nullopt, {});
}

Result<void> Store::setConflictResolution(qint64 id, std::optional<qint64> resolvedAt,
                                          const QString &resolution)
{
    const Result<std::optional<SyncConflict>> found = conflict(id);
    if (!found)
        return found.error();
    return write([&](ChangeSet &changes) -> Result<void> {
        if (!d->run(QStringLiteral("UPDATE conflicts SET resolved_at = ?, resolution = ? "
                                   "WHERE id = ?"),
                    {resolvedAt ? QVariant(*resolvedAt) : QVariant(), text(resolution), id}))
            return d->failure();
        if (*found) {
            Change change{(*found)->entity, Change::Op::Upserted, (*found)->entityId,
                          (*found)->salonId};
            change.kind = Change::Kind::Conflict;
            changes.append(change);
        }
        return {};
    });
}

} // namespace chairside
