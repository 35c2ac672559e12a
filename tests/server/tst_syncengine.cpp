// The background sync engine (issue 9, docs/sync.md "The engine") against
// the real cluster and a real Secret Service (with-keyring.sh): PC A runs
// the engine, PC B changes the book round by round. LISTEN wakes A up
// without waiting for its poll; a local write is pushed soon; a stopped
// server makes A offline and it comes back by itself, backing off; a
// revoked PC stops retrying and keeps its book; through PgBouncer in
// transaction pooling A polls and never LISTENs.

#include "auth/tokenstore.h"
#include "domain/client.h"
#include "joinedpc.h"
#include "server/deviceenrolment.h"
#include "server/serverconnection.h"
#include "server/serverschema.h"
#include "store/store.h"
#include "sync/syncconnection.h"
#include "sync/syncengine.h"
#include "sync/syncround.h"
#include "testserver.h"
#include "testsupport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace chairside;
using testserver::FreshDatabase;
using testserver::JoinedPc;

namespace {

// Long enough that only a NOTIFY (or a local write) explains a round.
constexpr int neverPollMs = 10 * 60 * 1000;
constexpr int waitMs = 20000;

Client newClient(const QString &salonId, const QString &name)
{
    Client client;
    client.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    client.salonId = salonId;
    client.name = name;
    return client;
}

QString stateName(SyncFacts::State state)
{
    switch (state) {
    case SyncFacts::State::NotJoined: return QStringLiteral("not joined");
    case SyncFacts::State::Offline: return QStringLiteral("offline");
    case SyncFacts::State::Connecting: return QStringLiteral("connecting");
    case SyncFacts::State::Syncing: return QStringLiteral("syncing");
    case SyncFacts::State::UpToDate: return QStringLiteral("up to date");
    case SyncFacts::State::Error: return QStringLiteral("error");
    case SyncFacts::State::Revoked: return QStringLiteral("revoked");
    case SyncFacts::State::Stopped: return QStringLiteral("stopped");
    }
    return {};
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void notifyWakesTheEngine();
    void localWriteIsPushedSoon();
    void revokedPcStopsRetrying();
    // A keyring of its own, locked (it stays locked for the process).
    void lockedKeychainSaysSoAndWaits();
    // A cluster of its own (OWN_CLUSTER): halted and resumed.
    void serverDownBacksOffAndRecovers();
    // Through PgBouncer (the pgbouncer fixture).
    void pollOnlyThroughPgBouncer();
    // Through PgBouncer's shared pool (one server login for all PCs).
    void sharedPoolPollsWithTheKey();

private:
    ServerUrl ownerUrl() const;
    SyncEngine::Options options() const;
    // options() with polling on: quickly after a change, then every 800 ms.
    SyncEngine::Options pollingOptions() const;
    std::unique_ptr<SyncEngine> engineFor(JoinedPc &pc, SyncEngine::Options options);
    // The PC's sync connection, as the engine opens it (with its device
    // key behind the shared pool).
    static Result<std::unique_ptr<ServerConnection>> connectAs(const JoinedPc &pc);
    // B's change reaches the server (one round of B's).
    void pushFrom(JoinedPc &pc, const Client &client);
    static bool waitForState(SyncEngine &engine, SyncFacts::State state, int ms = waitMs);
    static bool cluster(const QString &verb);

    std::unique_ptr<FreshDatabase> m_database;
    std::unique_ptr<JoinedPc> m_a;
    std::unique_ptr<JoinedPc> m_b;
    TokenStore *m_keychain = nullptr;
    QString m_salon;
    bool m_viaBouncer = false;
    bool m_shared = false; // the PCs sync through PgBouncer's shared pool
};

void TestSyncEngine::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_URL"), "run this through ctest");
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_KEYRING_HOME"),
             "run this through ctest (with-keyring.sh)");
    qRegisterMetaType<SyncFacts>();
}

void TestSyncEngine::init()
{
    m_shared = QByteArray(QTest::currentTestFunction()) == "sharedPoolPollsWithTheKey";
    m_viaBouncer =
            m_shared || QByteArray(QTest::currentTestFunction()) == "pollOnlyThroughPgBouncer";
    if (m_viaBouncer)
        QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PGBOUNCER_URL"),
                 "run this through ctest (the pgbouncer fixture)");
    m_database = std::make_unique<FreshDatabase>(
            QStringLiteral("engine_")
            + QString::fromLatin1(QTest::currentTestFunction()).toLower());
    QVERIFY(m_database->ok());
    QSqlDatabase owner = m_database->owner();
    const auto migrated = ServerSchema::migrate(owner);
    QVERIFY2(migrated, qPrintable(migrated ? QString() : migrated.error().message));
    m_salon = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // Behind the shared pool: pgbouncer.sh's "<database>_shared" entry.
    std::optional<ServerUrl> pcUrl;
    if (m_shared) {
        pcUrl = ownerUrl();
        pcUrl->set(QStringLiteral("dbname"), m_database->name() + QStringLiteral("_shared"));
    }
    m_a = JoinedPc::join(ownerUrl(), m_salon, QStringLiteral("Front desk"), pcUrl);
    QVERIFY(m_a);
    // A brings the salon (its first round uploads its book), then B joins it.
    Salon salon;
    salon.id = m_salon;
    salon.name = QStringLiteral("Hair by Ann");
    salon.timeZone = QStringLiteral("Europe/London");
    QVERIFY(m_a->store().save(salon));
    {
        auto server = connectAs(*m_a);
        QVERIFY2(server, qPrintable(server ? QString() : server.error().message));
        const Result<SyncSummary> first = SyncRound::run(m_a->store(), **server);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    }
    m_b = JoinedPc::join(ownerUrl(), m_salon, QStringLiteral("Back office"), pcUrl);
    QVERIFY(m_b);
    auto server = connectAs(*m_b);
    QVERIFY(server);
    QVERIFY(SyncRound::run(m_b->store(), **server));
    m_keychain = new TokenStore(this);
}

void TestSyncEngine::cleanup()
{
    QStringList roles;
    for (const JoinedPc *pc : {m_a.get(), m_b.get()})
        if (pc)
            roles.append(pc->link().loginRole);
    m_a.reset();
    m_b.reset();
    delete m_keychain;
    m_keychain = nullptr;
    if (m_database && m_viaBouncer) // PgBouncer keeps server connections open
        testserver::ownerValue(
                *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL")),
                QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = '%1'")
                        .arg(m_database->name()));
    m_database.reset();
    for (const QString &role : std::as_const(roles))
        testserver::ownerValue(*ServerUrl::parse(testserver::ownerUrl().toString()),
                               QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(role));
}

ServerUrl TestSyncEngine::ownerUrl() const
{
    if (!m_viaBouncer)
        return *ServerUrl::parse(m_database->url().toString());
    ServerUrl url = *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PGBOUNCER_URL"));
    url.set(QStringLiteral("dbname"), m_database->name());
    return url;
}

SyncEngine::Options TestSyncEngine::options() const
{
    SyncEngine::Options options;
    options.pollMs = neverPollMs;
    options.quickPollMs = neverPollMs;
    options.pushDelayMs = 50;
    options.firstRetryMs = 100;
    options.maxRetryMs = 400;
    options.connectTimeoutSeconds = 5;
    options.jitter = [](int ms) {
        return ms;
    }; // the delays as computed
    return options;
}

SyncEngine::Options TestSyncEngine::pollingOptions() const
{
    SyncEngine::Options polling = options();
    polling.quickPollMs = 100;
    polling.pollMs = 800;
    return polling;
}

std::unique_ptr<SyncEngine> TestSyncEngine::engineFor(JoinedPc &pc, SyncEngine::Options options)
{
    auto engine = std::make_unique<SyncEngine>(&pc.store(), m_keychain, std::move(options));
    engine->start();
    return engine;
}

Result<std::unique_ptr<ServerConnection>> TestSyncEngine::connectAs(const JoinedPc &pc)
{
    return SyncConnection::open(pc.link(), pc.url().password().toUtf8());
}

void TestSyncEngine::pushFrom(JoinedPc &pc, const Client &client)
{
    QVERIFY(pc.store().save(client));
    auto server = connectAs(pc);
    QVERIFY2(server, qPrintable(server ? QString() : server.error().message));
    const Result<SyncSummary> round = SyncRound::run(pc.store(), **server);
    QVERIFY2(round, qPrintable(round ? QString() : round.error().message));
    QCOMPARE(round->push.applied, 1);
}

bool TestSyncEngine::waitForState(SyncEngine &engine, SyncFacts::State state, int ms)
{
    const bool reached = QTest::qWaitFor([&] { return engine.facts().state == state; }, ms);
    if (!reached)
        qWarning("the engine is %s (%s), not %s", qPrintable(stateName(engine.facts().state)),
                 qPrintable(engine.facts().lastError), qPrintable(stateName(state)));
    return reached;
}

bool TestSyncEngine::cluster(const QString &verb)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(QStringLiteral("bash"),
                  {qEnvironmentVariable("CHAIRSIDE_TEST_PG_CLUSTER"), verb,
                   qEnvironmentVariable("CHAIRSIDE_TEST_PG_CLUSTER_DIR")});
    return process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0;
}

void TestSyncEngine::notifyWakesTheEngine()
{
    // The window's store hears of the engine's writes as another writer's.
    m_a->store().watchOtherWriters(true, 100);
    std::unique_ptr<SyncEngine> engine = engineFor(*m_a, options());
    QSignalSpy listening(engine.get(), &SyncEngine::listening);
    QVERIFY(waitForState(*engine, SyncFacts::State::UpToDate));
    QCOMPARE(listening.size(), 1);
    QCOMPARE(engine->facts().name, QStringLiteral("Front desk"));
    QCOMPARE(engine->facts().link.deviceId, m_a->link().deviceId);
    QVERIFY(engine->facts().lastSyncAt.has_value());

    QSignalSpy rounds(engine.get(), &SyncEngine::roundFinished);
    QSignalSpy replaced(&m_a->store(), &Store::contentsReplaced);
    const Client mia = newClient(m_salon, QStringLiteral("Mia Notified"));
    pushFrom(*m_b, mia);
    // The poll is ten minutes away: only the NOTIFY explains this.
    QTRY_VERIFY_WITH_TIMEOUT(VALUE_OF(m_a->store().client(mia.id)).has_value(), waitMs);
    // (Its roundFinished() is queued to this thread after the commit.)
    QTRY_VERIFY_WITH_TIMEOUT(!rounds.isEmpty(), waitMs);
    QVERIFY(rounds.last().at(0).toBool());
    QVERIFY(rounds.last().at(1).toBool()); // it wrote
    // ...and the window reloads (PRAGMA data_version), well within a second.
    QTRY_VERIFY_WITH_TIMEOUT(!replaced.isEmpty(), 1000);
    QCOMPARE(engine->facts().state, SyncFacts::State::UpToDate);
}

void TestSyncEngine::localWriteIsPushedSoon()
{
    std::unique_ptr<SyncEngine> engine = engineFor(*m_a, options());
    QVERIFY(waitForState(*engine, SyncFacts::State::UpToDate));
    QSignalSpy rounds(engine.get(), &SyncEngine::roundFinished);
    // Three writes in a row: one round takes them (coalesced).
    const Client ann = newClient(m_salon, QStringLiteral("Ann Local"));
    QVERIFY(m_a->store().save(ann));
    QVERIFY(m_a->store().save(newClient(m_salon, QStringLiteral("Bea Local"))));
    QVERIFY(m_a->store().save(newClient(m_salon, QStringLiteral("Cat Local"))));
    QTRY_VERIFY_WITH_TIMEOUT(!rounds.isEmpty() && engine->facts().pending == 0, waitMs);
    QCOMPARE(rounds.size(), 1);
    // B has it after one round of its own.
    auto server = m_b->connect();
    QVERIFY(server);
    QVERIFY(SyncRound::run(m_b->store(), **server));
    QVERIFY(VALUE_OF(m_b->store().client(ann.id)).has_value());
}

void TestSyncEngine::revokedPcStopsRetrying()
{
    std::unique_ptr<SyncEngine> engine = engineFor(*m_a, options());
    QVERIFY(waitForState(*engine, SyncFacts::State::UpToDate));
    const Client kept = newClient(m_salon, QStringLiteral("Kept Offline"));
    QVERIFY(m_a->store().save(kept));
    QVERIFY(waitForState(*engine, SyncFacts::State::UpToDate));
    const qsizetype clients = VALUE_OF(m_a->store().clients(m_salon)).size();

    auto admin = ServerConnection::open(*ServerUrl::parse(m_database->url().toString()));
    QVERIFY(admin);
    QVERIFY(DeviceEnrolment::revoke(**admin, m_a->link().deviceId));

    QSignalSpy retries(engine.get(), &SyncEngine::retryScheduled);
    engine->syncNow();
    QVERIFY(waitForState(*engine, SyncFacts::State::Revoked));
    QVERIFY2(engine->facts().lastError.contains(QLatin1String("refused")),
             qPrintable(engine->facts().lastError));
    // No retry is scheduled, and a local write does not start one either.
    QVERIFY(m_a->store().save(newClient(m_salon, QStringLiteral("Written After"))));
    QVERIFY(!retries.wait(4 * options().maxRetryMs));
    QCOMPARE(engine->facts().state, SyncFacts::State::Revoked);
    // The book is as it was, the write after included.
    QCOMPARE(VALUE_OF(m_a->store().clients(m_salon)).size(), clients + 1);
    QVERIFY(VALUE_OF(m_a->store().client(kept.id)).has_value());
}

void TestSyncEngine::lockedKeychainSaysSoAndWaits()
{
    const qsizetype clients = VALUE_OF(m_a->store().clients(m_salon)).size();
    const QString locked = testsupport::lockKeyring();
    QVERIFY2(locked.isEmpty(), qPrintable(locked));

    std::unique_ptr<SyncEngine> engine = engineFor(*m_a, options());
    QSignalSpy retries(engine.get(), &SyncEngine::retryScheduled);
    QVERIFY(waitForState(*engine, SyncFacts::State::Stopped));
    // libsecret answers a locked keyring's lookup as "not found" (its unlock
    // prompt cannot show), so the sentence names both causes.
    const QString said = engine->facts().lastError;
    QVERIFY2(said.contains(QLatin1String("keychain may be locked (unlock it and try again)")),
             qPrintable(said));
    // The front desk goes on: a write is kept, waiting to sync.
    QVERIFY(m_a->store().save(newClient(m_salon, QStringLiteral("Written While Locked"))));
    QCOMPARE(VALUE_OF(m_a->store().clients(m_salon)).size(), clients + 1);
    QCOMPARE(VALUE_OF(m_a->store().outboxPending(Store::serverConsumer)), 1);
    // Without the password there is nothing to retry with: no reconnects.
    QVERIFY(!retries.wait(4 * options().maxRetryMs));
    // Sync now asks the keychain again, and is told the same.
    QSignalSpy facts(engine.get(), &SyncEngine::factsChanged);
    engine->syncNow();
    QVERIFY(facts.wait(waitMs));
    QVERIFY(waitForState(*engine, SyncFacts::State::Stopped));
    QCOMPARE(engine->facts().lastError, said);
    QVERIFY(retries.isEmpty());
}

void TestSyncEngine::serverDownBacksOffAndRecovers()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_CLUSTER"),
             "run this through ctest (a cluster of its own)");
    std::unique_ptr<SyncEngine> engine = engineFor(*m_a, options());
    QVERIFY(waitForState(*engine, SyncFacts::State::UpToDate));
    QSignalSpy retries(engine.get(), &SyncEngine::retryScheduled);
    QSignalSpy facts(engine.get(), &SyncEngine::factsChanged);

    QVERIFY(cluster(QStringLiteral("halt")));
    // The LISTEN connection's socket closes: offline at once, and retrying.
    QVERIFY(waitForState(*engine, SyncFacts::State::Offline));
    const Client offline = newClient(m_salon, QStringLiteral("Made Offline"));
    QVERIFY(m_a->store().save(offline));
    // Counted while offline (each attempt says what waits).
    QTRY_COMPARE_WITH_TIMEOUT(engine->facts().pending, qint64(1), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 4, waitMs);
    // 100 ms doubling, up to 400 ms (the seam's jitter gives them as computed).
    QCOMPARE(retries.at(0).at(0).toInt(), 100);
    QCOMPARE(retries.at(1).at(0).toInt(), 200);
    QCOMPARE(retries.at(2).at(0).toInt(), 400);
    QCOMPARE(retries.at(3).at(0).toInt(), 400);

    QVERIFY(cluster(QStringLiteral("resume")));
    QVERIFY(waitForState(*engine, SyncFacts::State::UpToDate, 60000));
    // The change made while the server was down went up on the reconnect.
    QTRY_COMPARE_WITH_TIMEOUT(engine->facts().pending, qint64(0), waitMs);
    auto server = m_b->connect();
    QVERIFY(server);
    QVERIFY(SyncRound::run(m_b->store(), **server));
    QVERIFY(VALUE_OF(m_b->store().client(offline.id)).has_value());
    bool sawOffline = false;
    for (const QList<QVariant> &f : std::as_const(facts))
        sawOffline = sawOffline || f.at(0).value<SyncFacts>().state == SyncFacts::State::Offline;
    QVERIFY(sawOffline);
    // A good round starts the delays over.
    retries.clear();
    QVERIFY(cluster(QStringLiteral("halt")));
    QVERIFY(retries.wait(waitMs));
    QCOMPARE(retries.at(0).at(0).toInt(), 100);
    QVERIFY(cluster(QStringLiteral("resume")));
}

void TestSyncEngine::pollOnlyThroughPgBouncer()
{
    QVERIFY(m_a->store().setSyncListen(false));
    std::unique_ptr<SyncEngine> engine = engineFor(*m_a, pollingOptions());
    QSignalSpy listening(engine.get(), &SyncEngine::listening);
    QVERIFY(waitForState(*engine, SyncFacts::State::UpToDate));
    QVERIFY(!engine->facts().listen);

    const Client mia = newClient(m_salon, QStringLiteral("Mia Polled"));
    pushFrom(*m_b, mia);
    QTRY_VERIFY_WITH_TIMEOUT(VALUE_OF(m_a->store().client(mia.id)).has_value(), waitMs);
    QVERIFY(waitForState(*engine, SyncFacts::State::UpToDate)); // it polls on
    // It never asked for LISTEN: no backend of its login listens.
    QCOMPARE(listening.size(), 0);
    const QString listeners = testserver::ownerValue(
            *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL")),
            QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = '%1' AND "
                           "query ILIKE 'LISTEN%'")
                    .arg(m_a->link().loginRole));
    QCOMPARE(listeners, QStringLiteral("0"));
}

void TestSyncEngine::sharedPoolPollsWithTheKey()
{
    // Left at "listen": behind the shared pool the engine polls anyway, and
    // every round carries A's device key.
    QVERIFY(m_a->store().syncState()->listen);
    std::unique_ptr<SyncEngine> engine = engineFor(*m_a, pollingOptions());
    QSignalSpy listening(engine.get(), &SyncEngine::listening);
    QVERIFY(waitForState(*engine, SyncFacts::State::UpToDate));
    QCOMPARE(engine->facts().name, QStringLiteral("Front desk")); // device_name(key)

    const Client mia = newClient(m_salon, QStringLiteral("Mia Shared"));
    pushFrom(*m_b, mia);
    QTRY_VERIFY_WITH_TIMEOUT(VALUE_OF(m_a->store().client(mia.id)).has_value(), waitMs);
    const Client ann = newClient(m_salon, QStringLiteral("Ann From A"));
    QVERIFY(m_a->store().save(ann));
    const ServerUrl direct = *ServerUrl::parse(m_database->url().toString());
    QTRY_COMPARE_WITH_TIMEOUT(
            testserver::ownerValue(direct,
                                   QStringLiteral("SELECT d.name FROM audit_log a JOIN "
                                                  "devices d USING (salon_id, device_id) "
                                                  "WHERE a.entity_id = '%1'")
                                           .arg(ann.id)),
            QStringLiteral("Front desk"), waitMs);
    QCOMPARE(listening.size(), 0);
    // On the server, only the shared login: no backend of A's own.
    QCOMPARE(testserver::ownerValue(
                     *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL")),
                     QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = '%1'")
                             .arg(m_a->link().loginRole)),
             QStringLiteral("0"));
}

QTEST_MAIN(TestSyncEngine)

#include "tst_syncengine.moc"
