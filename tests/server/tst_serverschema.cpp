#include "server/serverschema.h"
#include "testserver.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <memory>

using namespace chairside;
using testserver::FreshDatabase;

// ServerSchema::migrate against a real PostgreSQL (the postgres fixture).
class TestServerSchema : public QObject
{
    Q_OBJECT

private slots:
    void statementsKeepDollarQuotedBodies();
    void migratesAnEmptyDatabase();
    void migratingAgainChangesNothing();
    void refusesANewerDatabase();
    void aFailedMigrationLeavesTheVersionBefore();
    void twoMigratorsTakeTurns();
};

namespace {

QStringList tables(QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT relname FROM pg_class WHERE relkind = 'r' AND "
                              "relnamespace = 'public'::regnamespace ORDER BY relname"));
    QStringList names;
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

QList<int> recordedVersions(QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT version FROM schema_migrations ORDER BY version"));
    QList<int> versions;
    while (query.next())
        versions.append(query.value(0).toInt());
    return versions;
}

// Connections waiting for the migration lock.
int waitingForTheLock(QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
                              "NOT granted AND objid = %1")
                       .arg(ServerSchema::migrationLock));
    return query.next() ? query.value(0).toInt() : -1;
}

} // namespace

void TestServerSchema::statementsKeepDollarQuotedBodies()
{
    // A function body's own ';' at a line end does not end the statement.
    const QString sql = QStringLiteral("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\n"
                                       "BEGIN\n"
                                       "    PERFORM 1;\n"
                                       "END\n"
                                       "$$;\n"
                                       "DO $body$ BEGIN PERFORM '$$'; END $body$;\n"
                                       "DO $body$\n"
                                       "BEGIN PERFORM '$$';\n"
                                       "END $body$;\n"
                                       "SELECT f();\n");
    const QStringList statements = Migrations::statements(sql);
    QCOMPARE(statements.size(), 4);
    QVERIFY(statements.at(0).endsWith(QLatin1String("END\n$$;")));
    QVERIFY(statements.at(2).endsWith(QLatin1String("END $body$;")));
    QCOMPARE(statements.at(3), QStringLiteral("SELECT f();"));
}

void TestServerSchema::migratesAnEmptyDatabase()
{
    FreshDatabase fresh(QStringLiteral("serverschema_empty"));
    QVERIFY(fresh.ok());
    QSqlDatabase db = fresh.connect(QStringLiteral("main"));
    QVERIFY(db.isOpen());
    QCOMPARE(ServerSchema::version(db).value(), 0);

    const Result<ServerSchema::Upgrade> upgrade = ServerSchema::migrate(db);
    QVERIFY2(upgrade.ok(), qPrintable(upgrade.ok() ? QString() : upgrade.error().message));
    QCOMPARE(upgrade->fromVersion, 0);
    QCOMPARE(upgrade->toVersion, ServerSchema::latestVersion());
    QCOMPARE(ServerSchema::version(db).value(), ServerSchema::latestVersion());
    QVERIFY(ServerSchema::latestVersion() >= 1);
    const QStringList names = tables(db);
    for (const char *table : {"salons", "salon_clock", "server_epoch", "devices",
                              "applied_mutations", "staff", "services", "resources", "clients",
                              "appointments", "appointment_lines", "appointment_segments"})
        QVERIFY2(names.contains(QLatin1String(table)), table);

    QSqlQuery epoch(db);
    QVERIFY(epoch.exec(QStringLiteral("SELECT count(*), count(epoch) FROM server_epoch")));
    QVERIFY(epoch.next());
    QCOMPARE(epoch.value(0).toInt(), 1);
    QCOMPARE(epoch.value(1).toInt(), 1);
}

void TestServerSchema::migratingAgainChangesNothing()
{
    FreshDatabase fresh(QStringLiteral("serverschema_again"));
    QVERIFY(fresh.ok());
    QSqlDatabase db = fresh.connect(QStringLiteral("main"));
    QVERIFY(ServerSchema::migrate(db).ok());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("SELECT epoch FROM server_epoch")) && query.next());
    const QString epoch = query.value(0).toString();

    const Result<ServerSchema::Upgrade> again = ServerSchema::migrate(db);
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
    QCOMPARE(again->fromVersion, ServerSchema::latestVersion());
    QCOMPARE(again->toVersion, ServerSchema::latestVersion());
    QCOMPARE(recordedVersions(db).size(), ServerSchema::all().size());
    QVERIFY(query.exec(QStringLiteral("SELECT epoch FROM server_epoch")) && query.next());
    QCOMPARE(query.value(0).toString(), epoch); // the same database, not a new epoch
}

void TestServerSchema::refusesANewerDatabase()
{
    FreshDatabase fresh(QStringLiteral("serverschema_newer"));
    QVERIFY(fresh.ok());
    QSqlDatabase db = fresh.connect(QStringLiteral("main"));
    QVERIFY(ServerSchema::migrate(db).ok());
    const int future = ServerSchema::latestVersion() + 1;
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations (version, name) "
                                      "VALUES (%1, 'from a newer Chairside')")
                               .arg(future)));

    const Result<ServerSchema::Upgrade> refused = ServerSchema::migrate(db);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, Error::Code::Unavailable);
    QVERIFY2(refused.error().message.contains(QString::number(future))
                     && refused.error().message.contains(
                             QString::number(ServerSchema::latestVersion()))
                     && refused.error().message.contains(QLatin1String("Update Chairside")),
             qPrintable(refused.error().message));
    QCOMPARE(ServerSchema::version(db).value(), future);
}

void TestServerSchema::aFailedMigrationLeavesTheVersionBefore()
{
    FreshDatabase fresh(QStringLiteral("serverschema_failed"));
    QVERIFY(fresh.ok());
    QSqlDatabase db = fresh.connect(QStringLiteral("main"));
    QList<Migrations::Migration> migrations = ServerSchema::all();
    const int broken = ServerSchema::latestVersion() + 1;
    migrations.append({broken, QStringLiteral("broken"),
                       QStringLiteral("CREATE TABLE half_done (id integer);\n"
                                      "SELECT no_such_function();\n")});

    const Result<ServerSchema::Upgrade> failed = ServerSchema::migrate(db, migrations);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, Error::Code::Storage);
    QVERIFY2(failed.error().message.contains(QString::number(broken)),
             qPrintable(failed.error().message));
    QCOMPARE(ServerSchema::version(db).value(), ServerSchema::latestVersion());
    QVERIFY(!tables(db).contains(QStringLiteral("half_done")));
}

void TestServerSchema::twoMigratorsTakeTurns()
{
    FreshDatabase fresh(QStringLiteral("serverschema_turns"));
    QVERIFY(fresh.ok());
    QSqlDatabase db = fresh.connect(QStringLiteral("main"));
    // Hold the migration lock, so that both migrators start while it is
    // taken and race for it when it is let go.
    QVERIFY(db.transaction());
    QSqlQuery hold(db);
    QVERIFY(hold.exec(
            QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(ServerSchema::migrationLock)));

    QString errors[2];
    std::unique_ptr<QThread> migrators[2];
    for (int i = 0; i < 2; ++i) {
        migrators[i].reset(QThread::create([&fresh, &errors, i] {
            const QString name = QStringLiteral("migrator%1").arg(i);
            {
                QSqlDatabase own = fresh.connect(name);
                const Result<ServerSchema::Upgrade> upgrade = ServerSchema::migrate(own);
                if (!upgrade.ok())
                    errors[i] = upgrade.error().message;
            }
            QSqlDatabase::removeDatabase(fresh.name() + QLatin1Char('.') + name);
        }));
        migrators[i]->start();
    }
    QTRY_VERIFY_WITH_TIMEOUT(waitingForTheLock(db) == 2
                                     || (migrators[0]->isFinished() && migrators[1]->isFinished()),
                             30000);
    QCOMPARE(waitingForTheLock(db), 2);
    QVERIFY(db.rollback());
    for (auto &migrator : migrators)
        QVERIFY(migrator->wait(60000));

    QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
    QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
    QCOMPARE(recordedVersions(db).size(), ServerSchema::all().size());
    QCOMPARE(ServerSchema::version(db).value(), ServerSchema::latestVersion());
}

QTEST_GUILESS_MAIN(TestServerSchema)
#include "tst_serverschema.moc"
