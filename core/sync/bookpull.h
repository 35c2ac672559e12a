#pragma once

#include "domain/error.h"

#include <QCoreApplication>

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

// The server's changes into the store by version cursor (docs/sync.md):
// book_head() and book_changes(cursor) in one REPEATABLE READ transaction,
// so the head version covers exactly the rows read, then applied with the
// new cursor in one SQLite transaction (Store::applyPulled).
class BookPull
{
    Q_DECLARE_TR_FUNCTIONS(BookPull)

public:
    static Result<BookHead> head(ServerConnection &server);
    // From the store's cursor; another epoch than the store's (a restored
    // server) makes it start over from scratch, keeping the outbox.
    static Result<PullSummary> run(ServerConnection &server, Store &store);
    // The whole book again by FirstSync's COPY, replacing the store's rows
    // but those with unpushed changes (SYNC.md 3, 11).
    static Result<PullSummary> fromScratch(ServerConnection &server, Store &store,
                                           const QString &epoch);

private:
    static Result<PullSummary> since(ServerConnection &server, Store &store, qint64 cursor);
};

} // namespace chairside
