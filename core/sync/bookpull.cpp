#include "bookpull.h"

#include "firstsync.h"
#include "logging.h"
#include "server/serverconnection.h"
#include "store/store.h"

#include <algorithm>
#include <optional>

namespace chairside {

Result<BookHead> BookPull::head(ServerConnection &server)
{
    const Result<QList<QByteArrayList>> rows = server.run(
            server.keyed(
                    QByteArrayLiteral("SELECT epoch::text, version, purged FROM book_head()"),
                    QByteArrayLiteral("SELECT epoch::text, version, purged FROM book_head($1)")),
            server.withKey({}), tr("Reading the salon's book on the server"));
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return Error::storage(tr("The server did not say where the salon's book stands."));
    return BookHead{QString::fromLatin1(rows->constFirst().value(0)),
                    rows->constFirst().value(1).toLongLong(),
                    rows->constFirst().value(2).toLongLong()};
}

Result<PullSummary> BookPull::run(ServerConnection &server, Store &store, const Progress &progress)
{
    const Result<SyncState> state = store.syncState();
    if (!state)
        return state.error();
    // A store that never pulled, or one that started over (another epoch, a
    // missed purge) and stopped before its whole book was in: the whole book,
    // so rows the server no longer has go.
    if (state->cursor == 0)
        return fromScratch(server, store, state->epoch, progress);
    return since(server, store, state->cursor, progress);
}

Result<PullSummary> BookPull::fromScratch(ServerConnection &server, Store &store,
                                          const QString &epoch, const Progress &progress)
{
    qCInfo(lcSync) << "taking the whole book again (server epoch" << epoch << ")";
    // A store that never pulled (no epoch) has nothing to forget.
    if (!epoch.isEmpty()) {
        if (const Result<void> forgot = store.startOver(epoch); !forgot)
            return forgot.error();
    }
    const Result<FirstSyncSummary> synced = FirstSync::run(store, server, progress);
    if (!synced)
        return synced.error();
    PullSummary summary;
    summary.received = int(synced->received);
    summary.written = int(synced->written);
    summary.waiting = int(synced->keptLocal);
    summary.cursor = synced->cursor;
    summary.fromScratch = true;
    return summary;
}

QByteArray BookPull::pullStatement(int serverSchema, bool pooled)
{
    // One statement for the head and the changes: one snapshot, so the head
    // covers exactly the rows (as a REPEATABLE READ transaction around two
    // statements did, in four round trips instead of one).
    if (serverSchema >= pullPlansSchemaVersion)
        return pooled ? QByteArrayLiteral("SELECT * FROM book_pull($1::bigint, $2)")
                      : QByteArrayLiteral("SELECT * FROM book_pull($1::bigint)");
    // Behind the shared pool, book_head($2) puts the device key in the
    // transaction first (UNION ALL runs its branches in order), so
    // book_changes() reads as this PC.
    return QByteArrayLiteral("SELECT epoch::text, version, purged, NULL::text, NULL::text, "
                             "NULL::bigint, NULL::boolean, NULL::text FROM ")
            + (pooled ? QByteArrayLiteral("book_head($2)") : QByteArrayLiteral("book_head()"))
            + QByteArrayLiteral(" UNION ALL SELECT NULL, NULL, NULL, entity, id, version, "
                                "deleted, payload::text FROM book_changes($1::bigint)");
}

Result<FetchedChanges> BookPull::readPulled(const QList<QByteArrayList> &answer, qint64 cursor)
{
    std::optional<BookHead> head;
    FetchedChanges fetched;
    fetched.rows.reserve(answer.size());
    qint64 last = cursor;
    for (const QByteArrayList &row : answer) {
        if (!row.value(0).isNull()) {
            head = BookHead{QString::fromLatin1(row.value(0)), row.value(1).toLongLong(),
                            row.value(2).toLongLong()};
            continue;
        }
        PulledRow p;
        if (!entityFromName(QString::fromUtf8(row.value(3)), &p.entity))
            continue; // a kind of row this Chairside does not know yet
        p.id = QString::fromUtf8(row.value(4));
        p.version = row.value(5).toLongLong();
        p.deleted = row.value(6) == "t";
        p.payload = p.deleted ? QByteArray() : row.value(7);
        last = std::max(last, p.version);
        fetched.rows.append(std::move(p));
    }
    if (!head)
        return Error::storage(tr("The server did not say where the salon's book stands."));
    fetched.head = *head;
    fetched.cursor = std::max(head->version, last);
    // Version order (commit order, SYNC.md 1), which neither statement promises.
    std::stable_sort(fetched.rows.begin(), fetched.rows.end(),
                     [](const PulledRow &a, const PulledRow &b) { return a.version < b.version; });
    return fetched;
}

Result<FetchedChanges> BookPull::fetch(ServerConnection &server, qint64 cursor)
{
    const Result<QList<QByteArrayList>> answer =
            server.run(pullStatement(server.schemaVersion(), server.isPooled()),
                       server.withKey({QByteArray::number(cursor)}),
                       tr("Taking the salon's changes from the server"));
    if (!answer)
        return answer.error();
    return readPulled(*answer, cursor);
}

Result<PullSummary> BookPull::since(ServerConnection &server, Store &store, qint64 cursor,
                                    const Progress &progress)
{
    const Result<FetchedChanges> fetched = fetch(server, cursor);
    if (!fetched)
        return fetched.error();
    const BookHead &now = fetched->head;
    const Result<SyncState> state = store.syncState();
    if (!state)
        return state.error();
    // Another epoch: the server was restored from a backup, so versions
    // this PC holds mean nothing there.
    // A cursor below the purge horizon: removals it has not seen are gone.
    const bool missedPurge = now.missedPurge(cursor);
    if ((!state->epoch.isEmpty() && state->epoch != now.epoch && cursor != 0) || missedPurge) {
        if (missedPurge)
            qCInfo(lcSync) << "cursor" << cursor << "is below the purged version" << now.purged;
        Result<PullSummary> whole = fromScratch(server, store, now.epoch, progress);
        if (whole)
            whole->missedPurge = missedPurge;
        return whole;
    }
    return apply(store, *fetched, cursor);
}

Result<PullSummary> BookPull::apply(Store &store, const FetchedChanges &fetched, qint64 cursor)
{
    PullSummary summary;
    summary.received = int(fetched.rows.size());
    summary.cursor = fetched.cursor;
    summary.fromScratch = cursor == 0;
    const Result<PullApplied> applied =
            store.applyPulled(fetched.rows, summary.cursor, fetched.head.epoch);
    if (!applied)
        return applied.error();
    summary.written = applied->written;
    summary.waiting = applied->waiting;
    qCInfo(lcSync) << "pulled" << summary.received << "rows," << summary.written << "written,"
                   << summary.waiting << "waiting; cursor" << summary.cursor;
    return summary;
}

} // namespace chairside
