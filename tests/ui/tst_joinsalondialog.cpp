#include "fielderror.h"
#include "joinsalondialog.h"
#include "mainwindow.h"
#include "testserver.h"
#include "testsupport.h"

#include "domain/salon.h"
#include "server/deviceenrolment.h"
#include "server/enrolmentcode.h"
#include "server/serverconnection.h"
#include "server/serverschema.h"
#include "store/store.h"
#include "sync/syncengine.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace chairside;
using testserver::FreshDatabase;

// File → Join salon… in the real window, against the real cluster (postgres
// fixture) and a real Secret Service (with-keyring.sh): a good code joins
// off the GUI thread and says where; a used code, a wrong address, a locked
// keychain are said under the field, and nothing is stored.
class TestJoinSalonDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void goodCodeJoins();
    void usedCodeStoresNothing();
    void wrongAddressIsSaid();
    void notACodeIsSaidAtOnce();
    void firstSyncProgressHook();
    void unfinishedFirstSyncIsSaidAndRetried();
    // These two run last: a locked keyring cannot be unlocked without a prompt.
    void keychainLockedAfterJoiningIsSaid();
    void lockedKeychainIsSaid();

private:
    // A PC enrolled for `salonId` (a salon of the test store's book); its code.
    QString enrol(const QString &salonId, const QString &name = QStringLiteral("Front desk"));
    // Opens File → Join salon… in the window and pastes `code`, then clicks Join.
    JoinSalonDialog *joinWith(const QString &code);
    std::optional<ServerLink> storedLink() const;
    // Waits for the join to fail; the sentence under the field (empty when
    // it did not fail, or said nothing).
    static QString failure(JoinSalonDialog *dialog);

    std::unique_ptr<FreshDatabase> m_database;
    QStringList m_roles;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<MainWindow> m_window;
    Salon m_salon;
};

namespace {

constexpr int joinTimeoutMs = 30000;

} // namespace

void TestJoinSalonDialog::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_URL"), "run this through ctest");
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_KEYRING_HOME"),
             "run this through ctest (with-keyring.sh)");
    m_database = std::make_unique<FreshDatabase>(QStringLiteral("joinsalondialog"));
    QVERIFY(m_database->ok());
    QSqlDatabase owner = m_database->owner();
    const auto migrated = ServerSchema::migrate(owner);
    QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
}

void TestJoinSalonDialog::cleanupTestCase()
{
    m_database.reset();
    QSqlDatabase admin = testserver::connect(testserver::ownerUrl(), QStringLiteral("roles"));
    {
        QSqlQuery drop(admin);
        for (const QString &role : std::as_const(m_roles))
            drop.exec(QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(role));
    }
    admin = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("roles"));
}

void TestJoinSalonDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto store = Store::open(Store::pathIn(m_dir->path()));
    QVERIFY(store.ok());
    m_store = std::move(*store);
    m_salon.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_salon.name = QStringLiteral("Hair by Ann");
    m_salon.timeZone = QStringLiteral("Europe/London");
    QVERIFY(m_store->save(m_salon).ok());
    m_window = std::make_unique<MainWindow>(m_store.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestJoinSalonDialog::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_dir.reset();
}

QString TestJoinSalonDialog::enrol(const QString &salonId, const QString &name)
{
    auto admin = ServerConnection::open(*ServerUrl::parse(m_database->url().toString()));
    if (!admin) {
        QTest::qFail(qPrintable(admin.error().message), __FILE__, __LINE__);
        return {};
    }
    const auto enrolled = DeviceEnrolment::enrol(**admin, salonId, name);
    if (!enrolled) {
        QTest::qFail(qPrintable(enrolled.error().message), __FILE__, __LINE__);
        return {};
    }
    m_roles.append(enrolled->device.loginRole);
    return enrolled->code.toString();
}

JoinSalonDialog *TestJoinSalonDialog::joinWith(const QString &code)
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("joinSalonAction"));
    if (!action || !action->isEnabled())
        return nullptr;
    action->trigger();
    auto *dialog = m_window->findChild<JoinSalonDialog *>(QStringLiteral("joinSalonDialog"));
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("joinCodeEdit"));
    edit->setFocus();
    edit->selectAll();
    // Pasted: the whole code at once.
    edit->insert(code);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("joinButton")),
                      Qt::LeftButton);
    return dialog;
}

std::optional<ServerLink> TestJoinSalonDialog::storedLink() const
{
    return VALUE_OF(m_store->serverLink(), std::nullopt);
}

QString TestJoinSalonDialog::failure(JoinSalonDialog *dialog)
{
    QSignalSpy finished(dialog, &JoinSalonDialog::joinFinished);
    if (!finished.wait(joinTimeoutMs) || finished.at(0).at(0).toBool())
        return {};
    auto *error = dialog->findChild<FieldError *>(QStringLiteral("joinCodeError"));
    return error->isVisible() ? error->text() : QString();
}

void TestJoinSalonDialog::goodCodeJoins()
{
    const QString code = enrol(m_salon.id);
    QVERIFY(!code.isEmpty());
    SyncEngine *engine = m_window->syncEngine();
    QVERIFY(engine);
    QSignalSpy progress(engine, &SyncEngine::firstSyncProgress);
    JoinSalonDialog *dialog = joinWith(code);
    QVERIFY(dialog);
    QSignalSpy joined(dialog, &JoinSalonDialog::joined);
    QSignalSpy finished(dialog, &JoinSalonDialog::joinFinished);
    // The join runs off the GUI thread: the dialog says it is busy and the
    // Join button waits, while this thread goes on turning the event loop.
    auto *busy = dialog->findChild<QProgressBar *>(QStringLiteral("joinBusyIndicator"));
    QVERIFY(dialog->isJoining());
    QVERIFY(busy->isVisible());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("joinButton"))->isEnabled());

    QVERIFY(finished.wait(joinTimeoutMs));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(!busy->isVisible());
    auto *error = dialog->findChild<FieldError *>(QStringLiteral("joinCodeError"));
    QVERIFY2(!error->isVisible(), qPrintable(error->text()));
    auto *result = dialog->findChild<QLabel *>(QStringLiteral("joinResultLabel"));
    QVERIFY(result->isVisible());
    QVERIFY2(result->text().contains(QLatin1String("Hair by Ann"))
                     && result->text().contains(QLatin1String("Front desk")),
             qPrintable(result->text()));
    QCOMPARE(joined.size(), 1);
    const auto link = joined.at(0).at(0).value<ServerLink>();
    QCOMPARE(link.salonId, m_salon.id);

    // The link is in the window's store (written by the worker's own Store).
    const std::optional<ServerLink> stored = storedLink();
    QVERIFY(stored);
    QCOMPARE(stored->deviceId, link.deviceId);
    QCOMPARE(stored->salonId, m_salon.id);

    // The engine starts with the new link and runs the first sync (this PC
    // brings the salon, then takes the server's book by COPY): the bar moves
    // from 0 to the whole book.
    auto *bar = dialog->findChild<QProgressBar *>(QStringLiteral("firstSyncProgress"));
    QTRY_VERIFY_WITH_TIMEOUT(engine->facts().state == SyncFacts::State::UpToDate, joinTimeoutMs);
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.first().at(0).toLongLong(), 0);
    const qint64 total = progress.last().at(1).toLongLong();
    QVERIFY(total > 0);
    QCOMPARE(progress.last().at(0).toLongLong(), total);
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->maximum(), int(total));
    QCOMPARE(bar->value(), int(total));
}

void TestJoinSalonDialog::usedCodeStoresNothing()
{
    const QString code = enrol(m_salon.id);
    {
        // Another PC used it first.
        QTemporaryDir other;
        auto store = Store::open(Store::pathIn(other.path()));
        QVERIFY(store.ok());
        MainWindow window(store->get());
        auto *action = window.findChild<QAction *>(QStringLiteral("joinSalonAction"));
        action->trigger();
        JoinSalonDialog *first = window.joinSalonDialog();
        QSignalSpy finished(first, &JoinSalonDialog::joinFinished);
        first->findChild<QLineEdit *>(QStringLiteral("joinCodeEdit"))->setText(code);
        first->join();
        QVERIFY(finished.wait(joinTimeoutMs));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
    }
    JoinSalonDialog *dialog = joinWith(code);
    QVERIFY(dialog);
    const QString error = failure(dialog);
    QVERIFY2(error.contains(QLatin1String("used already")), qPrintable(error));
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("joinResultLabel"))->isVisible());
    // Nothing stored; the code stays in the field to look at.
    QVERIFY(!storedLink());
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("joinCodeEdit"))->text(), code);
}

void TestJoinSalonDialog::wrongAddressIsSaid()
{
    // The code of a real PC, with the server's port changed to one where
    // nothing listens.
    Result<EnrolmentCode> code = EnrolmentCode::parse(enrol(m_salon.id));
    QVERIFY(code.ok());
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    code->server.set(QStringLiteral("port"), QString::number(port));
    JoinSalonDialog *dialog = joinWith(code->toString());
    QVERIFY(dialog);
    const QString error = failure(dialog);
    QVERIFY2(error.contains(QLatin1String("Could not reach the server"))
                     && error.contains(QString::number(port)),
             qPrintable(error));
    QVERIFY(!storedLink());
}

void TestJoinSalonDialog::notACodeIsSaidAtOnce()
{
    JoinSalonDialog *dialog = joinWith(QStringLiteral("hello"));
    QVERIFY(dialog);
    // Read here: no thread, no server.
    QVERIFY(!dialog->isJoining());
    auto *error = dialog->findChild<FieldError *>(QStringLiteral("joinCodeError"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("CHAIRSIDE1-")), qPrintable(error->text()));
    // Typing again clears it.
    QTest::keyClick(dialog->findChild<QLineEdit *>(QStringLiteral("joinCodeEdit")), Qt::Key_X);
    QVERIFY(!error->isVisible());
    QVERIFY(!storedLink());
}

void TestJoinSalonDialog::firstSyncProgressHook()
{
    JoinSalonDialog *dialog = m_window->joinSalonDialog();
    QVERIFY(dialog);
    auto *bar = dialog->findChild<QProgressBar *>(QStringLiteral("firstSyncProgress"));
    m_window->showJoinSalon();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(!bar->isVisible());
    dialog->showFirstSyncProgress(250, 1000);
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->maximum(), 1000);
    QCOMPARE(bar->value(), 250);
    // Books past what an int counts are scaled, not wrapped.
    dialog->showFirstSyncProgress(3'000'000'000LL, 6'000'000'000LL);
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value() * 2, bar->maximum());
}

// The first sync after joining fails (the server says it is at a schema
// this Chairside does not know): the dialog says why, and that the PC stays
// joined and tries again. Once the server is right, the engine's next try
// brings the book, and the dialog says that too.
void TestJoinSalonDialog::unfinishedFirstSyncIsSaidAndRetried()
{
    const QString code = enrol(m_salon.id);
    QVERIFY(!code.isEmpty());
    SyncEngine *engine = m_window->syncEngine();
    QVERIFY(engine);
    QSqlDatabase owner = m_database->owner();
    const auto newerSchemaGone = qScopeGuard([&owner] {
        QSqlQuery(owner).exec(QStringLiteral("DELETE FROM schema_migrations WHERE version = 99"));
    });
    JoinSalonDialog *dialog = joinWith(code);
    QVERIFY(dialog);
    // After the join, before the engine's first connection (it reads the
    // password from the keychain first, which answers on a later turn).
    connect(dialog, &JoinSalonDialog::joined, this, [&owner] {
        QSqlQuery query(owner);
        QVERIFY(testserver::exec(query,
                                 QStringLiteral("INSERT INTO schema_migrations (version, "
                                                "name) VALUES (99, 'a newer Chairside')")));
    });
    auto *note = dialog->findChild<QLabel *>(QStringLiteral("firstSyncNote"));
    QVERIFY(note);
    QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), joinTimeoutMs);
    // Offline: the server cannot be used by this PC as it is (Error would do as well).
    QVERIFY(engine->facts().state == SyncFacts::State::Offline
            || engine->facts().state == SyncFacts::State::Error);
    QVERIFY(!engine->facts().lastError.isEmpty());
    QVERIFY2(note->text().contains(engine->facts().lastError), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QLatin1String("tries again by itself")),
             qPrintable(note->text()));
    QVERIFY(storedLink()); // joined all the same

    QSqlQuery query(owner);
    QVERIFY(testserver::exec(query,
                             QStringLiteral("DELETE FROM schema_migrations WHERE version "
                                            "= 99")));
    QTRY_COMPARE_WITH_TIMEOUT(engine->facts().state, SyncFacts::State::UpToDate, joinTimeoutMs);
    QTRY_VERIFY2(note->text().contains(QLatin1String("the salon's book is on this PC")),
                 qPrintable(note->text()));
}

void TestJoinSalonDialog::lockedKeychainIsSaid()
{
    const QString code = enrol(m_salon.id);
    const QString locked = testsupport::lockKeyring();
    QVERIFY2(locked.isEmpty(), qPrintable(locked));

    JoinSalonDialog *dialog = joinWith(code);
    QVERIFY(dialog);
    const QString error = failure(dialog);
    QVERIFY2(error.contains(QLatin1String("Unlock your keyring")), qPrintable(error));
    QVERIFY(!storedLink());
}

// The keychain locks between the join and the engine's first read of the
// password: nothing retries by itself, so the note says what to do instead
// of promising a retry.
void TestJoinSalonDialog::keychainLockedAfterJoiningIsSaid()
{
    const QString code = enrol(m_salon.id);
    QVERIFY(!code.isEmpty());
    SyncEngine *engine = m_window->syncEngine();
    QVERIFY(engine);
    JoinSalonDialog *dialog = joinWith(code);
    QVERIFY(dialog);
    connect(dialog, &JoinSalonDialog::joined, this, [] {
        const QString locked = testsupport::lockKeyring();
        QVERIFY2(locked.isEmpty(), qPrintable(locked));
    });
    auto *note = dialog->findChild<QLabel *>(QStringLiteral("firstSyncNote"));
    QVERIFY(note);
    QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), joinTimeoutMs);
    QCOMPARE(engine->facts().state, SyncFacts::State::Stopped);
    QVERIFY2(note->text().contains(QLatin1String("keychain may be locked")),
             qPrintable(note->text()));
    QVERIFY2(note->text().contains(QLatin1String("click Sync now")), qPrintable(note->text()));
    QVERIFY2(!note->text().contains(QLatin1String("by itself")), qPrintable(note->text()));
    QVERIFY(storedLink()); // joined all the same
}

QTEST_MAIN(TestJoinSalonDialog)
#include "tst_joinsalondialog.moc"
