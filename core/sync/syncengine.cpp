#include "syncengine.h"

#include "auth/tokenstore.h"
#include "logging.h"
#include "server/libpq.h"
#include "server/serverconnection.h"
#include "server/serverjoin.h"
#include "store/store.h"
#include "syncconnection.h"
#include "syncround.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

namespace chairside {

namespace {

// The channel the server's push functions NOTIFY (002_push.sql).
constexpr char channel[] = "chairside_book";

int withJitter(int ms)
{
    return int(ms * (0.8 + 0.4 * QRandomGenerator::global()->generateDouble()));
}

} // namespace

// The engine's half on its own thread: its Store, its connection, its
// timers. Everything here runs on that thread.
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    SyncWorker(QString path, const Clock *clock, ServerLink link, QByteArray password,
               SyncEngine::Options options)
        : m_path(std::move(path))
        , m_clock(clock)
        , m_link(std::move(link))
        , m_password(std::move(password))
        , m_options(std::move(options))
    {}
    ~SyncWorker() override
    {
        dropConnection();
        m_password.fill('\0');
    }

public slots:
    void begin();
    // A round soon (a local write): coalesced, and not while waiting for a
    // reconnect (the reconnect pulls and pushes anyway).
    void pushSoon();
    // A round now: the user asked (starts again after a refusal).
    void syncNow();

signals:
    void factsChanged(const chairside::SyncFacts &facts);
    void progress(qint64 done, qint64 total);
    void roundFinished(bool ok, bool wrote);
    void retryScheduled(int delayMs);
    void listening();

private:
    void connectAndSync();
    void round();
    void fail(const Error &error);
    void scheduleRetry();
    void schedulePoll(bool moved);
    void readNotifications();
    bool drainNotifications();
    // The connection dropped (said, and a reconnect scheduled).
    bool lost();
    void dropConnection();
    void report(SyncFacts::State state, const QString &error = {});
    void reportSyncing();

    QString m_path;
    const Clock *m_clock;
    ServerLink m_link;
    QByteArray m_password; // in memory only; never logged
    SyncEngine::Options m_options;

    std::unique_ptr<Store> m_store;
    std::unique_ptr<ServerConnection> m_server;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_poll = nullptr;
    QTimer *m_push = nullptr;
    QTimer *m_retry = nullptr;
    QString m_name;
    int m_retryMs = 0;    // the next reconnect's delay (0: the first)
    int m_quietPolls = 0; // polls without LISTEN that found nothing
    bool m_refused = false;
    bool m_inRound = false;
    // A NOTIFY said the server is past this PC's cursor: the next round may
    // pull at once (SyncRound::run's newerOnServer).
    bool m_newerOnServer = false;
    // The facts last reported: a round's start says "syncing" with them
    // rather than reading the store again on its way to the server.
    std::optional<SyncFacts> m_facts;
};

void SyncWorker::begin()
{
    m_poll = new QTimer(this);
    m_poll->setSingleShot(true);
    connect(m_poll, &QTimer::timeout, this, &SyncWorker::round);
    m_push = new QTimer(this);
    m_push->setSingleShot(true);
    m_push->setInterval(m_options.pushDelayMs);
    connect(m_push, &QTimer::timeout, this, &SyncWorker::round);
    m_retry = new QTimer(this);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &SyncWorker::connectAndSync);

    // The window's check reads the file already; this one does not again.
    auto store = Store::open(m_path, Store::Check::InBackground, *m_clock);
    if (!store) {
        report(SyncFacts::State::Stopped, store.error().message);
        return;
    }
    m_store = std::move(*store);
    connectAndSync();
}

void SyncWorker::pushSoon()
{
    if (m_refused || !m_store || m_retry->isActive() || m_push->isActive())
        return;
    m_push->start();
}

void SyncWorker::syncNow()
{
    if (!m_store)
        return;
    m_refused = false;
    m_retryMs = 0;
    m_retry->stop();
    if (m_server)
        round();
    else
        connectAndSync();
}

void SyncWorker::connectAndSync()
{
    if (m_refused || m_inRound)
        return;
    dropConnection();
    report(SyncFacts::State::Connecting);
    auto server = SyncConnection::open(m_link, m_password, m_options.connectTimeoutSeconds);
    if (!server) {
        fail(server.error());
        return;
    }
    m_server = std::move(*server);
    if (const Result<QString> name = SyncFacts::deviceName(*m_server); name)
        m_name = *name;
    const Result<SyncState> state = m_store->syncState();
    // Behind a shared pool a session is not this PC's to keep: it polls.
    if (state && state->listen && !m_server->isPooled()) {
        // A wake-up only: the poll and this reconnect's round cover what
        // was sent while nobody listened (SYNC.md 13).
        const Result<QList<QByteArrayList>> listened =
                m_server->run(QByteArrayLiteral("LISTEN ") + channel, {},
                              SyncEngine::tr("Listening for the salon's changes"));
        const Result<pg_conn *> conn = m_server->libpqConnection();
        if (!listened || !conn) {
            fail(!listened ? listened.error() : conn.error());
            return;
        }
        m_notifier = new QSocketNotifier(LibPq::get()->socket(*conn), QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &SyncWorker::readNotifications);
        emit listening();
    }
    round();
}

void SyncWorker::round()
{
    if (m_refused || m_inRound || !m_store)
        return;
    if (!m_server) {
        if (!m_retry->isActive())
            connectAndSync();
        return;
    }
    m_push->stop();
    m_poll->stop();
    m_inRound = true;
    if (m_notifier)
        m_notifier->setEnabled(false); // libpq reads the socket itself meanwhile
    reportSyncing();
    const bool newerOnServer = std::exchange(m_newerOnServer, false);
    const Result<SyncSummary> done = SyncRound::run(
            *m_store, *m_server,
            [this](qint64 received, qint64 total) { emit progress(received, total); },
            newerOnServer);
    m_inRound = false;
    if (!done) {
        fail(done.error());
        emit roundFinished(false, false);
        return;
    }
    if (m_notifier)
        m_notifier->setEnabled(true);
    m_retryMs = 0;
    const bool wrote = done->push.pushed > 0 || done->push.uploaded > 0 || done->pull.written > 0
            || done->pull.fromScratch;
    report(SyncFacts::State::UpToDate);
    emit roundFinished(true, wrote);
    // A NOTIFY heard during the round (its own push's, or another PC's) is
    // in libpq's queue now, and the socket has nothing more to say.
    const bool again = drainNotifications();
    if (lost())
        return;
    if (again)
        m_push->start();
    else
        schedulePoll(wrote || done->pull.received > 0);
}

void SyncWorker::fail(const Error &error)
{
    dropConnection();
    // For `chairside-cli sync status` (a round records its own failure):
    // written only when it says something new, since every write here
    // makes the window reload.
    if (const Result<SyncState> state = m_store->syncState();
        state && state->lastError != error.message)
        (void)m_store->recordSyncRound(std::nullopt, error.message);
    if (SyncConnection::refusesThisPc(error, m_link)) {
        m_refused = true;
        m_poll->stop();
        m_push->stop();
        m_retry->stop();
        qCWarning(lcSync) << "the server refused this PC; no more retries until asked";
        report(SyncFacts::State::Revoked, error.message);
        return;
    }
    report(error.code == Error::Code::Unavailable ? SyncFacts::State::Offline
                                                  : SyncFacts::State::Error,
           error.message);
    scheduleRetry();
}

void SyncWorker::scheduleRetry()
{
    m_poll->stop();
    m_push->stop();
    m_retryMs =
            m_retryMs == 0 ? m_options.firstRetryMs : std::min(m_retryMs * 2, m_options.maxRetryMs);
    const int delay = m_options.jitter ? m_options.jitter(m_retryMs) : withJitter(m_retryMs);
    qCInfo(lcSync) << "reconnecting in" << delay << "ms";
    m_retry->start(std::max(0, delay));
    emit retryScheduled(delay);
}

void SyncWorker::schedulePoll(bool moved)
{
    if (m_notifier) {
        m_poll->start(m_options.pollMs);
        return;
    }
    // Polling only: soon after something moved, then more and more slowly.
    m_quietPolls = moved ? 0 : std::min(m_quietPolls + 1, 20);
    const qint64 interval = qint64(m_options.quickPollMs) << m_quietPolls;
    m_poll->start(
            int(std::min<qint64>(interval, std::max(m_options.pollMs, m_options.quickPollMs))));
}

void SyncWorker::readNotifications()
{
    if (!m_server || m_inRound)
        return;
    const bool newer = drainNotifications();
    if (lost())
        return;
    if (newer)
        round();
}

bool SyncWorker::lost()
{
    // A server shutting down sends its last words before it closes: libpq
    // reads them, then the end of the stream, drops the socket and says so
    // in PQstatus() (a QSocketNotifier on the dropped socket would go deaf).
    const Result<pg_conn *> conn =
            m_server ? m_server->libpqConnection() : Result<pg_conn *>(nullptr);
    if (conn && *conn && LibPq::get()->status(*conn) == CONNECTION_OK)
        return false;
    fail(Error::unavailable(
            SyncEngine::tr("The connection to the server %1 was lost.").arg(m_link.url)));
    return true;
}

bool SyncWorker::drainNotifications()
{
    const Result<pg_conn *> conn =
            m_server ? m_server->libpqConnection() : Result<pg_conn *>(nullptr);
    if (!conn || !*conn)
        return false;
    const Result<SyncState> state = m_store->syncState();
    const qint64 cursor = state ? state->cursor : 0;
    bool newer = false;
    const LibPq *pq = LibPq::get();
    pq->consumeInput(*conn);
    while (PGnotify *notify = pq->notifies(*conn)) {
        const QJsonObject payload = QJsonDocument::fromJson(QByteArray(notify->extra)).object();
        if (payload.value(QStringLiteral("salon")).toString() == m_link.salonId
            && payload.value(QStringLiteral("version")).toInteger() > cursor)
            newer = true;
        pq->freemem(notify);
    }
    m_newerOnServer = m_newerOnServer || newer;
    return newer;
}

void SyncWorker::dropConnection()
{
    delete m_notifier;
    m_notifier = nullptr;
    m_server.reset();
}

void SyncWorker::report(SyncFacts::State state, const QString &error)
{
    Result<SyncFacts> facts = m_store ? SyncFacts::read(*m_store) : Result<SyncFacts>(SyncFacts());
    if (!facts)
        facts = SyncFacts();
    facts->link = m_link;
    facts->state = state;
    facts->name = m_name;
    if (!error.isEmpty())
        facts->lastError = error;
    m_facts = *facts;
    emit factsChanged(*facts);
}

void SyncWorker::reportSyncing()
{
    if (!m_facts) {
        report(SyncFacts::State::Syncing);
        return;
    }
    m_facts->state = SyncFacts::State::Syncing;
    emit factsChanged(*m_facts);
}

// --- the window's half -------------------------------------------------------

SyncEngine::SyncEngine(Store *store, TokenStore *keychain, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_keychain(keychain), m_options(std::move(options))
{
    qRegisterMetaType<SyncFacts>();
}

SyncEngine::SyncEngine(Store *store, TokenStore *keychain, QObject *parent)
    : SyncEngine(store, keychain, Options{}, parent)
{}

SyncEngine::~SyncEngine()
{
    stopWorker();
}

void SyncEngine::start()
{
    stopWorker();
    Result<SyncFacts> facts = SyncFacts::read(*m_store);
    if (!facts) {
        failBeforeWorker(SyncFacts::State::Stopped, facts.error().message);
        return;
    }
    if (!facts->joined()) {
        setFacts(*facts);
        return;
    }
    facts->state = SyncFacts::State::Connecting;
    setFacts(*facts);
    readPassword(facts->link);
}

void SyncEngine::syncNow()
{
    if (m_worker) {
        QMetaObject::invokeMethod(m_worker, &SyncWorker::syncNow);
        return;
    }
    if (!m_readingPassword)
        start(); // a keychain that was locked, or not started yet
}

void SyncEngine::readPassword(const ServerLink &link)
{
    // TokenStore answers later, with a signal: the window never waits.
    const QString account = ServerJoin::keychainAccount(link.deviceId);
    disconnect(m_passwordRead);
    m_readingPassword = true;
    m_passwordRead = connect(
            m_keychain, &TokenStore::secretRead, this,
            [this, account, link](const QString &answered, const QString &secret,
                                  const Result<QByteArray> &password) {
                if (answered != account || secret != ServerJoin::passwordSecret())
                    return;
                disconnect(m_passwordRead);
                m_readingPassword = false;
                if (!password) {
                    failBeforeWorker(SyncFacts::State::Stopped,
                                     ServerJoin::passwordReadError(password.error()).message);
                    return;
                }
                startWorker(link, *password);
            });
    m_keychain->read(account, ServerJoin::passwordSecret());
}

void SyncEngine::startWorker(const ServerLink &link, const QByteArray &password)
{
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("sync-engine"));
    auto *worker = new SyncWorker(m_store->path(), &m_store->clock(), link, password, m_options);
    worker->moveToThread(m_thread);
    m_worker = worker;
    connect(m_thread, &QThread::started, worker, &SyncWorker::begin);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &SyncWorker::factsChanged, this, &SyncEngine::setFacts);
    connect(worker, &SyncWorker::progress, this, &SyncEngine::firstSyncProgress);
    connect(worker, &SyncWorker::roundFinished, this, &SyncEngine::roundFinished);
    connect(worker, &SyncWorker::retryScheduled, this, &SyncEngine::retryScheduled);
    connect(worker, &SyncWorker::listening, this, &SyncEngine::listening);
    // This window's writes go out soon (another process's wait for the poll).
    connect(m_store, &Store::changed, worker, &SyncWorker::pushSoon);
    m_thread->start();
}

void SyncEngine::stopWorker()
{
    disconnect(m_passwordRead);
    m_readingPassword = false;
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void SyncEngine::setFacts(const SyncFacts &facts)
{
    m_facts = facts;
    emit factsChanged(m_facts);
}

void SyncEngine::failBeforeWorker(SyncFacts::State state, const QString &error)
{
    SyncFacts facts = m_facts;
    facts.state = state;
    facts.lastError = error;
    setFacts(facts);
}

} // namespace chairside

#include "syncengine.moc"
