// Store::watchOtherWriters: another connection's commit (chairside-cli,
// a second window) reaches this store as contentsReplaced(); its own
// writes do not, and neither does another connection's sync bookkeeping
// (an idle round's time of last sync), which would reload the day.

#include "testsupport.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

class TestStoreWatch : public QObject
{
    Q_OBJECT

private slots:
    void otherConnectionsWritesAreSeen();
    void ownWritesAndStoppingAreQuiet();
    void syncBookkeepingIsQuiet();
};

void TestStoreWatch::otherConnectionsWritesAreSeen()
{
    TempStore temp;
    QVERIFY(temp.isValid());
    Result<std::unique_ptr<Store>> other = Store::open(temp.path());
    QVERIFY(other.ok());
    temp->watchOtherWriters(true, 20);
    QVERIFY(temp->isWatchingOtherWriters());
    QSignalSpy replaced(&temp.store(), &Store::contentsReplaced);

    const TestData data = TestData::small();
    QVERIFY(data.saveTo(**other));
    QVERIFY(replaced.wait(5000));
    QCOMPARE(VALUE_OF(temp->salons()).size(), 1);
}

void TestStoreWatch::ownWritesAndStoppingAreQuiet()
{
    TempStore temp;
    QVERIFY(temp.isValid());
    temp->watchOtherWriters(true, 20);
    QSignalSpy replaced(&temp.store(), &Store::contentsReplaced);
    QSignalSpy changed(&temp.store(), &Store::changed);
    QVERIFY(TestData::small().saveTo(temp.store()));
    QVERIFY(!changed.isEmpty());
    QVERIFY(!replaced.wait(200)); // several polls: our own commits do not count

    temp->watchOtherWriters(false);
    QVERIFY(!temp->isWatchingOtherWriters());
    Result<std::unique_ptr<Store>> other = Store::open(temp.path());
    QVERIFY(other.ok());
    QVERIFY(TestData::small(QStringLiteral("salon-2")).saveTo(**other));
    QVERIFY(!replaced.wait(200));
}

void TestStoreWatch::syncBookkeepingIsQuiet()
{
    TempStore temp;
    QVERIFY(temp.isValid());
    const TestData data = TestData::small();
    QVERIFY(data.saveTo(temp.store()));
    Result<std::unique_ptr<Store>> engine = Store::open(temp.path());
    QVERIFY(engine.ok());
    temp->watchOtherWriters(true, 20);
    QSignalSpy replaced(&temp.store(), &Store::contentsReplaced);

    // What the sync engine writes when a round moved nothing: quiet.
    QVERIFY((*engine)->recordSyncRound(1796374800, QString()));
    QVERIFY((*engine)->recordOutboxAttempt(Store::serverConsumer, {1}, QStringLiteral("offline")));
    QVERIFY((*engine)->recordSyncRound(1796374830, QString()));
    QVERIFY(!replaced.wait(200)); // several polls
    QCOMPARE(VALUE_OF((*engine)->syncState()).lastSyncAt, 1796374830);

    // This window's own write in between does not hide the next one of the other.
    Client ann = data.clients.at(0);
    ann.notes = QStringLiteral("from this window");
    QVERIFY(temp->save(ann));
    QVERIFY(!replaced.wait(100));
    QVERIFY((*engine)->recordSyncRound(1796374860, QString()));
    QVERIFY(!replaced.wait(100));

    // A pull that brought a row (one with no change of this PC waiting),
    // from the same connection: seen.
    Client mia = data.clients.at(0);
    mia.id = QStringLiteral("client-from-the-server");
    mia.notes = QStringLiteral("from the server");
    const PulledRow row{Entity::Client, mia.id, 7, false,
                        QJsonDocument(mia.toJson()).toJson(QJsonDocument::Compact)};
    QCOMPARE(VALUE_OF((*engine)->applyPulled({row}, 7, QStringLiteral("epoch"))).written, 1);
    QVERIFY(replaced.wait(5000));
    QCOMPARE(VALUE_OF(temp->client(mia.id))->notes, mia.notes);

    // The same row again (only the cursor moves): quiet.
    replaced.clear();
    QCOMPARE(VALUE_OF((*engine)->applyPulled({row}, 8, QStringLiteral("epoch"))).written, 0);
    QVERIFY(!replaced.wait(200));
    QCOMPARE(VALUE_OF(temp->syncState()).cursor, 8);
}

QTEST_GUILESS_MAIN(TestStoreWatch)
#include "tst_storewatch.moc"
