// The status bar's sync part in the real window (issue 9, docs/desktop.md),
// against the real cluster (postgres fixture) and a real Secret Service
// (with-keyring.sh): the engine's states in words, the tooltip, "Sync now"
// (button, File menu, F5, listed in Help → Keyboard shortcuts), the
// window showing what another PC wrote, and leaving the day alone after a
// round where nothing moved.

#include "accessiblenames.h"
#include "joinedpc.h"
#include "mainwindow.h"
#include "shortcutsdialog.h"
#include "syncstatus.h"
#include "testserver.h"
#include "testsupport.h"
#include "translations.h"

#include "domain/client.h"
#include "server/serverschema.h"
#include "store/store.h"
#include "sync/syncengine.h"
#include "sync/syncround.h"

#include <QAction>
#include <QLabel>
#include <QLoggingCategory>
#include <QMenu>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace chairside;
using testserver::FreshDatabase;
using testserver::JoinedPc;

class TestSyncStatus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void statesInWords();
    void windowShowsTheEngineLive();
    void idleRoundLeavesTheDayAlone();

private:
    std::unique_ptr<FreshDatabase> m_database;
    std::unique_ptr<JoinedPc> m_a;
    std::unique_ptr<JoinedPc> m_b;
    QString m_salon;
};

namespace {

constexpr int waitMs = 20000;

// The window's day reloads, counted by its log line (MainWindow::reload:
// "showing <date> ..." under chairside.ui).
int dayReloads = 0;
QtMessageHandler previousHandler = nullptr;

void countDayReloads(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtDebugMsg && qstrcmp(context.category, "chairside.ui") == 0
        && message.startsWith(QLatin1String("showing")))
        ++dayReloads;
    else if (previousHandler)
        previousHandler(type, context, message);
}

SyncFacts joinedFacts(SyncFacts::State state)
{
    SyncFacts facts;
    facts.state = state;
    facts.link.url = QStringLiteral("postgresql://db.example/salon");
    facts.link.deviceId = QStringLiteral("d-1");
    facts.name = QStringLiteral("Front desk");
    return facts;
}

} // namespace

void TestSyncStatus::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_URL"), "run this through ctest");
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_KEYRING_HOME"),
             "run this through ctest (with-keyring.sh)");
    // English plurals ("3 changes"), as the app loads them.
    installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    m_database = std::make_unique<FreshDatabase>(QStringLiteral("syncstatus"));
    QVERIFY(m_database->ok());
    QSqlDatabase owner = m_database->owner();
    QVERIFY(ServerSchema::migrate(owner).ok());
    const ServerUrl url = *ServerUrl::parse(m_database->url().toString());
    m_salon = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_a = JoinedPc::join(url, m_salon, QStringLiteral("Front desk"));
    QVERIFY(m_a);
    Salon salon;
    salon.id = m_salon;
    salon.name = QStringLiteral("Hair by Ann");
    salon.timeZone = QStringLiteral("Europe/London");
    QVERIFY(m_a->store().save(salon).ok());
    m_b = JoinedPc::join(url, m_salon, QStringLiteral("Back office"));
    QVERIFY(m_b);
}

void TestSyncStatus::cleanupTestCase()
{
    QStringList roles;
    for (const JoinedPc *pc : {m_a.get(), m_b.get()})
        if (pc)
            roles.append(pc->link().loginRole);
    m_a.reset();
    m_b.reset();
    m_database.reset();
    for (const QString &role : std::as_const(roles))
        testserver::ownerValue(*ServerUrl::parse(testserver::ownerUrl().toString()),
                               QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(role));
}

void TestSyncStatus::statesInWords()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    SyncFacts offline = joinedFacts(SyncFacts::State::Offline);
    offline.pending = 3;
    QCOMPARE(SyncStatus::describe(offline, now),
             QStringLiteral("Offline — 3 changes waiting to sync"));
    offline.pending = 1;
    QCOMPARE(SyncStatus::describe(offline, now),
             QStringLiteral("Offline — 1 change waiting to sync"));
    offline.pending = 0;
    QCOMPARE(SyncStatus::describe(offline, now),
             QStringLiteral("Offline — every change is saved on this computer"));

    SyncFacts upToDate = joinedFacts(SyncFacts::State::UpToDate);
    upToDate.lastSyncAt = now;
    // The time without seconds (the tests run in the C locale).
    const QString time =
            QDateTime::fromSecsSinceEpoch(now).toLocalTime().toString(QStringLiteral("HH:mm"));
    QCOMPARE(SyncStatus::describe(upToDate, now), QStringLiteral("Up to date · last sync ") + time);

    SyncFacts revoked = joinedFacts(SyncFacts::State::Revoked);
    revoked.lastError = QStringLiteral("the PC has been revoked.");
    QCOMPARE(SyncStatus::describe(revoked, now),
             QStringLiteral("Server refused this PC: the PC has been revoked."));
    const QString tip = SyncStatus::details(revoked);
    QVERIFY(tip.contains(QLatin1String("postgresql://db.example/salon")));
    QVERIFY(tip.contains(QLatin1String("Front desk")));
    QVERIFY(tip.contains(QLatin1String("the PC has been revoked.")));

    // Nothing retries by itself (a locked keychain): the text does not say it does.
    SyncFacts stopped = joinedFacts(SyncFacts::State::Stopped);
    stopped.lastError = QStringLiteral("The keychain may be locked.");
    QCOMPARE(SyncStatus::describe(stopped, now),
             QStringLiteral("Sync stopped — The keychain may be locked. Sync now tries again."));

    QVERIFY(SyncStatus::describe(SyncFacts(), now).startsWith(QLatin1String("Not joined")));
}

void TestSyncStatus::windowShowsTheEngineLive()
{
    MainWindow window(&m_a->store());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SyncStatus *status = window.syncStatus();
    SyncEngine *engine = window.syncEngine();
    QVERIFY(status && engine);
    auto *label = status->findChild<QLabel *>(QStringLiteral("syncStateLabel"));
    QVERIFY(label);
    // Before the engine starts: what the store knows.
    QVERIFY2(label->text().startsWith(QLatin1String("Offline")), qPrintable(label->text()));

    window.startSync();
    QTRY_VERIFY2_WITH_TIMEOUT(
            label->text().startsWith(QStringLiteral("Up to date · last sync")),
            qPrintable(label->text() + QLatin1String(" / ") + engine->facts().lastError), waitMs);
    QVERIFY(label->toolTip().contains(m_a->link().url));
    QTRY_VERIFY_WITH_TIMEOUT(label->toolTip().contains(QLatin1String("Front desk")), waitMs);

    // Sync now: the button, the File menu and F5 run a round.
    auto *action = window.findChild<QAction *>(QStringLiteral("syncNowAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F5));
    auto *file = window.findChild<QMenu *>(QStringLiteral("fileMenu"));
    QVERIFY(file->actions().contains(action));
    auto *button = status->findChild<QToolButton *>(QStringLiteral("syncNowButton"));
    QVERIFY(button && button->isEnabled());
    QSignalSpy rounds(engine, &SyncEngine::roundFinished);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(rounds.wait(waitMs));
    QVERIFY(rounds.last().at(0).toBool());
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(rounds.wait(waitMs));

    // Listed in Help → Keyboard shortcuts.
    window.findChild<QAction *>(QStringLiteral("keyboardShortcutsAction"))->trigger();
    auto *shortcuts = window.findChild<ShortcutsDialog *>();
    QVERIFY(shortcuts);
    auto *table = shortcuts->findChild<QTableWidget *>();
    QVERIFY(table);
    bool listed = false;
    for (int row = 0; row < table->rowCount(); ++row)
        listed = listed
                || (table->item(row, 0)->text().contains(QLatin1String("Sync now"))
                    && table->item(row, 1)->text() == QLatin1String("F5"));
    QVERIFY(listed);
    shortcuts->close();

    // Another PC's change: pulled by the engine, and the window reloads.
    QSignalSpy replaced(&m_a->store(), &Store::contentsReplaced);
    Client mia;
    mia.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    mia.salonId = m_salon;
    mia.name = QStringLiteral("Mia From The Back");
    {
        auto server = m_b->connect();
        QVERIFY(server);
        QVERIFY(SyncRound::run(m_b->store(), **server)); // B takes the salon A brought
        QVERIFY(m_b->store().save(mia).ok());
        QVERIFY(SyncRound::run(m_b->store(), **server));
    }
    QTRY_VERIFY_WITH_TIMEOUT(VALUE_OF(m_a->store().client(mia.id)).has_value(), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!replaced.isEmpty(), 1000);

    // A change here: counted at once, sent soon, then up to date again.
    Client ann = mia;
    ann.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    ann.name = QStringLiteral("Ann At The Desk");
    QVERIFY(m_a->store().save(ann).ok());
    QTRY_VERIFY_WITH_TIMEOUT(status->facts().pending == 0
                                     && label->text().startsWith(QStringLiteral("Up to date")),
                             waitMs);

    // Every control of the window has a name for a screen reader.
    const QStringList unnamed = testsupport::unnamedControls(&window);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1String(", "))));
}

void TestSyncStatus::idleRoundLeavesTheDayAlone()
{
    MainWindow window(&m_a->store());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SyncEngine *engine = window.syncEngine();
    QVERIFY(engine);
    QSignalSpy rounds(engine, &SyncEngine::roundFinished);
    window.startSync();
    QVERIFY(rounds.wait(waitMs));
    QVERIFY(rounds.last().at(0).toBool());

    QLoggingCategory::setFilterRules(QStringLiteral("chairside.ui.debug=true"));
    previousHandler = qInstallMessageHandler(countDayReloads);
    const auto restore = qScopeGuard([] {
        qInstallMessageHandler(previousHandler);
        QLoggingCategory::setFilterRules(QStringLiteral("chairside.ui.debug=false"));
    });
    // Until the window has seen what the first round wrote (it polls the
    // file every 300 ms), then counted.
    QSignalSpy replaced(&m_a->store(), &Store::contentsReplaced);
    while (replaced.wait(1000)) {}
    dayReloads = 0;

    // Rounds where nothing moved: the engine notes when, the day stays.
    for (int i = 0; i < 3; ++i) {
        rounds.clear();
        engine->syncNow();
        QVERIFY(rounds.wait(waitMs));
        QCOMPARE(rounds.last().at(0).toBool(), true);  // ok
        QCOMPARE(rounds.last().at(1).toBool(), false); // wrote nothing
    }
    QVERIFY(!replaced.wait(1000)); // three polls of the file at least
    QCOMPARE(dayReloads, 0);
    QVERIFY(window.syncStatus()->text().startsWith(QLatin1String("Up to date")));

    // Another PC's change still reloads it (so the count above could see one).
    Client lea;
    lea.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    lea.salonId = m_salon;
    lea.name = QStringLiteral("Lea Back Office");
    {
        auto server = m_b->connect();
        QVERIFY(server);
        QVERIFY(SyncRound::run(m_b->store(), **server));
        QVERIFY(m_b->store().save(lea).ok());
        QVERIFY(SyncRound::run(m_b->store(), **server));
    }
    QTRY_VERIFY_WITH_TIMEOUT(VALUE_OF(m_a->store().client(lea.id)).has_value(), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(dayReloads > 0, 2000);
}

QTEST_MAIN(TestSyncStatus)

#include "tst_syncstatus.moc"
