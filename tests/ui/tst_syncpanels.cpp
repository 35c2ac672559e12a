// Issue 9 in the window, against the real cluster (postgres fixture) and a
// real Secret Service (with-keyring.sh): two joined PCs book the same
// stylist, and the loser's window shows the conflict, lists it and settles
// it each way (undo included); overbooking asks first; the History tab
// reads the audit trail with the PCs' names off the GUI thread, and says so
// when the server cannot be reached; a visit waits to sync until the push
// is acknowledged, and never on a PC that has not joined.

#include "appointmenteditor.h"
#include "appointmenthistory.h"
#include "conflictmodel.h"
#include "conflictpanel.h"
#include "dayview.h"
#include "mainwindow.h"
#include "modal.h"
#include "salonserver.h"
#include "testsupport.h"

#include "auth/tokenstore.h"
#include "booking/appointmentchange.h"
#include "domain/salontime.h"
#include "server/deviceenrolment.h"
#include "server/serverconnection.h"
#include "server/serverjoin.h"
#include "server/serverschema.h"
#include "sync/syncconnection.h"
#include "sync/syncround.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDateTimeEdit>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

using namespace chairside;
using namespace chairside::testsupport;
using testserver::message;
using testserver::Pc;
using testserver::SalonServer;

namespace {

const qint64 friday9 = 1796374800; // 2026-12-04T09:00:00Z (Europe/London: 09:00)
const QString fromA = QStringLiteral("from-a");
const QString fromB = QStringLiteral("from-b");

enum class Action { MoveSuggested, MoveChosen, Overbook, Cancel, KeepServer };

// With CHAIRSIDE_SCREENSHOT_DIR set (under xvfb-run, QT_QPA_PLATFORM=xcb):
// the screen as it is now, for a person to look at. Not a check.
void screenshot(const QString &name)
{
    const QString dir = qEnvironmentVariable("CHAIRSIDE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    QProcess::execute(QStringLiteral("import"),
                      {QStringLiteral("-window"), QStringLiteral("root"),
                       dir + QLatin1Char('/') + name + QStringLiteral(".png")});
}

} // namespace

class TestSyncPanels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void conflictShownAndResolved_data();
    void conflictShownAndResolved();
    void overbookCancelledChangesNothing();
    void conflictFromTheBlocksMenu();
    void historyListsPcNames();
    void historyOfflineSaysSoWithoutBlocking();
    void waitingMarkerUntilPushed();
    void neverWaitingWhenNotJoined();

private:
    std::unique_ptr<Pc> join(const QString &name, bool first);
    Result<SyncSummary> sync(Pc &pc) { return m_server->sync(pc); }
    // Both PCs book Mia at 10:00; A syncs first, then B, whose window is open.
    void bookTheSameStylist();
    QToolButton *countButton() const;
    ConflictPanel *panel() const;
    // The server's row of `id` as PC `pc` reads it (empty: none).
    QByteArray serverRow(Pc &pc, const QString &id);
    const DaySheet::Block *blockOf(const QString &id) const;

    FixedClock m_clock{QDateTime(QDate(2026, 12, 4), QTime(8, 0), QTimeZone::utc())};
    TestData m_data = TestData::small(QStringLiteral("7a1c3e9d-2b4f-4d6a-8c0e-1f2a3b4c5d6e"));
    Shift m_shift;
    QTemporaryDir m_settings;
    std::unique_ptr<SalonServer> m_server;
    std::unique_ptr<Pc> m_a;
    std::unique_ptr<Pc> m_b;
    std::unique_ptr<MainWindow> m_window; // B's
};

void TestSyncPanels::initTestCase()
{
    QVERIFY2(SalonServer::underCtest(),
             "run this through ctest (postgres fixture, with-keyring.sh)");
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    // Mia works Fridays, so there are free times to suggest.
    Shift shift;
    shift.id = QStringLiteral("shift-mia-friday");
    shift.staffId = m_data.staff.at(0).id;
    shift.weekday = 5;
    shift.startMinute = 9 * 60;
    shift.endMinute = 17 * 60;
    m_shift = shift;
}

void TestSyncPanels::init()
{
    m_server = std::make_unique<SalonServer>(QStringLiteral("syncpanels_")
                                             + QString::fromLatin1(QTest::currentTestFunction()));
    QVERIFY(m_server->ok());
}

void TestSyncPanels::cleanup()
{
    m_window.reset();
    m_a.reset();
    m_b.reset();
    m_server.reset();
}

std::unique_ptr<Pc> TestSyncPanels::join(const QString &name, bool first)
{
    const auto book = [this](Store &store) {
        return m_data.saveTo(store) && store.save(m_shift);
    };
    return m_server->join(m_data.salon.id, name, first ? book : std::function<bool(Store &)>(),
                          m_clock);
}

QToolButton *TestSyncPanels::countButton() const
{
    return m_window->findChild<QToolButton *>(QStringLiteral("conflictCountButton"));
}

ConflictPanel *TestSyncPanels::panel() const
{
    return m_window->findChild<ConflictPanel *>(QStringLiteral("conflicts"));
}

QByteArray TestSyncPanels::serverRow(Pc &pc, const QString &id)
{
    auto server = SyncConnection::open(pc.store(), m_server->keychain());
    if (!server) {
        qWarning("%s", qPrintable(server.error().message));
        return {};
    }
    const auto read = (*server)->run(
            QByteArrayLiteral("SELECT payload::text FROM book_changes(0) WHERE entity = "
                              "'appointment' AND id = $1 AND NOT deleted"),
            {id.toUtf8()}, QStringLiteral("test"));
    return read && !read->isEmpty() ? read->constFirst().value(0) : QByteArray();
}

const DaySheet::Block *TestSyncPanels::blockOf(const QString &id) const
{
    const QPair<int, int> at = m_window->dayView()->findBlock(id);
    if (at.first < 0)
        return nullptr;
    return &m_window->dayView()->sheet().columns.at(at.first).blocks.at(at.second);
}

void TestSyncPanels::bookTheSameStylist()
{
    m_a = join(QStringLiteral("Front desk"), true);
    QVERIFY(m_a);
    m_b = join(QStringLiteral("Back office"), false);
    QVERIFY(m_b);
    m_window = std::make_unique<MainWindow>(&m_b->store(), CalendarAccountsSource{},
                                            QDate(2026, 12, 4));
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(countButton());
    QVERIFY(countButton()->isHidden()); // none yet

    QVERIFY(m_a->store().save(m_data.appointment(fromA, friday9 + 3600, {{0, 0}})));
    QVERIFY(m_b->store().save(m_data.appointment(fromB, friday9 + 3600, {{0, 0}})));
    const Result<SyncSummary> first = sync(*m_a);
    QVERIFY2(first, qPrintable(message(first)));
    const Result<SyncSummary> second = sync(*m_b);
    QVERIFY2(second, qPrintable(message(second)));
    QCOMPARE(second->push.conflicts, 1);
}

void TestSyncPanels::conflictShownAndResolved_data()
{
    QTest::addColumn<Action>("action");
    QTest::addColumn<QString>(
            "expected"); // the server's row of from-b: "" none, else what it holds
    QTest::addRow("move to a suggested time") << Action::MoveSuggested << QStringLiteral("09:00");
    QTest::addRow("move to a chosen time") << Action::MoveChosen << QStringLiteral("14:00");
    QTest::addRow("overbook") << Action::Overbook << QStringLiteral("overbooked");
    QTest::addRow("cancel") << Action::Cancel << QStringLiteral("cancelled");
    QTest::addRow("keep the server's") << Action::KeepServer << QString();
}

void TestSyncPanels::conflictShownAndResolved()
{
    QFETCH(Action, action);
    QFETCH(QString, expected);
    bookTheSameStylist();
    if (QTest::currentTestFailed())
        return;

    // The count, live, and a click on it opens the panel.
    QTRY_VERIFY(countButton()->isVisible());
    QVERIFY2(countButton()->text().startsWith(QLatin1String("1 conflict")),
             qPrintable(countButton()->text()));
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("conflictPanel"));
    QVERIFY(dock);
    QVERIFY(dock->isHidden());
    QTest::mouseClick(countButton(), Qt::LeftButton);
    QTRY_VERIFY(dock->isVisible());

    ConflictPanel *inbox = panel();
    QAbstractItemModelTester tester(inbox->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(inbox->model()->rowCount(), 1);
    const ConflictModel::Row &row = inbox->model()->rows().at(0);
    QCOMPARE(row.conflict.entityId, fromB);
    const auto cell = [&](int column) {
        return inbox->model()->index(0, column).data().toString();
    };
    // The reason in words, this PC's version and the server's side by side.
    QVERIFY2(cell(ConflictModel::ReasonColumn).contains(QLatin1String("Mia is already booked")),
             qPrintable(cell(ConflictModel::ReasonColumn)));
    QVERIFY2(cell(ConflictModel::MineColumn).contains(m_data.clients.at(0).name),
             qPrintable(cell(ConflictModel::MineColumn)));
    QVERIFY2(cell(ConflictModel::MineColumn).contains(QLatin1String("with Mia")),
             qPrintable(cell(ConflictModel::MineColumn)));
    QVERIFY2(cell(ConflictModel::MineColumn).contains(QLatin1String("10:00")),
             qPrintable(cell(ConflictModel::MineColumn)));
    QVERIFY2(cell(ConflictModel::ServerColumn).contains(QLatin1String("not on the server")),
             qPrintable(cell(ConflictModel::ServerColumn)));
    // Free times for Mia that day: 09:00 first (A's visit holds 10:00–10:45).
    QVERIFY(!row.suggestions.isEmpty());
    QCOMPARE(row.suggestions.at(0).startsAt, friday9);
    QVERIFY2(cell(ConflictModel::SuggestedColumn).contains(QLatin1String("09:00")),
             qPrintable(cell(ConflictModel::SuggestedColumn)));
    QCOMPARE(inbox->selectedRow(), 0);
    if (action == Action::MoveSuggested)
        screenshot(QStringLiteral("conflict-panel"));

    auto *move = inbox->findChild<QComboBox *>(QStringLiteral("conflictMoveCombo"));
    QVERIFY(move);
    switch (action) {
    case Action::MoveSuggested:
        move->setCurrentIndex(0);
        QTest::mouseClick(inbox->findChild<QPushButton *>(QStringLiteral("conflictMoveButton")),
                          Qt::LeftButton);
        break;
    case Action::MoveChosen: {
        move->setCurrentIndex(move->count() - 1); // another time…
        auto *time = inbox->findChild<QDateTimeEdit *>(QStringLiteral("conflictMoveTimeEdit"));
        QVERIFY(time->isEnabled());
        time->setDateTime(QDateTime(QDate(2026, 12, 4), QTime(14, 0))); // the salon's time
        QTest::mouseClick(inbox->findChild<QPushButton *>(QStringLiteral("conflictMoveButton")),
                          Qt::LeftButton);
        break;
    }
    case Action::Overbook: {
        QString asked;
        whenModal([&asked](QWidget *dialog) {
            asked = dialog->objectName() + QLatin1Char(':')
                    + static_cast<QMessageBox *>(dialog)->text();
            QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("overbookButton")),
                              Qt::LeftButton);
        });
        QTest::mouseClick(inbox->findChild<QPushButton *>(QStringLiteral("conflictOverbookButton")),
                          Qt::LeftButton);
        // The day view's confirmation, naming the reason.
        QVERIFY2(asked.startsWith(QLatin1String("overbookDialog:")), qPrintable(asked));
        QVERIFY2(asked.contains(QLatin1String("Mia is already booked")), qPrintable(asked));
        break;
    }
    case Action::Cancel:
        QTest::mouseClick(inbox->findChild<QPushButton *>(QStringLiteral("conflictCancelButton")),
                          Qt::LeftButton);
        break;
    case Action::KeepServer:
        QTest::mouseClick(
                inbox->findChild<QPushButton *>(QStringLiteral("conflictKeepServerButton")),
                Qt::LeftButton);
        break;
    }
    QTRY_VERIFY(countButton()->isHidden());
    QCOMPARE(inbox->model()->rowCount(), 0);
    QVERIFY(VALUE_OF(m_b->store().conflicts()).isEmpty());

    // Undo puts it back in the inbox (and the visit as the book had it);
    // redo settles it again.
    QUndoStack *undo = m_window->undoStack();
    QVERIFY(undo->canUndo());
    undo->undo();
    QTRY_VERIFY(countButton()->isVisible());
    QCOMPARE(VALUE_OF(m_b->store().conflicts()).size(), 1);
    QVERIFY(!VALUE_OF(m_b->store().appointment(fromB)).has_value());
    undo->redo();
    QTRY_VERIFY(countButton()->isHidden());

    // After the next sync the server has what the desk chose.
    const Result<SyncSummary> round = sync(*m_b);
    QVERIFY2(round, qPrintable(message(round)));
    QCOMPARE(round->push.conflicts, 0);
    const QByteArray onServer = serverRow(*m_b, fromB);
    if (expected.isEmpty()) {
        QVERIFY2(onServer.isEmpty(), onServer.constData());
        return;
    }
    QVERIFY2(!onServer.isEmpty(), "from-b is not on the server");
    const Appointment visit = Appointment::fromJson(QJsonDocument::fromJson(onServer).object());
    const QTimeZone london("Europe/London");
    if (expected == QLatin1String("overbooked")) {
        QVERIFY(visit.overbooked);
        QCOMPARE(visit.startsAt(), friday9 + 3600);
    } else if (expected == QLatin1String("cancelled")) {
        QCOMPARE(visit.status, AppointmentStatus::Cancelled);
    } else {
        QCOMPARE(QDateTime::fromSecsSinceEpoch(visit.startsAt(), london)
                         .time()
                         .toString(QStringLiteral("HH:mm")),
                 expected);
        QCOMPARE(visit.status, AppointmentStatus::Booked);
    }
}

void TestSyncPanels::overbookCancelledChangesNothing()
{
    bookTheSameStylist();
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(countButton()->isVisible());
    QTemporaryDir dir;
    const QString before = dir.filePath(QStringLiteral("before.json"));
    const QString after = dir.filePath(QStringLiteral("after.json"));
    QVERIFY(m_window->exportTo(before));
    const qint64 outbox = VALUE_OF(m_b->store().outboxHead());

    m_window->findChild<QAction *>(QStringLiteral("conflictsAction"))->trigger();
    ConflictPanel *inbox = panel();
    QCOMPARE(inbox->selectedRow(), 0);
    bool asked = false;
    whenModal([&asked](QWidget *dialog) {
        asked = dialog->objectName() == QLatin1String("overbookDialog");
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("keepButton")),
                          Qt::LeftButton);
    });
    QTest::mouseClick(inbox->findChild<QPushButton *>(QStringLiteral("conflictOverbookButton")),
                      Qt::LeftButton);
    QVERIFY(asked);
    QVERIFY(m_window->exportTo(after));
    QFile a(before);
    QFile b(after);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());
    QCOMPARE(VALUE_OF(m_b->store().outboxHead()), outbox);
    QCOMPARE(VALUE_OF(m_b->store().conflicts()).size(), 1);
    QVERIFY(countButton()->isVisible());
    QVERIFY(!m_window->undoStack()->canUndo());
    QCOMPARE(inbox->findChild<QLabel *>(QStringLiteral("conflictMessage"))->text(),
             ConflictPanel::tr("Nothing was changed."));
}

// A visit both PCs moved: B's move came second, on an older copy, so B's
// day view shows A's time and B's inbox has the conflict. A right click on
// that block offers the conflict's actions; "Cancel this PC's version"
// settles it from there, and the panel shows that conflict.
void TestSyncPanels::conflictFromTheBlocksMenu()
{
    m_a = join(QStringLiteral("Front desk"), true);
    QVERIFY(m_a);
    m_b = join(QStringLiteral("Back office"), false);
    QVERIFY(m_b);
    const Appointment visit = m_data.appointment(QStringLiteral("visit"), friday9 + 3600, {{0, 0}});
    QVERIFY(m_a->store().save(visit));
    QVERIFY(sync(*m_a));
    QVERIFY(sync(*m_b));
    QVERIFY(m_a->store().save(*AppointmentChange::moved(visit, friday9 + 2 * 3600)));
    QVERIFY(sync(*m_a));
    QVERIFY(m_b->store().save(*AppointmentChange::moved(visit, friday9 + 3 * 3600)));
    const Result<SyncSummary> refused = sync(*m_b);
    QVERIFY2(refused, qPrintable(message(refused)));
    QCOMPARE(refused->push.conflicts, 1);

    m_window = std::make_unique<MainWindow>(&m_b->store(), CalendarAccountsSource{},
                                            QDate(2026, 12, 4));
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    DayView *view = m_window->dayView();
    QTRY_VERIFY(view->findBlock(visit.id).first >= 0);
    const QPair<int, int> at = view->findBlock(visit.id);
    const QPoint onVisit = view->blockRect(at.first, at.second).center();
    QVERIFY(m_window->findChild<QDockWidget *>(QStringLiteral("conflictPanel"))->isHidden());

    bool offered = false;
    QTimer::singleShot(0, this, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        auto *conflict = menu->findChild<QMenu *>(QStringLiteral("appointmentConflictMenu"));
        QVERIFY(conflict);
        auto *cancel = conflict->findChild<QAction *>(QStringLiteral("cancelConflictAction"));
        QVERIFY(cancel);
        QVERIFY(cancel->isEnabled());
        QVERIFY(conflict->findChild<QAction *>(QStringLiteral("keepServerConflictAction")));
        offered = true;
        cancel->trigger();
        menu->close();
    });
    QTest::mousePress(view, Qt::RightButton, {}, onVisit);
    QContextMenuEvent event(QContextMenuEvent::Mouse, onVisit, view->mapToGlobal(onVisit));
    QApplication::sendEvent(view, &event);
    QTest::mouseRelease(view, Qt::RightButton, {}, onVisit);
    QVERIFY(offered);

    // Settled: this PC's version, cancelled; the panel shows where it was.
    QVERIFY(m_window->findChild<QDockWidget *>(QStringLiteral("conflictPanel"))->isVisible());
    QCOMPARE(panel()->openCount(), 0);
    const Appointment onB = *VALUE_OF(m_b->store().appointment(visit.id));
    QCOMPARE(onB.status, AppointmentStatus::Cancelled);
    QVERIFY(sync(*m_b));
    QVERIFY(serverRow(*m_b, visit.id).contains("\"cancelled\""));
}

void TestSyncPanels::historyListsPcNames()
{
    m_a = join(QStringLiteral("Front desk"), true);
    QVERIFY(m_a);
    m_b = join(QStringLiteral("Back office"), false);
    QVERIFY(m_b);
    QVERIFY(m_a->store().save(m_data.appointment(fromA, friday9 + 3600, {{0, 0}})));
    QVERIFY2(sync(*m_a), "A's round");
    QVERIFY2(sync(*m_b), "B's round");
    Appointment confirmed = *VALUE_OF(m_b->store().appointment(fromA));
    confirmed.status = AppointmentStatus::Confirmed;
    QVERIFY(m_b->store().save(confirmed));
    QVERIFY2(sync(*m_b), "B's second round");

    m_window = std::make_unique<MainWindow>(&m_b->store(), CalendarAccountsSource{},
                                            QDate(2026, 12, 4));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->dayView()->selectAppointment(fromA);
    m_window->findChild<QAction *>(QStringLiteral("openAppointmentAction"))->trigger();
    auto *editor = m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor"));
    QVERIFY(editor);
    QCOMPARE(editor->appointmentId(), fromA);
    AppointmentHistory *history = editor->history();
    QVERIFY(history);
    auto *tabs = editor->findChild<QTabWidget *>(QStringLiteral("editorTabs"));
    QCOMPARE(tabs->count(), 2);
    tabs->setCurrentWidget(history);
    QTRY_COMPARE_WITH_TIMEOUT(history->state(), AppointmentHistory::State::Shown, 30000);
    auto *table = history->findChild<QTableWidget *>(QStringLiteral("historyTable"));
    QCOMPARE(table->rowCount(), 2);
    // Booked on A, confirmed on B: each PC by its name, not its id.
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("Front desk"));
    QCOMPARE(table->item(1, 3)->text(), QStringLiteral("Back office"));
    QCOMPARE(table->item(0, 4)->text(), BookHistory::tr("booked"));
    QVERIFY2(table->item(1, 4)->text().contains(QStringLiteral("status: booked → confirmed")),
             qPrintable(table->item(1, 4)->text()));
    QVERIFY(!table->item(1, 0)->text().isEmpty());
    QVERIFY(!table->item(1, 1)->text().isEmpty());
    screenshot(QStringLiteral("history-tab"));
    // Synced: not waiting.
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("waitingToSyncLabel"))->isHidden());
    editor->close();
}

void TestSyncPanels::historyOfflineSaysSoWithoutBlocking()
{
    m_b = join(QStringLiteral("Front desk"), true);
    QVERIFY(m_b);
    QVERIFY(m_b->store().save(m_data.appointment(fromB, friday9 + 3600, {{0, 0}})));
    // A server that takes the connection and never answers: the worker
    // waits for it (connect_timeout) while the editor carries on.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ServerLink link = *VALUE_OF(m_b->store().serverLink());
    link.url = QStringLiteral("postgresql://127.0.0.1:%1/chairside").arg(silent.serverPort());
    QVERIFY(m_b->store().saveServerLink(link));

    m_window = std::make_unique<MainWindow>(&m_b->store(), CalendarAccountsSource{},
                                            QDate(2026, 12, 4));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    AppointmentEditor *editor = m_window->openAppointment(fromB);
    QVERIFY(editor);
    AppointmentHistory *history = editor->history();
    QVERIFY(history);
    QCOMPARE(history->state(), AppointmentHistory::State::Loading);
    QCOMPARE(history->message(), AppointmentHistory::tr("Loading…"));
    // The editor answers meanwhile: its tabs switch and its events run.
    auto *tabs = editor->findChild<QTabWidget *>(QStringLiteral("editorTabs"));
    tabs->setCurrentIndex(1);
    bool ran = false;
    QTimer::singleShot(0, editor, [&ran] { ran = true; });
    QTRY_VERIFY(ran);
    QCOMPARE(history->state(), AppointmentHistory::State::Loading);
    QVERIFY(tabs->currentWidget() == history);

    QTRY_COMPARE_WITH_TIMEOUT(history->state(), AppointmentHistory::State::Failed, 30000);
    QVERIFY2(history->message().startsWith(QLatin1String("The history could not be read")),
             qPrintable(history->message()));
    QVERIFY(history->findChild<QPushButton *>(QStringLiteral("historyRetryButton"))->isEnabled());
    screenshot(QStringLiteral("history-offline"));
    // Still waiting to sync: never pushed.
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("waitingToSyncLabel"))->isVisible());
    editor->close();
}

void TestSyncPanels::waitingMarkerUntilPushed()
{
    // Not the salon's first PC: its round uploads no book, so only the
    // push's outcome can clear the mark.
    m_a = join(QStringLiteral("Front desk"), true);
    QVERIFY(m_a);
    m_b = join(QStringLiteral("Back office"), false);
    QVERIFY(m_b);
    m_window = std::make_unique<MainWindow>(&m_b->store(), CalendarAccountsSource{},
                                            QDate(2026, 12, 4));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    BookingRequest request;
    request.salonId = m_data.salon.id;
    request.clientId = m_data.clients.at(0).id;
    request.lines = {{m_data.services.at(0).id, m_data.staff.at(0).id}};
    request.startsAt = friday9 + 2 * 3600;
    request.by = QStringLiteral("test");
    const Result<QList<Appointment>> booked = m_window->book(request);
    QVERIFY2(booked, qPrintable(booked ? QString() : booked.error().message));
    const QString id = booked->constFirst().id;
    QTRY_VERIFY(blockOf(id));
    QVERIFY(blockOf(id)->waitingToSync);
    // Said to a screen reader too, and in the editor.
    // The keyboard cursor from 09:00, Mia's start, down to the visit at 11:00.
    for (int step = 0; step < 8; ++step)
        QTest::keyClick(m_window->dayView(), Qt::Key_Down);
    QCOMPARE(m_window->dayView()->selectedAppointment(), id);
    QVERIFY2(m_window->dayView()->accessibleName().contains(QLatin1String("waiting to sync")),
             qPrintable(m_window->dayView()->accessibleName()));
    AppointmentEditor *editor = m_window->openAppointment(id);
    QVERIFY(editor);
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("waitingToSyncLabel"))->isVisible());
    screenshot(QStringLiteral("waiting-editor"));
    editor->close();
    screenshot(QStringLiteral("waiting-day"));

    const Result<SyncSummary> round = sync(*m_b);
    QVERIFY2(round, qPrintable(message(round)));
    QTRY_VERIFY(blockOf(id) && !blockOf(id)->waitingToSync);
    QVERIFY(!m_window->dayView()->accessibleName().contains(QLatin1String("waiting to sync")));
}

void TestSyncPanels::neverWaitingWhenNotJoined()
{
    m_b = std::make_unique<Pc>();
    m_b->temp = std::make_unique<TempStore>(m_clock);
    QVERIFY(m_b->temp->isValid());
    QVERIFY(m_data.saveTo(m_b->store()));
    QVERIFY(m_b->store().save(m_shift));
    m_window = std::make_unique<MainWindow>(&m_b->store(), CalendarAccountsSource{},
                                            QDate(2026, 12, 4));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_b->store().save(m_data.appointment(fromB, friday9 + 3600, {{0, 0}})));
    QTRY_VERIFY(blockOf(fromB));
    QVERIFY(VALUE_OF(m_b->store().outboxHead()) > 0); // the change is queued all the same
    QVERIFY(!blockOf(fromB)->waitingToSync);
    AppointmentEditor *editor = m_window->openAppointment(fromB);
    QVERIFY(editor);
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("waitingToSyncLabel"))->isHidden());
    QVERIFY(!editor->history()); // no server: no History tab
    editor->close();
    // Nothing for the conflict panel either.
    QVERIFY(countButton()->isHidden());
}

QTEST_MAIN(TestSyncPanels)
#include "tst_syncpanels.moc"
