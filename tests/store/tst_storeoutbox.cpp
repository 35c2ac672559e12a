#include "testsupport.h"

#include "demo/demosalon.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

struct Snapshot
{
    StoreContents contents;
    QList<OutboxEntry> outbox;
};

Snapshot snapshot(Store &store)
{
    return {VALUE_OF(store.contents(), {}), VALUE_OF(store.outbox(), {})};
}

QString outboxDifference(const QList<OutboxEntry> &a, const QList<OutboxEntry> &b)
{
    if (a.size() != b.size())
        return QStringLiteral("outbox: %1 vs %2 entries").arg(a.size()).arg(b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).sequence != b.at(i).sequence || a.at(i).entityId != b.at(i).entityId
            || a.at(i).payload != b.at(i).payload)
            return QStringLiteral("outbox[%1] differs").arg(i);
    }
    return {};
}

const qint64 tuesday10 = 1796119200; // 2026-12-01T10:00:00Z

// A demo salon with rows of every kind.
StoreContents demoBook(quint32 seed)
{
    DemoSalon::Options options;
    options.seed = seed;
    options.stylists = 3;
    options.clients = 30;
    options.appointments = 60;
    options.today = QDate(2026, 12, 1);
    return DemoSalon::generate(options);
}

// Every row of `c` as (entity, id), in no particular order.
QSet<QPair<QString, QString>> rowsOf(const StoreContents &c)
{
    QSet<QPair<QString, QString>> rows;
    auto add = [&](Entity entity, const auto &list) {
        for (const auto &row : list)
            rows.insert({entityName(entity), row.id});
    };
    forEachKind(c, add);
    return rows;
}

// The outbox entries after `position`, as (entity, id) per operation.
QPair<QList<QPair<QString, QString>>, QList<QPair<QString, QString>>> pendingAfter(Store &store,
                                                                                   qint64 position)
{
    QList<QPair<QString, QString>> upserts;
    QList<QPair<QString, QString>> removals;
    const QList<OutboxEntry> entries = VALUE_OF(store.outbox(), {});
    for (const OutboxEntry &entry : entries) {
        if (entry.sequence <= position)
            continue;
        (entry.op == Change::Op::Upserted ? upserts : removals)
                .append({entityName(entry.entity), entry.entityId});
    }
    return {upserts, removals};
}

template <typename T>
QSet<T> asSet(const QList<T> &list)
{
    return QSet<T>(list.cbegin(), list.cend());
}

// A change to make under test, on a store that already holds TestData::small().
using Mutation = std::function<Result<void>(Store &)>;

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestStoreOutbox : public QObject
{
    Q_OBJECT

private slots:
    void interruptedAtEveryStatement_data()
    {
        QTest::addColumn<Mutation>("change");
        QTest::addColumn<int>("outboxRows");
        QTest::addColumn<int>("atLeastStatements");

        const TestData data = TestData::small();
        // Colour with Mia, cut with Tom, blow-dry (with buffer) with Ava: 3 lines, 6 segments.
        const Appointment visit =
                data.appointment(QStringLiteral("visit"), tuesday10, {{0, 1}, {1, 0}, {2, 2}});
        Appointment moved = visit;
        for (ServiceLine &line : moved.lines) {
            for (BookedSegment &segment : line.segments) {
                segment.startsAt += 3600;
                segment.endsAt += 3600;
            }
        }
        moved.notes = QStringLiteral("moved an hour later");

        QTest::addRow("book a three-service visit")
                << Mutation([visit](Store &s) { return s.save(visit); }) << 1 << 13;
        QTest::addRow("move a visit")
                << Mutation([moved](Store &s) { return s.save(moved); }) << 1 << 14;
        QTest::addRow("cancel (remove) a visit")
                << Mutation([visit](Store &s) { return s.remove(Entity::Appointment, visit.id); })
                << 1 << 4;
        QTest::addRow("a no-show and the client's count together")
                << Mutation([visit, data](Store &s) {
                       Appointment noShow = visit;
                       noShow.status = AppointmentStatus::NoShow;
                       Client client = data.clients.first();
                       ++client.noShowCount;
                       return s.save(noShow, client);
                   })
                << 2 << 16;
        QTest::addRow("a standing appointment and its visits") << Mutation([data](Store &s) {
            StandingAppointment standing{
                    QStringLiteral("series"), data.salon.id, data.clients.first().id,
                    QStringLiteral("FREQ=WEEKLY;INTERVAL=6;COUNT=3"), tuesday10};
            QList<Appointment> visits;
            for (int i = 0; i < 3; ++i) {
                Appointment a = data.appointment(QStringLiteral("series-%1").arg(i),
                                                 tuesday10 + i * 6 * 7 * 86400, {{0, 1}});
                a.seriesId = standing.id;
                visits.append(a);
            }
            return s.save(visits, &standing);
        }) << 4 << 20;
        QTest::addRow("a stylist with skills") << Mutation([data](Store &s) {
            Staff member = data.staff.first();
            member.name = QStringLiteral("Mia Rossi");
            member.skills.first().segmentsOverride = {segment(SegmentKind::Busy, 30)};
            return s.save(member);
        }) << 1 << 6;
        QTest::addRow("a shift (salon looked up)") << Mutation([data](Store &s) {
            Shift shift;
            shift.id = QStringLiteral("shift-1");
            shift.staffId = data.staff.first().id;
            shift.weekday = 2;
            shift.breaks = {{13 * 60, 13 * 60 + 30}};
            return s.save(shift);
        }) << 1 << 4;
        QTest::addRow("a client") << Mutation([data](Store &s) {
            Client c = data.clients.first();
            c.notes = QStringLiteral("prefers mornings");
            return s.save(c);
        }) << 1 << 3;
        QTest::addRow("import (insertAll) with outbox") << Mutation([data](Store &s) {
            TestData other(QStringLiteral("salon-2"));
            other.addService(QStringLiteral("Cut"), {segment(SegmentKind::Busy, 45)});
            other.addStylist(QStringLiteral("Kim"));
            other.addClient(QStringLiteral("Cy"));
            StoreContents c = other.contents();
            c.appointments = {other.appointment(QStringLiteral("other-1"), tuesday10, {{0, 0}})};
            return s.insertAll(c, true);
        }) << 5 << 15;
    }

    // Make statement k of the change fail, for every k, and check the store
    // holds the whole change (rows and outbox entries) or none of it, and that
    // listeners hear only of a change that committed.
    void interruptedAtEveryStatement()
    {
        QFETCH(Mutation, change);
        QFETCH(int, outboxRows);
        QFETCH(int, atLeastStatements);

        TempStore temp;
        QVERIFY(temp.isValid());
        const TestData data = TestData::small();
        QVERIFY(data.saveTo(temp.store()));
        // The "move" and "remove" rows need the visit to exist first.
        const Appointment visit =
                data.appointment(QStringLiteral("visit"), tuesday10, {{0, 1}, {1, 0}, {2, 2}});
        if (QByteArray(QTest::currentDataTag()).contains("move")
            || QByteArray(QTest::currentDataTag()).contains("remove")
            || QByteArray(QTest::currentDataTag()).contains("no-show"))
            QVERIFY(temp->save(visit).ok());

        const Snapshot before = snapshot(temp.store());
        QSignalSpy spy(&temp.store(), &Store::changed);
        int k = 1;
        for (;; ++k) {
            QVERIFY2(k < 1000, "the change never succeeded");
            temp->failAfterStatements(k);
            const Result<void> result = change(temp.store());
            temp->failAfterStatements(0);
            if (result.ok())
                break;
            QCOMPARE(result.error().code, Error::Code::Storage);
            QCOMPARE(spy.count(), 0);
            const Snapshot after = snapshot(temp.store());
            QVERIFY2(contentsDifference(before.contents, after.contents).isEmpty(),
                     qPrintable(QStringLiteral("k=%1: %2")
                                        .arg(k)
                                        .arg(contentsDifference(before.contents, after.contents))));
            QVERIFY2(outboxDifference(before.outbox, after.outbox).isEmpty(),
                     qPrintable(QStringLiteral("k=%1: %2")
                                        .arg(k)
                                        .arg(outboxDifference(before.outbox, after.outbox))));
        }
        // Every statement of the change, from BEGIN to COMMIT, was interrupted once.
        QVERIFY2(k - 1 >= atLeastStatements,
                 qPrintable(QStringLiteral("only %1 statements").arg(k - 1)));
        QCOMPARE(spy.count(), 1);
        const Snapshot after = snapshot(temp.store());
        QVERIFY(!contentsDifference(before.contents, after.contents).isEmpty());
        QCOMPARE(after.outbox.size(), before.outbox.size() + outboxRows);
        const ChangeSet changes = spy.at(0).at(0).value<ChangeSet>();
        QCOMPARE(changes.size(), outboxRows);
        for (qsizetype i = 0; i < changes.size(); ++i) {
            const OutboxEntry &entry = after.outbox.at(before.outbox.size() + i);
            QCOMPARE(entry.entityId, changes.at(i).id);
            QCOMPARE(entry.entity, changes.at(i).entity);
            QCOMPARE(entry.op, changes.at(i).op);
            QCOMPARE(entry.salonId, changes.at(i).salonId);
        }
    }

    void outboxRowCarriesCompactJson()
    {
        TempStore temp;
        const TestData data = TestData::small();
        QVERIFY(data.saveTo(temp.store()));
        const Appointment visit =
                data.appointment(QStringLiteral("visit"), tuesday10, {{0, 1}, {1, 0}});
        const qint64 before = VALUE_OF(temp->outboxCount());
        QVERIFY(temp->save(visit).ok());
        QCOMPARE(VALUE_OF(temp->outboxCount()), before + 1);
        const OutboxEntry entry = VALUE_OF(temp->outbox()).constLast();
        QCOMPARE(entry.entity, Entity::Appointment);
        QCOMPARE(entry.op, Change::Op::Upserted);
        QCOMPARE(entry.entityId, visit.id);
        QCOMPARE(entry.salonId, visit.salonId);
        QCOMPARE(entry.payload, QJsonDocument(visit.toJson()).toJson(QJsonDocument::Compact));
        QCOMPARE(Appointment::fromJson(QJsonDocument::fromJson(entry.payload).object()), visit);
        QVERIFY(qAbs(entry.createdAt - QDateTime::currentSecsSinceEpoch()) < 60);

        QVERIFY(temp->remove(Entity::Appointment, visit.id).ok());
        const OutboxEntry removal = VALUE_OF(temp->outbox()).constLast();
        QCOMPARE(removal.op, Change::Op::Removed);
        QCOMPARE(removal.entityId, visit.id);
        QVERIFY(removal.payload.isEmpty());
        QVERIFY(removal.sequence > entry.sequence);
        QCOMPARE(VALUE_OF(temp->outbox(2)).size(), 2);
    }

    // Each row of a bulk write is queued exactly once, with its own JSON:
    // counted per kind, so a kind written without its outbox rows fails.
    void bulkWriteQueuesEveryRowOnce()
    {
        TempStore temp;
        const StoreContents c = demoBook(11);
        QVERIFY(!c.shifts.isEmpty() && !c.shiftExceptions.isEmpty() && !c.timeOff.isEmpty()
                && !c.resources.isEmpty() && !c.waitlist.isEmpty()
                && !c.standingAppointments.isEmpty());
        QVERIFY(temp->insertAll(c, true).ok());
        const auto [upserts, removals] = pendingAfter(temp.store(), 0);
        QVERIFY(removals.isEmpty());
        QCOMPARE(upserts.size(), rowsOf(c).size());
        QCOMPARE(asSet(upserts), rowsOf(c));
        QHash<QString, qsizetype> perKind;
        for (const auto &[entity, id] : upserts)
            ++perKind[entity];
        QCOMPARE(perKind.value(entityName(Entity::Shift)), c.shifts.size());
        QCOMPARE(perKind.value(entityName(Entity::ShiftException)), c.shiftExceptions.size());
        QCOMPARE(perKind.value(entityName(Entity::TimeOff)), c.timeOff.size());
        QCOMPARE(perKind.value(entityName(Entity::Resource)), c.resources.size());
        QCOMPARE(perKind.value(entityName(Entity::WaitlistEntry)), c.waitlist.size());
        QCOMPARE(perKind.value(entityName(Entity::StandingAppointment)),
                 c.standingAppointments.size());
        for (const OutboxEntry &entry : VALUE_OF(temp->outbox())) {
            if (entry.entity == Entity::TimeOff) {
                const auto match =
                        std::find_if(c.timeOff.cbegin(), c.timeOff.cend(),
                                     [&](const TimeOff &t) { return t.id == entry.entityId; });
                QVERIFY(match != c.timeOff.cend());
                QCOMPARE(QJsonDocument::fromJson(entry.payload).object(), match->toJson());
            }
        }
    }

    // A book never shared: the replace leaves exactly the new book queued
    // (or nothing, for rows not to be shared), whatever was waiting before.
    void replaceOfANeverSharedBook()
    {
        TempStore temp;
        QVERIFY(temp->insertAll(demoBook(1), true).ok());
        Client waiting;
        waiting.id = QStringLiteral("client-added-just-before");
        waiting.salonId = demoBook(1).salons.constFirst().id;
        waiting.name = QStringLiteral("Just Before");
        QVERIFY(temp->save(waiting).ok());
        QVERIFY(!VALUE_OF(temp->isShared()));

        const StoreContents restored = demoBook(2);
        QVERIFY(temp->replaceAll(restored, true).ok());
        const auto [upserts, removals] = pendingAfter(temp.store(), 0);
        QVERIFY(removals.isEmpty());
        QCOMPARE(upserts.size(), rowsOf(restored).size());
        QCOMPARE(asSet(upserts), rowsOf(restored));

        QVERIFY(temp->replaceAll(demoBook(3), false).ok());
        QCOMPARE(VALUE_OF(temp->outboxCount()), 0);
    }

    // A shared book: what the server holds and the new book lacks is
    // removed there; every new row is queued; nothing else is.
    void replaceOfASharedBook()
    {
        TempStore temp;
        const StoreContents before = demoBook(1);
        QVERIFY(temp->insertAll(before, true).ok());
        const qint64 pushed = VALUE_OF(temp->outbox()).constLast().sequence;
        QVERIFY(temp->acknowledgeOutbox(Store::serverConsumer, pushed).ok());
        QVERIFY(VALUE_OF(temp->isShared()));
        Client waiting;
        waiting.id = QStringLiteral("client-added-just-before");
        waiting.salonId = before.salons.constFirst().id;
        waiting.name = QStringLiteral("Just Before");
        QVERIFY(temp->save(waiting).ok());

        // The restored book keeps the salon, half the clients and one visit.
        StoreContents restored = before;
        restored.clients.resize(before.clients.size() / 2);
        restored.appointments = {};
        restored.waitlist = {};
        restored.standingAppointments = {};
        QVERIFY(temp->replaceAll(restored, true).ok());

        const auto [upserts, removals] = pendingAfter(temp.store(), pushed);
        QCOMPARE(asSet(upserts), rowsOf(restored));
        QCOMPARE(upserts.size(), rowsOf(restored).size());
        QSet<QPair<QString, QString>> gone = rowsOf(before) - rowsOf(restored);
        gone.insert({entityName(Entity::Client), waiting.id});
        QCOMPARE(asSet(removals), gone);
        QCOMPARE(removals.size(), gone.size());
        QCOMPARE(VALUE_OF(temp->outboxPosition(Store::serverConsumer)),
                 std::optional<qint64>(pushed));
    }

    void demoCannotReplaceASharedBook()
    {
        TempStore temp;
        QVERIFY(temp->insertAll(demoBook(1), true).ok());
        QVERIFY(temp->acknowledgeOutbox(Store::serverConsumer, 1).ok());
        const Snapshot before = snapshot(temp.store());
        const Result<void> replaced = temp->replaceAll(demoBook(2), false);
        QVERIFY(!replaced.ok());
        QCOMPARE(replaced.error().code, Error::Code::Invalid);
        QVERIFY(outboxDifference(before.outbox, VALUE_OF(temp->outbox())).isEmpty());
        QCOMPARE(VALUE_OF(temp->contents()).appointments, before.contents.appointments);
    }

    void acknowledgedPositionNeverGoesBack()
    {
        TempStore temp;
        QCOMPARE(VALUE_OF(temp->outboxPosition(Store::serverConsumer)), std::nullopt);
        QVERIFY(temp->acknowledgeOutbox(Store::serverConsumer, 7).ok());
        QVERIFY(temp->acknowledgeOutbox(Store::serverConsumer, 3).ok());
        QCOMPARE(VALUE_OF(temp->outboxPosition(Store::serverConsumer)), std::optional<qint64>(7));
        QCOMPARE(VALUE_OF(temp->outboxPosition(QStringLiteral("calendars"))), std::nullopt);
    }

    void insertAllWithoutOutboxWritesNone()
    {
        TempStore temp;
        TestData data = TestData::small();
        StoreContents c = data.contents();
        c.appointments = {data.appointment(QStringLiteral("a"), tuesday10, {{0, 0}})};
        QVERIFY(temp->insertAll(c, false).ok());
        QCOMPARE(VALUE_OF(temp->outboxCount()), 0);
        QVERIFY(VALUE_OF(temp->appointment(QStringLiteral("a"))).has_value());
    }
};

QTEST_GUILESS_MAIN(TestStoreOutbox)
#include "tst_storeoutbox.moc"
