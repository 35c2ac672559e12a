// Store::watchOtherWriters: another connection's commit (chairside-cli,
// a second window) reaches this store as contentsReplaced(); its own
// writes do not.

#include "testsupport.h"

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

QTEST_GUILESS_MAIN(TestStoreWatch)
#include "tst_storewatch.moc"
