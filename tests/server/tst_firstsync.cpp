#include "server/serverconnection.h"
#include "server/serverschema.h"
#include "server/serverurl.h"
#include "store/changeset.h"
#include "store/store.h"
#include "sync/firstsync.h"
#include "testserver.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace chairside;
using testserver::exec;
using testserver::FreshDatabase;

// The first sync (core/sync/FirstSync) against the real server: a PC that
// joined a salon gets the server's book by COPY, in one local transaction,
// without outbox entries (docs/sync.md, "The first sync").
class TestFirstSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void getsExactlyTheServersBook();
    void aStoreFailureLeavesTheStoreAsItWas();
    void aKilledConnectionLeavesTheStoreAsItWas_data();
    void aKilledConnectionLeavesTheStoreAsItWas();
    void unpushedChangesAreKept();
    void aPcThatHasNotJoinedIsRefused();

private:
    QString role(const char *name) const;
    QSqlDatabase owner() const { return m_database->owner(); }
    // A mutation pushed by salon A's first PC (or salon B's); fails on refusal.
    bool push(const char *device, Entity entity, const QString &id, const QJsonObject &payload,
              bool remove = false);
    // The server's rows of salon A that are not tombstones, as "entity/id" ->
    // the row through its domain type (what a PC makes of it).
    QMap<QString, QString> serverBook() const;
    // The same of the local store.
    static QMap<QString, QString> localBook(const Store &store);
    std::unique_ptr<ServerConnection> connect(const char *device) const;
    // The local store's file, read directly (row_versions, sync_state).
    qint64 localCount(const QString &sql) const;
    QString localValue(const QString &sql) const;

    std::unique_ptr<FreshDatabase> m_database;
    QHash<QString, qint64> m_sequences;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

// A write that must succeed, failing the test with its sentence otherwise.
#define QVERIFY_OK(expression) \
    do { \
        const Result<void> result_ = (expression); \
        QVERIFY2(result_.ok(), qPrintable(result_.ok() ? QString() : result_.error().message)); \
    } while (false)

namespace {

const QString password = QStringLiteral("device-password");
const QString salonA = QStringLiteral("salon-a");

QString compact(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

qint64 at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, minute), Qt::UTC).toSecsSinceEpoch();
}

Client client(const QString &id, const QString &name, const QString &salon = salonA)
{
    Client c;
    c.id = id;
    c.salonId = salon;
    c.name = name;
    c.phone = QStringLiteral("+44 7700 900123");
    c.notes = QStringLiteral("Tea, no sugar.\tTab, \\ backslash,\nnew line, “quotes”.");
    return c;
}

Appointment visit(const QString &id, const QString &staff, int day, int hour,
                  const QString &salon = salonA)
{
    Appointment a;
    a.id = id;
    a.salonId = salon;
    a.clientId = QStringLiteral("ada");
    a.createdBy = QStringLiteral("Ann");
    a.createdAt = at(1, 8);
    a.changedBy = a.createdBy;
    a.changedAt = a.createdAt;
    ServiceLine cut;
    cut.id = id + QStringLiteral("-1");
    cut.serviceId = QStringLiteral("cut");
    cut.staffId = staff;
    cut.segments = {{SegmentKind::Busy, at(day, hour), at(day, hour, 30), {}},
                    {SegmentKind::Processing, at(day, hour, 30), at(day, hour, 50), {}}};
    ServiceLine dry;
    dry.id = id + QStringLiteral("-2");
    dry.serviceId = QStringLiteral("dry");
    dry.staffId = staff;
    dry.segments = {{SegmentKind::Busy, at(day, hour, 50), at(day, hour + 1), {}}};
    a.lines = {cut, dry};
    return a;
}

} // namespace

QString TestFirstSync::role(const char *name) const
{
    return m_database->name() + QLatin1Char('_') + QLatin1String(name);
}

bool TestFirstSync::push(const char *device, Entity entity, const QString &id,
                         const QJsonObject &payload, bool remove)
{
    QJsonObject m =
            remove ? testserver::removal(entity, id) : testserver::mutation(entity, id, payload);
    m.insert(QStringLiteral("sequence"), ++m_sequences[QLatin1String(device)]);
    QSqlQuery query(m_database->login(role(device), password));
    query.prepare(QStringLiteral("SELECT push_mutations(CAST(? AS jsonb))"));
    query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray{m}).toJson()));
    if (!query.exec() || !query.next()) {
        qWarning("push: %s", qPrintable(query.lastError().text()));
        return false;
    }
    const QJsonArray outcomes = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array();
    const bool applied = outcomes.size() == 1
            && outcomes.at(0)[QStringLiteral("outcome")] == QStringLiteral("applied");
    if (!applied)
        qWarning("not applied: %s", qPrintable(query.value(0).toString()));
    return applied;
}

QMap<QString, QString> TestFirstSync::serverBook() const
{
    QMap<QString, QString> book;
    QSqlQuery query(m_database->login(role("first"), password));
    if (!exec(query,
              QStringLiteral("SELECT entity, id, payload::text FROM book_changes(0) "
                             "WHERE NOT deleted")))
        return book;
    while (query.next()) {
        Entity entity{};
        entityFromName(query.value(0).toString(), &entity);
        book.insert(query.value(0).toString() + QLatin1Char('/') + query.value(1).toString(),
                    compact(testserver::throughDomain(
                            entity,
                            QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object())));
    }
    return book;
}

QMap<QString, QString> TestFirstSync::localBook(const Store &store)
{
    QMap<QString, QString> book;
    const StoreContents c = VALUE_OF(store.contents(), book);
    auto add = [&](Entity entity, const auto &rows) {
        for (const auto &row : rows)
            book.insert(entityName(entity) + QLatin1Char('/') + row.id, compact(row.toJson()));
    };
    forEachKind(c, add);
    return book;
}

std::unique_ptr<ServerConnection> TestFirstSync::connect(const char *device) const
{
    ServerUrl url = *ServerUrl::parse(m_database->url().toString());
    url.setUser(role(device));
    url.setPassword(password);
    Result<std::unique_ptr<ServerConnection>> connection = ServerConnection::open(url);
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return nullptr;
    }
    return std::move(*connection);
}

qint64 TestFirstSync::localCount(const QString &sql) const
{
    return localValue(sql).toLongLong();
}

QString TestFirstSync::localValue(const QString &sql) const
{
    QString value;
    {
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(m_store->path());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery query(db);
            if (exec(query, sql) && query.next())
                value = query.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return value;
}

void TestFirstSync::initTestCase()
{
    m_database = std::make_unique<FreshDatabase>(QStringLiteral("firstsync"));
    QVERIFY(m_database->ok());
    QSqlDatabase db = owner();
    const Result<ServerSchema::Upgrade> upgrade = ServerSchema::migrate(db);
    QVERIFY2(upgrade.ok(), qPrintable(upgrade.ok() ? QString() : upgrade.error().message));
    QSqlQuery query(db);
    QVERIFY(exec(query,
                 QStringLiteral("INSERT INTO salon_clock (salon_id) VALUES ('salon-a'), "
                                "('salon-b')")));
    const QList<std::pair<const char *, const char *>> devices = {
            {"first", "salon-a"}, {"desk", "salon-a"}, {"b", "salon-b"}};
    for (const auto &[name, salon] : devices)
        QVERIFY(testserver::addDevice(db, role(name), QLatin1String(salon), password));

    // Salon A's book, as its first PC pushed it.
    Salon salon;
    salon.id = salonA;
    salon.name = QStringLiteral("Salon A");
    salon.timeZone = QStringLiteral("Europe/London");
    salon.openingHours[1] = {9 * 60, 18 * 60};
    QVERIFY(push("first", Entity::Salon, salon.id, salon.toJson()));
    for (const QString &id : {QStringLiteral("mia"), QStringLiteral("leo")}) {
        Staff s;
        s.id = id;
        s.salonId = salonA;
        s.name = id.toUpper();
        s.skills = {{QStringLiteral("cut"), {}},
                    {QStringLiteral("colour"), {{SegmentKind::Busy, 20, {}}}}};
        QVERIFY(push("first", Entity::Staff, s.id, s.toJson()));
    }
    for (const QString &id : {QStringLiteral("cut"), QStringLiteral("dry")}) {
        Service s;
        s.id = id;
        s.salonId = salonA;
        s.name = id;
        s.segments = {{SegmentKind::Busy, 30, {}}};
        QVERIFY(push("first", Entity::Service, s.id, s.toJson()));
    }
    QVERIFY(push("first", Entity::Client, QStringLiteral("ada"),
                 client(QStringLiteral("ada"), QStringLiteral("Ada")).toJson()));
    QVERIFY(push("first", Entity::Client, QStringLiteral("gone"),
                 client(QStringLiteral("gone"), QStringLiteral("Gone")).toJson()));
    QVERIFY(push("first", Entity::Client, QStringLiteral("gone"), {}, true)); // a tombstone
    Shift shift;
    shift.id = QStringLiteral("mia-mondays");
    shift.staffId = QStringLiteral("mia");
    shift.weekday = 1;
    shift.startMinute = 9 * 60;
    shift.endMinute = 17 * 60;
    QVERIFY(push("first", Entity::Shift, shift.id, shift.toJson()));
    TimeOff off;
    off.id = QStringLiteral("leo-holiday");
    off.staffId = QStringLiteral("leo");
    off.startsAt = at(24, 0);
    off.endsAt = at(27, 0);
    QVERIFY(push("first", Entity::TimeOff, off.id, off.toJson()));
    for (int day = 2; day <= 6; ++day) {
        const Appointment a =
                visit(QStringLiteral("visit-%1").arg(day), QStringLiteral("mia"), day, 10);
        QVERIFY(push("first", Entity::Appointment, a.id, a.toJson()));
    }
    WaitlistEntry waiting;
    waiting.id = QStringLiteral("wait-1");
    waiting.salonId = salonA;
    waiting.clientId = QStringLiteral("ada");
    waiting.serviceIds = {QStringLiteral("cut")};
    waiting.earliest = QDate(2026, 12, 3);
    QVERIFY(push("first", Entity::WaitlistEntry, waiting.id, waiting.toJson()));

    // Salon B's rows, which salon A's PCs must never receive.
    Salon other;
    other.id = QStringLiteral("salon-b");
    other.name = QStringLiteral("Salon B");
    QVERIFY(push("b", Entity::Salon, other.id, other.toJson()));
    QVERIFY(push("b", Entity::Client, QStringLiteral("bea"),
                 client(QStringLiteral("bea"), QStringLiteral("Bea"), other.id).toJson()));
}

void TestFirstSync::cleanupTestCase()
{
    m_store.reset();
    if (!m_database)
        return;
    m_database.reset();
    FreshDatabase cleanup(QStringLiteral("firstsync_cleanup"));
    QSqlDatabase db = cleanup.connect(QStringLiteral("owner"));
    QSqlQuery query(db);
    for (const char *name : {"first", "desk", "b"})
        QVERIFY(exec(query,
                     QStringLiteral("DROP ROLE IF EXISTS firstsync_%1").arg(QLatin1String(name))));
}

void TestFirstSync::init()
{
    // Each test: a PC that has just joined salon A, with an empty book.
    m_store.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = VALUE_OF(Store::open(Store::pathIn(m_dir->path())));
    QVERIFY(m_store->saveServerLink({m_database->url().toString(), QStringLiteral("device"),
                                     role("desk"), salonA, false, QDateTime::currentDateTimeUtc()})
                    .ok());
}

void TestFirstSync::getsExactlyTheServersBook()
{
    auto server = connect("desk");
    QVERIFY(server);
    QSignalSpy replaced(m_store.get(), &Store::contentsReplaced);
    QList<std::pair<qint64, qint64>> progress;
    const FirstSyncSummary summary =
            VALUE_OF(FirstSync::run(*m_store, *server, [&](qint64 done, qint64 total) {
                progress.append({done, total});
            }));

    const QMap<QString, QString> expected = serverBook();
    QVERIFY(expected.size() > 10);
    QCOMPARE(localBook(*m_store), expected);
    QCOMPARE(replaced.size(), 1);
    // Nothing of the server's goes back into the outbox.
    QCOMPARE(VALUE_OF(m_store->outboxCount()), 0);
    // Every row with its version; the tombstone nowhere; cursor and epoch.
    QSqlQuery head(owner());
    QVERIFY(exec(head,
                 QStringLiteral("SELECT (SELECT epoch::text FROM server_epoch), (SELECT "
                                "version FROM salon_clock WHERE salon_id = 'salon-a')")));
    QVERIFY(head.next());
    QCOMPARE(summary.cursor, head.value(1).toLongLong());
    QCOMPARE(summary.epoch, head.value(0).toString());
    QCOMPARE(summary.written, expected.size());
    QCOMPARE(summary.received, expected.size() + 1); // and the tombstone
    QCOMPARE(localValue(QStringLiteral("SELECT value FROM sync_state WHERE key = 'cursor'")),
             QString::number(summary.cursor));
    QCOMPARE(localValue(QStringLiteral("SELECT value FROM sync_state WHERE key = 'epoch'")),
             summary.epoch);
    QCOMPARE(localCount(QStringLiteral("SELECT count(*) FROM row_versions")), expected.size());
    QCOMPARE(localCount(QStringLiteral("SELECT count(*) FROM row_versions WHERE id = 'gone'")), 0);
    QSqlQuery versions(owner());
    QVERIFY(exec(versions,
                 QStringLiteral("SELECT version FROM appointments WHERE id = 'visit-4'")));
    QVERIFY(versions.next());
    QCOMPARE(localCount(QStringLiteral("SELECT version FROM row_versions WHERE entity = "
                                       "'appointment' AND id = 'visit-4'")),
             versions.value(0).toLongLong());
    // Salon B never arrives.
    QVERIFY(!localBook(*m_store).contains(QStringLiteral("client/bea")));
    QCOMPARE(localCount(QStringLiteral("SELECT count(*) FROM salons WHERE id = 'salon-b'")), 0);
    // Progress from 0 to the total the server counted.
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.first(), std::pair(qint64(0), summary.received));
    QCOMPARE(progress.last(), std::pair(summary.received, summary.received));

    // The server connection is idle again: QPSQL can use it.
    QSqlQuery after(server->database());
    QVERIFY(exec(after, QStringLiteral("SELECT 1")));
}

void TestFirstSync::aStoreFailureLeavesTheStoreAsItWas()
{
    auto server = connect("desk");
    QVERIFY(server);
    // A local book to lose if the replacement went half-way.
    Salon salon;
    salon.id = salonA;
    salon.name = QStringLiteral("Before");
    salon.timeZone = QStringLiteral("Europe/London");
    QVERIFY_OK(m_store->save(salon));
    QVERIFY_OK(m_store->acknowledgeOutbox(Store::serverConsumer, 1));
    const QMap<QString, QString> before = localBook(*m_store);
    for (const int failAt : {1, 5, 12, 30, 45}) {
        m_store->failAfterStatements(failAt);
        const Result<FirstSyncSummary> failed = FirstSync::run(*m_store, *server);
        m_store->failAfterStatements(0);
        QVERIFY2(!failed.ok(), qPrintable(QString::number(failAt)));
        QCOMPARE(localBook(*m_store), before);
        QCOMPARE(localCount(QStringLiteral("SELECT count(*) FROM row_versions")), 0);
        QCOMPARE(localCount(QStringLiteral("SELECT count(*) FROM sync_state")), 0);
    }
    // The connection was left usable, and a retry completes.
    const FirstSyncSummary retried = VALUE_OF(FirstSync::run(*m_store, *server));
    QCOMPARE(retried.written, serverBook().size());
    QCOMPARE(localBook(*m_store), serverBook());
}

void TestFirstSync::aKilledConnectionLeavesTheStoreAsItWas_data()
{
    // The backend ended (the connection closes under the COPY), or the
    // statement cancelled (the server ends the COPY with an error, and the
    // data simply stops: only the COPY's result says it failed).
    QTest::addColumn<QString>("how");
    QTest::addRow("terminated") << QStringLiteral("pg_terminate_backend(%1, 5000)");
    QTest::addRow("cancelled") << QStringLiteral("pg_cancel_backend(%1)");
}

void TestFirstSync::aKilledConnectionLeavesTheStoreAsItWas()
{
    QFETCH(QString, how);
    // Enough rows that the server is still sending when its backend is
    // ended: far more than the sockets' buffers hold.
    QSqlQuery seed(owner());
    QVERIFY(exec(seed,
                 QStringLiteral("WITH v AS (SELECT next_version('salon-a') AS version) "
                                "INSERT INTO clients (salon_id, id, version, details) "
                                "SELECT 'salon-a', 'many-' || n, v.version, jsonb_build_object("
                                "'name', 'Client ' || n, 'notes', repeat('x', 400)) "
                                "FROM v, generate_series(1, 40000) AS n")));
    auto cleanup = qScopeGuard([&] {
        QSqlQuery query(owner());
        exec(query, QStringLiteral("DELETE FROM clients WHERE id LIKE 'many-%'"));
    });
    auto server = connect("desk");
    QVERIFY(server);
    QSqlQuery pid(server->database());
    QVERIFY(exec(pid, QStringLiteral("SELECT pg_backend_pid()")) && pid.next());
    const int backend = pid.value(0).toInt();
    pid.finish();

    Salon salon;
    salon.id = salonA;
    salon.name = QStringLiteral("Before");
    salon.timeZone = QStringLiteral("Europe/London");
    QVERIFY_OK(m_store->save(salon));
    QVERIFY_OK(m_store->acknowledgeOutbox(Store::serverConsumer, 1));
    const QMap<QString, QString> before = localBook(*m_store);
    bool killed = false;
    const Result<FirstSyncSummary> failed =
            FirstSync::run(*m_store, *server, [&](qint64 done, qint64) {
                if (done == 0 || killed)
                    return;
                {
                    QSqlDatabase superuser = testserver::connect(
                            testserver::withDatabase(
                                    QUrl(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL")),
                                    m_database->name()),
                            QStringLiteral("superuser"));
                    QSqlQuery kill(superuser);
                    killed = exec(kill, QStringLiteral("SELECT ") + how.arg(backend));
                }
                QSqlDatabase::removeDatabase(QStringLiteral("superuser"));
            });
    QVERIFY(killed);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().message.contains(QLatin1String("Nothing was changed on this PC")),
             qPrintable(failed.error().message));
    QCOMPARE(localBook(*m_store), before);
    QCOMPARE(localCount(QStringLiteral("SELECT count(*) FROM row_versions")), 0);
    QCOMPARE(localCount(QStringLiteral("SELECT count(*) FROM sync_state")), 0);

    // A retry gets the whole book: on the same connection after a cancel
    // (it was left idle), on a new one after the backend ended.
    if (how.startsWith(QLatin1String("pg_terminate"))) {
        server.reset();
        server = connect("desk");
        QVERIFY(server);
    }
    const FirstSyncSummary summary = VALUE_OF(FirstSync::run(*m_store, *server));
    QVERIFY(summary.written > 40000);
    QCOMPARE(localBook(*m_store), serverBook());
}

void TestFirstSync::unpushedChangesAreKept()
{
    // This PC had the salon's book before (a resync after a new epoch):
    // Ada renamed here, a new visit booked here and visit-5 cancelled here,
    // none of it pushed yet; and an old change the server did acknowledge.
    Salon salon;
    salon.id = salonA;
    salon.name = QStringLiteral("Salon A");
    salon.timeZone = QStringLiteral("Europe/London");
    QVERIFY_OK(m_store->save(salon));
    Staff mia;
    mia.id = QStringLiteral("mia");
    mia.salonId = salonA;
    mia.name = QStringLiteral("Old name, acknowledged");
    QVERIFY_OK(m_store->save(mia));
    QVERIFY_OK(m_store->acknowledgeOutbox(Store::serverConsumer, 2));
    QVERIFY_OK(m_store->save(client(QStringLiteral("ada"), QStringLiteral("Ada, renamed here"))));
    Appointment booked = visit(QStringLiteral("visit-here"), QStringLiteral("leo"), 9, 14);
    QVERIFY_OK(m_store->save(booked));
    QVERIFY_OK(m_store->save(visit(QStringLiteral("visit-5"), QStringLiteral("mia"), 5, 10)));
    QVERIFY_OK(m_store->remove(Entity::Appointment, QStringLiteral("visit-5")));
    const QList<OutboxEntry> outbox = VALUE_OF(m_store->outbox());

    auto server = connect("desk");
    QVERIFY(server);
    const FirstSyncSummary summary = VALUE_OF(FirstSync::run(*m_store, *server));
    QCOMPARE(summary.keptLocal, 3); // ada, visit-here, visit-5

    // The outbox is untouched: the changes are pushed again later.
    QCOMPARE(VALUE_OF(m_store->outbox()).size(), outbox.size());
    // The rows with changes waiting are as this PC has them...
    const QMap<QString, QString> local = localBook(*m_store);
    QVERIFY(local.value(QStringLiteral("client/ada")).contains(QLatin1String("renamed here")));
    QCOMPARE(local.value(QStringLiteral("appointment/visit-here")), compact(booked.toJson()));
    QVERIFY(!local.contains(QStringLiteral("appointment/visit-5")));
    // ...with the server's version as their base; everything else is the server's.
    QSqlQuery ada(owner());
    QVERIFY(exec(ada, QStringLiteral("SELECT version FROM clients WHERE id = 'ada'"))
            && ada.next());
    QCOMPARE(localCount(QStringLiteral("SELECT version FROM row_versions WHERE entity = 'client' "
                                       "AND id = 'ada'")),
             ada.value(0).toLongLong());
    QMap<QString, QString> expected = serverBook();
    expected.insert(QStringLiteral("client/ada"), local.value(QStringLiteral("client/ada")));
    expected.insert(QStringLiteral("appointment/visit-here"), compact(booked.toJson()));
    expected.remove(QStringLiteral("appointment/visit-5"));
    QCOMPARE(local, expected);
    QVERIFY(local.value(QStringLiteral("staff/mia")).contains(QLatin1String("\"MIA\"")));
}

void TestFirstSync::aPcThatHasNotJoinedIsRefused()
{
    QVERIFY(m_store->forgetServerLink().ok());
    auto server = connect("desk");
    QVERIFY(server);
    const Result<FirstSyncSummary> refused = FirstSync::run(*m_store, *server);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QLatin1String("join")),
             qPrintable(refused.error().message));
}

QTEST_GUILESS_MAIN(TestFirstSync)
#include "tst_firstsync.moc"
