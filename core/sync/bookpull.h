#pragma once

#include "domain/error.h"
#include "store/pulledrow.h"

#include <QCoreApplication>

#include <functional>

namespace chairside {

class ServerConnection;
class Store;

// The server's head: its epoch, the salon's version, and the newest version
// purged from it (book_head()).
struct BookHead
{
    QString epoch;
    qint64 version = 0;
    qint64 purged = 0;

    // A cursor below the purge horizon may have missed a removal whose
    // tombstone is gone: the PC takes the whole book again (SYNC.md 3).
    bool missedPurge(qint64 cursor) const { return cursor > 0 && cursor < purged; }
};

// What one pull did.
struct PullSummary
{
    int received = 0; // rows the server sent
    int written = 0;  // written or removed here
    int waiting = 0;  // left alone: they have unpushed local changes
    qint64 cursor = 0;
    bool fromScratch = false; // the whole book (first pull, or another epoch)
    bool missedPurge = false; // ... because the server purged removals this PC had not seen
};

// What one pull statement brought: the head, read in the same snapshot as
// the rows, and the rows after the cursor in version order.
struct FetchedChanges
{
    BookHead head;
    QList<PulledRow> rows;
    qint64 cursor = 0; // where the rows leave the cursor: the head's version, or the last row's
};

// The server's changes into the store by version cursor (docs/sync.md):
// the head and the rows after the cursor in one statement (one snapshot, so
// the head version covers exactly the rows read), then applied with the new
// cursor in one SQLite transaction (Store::applyPulled).
class BookPull
{
    Q_DECLARE_TR_FUNCTIONS(BookPull)

public:
    static Result<BookHead> head(ServerConnection &server);
    // The first sync's progress: rows received of the total (FirstSync).
    using Progress = std::function<void(qint64 done, qint64 total)>;

    // From the store's cursor; another epoch than the store's (a restored
    // server) makes it start over from scratch, keeping the outbox. A store
    // that never pulled (no epoch, cursor 0) takes the whole book by COPY.
    static Result<PullSummary> run(ServerConnection &server, Store &store,
                                   const Progress &progress = {});
    // The whole book again by COPY (FirstSync), keeping the outbox and the
    // rows it still has to push (SYNC.md 3, 11). `epoch` is the one the
    // caller saw (for the log): FirstSync reads the head itself.
    static Result<PullSummary> fromScratch(ServerConnection &server, Store &store,
                                           const QString &epoch, const Progress &progress = {});

    // The server schema whose book_pull() keeps its plans (008_pull_plans.sql).
    static constexpr int pullPlansSchemaVersion = 8;
    // The pull's one statement ($1 the cursor; behind a shared pool $2 the
    // device key): its first row is the head (it has an epoch), the others
    // the rows. Before schema 8, a union of book_head() and book_changes().
    // bench_scale sends it too.
    static QByteArray pullStatement(int serverSchema, bool pooled);
    // The pull statement's answer, read.
    static Result<FetchedChanges> readPulled(const QList<QByteArrayList> &answer, qint64 cursor);
    // The pull statement sent and read: one round trip.
    static Result<FetchedChanges> fetch(ServerConnection &server, qint64 cursor);
    // `fetched` (on the store's epoch, above the purge horizon) into the
    // store, with its cursor.
    static Result<PullSummary> apply(Store &store, const FetchedChanges &fetched, qint64 cursor);

private:
    static Result<PullSummary> since(ServerConnection &server, Store &store, qint64 cursor,
                                     const Progress &progress);
};

} // namespace chairside
