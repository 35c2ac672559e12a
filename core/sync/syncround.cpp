#include "syncround.h"

#include "logging.h"
#include "server/serverconnection.h"
#include "store/store.h"
#include "syncconnection.h"

#include <optional>

namespace chairside {

Result<SyncSummary> SyncRound::run(Store &store, TokenStore &keychain,
                                   const BookPull::Progress &progress)
{
    auto server = SyncConnection::open(store, keychain);
    if (!server)
        return finish(store, server.error());
    return run(store, **server, progress);
}

Result<SyncSummary> SyncRound::run(Store &store, ServerConnection &server,
                                   const BookPull::Progress &progress, bool newerOnServer)
{
    return finish(store, runOn(store, server, progress, newerOnServer));
}

Result<SyncSummary> SyncRound::runOn(Store &store, ServerConnection &server,
                                     const BookPull::Progress &progress, bool newerOnServer)
{
    const Result<ServerLink> link = SyncConnection::link(store);
    if (!link)
        return link.error();
    SyncSummary summary;
    const Result<SyncState> state = store.syncState();
    if (!state)
        return state.error();
    // Woken by the server with nothing to push (the other PCs' changes
    // reaching this one): the pull first, whose answer carries the head. On
    // the same epoch and above the purge horizon that is the whole round;
    // otherwise its head decides as below.
    std::optional<BookHead> pulledHead;
    if (newerOnServer && !state->epoch.isEmpty() && state->cursor > 0
        && (!link->firstOfSalon || state->bookUploaded)) {
        const Result<qint64> pending = store.outboxPending(Store::serverConsumer);
        if (!pending)
            return pending.error();
        if (*pending == 0) {
            const Result<FetchedChanges> fetched = BookPull::fetch(server, state->cursor);
            if (!fetched)
                return fetched.error();
            if (fetched->head.epoch == state->epoch && !fetched->head.missedPurge(state->cursor)) {
                // A wake-up for what this PC has already: nothing to write.
                if (fetched->rows.isEmpty() && fetched->cursor == state->cursor) {
                    summary.pull.cursor = state->cursor;
                    return summary;
                }
                const Result<PullSummary> pulled = BookPull::apply(store, *fetched, state->cursor);
                if (!pulled)
                    return pulled.error();
                summary.pull = *pulled;
                return summary;
            }
            pulledHead = fetched->head;
        }
    }
    // A restored server (another epoch) first: the base versions this PC
    // would push belong to the old one.
    const Result<BookHead> head =
            pulledHead ? Result<BookHead>(*pulledHead) : BookPull::head(server);
    if (!head)
        return head.error();
    const bool anotherEpoch = !state->epoch.isEmpty() && state->epoch != head->epoch;
    // The restored server may lack what the old one acknowledged: the kept
    // acknowledged changes go again, and its records decide (SYNC.md 11).
    // Before the new epoch is kept, so a crash in between does it again.
    if (anotherEpoch) {
        if (const Result<void> again = store.queueAcknowledgedAgain(); !again)
            return again.error();
    }
    // Behind the purge horizon: the kept base versions may be older than
    // what the server still knows, so they go too (SYNC.md 3).
    const bool missedPurge = head->missedPurge(state->cursor);
    if (anotherEpoch || missedPurge) {
        if (const Result<void> forgot = store.startOver(head->epoch); !forgot)
            return forgot.error();
    }
    const Result<PushSummary> pushed = OutboxPush::run(server, store, *link);
    if (!pushed)
        return pushed.error();
    summary.push = *pushed;
    // Nothing new on the server since the last pull, and nothing sent: the
    // pull is skipped (a polling PC's round is then two small statements).
    if (!anotherEpoch && pushed->pushed == 0 && pushed->uploaded == 0
        && head->version == state->cursor && !state->epoch.isEmpty()) {
        summary.pull.cursor = state->cursor;
        return summary;
    }
    // A new epoch, a missed purge, or the first pull: the whole book by COPY
    // (FirstSync).
    const Result<PullSummary> pulled = anotherEpoch || missedPurge
            ? BookPull::fromScratch(server, store, head->epoch, progress)
            : BookPull::run(server, store, progress);
    if (!pulled)
        return pulled.error();
    summary.pull = *pulled;
    summary.pull.missedPurge = summary.pull.missedPurge || missedPurge;
    return summary;
}

Result<SyncSummary> SyncRound::finish(Store &store, Result<SyncSummary> result)
{
    const Result<void> recorded = result
            ? store.recordSyncRound(store.clock().secondsNow(), QString())
            : store.recordSyncRound(std::nullopt, result.error().message);
    if (!recorded)
        qCWarning(lcSync) << "could not record the round:" << recorded.error().message;
    if (!result)
        qCWarning(lcSync) << "sync round failed:" << result.error().message;
    return result;
}

} // namespace chairside
