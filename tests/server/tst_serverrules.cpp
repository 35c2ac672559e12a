#include "joinedpc.h"
#include "server/serverschema.h"
#include "server/serverurl.h"
#include "testserver.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>

using namespace chairside;
using testserver::exec;
using testserver::FreshDatabase;

// The rules the server's database keeps by itself, whichever PCs write:
// versions in commit order (SYNC.md 1), no double-booked stylist (9), and
// a PC's login reads its own salon only and writes nothing directly (10).
class TestServerRules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void versionsFollowCommitOrder();

    void stylistBusyTime_data();
    void stylistBusyTime();

    void deviceReadsOnlyItsSalon_data();
    void deviceReadsOnlyItsSalon();
    void deviceCannotWrite_data();
    void deviceCannotWrite();
    void pcSeesItsSalonsPcNamesOnly();
    void revokedDeviceReadsNothing();
    void everySalonTableIsGuarded();

    // The shared login of a PgBouncer pool (007_pooled_devices.sql): the PC
    // is known by the device key its transaction carries.
    void sharedLoginReadsByKey_data();
    void sharedLoginReadsByKey();
    void sharedLoginCannotWrite_data();
    void sharedLoginCannotWrite();
    void sharedLoginPushesOnlyWithAKey_data();
    void sharedLoginPushesOnlyWithAKey();
    void ownLoginIgnoresAnotherPcsKey();
    void keyIsKeptAsItsHashOnly();
    void revokeLocksAPooledPcOutAtOnce();

private:
    QSqlDatabase owner() const;
    QSqlDatabase device(const QString &role) const;
    // The shared login's connection, in a transaction that carries `key`
    // (none when empty), as PgBouncer's forced user would run it.
    QSqlDatabase pooled(const QByteArray &key) const;

    std::unique_ptr<FreshDatabase> m_database;
    QString m_frontDesk; // a login role of salon-a
    QString m_revoked;   // a revoked login role of salon-a
    QString m_pool;      // a shared login, as PgBouncer's forced user
};

namespace {

const QString password = QStringLiteral("device-password");

// Device keys, as ServerConnection::deviceKeyOf makes them: 64 hex digits.
QByteArray keyOf(const char *name)
{
    return QCryptographicHash::hash(name, QCryptographicHash::Sha256).toHex();
}
const QByteArray frontDeskKey = keyOf("front desk");
const QByteArray salonBKey = keyOf("salon b");
const QByteArray revokedKey = keyOf("old tablet");

// Every table with a salon_id: what row-level security must guard.
const QStringList salonTables = {QStringLiteral("salon_clock"),
                                 QStringLiteral("devices"),
                                 QStringLiteral("applied_mutations"),
                                 QStringLiteral("salons"),
                                 QStringLiteral("staff"),
                                 QStringLiteral("services"),
                                 QStringLiteral("resources"),
                                 QStringLiteral("clients"),
                                 QStringLiteral("appointments"),
                                 QStringLiteral("appointment_lines"),
                                 QStringLiteral("appointment_segments"),
                                 QStringLiteral("shifts"),
                                 QStringLiteral("shift_exceptions"),
                                 QStringLiteral("time_off"),
                                 QStringLiteral("standing_appointments"),
                                 QStringLiteral("waitlist"),
                                 QStringLiteral("audit_log"),
                                 QStringLiteral("book_uploads")};

// What `db` reads of `table`: rows of salon-a, and rows of any other salon.
struct SalonCounts
{
    int salonA = 0;
    int others = 0;
};
std::optional<SalonCounts> salonCounts(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    if (!exec(query,
              QStringLiteral("SELECT count(*) FILTER (WHERE salon_id = 'salon-a'), "
                             "count(*) FILTER (WHERE salon_id <> 'salon-a') FROM %1")
                      .arg(table))
        || !query.next())
        return std::nullopt;
    return SalonCounts{query.value(0).toInt(), query.value(1).toInt()};
}

// A salon with one row in every table, as the apply functions will write them.
QString salonRows(const QString &salon, const QString &deviceRole)
{
    return QStringLiteral(R"(
INSERT INTO salon_clock (salon_id) VALUES ('%1');
INSERT INTO salons (salon_id, version, name) VALUES ('%1', next_version('%1'), 'Salon %1');
INSERT INTO devices (salon_id, device_id, name, login_role)
    VALUES ('%1', gen_random_uuid(), 'Front desk', '%2');
INSERT INTO applied_mutations (salon_id, device_id, sequence, outcome)
    SELECT '%1', device_id, 1, 'applied' FROM devices WHERE login_role = '%2';
INSERT INTO staff (salon_id, id, version, details) VALUES ('%1', 'mia', next_version('%1'), '{"name": "Mia"}');
INSERT INTO services (salon_id, id, version) VALUES ('%1', 'cut', next_version('%1'));
INSERT INTO resources (salon_id, id, version, count) VALUES ('%1', 'basin', next_version('%1'), 2);
INSERT INTO clients (salon_id, id, version, details) VALUES ('%1', 'ada', next_version('%1'), '{"name": "Ada"}');
INSERT INTO appointments (salon_id, id, version, client_id, status, starts_at, ends_at)
    VALUES ('%1', 'visit', next_version('%1'), 'ada', 'booked', '2026-12-01 10:00Z', '2026-12-01 11:00Z');
INSERT INTO appointment_lines (salon_id, appointment_id, position, version, id, service_id, staff_id)
    SELECT '%1', 'visit', 0, version, 'visit-1', 'cut', 'mia' FROM appointments WHERE salon_id = '%1' AND id = 'visit';
INSERT INTO appointment_segments (salon_id, appointment_id, line_position, position, version, staff_id, kind, starts_at, ends_at, holds_time)
    SELECT '%1', 'visit', 0, 0, version, 'mia', 'busy', starts_at, ends_at, true FROM appointments WHERE salon_id = '%1' AND id = 'visit';
INSERT INTO shifts (salon_id, id, version, staff_id) VALUES ('%1', 'mia-mondays', next_version('%1'), 'mia');
INSERT INTO shift_exceptions (salon_id, id, version, staff_id, date) VALUES ('%1', 'mia-xmas', next_version('%1'), 'mia', '2026-12-25');
INSERT INTO time_off (salon_id, id, version, staff_id, starts_at, ends_at)
    VALUES ('%1', 'mia-holiday', next_version('%1'), 'mia', '2026-12-28 00:00Z', '2026-12-31 00:00Z');
INSERT INTO standing_appointments (salon_id, id, version, client_id) VALUES ('%1', 'ada-6-weekly', next_version('%1'), 'ada');
INSERT INTO waitlist (salon_id, id, version, client_id) VALUES ('%1', 'ada-waits', next_version('%1'), 'ada');
INSERT INTO audit_log (salon_id, device_id, happened_at, entity, entity_id, outcome)
    SELECT '%1', device_id, now(), 'client', 'ada', 'applied' FROM devices WHERE login_role = '%2';
INSERT INTO book_uploads (salon_id, device_id, finished_at)
    SELECT '%1', device_id, now() FROM devices WHERE login_role = '%2';
)")
            .arg(salon, deviceRole);
}

QDateTime at(const char *time)
{
    return QDateTime::fromString(QStringLiteral("2026-12-02T%1:00Z").arg(QLatin1String(time)),
                                 Qt::ISODate);
}

struct Segment
{
    QString salon = QStringLiteral("salon-a");
    QString staff = QStringLiteral("mia");
    QDateTime startsAt;
    QDateTime endsAt;
    bool holdsTime = true;
    bool deleted = false;
};

// Books a visit of one segment; returns the SQLSTATE of a refusal, or "".
QString book(QSqlQuery &query, const QString &id, const Segment &s)
{
    const QStringList statements = {
            QStringLiteral("INSERT INTO appointments (salon_id, id, version, status, starts_at, "
                           "ends_at, deleted) VALUES (:salon, :id, next_version(:salon), :status, "
                           ":starts, :ends, :deleted)"),
            QStringLiteral("INSERT INTO appointment_lines (salon_id, appointment_id, position, "
                           "version, deleted, id, staff_id) SELECT salon_id, id, 0, version, "
                           "deleted, id || '-1', :staff FROM appointments WHERE salon_id = :salon "
                           "AND id = :id"),
            QStringLiteral("INSERT INTO appointment_segments (salon_id, appointment_id, "
                           "line_position, position, version, deleted, staff_id, kind, "
                           "starts_at, ends_at, holds_time) SELECT salon_id, id, 0, 0, version, "
                           "deleted, :staff, 'busy', starts_at, ends_at, :holds FROM appointments "
                           "WHERE salon_id = :salon AND id = :id")};
    for (const QString &sql : statements) {
        query.prepare(sql);
        query.bindValue(QStringLiteral(":salon"), s.salon);
        query.bindValue(QStringLiteral(":id"), id);
        query.bindValue(QStringLiteral(":staff"), s.staff);
        query.bindValue(QStringLiteral(":status"),
                        s.holdsTime ? QStringLiteral("booked") : QStringLiteral("cancelled"));
        query.bindValue(QStringLiteral(":starts"), s.startsAt);
        query.bindValue(QStringLiteral(":ends"), s.endsAt);
        query.bindValue(QStringLiteral(":deleted"), s.deleted);
        query.bindValue(QStringLiteral(":holds"), s.holdsTime);
        if (!query.exec())
            return query.lastError().nativeErrorCode();
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(Segment)

QSqlDatabase TestServerRules::owner() const
{
    return m_database->owner();
}

QSqlDatabase TestServerRules::device(const QString &role) const
{
    return m_database->login(role, password);
}

QSqlDatabase TestServerRules::pooled(const QByteArray &key) const
{
    QSqlDatabase db = m_database->login(m_pool, password);
    if (!db.isOpen())
        return db;
    if (db.transaction()) {
        QSqlQuery query(db);
        // A bind parameter, as the PCs send it (never in the SQL text).
        query.prepare(QStringLiteral("SELECT set_config('chairside.device_key', ?, true)"));
        query.addBindValue(QString::fromLatin1(key));
        if (!query.exec())
            qWarning() << "set_config failed:" << query.lastError().text();
    }
    return db;
}

void TestServerRules::initTestCase()
{
    m_database = std::make_unique<FreshDatabase>(QStringLiteral("serverrules"));
    QVERIFY(m_database->ok());
    QSqlDatabase db = owner();
    const Result<ServerSchema::Upgrade> upgrade = ServerSchema::migrate(db);
    QVERIFY2(upgrade.ok(), qPrintable(upgrade.ok() ? QString() : upgrade.error().message));

    m_frontDesk = m_database->name() + QStringLiteral("_front_desk");
    m_revoked = m_database->name() + QStringLiteral("_revoked");
    const QString otherSalonsDevice = m_database->name() + QStringLiteral("_salon_b");
    QSqlQuery query(db);
    for (const QString &role : {m_frontDesk, m_revoked, otherSalonsDevice}) {
        QVERIFY(exec(query, QStringLiteral("DROP ROLE IF EXISTS %1").arg(role)));
        QVERIFY(exec(query,
                     QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2' IN ROLE "
                                    "chairside_device")
                             .arg(role, password)));
    }
    // A shared login like PgBouncer's forced user: no PC's own.
    m_pool = m_database->name() + QStringLiteral("_pool");
    QVERIFY(exec(query, QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_pool)));
    QVERIFY(exec(query,
                 QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2' IN ROLE chairside_device")
                         .arg(m_pool, password)));
    QVERIFY(db.transaction());
    QStringList rows =
            Migrations::statements(salonRows(QStringLiteral("salon-a"), m_frontDesk)
                                   + salonRows(QStringLiteral("salon-b"), otherSalonsDevice));
    rows.append(QStringLiteral("INSERT INTO devices (salon_id, name, login_role, revoked_at) "
                               "VALUES ('salon-a', 'Old tablet', '%1', now())")
                        .arg(m_revoked));
    for (const QString &statement : std::as_const(rows))
        QVERIFY(exec(query, statement));
    // A revoked PC may not set its key any more; it had one before.
    QVERIFY(exec(query,
                 QStringLiteral("UPDATE devices SET key_hash = encode(sha256('%1'), 'hex') "
                                "WHERE login_role = '%2'")
                         .arg(QString::fromLatin1(revokedKey), m_revoked)));
    QVERIFY(db.commit());
    // Each PC tells the server its key under its own login.
    for (const auto &[role, key] :
         {std::pair{m_frontDesk, frontDeskKey}, std::pair{otherSalonsDevice, salonBKey}}) {
        QSqlQuery own(device(role));
        own.prepare(QStringLiteral("SELECT set_device_key(?)"));
        own.addBindValue(QString::fromLatin1(key));
        QVERIFY2(own.exec(), qPrintable(own.lastError().text()));
    }
}

void TestServerRules::cleanupTestCase()
{
    if (m_frontDesk.isEmpty())
        return; // initTestCase stopped before it made any
    const QStringList roles = {m_frontDesk, m_revoked,
                               m_database->name() + QStringLiteral("_salon_b"), m_pool,
                               m_database->name() + QStringLiteral("_late")};
    m_database.reset();
    // Roles belong to the cluster; the database that granted them is gone.
    FreshDatabase cleanup(QStringLiteral("serverrules_cleanup"));
    QSqlDatabase db = cleanup.connect(QStringLiteral("owner"));
    QSqlQuery query(db);
    for (const QString &role : roles)
        QVERIFY(exec(query, QStringLiteral("DROP ROLE IF EXISTS %1").arg(role)));
}

void TestServerRules::versionsFollowCommitOrder()
{
    // A reads a version and is slow to commit; B takes the next one and
    // commits at once. A PC pulling "version > cursor" in between must not
    // move past A's row before A commits: B waits for A's clock row.
    QSqlDatabase writerA = owner();
    QSqlDatabase reader = m_database->connect(QStringLiteral("reader"));
    QSqlQuery a(writerA);
    QSqlQuery pull(reader);
    QVERIFY(exec(pull,
                 QStringLiteral("SELECT max(version) FROM clients WHERE salon_id = 'salon-a'")));
    QVERIFY(pull.next());
    qint64 cursor = pull.value(0).toLongLong();

    QVERIFY(writerA.transaction());
    QVERIFY(exec(a,
                 QStringLiteral("INSERT INTO clients (salon_id, id, version) "
                                "VALUES ('salon-a', 'clock-a', next_version('salon-a'))")));

    QAtomicInteger<int> pidB = 0;
    QString errorB;
    std::unique_ptr<QThread> writerB(QThread::create([this, &pidB, &errorB] {
        const QString name = QStringLiteral("writer-b");
        {
            QSqlDatabase db = m_database->connect(name);
            QSqlQuery b(db);
            if (!exec(b, QStringLiteral("SELECT pg_backend_pid()")) || !b.next()) {
                errorB = b.lastError().text();
                return;
            }
            pidB = b.value(0).toInt();
            if (!db.transaction()
                || !exec(b,
                         QStringLiteral("INSERT INTO clients (salon_id, id, version) VALUES "
                                        "('salon-a', 'clock-b', next_version('salon-a'))"))
                || !db.commit())
                errorB = b.lastError().text();
        }
        QSqlDatabase::removeDatabase(m_database->name() + QLatin1Char('.') + name);
    }));
    writerB->start();
    const auto bIsWaiting = [&] {
        QSqlQuery q(reader);
        q.exec(QStringLiteral(
                       "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %1")
                       .arg(pidB.loadRelaxed()));
        return pidB.loadRelaxed() != 0 && q.next() && q.value(0).toBool();
    };
    QTRY_VERIFY_WITH_TIMEOUT(bIsWaiting() || writerB->isFinished(), 30000);

    QStringList pulled;
    const auto pullOnce = [&] {
        QVERIFY(exec(pull,
                     QStringLiteral("SELECT id, version FROM clients WHERE salon_id = "
                                    "'salon-a' AND version > %1 ORDER BY version")
                             .arg(cursor)));
        while (pull.next()) {
            pulled.append(pull.value(0).toString());
            cursor = pull.value(1).toLongLong();
        }
    };
    pullOnce(); // while A has not committed
    QVERIFY(writerA.commit());
    QVERIFY(writerB->wait(60000));
    QVERIFY2(errorB.isEmpty(), qPrintable(errorB));
    pullOnce();

    // Nothing skipped, and B's version is after A's.
    QCOMPARE(pulled, (QStringList{QStringLiteral("clock-a"), QStringLiteral("clock-b")}));
    QVERIFY(exec(a,
                 QStringLiteral("SELECT (SELECT version FROM clients WHERE id = 'clock-b') - "
                                "(SELECT version FROM clients WHERE id = 'clock-a')")));
    QVERIFY(a.next());
    QCOMPARE(a.value(0).toLongLong(), 1);
}

void TestServerRules::stylistBusyTime_data()
{
    QTest::addColumn<Segment>("booked");
    QTest::addColumn<Segment>("next");
    QTest::addColumn<bool>("refused");

    Segment tenToEleven;
    tenToEleven.startsAt = at("10:00");
    tenToEleven.endsAt = at("11:00");
    const auto moved = [](Segment s, const char *from, const char *to) {
        s.startsAt = at(from);
        s.endsAt = at(to);
        return s;
    };
    Segment leo = tenToEleven;
    leo.staff = QStringLiteral("leo");
    Segment otherSalon = tenToEleven;
    otherSalon.salon = QStringLiteral("salon-b");
    Segment cancelled = tenToEleven;
    cancelled.holdsTime = false;
    Segment deleted = tenToEleven;
    deleted.deleted = true;

    QTest::addRow("overlapping the end")
            << tenToEleven << moved(tenToEleven, "10:30", "11:30") << true;
    QTest::addRow("overlapping the start")
            << tenToEleven << moved(tenToEleven, "09:30", "10:30") << true;
    QTest::addRow("inside") << tenToEleven << moved(tenToEleven, "10:15", "10:45") << true;
    QTest::addRow("the same time") << tenToEleven << tenToEleven << true;
    QTest::addRow("back to back after")
            << tenToEleven << moved(tenToEleven, "11:00", "12:00") << false;
    QTest::addRow("back to back before")
            << tenToEleven << moved(tenToEleven, "09:00", "10:00") << false;
    QTest::addRow("another stylist") << tenToEleven << leo << false;
    QTest::addRow("another salon's stylist of that id") << tenToEleven << otherSalon << false;
    QTest::addRow("over a cancelled visit") << cancelled << tenToEleven << false;
    QTest::addRow("a cancelled visit over a booking") << tenToEleven << cancelled << false;
    QTest::addRow("over a deleted visit") << deleted << tenToEleven << false;
}

void TestServerRules::stylistBusyTime()
{
    QFETCH(Segment, booked);
    QFETCH(Segment, next);
    QFETCH(bool, refused);

    QSqlDatabase db = owner();
    QVERIFY(db.transaction());
    QSqlQuery query(db);
    QCOMPARE(book(query, QStringLiteral("first"), booked), QString());
    const QString sqlState = book(query, QStringLiteral("second"), next);
    query.finish();
    QVERIFY(db.rollback()); // leaves the salons as initTestCase made them
    QCOMPARE(sqlState, refused ? QStringLiteral("23P01") : QString());
}

void TestServerRules::deviceReadsOnlyItsSalon_data()
{
    QTest::addColumn<QString>("table");
    for (const QString &table : salonTables)
        QTest::newRow(qPrintable(table)) << table;
    // The names of the salon's PCs, for the history (005_history_purge.sql).
    QTest::newRow("salon_devices") << QStringLiteral("salon_devices");
}

void TestServerRules::pcSeesItsSalonsPcNamesOnly()
{
    // Its own salon's PCs by name (the revoked tablet too: its changes stay
    // in the history), no logins, and none of another salon.
    QSqlDatabase db = device(m_frontDesk);
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY(exec(query,
                 QStringLiteral("SELECT string_agg(name, ',' ORDER BY name), "
                                "count(*) FILTER (WHERE salon_id <> 'salon-a') "
                                "FROM salon_devices")));
    QVERIFY(query.next());
    QVERIFY2(query.value(0).toString().contains(QLatin1String("Old tablet")),
             qPrintable(query.value(0).toString()));
    QCOMPARE(query.value(1).toInt(), 0);
    QVERIFY2(!query.exec(QStringLiteral("SELECT login_role FROM salon_devices")),
             "the view shows no logins");
    QSqlDatabase revoked = device(m_revoked);
    QSqlQuery none(revoked);
    QVERIFY(exec(none, QStringLiteral("SELECT count(*) FROM salon_devices")));
    QVERIFY(none.next());
    QCOMPARE(none.value(0).toInt(), 0);
}

void TestServerRules::deviceReadsOnlyItsSalon()
{
    QFETCH(QString, table);
    QSqlDatabase db = device(m_frontDesk);
    QVERIFY(db.isOpen());
    const std::optional<SalonCounts> counts = salonCounts(db, table);
    QVERIFY(counts);
    QVERIFY2(counts->salonA > 0, "its own salon's rows");
    QCOMPARE(counts->others, 0);
}

void TestServerRules::deviceCannotWrite_data()
{
    QTest::addColumn<QString>("sql");
    for (const QString &table : salonTables) {
        for (const char *salon : {"salon-a", "salon-b"}) {
            const QString where = QStringLiteral("salon_id = '%1'").arg(QLatin1String(salon));
            QTest::addRow("insert into %s of %s", qPrintable(table), salon)
                    << QStringLiteral("INSERT INTO %1 (salon_id) VALUES ('%2')")
                               .arg(table, QLatin1String(salon));
            QTest::addRow("update %s of %s", qPrintable(table), salon)
                    << QStringLiteral("UPDATE %1 SET salon_id = salon_id WHERE %2")
                               .arg(table, where);
            QTest::addRow("delete from %s of %s", qPrintable(table), salon)
                    << QStringLiteral("DELETE FROM %1 WHERE %2").arg(table, where);
        }
    }
}

void TestServerRules::deviceCannotWrite()
{
    QFETCH(QString, sql);
    QSqlDatabase db = device(m_frontDesk);
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY2(!query.exec(sql), "a PC's login writes only through the apply functions");
    QCOMPARE(query.lastError().nativeErrorCode(),
             QStringLiteral("42501")); // insufficient_privilege
}

void TestServerRules::revokedDeviceReadsNothing()
{
    QSqlDatabase db = device(m_revoked);
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY(exec(query, QStringLiteral("SELECT count(*) FROM appointments")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void TestServerRules::everySalonTableIsGuarded()
{
    // A table added later with a salon_id, but without row-level security
    // or with a write grant to PCs, makes this fail.
    QSqlDatabase db = owner();
    QSqlQuery query(db);
    QVERIFY(exec(query,
                 QStringLiteral("SELECT c.relname, c.relrowsecurity, "
                                "has_table_privilege('chairside_device', c.oid, 'INSERT, UPDATE, "
                                "DELETE, TRUNCATE') "
                                "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND "
                                "a.attname = 'salon_id' "
                                "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace "
                                "ORDER BY 1")));
    QStringList found;
    while (query.next()) {
        const QString table = query.value(0).toString();
        found.append(table);
        QVERIFY2(query.value(1).toBool(),
                 qPrintable(table + QStringLiteral(": no row-level security")));
        QVERIFY2(!query.value(2).toBool(),
                 qPrintable(table + QStringLiteral(": PCs may write it")));
    }
    QStringList expected = salonTables;
    expected.sort();
    QCOMPARE(found, expected);
}

void TestServerRules::sharedLoginReadsByKey_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("seesItsSalon");
    QStringList tables = salonTables;
    tables.append(QStringLiteral("salon_devices"));
    for (const QString &table : std::as_const(tables)) {
        QTest::addRow("%s without a key", qPrintable(table)) << table << QByteArray() << false;
        QTest::addRow("%s with a wrong key", qPrintable(table))
                << table << keyOf("a guess") << false;
        QTest::addRow("%s with a short key", qPrintable(table))
                << table << QByteArray("x") << false;
        QTest::addRow("%s with the key's hash", qPrintable(table))
                << table
                << QCryptographicHash::hash(frontDeskKey, QCryptographicHash::Sha256).toHex()
                << false;
        QTest::addRow("%s with a revoked PC's key", qPrintable(table))
                << table << revokedKey << false;
        QTest::addRow("%s with the front desk's key", qPrintable(table))
                << table << frontDeskKey << true;
    }
}

void TestServerRules::sharedLoginReadsByKey()
{
    QFETCH(QString, table);
    QFETCH(QByteArray, key);
    QFETCH(bool, seesItsSalon);
    QSqlDatabase db = pooled(key);
    QVERIFY(db.isOpen());
    const auto end = qScopeGuard([&db] { db.rollback(); });
    const std::optional<SalonCounts> counts = salonCounts(db, table);
    QVERIFY(counts);
    QCOMPARE(counts->salonA > 0, seesItsSalon);
    QCOMPARE(counts->others, 0);
}

void TestServerRules::sharedLoginCannotWrite_data()
{
    deviceCannotWrite_data();
}

void TestServerRules::sharedLoginCannotWrite()
{
    QFETCH(QString, sql);
    QSqlDatabase db = pooled(frontDeskKey);
    QVERIFY(db.isOpen());
    const auto end = qScopeGuard([&db] { db.rollback(); });
    QSqlQuery query(db);
    QVERIFY2(!query.exec(sql), "a PC writes only through the apply functions, key or not");
    QCOMPARE(query.lastError().nativeErrorCode(), QStringLiteral("42501"));
}

void TestServerRules::sharedLoginPushesOnlyWithAKey_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("applied");
    QTest::newRow("without a key") << QByteArray() << false;
    QTest::newRow("with a wrong key") << keyOf("a guess") << false;
    QTest::newRow("with a revoked PC's key") << revokedKey << false;
    QTest::newRow("with the front desk's key") << frontDeskKey << true;
}

void TestServerRules::sharedLoginPushesOnlyWithAKey()
{
    QFETCH(QByteArray, key);
    QFETCH(bool, applied);
    static int pushes = 0;
    const QString id = QStringLiteral("pooled-client-%1").arg(++pushes);
    const QJsonObject client = testserver::throughDomain(
            Entity::Client,
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("salonId"), QStringLiteral("salon-a")},
                        {QStringLiteral("name"), QStringLiteral("Pooled Ada")}});
    QJsonObject m = testserver::mutation(Entity::Client, id, client);
    m.insert(QStringLiteral("sequence"), 1000 + pushes);
    QSqlDatabase db = m_database->login(m_pool, password);
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    // The key as the PCs send it: push_mutations' last parameter.
    query.prepare(QStringLiteral("SELECT push_mutations(?::jsonb, ?)"));
    query.addBindValue(
            QString::fromUtf8(QJsonDocument(QJsonArray{m}).toJson(QJsonDocument::Compact)));
    query.addBindValue(QString::fromLatin1(key));
    QCOMPARE(query.exec(), applied);
    if (!applied) {
        QCOMPARE(query.lastError().nativeErrorCode(), QStringLiteral("42501"));
        QCOMPARE(testserver::ownerValue(
                         *ServerUrl::parse(m_database->url().toString()),
                         QStringLiteral("SELECT count(*) FROM clients WHERE id = '%1'").arg(id)),
                 QStringLiteral("0"));
        return;
    }
    QVERIFY(query.next());
    const QJsonArray outcomes = QJsonDocument::fromJson(query.value(0).toByteArray()).array();
    QCOMPARE(outcomes.at(0)[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    // Written in the key's salon, and audited as the front desk.
    QCOMPARE(testserver::ownerValue(
                     *ServerUrl::parse(m_database->url().toString()),
                     QStringLiteral("SELECT d.login_role FROM clients c JOIN audit_log a ON "
                                    "a.salon_id = c.salon_id AND a.entity_id = c.id JOIN devices d "
                                    "ON d.device_id = a.device_id WHERE c.salon_id = 'salon-a' AND "
                                    "c.id = '%1'")
                             .arg(id)),
             m_frontDesk);
}

void TestServerRules::ownLoginIgnoresAnotherPcsKey()
{
    // A PC's own login decides: another salon's key changes nothing.
    QSqlDatabase db = device(m_frontDesk);
    QVERIFY(db.isOpen());
    QVERIFY(db.transaction());
    const auto end = qScopeGuard([&db] { db.rollback(); });
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT set_config('chairside.device_key', ?, true)"));
    query.addBindValue(QString::fromLatin1(salonBKey));
    QVERIFY(query.exec());
    QVERIFY(exec(query,
                 QStringLiteral("SELECT device_salon(), count(*) FILTER (WHERE salon_id = "
                                "'salon-b') FROM clients")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("salon-a"));
    QCOMPARE(query.value(1).toInt(), 0);
    // And the shared login cannot set a key: it is no PC.
    QSqlQuery shared(m_database->login(m_pool, password));
    shared.prepare(QStringLiteral("SELECT set_device_key(?)"));
    shared.addBindValue(QString::fromLatin1(keyOf("mine now")));
    QVERIFY(!shared.exec());
    QCOMPARE(shared.lastError().nativeErrorCode(), QStringLiteral("42501"));
}

void TestServerRules::keyIsKeptAsItsHashOnly()
{
    const ServerUrl url = *ServerUrl::parse(m_database->url().toString());
    QCOMPARE(testserver::ownerValue(url,
                                    QStringLiteral("SELECT key_hash FROM devices WHERE "
                                                   "login_role = '%1'")
                                            .arg(m_frontDesk)),
             QString::fromLatin1(
                     QCryptographicHash::hash(frontDeskKey, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(testserver::ownerValue(url,
                                    QStringLiteral("SELECT count(*) FROM devices d WHERE "
                                                   "strpos(to_jsonb(d)::text, '%1') > 0")
                                            .arg(QString::fromLatin1(frontDeskKey))),
             QStringLiteral("0"));
}

void TestServerRules::revokeLocksAPooledPcOutAtOnce()
{
    const QString late = m_database->name() + QStringLiteral("_late");
    const QByteArray key = keyOf("late tablet");
    QVERIFY(testserver::addDevice(owner(), late, QStringLiteral("salon-a"), password));
    {
        QSqlQuery own(device(late));
        own.prepare(QStringLiteral("SELECT set_device_key(?)"));
        own.addBindValue(QString::fromLatin1(key));
        QVERIFY2(own.exec(), qPrintable(own.lastError().text()));
    }
    const auto count = [&] {
        QSqlDatabase db = pooled(key);
        QSqlQuery query(db);
        const bool ran =
                exec(query, QStringLiteral("SELECT count(*) FROM appointments")) && query.next();
        const int seen = ran ? query.value(0).toInt() : -1;
        query.finish();
        db.rollback();
        return seen;
    };
    QVERIFY(count() > 0);
    QSqlQuery admin(owner());
    QVERIFY(exec(admin,
                 QStringLiteral("SELECT revoke_device(device_id) FROM devices WHERE "
                                "login_role = '%1'")
                         .arg(late)));
    // The shared login's connection stays open (PgBouncer keeps it); the
    // next transaction with the revoked PC's key sees nothing.
    QCOMPARE(count(), 0);
    QSqlQuery head(m_database->login(m_pool, password));
    head.prepare(QStringLiteral("SELECT * FROM book_head(?)"));
    head.addBindValue(QString::fromLatin1(key));
    QVERIFY(!head.exec());
    QCOMPARE(head.lastError().nativeErrorCode(), QStringLiteral("42501"));
}

QTEST_GUILESS_MAIN(TestServerRules)
#include "tst_serverrules.moc"
