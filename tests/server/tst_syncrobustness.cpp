// Sync when things go wrong (issue 9, SYNC.md 3, 4, 5, 11): the built
// chairside-cli killed with SIGKILL in the middle of a push and of a first
// sync, a connection ended by the server inside a batch, a server restored
// with pg_dump/pg_restore and a new epoch (as docs/server.md says) from a
// backup that lacks changes it had acknowledged, and tombstones
// purged past a PC's cursor. A real PostgreSQL cluster (postgres fixture),
// a real Secret Service (with-keyring.sh). The moment of a kill or a drop
// is made by a lock the test holds: a test-only trigger makes the PC's
// batch wait for it, and the test waits for the server to show the wait.

#include "auth/tokenstore.h"
#include "clirunner.h"
#include "salonserver.h"
#include "server/deviceenrolment.h"
#include "server/serverconnection.h"
#include "server/serverjoin.h"
#include "server/serverschema.h"
#include "server/serverurl.h"
#include "store/store.h"
#include "sync/syncconnection.h"
#include "sync/syncround.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;
using testserver::message;
using testserver::Pc;
using testserver::SalonServer;

namespace {

const qint64 friday9 = 1796374800; // 2026-12-04T09:00:00Z
// The advisory lock the test holds to stop a batch on the server.
constexpr int holdLock = 4242;

// chairside-cli --data-dir DIR ARGS..., running while the test goes on.
std::unique_ptr<QProcess> startCli(const QString &dataDir, const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->start(qEnvironmentVariable("CHAIRSIDE_CLI"),
                   QStringList{QStringLiteral("--data-dir"), dataDir} + arguments);
    return process;
}

} // namespace

class TestSyncRobustness : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void killedInAPushNothingLostNothingDoubled();
    void killedInTheFirstSyncAllOrNothing();
    void droppedInsideABatchSaysSoAndRetriesOnce();
    void restoredServerGetsAcknowledgedChangesAgain();
    void aWakeUpFindsTheRestoredServer();
    void purgedTombstonesMakeALatePcResync();
    void historyNamesEveryPc();

private:
    std::unique_ptr<Pc> join(const QString &name, bool first)
    {
        return m_server->join(m_data, name, first);
    }
    Result<SyncSummary> sync(Pc &pc) { return m_server->sync(pc); }
    qint64 ownerCount(const QString &sql);
    bool owner(const QString &sql);
    // PostgreSQL's own `tool` (pg_dump, pg_restore) of the fixture's
    // version with `arguments`; false, with its output, when it fails.
    static bool postgresTool(const QString &tool, const QStringList &arguments);
    // The night's backup of the server's database into `dump` (pg_dump -Fc).
    bool backUp(const QString &dump);
    // The database restored from `dump` over what it holds (what came after
    // the backup is gone, records included), then given a new epoch with
    // the CLI, as docs/server.md says.
    bool restoreWithNewEpoch(const QString &dump);
    // As the superuser: what pg_stat_activity says of `role`'s sessions.
    qint64 sessions(const QString &role, const QString &condition);
    // Ends `role`'s session that waits for a lock (pg_terminate_backend); how many.
    qint64 endWaitingSession(const QString &role);
    // A trigger that makes a push wait for holdLock (held by the admin
    // connection) once it reaches `role`'s outbox entry after `sequence`.
    bool holdBatchesAfter(qint64 sequence);
    bool releaseBatches();
    // The salon's clients on the server, id → payload, as `pc` reads them.
    QHash<QString, QByteArray> serverRows(Pc &pc, const QString &entity);

    TestData m_data = TestData::small(QStringLiteral("7a1c9e2d-4b3f-4e5a-8c6d-1f2e3d4c5b6a"));
    std::unique_ptr<SalonServer> m_server;
};

void TestSyncRobustness::initTestCase()
{
    QVERIFY2(SalonServer::underCtest(),
             "run this through ctest (postgres fixture, with-keyring.sh)");
}

void TestSyncRobustness::init()
{
    m_server = std::make_unique<SalonServer>(QStringLiteral("robust_")
                                             + QString::fromLatin1(QTest::currentTestFunction()));
    QVERIFY(m_server->ok());
}

void TestSyncRobustness::cleanup()
{
    m_server.reset();
}

qint64 TestSyncRobustness::ownerCount(const QString &sql)
{
    QSqlQuery query(m_server->admin().database());
    if (!query.exec(sql) || !query.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return -1;
    }
    return query.value(0).toLongLong();
}

bool TestSyncRobustness::owner(const QString &sql)
{
    QSqlQuery query(m_server->admin().database());
    return testserver::exec(query, sql);
}

bool TestSyncRobustness::postgresTool(const QString &tool, const QStringList &arguments)
{
    const QString bindir = qEnvironmentVariable("CHAIRSIDE_PG_BINDIR",
                                                QStringLiteral("/usr/lib/postgresql/15/bin"));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(bindir + QLatin1Char('/') + tool, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning("%s failed: %s %s", qPrintable(tool), qPrintable(process.errorString()),
                 process.readAll().constData());
        return false;
    }
    return true;
}

bool TestSyncRobustness::backUp(const QString &dump)
{
    // The PCs' roles stay in the cluster, so pg_dumpall --roles-only is not
    // needed here.
    return postgresTool(QStringLiteral("pg_dump"),
                        {QStringLiteral("-Fc"), QStringLiteral("-d"),
                         m_server->database().url().toString(), QStringLiteral("-f"), dump});
}

bool TestSyncRobustness::restoreWithNewEpoch(const QString &dump)
{
    const QString url = m_server->database().url().toString();
    if (!postgresTool(QStringLiteral("pg_restore"),
                      {QStringLiteral("--clean"), QStringLiteral("--if-exists"),
                       QStringLiteral("--single-transaction"), QStringLiteral("-d"), url, dump}))
        return false;
    const CliResult renewed =
            CliRunner(QDir::tempPath())
                    .bare({QStringLiteral("--json"), QStringLiteral("server"),
                           QStringLiteral("new-epoch"), QStringLiteral("--url"), url});
    if (renewed.exitCode != 0)
        qWarning("%s", renewed.describe().constData());
    return renewed.exitCode == 0;
}

qint64 TestSyncRobustness::sessions(const QString &role, const QString &condition)
{
    qint64 count = -1;
    {
        QSqlDatabase super =
                testserver::connect(QUrl(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL")),
                                    QStringLiteral("super"));
        QSqlQuery query(super);
        if (query.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = '%1' "
                                      "AND %2")
                               .arg(role, condition))
            && query.next())
            count = query.value(0).toLongLong();
        else
            qWarning("%s", qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("super"));
    return count;
}

qint64 TestSyncRobustness::endWaitingSession(const QString &role)
{
    // OFFSET 0 keeps the filter below the call, so that only that session ends.
    return sessions(role,
                    QStringLiteral("pid IN (SELECT pid FROM (SELECT pid FROM "
                                   "pg_stat_activity WHERE usename = '%1' AND "
                                   "wait_event_type = 'Lock' OFFSET 0) waiting WHERE "
                                   "pg_terminate_backend(pid))")
                            .arg(role));
}

bool TestSyncRobustness::holdBatchesAfter(qint64 sequence)
{
    return owner(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(holdLock))
            && owner(QStringLiteral(
                             "CREATE FUNCTION test_hold_batch() RETURNS trigger LANGUAGE plpgsql "
                             "AS $$ BEGIN IF NEW.sequence > %1 THEN PERFORM "
                             "pg_advisory_xact_lock_shared(%2); END IF; RETURN NEW; END $$")
                             .arg(sequence)
                             .arg(holdLock))
            && owner(QStringLiteral("CREATE TRIGGER test_hold_batch BEFORE INSERT ON "
                                    "applied_mutations FOR EACH ROW EXECUTE FUNCTION "
                                    "test_hold_batch()"));
}

bool TestSyncRobustness::releaseBatches()
{
    return owner(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(holdLock))
            && owner(QStringLiteral("DROP FUNCTION test_hold_batch() CASCADE"));
}

QHash<QString, QByteArray> TestSyncRobustness::serverRows(Pc &pc, const QString &entity)
{
    QHash<QString, QByteArray> rows;
    auto server = SyncConnection::open(pc.store(), m_server->keychain());
    if (!server) {
        qWarning("%s", qPrintable(server.error().message));
        return rows;
    }
    const auto read = (*server)->run(QByteArrayLiteral("SELECT id, payload::text FROM "
                                                       "book_changes(0) WHERE entity = $1 AND NOT "
                                                       "deleted"),
                                     {entity.toUtf8()}, QStringLiteral("test"));
    if (read) {
        for (const QByteArrayList &row : *read)
            rows.insert(QString::fromUtf8(row.value(0)), row.value(1));
    }
    return rows;
}

// 2000 new clients wait in the outbox (8 batches). The server holds the
// fifth batch (after 1000 entries) until the test lets go; chairside-cli is
// killed with SIGKILL while it waits, so the server may commit a batch the
// PC never heard of (SYNC.md 4). The next `sync` sends it again: every
// change is on the server once, and the PC's book is the server's.
void TestSyncRobustness::killedInAPushNothingLostNothingDoubled()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    const qint64 before = VALUE_OF(a->store().outboxHead());
    Client client = m_data.clients.at(0);
    for (int i = 0; i < 2000; ++i) {
        client.id = QStringLiteral("kill-%1").arg(i, 4, 10, QLatin1Char('0'));
        client.name = QStringLiteral("Client %1").arg(i);
        QVERIFY(a->store().save(client));
    }
    QCOMPARE(VALUE_OF(a->store().outboxPending(Store::serverConsumer)), 2000);
    QVERIFY(holdBatchesAfter(before + 1000));

    auto cli = startCli(a->temp->dir(), {QStringLiteral("sync")});
    QVERIFY(cli->waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(
            sessions(a->link.loginRole, QStringLiteral("wait_event_type = 'Lock'")), 1, 60000);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM applied_mutations WHERE sequence > "
                                       "%1")
                                .arg(before)),
             1000);
    cli->kill(); // SIGKILL
    QVERIFY(cli->waitForFinished());
    QCOMPARE(cli->exitStatus(), QProcess::CrashExit);
    // The held batch goes on without its PC; wait until its session is gone.
    QVERIFY(releaseBatches());
    QTRY_COMPARE_WITH_TIMEOUT(sessions(a->link.loginRole, QStringLiteral("true")), 0, 30000);
    const qint64 onServer =
            ownerCount(QStringLiteral("SELECT count(*) FROM applied_mutations WHERE sequence > %1")
                               .arg(before));
    qInfo("the server had %lld of 2000 when the PC came back", onServer);
    QVERIFY(onServer == 1000 || onServer == 1250);
    // Nothing of the PC's was lost: all 2000 are here, the unanswered still queued.
    QCOMPARE(VALUE_OF(a->store().clients(m_data.salon.id)).size(), m_data.clients.size() + 2000);
    QCOMPARE(VALUE_OF(a->store().outboxPending(Store::serverConsumer)), 1000);

    CliRunner cliA(a->temp->dir());
    const CliResult again = cliA.json({QStringLiteral("sync")});
    QVERIFY2(again.exitCode == 0, again.describe());
    QCOMPARE(again.json.value(QLatin1String("pushed")).toInt(), 1000);
    QCOMPARE(again.json.value(QLatin1String("applied")).toInt(), 1000);
    QCOMPARE(VALUE_OF(a->store().outboxPending(Store::serverConsumer)), 0);
    // Each (device, sequence) applied once: one audit row each, 2000 rows.
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity_id LIKE "
                                       "'kill-%'")),
             2000);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(DISTINCT sequence) FROM audit_log WHERE "
                                       "entity_id LIKE 'kill-%'")),
             2000);
    const QHash<QString, QByteArray> server = serverRows(*a, QStringLiteral("client"));
    const QList<Client> mine = VALUE_OF(a->store().clients(m_data.salon.id));
    QCOMPARE(server.size(), mine.size());
    for (const Client &c : mine)
        QCOMPARE(Client::fromJson(QJsonDocument::fromJson(server.value(c.id)).object()), c);
}

// `chairside-cli join` takes the salon's book (30,000 clients) by COPY and
// is killed with SIGKILL once it says how far it has got. Its store is
// either as before or complete, never half (one SQLite transaction); the
// next `sync` completes it, and the book is the first PC's.
void TestSyncRobustness::killedInTheFirstSyncAllOrNothing()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    const QString details = QString::fromUtf8(
            QJsonDocument(m_data.clients.at(0).toJson()).toJson(QJsonDocument::Compact));
    QVERIFY(!details.contains(QLatin1Char('\'')));
    QVERIFY(owner(QStringLiteral("UPDATE salon_clock SET version = version + 1")));
    QVERIFY(owner(
            QStringLiteral("INSERT INTO clients (salon_id, id, version, details) SELECT '%1', "
                           "'many-' || lpad(n::text, 5, '0'), (SELECT version FROM salon_clock "
                           "WHERE salon_id = '%1'), jsonb_set('%2'::jsonb - 'id' - 'salonId', "
                           "'{name}', to_jsonb('Client ' || n)) FROM generate_series(1, 30000) n")
                    .arg(m_data.salon.id, details)));
    const auto enrolled = DeviceEnrolment::enrol(m_server->admin(), m_data.salon.id,
                                                 QStringLiteral("Back office"));
    QVERIFY(enrolled);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    auto cli = startCli(dir.path(), {QStringLiteral("join"), enrolled->code.toString()});
    QVERIFY(cli->waitForStarted());
    // Rows are coming in (the first line, "0 of", comes before any).
    const QRegularExpression underWay(QStringLiteral("First sync: [1-9][0-9]* of"));
    QString said;
    QTRY_VERIFY_WITH_TIMEOUT(
            (said += QString::fromUtf8(cli->readAllStandardError())).contains(underWay)
                    || cli->state() == QProcess::NotRunning,
            60000);
    QVERIFY2(said.contains(underWay), qPrintable(said));
    cli->kill(); // SIGKILL, in the middle of the COPY
    QVERIFY(cli->waitForFinished());
    QCOMPARE(cli->exitStatus(), QProcess::CrashExit);

    {
        auto b = Store::open(Store::pathIn(dir.path()));
        QVERIFY2(b, qPrintable(b ? QString() : b.error().message));
        const qint64 clients = VALUE_OF((*b)->clients(m_data.salon.id)).size();
        qInfo("after the kill the PC has %lld clients", clients);
        QVERIFY2(clients == 0 || clients == m_data.clients.size() + 30000,
                 qPrintable(QString::number(clients)));
        QVERIFY(VALUE_OF((*b)->serverLink()).has_value());
    }
    CliRunner cliB(dir.path());
    const CliResult synced = cliB.json({QStringLiteral("sync")});
    QVERIFY2(synced.exitCode == 0, synced.describe());
    QVERIFY(sync(*a));
    auto b = Store::open(Store::pathIn(dir.path()));
    QVERIFY(b);
    QCOMPARE(contentsDifference(VALUE_OF((*b)->contents()), VALUE_OF(a->store().contents())),
             QString());
    QCOMPARE(VALUE_OF((*b)->clients(m_data.salon.id)).size(), m_data.clients.size() + 30000);
}

// The server ends the PC's session while its batch waits inside push_mutations:
// one sentence says the connection was lost, the PC's book and outbox are
// as they were, and the retry applies each change once.
void TestSyncRobustness::droppedInsideABatchSaysSoAndRetriesOnce()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    const qint64 before = VALUE_OF(a->store().outboxHead());
    for (int i = 0; i < 5; ++i)
        QVERIFY(a->store().save(m_data.appointment(QStringLiteral("dropped-%1").arg(i),
                                                   friday9 + qint64(i) * 3600, {{0, 0}})));
    const StoreContents book = VALUE_OF(a->store().contents());
    QVERIFY(holdBatchesAfter(before + 2));

    auto cli = startCli(a->temp->dir(), {QStringLiteral("sync")});
    QVERIFY(cli->waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(
            sessions(a->link.loginRole, QStringLiteral("wait_event_type = 'Lock'")), 1, 60000);
    QCOMPARE(endWaitingSession(a->link.loginRole), 1);
    QVERIFY(cli->waitForFinished(60000));
    QCOMPARE(cli->exitStatus(), QProcess::NormalExit);
    QVERIFY(cli->exitCode() != 0);
    const QString said = QString::fromUtf8(cli->readAllStandardError()).trimmed();
    QVERIFY2(said.contains(QLatin1String("the connection to the server was lost")),
             qPrintable(said));
    QCOMPARE(said.count(QLatin1String("lost")), 1); // one sentence, said once
    QCOMPARE(said.count(QLatin1Char('\n')), 0);
    QCOMPARE(said.count(QLatin1Char('.')), 1);
    QVERIFY2(!said.contains(QLatin1Char('(')), qPrintable(said)); // no libpq words after it
    QCOMPARE(contentsDifference(VALUE_OF(a->store().contents()), book), QString());
    QCOMPARE(VALUE_OF(a->store().outboxPending(Store::serverConsumer)), 5);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM applied_mutations WHERE sequence > "
                                       "%1")
                                .arg(before)),
             0);

    QVERIFY(releaseBatches());
    CliRunner cliA(a->temp->dir());
    const CliResult again = cliA.json({QStringLiteral("sync")});
    QVERIFY2(again.exitCode == 0, again.describe());
    QCOMPARE(again.json.value(QLatin1String("applied")).toInt(), 5);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity_id LIKE "
                                       "'dropped-%'")),
             5);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments WHERE id LIKE "
                                       "'dropped-%' AND NOT deleted")),
             5);
}

// The server is restored from a backup taken before five changes it had
// acknowledged (mimicked: those rows and their records go, and the server
// gets a new epoch). The PC kept its acknowledged changes, sends them all
// again, and the server's records decide: the five are applied once, the
// two the backup had are not doubled, and the unsent edit arrives too.
void TestSyncRobustness::restoredServerGetsAcknowledgedChangesAgain()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    for (int i = 0; i < 2; ++i)
        QVERIFY(a->store().save(m_data.appointment(QStringLiteral("backed-up-%1").arg(i),
                                                   friday9 + qint64(i) * 3600, {{1, 0}})));
    QVERIFY(sync(*a));
    // The night's backup, as docs/server.md says.
    QTemporaryDir backups;
    const QString dump = backups.filePath(QStringLiteral("chairside.dump"));
    QVERIFY(backUp(dump));
    for (int i = 0; i < 5; ++i)
        QVERIFY(a->store().save(m_data.appointment(QStringLiteral("acknowledged-%1").arg(i),
                                                   friday9 + qint64(i) * 3600, {{0, 0}})));
    const Result<SyncSummary> acknowledged = sync(*a);
    QVERIFY2(acknowledged, qPrintable(message(acknowledged)));
    QCOMPARE(acknowledged->push.applied, 5);
    QVERIFY(a->store().save(m_data.appointment(QStringLiteral("unsent"), friday9, {{2, 0}})));

    // The server is restored from it over the lost state, then given a new
    // epoch: what came after the backup is gone, records included.
    QVERIFY(restoreWithNewEpoch(dump));
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments WHERE id LIKE "
                                       "'acknowledged-%'")),
             0);

    const Result<SyncSummary> round = sync(*a);
    QVERIFY2(round, qPrintable(message(round)));
    QVERIFY(round->pull.fromScratch);
    QCOMPARE(round->push.pushed, 8); // 2 answered from the records, 5 again, 1 new
    QCOMPARE(round->push.applied, 8);
    QCOMPARE(round->push.conflicts + round->push.refused, 0);
    for (const char *prefix : {"backed-up-", "acknowledged-", "unsent"}) {
        const int expected = QByteArray(prefix) == "backed-up-" ? 2
                : QByteArray(prefix) == "unsent"                ? 1
                                                                : 5;
        QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments WHERE id LIKE "
                                           "'%1%' AND NOT deleted")
                                    .arg(QLatin1String(prefix))),
                 expected);
        QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity_id LIKE "
                                           "'%1%'")
                                    .arg(QLatin1String(prefix))),
                 expected);
    }
    QCOMPARE(VALUE_OF(a->store().outboxPending(Store::serverConsumer)), 0);
    QCOMPARE(VALUE_OF(a->store().appointments(m_data.salon.id, friday9, friday9 + 86400)).size(),
             8);
    // And the next round sends nothing again.
    const Result<SyncSummary> next = sync(*a);
    QVERIFY2(next, qPrintable(message(next)));
    QCOMPARE(next->push.pushed, 0);
}

// A round the server woke (a NOTIFY past the cursor) with nothing to push
// pulls at once, and reads the head from the pull's answer: a restored
// server (a new epoch) must still make it take the whole book again and
// send its acknowledged changes again, as a round that read the head
// first does (SYNC.md 11; docs/sync.md, "One round", step 4).
void TestSyncRobustness::aWakeUpFindsTheRestoredServer()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    for (int i = 0; i < 2; ++i)
        QVERIFY(a->store().save(m_data.appointment(QStringLiteral("backed-up-%1").arg(i),
                                                   friday9 + qint64(i) * 3600, {{1, 0}})));
    QVERIFY(sync(*a));
    QTemporaryDir backups;
    const QString dump = backups.filePath(QStringLiteral("chairside.dump"));
    QVERIFY(backUp(dump));
    for (int i = 0; i < 3; ++i)
        QVERIFY(a->store().save(m_data.appointment(QStringLiteral("acknowledged-%1").arg(i),
                                                   friday9 + qint64(i) * 3600, {{0, 0}})));
    QVERIFY(sync(*a));
    QCOMPARE(VALUE_OF(a->store().outboxPending(Store::serverConsumer)), 0);
    QVERIFY(restoreWithNewEpoch(dump));

    auto server = SyncConnection::open(a->store(), m_server->keychain());
    QVERIFY2(server, qPrintable(server ? QString() : server.error().message));
    const Result<SyncSummary> woken = SyncRound::run(a->store(), **server, {}, true);
    QVERIFY2(woken, qPrintable(message(woken)));
    QVERIFY(woken->pull.fromScratch);
    QCOMPARE(woken->push.pushed, 5); // 2 answered from the records, 3 again
    QCOMPARE(woken->push.applied, 5);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments WHERE (id LIKE "
                                       "'backed-up-%' OR id LIKE 'acknowledged-%') AND NOT "
                                       "deleted")),
             5);
    QCOMPARE(VALUE_OF(a->store().appointments(m_data.salon.id, friday9, friday9 + 86400)).size(),
             5);

    // On the same epoch the woken round is the pull alone.
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    QVERIFY(a->store().save(m_data.appointment(QStringLiteral("after"), friday9, {{2, 0}})));
    QVERIFY(sync(*a));
    auto bServer = SyncConnection::open(b->store(), m_server->keychain());
    QVERIFY2(bServer, qPrintable(bServer ? QString() : bServer.error().message));
    const Result<SyncSummary> pulled = SyncRound::run(b->store(), **bServer, {}, true);
    QVERIFY2(pulled, qPrintable(message(pulled)));
    QVERIFY(!pulled->pull.fromScratch);
    QCOMPARE(pulled->pull.written, 1);
    QVERIFY(VALUE_OF(b->store().appointment(QStringLiteral("after"))).has_value());
}

// PC B saw a visit; A removes it while B is away; an admin purges what is
// older than 90 days (aged by hand here). B's cursor is below the purge:
// its next sync says so and takes the whole book, so the removal whose
// tombstone is gone still reaches it (SYNC.md 3). A, up to date, does not
// resync. Less than 90 days is refused.
void TestSyncRobustness::purgedTombstonesMakeALatePcResync()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    const Appointment visit = m_data.appointment(QStringLiteral("removed"), friday9, {{0, 0}});
    QVERIFY(a->store().save(visit));
    QVERIFY(sync(*a));
    QVERIFY(sync(*b));
    QVERIFY(VALUE_OF(b->store().appointment(visit.id)).has_value());
    QVERIFY(a->store().remove(Entity::Appointment, visit.id));
    QVERIFY(sync(*a));
    QVERIFY(owner(QStringLiteral("UPDATE appointments SET updated_at = now() - interval '100 "
                                 "days' WHERE deleted")));
    QVERIFY(owner(QStringLiteral("UPDATE audit_log SET received_at = now() - interval '100 "
                                 "days'")));
    QVERIFY(owner(QStringLiteral("UPDATE applied_mutations SET applied_at = now() - interval "
                                 "'100 days'")));

    CliRunner admin(QDir::tempPath());
    const QString url = m_server->database().url().toString();
    const CliResult tooSoon = admin.bare({QStringLiteral("--json"), QStringLiteral("server"),
                                          QStringLiteral("purge"), QStringLiteral("--url"), url,
                                          QStringLiteral("--older-than"), QStringLiteral("30d")});
    QVERIFY(tooSoon.exitCode != 0);
    QVERIFY2(tooSoon.errorText().contains(QLatin1String("at least 90 days")), tooSoon.describe());
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments WHERE deleted")), 1);

    const CliResult purged = admin.bare({QStringLiteral("--json"), QStringLiteral("server"),
                                         QStringLiteral("purge"), QStringLiteral("--url"), url,
                                         QStringLiteral("--older-than"), QStringLiteral("90d")});
    QVERIFY2(purged.exitCode == 0, purged.describe());
    const QJsonObject salon = purged.json.value(QLatin1String("salons")).toArray().at(0).toObject();
    QCOMPARE(salon.value(QLatin1String("tombstones")).toInt(), 1);
    QVERIFY(salon.value(QLatin1String("records")).toInt() > 0);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments")), 0);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM applied_mutations")), 0);

    // B's round, through the CLI, says what happened.
    const CliResult late = CliRunner(b->temp->dir()).text({QStringLiteral("sync")});
    QVERIFY2(late.exitCode == 0, late.describe());
    QVERIFY2(late.out.contains("took the salon's whole book again"), late.describe());
    QVERIFY(!VALUE_OF(b->store().appointment(visit.id)).has_value());
    QCOMPARE(contentsDifference(VALUE_OF(b->store().contents()), VALUE_OF(a->store().contents())),
             QString());
    const Result<SyncSummary> upToDate = sync(*a);
    QVERIFY2(upToDate, qPrintable(message(upToDate)));
    QVERIFY(!upToDate->pull.missedPurge);
    QVERIFY(!upToDate->pull.fromScratch);
    // B is past the purge now: its next round is an ordinary one.
    const Result<SyncSummary> again = sync(*b);
    QVERIFY2(again, qPrintable(message(again)));
    QVERIFY(!again->pull.missedPurge);
}

// The history names the PC that made each change, the other PCs too (a PC
// reads only its own devices row; book_history() names them all).
void TestSyncRobustness::historyNamesEveryPc()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    Appointment visit = m_data.appointment(QStringLiteral("told"), friday9, {{0, 0}});
    QVERIFY(a->store().save(visit));
    QVERIFY(sync(*a));
    QVERIFY(sync(*b));
    visit = *VALUE_OF(b->store().appointment(visit.id));
    visit.notes = QStringLiteral("Bring the photo");
    QVERIFY(b->store().save(visit));
    QVERIFY(sync(*b));

    const CliResult history = CliRunner(a->temp->dir()).json({QStringLiteral("history"), visit.id});
    QVERIFY2(history.exitCode == 0, history.describe());
    const QJsonArray trail = history.json.value(QLatin1String("history")).toArray();
    QCOMPARE(trail.size(), 2);
    QCOMPARE(trail.at(0).toObject().value(QLatin1String("device")).toString(),
             QStringLiteral("Front desk"));
    QCOMPARE(trail.at(1).toObject().value(QLatin1String("device")).toString(),
             QStringLiteral("Back office"));
    const CliResult text = CliRunner(a->temp->dir()).text({QStringLiteral("history"), visit.id});
    QVERIFY2(text.out.contains("on Back office"), text.describe());
}

QTEST_MAIN(TestSyncRobustness)
#include "tst_syncrobustness.moc"
