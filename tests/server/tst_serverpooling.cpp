#include "domain/client.h"
#include "domain/salon.h"
#include "joinedpc.h"
#include "server/deviceenrolment.h"
#include "server/serverschema.h"
#include "store/store.h"
#include "sync/syncconnection.h"
#include "sync/syncround.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace chairside;
using testserver::FreshDatabase;
using testserver::JoinedPc;

// Many PCs through PgBouncer in transaction-pooling mode (the "pgbouncer"
// fixture, tests/server/pgbouncer.sh, in front of the shared cluster): a PC
// enrolled and joined through it pushes and uploads with unnamed statements,
// and many PCs at once use a few server connections. QPSQL's prepared
// statements are named SQL PREPAREs, which transaction pooling breaks
// (PgBouncer 1.18 has no prepared-statement support): shown here, so that
// nobody builds on them.
class TestServerPooling : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void joinedThroughPgbouncer();
    void pushAndUploadInTransactionMode();
    void qpsqlPrepareIsNotForTransactionMode();
    void manyPcsFewServerConnections();
    void sharedPoolKnowsPcsByKey();

private:
    // The owner's address through PgBouncer, to this test's database.
    ServerUrl bouncerOwnerUrl() const;
    // The owner's address straight to the server.
    ServerUrl directOwnerUrl() const;
    // The server backends of the PC's login, counted on the server itself.
    int serverConnectionsOfPc() const;

    std::unique_ptr<FreshDatabase> m_database;
    std::unique_ptr<JoinedPc> m_pc;
    const QString m_salon = QUuid::createUuid().toString(QUuid::WithoutBraces);
};

void TestServerPooling::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PGBOUNCER_URL"),
             "run this through ctest (the pgbouncer fixture)");
    m_database = std::make_unique<FreshDatabase>(QStringLiteral("pooling"));
    QVERIFY(m_database->ok());
    QSqlDatabase owner = m_database->owner();
    const auto migrated = ServerSchema::migrate(owner);
    QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
    // Enrolled with PgBouncer's address, so the code sends the PC there.
    m_pc = JoinedPc::join(bouncerOwnerUrl(), m_salon, QStringLiteral("Front desk"));
    QVERIFY(m_pc);
}

void TestServerPooling::cleanupTestCase()
{
    const QString role = m_pc ? m_pc->link().loginRole : QString();
    m_pc.reset();
    // PgBouncer keeps server connections of the PC's login (and of its
    // auth_query login) to the database; only the superuser may end those.
    if (m_database)
        testserver::ownerValue(
                *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL")),
                QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = '%1'")
                        .arg(m_database->name()));
    m_database.reset();
    if (!role.isEmpty())
        testserver::ownerValue(*ServerUrl::parse(testserver::ownerUrl().toString()),
                               QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(role));
}

ServerUrl TestServerPooling::bouncerOwnerUrl() const
{
    ServerUrl url = *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PGBOUNCER_URL"));
    url.set(QStringLiteral("dbname"), m_database->name());
    return url;
}

ServerUrl TestServerPooling::directOwnerUrl() const
{
    return *ServerUrl::parse(m_database->url().toString());
}

int TestServerPooling::serverConnectionsOfPc() const
{
    return testserver::ownerValue(directOwnerUrl(),
                                  QStringLiteral("SELECT count(*) FROM pg_stat_activity "
                                                 "WHERE usename = '%1'")
                                          .arg(m_pc->link().loginRole))
            .toInt();
}

void TestServerPooling::joinedThroughPgbouncer()
{
    // The link holds PgBouncer's address, and the PC logs in there with the
    // password from its keychain (SCRAM through PgBouncer's auth_query).
    const ServerUrl bouncer = bouncerOwnerUrl();
    QCOMPARE(ServerUrl::parse(m_pc->link().url)->hosts(), bouncer.hosts());
    auto connection = m_pc->connect();
    QVERIFY2(connection.ok(), qPrintable(connection.ok() ? QString() : connection.error().message));
    const auto rows = (*connection)
                              ->execParams(QStringLiteral("SELECT current_user, device_salon()"),
                                           {}, QStringLiteral("Reading"));
    QVERIFY2(rows.ok(), qPrintable(rows.ok() ? QString() : rows.error().message));
    QCOMPARE(rows->constFirst(), (QStringList{m_pc->link().loginRole, m_salon}));
}

void TestServerPooling::pushAndUploadInTransactionMode()
{
    // Another connection of the same PC holds a transaction, and with it one
    // of the pool's server connections: each statement below may run on
    // another server connection than the one before.
    auto holder = m_pc->connect();
    QVERIFY(holder.ok());
    QVERIFY((*holder)->database().transaction());
    QVERIFY((*holder)->execParams(QStringLiteral("SELECT 1"), {}, QStringLiteral("Holding")).ok());

    auto connection = m_pc->connect();
    QVERIFY(connection.ok());
    // The first PC of the salon brings its book.
    Salon salon;
    salon.id = m_salon;
    salon.name = QStringLiteral("Pooled Hair");
    salon.timeZone = QStringLiteral("Europe/London");
    const auto uploaded = testserver::uploadBook(
            **connection,
            QJsonArray{QJsonObject{{QStringLiteral("entity"), QStringLiteral("salon")},
                                   {QStringLiteral("id"), salon.id},
                                   {QStringLiteral("payload"), salon.toJson()}}},
            true);
    QVERIFY2(uploaded.ok(), qPrintable(uploaded.ok() ? QString() : uploaded.error().message));
    QCOMPARE(uploaded->at(0)[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));

    const QJsonArray batch = m_pc->nextMutations(3, QStringLiteral("pooled"));
    const auto pushed = testserver::pushMutations(**connection, batch);
    QVERIFY2(pushed.ok(), qPrintable(pushed.ok() ? QString() : pushed.error().message));
    QCOMPARE(pushed->size(), 3);
    for (const QJsonValue &outcome : *pushed)
        QCOMPARE(outcome[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    // A retry on a connection of its own: the stored outcomes, nothing doubled.
    auto again = m_pc->connect();
    QVERIFY(again.ok());
    const auto retried = testserver::pushMutations(**again, batch);
    QVERIFY(retried.ok());
    QCOMPARE(*retried, *pushed);
    QVERIFY((*holder)->database().commit());
    QCOMPARE(testserver::ownerValue(directOwnerUrl(),
                                    QStringLiteral("SELECT count(*) FROM clients WHERE salon_id = "
                                                   "'%1' AND id LIKE 'pooled-%'")
                                            .arg(m_salon)),
             QStringLiteral("3"));
}

void TestServerPooling::qpsqlPrepareIsNotForTransactionMode()
{
    // QSqlQuery::prepare sends "PREPARE qpsqlpstmt_N AS …" as a statement of
    // its own, and exec() "EXECUTE qpsqlpstmt_N (…)" as another. Between the
    // two PgBouncer hands the server connection (the PREPARE's, reused
    // last-in first-out) to whoever asks first, here another PC's
    // transaction; the EXECUTE lands on another server connection, which
    // has no such statement.
    auto pc = m_pc->connect();
    auto other = m_pc->connect();
    QVERIFY(pc.ok() && other.ok());
    QSqlQuery prepared((*pc)->database());
    QVERIFY2(prepared.prepare(QStringLiteral("SELECT device_salon() = ?")),
             qPrintable(prepared.lastError().text()));
    QVERIFY((*other)->database().transaction());
    QVERIFY((*other)->execParams(QStringLiteral("SELECT 1"), {}, QStringLiteral("Holding")).ok());
    prepared.addBindValue(m_salon);
    const bool executed = prepared.exec();
    QVERIFY2(!executed, "QPSQL's EXECUTE found its statement: PgBouncer kept the session?");
    QVERIFY2(prepared.lastError().databaseText().contains(QLatin1String("does not exist")),
             qPrintable(prepared.lastError().text()));

    // What works: the same with libpq's unnamed statement, in one round trip,
    // and plain statements without parameters.
    const auto unnamed = (*pc)->execParams(QStringLiteral("SELECT device_salon() = $1"), {m_salon},
                                           QStringLiteral("Reading"));
    QVERIFY2(unnamed.ok(), qPrintable(unnamed.ok() ? QString() : unnamed.error().message));
    QCOMPARE(unnamed->constFirst().constFirst(), QStringLiteral("t"));
    QSqlQuery plain((*pc)->database());
    QVERIFY2(plain.exec(QStringLiteral("SELECT device_salon()")),
             qPrintable(plain.lastError().text()));
    QVERIFY(plain.next());
    QCOMPARE(plain.value(0).toString(), m_salon);
    QVERIFY((*other)->database().commit());
}

void TestServerPooling::manyPcsFewServerConnections()
{
    // 50 connections at once, as 50 PCs polling would hold them, each
    // pushing a change in a short transaction: the server sees the pool.
    constexpr int clients = 50;
    const int poolSize = qEnvironmentVariableIntValue("CHAIRSIDE_TEST_PGBOUNCER_POOL_SIZE");
    QVERIFY(poolSize > 0);
    std::vector<std::unique_ptr<ServerConnection>> connections;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < clients; ++i) {
        auto connection = m_pc->connect();
        QVERIFY2(connection.ok(),
                 qPrintable(connection.ok() ? QString() : connection.error().message));
        connections.push_back(std::move(*connection));
    }
    const qint64 connectMs = timer.restart();
    for (auto &connection : connections) {
        const auto pushed = testserver::pushMutations(
                *connection, m_pc->nextMutations(1, QStringLiteral("many")));
        QVERIFY2(pushed.ok(), qPrintable(pushed.ok() ? QString() : pushed.error().message));
        QCOMPARE(pushed->at(0)[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    }
    const qint64 pushMs = timer.restart();
    const int used = serverConnectionsOfPc();
    qInfo("%d PC connections open through PgBouncer: %d server connection(s) of that login "
          "(pool size %d); connecting took %lld ms, %d one-mutation pushes %lld ms",
          clients, used, poolSize, connectMs, clients, pushMs);
    QVERIFY2(used >= 1 && used <= poolSize && used < clients, qPrintable(QString::number(used)));
    connections.clear();

    // Short connections one after another: connect, push, disconnect.
    constexpr int cycles = 100;
    timer.restart();
    for (int i = 0; i < cycles; ++i) {
        auto connection = m_pc->connect();
        QVERIFY(connection.ok());
        QVERIFY(testserver::pushMutations(**connection,
                                          m_pc->nextMutations(1, QStringLiteral("short")))
                        .ok());
    }
    const qint64 cycleMs = timer.elapsed();
    const int afterCycles = serverConnectionsOfPc();
    qInfo("%d connect-push-disconnect cycles through PgBouncer: %lld ms (%.1f ms each); "
          "%d server connection(s) of that login",
          cycles, cycleMs, double(cycleMs) / cycles, afterCycles);
    QVERIFY2(afterCycles <= poolSize, qPrintable(QString::number(afterCycles)));
    QCOMPARE(testserver::ownerValue(
                     directOwnerUrl(),
                     QStringLiteral("SELECT count(*) FROM clients WHERE salon_id = "
                                    "'%1' AND (id LIKE 'many-%' OR id LIKE 'short-%')")
                             .arg(m_salon)),
             QString::number(clients + cycles));
}

void TestServerPooling::sharedPoolKnowsPcsByKey()
{
    // PgBouncer's "pooled_keys_shared" logs in to the server as the one
    // login chairside_pool for every PC (pgbouncer.sh, docs/server.md "Many
    // PCs"): each PC still logs in to PgBouncer as itself, and its sync
    // transactions carry its device key.
    FreshDatabase database(QStringLiteral("pooled_keys"));
    QVERIFY(database.ok());
    {
        QSqlDatabase owner = database.owner();
        const auto migrated = ServerSchema::migrate(owner);
        QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
    }
    const ServerUrl direct = *ServerUrl::parse(database.url().toString());
    ServerUrl bouncer = *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PGBOUNCER_URL"));
    bouncer.set(QStringLiteral("dbname"), QStringLiteral("pooled_keys_shared"));
    const QString salons[] = {QUuid::createUuid().toString(QUuid::WithoutBraces),
                              QUuid::createUuid().toString(QUuid::WithoutBraces)};
    // A is enrolled with the shared pool's address and joins through it,
    // known by its one-time secret's key; B joins straight to the server
    // and is moved behind the pool afterwards.
    std::unique_ptr<JoinedPc> pcs[] = {
            JoinedPc::join(direct, salons[0], QStringLiteral("Desk A"), bouncer),
            JoinedPc::join(direct, salons[1], QStringLiteral("Desk B"))};
    QVERIFY(pcs[0] && pcs[1]);
    QCOMPARE(ServerUrl::parse(pcs[0]->link().url)->value(QStringLiteral("dbname")),
             QStringLiteral("pooled_keys_shared"));
    const auto dropRoles = qScopeGuard([&] {
        const QStringList roles = {pcs[0]->link().loginRole, pcs[1]->link().loginRole};
        testserver::ownerValue(
                *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL")),
                QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = 'pooled_keys'"));
        for (const QString &role : roles)
            testserver::ownerValue(*ServerUrl::parse(testserver::ownerUrl().toString()),
                                   QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(role));
    });
    std::unique_ptr<ServerConnection> shared[2];
    for (int i = 0; i < 2; ++i) {
        JoinedPc &pc = *pcs[i];
        const QByteArray password = pc.url().password().toUtf8();
        Salon salon;
        salon.id = salons[i];
        salon.name = QStringLiteral("Salon %1").arg(i);
        salon.timeZone = QStringLiteral("Europe/London");
        QVERIFY(pc.store().save(salon));
        if (i == 1) {
            // Straight to the server, as itself: it tells the server its key.
            auto own = SyncConnection::open(pc.link(), password);
            QVERIFY2(own, qPrintable(own ? QString() : own.error().message));
            QVERIFY(!(*own)->isPooled());
        }
        ServerLink link = pc.link();
        link.url = bouncer.toDisplayString();
        auto pooled = SyncConnection::open(link, password);
        QVERIFY2(pooled, qPrintable(pooled ? QString() : pooled.error().message));
        QVERIFY((*pooled)->isPooled());
        shared[i] = std::move(*pooled);
        // Without the key, the server sees the shared login and no salon.
        const auto raw = shared[i]->run(
                QByteArrayLiteral("SELECT session_user::text, (SELECT count(*) FROM devices), "
                                  "(SELECT count(*) FROM salon_clock)"),
                {}, QStringLiteral("Reading"));
        QVERIFY2(raw, qPrintable(raw ? QString() : raw.error().message));
        QCOMPARE(raw->constFirst(), (QByteArrayList{"chairside_pool", "0", "0"}));
        // Its first round through the pool uploads its book and pulls.
        const Result<SyncSummary> first = SyncRound::run(pc.store(), *shared[i]);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    }

    // A's change goes up as A, and B (another salon) never gets it.
    Client ada;
    ada.id = QStringLiteral("ada");
    ada.salonId = salons[0];
    ada.name = QStringLiteral("Ada Pooled");
    QVERIFY(pcs[0]->store().save(ada));
    const Result<SyncSummary> pushed = SyncRound::run(pcs[0]->store(), *shared[0]);
    QVERIFY2(pushed, qPrintable(pushed ? QString() : pushed.error().message));
    QCOMPARE(testserver::ownerValue(
                     direct,
                     QStringLiteral("SELECT d.name FROM audit_log a JOIN devices d USING "
                                    "(salon_id, device_id) WHERE a.salon_id = '%1' AND "
                                    "a.entity_id = 'ada'")
                             .arg(salons[0])),
             QStringLiteral("Desk A"));
    QVERIFY(SyncRound::run(pcs[1]->store(), *shared[1]));
    const Result<StoreContents> bBook = pcs[1]->store().contents();
    QVERIFY(bBook);
    QVERIFY(bBook->clients.isEmpty());
    QCOMPARE(bBook->salons.size(), 1);
    QCOMPARE(bBook->salons.constFirst().id, salons[1]);

    // Both PCs on the shared login's server connections, none on their own.
    const ServerUrl superuser =
            *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL"));
    const int sharedConnections =
            testserver::ownerValue(superuser,
                                   QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                                  "datname = 'pooled_keys' AND usename = "
                                                  "'chairside_pool'"))
                    .toInt();
    QVERIFY2(sharedConnections >= 1
                     && sharedConnections <= qEnvironmentVariableIntValue(
                                "CHAIRSIDE_TEST_PGBOUNCER_SHARED_POOL_SIZE"),
             qPrintable(QString::number(sharedConnections)));
    // (A backend of a closed connection may take a moment to go.)
    QTRY_COMPARE(testserver::ownerValue(
                         superuser,
                         QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                        "usename IN ('%1', '%2')")
                                 .arg(pcs[0]->link().loginRole, pcs[1]->link().loginRole)),
                 QStringLiteral("0"));

    // Revoking A locks it out at once: its open connection to PgBouncer
    // stays, but its next round is refused, and it cannot log in again.
    {
        auto admin = ServerConnection::open(direct);
        QVERIFY(admin);
        QVERIFY(DeviceEnrolment::revoke(**admin, pcs[0]->link().deviceId));
    }
    const Result<SyncSummary> refused = SyncRound::run(pcs[0]->store(), *shared[0]);
    QVERIFY(!refused);
    QVERIFY2(SyncConnection::refusesThisPc(refused.error(), pcs[0]->link()),
             qPrintable(refused.error().message));
    ServerLink aLink = pcs[0]->link();
    aLink.url = bouncer.toDisplayString();
    const auto again = SyncConnection::open(aLink, pcs[0]->url().password().toUtf8());
    QVERIFY(!again);
    QVERIFY2(SyncConnection::refusesThisPc(again.error(), aLink),
             qPrintable(again.error().message));
    // B carries on.
    QVERIFY(SyncRound::run(pcs[1]->store(), *shared[1]));
    QVERIFY(pcs[0]->store().contents()->clients.size() == 1); // A keeps its book
}

QTEST_GUILESS_MAIN(TestServerPooling)
#include "tst_serverpooling.moc"
