#include "mainwindow.h"
#include "modal.h"
#include "testsupport.h"

#include "demo/demosalon.h"
#include "store/storearchive.h"

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

void click(QWidget *dialog, const char *name)
{
    auto *button = dialog->findChild<QPushButton *>(QLatin1String(name));
    QVERIFY2(button, name);
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

// File → Export / Restore in the window: the same archive as chairside-cli
// (core/store/storearchive), a refused file changes nothing, and a restore
// asks first.
class TestRestore : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void exportThenRestoreGivesTheSameBook();
    void keepingTheBookChangesNothing();
    void aBrokenFileIsRefusedAndSaysWhy();

private:
    QByteArray exported() { return StoreArchive::toDocument(VALUE_OF(m_store->contents(), {})); }
    QString file(const QString &name) const { return m_store.dir() + QLatin1Char('/') + name; }
    void bookSomethingElse();

    FixedClock m_clock;
    TempStore m_store{m_clock};
    std::unique_ptr<MainWindow> m_window;
};

void TestRestore::init()
{
    m_store.reopen();
    QVERIFY(m_store->replaceAll({}, false).ok());
    DemoSalon::Options options;
    options.today = QDate(2026, 12, 1);
    options.appointments = 60;
    QVERIFY(DemoSalon::write(m_store.store(), options).ok());
    m_window = std::make_unique<MainWindow>(&m_store.store());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestRestore::cleanup()
{
    m_window.reset();
}

void TestRestore::bookSomethingElse()
{
    Client extra;
    extra.id = QStringLiteral("client-extra");
    extra.salonId = VALUE_OF(m_store->salons()).constFirst().id;
    extra.name = QStringLiteral("Extra Client");
    QVERIFY(m_store->save(extra).ok());
}

void TestRestore::exportThenRestoreGivesTheSameBook()
{
    const QByteArray before = exported();
    QVERIFY(m_window->exportTo(file(QStringLiteral("book.json"))));
    bookSomethingElse();
    QVERIFY(exported() != before);

    whenModal([](QWidget *dialog) {
        QCOMPARE(dialog->objectName(), QStringLiteral("restoreConfirm"));
        click(dialog, "restoreReplaceButton");
    });
    QVERIFY(m_window->restoreFrom(file(QStringLiteral("book.json"))));
    QCOMPARE(exported(), before);
    // The restore reaches the shared book too.
    QVERIFY(VALUE_OF(m_store->outboxCount()) > 0);
}

void TestRestore::keepingTheBookChangesNothing()
{
    QVERIFY(m_window->exportTo(file(QStringLiteral("book.json"))));
    bookSomethingElse();
    const QByteArray before = exported();
    const qint64 outbox = VALUE_OF(m_store->outboxCount());
    whenModal([](QWidget *dialog) { click(dialog, "restoreKeepButton"); });
    QVERIFY(!m_window->restoreFrom(file(QStringLiteral("book.json"))));
    QCOMPARE(exported(), before);
    QCOMPARE(VALUE_OF(m_store->outboxCount()), outbox);
}

void TestRestore::aBrokenFileIsRefusedAndSaysWhy()
{
    QVERIFY(m_window->exportTo(file(QStringLiteral("book.json"))));
    QFile source(file(QStringLiteral("book.json")));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QByteArray broken = source.readAll();
    broken.replace("\"count\": ", "\"count\": \"many\", \"was\": ");
    QFile target(file(QStringLiteral("broken.json")));
    QVERIFY(target.open(QIODevice::WriteOnly));
    target.write(broken);
    target.close();

    const QByteArray before = exported();
    const qint64 outbox = VALUE_OF(m_store->outboxCount());
    QString said;
    whenModal([&said](QWidget *dialog) {
        auto *box = qobject_cast<QMessageBox *>(dialog);
        QVERIFY(box);
        said = box->text();
        box->accept();
    });
    QVERIFY(!m_window->restoreFrom(file(QStringLiteral("broken.json"))));
    QVERIFY2(said.startsWith(QStringLiteral("Nothing was changed.")), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("count")), qPrintable(said));
    QCOMPARE(exported(), before);
    QCOMPARE(VALUE_OF(m_store->outboxCount()), outbox);

    // A file that is not there says so too.
    whenModal([&said](QWidget *dialog) {
        said = qobject_cast<QMessageBox *>(dialog)->text();
        qobject_cast<QMessageBox *>(dialog)->accept();
    });
    QVERIFY(!m_window->restoreFrom(file(QStringLiteral("missing.json"))));
    QVERIFY2(said.contains(QStringLiteral("Cannot read")), qPrintable(said));
    QCOMPARE(exported(), before);
}

QTEST_MAIN(TestRestore)
#include "tst_restore.moc"
