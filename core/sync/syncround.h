#pragma once

#include "bookpull.h"
#include "domain/error.h"
#include "outboxpush.h"

#include <QCoreApplication>

namespace chairside {

class ServerConnection;
class Store;
class TokenStore;

// What one round moved.
struct SyncSummary
{
    PushSummary push;
    PullSummary pull;
};

// One round of sync: connect as the PC, push the outbox, then pull by
// version cursor (push first, so a pulled row never meets an unpushed local
// change: SYNC.md 7). Synchronous and without threads of its own: the
// background engine calls it on its thread, with its own store and
// connection. Writes lastSyncAt (on success) and lastError to sync_state.
// Any failure is one clear sentence; local data stays as it was, and what
// was not acknowledged goes again next round.
class SyncRound
{
    Q_DECLARE_TR_FUNCTIONS(SyncRound)

public:
    // Opens the connection (SyncConnection) and runs the round. `progress`
    // follows a pull of the whole book (the first one, or after a new epoch).
    static Result<SyncSummary> run(Store &store, TokenStore &keychain,
                                   const BookPull::Progress &progress = {});
    // The round over an open connection (the engine keeps one).
    // `newerOnServer`: the server said it has changes past the cursor (a
    // NOTIFY); with nothing to push, the round then pulls at once, reading
    // the head with the rows (one round trip, not two).
    static Result<SyncSummary> run(Store &store, ServerConnection &server,
                                   const BookPull::Progress &progress = {},
                                   bool newerOnServer = false);

private:
    static Result<SyncSummary> runOn(Store &store, ServerConnection &server,
                                     const BookPull::Progress &progress, bool newerOnServer);
    static Result<SyncSummary> finish(Store &store, Result<SyncSummary> result);
};

} // namespace chairside
