#include "testsupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const qint64 tuesday10 = 1796119200; // 2026-12-01T10:00:00Z

Appointment shifted(Appointment a, qint64 seconds)
{
    for (ServiceLine &line : a.lines) {
        for (BookedSegment &segment : line.segments) {
            segment.startsAt += seconds;
            segment.endsAt += seconds;
        }
    }
    return a;
}

ChangeSet only(const QSignalSpy &spy)
{
    return spy.count() == 1 ? spy.at(0).at(0).value<ChangeSet>() : ChangeSet();
}

} // namespace

class TestStoreChanges : public QObject
{
    Q_OBJECT

private:
    TestData m_data = TestData::small();
    std::unique_ptr<TempStore> m_temp;

private slots:
    void init()
    {
        m_temp = std::make_unique<TempStore>();
        QVERIFY(m_temp->isValid());
        QVERIFY(m_data.saveTo(m_temp->store()));
    }

    void bookingMovingAndCancellingAVisit()
    {
        Store &store = m_temp->store();
        QSignalSpy spy(&store, &Store::changed);
        // Colour (95 min) with Mia, then blow-dry (30 min + 10 min buffer) with Tom.
        const Appointment visit =
                m_data.appointment(QStringLiteral("v"), tuesday10, {{0, 1}, {1, 2}});
        const qint64 end = tuesday10 + (95 + 30 + 10) * 60;
        QVERIFY(store.save(visit).ok());
        QCOMPARE(only(spy),
                 ChangeSet({{Entity::Appointment, Change::Op::Upserted, visit.id, visit.salonId,
                             tuesday10, end, 0, 0}}));

        spy.clear();
        QVERIFY(store.save(shifted(visit, 86400)).ok());
        QCOMPARE(only(spy),
                 ChangeSet({{Entity::Appointment, Change::Op::Upserted, visit.id, visit.salonId,
                             tuesday10 + 86400, end + 86400, tuesday10, end}}));

        spy.clear();
        QVERIFY(store.remove(Entity::Appointment, visit.id).ok());
        QCOMPARE(only(spy),
                 ChangeSet({{Entity::Appointment, Change::Op::Removed, visit.id, visit.salonId, 0,
                             0, tuesday10 + 86400, end + 86400}}));
    }

    void otherEntitiesNameTheirSalon_data()
    {
        QTest::addColumn<int>("entity");
        QTest::addRow("salon") << int(Entity::Salon);
        QTest::addRow("staff") << int(Entity::Staff);
        QTest::addRow("service") << int(Entity::Service);
        QTest::addRow("resource") << int(Entity::Resource);
        QTest::addRow("client") << int(Entity::Client);
        QTest::addRow("shift") << int(Entity::Shift);
        QTest::addRow("shift exception") << int(Entity::ShiftException);
        QTest::addRow("time off") << int(Entity::TimeOff);
        QTest::addRow("standing appointment") << int(Entity::StandingAppointment);
        QTest::addRow("waitlist entry") << int(Entity::WaitlistEntry);
    }

    void otherEntitiesNameTheirSalon()
    {
        QFETCH(int, entity);
        Store &store = m_temp->store();
        const QString salonId = m_data.salon.id;
        const QString staffId = m_data.staff.first().id;
        QSignalSpy spy(&store, &Store::changed);
        Result<void> saved;
        QString id;
        switch (Entity(entity)) {
        case Entity::Salon:
            saved = store.save(m_data.salon);
            id = salonId;
            break;
        case Entity::Staff:
            saved = store.save(m_data.staff.first());
            id = staffId;
            break;
        case Entity::Service:
            saved = store.save(m_data.services.first());
            id = m_data.services.first().id;
            break;
        case Entity::Resource: {
            // One no service uses: the basin could not be removed.
            Resource spare = m_data.resources.first();
            spare.id = id = QStringLiteral("spare");
            spare.name = QStringLiteral("Spare chair");
            saved = store.save(spare);
            break;
        }
        case Entity::Client:
            saved = store.save(m_data.clients.first());
            id = m_data.clients.first().id;
            break;
        case Entity::Shift: {
            Shift s;
            s.id = id = QStringLiteral("sh");
            s.staffId = staffId;
            saved = store.save(s);
            break;
        }
        case Entity::ShiftException: {
            ShiftException e;
            e.id = id = QStringLiteral("ex");
            e.staffId = staffId;
            e.date = QDate(2026, 12, 24);
            saved = store.save(e);
            break;
        }
        case Entity::TimeOff: {
            TimeOff t{QStringLiteral("off"), staffId, tuesday10, tuesday10 + 7 * 86400,
                      QStringLiteral("Holiday")};
            id = t.id;
            saved = store.save(t);
            break;
        }
        case Entity::StandingAppointment: {
            StandingAppointment s{QStringLiteral("st"), salonId, m_data.clients.first().id,
                                  QStringLiteral("FREQ=WEEKLY;INTERVAL=6"), tuesday10};
            id = s.id;
            saved = store.save(s);
            break;
        }
        case Entity::WaitlistEntry: {
            WaitlistEntry w;
            w.id = id = QStringLiteral("w");
            w.salonId = salonId;
            w.clientId = m_data.clients.first().id;
            w.serviceIds = {m_data.services.first().id};
            saved = store.save(w);
            break;
        }
        case Entity::Appointment: break;
        }
        QVERIFY2(saved.ok(), qPrintable(saved.error().message));
        QCOMPARE(only(spy), ChangeSet({{Entity(entity), Change::Op::Upserted, id, salonId}}));

        spy.clear();
        QVERIFY(store.remove(Entity(entity), id).ok());
        QCOMPARE(only(spy), ChangeSet({{Entity(entity), Change::Op::Removed, id, salonId}}));
    }

    void standingAppointmentWithVisitsIsOneChangeSet()
    {
        Store &store = m_temp->store();
        QSignalSpy spy(&store, &Store::changed);
        const StandingAppointment standing{
                QStringLiteral("series"), m_data.salon.id, m_data.clients.first().id,
                QStringLiteral("FREQ=WEEKLY;INTERVAL=6;COUNT=4"), tuesday10};
        QList<Appointment> visits;
        for (int i = 0; i < 4; ++i)
            visits.append(m_data.appointment(QStringLiteral("s%1").arg(i),
                                             tuesday10 + i * 42 * 86400, {{0, 0}}));
        QVERIFY(store.save(visits, &standing).ok());
        const ChangeSet changes = only(spy);
        QCOMPARE(changes.size(), 5);
        QCOMPARE(changes.first().entity, Entity::StandingAppointment);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(changes.at(i + 1).id, visits.at(i).id);
            QCOMPARE(changes.at(i + 1).startsAt, visits.at(i).startsAt());
            QCOMPARE(changes.at(i + 1).endsAt, visits.at(i).endsAt());
        }
    }

    void refusedWritesAreSilent_data()
    {
        QTest::addColumn<int>("code");
        QTest::addRow("remove an unknown appointment") << int(Error::Code::NotFound);
        QTest::addRow("remove an unknown client") << int(Error::Code::NotFound);
        QTest::addRow("a visit without services") << int(Error::Code::Invalid);
        QTest::addRow("a visit ending before it starts") << int(Error::Code::Invalid);
        QTest::addRow("a visit without id") << int(Error::Code::Invalid);
        QTest::addRow("a visit in an unknown salon") << int(Error::Code::NotFound);
        QTest::addRow("a shift of an unknown stylist") << int(Error::Code::NotFound);
        QTest::addRow("notes over the limit") << int(Error::Code::Invalid);
        QTest::addRow("a batch with one bad visit") << int(Error::Code::Invalid);
        QTest::addRow("insertAll of ids already stored") << int(Error::Code::Invalid);
    }

    // Nothing is written, nothing is announced, and the error says why.
    void refusedWritesAreSilent()
    {
        QFETCH(int, code);
        Store &store = m_temp->store();
        const StoreContents before = VALUE_OF(store.contents());
        const qint64 outboxBefore = VALUE_OF(store.outboxCount());
        QSignalSpy spy(&store, &Store::changed);
        const QByteArray tag = QTest::currentDataTag();
        Appointment visit = m_data.appointment(QStringLiteral("v"), tuesday10, {{0, 0}});
        Result<void> result;
        if (tag == "remove an unknown appointment") {
            result = store.remove(Entity::Appointment, QStringLiteral("nope"));
        } else if (tag == "remove an unknown client") {
            result = store.remove(Entity::Client, QStringLiteral("nope"));
        } else if (tag == "a visit without services") {
            visit.lines.clear();
            result = store.save(visit);
        } else if (tag == "a visit ending before it starts") {
            visit.lines[0].segments[0].endsAt = tuesday10 - 60;
            result = store.save(visit);
        } else if (tag == "a visit without id") {
            visit.id.clear();
            result = store.save(visit);
        } else if (tag == "a visit in an unknown salon") {
            visit.salonId = QStringLiteral("elsewhere");
            result = store.save(visit);
        } else if (tag == "a shift of an unknown stylist") {
            Shift s;
            s.id = QStringLiteral("sh");
            s.staffId = QStringLiteral("ghost");
            result = store.save(s);
        } else if (tag == "notes over the limit") {
            visit.notes = QString(Store::maxTextLength + 1, QLatin1Char('x'));
            result = store.save(visit);
        } else if (tag == "a batch with one bad visit") {
            Appointment bad = m_data.appointment(QStringLiteral("bad"), tuesday10, {{1, 0}});
            bad.lines[0].segments.clear();
            result = store.save(QList<Appointment>{visit, bad});
        } else if (tag == "insertAll of ids already stored") {
            StoreContents again = m_data.contents();
            again.staff.clear();
            again.services.clear();
            again.resources.clear();
            // Salon and clients are upserts; the second copy of the visit
            // clashes with the first, after rows were already written.
            again.appointments = {visit, visit};
            result = store.insertAll(again, true);
        }
        QVERIFY(!result.ok());
        QCOMPARE(int(result.error().code), code);
        QVERIFY(!result.error().message.isEmpty());
        QCOMPARE(spy.count(), 0);
        QVERIFY2(contentsDifference(before, VALUE_OF(store.contents())).isEmpty(),
                 qPrintable(contentsDifference(before, VALUE_OF(store.contents()))));
        QCOMPARE(VALUE_OF(store.outboxCount()), outboxBefore);
    }

    void insertAllAnnouncesEveryRowToListeners()
    {
        TestData other(QStringLiteral("salon-2"));
        other.addService(QStringLiteral("Cut"), {segment(SegmentKind::Busy, 45)});
        other.addStylist(QStringLiteral("Kim"));
        StoreContents c = other.contents();
        c.appointments = {other.appointment(QStringLiteral("o1"), tuesday10, {{0, 0}})};
        QSignalSpy spy(&m_temp->store(), &Store::changed);
        QVERIFY(m_temp->store().insertAll(c, false).ok());
        const ChangeSet changes = only(spy);
        QCOMPARE(changes.size(), 4);
        QCOMPARE(changes.last(),
                 Change({Entity::Appointment, Change::Op::Upserted, QStringLiteral("o1"),
                         other.salon.id, tuesday10, tuesday10 + 45 * 60, 0, 0}));
    }

    void replaceAllAnnouncesAReset()
    {
        QSignalSpy changed(&m_temp->store(), &Store::changed);
        QSignalSpy replaced(&m_temp->store(), &Store::contentsReplaced);
        QVERIFY(m_temp->store().replaceAll(m_data.contents(), false).ok());
        QCOMPARE(replaced.count(), 1);
        QCOMPARE(changed.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreChanges)
#include "tst_storechanges.moc"
