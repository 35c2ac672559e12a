#include "domain/appointment.h"
#include "domain/client.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/service.h"
#include "domain/shift.h"
#include "domain/staff.h"
#include "domain/waitlistentry.h"
#include "server/serverschema.h"
#include "store/changeset.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>
#include <optional>

using namespace chairside;
using testserver::exec;
using testserver::FreshDatabase;
using testserver::mutation;
using testserver::removal;

// The server's pull functions (resources/sql/server/004_pull.sql) as a PC
// calls them: book_changes(since) and book_head(). Rows are pushed through
// push_mutations from the domain types, so what is pulled is compared with
// what a PC sent.
class TestServerPull : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void pullsWhatWasPushed();
    void payloadIsBookRow();
    void rowsComeInVersionOrder();
    void sinceLeavesOutOlderRows();
    void tombstonesHaveNoPayload();
    void otherSalonsAreUnseen();
    void bookRowsAreTheSameRowsUnsorted();
    void headGivesEpochAndVersion();
    void onlyPcsOfASalonPull();

private:
    struct Pulled
    {
        QString entity;
        QString id;
        qint64 version = 0;
        bool deleted = false;
        QJsonObject payload;
        bool hasPayload = false;
    };

    QSqlDatabase device(const char *name) const;
    QString role(const char *name) const;
    QList<Pulled> pull(const char *device, qint64 since) const;
    QJsonObject push(const char *device, const QList<QJsonObject> &mutations);
    qint64 pushApplied(const char *device, const QJsonObject &mutation);

    std::unique_ptr<FreshDatabase> m_database;
    QHash<QString, qint64> m_sequences;
    // What salon A's desk pushed, by "entity/id".
    QHash<QString, QJsonObject> m_pushed;
};

namespace {

const QString password = QStringLiteral("device-password");
const QString salonA = QStringLiteral("salon-a");

qint64 at(const char *time, int day = 2)
{
    return QDateTime::fromString(QStringLiteral("2026-12-%1T%2:00Z")
                                         .arg(day, 2, 10, QLatin1Char('0'))
                                         .arg(QLatin1String(time)),
                                 Qt::ISODate)
            .toSecsSinceEpoch();
}

Appointment visit(const QString &id, const QString &salon, const char *from, const char *to)
{
    Appointment a;
    a.id = id;
    a.salonId = salon;
    a.clientId = QStringLiteral("ada");
    a.createdBy = QStringLiteral("Ann");
    a.createdAt = at("08:00", 1);
    a.changedBy = a.createdBy;
    a.changedAt = a.createdAt;
    ServiceLine line;
    line.id = id + QStringLiteral("-1");
    line.serviceId = QStringLiteral("cut");
    line.staffId = QStringLiteral("mia");
    line.segments.append({SegmentKind::Busy, at(from), at(to), {}});
    a.lines.append(line);
    return a;
}

// A row of every kind, with the fields a PC fills in.
QList<std::pair<Entity, QJsonObject>> everyKindOfRow()
{
    Salon salon;
    salon.id = salonA;
    salon.name = QStringLiteral("Salon A");
    salon.timeZone = QStringLiteral("Europe/London");
    salon.openingHours[0] = {9 * 60, 18 * 60};
    salon.patchTestMinHours = 24;

    Staff mia;
    mia.id = QStringLiteral("mia");
    mia.salonId = salonA;
    mia.name = QStringLiteral("Mia");
    mia.colour = QStringLiteral("#aa3366");
    mia.skills = {{QStringLiteral("colour"),
                   {{SegmentKind::Busy, 20, {QStringLiteral("basin")}},
                    {SegmentKind::Processing, 30, {}}}}};

    Service service;
    service.id = QStringLiteral("colour");
    service.salonId = salonA;
    service.name = QStringLiteral("Full colour");
    service.priceCents = 8550;
    service.segments = {{SegmentKind::Busy, 30, {QStringLiteral("basin")}},
                        {SegmentKind::Processing, 35, {}}};

    Resource basin;
    basin.id = QStringLiteral("basin");
    basin.salonId = salonA;
    basin.name = QStringLiteral("Basin");
    basin.count = 2;

    Client ada;
    ada.id = QStringLiteral("ada");
    ada.salonId = salonA;
    ada.name = QStringLiteral("Ada O'Brien");
    ada.notes = QStringLiteral("Allergic to \"ammonia\"\\; likes tea.\nSecond line.\tTab.");
    ada.patchTestDate = QDate(2026, 11, 20);
    ada.consentSms = true;

    Shift shift;
    shift.id = QStringLiteral("shift-1");
    shift.staffId = QStringLiteral("mia");
    shift.weekday = 6;
    shift.startMinute = 9 * 60;
    shift.endMinute = 17 * 60;
    shift.breaks = {{12 * 60, 12 * 60 + 30}};
    shift.validFrom = QDate(2026, 11, 1);

    ShiftException exception;
    exception.id = QStringLiteral("exception-1");
    exception.staffId = QStringLiteral("mia");
    exception.date = QDate(2026, 12, 24);
    exception.working = true;
    exception.startMinute = 9 * 60;
    exception.endMinute = 13 * 60;
    exception.reason = QStringLiteral("Christmas Eve");

    TimeOff timeOff;
    timeOff.id = QStringLiteral("timeoff-1");
    timeOff.staffId = QStringLiteral("mia");
    timeOff.startsAt = at("00:00", 28);
    timeOff.endsAt = at("00:00", 31);
    timeOff.reason = QStringLiteral("Holiday");

    Appointment colour = visit(QStringLiteral("visit-1"), salonA, "14:00", "14:30");
    colour.status = AppointmentStatus::Confirmed;
    colour.notes = QStringLiteral("Bring the swatch");
    ServiceLine second;
    second.id = QStringLiteral("visit-1-2");
    second.serviceId = QStringLiteral("colour");
    second.staffId = QStringLiteral("leo");
    second.segments = {{SegmentKind::Busy, at("14:30"), at("15:00"), {QStringLiteral("basin")}},
                       {SegmentKind::Processing, at("15:00"), at("15:35"), {}},
                       {SegmentKind::Buffer, at("15:35"), at("15:45"), {}}};
    colour.lines.append(second);

    Appointment empty = visit(QStringLiteral("visit-2"), salonA, "17:00", "17:30");
    empty.clientId.clear();
    empty.lines.first().staffId.clear();
    empty.status = AppointmentStatus::Cancelled;
    empty.cancelReason = QStringLiteral("Rain");

    StandingAppointment standing;
    standing.id = QStringLiteral("standing-1");
    standing.salonId = salonA;
    standing.clientId = QStringLiteral("ada");
    standing.rrule = QStringLiteral("FREQ=WEEKLY;INTERVAL=6;COUNT=8");
    standing.firstStartsAt = at("10:00", 3);

    WaitlistEntry entry;
    entry.id = QStringLiteral("waitlist-1");
    entry.salonId = salonA;
    entry.clientId = QStringLiteral("ada");
    entry.serviceIds = {QStringLiteral("cut")};
    entry.earliest = QDate(2026, 12, 3);
    entry.createdAt = at("12:00", 1);

    return {{Entity::Salon, salon.toJson()},
            {Entity::Staff, mia.toJson()},
            {Entity::Service, service.toJson()},
            {Entity::Resource, basin.toJson()},
            {Entity::Client, ada.toJson()},
            {Entity::Shift, shift.toJson()},
            {Entity::ShiftException, exception.toJson()},
            {Entity::TimeOff, timeOff.toJson()},
            {Entity::Appointment, colour.toJson()},
            {Entity::Appointment, empty.toJson()},
            {Entity::StandingAppointment, standing.toJson()},
            {Entity::WaitlistEntry, entry.toJson()}};
}

QString text(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

} // namespace

QSqlDatabase TestServerPull::device(const char *name) const
{
    return m_database->login(role(name), password);
}

QString TestServerPull::role(const char *name) const
{
    return m_database->name() + QLatin1Char('_') + QLatin1String(name);
}

QJsonObject TestServerPull::push(const char *name, const QList<QJsonObject> &mutations)
{
    QJsonArray batch;
    for (QJsonObject m : mutations) {
        m.insert(QStringLiteral("sequence"), ++m_sequences[role(name)]);
        batch.append(m);
    }
    QSqlQuery query(device(name));
    query.prepare(QStringLiteral("SELECT push_mutations(CAST(? AS jsonb))"));
    query.addBindValue(QString::fromUtf8(QJsonDocument(batch).toJson(QJsonDocument::Compact)));
    if (!query.exec() || !query.next()) {
        qWarning("push_mutations: %s", qPrintable(query.lastError().text()));
        return {};
    }
    const QJsonArray outcomes = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array();
    return outcomes.isEmpty() ? QJsonObject() : outcomes.last().toObject();
}

qint64 TestServerPull::pushApplied(const char *name, const QJsonObject &m)
{
    const QJsonObject outcome = push(name, {m});
    if (outcome.value(QStringLiteral("outcome")) != QStringLiteral("applied"))
        qWarning("not applied: %s", qPrintable(text(outcome)));
    return outcome.value(QStringLiteral("version")).toInteger();
}

QList<TestServerPull::Pulled> TestServerPull::pull(const char *name, qint64 since) const
{
    QList<Pulled> rows;
    QSqlQuery query(device(name));
    query.prepare(QStringLiteral("SELECT entity, id, version, deleted, payload::text FROM "
                                 "book_changes(?)"));
    query.addBindValue(since);
    if (!query.exec()) {
        qWarning("book_changes: %s", qPrintable(query.lastError().text()));
        return rows;
    }
    while (query.next()) {
        Pulled row;
        row.entity = query.value(0).toString();
        row.id = query.value(1).toString();
        row.version = query.value(2).toLongLong();
        row.deleted = query.value(3).toBool();
        row.hasPayload = !query.value(4).isNull();
        row.payload = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
        rows.append(row);
    }
    return rows;
}

void TestServerPull::initTestCase()
{
    m_database = std::make_unique<FreshDatabase>(QStringLiteral("serverpull"));
    QVERIFY(m_database->ok());
    QSqlDatabase db = m_database->owner();
    const Result<ServerSchema::Upgrade> upgrade = ServerSchema::migrate(db);
    QVERIFY2(upgrade.ok(), qPrintable(upgrade.ok() ? QString() : upgrade.error().message));

    QSqlQuery query(db);
    QVERIFY(exec(query,
                 QStringLiteral("INSERT INTO salon_clock (salon_id) VALUES ('salon-a'), "
                                "('salon-b')")));
    const QList<std::pair<const char *, const char *>> devices = {
            {"desk", "salon-a"}, {"back", "salon-a"}, {"revoked", "salon-a"}, {"b", "salon-b"}};
    for (const auto &[name, salon] : devices)
        QVERIFY(testserver::addDevice(db, role(name), QLatin1String(salon), password,
                                      qstrcmp(name, "revoked") == 0));

    // Salon A's book, pushed by its desk a row at a time (a version each).
    for (const auto &[entity, payload] : everyKindOfRow()) {
        const QString id = payload.value(QStringLiteral("id")).toString();
        QVERIFY(pushApplied("desk", mutation(entity, id, payload)) > 0);
        m_pushed.insert(entityName(entity) + QLatin1Char('/') + id, payload);
    }
    // Salon B has rows too (ids that salon A also uses), which salon A's PCs
    // must never see.
    Client bea;
    bea.id = QStringLiteral("ada");
    bea.salonId = QStringLiteral("salon-b");
    bea.name = QStringLiteral("Bea");
    QVERIFY(pushApplied("b", mutation(Entity::Client, bea.id, bea.toJson())) > 0);
    const Appointment other =
            visit(QStringLiteral("visit-b"), QStringLiteral("salon-b"), "14:00", "14:30");
    QVERIFY(pushApplied("b", mutation(Entity::Appointment, other.id, other.toJson())) > 0);
}

void TestServerPull::cleanupTestCase()
{
    if (!m_database)
        return;
    m_database.reset();
    // Roles belong to the cluster; the database that granted them is gone.
    FreshDatabase cleanup(QStringLiteral("serverpull_cleanup"));
    QSqlDatabase db = cleanup.connect(QStringLiteral("owner"));
    QSqlQuery query(db);
    for (const char *name : {"desk", "back", "revoked", "b"})
        QVERIFY(exec(query,
                     QStringLiteral("DROP ROLE IF EXISTS serverpull_%1").arg(QLatin1String(name))));
}

void TestServerPull::pullsWhatWasPushed()
{
    // Another PC of the salon gets every row the desk pushed, and each reads
    // back, through its domain type, as the desk had it.
    const QList<Pulled> rows = pull("back", 0);
    QCOMPARE(rows.size(), m_pushed.size());
    for (const Pulled &row : rows) {
        const QString key = row.entity + QLatin1Char('/') + row.id;
        QVERIFY2(m_pushed.contains(key), qPrintable(key));
        QVERIFY(!row.deleted);
        QVERIFY(row.hasPayload);
        Entity entity{};
        QVERIFY(entityFromName(row.entity, &entity));
        const QJsonObject pushed = m_pushed.value(key);
        QJsonObject pulled = row.payload;
        if (entity == Entity::Appointment) {
            // The server notes whether the booking was overbooked knowingly.
            QCOMPARE(pulled.take(QStringLiteral("overbooked")),
                     pushed[QStringLiteral("overbooked")]);
            QVERIFY(pushed.contains(QStringLiteral("overbooked")));
            pulled.insert(QStringLiteral("overbooked"), pushed[QStringLiteral("overbooked")]);
        }
        QCOMPARE(text(pulled), text(pushed));
    }
}

void TestServerPull::payloadIsBookRow()
{
    // The set-based payloads are book_row()'s, for every row (the form the
    // apply functions compare and hand back in conflicts).
    QSqlQuery query(m_database->owner());
    for (const Pulled &row : pull("desk", 0)) {
        query.prepare(QStringLiteral("SELECT row_json::text, row_version FROM book_row(?, ?, ?)"));
        query.addBindValue(salonA);
        query.addBindValue(row.entity);
        query.addBindValue(row.id);
        QVERIFY2(query.exec() && query.next(), qPrintable(query.lastError().text()));
        QCOMPARE(text(row.payload),
                 text(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object()));
        QCOMPARE(row.version, query.value(1).toLongLong());
    }
}

void TestServerPull::rowsComeInVersionOrder()
{
    const QList<Pulled> rows = pull("desk", 0);
    QVERIFY(rows.size() > 1);
    for (qsizetype i = 1; i < rows.size(); ++i)
        QVERIFY2(rows.at(i - 1).version <= rows.at(i).version, qPrintable(rows.at(i).id));
}

void TestServerPull::sinceLeavesOutOlderRows()
{
    const QList<Pulled> all = pull("desk", 0);
    QVERIFY(all.size() > 3);
    const qint64 since = all.at(2).version;
    const QList<Pulled> newer = pull("desk", since);
    QCOMPARE(newer.size(), all.size() - 3);
    for (const Pulled &row : newer)
        QVERIFY(row.version > since);
    QVERIFY(pull("desk", all.last().version).isEmpty());
}

void TestServerPull::tombstonesHaveNoPayload()
{
    const Appointment gone = visit(QStringLiteral("visit-gone"), salonA, "09:00", "09:30");
    const qint64 booked =
            pushApplied("desk", mutation(Entity::Appointment, gone.id, gone.toJson()));
    QVERIFY(booked > 0);
    const qint64 removed = pushApplied("desk", removal(Entity::Appointment, gone.id, booked));
    QVERIFY(removed > booked);

    // A PC that had it learns of the removal; one that pulls from the start
    // gets the tombstone too (in version order, with nothing to rebuild).
    const QList<Pulled> since = pull("back", booked);
    QCOMPARE(since.size(), 1);
    QCOMPARE(since.first().id, gone.id);
    QCOMPARE(since.first().entity, entityName(Entity::Appointment));
    QCOMPARE(since.first().version, removed);
    QVERIFY(since.first().deleted);
    QVERIFY(!since.first().hasPayload);
    const QList<Pulled> all = pull("back", 0);
    QCOMPARE(all.last().id, gone.id);
    QVERIFY(all.last().deleted);
}

void TestServerPull::otherSalonsAreUnseen()
{
    const QList<Pulled> rows = pull("b", 0);
    QCOMPARE(rows.size(), 2);
    for (const Pulled &row : rows)
        QCOMPARE(row.payload.value(QStringLiteral("salonId")).toString(),
                 QStringLiteral("salon-b"));
    for (const Pulled &row : pull("desk", 0))
        QVERIFY2(row.id != QStringLiteral("visit-b")
                         && row.payload.value(QStringLiteral("name")) != QStringLiteral("Bea"),
                 qPrintable(row.id));
}

void TestServerPull::bookRowsAreTheSameRowsUnsorted()
{
    // book_rows() is book_changes() without the sort: the same rows...
    QSqlQuery query(device("back"));
    QVERIFY(exec(query,
                 QStringLiteral("SELECT count(*) FROM (SELECT * FROM book_rows(0) EXCEPT "
                                "ALL SELECT * FROM book_changes(0)) d")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    QVERIFY(exec(query, QStringLiteral("SELECT count(*) FROM book_rows(0)")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), pull("back", 0).size());
    // ...inlined into the caller's query (not a function's result, which
    // PostgreSQL would materialise whole first), with no sort on top: the
    // first sync gets rows while the server still makes the rest. (Below
    // the top, the planner picks sorts or merges by the tables' sizes.)
    QVERIFY(exec(query, QStringLiteral("EXPLAIN SELECT * FROM book_rows(0)")));
    QString plan;
    while (query.next())
        plan += query.value(0).toString() + QLatin1Char('\n');
    QVERIFY2(plan.startsWith(QLatin1String("Append")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("Function Scan")), qPrintable(plan));
}

void TestServerPull::headGivesEpochAndVersion()
{
    QSqlQuery owner(m_database->owner());
    QVERIFY(exec(owner,
                 QStringLiteral("SELECT (SELECT epoch::text FROM server_epoch), (SELECT "
                                "version FROM salon_clock WHERE salon_id = 'salon-a')")));
    QVERIFY(owner.next());
    QSqlQuery query(device("back"));
    QVERIFY(exec(query, QStringLiteral("SELECT epoch::text, version FROM book_head()")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), owner.value(0).toString());
    QCOMPARE(query.value(1).toLongLong(), owner.value(1).toLongLong());
    // A cursor at the head has every row.
    QCOMPARE(pull("back", 0).last().version, query.value(1).toLongLong());
}

void TestServerPull::onlyPcsOfASalonPull()
{
    // A revoked PC is told so instead of pulling an empty book; it reads no
    // row through book_changes either.
    QSqlQuery revoked(device("revoked"));
    QVERIFY(!revoked.exec(QStringLiteral("SELECT * FROM book_head()")));
    QCOMPARE(revoked.lastError().nativeErrorCode(), QStringLiteral("42501"));
    QVERIFY(pull("revoked", 0).isEmpty());
    // The owner is no PC.
    QSqlQuery owner(m_database->owner());
    QVERIFY(!owner.exec(QStringLiteral("SELECT * FROM book_head()")));
    QCOMPARE(owner.lastError().nativeErrorCode(), QStringLiteral("42501"));
}

QTEST_GUILESS_MAIN(TestServerPull)
#include "tst_serverpull.moc"
