#include "joinedpc.h"
#include "server/serverschema.h"

#include <QProcess>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <optional>

using namespace chairside;
using testserver::JoinedPc;

// The server goes away under a PC that was told its mutations were applied:
// - failover (the "standby" fixture, tests/server/postgres-standby.sh): the
//   primary crashes, its synchronous standby is promoted, and the PC, which
//   was given both hosts with target_session_attrs=read-write, reconnects to
//   it and finds everything it was told of (SYNC.md 12);
// - restart (a cluster of this test's own, postgres-cluster.sh restart):
//   PostgreSQL crashes and recovers (pg_ctl restart -m immediate).
// Either way a retried batch returns the stored outcomes and nothing is
// doubled (SYNC.md 4), and a batch the server never committed is applied
// once when it comes again.
class TestServerFailover : public QObject
{
    Q_OBJECT

private slots:
    void failoverKeepsWhatWasApplied();
    void restartThenRetryReturnsStoredOutcomes();

private:
    // Migrates the database at `owner` and joins a PC there.
    static std::unique_ptr<JoinedPc> joinedPc(const ServerUrl &owner);
    // Runs a fixture script's verb (stop-primary, promote, restart).
    static bool fixture(const char *scriptVariable, const char *dirVariable,
                        const QStringList &verb);
    static QString serverPort(ServerConnection &connection);
    static QString count(const ServerUrl &owner, const QString &table, const QString &salon);
};

namespace {

// A salon not on the server yet: the PC brings it.
const QString salon = QUuid::createUuid().toString(QUuid::WithoutBraces);

QString message(const Result<QJsonArray> &result)
{
    return result.ok() ? QString() : result.error().message;
}

void verifyApplied(const QJsonArray &outcomes, int count)
{
    QCOMPARE(outcomes.size(), count);
    for (const QJsonValue &outcome : outcomes)
        QCOMPARE(outcome[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
}

} // namespace

std::unique_ptr<JoinedPc> TestServerFailover::joinedPc(const ServerUrl &owner)
{
    {
        auto admin = ServerConnection::open(owner);
        if (!admin) {
            QTest::qFail(qPrintable(admin.error().message), __FILE__, __LINE__);
            return {};
        }
        const auto migrated = ServerSchema::migrate((*admin)->database());
        if (!migrated) {
            QTest::qFail(qPrintable(migrated.error().message), __FILE__, __LINE__);
            return {};
        }
    }
    return JoinedPc::join(owner, salon, QStringLiteral("Front desk"));
}

bool TestServerFailover::fixture(const char *scriptVariable, const char *dirVariable,
                                 const QStringList &verb)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(QStringLiteral("bash"),
                  QStringList{qEnvironmentVariable(scriptVariable), verb.first(),
                              qEnvironmentVariable(dirVariable)}
                          + verb.mid(1));
    return process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0;
}

QString TestServerFailover::serverPort(ServerConnection &connection)
{
    const auto rows = connection.execParams(QStringLiteral("SELECT inet_server_port()"), {},
                                            QStringLiteral("Reading"));
    return rows && !rows->isEmpty() ? rows->constFirst().constFirst() : QString();
}

QString TestServerFailover::count(const ServerUrl &owner, const QString &table,
                                  const QString &salonId)
{
    return testserver::ownerValue(
            owner,
            QStringLiteral("SELECT count(*) FROM %1 WHERE salon_id = '%2'").arg(table, salonId));
}

void TestServerFailover::failoverKeepsWhatWasApplied()
{
    const QString both = qEnvironmentVariable("CHAIRSIDE_TEST_PG_FAILOVER_URL");
    QVERIFY2(!both.isEmpty(), "run this through ctest (the standby fixture)");
    const ServerUrl owner = *ServerUrl::parse(both);
    QCOMPARE(owner.hosts().size(), 2);
    // Other logins' wait events are for the superuser's eyes only.
    const ServerUrl primarySuperuser =
            *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL"));
    auto pc = joinedPc(owner);
    QVERIFY(pc);
    // The enrolment code gave the PC both hosts.
    QCOMPARE(ServerUrl::parse(pc->link().url)->hosts(), owner.hosts());

    auto connection = pc->connect();
    QVERIFY(connection.ok());
    QCOMPARE(serverPort(**connection), qEnvironmentVariable("CHAIRSIDE_TEST_PG_PORT"));
    const QJsonArray told = pc->nextMutations(3);
    const auto applied = testserver::pushMutations(**connection, told);
    QVERIFY2(applied.ok(), qPrintable(message(applied)));
    verifyApplied(*applied, 3);

    // Synchronous replication: while the standby cannot take the WAL, the
    // next push's commit waits for it, and the PC is told nothing.
    QVERIFY(fixture("CHAIRSIDE_TEST_PG_STANDBY", "CHAIRSIDE_TEST_PG_STANDBY_DIR",
                    {QStringLiteral("pause-standby")}));
    const QJsonArray inFlight = pc->nextMutations(2);
    std::optional<Result<QJsonArray>> inFlightResult;
    std::atomic_bool answered = false;
    std::unique_ptr<QThread> pusher(QThread::create([&] {
        auto own = pc->connect();
        inFlightResult =
                own ? testserver::pushMutations(**own, inFlight) : Result<QJsonArray>(own.error());
        answered = true;
    }));
    pusher->start();
    // Should the test fail while the push waits: let it finish first.
    const auto finishPush = qScopeGuard([&] {
        if (pusher->isRunning()) {
            fixture("CHAIRSIDE_TEST_PG_STANDBY", "CHAIRSIDE_TEST_PG_STANDBY_DIR",
                    {QStringLiteral("resume-standby")});
            pusher->wait();
        }
    });
    const QString waiting = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = "
                                           "'%1' AND wait_event = 'SyncRep'")
                                    .arg(pc->link().loginRole);
    QTRY_COMPARE_WITH_TIMEOUT(testserver::ownerValue(primarySuperuser, waiting),
                              QStringLiteral("1"), 20000);
    QVERIFY(!answered);

    // The primary crashes mid-work: the waiting push and the PC's other
    // connection fail; neither was told of anything.
    QVERIFY(fixture("CHAIRSIDE_TEST_PG_STANDBY", "CHAIRSIDE_TEST_PG_STANDBY_DIR",
                    {QStringLiteral("stop-primary")}));
    QVERIFY(pusher->wait(60000));
    QVERIFY(inFlightResult && !inFlightResult->ok());
    const auto lost = testserver::pushMutations(**connection, told);
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().code, Error::Code::Unavailable);
    connection = Error::unavailable({});

    QVERIFY(fixture("CHAIRSIDE_TEST_PG_STANDBY", "CHAIRSIDE_TEST_PG_STANDBY_DIR",
                    {QStringLiteral("resume-standby")}));
    QVERIFY(fixture("CHAIRSIDE_TEST_PG_STANDBY", "CHAIRSIDE_TEST_PG_STANDBY_DIR",
                    {QStringLiteral("promote")}));
    // The same address: libpq skips the dead primary and takes the promoted one.
    auto promoted = pc->connect();
    QVERIFY2(promoted.ok(), qPrintable(promoted.ok() ? QString() : promoted.error().message));
    QCOMPARE(serverPort(**promoted), qEnvironmentVariable("CHAIRSIDE_TEST_PG_STANDBY_PORT"));
    // What the PC was told was applied is there: the retry gets the stored
    // outcomes, versions and all.
    const auto retried = testserver::pushMutations(**promoted, told);
    QVERIFY2(retried.ok(), qPrintable(message(retried)));
    QCOMPARE(*retried, *applied);
    // The batch it was never told of is applied now, once.
    const auto carriedOn = testserver::pushMutations(**promoted, inFlight);
    QVERIFY2(carriedOn.ok(), qPrintable(message(carriedOn)));
    verifyApplied(*carriedOn, 2);
    QVERIFY(carriedOn->at(0)[QStringLiteral("version")].toInteger()
            > applied->at(0)[QStringLiteral("version")].toInteger());
    const auto again = testserver::pushMutations(**promoted, inFlight);
    QVERIFY(again.ok());
    QCOMPARE(*again, *carriedOn);
    QCOMPARE(count(owner, QStringLiteral("clients"), salon), QStringLiteral("5"));
    QCOMPARE(count(owner, QStringLiteral("applied_mutations"), salon), QStringLiteral("5"));
}

void TestServerFailover::restartThenRetryReturnsStoredOutcomes()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_CLUSTER"),
             "run this through ctest (a cluster of its own)");
    const ServerUrl owner = *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_URL"));
    auto pc = joinedPc(owner);
    QVERIFY(pc);

    auto connection = pc->connect();
    QVERIFY(connection.ok());
    const QJsonArray told = pc->nextMutations(3);
    const auto applied = testserver::pushMutations(**connection, told);
    QVERIFY2(applied.ok(), qPrintable(message(applied)));
    verifyApplied(*applied, 3);
    // Mid-work: a batch whose transaction has not committed when the server
    // crashes. The PC was never told of it.
    QVERIFY((*connection)->database().transaction());
    const QJsonArray inFlight = pc->nextMutations(2);
    const auto uncommitted = testserver::pushMutations(**connection, inFlight);
    QVERIFY2(uncommitted.ok(), qPrintable(message(uncommitted)));

    QVERIFY(fixture("CHAIRSIDE_TEST_PG_CLUSTER", "CHAIRSIDE_TEST_PG_CLUSTER_DIR",
                    {QStringLiteral("restart"), QStringLiteral("immediate")}));
    QVERIFY(!(*connection)->database().commit());
    QVERIFY(!testserver::pushMutations(**connection, told).ok());
    connection = Error::unavailable({});

    // A fresh connection after the restart works; the retry of what was
    // applied gets the stored outcomes, the batch that never committed is
    // applied now, once.
    auto fresh = pc->connect();
    QVERIFY2(fresh.ok(), qPrintable(fresh.ok() ? QString() : fresh.error().message));
    const auto retried = testserver::pushMutations(**fresh, told);
    QVERIFY2(retried.ok(), qPrintable(message(retried)));
    QCOMPARE(*retried, *applied);
    QCOMPARE(count(owner, QStringLiteral("clients"), salon), QStringLiteral("3"));
    const auto resent = testserver::pushMutations(**fresh, inFlight);
    QVERIFY2(resent.ok(), qPrintable(message(resent)));
    verifyApplied(*resent, 2);
    const auto resentAgain = testserver::pushMutations(**fresh, inFlight);
    QVERIFY(resentAgain.ok());
    QCOMPARE(*resentAgain, *resent);
    QCOMPARE(count(owner, QStringLiteral("clients"), salon), QStringLiteral("5"));
    QCOMPARE(count(owner, QStringLiteral("applied_mutations"), salon), QStringLiteral("5"));
}

QTEST_GUILESS_MAIN(TestServerFailover)
#include "tst_serverfailover.moc"
