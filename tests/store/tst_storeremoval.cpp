#include "testsupport.h"

#include "store/storearchive.h"

#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

// The store keeps the book whole for every caller (the CLI, the window, the
// sync engine later): nobody and nothing with upcoming visits is removed,
// nor a resource a service uses. "Upcoming" is by the store's clock.
class TestStoreRemoval : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void refusedWhileUpcoming_data();
    void refusedWhileUpcoming();
    void allowedOnceThePastOrCancelled_data();
    void allowedOnceThePastOrCancelled();
    void resourceInUse();

private:
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<TempStore> m_store;
    TestData m_data = TestData::small();
};

void TestStoreRemoval::init()
{
    m_clock = std::make_unique<FixedClock>(
            QDateTime(QDate(2026, 12, 1), QTime(8, 0), QTimeZone::utc()));
    m_store = std::make_unique<TempStore>(*m_clock);
    QVERIFY2(m_store->isValid(), qPrintable(m_store->errorString()));
    QVERIFY(m_data.saveTo(m_store->store()));
    // Ann Lee: a cut with the first stylist at 10:00 today.
    QVERIFY(m_store->store()
                    .save(m_data.appointment(QStringLiteral("appt-1"),
                                             utc(QStringLiteral("2026-12-01T10:00:00Z")), {{0, 0}}))
                    .ok());
}

void TestStoreRemoval::cleanup()
{
    m_store.reset();
    m_clock.reset();
}

void TestStoreRemoval::refusedWhileUpcoming_data()
{
    QTest::addColumn<int>("entity");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("message");
    QTest::addRow("stylist") << int(Entity::Staff) << m_data.staff.at(0).id
                             << QStringLiteral("%1 has 1 upcoming appointment; move or cancel it "
                                               "first, or make them inactive instead.")
                                        .arg(m_data.staff.at(0).name);
    QTest::addRow("service") << int(Entity::Service) << m_data.services.at(0).id
                             << QStringLiteral("Cut & Finish is booked in 1 upcoming appointment; "
                                               "make it inactive to stop offering it.");
    QTest::addRow("client") << int(Entity::Client) << m_data.clients.at(0).id
                            << QStringLiteral("Ann Lee has 1 upcoming appointment; cancel it "
                                              "first.");
}

void TestStoreRemoval::refusedWhileUpcoming()
{
    QFETCH(int, entity);
    QFETCH(QString, id);
    QFETCH(QString, message);
    Store &store = m_store->store();
    const qint64 outbox = VALUE_OF(store.outboxCount());
    const QByteArray before =
            QJsonDocument(StoreArchive::toJson(VALUE_OF(store.contents()))).toJson();
    const Result<void> removed = store.remove(Entity(entity), id);
    QVERIFY(!removed);
    QCOMPARE(removed.error().code, Error::Code::Invalid);
    QCOMPARE(removed.error().message, message);
    QCOMPARE(VALUE_OF(store.outboxCount()), outbox);
    QCOMPARE(QJsonDocument(StoreArchive::toJson(VALUE_OF(store.contents()))).toJson(), before);
}

void TestStoreRemoval::allowedOnceThePastOrCancelled_data()
{
    QTest::addColumn<bool>("cancel");
    QTest::addRow("the visit is over") << false;
    QTest::addRow("the visit is cancelled") << true;
}

void TestStoreRemoval::allowedOnceThePastOrCancelled()
{
    QFETCH(bool, cancel);
    Store &store = m_store->store();
    if (cancel) {
        Appointment appointment = *VALUE_OF(store.appointment(QStringLiteral("appt-1")));
        appointment.status = AppointmentStatus::Cancelled;
        QVERIFY(store.save(appointment).ok());
    } else {
        m_clock->advance(4 * 3600); // 12:00, the cut ended at 10:45
    }
    const Result<void> removed = store.remove(Entity::Client, m_data.clients.at(0).id);
    QVERIFY2(removed.ok(), qPrintable(removed ? QString() : removed.error().message));
    QVERIFY(store.remove(Entity::Staff, m_data.staff.at(0).id).ok());
    QVERIFY(store.remove(Entity::Service, m_data.services.at(0).id).ok());
}

void TestStoreRemoval::resourceInUse()
{
    Store &store = m_store->store();
    const Result<void> refused = store.remove(Entity::Resource, m_data.resources.at(0).id);
    QVERIFY(!refused);
    QCOMPARE(refused.error().message,
             QStringLiteral("Basin is used by Colour; change those services first."));
    Resource spare = m_data.resources.at(0);
    spare.id = QStringLiteral("resource-spare");
    spare.name = QStringLiteral("Spare chair");
    QVERIFY(store.save(spare).ok());
    QVERIFY(store.remove(Entity::Resource, spare.id).ok());
}

QTEST_GUILESS_MAIN(TestStoreRemoval)
#include "tst_storeremoval.moc"
