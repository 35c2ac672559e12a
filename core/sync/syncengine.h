#pragma once

#include "domain/error.h"
#include "store/serverlink.h"
#include "syncfacts.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QThread;

namespace chairside {

class Clock;
class Store;
class TokenStore;
class SyncWorker;

// The background sync engine (issue 9, docs/sync.md "The engine"): rounds
// of SyncRound on a worker thread of its own, with its own Store (opened on
// that thread on the window's store file) and its own ServerConnection. The
// window never waits on it: they talk by queued signals and slots, and the
// window sees the rounds' writes as another writer's commits
// (Store::watchOtherWriters).
//
// Wake-ups: LISTEN on the server's `chairside_book` channel (a NOTIFY names
// the salon and its new version), a periodic poll, every reconnect, and a
// local write (the window store's changed(), coalesced). Without LISTEN
// (SyncState::listen false, for PgBouncer in transaction pooling) it polls,
// quickly after something moved and more slowly while nothing does.
// Reconnects back off (1 s doubling to 5 min, with jitter; reset by a good
// round). A PC the server refuses is Revoked: no retries until syncNow().
//
// The PC's password comes from the keychain on THIS thread (libsecret
// answers only the thread that first used it), read once, asynchronously,
// kept in memory only and never logged.
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int pollMs = 30 * 1000;     // the periodic poll (with LISTEN); the slowest without
        int quickPollMs = 2 * 1000; // without LISTEN: the poll after something moved
        int pushDelayMs = 0;     // a local write is pushed at once (writes already queued share it)
        int firstRetryMs = 1000; // the first reconnect's delay, doubling...
        int maxRetryMs = 5 * 60 * 1000; // ...up to this
        int connectTimeoutSeconds = 10;
        // Test seam: the delay actually waited for a computed one (default:
        // ±20 % random jitter, so PCs of a salon do not come back at once).
        std::function<int(int)> jitter;
    };

    // `store` is the window's (its path and clock; its changed() schedules
    // pushes); `keychain` is this thread's TokenStore. Both must outlive the
    // engine.
    SyncEngine(Store *store, TokenStore *keychain, Options options, QObject *parent = nullptr);
    SyncEngine(Store *store, TokenStore *keychain, QObject *parent = nullptr);
    // Stops the worker (waits for a round in progress: bounded by the
    // connect timeout).
    ~SyncEngine() override;

    // Reads the link; not joined: NotJoined and nothing else. Otherwise reads
    // the password from the keychain and starts the worker. Again after a
    // join: starts over with the new link.
    void start();
    bool isRunning() const { return m_thread != nullptr; }
    const SyncFacts &facts() const { return m_facts; }

public slots:
    // A round now: after a revocation or a keychain that was locked, starts
    // again (the user acted); the retry delay starts over.
    void syncNow();

signals:
    // Every change of state, and after every round (the same facts as
    // `chairside-cli sync status`).
    void factsChanged(const chairside::SyncFacts &facts);
    // A pull of the whole book: rows received of `total`.
    void firstSyncProgress(qint64 done, qint64 total);
    // A round ended; `wrote`: it changed the store.
    void roundFinished(bool ok, bool wrote);
    // A reconnect is scheduled in `delayMs` (after jitter).
    void retryScheduled(int delayMs);
    // LISTEN took effect on a new connection.
    void listening();

private:
    void readPassword(const ServerLink &link);
    void startWorker(const ServerLink &link, const QByteArray &password);
    void stopWorker();
    void setFacts(const SyncFacts &facts);
    void failBeforeWorker(SyncFacts::State state, const QString &error);

    Store *m_store;
    TokenStore *m_keychain;
    Options m_options;
    SyncFacts m_facts;
    QThread *m_thread = nullptr;
    QPointer<SyncWorker> m_worker;
    bool m_readingPassword = false;
    QMetaObject::Connection m_passwordRead;
};

} // namespace chairside
