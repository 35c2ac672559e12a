#include "store/migrations.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

// A plain SQLite connection beside the store's, to look at or forge a file.
class RawDb
{
public:
    explicit RawDb(const QString &path)
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~RawDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }
    QSqlDatabase &db() { return m_db; }
    QVariant value(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    bool exec(const QString &sql) { return QSqlQuery(m_db).exec(sql); }

private:
    QSqlDatabase m_db;
};

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestStoreMigrations : public QObject
{
    Q_OBJECT

private slots:
    void migrationsAreNumberedFromOne()
    {
        const QList<Migrations::Migration> all = Migrations::all();
        QVERIFY(all.size() >= 2);
        for (qsizetype i = 0; i < all.size(); ++i) {
            QCOMPARE(all.at(i).version, int(i + 1));
            QVERIFY(!Migrations::statements(all.at(i).sql).isEmpty());
        }
        QCOMPARE(Migrations::latestVersion(), all.constLast().version);
    }

    void statementsSplitAtLineEnds()
    {
        const QString sql = QStringLiteral("-- a comment; not a statement\n"
                                           "CREATE TABLE a (x TEXT DEFAULT ';');\n"
                                           "\n"
                                           "INSERT INTO a (x)\n"
                                           "    VALUES ('1');\n"
                                           "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                                           "    DELETE FROM b;\n"
                                           "    DELETE FROM c;\n"
                                           "END;\n"
                                           "SELECT 1");
        const QStringList statements = Migrations::statements(sql);
        QCOMPARE(statements.size(), 4);
        QCOMPARE(statements.at(0), QStringLiteral("CREATE TABLE a (x TEXT DEFAULT ';');"));
        QVERIFY(statements.at(1).startsWith(QLatin1String("INSERT INTO a (x)")));
        // A trigger's body is part of it.
        QVERIFY(statements.at(2).startsWith(QLatin1String("CREATE TRIGGER t")));
        QVERIFY(statements.at(2).endsWith(QLatin1String("END;")));
        QCOMPARE(statements.at(3), QStringLiteral("SELECT 1"));
    }

    void freshFileGetsLatestSchemaAndWal()
    {
        TempStore temp;
        QVERIFY2(temp.isValid(), qPrintable(temp.errorString()));
        QCOMPARE(temp->schemaVersion(), Migrations::latestVersion());
        QCOMPARE(temp->path(), QFileInfo(temp.path()).absoluteFilePath());
        QVERIFY(QFile::exists(temp.path()));
        RawDb raw(temp.path());
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(),
                 Migrations::latestVersion());
        QCOMPARE(raw.value(QStringLiteral("PRAGMA application_id")).toInt(),
                 Migrations::applicationId);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM outbox")).toInt(), 0);
    }

    void reopeningKeepsDataAndVersion()
    {
        TempStore temp;
        QVERIFY(temp.isValid());
        const TestData data = TestData::small();
        QVERIFY(data.saveTo(temp.store()));
        const Appointment visit = data.appointment(
                QStringLiteral("appt-1"), utc(QStringLiteral("2026-12-01T10:00:00Z")), {{0, 1}});
        QVERIFY(temp->save(visit).ok());
        const qint64 outbox = VALUE_OF(temp->outboxCount());

        QVERIFY2(temp.reopen(), qPrintable(temp.errorString()));
        QCOMPARE(temp->schemaVersion(), Migrations::latestVersion());
        QCOMPARE(VALUE_OF(temp->appointment(visit.id)), visit);
        QList<Staff> byName = data.staff;
        std::sort(byName.begin(), byName.end(),
                  [](const Staff &a, const Staff &b) { return a.name < b.name; });
        QCOMPARE(VALUE_OF(temp->staff(data.salon.id)), byName);
        QCOMPARE(VALUE_OF(temp->outboxCount()), outbox);
        QVERIFY(temp.reopen());
        QCOMPARE(VALUE_OF(temp->appointment(visit.id)), visit);
    }

    // A file left at schema 1 by an older Chairside: opening migrates it, keeps
    // its rows and fills what schema 2 derives from them.
    void olderFileIsMigrated()
    {
        QTemporaryDir dir;
        const QString path = Store::pathIn(dir.path());
        {
            RawDb raw(path);
            QVERIFY(Migrations::apply(raw.db(), 0, 1).ok());
            QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 1);
            QVERIFY(raw.exec(
                    QStringLiteral("INSERT INTO salons (id, name) VALUES ('s', 'Old salon')")));
            // A ten-hour visit that started the day before the one we ask for.
            QVERIFY(raw.exec(QStringLiteral(
                    "INSERT INTO appointments (row, salon_id, id, status, starts_at, ends_at) "
                    "VALUES (7, 's', 'long', 'booked', 1000, 37000)")));
            QVERIFY(raw.exec(QStringLiteral(
                    "INSERT INTO appointment_lines (salon_id, appointment_row, position, id, "
                    "service_id, staff_id) VALUES ('s', 7, 0, 'l', 'svc', 'st')")));
            QVERIFY(raw.exec(QStringLiteral(
                    "INSERT INTO appointment_segments (salon_id, appointment_row, line_position, "
                    "position, staff_id, kind, starts_at, ends_at) "
                    "VALUES ('s', 7, 0, 0, 'st', 0, 1000, 37000)")));
        }
        auto store = Store::open(path);
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        QCOMPARE((*store)->schemaVersion(), Migrations::latestVersion());
        QCOMPARE(VALUE_OF((*store)->salon(QStringLiteral("s")))->name, QStringLiteral("Old salon"));
        const QList<Appointment> found =
                VALUE_OF((*store)->appointments(QStringLiteral("s"), 30000, 40000));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.constFirst().lines.constFirst().segments.constFirst().endsAt, qint64(37000));
    }

    // A file at schema 3, from before the front desk's fields: its rows read
    // as they meant then (no rebook, no patch test needed, the usual window,
    // no cancel reason).
    void schemaThreeRowsReadWithTheirDefaults()
    {
        QTemporaryDir dir;
        const QString path = Store::pathIn(dir.path());
        {
            RawDb raw(path);
            QVERIFY(Migrations::apply(raw.db(), 0, 3).ok());
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO salons (id, name, time_zone) VALUES ('s', "
                                            "'Old', 'Europe/London')")));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO services (salon_id, id, name, segments) "
                                            "VALUES ('s', 'colour', 'Colour', "
                                            "'[{\"kind\":\"busy\",\"minutes\":30}]')")));
            QVERIFY(raw.exec(QStringLiteral(
                    "INSERT INTO appointments (row, salon_id, id, status, starts_at, ends_at) "
                    "VALUES (1, 's', 'gone', 'cancelled', 1000, 2800)")));
        }
        auto store = Store::open(path);
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        const std::optional<Salon> salon = VALUE_OF((*store)->salon(QStringLiteral("s")));
        QVERIFY(salon);
        QCOMPARE(salon->patchTestMinHours, 48);
        QCOMPARE(salon->patchTestMaxDays, 183);
        const QList<Service> services = VALUE_OF((*store)->services(QStringLiteral("s")));
        QCOMPARE(services.size(), 1);
        QCOMPARE(services.constFirst().rebookWeeks, 0);
        QVERIFY(!services.constFirst().needsPatchTest);
        const std::optional<Appointment> gone =
                VALUE_OF((*store)->appointment(QStringLiteral("gone")));
        QVERIFY(gone);
        QCOMPARE(gone->cancelReason, QString());
    }

    void newerFileIsRefusedUntouched()
    {
        TempStore temp;
        QVERIFY(temp.isValid());
        QVERIFY(temp->save(TestData::small().salon).ok());
        temp.close();
        {
            RawDb raw(temp.path());
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = %1")
                                     .arg(Migrations::latestVersion() + 1)));
            QVERIFY(raw.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        const QByteArray before = fileHash(temp.path());
        auto store = Store::open(temp.path());
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, Error::Code::Storage);
        QVERIFY2(store.error().message.contains(QLatin1String("newer version")),
                 qPrintable(store.error().message));
        QCOMPARE(fileHash(temp.path()), before);
    }
};

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "tst_storemigrations.moc"
