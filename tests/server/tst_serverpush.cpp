#include "domain/appointment.h"
#include "domain/client.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/shift.h"
#include "domain/staff.h"
#include "domain/waitlistentry.h"
#include "server/serverschema.h"
#include "store/changeset.h"
#include "testserver.h"

#include <QAtomicInteger>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

using namespace chairside;
using testserver::exec;
using testserver::FreshDatabase;
using testserver::mutation;
using testserver::removal;
using testserver::throughDomain;

// The server's apply functions (resources/sql/server/002_push.sql) as the
// PCs call them: push_mutations once per batch of the outbox, upload_book for
// the first PC's whole book. Payloads are built from the domain types, so
// the format stays the one the PCs write. docs/sync.md describes the rules.
class TestServerPush : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void everyEntityRoundTrips_data();
    void everyEntityRoundTrips();
    void removalLeavesATombstone();
    void holdsTime_data();
    void holdsTime();

    void aRetriedBatchChangesNothing();
    void aSequenceTwiceInABatchAppliesOnce();

    void aStaleMoveIsAConflict();
    void otherFieldsLastWriterWins();
    void cancellationWinsOverAStaleEdit();
    void aStaleEditDoesNotBringBackARemovedRow();

    void concurrentDoubleBookingsOneWins();
    void overbookedKnowinglyIsApplied();
    void resourceCountIsKept();
    void concurrentResourceBookingsOneWins();
    void versionsFollowCommitOrder();

    void aDeviceStaysInItsSalon();
    void aRevokedDeviceIsRefused();
    void onlyEnrolledDevicesPush();
    void devicesCannotCallTheHelpers();

    void auditKeepsWhoAndWhen();
    void aBatchNotifiesOnce();

    void uploadWholeBookOnce();

    void badInputIsRefused_data();
    void badInputIsRefused();
    void aBatchMustBeAnArray();

private:
    struct Pushed
    {
        QJsonArray outcomes;
        QString error; // the database's message when the call failed
        QString sqlState;
    };

    QSqlDatabase owner() const;
    QSqlDatabase device(const QString &role) const;
    QString role(const char *name) const;
    // Gives each mutation the device's next sequence, as its outbox would.
    QJsonArray batch(const QString &role, const QList<QJsonObject> &mutations);
    Pushed push(const QString &role, const QJsonArray &batch) const;
    static Pushed push(QSqlDatabase db, const QJsonArray &batch);
    // One mutation; fails the test when the call fails, returns its outcome.
    QJsonObject pushOne(const QString &role, const QJsonObject &mutation);
    // One mutation that must be applied; returns the version it got.
    qint64 pushApplied(const QString &role, const QJsonObject &mutation);
    struct ServerRow
    {
        QJsonObject json;
        qint64 version = 0;
        bool deleted = false;
        bool exists = false;
    };
    ServerRow serverRow(const QString &salon, Entity entity, const QString &id) const;
    qint64 clockOf(const QString &salon) const;
    qint64 count(const QString &sql) const;
    // `first` pushes in a transaction it keeps open; `second` pushes from
    // another thread and waits for it; then `meanwhile` runs, and `first`
    // commits.
    void pushInterleaved(const QString &firstRole, const QJsonArray &first,
                         const QString &secondRole, const QJsonArray &second, Pushed *firstResult,
                         Pushed *secondResult, const std::function<void()> &meanwhile = {});

    std::unique_ptr<FreshDatabase> m_database;
    QStringList m_roles;
    QHash<QString, qint64> m_sequences;
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

QString uniqueId(const char *prefix)
{
    static int next = 0;
    return QStringLiteral("%1-%2").arg(QLatin1String(prefix)).arg(++next);
}

// A visit of one service with one busy segment, on 2 December (UTC) unless
// another day is given.
Appointment visit(const QString &id, const QString &staff, const char *from, const char *to,
                  const QStringList &resources = {}, int day = 2)
{
    Appointment a;
    a.id = id;
    a.salonId = salonA;
    a.clientId = QStringLiteral("ada");
    a.createdBy = QStringLiteral("Ann");
    a.createdAt = at("08:00", 1);
    a.changedBy = a.createdBy;
    a.changedAt = a.createdAt;
    ServiceLine line;
    line.id = id + QStringLiteral("-1");
    line.serviceId = QStringLiteral("cut");
    line.staffId = staff;
    line.segments.append({SegmentKind::Busy, at(from, day), at(to, day), resources});
    a.lines.append(line);
    return a;
}

Staff stylist(const QString &id, const QString &name)
{
    Staff s;
    s.id = id;
    s.salonId = salonA;
    s.name = name;
    return s;
}

Resource resource(const QString &id, const QString &name, int count)
{
    Resource r;
    r.id = id;
    r.salonId = salonA;
    r.name = name;
    r.count = count;
    return r;
}

QString text(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

} // namespace

QSqlDatabase TestServerPush::owner() const
{
    return m_database->owner();
}

QSqlDatabase TestServerPush::device(const QString &role) const
{
    return m_database->login(role, password);
}

QString TestServerPush::role(const char *name) const
{
    return m_database->name() + QLatin1Char('_') + QLatin1String(name);
}

QJsonArray TestServerPush::batch(const QString &role, const QList<QJsonObject> &mutations)
{
    QJsonArray out;
    for (QJsonObject m : mutations) {
        m.insert(QStringLiteral("sequence"), ++m_sequences[role]);
        out.append(m);
    }
    return out;
}

TestServerPush::Pushed TestServerPush::push(QSqlDatabase db, const QJsonArray &batch)
{
    Pushed pushed;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT push_mutations(CAST(? AS jsonb))"));
    query.addBindValue(QString::fromUtf8(QJsonDocument(batch).toJson(QJsonDocument::Compact)));
    if (!query.exec() || !query.next()) {
        pushed.error = query.lastError().databaseText();
        pushed.sqlState = query.lastError().nativeErrorCode();
        return pushed;
    }
    pushed.outcomes = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array();
    return pushed;
}

TestServerPush::Pushed TestServerPush::push(const QString &role, const QJsonArray &batch) const
{
    return push(device(role), batch);
}

QJsonObject TestServerPush::pushOne(const QString &role, const QJsonObject &m)
{
    const Pushed pushed = push(role, batch(role, {m}));
    if (!pushed.error.isEmpty() || pushed.outcomes.size() != 1) {
        QTest::qFail(qPrintable(QStringLiteral("push failed: ") + pushed.error), __FILE__,
                     __LINE__);
        return {};
    }
    return pushed.outcomes.at(0).toObject();
}

qint64 TestServerPush::pushApplied(const QString &role, const QJsonObject &m)
{
    const QJsonObject outcome = pushOne(role, m);
    if (outcome.value(QStringLiteral("outcome")) != QStringLiteral("applied"))
        QTest::qFail(qPrintable(QStringLiteral("not applied: ") + text(outcome)), __FILE__,
                     __LINE__);
    return outcome.value(QStringLiteral("version")).toInteger();
}

TestServerPush::ServerRow TestServerPush::serverRow(const QString &salon, Entity entity,
                                                    const QString &id) const
{
    QSqlQuery query(owner());
    query.prepare(QStringLiteral("SELECT row_json::text, row_version, row_deleted FROM "
                                 "book_row(?, ?, ?)"));
    query.addBindValue(salon);
    query.addBindValue(entityName(entity));
    query.addBindValue(id);
    ServerRow row;
    if (!query.exec() || !query.next()) {
        qWarning("book_row: %s", qPrintable(query.lastError().text()));
        return row;
    }
    row.exists = !query.value(0).isNull();
    row.json = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    row.version = query.value(1).toLongLong();
    row.deleted = query.value(2).toBool();
    return row;
}

qint64 TestServerPush::clockOf(const QString &salon) const
{
    return count(
            QStringLiteral("SELECT version FROM salon_clock WHERE salon_id = '%1'").arg(salon));
}

qint64 TestServerPush::count(const QString &sql) const
{
    QSqlQuery query(owner());
    if (!exec(query, sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

void TestServerPush::initTestCase()
{
    m_database = std::make_unique<FreshDatabase>(QStringLiteral("serverpush"));
    QVERIFY(m_database->ok());
    QSqlDatabase db = owner();
    const Result<ServerSchema::Upgrade> upgrade = ServerSchema::migrate(db);
    QVERIFY2(upgrade.ok(), qPrintable(upgrade.ok() ? QString() : upgrade.error().message));

    // Devices are enrolled here as the owner, with plain SQL: enrolment is
    // another part's job.
    const QList<std::pair<const char *, const char *>> devices = {
            {"desk", "salon-a"},    {"back", "salon-a"},   {"revoked", "salon-a"},
            {"salon_b", "salon-b"}, {"c_desk", "salon-c"}, {"c_back", "salon-c"}};
    QSqlQuery query(db);
    QVERIFY(exec(query,
                 QStringLiteral("INSERT INTO salon_clock (salon_id) VALUES ('salon-a'), "
                                "('salon-b'), ('salon-c')")));
    QVERIFY(exec(query,
                 QStringLiteral("INSERT INTO salons (salon_id, version, name, time_zone) VALUES "
                                "('salon-a', next_version('salon-a'), 'Salon A', "
                                "'Europe/London')")));
    for (const auto &[name, salon] : devices) {
        const QString login = role(name);
        m_roles.append(login);
        QVERIFY(exec(query, QStringLiteral("DROP ROLE IF EXISTS %1").arg(login)));
        QVERIFY(exec(query,
                     QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2' IN ROLE chairside_device")
                             .arg(login, password)));
        QVERIFY(exec(query,
                     QStringLiteral("INSERT INTO devices (salon_id, name, login_role, revoked_at) "
                                    "VALUES ('%1', '%2', '%3', %4)")
                             .arg(QLatin1String(salon), QLatin1String(name), login,
                                  qstrcmp(name, "revoked") == 0 ? QStringLiteral("now()")
                                                                : QStringLiteral("NULL"))));
    }

    // Salon B has a client of its own, which salon A's PCs must not touch.
    Client bea;
    bea.id = QStringLiteral("bea");
    bea.salonId = QStringLiteral("salon-b");
    bea.name = QStringLiteral("Bea");
    QVERIFY(pushApplied(role("salon_b"), mutation(Entity::Client, bea.id, bea.toJson())) > 0);
    // Salon A's stylists and the client every visit is for.
    Client ada;
    ada.id = QStringLiteral("ada");
    ada.salonId = salonA;
    ada.name = QStringLiteral("Ada");
    const Pushed staffed =
            push(role("desk"),
                 batch(role("desk"),
                       {mutation(Entity::Staff, QStringLiteral("mia"),
                                 stylist(QStringLiteral("mia"), QStringLiteral("Mia")).toJson()),
                        mutation(Entity::Staff, QStringLiteral("leo"),
                                 stylist(QStringLiteral("leo"), QStringLiteral("Leo")).toJson()),
                        mutation(Entity::Client, ada.id, ada.toJson())}));
    QVERIFY2(staffed.error.isEmpty(), qPrintable(staffed.error));
    for (const QJsonValue &outcome : staffed.outcomes)
        QCOMPARE(outcome[QStringLiteral("outcome")], QStringLiteral("applied"));
}

void TestServerPush::cleanupTestCase()
{
    if (m_roles.isEmpty())
        return;
    m_database.reset();
    // Roles belong to the cluster; the database that granted them is gone.
    FreshDatabase cleanup(QStringLiteral("serverpush_cleanup"));
    QSqlDatabase db = cleanup.connect(QStringLiteral("owner"));
    QSqlQuery query(db);
    for (const QString &login : std::as_const(m_roles))
        QVERIFY(exec(query, QStringLiteral("DROP ROLE IF EXISTS %1").arg(login)));
}

void TestServerPush::everyEntityRoundTrips_data()
{
    QTest::addColumn<Entity>("entity");
    QTest::addColumn<QJsonObject>("payload");

    Salon salon;
    salon.id = salonA;
    salon.name = QStringLiteral("Salon A, Deansgate");
    salon.timeZone = QStringLiteral("Europe/London");
    salon.openingHours[0] = {9 * 60, 18 * 60};
    salon.openingHours[5] = {10 * 60, 16 * 60};
    salon.patchTestMinHours = 24;
    salon.patchTestMaxDays = 90;
    QTest::addRow("salon") << Entity::Salon << salon.toJson();

    Staff staff = stylist(uniqueId("staff"), QStringLiteral("Zoë Ström"));
    staff.role = StaffRole::Manager;
    staff.colour = QStringLiteral("#aa3366");
    staff.active = false;
    staff.skills = {{QStringLiteral("cut"), {}},
                    {QStringLiteral("colour"),
                     {{SegmentKind::Busy, 20, {QStringLiteral("basin")}},
                      {SegmentKind::Processing, 30, {}}}}};
    QTest::addRow("staff") << Entity::Staff << staff.toJson();

    Service service;
    service.id = uniqueId("service");
    service.salonId = salonA;
    service.name = QStringLiteral("Full colour");
    service.category = QStringLiteral("Colour");
    service.priceCents = 8550;
    service.segments = {
            {SegmentKind::Busy, 30, {QStringLiteral("basin")}},
            {SegmentKind::Processing, 35, {}},
            {SegmentKind::Busy, 15, {QStringLiteral("basin"), QStringLiteral("chair")}}};
    service.bufferAfterMinutes = 10;
    service.active = false;
    service.rebookWeeks = 6;
    service.needsPatchTest = true;
    QTest::addRow("service") << Entity::Service << service.toJson();

    Resource basin = resource(uniqueId("resource"), QStringLiteral("Basin"), 3);
    basin.kind = QStringLiteral("basin");
    QTest::addRow("resource") << Entity::Resource << basin.toJson();

    Client client;
    client.id = uniqueId("client");
    client.salonId = salonA;
    client.name = QStringLiteral("Ada O'Brien");
    client.phone = QStringLiteral("+44 7700 900123");
    client.email = QStringLiteral("ada@example.org");
    client.notes = QStringLiteral("Allergic to \"ammonia\"; likes tea.\nSecond line.");
    client.patchTestDate = QDate(2026, 11, 20);
    client.noShowCount = 2;
    client.consentSms = true;
    client.consentEmail = false;
    client.consentPhotos = true;
    QTest::addRow("client") << Entity::Client << client.toJson();

    Shift shift;
    shift.id = uniqueId("shift");
    shift.staffId = QStringLiteral("mia");
    shift.weekday = 6;
    shift.startMinute = 20 * 60;
    shift.endMinute = 26 * 60; // past midnight
    shift.breaks = {{22 * 60, 22 * 60 + 30}};
    shift.everyWeeks = 2;
    shift.anchorDate = QDate(2026, 11, 7);
    shift.validFrom = QDate(2026, 11, 1);
    shift.validUntil = QDate(2027, 3, 31);
    QTest::addRow("shift") << Entity::Shift << shift.toJson();

    Shift openEnded = shift;
    openEnded.id = uniqueId("shift");
    openEnded.anchorDate = {};
    openEnded.validFrom = {};
    openEnded.validUntil = {};
    openEnded.breaks = {};
    QTest::addRow("shift without dates") << Entity::Shift << openEnded.toJson();

    ShiftException exception;
    exception.id = uniqueId("exception");
    exception.staffId = QStringLiteral("leo");
    exception.date = QDate(2026, 12, 24);
    exception.working = true;
    exception.startMinute = 9 * 60;
    exception.endMinute = 13 * 60;
    exception.breaks = {{11 * 60, 11 * 60 + 15}};
    exception.reason = QStringLiteral("Christmas Eve");
    QTest::addRow("shift exception") << Entity::ShiftException << exception.toJson();

    TimeOff timeOff;
    timeOff.id = uniqueId("timeoff");
    timeOff.staffId = QStringLiteral("mia");
    timeOff.startsAt = at("00:00", 28);
    timeOff.endsAt = at("00:00", 31);
    timeOff.reason = QStringLiteral("Holiday");
    QTest::addRow("time off") << Entity::TimeOff << timeOff.toJson();

    Appointment appointment = visit(uniqueId("visit"), QStringLiteral("mia"), "14:00", "14:30",
                                    {QStringLiteral("basin")});
    appointment.status = AppointmentStatus::Confirmed;
    appointment.walkIn = true;
    appointment.notes = QStringLiteral("Bring the swatch");
    appointment.depositCents = 2000;
    appointment.seriesId = QStringLiteral("series-1");
    appointment.changedBy = QStringLiteral("Mia");
    appointment.changedAt = at("08:30", 1);
    ServiceLine colour;
    colour.id = appointment.id + QStringLiteral("-2");
    colour.serviceId = QStringLiteral("colour");
    colour.staffId = QStringLiteral("leo");
    colour.segments = {{SegmentKind::Busy, at("14:30"), at("15:00"), {}},
                       {SegmentKind::Processing, at("15:00"), at("15:35"), {}},
                       {SegmentKind::Busy,
                        at("15:35"),
                        at("15:50"),
                        {QStringLiteral("basin"), QStringLiteral("chair")}},
                       {SegmentKind::Buffer, at("15:50"), at("16:00"), {}}};
    appointment.lines.append(colour);
    QTest::addRow("appointment") << Entity::Appointment << appointment.toJson();

    Appointment walkIn = visit(uniqueId("visit"), QString(), "17:00", "17:30");
    walkIn.clientId.clear();
    walkIn.lines.first().serviceId.clear();
    walkIn.status = AppointmentStatus::Cancelled;
    walkIn.cancelReason = QStringLiteral("Rain");
    walkIn.overbooked = true;
    walkIn.overbookReason = QStringLiteral("Mia is busy then");
    QTest::addRow("appointment without client or stylist")
            << Entity::Appointment << walkIn.toJson();

    StandingAppointment standing;
    standing.id = uniqueId("standing");
    standing.salonId = salonA;
    standing.clientId = QStringLiteral("ada");
    standing.rrule = QStringLiteral("FREQ=WEEKLY;INTERVAL=6;COUNT=8");
    standing.firstStartsAt = at("10:00", 3);
    QTest::addRow("standing appointment") << Entity::StandingAppointment << standing.toJson();

    WaitlistEntry entry;
    entry.id = uniqueId("waitlist");
    entry.salonId = salonA;
    entry.clientId = QStringLiteral("ada");
    entry.serviceIds = {QStringLiteral("cut"), QStringLiteral("colour")};
    entry.staffId = QStringLiteral("mia");
    entry.earliest = QDate(2026, 12, 3);
    entry.latest = QDate(2026, 12, 20);
    entry.notes = QStringLiteral("Mornings only");
    entry.createdAt = at("12:00", 1);
    QTest::addRow("waitlist entry") << Entity::WaitlistEntry << entry.toJson();

    WaitlistEntry anyone = entry;
    anyone.id = uniqueId("waitlist");
    anyone.staffId.clear();
    anyone.serviceIds.clear();
    anyone.earliest = {};
    anyone.latest = {};
    QTest::addRow("waitlist entry for anyone") << Entity::WaitlistEntry << anyone.toJson();
}

void TestServerPush::everyEntityRoundTrips()
{
    QFETCH(Entity, entity);
    QFETCH(QJsonObject, payload);
    const QString id = payload.value(QStringLiteral("id")).toString();

    const QJsonObject outcome = pushOne(role("desk"), mutation(entity, id, payload));
    QCOMPARE(outcome.value(QStringLiteral("outcome")), QStringLiteral("applied"));

    const ServerRow row = serverRow(salonA, entity, id);
    QVERIFY(row.exists);
    QCOMPARE(row.version, outcome.value(QStringLiteral("version")).toInteger());
    QVERIFY(!row.deleted);
    // What a PC pulls makes the same domain row it pushed, field by field.
    QCOMPARE(throughDomain(entity, row.json), throughDomain(entity, payload));
    QCOMPARE(text(row.json), text(payload));
}

void TestServerPush::removalLeavesATombstone()
{
    const Appointment a = visit(uniqueId("visit"), QStringLiteral("mia"), "09:00", "09:30");
    const qint64 booked =
            pushApplied(role("desk"), mutation(Entity::Appointment, a.id, a.toJson()));
    const QJsonObject removed = pushOne(role("desk"), removal(Entity::Appointment, a.id, booked));
    QCOMPARE(removed.value(QStringLiteral("outcome")), QStringLiteral("applied"));
    const qint64 version = removed.value(QStringLiteral("version")).toInteger();
    QVERIFY(version > booked);

    const ServerRow row = serverRow(salonA, Entity::Appointment, a.id);
    QVERIFY(row.deleted);
    QCOMPARE(row.version, version);
    // Its lines and segments go with it, so a PC pulling them learns too,
    // and the stylist's time is free again.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointment_segments WHERE "
                                  "appointment_id = '%1' AND deleted AND version = %2")
                           .arg(a.id)
                           .arg(version)),
             1);
    const Appointment again = visit(uniqueId("visit"), QStringLiteral("mia"), "09:00", "09:30");
    QVERIFY(pushApplied(role("back"), mutation(Entity::Appointment, again.id, again.toJson())) > 0);

    // Removing what the server never had: applied, nothing written.
    const qint64 clock = clockOf(salonA);
    const QJsonObject nothing = pushOne(role("desk"), removal(Entity::Client, uniqueId("nobody")));
    QCOMPARE(nothing.value(QStringLiteral("outcome")), QStringLiteral("applied"));
    QVERIFY(nothing.value(QStringLiteral("version")).isNull());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM clients WHERE version > %1").arg(clock)),
             0);
}

void TestServerPush::holdsTime_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("overbooked");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("holds");

    QTest::addRow("busy") << "booked" << false << "busy" << true;
    QTest::addRow("buffer") << "booked" << false << "buffer" << true;
    QTest::addRow("processing") << "booked" << false << "processing" << false;
    QTest::addRow("arrived, busy") << "arrived" << false << "busy" << true;
    QTest::addRow("cancelled") << "cancelled" << false << "busy" << false;
    QTest::addRow("no-show") << "no-show" << false << "busy" << false;
    QTest::addRow("overbooked knowingly") << "booked" << true << "busy" << false;
}

void TestServerPush::holdsTime()
{
    QFETCH(QString, status);
    QFETCH(bool, overbooked);
    QFETCH(QString, kind);
    QFETCH(bool, holds);

    Appointment a = visit(uniqueId("visit"), QStringLiteral("leo"), "06:00", "06:30");
    QVERIFY(appointmentStatusFromName(status, &a.status));
    QVERIFY(segmentKindFromName(kind, &a.lines.first().segments.first().kind));
    a.overbooked = overbooked;
    QVERIFY(pushApplied(role("desk"), mutation(Entity::Appointment, a.id, a.toJson())) > 0);
    QSqlQuery query(owner());
    QVERIFY(exec(query,
                 QStringLiteral("SELECT holds_time FROM appointment_segments WHERE "
                                "appointment_id = '%1'")
                         .arg(a.id)));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toBool(), holds);
    query.finish();
    // Leave 06:00 free for the next row.
    QVERIFY(pushApplied(role("desk"), removal(Entity::Appointment, a.id)) > 0);
}

// A batch that carries one sequence twice (a PC's bug): the second is
// answered as a retry is, with the first's outcome, and nothing is written
// twice (009_push_records.sql keeps the batch's records until its end).
void TestServerPush::aSequenceTwiceInABatchAppliesOnce()
{
    Client client;
    client.id = uniqueId("client");
    client.salonId = salonA;
    client.name = QStringLiteral("Dora");
    QJsonArray sent = batch(role("desk"), {mutation(Entity::Client, client.id, client.toJson())});
    Client renamed = client;
    renamed.name = QStringLiteral("Dora Lee");
    QJsonObject twice = mutation(Entity::Client, client.id, renamed.toJson());
    twice.insert(QStringLiteral("sequence"), sent.at(0)[QStringLiteral("sequence")]);
    sent.append(twice);
    const Pushed pushed = push(role("desk"), sent);
    QVERIFY2(pushed.error.isEmpty(), qPrintable(pushed.error));
    QCOMPARE(pushed.outcomes.size(), 2);
    QCOMPARE(pushed.outcomes.at(0)[QStringLiteral("outcome")], QStringLiteral("applied"));
    QCOMPARE(pushed.outcomes.at(1), pushed.outcomes.at(0));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity_id = '%1'")
                           .arg(client.id)),
             1);
    QCOMPARE(serverRow(salonA, Entity::Client, client.id).json.value(QStringLiteral("name")),
             QStringLiteral("Dora"));
}

void TestServerPush::aRetriedBatchChangesNothing()
{
    // The server committed, then the connection dropped before the PC heard
    // back: the PC sends the same batch again.
    Client client;
    client.id = uniqueId("client");
    client.salonId = salonA;
    client.name = QStringLiteral("Cleo");
    const Appointment a = visit(uniqueId("visit"), QStringLiteral("mia"), "07:00", "07:45");
    QJsonObject bad = mutation(Entity::Client, QStringLiteral("x"), {});
    bad.insert(QStringLiteral("entity"), QStringLiteral("spaceship"));
    const QJsonArray sent = batch(role("desk"),
                                  {mutation(Entity::Client, client.id, client.toJson()),
                                   mutation(Entity::Appointment, a.id, a.toJson()), bad});
    const Pushed first = push(role("desk"), sent);
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    QCOMPARE(first.outcomes.size(), 3);
    QCOMPARE(first.outcomes.at(0)[QStringLiteral("outcome")], QStringLiteral("applied"));
    QCOMPARE(first.outcomes.at(1)[QStringLiteral("outcome")], QStringLiteral("applied"));
    QCOMPARE(first.outcomes.at(2)[QStringLiteral("outcome")], QStringLiteral("refused"));
    // One version for the whole batch.
    QCOMPARE(first.outcomes.at(0)[QStringLiteral("version")],
             first.outcomes.at(1)[QStringLiteral("version")]);

    const qint64 clock = clockOf(salonA);
    const QString rows = QStringLiteral(
            "SELECT (SELECT count(*) FROM applied_mutations) * 1000000 + (SELECT count(*) FROM "
            "audit_log) * 1000 + (SELECT max(version) FROM appointments)");
    const qint64 before = count(rows);
    const ServerRow clientBefore = serverRow(salonA, Entity::Client, client.id);

    for (int attempt = 0; attempt < 2; ++attempt) {
        const Pushed again = push(role("desk"), sent);
        QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
        QCOMPARE(again.outcomes, first.outcomes);
    }
    QCOMPARE(clockOf(salonA), clock);
    QCOMPARE(count(rows), before);
    const ServerRow clientAfter = serverRow(salonA, Entity::Client, client.id);
    QCOMPARE(clientAfter.version, clientBefore.version);
    QCOMPARE(clientAfter.json, clientBefore.json);

    // A batch with the retried mutations and one new one applies the new one only.
    QJsonArray more = sent;
    client.phone = QStringLiteral("0161 496 0000");
    more.append(batch(role("desk"),
                      {mutation(Entity::Client, client.id, client.toJson(), clientBefore.version)})
                        .first());
    const Pushed mixed = push(role("desk"), more);
    QVERIFY2(mixed.error.isEmpty(), qPrintable(mixed.error));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(mixed.outcomes.at(i), first.outcomes.at(i));
    QCOMPARE(mixed.outcomes.at(3)[QStringLiteral("outcome")], QStringLiteral("applied"));
    QCOMPARE(clockOf(salonA), clock + 1);
}

void TestServerPush::aStaleMoveIsAConflict()
{
    Appointment a = visit(uniqueId("visit"), QStringLiteral("mia"), "10:00", "10:30");
    const qint64 base = pushApplied(role("desk"), mutation(Entity::Appointment, a.id, a.toJson()));
    // The back office adds a note; the desk, not having pulled it, moves the
    // visit to Leo at 11:00.
    Appointment noted = a;
    noted.notes = QStringLiteral("Running late");
    QVERIFY(pushApplied(role("back"), mutation(Entity::Appointment, a.id, noted.toJson(), base))
            > 0);
    const ServerRow before = serverRow(salonA, Entity::Appointment, a.id);

    for (const bool otherStylist : {false, true}) {
        Appointment moved = a;
        if (otherStylist)
            moved.lines.first().staffId = QStringLiteral("leo");
        else
            moved.lines.first().segments.first() = {
                    SegmentKind::Busy, at("11:00"), at("11:30"), {}};
        const QJsonObject outcome =
                pushOne(role("desk"), mutation(Entity::Appointment, a.id, moved.toJson(), base));
        QCOMPARE(outcome.value(QStringLiteral("outcome")), QStringLiteral("conflict"));
        QCOMPARE(outcome.value(QStringLiteral("reason")), QStringLiteral("changed-elsewhere"));
        QVERIFY(!outcome.value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(outcome.value(QStringLiteral("serverVersion")).toInteger(), before.version);
        QCOMPARE(outcome.value(QStringLiteral("serverRow")).toObject(), before.json);
        const ServerRow after = serverRow(salonA, Entity::Appointment, a.id);
        QCOMPARE(after.version, before.version);
        QCOMPARE(after.json, before.json);
    }

    // With the server's version as its base the same move is applied.
    Appointment moved = noted;
    moved.lines.first().segments.first() = {SegmentKind::Busy, at("11:00"), at("11:30"), {}};
    QVERIFY(pushApplied(role("desk"),
                        mutation(Entity::Appointment, a.id, moved.toJson(), before.version))
            > 0);
    QCOMPARE(Appointment::fromJson(serverRow(salonA, Entity::Appointment, a.id).json), moved);
}

void TestServerPush::otherFieldsLastWriterWins()
{
    Appointment a = visit(uniqueId("visit"), QStringLiteral("leo"), "12:00", "12:30");
    const qint64 base = pushApplied(role("desk"), mutation(Entity::Appointment, a.id, a.toJson()));
    // The back office moves it to 13:00; the desk, on its old copy, adds a
    // note. The note is applied and the visit stays at 13:00.
    Appointment moved = a;
    moved.lines.first().segments.first() = {SegmentKind::Busy, at("13:00"), at("13:30"), {}};
    QVERIFY(pushApplied(role("back"), mutation(Entity::Appointment, a.id, moved.toJson(), base))
            > 0);
    Appointment noted = a;
    noted.notes = QStringLiteral("Desk: wants a fringe");
    noted.depositCents = 500;
    const QJsonObject outcome =
            pushOne(role("desk"), mutation(Entity::Appointment, a.id, noted.toJson(), base));
    QCOMPARE(outcome.value(QStringLiteral("outcome")), QStringLiteral("applied"));
    QCOMPARE(outcome.value(QStringLiteral("kept")).toArray(), QJsonArray{QStringLiteral("lines")});
    Appointment expected = moved;
    expected.notes = noted.notes;
    expected.depositCents = noted.depositCents;
    QCOMPARE(Appointment::fromJson(serverRow(salonA, Entity::Appointment, a.id).json), expected);

    // The back office, on its copy, writes another note: the last writer
    // in the server's order wins, field by field of the row.
    Appointment backNote = moved;
    backNote.notes = QStringLiteral("Back: wants a bob");
    QVERIFY(pushApplied(role("back"),
                        mutation(Entity::Appointment, a.id, backNote.toJson(),
                                 outcome.value(QStringLiteral("version")).toInteger() - 1))
            > 0);
    QCOMPARE(Appointment::fromJson(serverRow(salonA, Entity::Appointment, a.id).json), backNote);

    // A client edited on two PCs: the last one pushed wins.
    Client client;
    client.id = uniqueId("client");
    client.salonId = salonA;
    client.name = QStringLiteral("Dee");
    const qint64 clientBase =
            pushApplied(role("desk"), mutation(Entity::Client, client.id, client.toJson()));
    Client fromDesk = client;
    fromDesk.phone = QStringLiteral("111");
    Client fromBack = client;
    fromBack.phone = QStringLiteral("222");
    QVERIFY(pushApplied(role("desk"),
                        mutation(Entity::Client, client.id, fromDesk.toJson(), clientBase))
            > 0);
    QVERIFY(pushApplied(role("back"),
                        mutation(Entity::Client, client.id, fromBack.toJson(), clientBase))
            > 0);
    QCOMPARE(Client::fromJson(serverRow(salonA, Entity::Client, client.id).json), fromBack);
}

void TestServerPush::cancellationWinsOverAStaleEdit()
{
    Appointment a = visit(uniqueId("visit"), QStringLiteral("mia"), "15:00", "15:30");
    const qint64 base = pushApplied(role("desk"), mutation(Entity::Appointment, a.id, a.toJson()));
    Appointment cancelled = a;
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.cancelReason = QStringLiteral("Ill");
    QVERIFY(pushApplied(role("back"), mutation(Entity::Appointment, a.id, cancelled.toJson(), base))
            > 0);

    // A stale note: applied, and the visit stays cancelled.
    Appointment noted = a;
    noted.notes = QStringLiteral("Parking at the back");
    const QJsonObject outcome =
            pushOne(role("desk"), mutation(Entity::Appointment, a.id, noted.toJson(), base));
    QCOMPARE(outcome.value(QStringLiteral("outcome")), QStringLiteral("applied"));
    QCOMPARE(outcome.value(QStringLiteral("kept")).toArray(), QJsonArray{QStringLiteral("status")});
    Appointment expected = cancelled;
    expected.notes = noted.notes;
    QCOMPARE(Appointment::fromJson(serverRow(salonA, Entity::Appointment, a.id).json), expected);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointment_segments WHERE "
                                  "appointment_id = '%1' AND holds_time")
                           .arg(a.id)),
             0);

    // A stale confirmation cannot un-cancel it.
    const ServerRow before = serverRow(salonA, Entity::Appointment, a.id);
    Appointment confirmed = a;
    confirmed.status = AppointmentStatus::Confirmed;
    const QJsonObject refused =
            pushOne(role("desk"), mutation(Entity::Appointment, a.id, confirmed.toJson(), base));
    QCOMPARE(refused.value(QStringLiteral("outcome")), QStringLiteral("conflict"));
    QCOMPARE(refused.value(QStringLiteral("reason")), QStringLiteral("status"));
    QCOMPARE(serverRow(salonA, Entity::Appointment, a.id).json, before.json);

    // The other way round: confirmed on one PC, cancelled on a stale copy.
    Appointment b = visit(uniqueId("visit"), QStringLiteral("mia"), "16:00", "16:30");
    const qint64 baseB = pushApplied(role("desk"), mutation(Entity::Appointment, b.id, b.toJson()));
    Appointment confirmedB = b;
    confirmedB.status = AppointmentStatus::Confirmed;
    QVERIFY(pushApplied(role("desk"),
                        mutation(Entity::Appointment, b.id, confirmedB.toJson(), baseB))
            > 0);
    Appointment cancelledB = b;
    cancelledB.status = AppointmentStatus::Cancelled;
    QVERIFY(pushApplied(role("back"),
                        mutation(Entity::Appointment, b.id, cancelledB.toJson(), baseB))
            > 0);
    QCOMPARE(Appointment::fromJson(serverRow(salonA, Entity::Appointment, b.id).json).status,
             AppointmentStatus::Cancelled);
}

void TestServerPush::aStaleEditDoesNotBringBackARemovedRow()
{
    Client client;
    client.id = uniqueId("client");
    client.salonId = salonA;
    client.name = QStringLiteral("Eve");
    const qint64 base =
            pushApplied(role("desk"), mutation(Entity::Client, client.id, client.toJson()));
    QVERIFY(pushApplied(role("back"), removal(Entity::Client, client.id, base)) > 0);
    client.phone = QStringLiteral("0161 496 0001");
    const QJsonObject outcome =
            pushOne(role("desk"), mutation(Entity::Client, client.id, client.toJson(), base));
    QCOMPARE(outcome.value(QStringLiteral("outcome")), QStringLiteral("conflict"));
    QCOMPARE(outcome.value(QStringLiteral("reason")), QStringLiteral("removed-elsewhere"));
    QCOMPARE(outcome.value(QStringLiteral("serverDeleted")), true);
    QVERIFY(serverRow(salonA, Entity::Client, client.id).deleted);
}

void TestServerPush::pushInterleaved(const QString &firstRole, const QJsonArray &first,
                                     const QString &secondRole, const QJsonArray &second,
                                     Pushed *firstResult, Pushed *secondResult,
                                     const std::function<void()> &meanwhile)
{
    QSqlDatabase firstDb = device(firstRole);
    QVERIFY(firstDb.transaction());
    *firstResult = push(firstDb, first);
    QVERIFY2(firstResult->error.isEmpty(), qPrintable(firstResult->error));

    QAtomicInteger<int> pid = 0;
    const QString connection = m_database->name() + QStringLiteral(".thread-") + secondRole;
    const QUrl url = testserver::withLogin(m_database->url(), secondRole, password);
    std::unique_ptr<QThread> thread(QThread::create([&] {
        {
            QSqlDatabase db = testserver::connect(url, connection);
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT pg_backend_pid()")) && query.next())
                pid = query.value(0).toInt();
            query.finish();
            *secondResult = push(db, second);
        }
        QSqlDatabase::removeDatabase(connection);
    }));
    thread->start();
    // pg_locks, not pg_stat_activity: the owner does not see another
    // login's wait events.
    const auto secondIsWaiting = [&] {
        QSqlQuery q(owner());
        q.exec(QStringLiteral("SELECT EXISTS (SELECT FROM pg_locks WHERE pid = %1 AND NOT granted)")
                       .arg(pid.loadRelaxed()));
        return pid.loadRelaxed() != 0 && q.next() && q.value(0).toBool();
    };
    const bool waited =
            QTest::qWaitFor([&] { return secondIsWaiting() || thread->isFinished(); }, 30000)
            && !thread->isFinished();
    if (waited && meanwhile)
        meanwhile();
    // Commit whatever happened, so the second batch cannot hang the test.
    const bool committed = firstDb.commit();
    const bool finished = thread->wait(60000);
    QVERIFY2(waited, "the second batch must wait for the first");
    QVERIFY(committed);
    QVERIFY(finished);
    QVERIFY2(secondResult->error.isEmpty(), qPrintable(secondResult->error));
}

void TestServerPush::concurrentDoubleBookingsOneWins()
{
    // The desk books Mia at 10:00 (London = UTC in December) on 4 December;
    // the back office books her at 10:30 at the same moment.
    const Appointment desk =
            visit(uniqueId("visit"), QStringLiteral("mia"), "10:00", "11:00", {}, 4);
    const Appointment back =
            visit(uniqueId("visit"), QStringLiteral("mia"), "10:30", "11:30", {}, 4);
    Pushed first;
    Pushed second;
    pushInterleaved(role("desk"),
                    batch(role("desk"), {mutation(Entity::Appointment, desk.id, desk.toJson())}),
                    role("back"),
                    batch(role("back"), {mutation(Entity::Appointment, back.id, back.toJson())}),
                    &first, &second);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(first.outcomes.at(0)[QStringLiteral("outcome")], QStringLiteral("applied"));
    const QJsonObject lost = second.outcomes.at(0).toObject();
    QCOMPARE(lost.value(QStringLiteral("outcome")), QStringLiteral("conflict"));
    QCOMPARE(lost.value(QStringLiteral("reason")), QStringLiteral("stylist-busy"));
    QCOMPARE(lost.value(QStringLiteral("staffId")), QStringLiteral("mia"));
    QCOMPARE(lost.value(QStringLiteral("appointmentId")), desk.id);
    QCOMPARE(lost.value(QStringLiteral("message")),
             QStringLiteral("Mia is already booked between 2026-12-04 10:00 and 11:00."));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointments WHERE id IN ('%1', '%2')")
                           .arg(desk.id, back.id)),
             1);
}

void TestServerPush::overbookedKnowinglyIsApplied()
{
    const Appointment booked = visit(uniqueId("visit"), QStringLiteral("leo"), "18:00", "19:00");
    QVERIFY(pushApplied(role("desk"), mutation(Entity::Appointment, booked.id, booked.toJson()))
            > 0);
    const Appointment over = visit(uniqueId("visit"), QStringLiteral("leo"), "18:30", "19:30");
    QCOMPARE(pushOne(role("back"), mutation(Entity::Appointment, over.id, over.toJson()))
                     .value(QStringLiteral("reason")),
             QStringLiteral("stylist-busy"));
    // The manager says "book anyway": the mutation is marked overbooked.
    QJsonObject knowingly = mutation(Entity::Appointment, over.id, over.toJson());
    knowingly.insert(QStringLiteral("overbooked"), true);
    const QJsonObject outcome = pushOne(role("back"), knowingly);
    QCOMPARE(outcome.value(QStringLiteral("outcome")), QStringLiteral("applied"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointment_segments WHERE "
                                  "appointment_id = '%1' AND NOT holds_time")
                           .arg(over.id)),
             1);
    QVERIFY(Appointment::fromJson(serverRow(salonA, Entity::Appointment, over.id).json).overbooked);
}

void TestServerPush::resourceCountIsKept()
{
    const QString basin = uniqueId("basin");
    const QString dryers = uniqueId("dryers");
    QVERIFY(pushApplied(role("desk"),
                        mutation(Entity::Resource, basin,
                                 resource(basin, QStringLiteral("Basin"), 1).toJson()))
            > 0);
    QVERIFY(pushApplied(role("desk"),
                        mutation(Entity::Resource, dryers,
                                 resource(dryers, QStringLiteral("Dryer"), 2).toJson()))
            > 0);
    const auto book = [&](const char *staff, const char *from, const char *to,
                          const QString &resourceId) {
        const Appointment a =
                visit(uniqueId("visit"), QLatin1String(staff), from, to, {resourceId}, 6);
        return pushOne(role("desk"), mutation(Entity::Appointment, a.id, a.toJson()));
    };
    QCOMPARE(book("mia", "10:00", "11:00", basin).value(QStringLiteral("outcome")),
             QStringLiteral("applied"));
    const QJsonObject full = book("leo", "10:30", "11:30", basin);
    QCOMPARE(full.value(QStringLiteral("outcome")), QStringLiteral("conflict"));
    QCOMPARE(full.value(QStringLiteral("reason")), QStringLiteral("resource-full"));
    QCOMPARE(full.value(QStringLiteral("resourceId")), basin);
    QCOMPARE(full.value(QStringLiteral("message")),
             QStringLiteral("Basin: all 1 in use between 2026-12-06 10:30 and 11:30."));
    QCOMPARE(book("leo", "11:00", "12:00", basin).value(QStringLiteral("outcome")),
             QStringLiteral("applied"));

    // Two dryers: two visits at once, not three. Two that do not overlap
    // each other both overlap a third without going over the count.
    QCOMPARE(book("mia", "14:00", "15:00", dryers).value(QStringLiteral("outcome")),
             QStringLiteral("applied"));
    QCOMPARE(book("leo", "14:30", "15:30", dryers).value(QStringLiteral("outcome")),
             QStringLiteral("applied"));
    QCOMPARE(book("ivy", "14:45", "15:15", dryers).value(QStringLiteral("reason")),
             QStringLiteral("resource-full"));
    QCOMPARE(book("ivy", "15:00", "15:30", dryers).value(QStringLiteral("outcome")),
             QStringLiteral("applied"));
}

void TestServerPush::concurrentResourceBookingsOneWins()
{
    const QString room = uniqueId("room");
    QVERIFY(pushApplied(role("desk"),
                        mutation(Entity::Resource, room,
                                 resource(room, QStringLiteral("Treatment room"), 1).toJson()))
            > 0);
    const Appointment desk =
            visit(uniqueId("visit"), QStringLiteral("mia"), "10:00", "11:00", {room}, 7);
    const Appointment back =
            visit(uniqueId("visit"), QStringLiteral("leo"), "10:30", "11:30", {room}, 7);
    Pushed first;
    Pushed second;
    pushInterleaved(role("desk"),
                    batch(role("desk"), {mutation(Entity::Appointment, desk.id, desk.toJson())}),
                    role("back"),
                    batch(role("back"), {mutation(Entity::Appointment, back.id, back.toJson())}),
                    &first, &second);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(first.outcomes.at(0)[QStringLiteral("outcome")], QStringLiteral("applied"));
    QCOMPARE(second.outcomes.at(0)[QStringLiteral("outcome")], QStringLiteral("conflict"));
    QCOMPARE(second.outcomes.at(0)[QStringLiteral("reason")], QStringLiteral("resource-full"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointments WHERE id IN ('%1', '%2')")
                           .arg(desk.id, back.id)),
             1);
}

void TestServerPush::versionsFollowCommitOrder()
{
    // Two PCs push at once. A reader pulling "version > cursor" while the
    // first has not committed must not move past its rows.
    QSqlDatabase reader = device(role("desk"));
    qint64 cursor = clockOf(salonA);
    QStringList pulled;
    const auto pull = [&] {
        QSqlQuery q(reader);
        QVERIFY(exec(q,
                     QStringLiteral("SELECT id, version FROM clients WHERE version > %1 "
                                    "ORDER BY version")
                             .arg(cursor)));
        while (q.next()) {
            pulled.append(q.value(0).toString());
            cursor = q.value(1).toLongLong();
        }
    };
    Client first;
    first.id = uniqueId("client");
    first.salonId = salonA;
    Client second = first;
    second.id = uniqueId("client");
    Pushed firstPushed;
    Pushed secondPushed;
    pushInterleaved(role("back"),
                    batch(role("back"), {mutation(Entity::Client, first.id, first.toJson())}),
                    role("desk"),
                    batch(role("desk"), {mutation(Entity::Client, second.id, second.toJson())}),
                    &firstPushed, &secondPushed, pull);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(pulled.isEmpty(), "nothing is visible before the first commits");
    pull();
    QCOMPARE(pulled, (QStringList{first.id, second.id}));
    QCOMPARE(secondPushed.outcomes.at(0)[QStringLiteral("version")].toInteger(),
             firstPushed.outcomes.at(0)[QStringLiteral("version")].toInteger() + 1);
}

void TestServerPush::aDeviceStaysInItsSalon()
{
    // Salon B's PC names salon A in its payloads: refused, salon A unchanged.
    Client intruder;
    intruder.id = uniqueId("client");
    intruder.salonId = salonA;
    intruder.name = QStringLiteral("Mallory");
    const qint64 clock = clockOf(salonA);
    QJsonObject outcome =
            pushOne(role("salon_b"), mutation(Entity::Client, intruder.id, intruder.toJson()));
    QCOMPARE(outcome.value(QStringLiteral("outcome")), QStringLiteral("refused"));
    QCOMPARE(outcome.value(QStringLiteral("reason")), QStringLiteral("other-salon"));
    Salon renamed;
    renamed.id = salonA;
    renamed.name = QStringLiteral("Taken over");
    outcome = pushOne(role("salon_b"), mutation(Entity::Salon, salonA, renamed.toJson()));
    QCOMPARE(outcome.value(QStringLiteral("reason")), QStringLiteral("other-salon"));
    QCOMPARE(clockOf(salonA), clock);
    QVERIFY(!serverRow(salonA, Entity::Client, intruder.id).exists);
    QVERIFY(!serverRow(QStringLiteral("salon-b"), Entity::Client, intruder.id).exists);

    // A row of no salon in its payload (a shift) lands in the PC's own salon.
    Shift shift;
    shift.id = uniqueId("shift");
    shift.staffId = QStringLiteral("mia");
    QVERIFY(pushApplied(role("salon_b"), mutation(Entity::Shift, shift.id, shift.toJson())) > 0);
    QVERIFY(serverRow(QStringLiteral("salon-b"), Entity::Shift, shift.id).exists);
    QVERIFY(!serverRow(salonA, Entity::Shift, shift.id).exists);

    // Nor does it read salon A, in any table, the new ones included.
    QSqlQuery query(device(role("salon_b")));
    for (const char *table :
         {"clients", "appointments", "shifts", "audit_log", "applied_mutations"}) {
        QVERIFY(exec(query,
                     QStringLiteral("SELECT count(*) FROM %1 WHERE salon_id = 'salon-a'")
                             .arg(QLatin1String(table))));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
    QVERIFY(exec(query, QStringLiteral("SELECT count(*) FROM audit_log")));
    QVERIFY(query.next());
    QVERIFY2(query.value(0).toInt() > 0, "its own salon's audit");
}

void TestServerPush::aRevokedDeviceIsRefused()
{
    Client client;
    client.id = uniqueId("client");
    client.salonId = salonA;
    const qint64 clock = clockOf(salonA);
    const Pushed pushed =
            push(role("revoked"),
                 batch(role("revoked"), {mutation(Entity::Client, client.id, client.toJson())}));
    QCOMPARE(pushed.sqlState, QStringLiteral("42501"));
    QVERIFY2(pushed.error.contains(QLatin1String("removed from the salon")),
             qPrintable(pushed.error));
    QCOMPARE(clockOf(salonA), clock);
    QVERIFY(!serverRow(salonA, Entity::Client, client.id).exists);

    QSqlQuery query(device(role("revoked")));
    QVERIFY(!query.exec(QStringLiteral("SELECT upload_book('[]', true)")));
    QCOMPARE(query.lastError().nativeErrorCode(), QStringLiteral("42501"));
}

void TestServerPush::onlyEnrolledDevicesPush()
{
    // The owner owns the functions but is no PC: it cannot push as one.
    const Pushed pushed = push(owner(), QJsonArray());
    QCOMPARE(pushed.sqlState, QStringLiteral("42501"));
    QVERIFY2(pushed.error.contains(QLatin1String("not an enrolled Chairside PC")),
             qPrintable(pushed.error));
}

void TestServerPush::devicesCannotCallTheHelpers()
{
    // Only the entry points; the helpers would skip the device check.
    QSqlQuery query(device(role("desk")));
    for (const QString &sql :
         {QStringLiteral("SELECT apply_change('salon-b', gen_random_uuid(), '{}', 1, false)"),
          QStringLiteral("SELECT write_row('salon-b', 'client', 'x', '{}', 1)"),
          QStringLiteral("SELECT next_version('salon-b')"),
          QStringLiteral("SELECT * FROM book_row('salon-b', 'client', 'bea')")}) {
        QVERIFY2(!query.exec(sql), qPrintable(sql));
        QCOMPARE(query.lastError().nativeErrorCode(), QStringLiteral("42501"));
    }
    // The only functions that write for a PC are the two entry points,
    // claim_device (joining: the PC sets its own password, once; the second
    // also keeps its device key's hash) and set_device_key (its own key's
    // hash, under its own login). keyed_device only reads the devices row
    // whose key the caller holds (007_pooled_devices.sql).
    QSqlQuery owned(owner());
    QVERIFY(exec(owned,
                 QStringLiteral("SELECT string_agg(proname, ',' ORDER BY proname) FROM "
                                "pg_proc WHERE prosecdef AND has_function_privilege("
                                "'chairside_device', oid, 'EXECUTE')")));
    QVERIFY(owned.next());
    QCOMPARE(owned.value(0).toString(),
             QStringLiteral("claim_device,claim_device,keyed_device,push_mutations,set_device_key,"
                            "upload_book"));
    // Everything a PC is granted: those, the pull functions (which run as the
    // PC, under row-level security; book_pull and book_rows_of from schema 8)
    // and the instant formatting they use, and
    // the variants that take the device key (they put it in the transaction
    // and run as the PC).
    QVERIFY(exec(
            owned,
            QStringLiteral("SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc "
                           "WHERE EXISTS (SELECT FROM aclexplode(proacl) a WHERE a.grantee "
                           "= 'chairside_device'::regrole AND a.privilege_type = 'EXECUTE')")));
    QVERIFY(owned.next());
    QCOMPARE(owned.value(0).toString(),
             QStringLiteral("book_changes,book_head,book_head,book_history,book_history,book_pull,"
                            "book_pull,book_rows,book_rows_of,book_upload,claim_device,"
                            "claim_device,device_name,iso_instant,"
                            "joining_device,keyed_device,push_mutations,push_mutations,"
                            "set_device_key,upload_book,upload_book"));
}

void TestServerPush::auditKeepsWhoAndWhen()
{
    Client client;
    client.id = uniqueId("client");
    client.salonId = salonA;
    client.name = QStringLiteral("Fay");
    const qint64 base =
            pushApplied(role("desk"), mutation(Entity::Client, client.id, client.toJson()));
    // Made offline three days ago by Ann, pushed now.
    Client renamed = client;
    renamed.name = QStringLiteral("Fay Ng");
    QJsonObject m = mutation(Entity::Client, client.id, renamed.toJson(), base);
    m.insert(QStringLiteral("happenedAt"), QStringLiteral("2026-11-28T15:45:10Z"));
    m.insert(QStringLiteral("changedBy"), QStringLiteral("Ann at the desk"));
    QSqlQuery query(device(role("desk")));
    QVERIFY(exec(query, QStringLiteral("SELECT now()")) && query.next());
    const QDateTime before = query.value(0).toDateTime();
    const QJsonObject outcome = pushOne(role("desk"), m);
    QCOMPARE(outcome.value(QStringLiteral("outcome")), QStringLiteral("applied"));

    // The PC reads its salon's audit through row-level security.
    QVERIFY(exec(query,
                 QStringLiteral("SELECT a.changed_by, a.device_id = d.device_id, a.happened_at, "
                                "a.received_at, a.version, a.changes::text, a.outcome, "
                                "clock_timestamp() FROM audit_log a JOIN devices d ON "
                                "d.login_role = current_user WHERE a.entity = 'client' AND "
                                "a.entity_id = '%1' ORDER BY a.entry_id DESC LIMIT 1")
                         .arg(client.id)));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("Ann at the desk"));
    QVERIFY2(query.value(1).toBool(), "the device that pushed it");
    QCOMPARE(query.value(2).toDateTime().toUTC(),
             QDateTime(QDate(2026, 11, 28), QTime(15, 45, 10), Qt::UTC));
    const QDateTime received = query.value(3).toDateTime();
    QVERIFY(received >= before);
    QVERIFY(received <= query.value(7).toDateTime());
    QCOMPARE(query.value(4).toLongLong(), outcome.value(QStringLiteral("version")).toInteger());
    const QJsonObject changes =
            QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object();
    QCOMPARE(changes,
             (QJsonObject{{QStringLiteral("name"),
                           QJsonArray{QStringLiteral("Fay"), QStringLiteral("Fay Ng")}}}));
    QCOMPARE(query.value(6).toString(), QStringLiteral("applied"));
}

void TestServerPush::aBatchNotifiesOnce()
{
    // A PC that listens hears of every batch that changed the book, once,
    // with the salon and the version only.
    QSqlDatabase listener = m_database->connect(QStringLiteral("listener"));
    QVERIFY(listener.driver()->subscribeToNotification(QStringLiteral("chairside_book")));
    QSignalSpy heard(listener.driver(), &QSqlDriver::notification);

    Client first;
    first.id = uniqueId("client");
    first.salonId = salonA;
    Client second = first;
    second.id = uniqueId("client");
    const QJsonArray sent = batch(role("desk"),
                                  {mutation(Entity::Client, first.id, first.toJson()),
                                   mutation(Entity::Client, second.id, second.toJson())});
    const Pushed pushed = push(role("desk"), sent);
    QVERIFY2(pushed.error.isEmpty(), qPrintable(pushed.error));
    QVERIFY(heard.wait(10000));
    // A retry changes nothing and tells no one; the next change does.
    QVERIFY(push(role("desk"), sent).error.isEmpty());
    const QJsonObject third = pushOne(role("desk"), removal(Entity::Client, first.id));
    QTRY_COMPARE_WITH_TIMEOUT(heard.size(), 2, 10000);

    const QList<qint64> versions = {pushed.outcomes.at(0)[QStringLiteral("version")].toInteger(),
                                    third.value(QStringLiteral("version")).toInteger()};
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(heard.at(i).at(0).toString(), QStringLiteral("chairside_book"));
        const QJsonObject payload =
                QJsonDocument::fromJson(heard.at(i).at(2).toString().toUtf8()).object();
        QCOMPARE(payload,
                 (QJsonObject{{QStringLiteral("salon"), salonA},
                              {QStringLiteral("version"), versions.at(i)}}));
    }
    listener.driver()->unsubscribeFromNotification(QStringLiteral("chairside_book"));
}

void TestServerPush::uploadWholeBookOnce()
{
    const auto upload = [&](const QString &login, const QJsonArray &rows, bool finished) {
        Pushed pushed;
        QSqlQuery query(device(login));
        query.prepare(QStringLiteral("SELECT upload_book(CAST(? AS jsonb), ?)"));
        query.addBindValue(QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)));
        query.addBindValue(finished);
        if (!query.exec() || !query.next()) {
            pushed.error = query.lastError().databaseText();
            pushed.sqlState = query.lastError().nativeErrorCode();
            return pushed;
        }
        pushed.outcomes = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array();
        return pushed;
    };
    const auto row = [](Entity entity, const QJsonObject &payload) {
        return QJsonObject{{QStringLiteral("entity"), entityName(entity)},
                           {QStringLiteral("id"), payload.value(QStringLiteral("id"))},
                           {QStringLiteral("payload"), payload}};
    };
    const QString salonC = QStringLiteral("salon-c");
    Salon salon;
    salon.id = salonC;
    salon.name = QStringLiteral("Salon C");
    salon.timeZone = QStringLiteral("Europe/Dublin");
    Staff kim = stylist(QStringLiteral("kim"), QStringLiteral("Kim"));
    kim.salonId = salonC;
    Appointment a = visit(QStringLiteral("c-visit"), QStringLiteral("kim"), "10:00", "11:00");
    a.salonId = salonC;
    Appointment clash = visit(QStringLiteral("c-clash"), QStringLiteral("kim"), "10:30", "11:00");
    clash.salonId = salonC;

    const Pushed first =
            upload(role("c_desk"),
                   {row(Entity::Salon, salon.toJson()), row(Entity::Staff, kim.toJson())}, false);
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    QCOMPARE(first.outcomes.size(), 2);
    for (const QJsonValue &outcome : first.outcomes)
        QCOMPARE(outcome[QStringLiteral("outcome")], QStringLiteral("applied"));

    // Another PC of the salon waits for the book; it cannot upload its own.
    const Pushed meanwhile = upload(role("c_back"), {row(Entity::Staff, kim.toJson())}, true);
    QCOMPARE(meanwhile.sqlState, QStringLiteral("55000"));
    QVERIFY2(meanwhile.error.contains(QLatin1String("c_desk is uploading")),
             qPrintable(meanwhile.error));

    const Pushed last = upload(
            role("c_desk"),
            {row(Entity::Appointment, a.toJson()), row(Entity::Appointment, clash.toJson())}, true);
    QVERIFY2(last.error.isEmpty(), qPrintable(last.error));
    QCOMPARE(last.outcomes.at(0)[QStringLiteral("outcome")], QStringLiteral("applied"));
    // A double booking in the uploaded book comes back as a conflict of its row.
    QCOMPARE(last.outcomes.at(1)[QStringLiteral("outcome")], QStringLiteral("conflict"));
    QCOMPARE(last.outcomes.at(1)[QStringLiteral("index")], 1);
    QCOMPARE(Appointment::fromJson(serverRow(salonC, Entity::Appointment, a.id).json), a);
    QCOMPARE(Staff::fromJson(serverRow(salonC, Entity::Staff, kim.id).json), kim);
    QCOMPARE(serverRow(salonC, Entity::Salon, salonC).json.value(QStringLiteral("timeZone")),
             QStringLiteral("Europe/Dublin"));
    // No outbox sequences were faked.
    QCOMPARE(count(QStringLiteral(
                     "SELECT count(*) FROM applied_mutations WHERE salon_id = 'salon-c'")),
             0);

    // Once done, the salon's book is on the server: no second upload.
    const qint64 clock = clockOf(salonC);
    const Pushed again = upload(role("c_desk"), {row(Entity::Staff, kim.toJson())}, true);
    QCOMPARE(again.sqlState, QStringLiteral("55000"));
    QVERIFY2(again.error.contains(QLatin1String("on the server already")), qPrintable(again.error));
    QCOMPARE(clockOf(salonC), clock);

    // A salon whose book is on the server from pushes refuses one too.
    const Pushed intoA = upload(role("desk"), {}, true);
    QCOMPARE(intoA.sqlState, QStringLiteral("55000"));
    QVERIFY2(intoA.error.contains(QLatin1String("holds a book for this salon")),
             qPrintable(intoA.error));
}

void TestServerPush::badInputIsRefused_data()
{
    QTest::addColumn<QJsonValue>("bad");
    QTest::addColumn<bool>("sequenced");  // the test gives it the next sequence
    QTest::addColumn<QString>("message"); // a part of the reason given

    Client client;
    client.id = QStringLiteral("bad-client");
    client.salonId = salonA;
    const QJsonObject good = mutation(Entity::Client, client.id, client.toJson());
    const auto without = [&](const char *field) {
        QJsonObject m = good;
        m.remove(QLatin1String(field));
        return m;
    };
    const auto with = [&](const char *field, const QJsonValue &value) {
        QJsonObject m = good;
        m.insert(QLatin1String(field), value);
        return m;
    };
    const auto withPayload = [&](Entity entity, const QJsonObject &payload) {
        return mutation(entity, payload.value(QStringLiteral("id")).toString(), payload);
    };
    Appointment a = visit(QStringLiteral("bad-visit"), QStringLiteral("mia"), "20:00", "20:30");
    QJsonObject badStatus = a.toJson();
    badStatus.insert(QStringLiteral("status"), QStringLiteral("maybe"));
    QJsonObject badLines = a.toJson();
    badLines.insert(QStringLiteral("lines"), QStringLiteral("all of them"));
    QJsonObject badTime = a.toJson();
    QJsonArray lines = badTime.value(QStringLiteral("lines")).toArray();
    QJsonObject line = lines.first().toObject();
    QJsonArray segments = line.value(QStringLiteral("segments")).toArray();
    QJsonObject segment = segments.first().toObject();
    segment.insert(QStringLiteral("startsAt"), QStringLiteral("yesterday-ish"));
    segments.replace(0, segment);
    line.insert(QStringLiteral("segments"), segments);
    lines.replace(0, line);
    badTime.insert(QStringLiteral("lines"), lines);
    QJsonObject badKind = a.toJson();
    segment = segments.first().toObject();
    segment.insert(QStringLiteral("startsAt"), QStringLiteral("2026-12-02T20:00:00Z"));
    segment.insert(QStringLiteral("kind"), QStringLiteral("nap"));
    segments.replace(0, segment);
    line.insert(QStringLiteral("segments"), segments);
    lines.replace(0, line);
    badKind.insert(QStringLiteral("lines"), lines);
    TimeOff timeOff;
    timeOff.id = QStringLiteral("bad-timeoff");
    timeOff.staffId = QStringLiteral("mia");
    QJsonObject noStart = timeOff.toJson();
    noStart.remove(QStringLiteral("startsAt"));
    Resource r = resource(QStringLiteral("bad-resource"), QStringLiteral("Basin"), 1);
    QJsonObject badCount = r.toJson();
    badCount.insert(QStringLiteral("count"), QStringLiteral("several"));

    QTest::addRow("not an object") << QJsonValue(42) << false << "needs a sequence";
    QTest::addRow("no sequence") << QJsonValue(without("sequence")) << false << "needs a sequence";
    QTest::addRow("sequence as text")
            << QJsonValue(with("sequence", QStringLiteral("7"))) << false << "needs a sequence";
    QTest::addRow("no entity") << QJsonValue(without("entity")) << true << "Unknown kind of row";
    QTest::addRow("unknown entity") << QJsonValue(with("entity", QStringLiteral("spaceship")))
                                    << true << "Unknown kind of row: spaceship";
    QTest::addRow("entity as a number")
            << QJsonValue(with("entity", 3)) << true << "Unknown kind of row";
    QTest::addRow("unknown op") << QJsonValue(with("op", QStringLiteral("frobnicate"))) << true
                                << "Unknown operation";
    QTest::addRow("no id") << QJsonValue(without("id")) << true << "needs the id";
    QTest::addRow("no happenedAt")
            << QJsonValue(without("happenedAt")) << true << "needs happenedAt";
    QTest::addRow("happenedAt no time") << QJsonValue(with("happenedAt", QStringLiteral("teatime")))
                                        << true << "needs happenedAt";
    QTest::addRow("baseVersion as text")
            << QJsonValue(with("baseVersion", QStringLiteral("3"))) << true << "baseVersion";
    QTest::addRow("baseVersion negative")
            << QJsonValue(with("baseVersion", -3)) << true << "baseVersion";
    QTest::addRow("changedBy a list")
            << QJsonValue(with("changedBy", QJsonArray{1})) << true << "changedBy";
    QTest::addRow("overbooked as text")
            << QJsonValue(with("overbooked", QStringLiteral("yes"))) << true << "overbooked";
    QTest::addRow("no payload") << QJsonValue(without("payload")) << true << "payload";
    QTest::addRow("payload a string")
            << QJsonValue(with("payload", QStringLiteral("{}"))) << true << "payload";
    QTest::addRow("payload of another row") << QJsonValue(with("id", QStringLiteral("other")))
                                            << true << "but the mutation names row other";
    QTest::addRow("unknown status")
            << QJsonValue(withPayload(Entity::Appointment, badStatus)) << true << "does not fit";
    QTest::addRow("lines not a list")
            << QJsonValue(withPayload(Entity::Appointment, badLines)) << true << "lines";
    QTest::addRow("segment time no time")
            << QJsonValue(withPayload(Entity::Appointment, badTime)) << true << "does not fit";
    QTest::addRow("unknown segment kind")
            << QJsonValue(withPayload(Entity::Appointment, badKind)) << true << "does not fit";
    QTest::addRow("time off without start")
            << QJsonValue(withPayload(Entity::TimeOff, noStart)) << true << "does not fit";
    QTest::addRow("count as text")
            << QJsonValue(withPayload(Entity::Resource, badCount)) << true << "does not fit";
    QTest::addRow("removing the salon")
            << QJsonValue(removal(Entity::Salon, salonA)) << true << "cannot be removed";
}

void TestServerPush::badInputIsRefused()
{
    QFETCH(QJsonValue, bad);
    QFETCH(bool, sequenced);
    QFETCH(QString, message);

    // The bad mutation comes first; the batch goes on with the good one.
    QJsonValue first = bad;
    if (sequenced) {
        QJsonObject m = bad.toObject();
        m.insert(QStringLiteral("sequence"), ++m_sequences[role("desk")]);
        first = m;
    }
    Client fine;
    fine.id = uniqueId("client");
    fine.salonId = salonA;
    QJsonArray sent{first};
    sent.append(batch(role("desk"), {mutation(Entity::Client, fine.id, fine.toJson())}).at(0));
    const Pushed pushed = push(role("desk"), sent);
    QVERIFY2(pushed.error.isEmpty(), qPrintable(pushed.error));
    QCOMPARE(pushed.outcomes.size(), 2);
    const QJsonObject refused = pushed.outcomes.at(0).toObject();
    QCOMPARE(refused.value(QStringLiteral("outcome")), QStringLiteral("refused"));
    QVERIFY2(refused.value(QStringLiteral("message")).toString().contains(message),
             qPrintable(refused.value(QStringLiteral("message")).toString()));
    QVERIFY(!refused.value(QStringLiteral("reason")).toString().isEmpty());
    QCOMPARE(pushed.outcomes.at(1)[QStringLiteral("outcome")], QStringLiteral("applied"));
    QVERIFY(!serverRow(salonA, Entity::Client, QStringLiteral("bad-client")).exists);
    QVERIFY(!serverRow(salonA, Entity::Appointment, QStringLiteral("bad-visit")).exists);
    // Recorded, when it had a sequence to record it under: a retry gets the same answer.
    if (sequenced) {
        const Pushed again = push(role("desk"), sent);
        QCOMPARE(again.outcomes, pushed.outcomes);
    }
}

void TestServerPush::aBatchMustBeAnArray()
{
    QSqlQuery query(device(role("desk")));
    QVERIFY(!query.exec(QStringLiteral("SELECT push_mutations('{\"sequence\": 1}')")));
    QCOMPARE(query.lastError().nativeErrorCode(), QStringLiteral("22023"));
    QVERIFY(query.lastError().databaseText().contains(QLatin1String("JSON array")));
}

QTEST_GUILESS_MAIN(TestServerPush)
#include "tst_serverpush.moc"
