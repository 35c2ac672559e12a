#include "outboxpush.h"

#include "logging.h"
#include "server/serverconnection.h"
#include "store/store.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chairside {

namespace {

QByteArray compact(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    return {};
}

std::optional<qint64> integerOf(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    return value.toInteger();
}

// One outcome as docs/sync.md gives it, for the entry it answers.
PushOutcome outcomeFrom(const OutboxEntry &entry, const QJsonObject &o)
{
    PushOutcome outcome;
    outcome.entry = entry;
    const QString kind = o.value(QLatin1String("outcome")).toString();
    outcome.kind = kind == QLatin1String("applied") ? PushOutcome::Kind::Applied
            : kind == QLatin1String("conflict")     ? PushOutcome::Kind::Conflict
                                                    : PushOutcome::Kind::Refused;
    outcome.version = integerOf(o.value(QLatin1String("version")));
    outcome.kept = !o.value(QLatin1String("kept")).toArray().isEmpty();
    outcome.reason = o.value(QLatin1String("reason")).toString();
    outcome.message = o.value(QLatin1String("message")).toString();
    outcome.serverRow = compact(o.value(QLatin1String("serverRow")));
    outcome.serverVersion = integerOf(o.value(QLatin1String("serverVersion")));
    outcome.serverDeleted = o.value(QLatin1String("serverDeleted")).toBool();
    outcome.detail = compact(o);
    return outcome;
}

// The server's answer to one call: its array of outcomes.
Result<QJsonArray> answerOf(const Result<QList<QByteArrayList>> &rows)
{
    if (!rows)
        return rows.error();
    const QJsonDocument document = rows->isEmpty() || rows->constFirst().isEmpty()
            ? QJsonDocument()
            : QJsonDocument::fromJson(rows->constFirst().constFirst());
    if (!document.isArray())
        return Error::storage(OutboxPush::tr("The server's answer to this PC's changes could not "
                                             "be read. They stay queued and go again next "
                                             "time."));
    return document.array();
}

QJsonObject mutationOf(const OutboxEntry &entry, std::optional<qint64> baseVersion)
{
    QJsonObject mutation{
            {QStringLiteral("sequence"), entry.sequence},
            {QStringLiteral("entity"), entityName(entry.entity)},
            {QStringLiteral("op"), changeOpName(entry.op)},
            {QStringLiteral("id"), entry.entityId},
            {QStringLiteral("baseVersion"), baseVersion ? QJsonValue(*baseVersion) : QJsonValue()},
            {QStringLiteral("happenedAt"),
             QDateTime::fromSecsSinceEpoch(entry.createdAt, Qt::UTC).toString(Qt::ISODate)}};
    if (entry.op == Change::Op::Upserted) {
        const QJsonObject payload = QJsonDocument::fromJson(entry.payload).object();
        mutation.insert(QStringLiteral("payload"), payload);
        // Who made it, as the row says (visits record who changed them last).
        const QString by = payload.value(QLatin1String("changedBy")).toString();
        if (!by.isEmpty())
            mutation.insert(QStringLiteral("changedBy"), by);
    }
    return mutation;
}

// The book as upload_book takes it: {entity, id, payload}, a salon's rows
// before what refers to them.
QList<OutboxEntry> bookRows(const StoreContents &c)
{
    QList<OutboxEntry> rows;
    auto add = [&rows](Entity entity, const auto &list) {
        for (const auto &row : list)
            rows.append({0,
                         entity,
                         Change::Op::Upserted,
                         row.id,
                         {},
                         QJsonDocument(row.toJson()).toJson(QJsonDocument::Compact),
                         0});
    };
    forEachKind(c, add);
    return rows;
}

} // namespace

Result<PushSummary> OutboxPush::run(ServerConnection &server, Store &store, const ServerLink &link,
                                    int batch)
{
    PushSummary summary;
    const Result<SyncState> state = store.syncState();
    if (!state)
        return state.error();
    if (link.firstOfSalon && !state->bookUploaded) {
        const Result<int> uploaded = uploadBook(server, store);
        if (!uploaded)
            return uploaded.error();
        summary.uploaded = *uploaded;
    }
    for (;;) {
        const Result<QList<OutboxEntry>> entries =
                store.outboxBatch(Store::serverConsumer, std::max(1, batch));
        if (!entries)
            return entries.error();
        if (entries->isEmpty())
            break;
        QJsonArray mutations;
        QList<qint64> sequences;
        for (const OutboxEntry &entry : *entries) {
            const Result<std::optional<qint64>> base =
                    store.rowVersion(entry.entity, entry.entityId);
            if (!base)
                return base.error();
            mutations.append(mutationOf(entry, *base));
            sequences.append(entry.sequence);
        }
        const Result<QJsonArray> answer = answerOf(server.run(
                server.keyed(QByteArrayLiteral("SELECT push_mutations($1::jsonb)"),
                             QByteArrayLiteral("SELECT push_mutations($1::jsonb, $2)")),
                server.withKey({QJsonDocument(mutations).toJson(QJsonDocument::Compact)}),
                tr("Sending this PC's changes")));
        if (!answer) {
            if (const Result<void> counted = store.recordOutboxAttempt(
                        Store::serverConsumer, sequences, answer.error().message);
                !counted)
                qCWarning(lcSync) << "could not count the attempt:" << counted.error().message;
            return answer.error();
        }
        QHash<qint64, QJsonObject> bySequence;
        for (const QJsonValue &value : *answer) {
            const QJsonObject o = value.toObject();
            if (const std::optional<qint64> sequence =
                        integerOf(o.value(QLatin1String("sequence"))))
                bySequence.insert(*sequence, o);
        }
        // Only entries with a known outcome are recorded and acknowledged,
        // and only in order: one without an answer stops the batch there.
        QList<PushOutcome> outcomes;
        for (const OutboxEntry &entry : *entries) {
            const auto found = bySequence.constFind(entry.sequence);
            if (found == bySequence.cend())
                break;
            outcomes.append(outcomeFrom(entry, *found));
        }
        if (const Result<void> recorded = store.recordPushOutcomes(outcomes); !recorded)
            return recorded.error();
        for (const PushOutcome &outcome : std::as_const(outcomes)) {
            ++summary.pushed;
            switch (outcome.kind) {
            case PushOutcome::Kind::Applied: ++summary.applied; break;
            case PushOutcome::Kind::Conflict: ++summary.conflicts; break;
            case PushOutcome::Kind::Refused: ++summary.refused; break;
            }
        }
        if (outcomes.size() < entries->size()) {
            const QList<qint64> unanswered = sequences.mid(outcomes.size());
            const QString message = tr("The server did not answer all of this PC's changes; "
                                       "the rest stay queued and go again next time.");
            if (const Result<void> counted =
                        store.recordOutboxAttempt(Store::serverConsumer, unanswered, message);
                !counted)
                qCWarning(lcSync) << "could not count the attempt:" << counted.error().message;
            return Error::storage(message);
        }
    }
    qCInfo(lcSync) << "pushed" << summary.pushed << "changes:" << summary.applied << "applied,"
                   << summary.conflicts << "conflicts," << summary.refused << "refused";
    return summary;
}

Result<int> OutboxPush::uploadBook(ServerConnection &server, Store &store)
{
    // An upload this PC finished, whose answer was lost: it is done.
    const Result<QList<QByteArrayList>> earlier = server.run(
            server.keyed(QByteArrayLiteral(
                                 "SELECT device_id::text = (SELECT device_id::text FROM devices "
                                 "WHERE login_role = session_user), finished_at IS NOT NULL FROM "
                                 "book_uploads"),
                         QByteArrayLiteral("SELECT by_this_pc, finished FROM book_upload($1)")),
            server.withKey({}), tr("Reading the salon's book upload"));
    if (!earlier)
        return earlier.error();
    // Everything queued until now is in the book being uploaded.
    const Result<qint64> head = store.outboxHead();
    if (!head)
        return head.error();
    if (!earlier->isEmpty() && earlier->constFirst().value(0) == "t"
        && earlier->constFirst().value(1) == "t") {
        if (const Result<void> done = store.recordBookUploaded(*head); !done)
            return done.error();
        return 0;
    }
    const Result<StoreContents> contents = store.contents();
    if (!contents)
        return contents.error();
    const QList<OutboxEntry> rows = bookRows(*contents);
    constexpr int rowsPerCall = 500;
    int uploaded = 0;
    for (qsizetype from = 0; from < rows.size() || from == 0; from += rowsPerCall) {
        const QList<OutboxEntry> part = rows.mid(from, rowsPerCall);
        QJsonArray json;
        for (const OutboxEntry &row : part)
            json.append(QJsonObject{
                    {QStringLiteral("entity"), entityName(row.entity)},
                    {QStringLiteral("id"), row.entityId},
                    {QStringLiteral("payload"), QJsonDocument::fromJson(row.payload).object()}});
        const bool last = from + rowsPerCall >= rows.size();
        const Result<QJsonArray> answer = answerOf(server.run(
                server.keyed(QByteArrayLiteral("SELECT upload_book($1::jsonb, $2::boolean)"),
                             QByteArrayLiteral("SELECT upload_book($1::jsonb, $2::boolean, $3)")),
                server.withKey({QJsonDocument(json).toJson(QJsonDocument::Compact),
                                last ? QByteArrayLiteral("true") : QByteArrayLiteral("false")}),
                tr("Uploading this PC's book to the salon's server")));
        if (!answer)
            return answer.error();
        QList<PushOutcome> outcomes;
        for (const QJsonValue &value : *answer) {
            const QJsonObject o = value.toObject();
            const qint64 index = o.value(QLatin1String("index")).toInteger(-1);
            if (index < 0 || index >= part.size())
                continue;
            outcomes.append(outcomeFrom(part.at(index), o));
        }
        if (const Result<void> recorded = store.recordPushOutcomes(outcomes); !recorded)
            return recorded.error();
        uploaded += int(part.size());
        if (last)
            break;
    }
    if (const Result<void> done = store.recordBookUploaded(*head); !done)
        return done.error();
    qCInfo(lcSync) << "uploaded the salon's book:" << uploaded << "rows";
    return uploaded;
}

} // namespace chairside
