// The day view as the front desk uses it, driven through the real main
// window by objectName with mouse and key events (offscreen): choosing free
// time, moving and resizing visits with the conflict reason beside the
// cursor, refusing and overbooking, status from the context menu and from
// keys, undo/redo back to the exact starting book, the closed day, the
// keyboard, settings, colours in a dark palette, and chairside-cli writing
// the same book while the window is open.

#include "appointmentcommand.h"
#include "appointmenteditor.h"
#include "clirunner.h"
#include "dayview.h"
#include "desksettings.h"
#include "mainwindow.h"
#include "modal.h"
#include "shortcutsdialog.h"
#include "statusstyle.h"
#include "testsupport.h"

#include "booking/appointmentbook.h"
#include "store/storearchive.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <QUndoStack>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const QDate Day(2026, 12, 1); // a Tuesday

qint64 at(int hour, int minute = 0, const QDate &date = Day)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone("Europe/London")).toSecsSinceEpoch();
}

QByteArray exported(Store &store)
{
    return QJsonDocument(StoreArchive::toJson(VALUE_OF(store.contents(), {})))
            .toJson(QJsonDocument::Compact);
}

void clickButton(QWidget *dialog, const QString &name)
{
    auto *button = dialog->findChild<QPushButton *>(name);
    QVERIFY2(button, qPrintable(name));
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

class TestDayView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void clickAndDragOnFreeTimeChooseIt();
    void moveAcrossStylists();
    void resizeByTheBottomEdge();
    void refusedDropChangesNothing();
    void overbookAfterConfirming();
    void statusFromContextMenuAndKeys();
    void undoRedoEverything();
    void closedDayOffersNextOpenDay();
    void keyboardCursorAndShortcutList();
    void settingsAreRemembered();
    void fitAllStylists();
    void statusColoursReadInDarkPalette();
    void otherProcessWritesAppear();

private:
    QPoint pointAt(const QString &staffId, int minute, int below = 2) const;
    QString staffId(const QString &name) const;
    Appointment book(const QString &stylist, const QString &service, qint64 startsAt,
                     const QString &client = QStringLiteral("Bob Stone"));
    void drag(const QPoint &from, const QPoint &to, QString *feedback = nullptr);
    // The main window on Day, active, with `columns` stylists' columns; an
    // invalid size keeps the size the window remembers.
    void openWindow(const QSize &size = QSize(1400, 900), int columns = 2);

    QTemporaryDir m_settings;
    QTemporaryDir m_template; // a salon built once with chairside-cli
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<MainWindow> m_window;
    DayView *m_view = nullptr;
    QString m_salonId;
};

void TestDayView::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    const QString failed = CliRunner(m_template.path()).setUpSalon();
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestDayView::init()
{
    deskSettings()->clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(QFile::copy(Store::pathIn(m_template.path()), Store::pathIn(m_dir->path())));
    Result<std::unique_ptr<Store>> opened = Store::open(Store::pathIn(m_dir->path()));
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
    m_store = std::move(*opened);
    m_salonId = VALUE_OF(m_store->salons()).constFirst().id;
}

void TestDayView::cleanup()
{
    m_window.reset();
    m_view = nullptr;
    m_store.reset();
    m_dir.reset();
}

void TestDayView::openWindow(const QSize &size, int columns)
{
    m_window = std::make_unique<MainWindow>(m_store.get());
    if (size.isValid())
        m_window->resize(size);
    m_window->showDate(Day);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_view = m_window->findChild<DayView *>(QStringLiteral("dayView"));
    QVERIFY(m_view);
    QCOMPARE(m_view->columnCount(), columns);
}

QString TestDayView::staffId(const QString &name) const
{
    for (const Staff &staff : VALUE_OF(m_store->staff(m_salonId), {})) {
        if (staff.name.startsWith(name))
            return staff.id;
    }
    return {};
}

QPoint TestDayView::pointAt(const QString &staffId, int minute, int below) const
{
    for (int c = 0; c < m_view->columnCount(); ++c) {
        if (m_view->sheet().columns.at(c).staffId == staffId)
            return QPoint(m_view->columnRect(c).center().x(), m_view->yForMinute(minute) + below);
    }
    return {};
}

Appointment TestDayView::book(const QString &stylist, const QString &service, qint64 startsAt,
                              const QString &client)
{
    BookingRequest request;
    request.salonId = m_salonId;
    request.clientId = VALUE_OF(m_store->clients(m_salonId, client), {}).constFirst().id;
    for (const Service &s : VALUE_OF(m_store->services(m_salonId), {})) {
        if (s.name == service)
            request.lines.append({s.id, staffId(stylist)});
    }
    request.startsAt = startsAt;
    request.by = QStringLiteral("test");
    const Result<QList<Appointment>> booked = AppointmentBook(*m_store).book(request);
    if (!booked)
        qWarning() << booked.error().message;
    return booked ? booked->constFirst() : Appointment();
}

void TestDayView::drag(const QPoint &from, const QPoint &to, QString *feedback)
{
    QTest::mousePress(m_view, Qt::LeftButton, {}, from);
    // Through the middle, as a hand would: the check runs on every move.
    QTest::mouseMove(m_view, (from + to) / 2);
    QTest::mouseMove(m_view, to);
    if (feedback)
        *feedback = m_view->dragFeedback();
    QTest::mouseRelease(m_view, Qt::LeftButton, {}, to);
}

void TestDayView::clickAndDragOnFreeTimeChooseIt()
{
    openWindow();
    const QString tom = staffId(QStringLiteral("Tom"));
    QSignalSpy chosen(m_view, &DayView::freeTimeChosen);

    QTest::mouseClick(m_view, Qt::LeftButton, {}, pointAt(tom, 14 * 60 + 20));
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), tom);
    QCOMPARE(chosen.at(0).at(1).toInt(), 14 * 60 + 15); // snapped to the quarter
    QCOMPARE(chosen.at(0).at(2).toInt(), 15);
    // The click opened the editor there, with Tom and 14:15 filled in.
    auto *editor = m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor"));
    QVERIFY(editor);
    const SalonTime time(*VALUE_OF(m_store->salon(m_salonId)), m_store->clock());
    QCOMPARE(editor->startsAt(), *time.at(m_window->date(), 14 * 60 + 15));
    QCOMPARE(editor->findChild<QComboBox *>(QStringLiteral("stylistCombo0"))
                     ->currentData()
                     .toString(),
             tom);
    editor->reject();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    drag(pointAt(tom, 14 * 60), pointAt(tom, 15 * 60 + 10));
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(chosen.at(1).at(0).toString(), tom);
    QCOMPARE(chosen.at(1).at(1).toInt(), 14 * 60);
    QCOMPARE(chosen.at(1).at(2).toInt(), 75); // 14:00 to the end of the 15:00 quarter

    // A 10-minute grid from the View menu.
    m_window->findChild<QAction *>(QStringLiteral("gridStep10Action"))->trigger();
    QCOMPARE(m_view->gridStep(), 10);
    QTest::mouseClick(m_view, Qt::LeftButton, {}, pointAt(tom, 14 * 60 + 25));
    QCOMPARE(chosen.size(), 3);
    QCOMPARE(chosen.at(2).at(1).toInt(), 14 * 60 + 20);
    QCOMPARE(chosen.at(2).at(2).toInt(), 10);
}

void TestDayView::moveAcrossStylists()
{
    const Appointment cut = book(QStringLiteral("Mia"), QStringLiteral("Cut & Finish"), at(10));
    QVERIFY(!cut.id.isEmpty());
    openWindow();
    const QString mia = staffId(QStringLiteral("Mia"));
    const QString tom = staffId(QStringLiteral("Tom"));
    QString feedback;
    drag(pointAt(mia, 10 * 60 + 20), pointAt(tom, 11 * 60 + 20), &feedback);
    QVERIFY2(feedback.contains(QStringLiteral("11:00–11:45")), qPrintable(feedback));
    QVERIFY2(feedback.contains(QStringLiteral("Tom Reed")), qPrintable(feedback));

    const Appointment moved = *VALUE_OF(m_store->appointment(cut.id));
    QCOMPARE(moved.startsAt(), at(11));
    QCOMPARE(moved.endsAt(), at(11, 45));
    QCOMPARE(moved.lines.constFirst().staffId, tom);
    QVERIFY(!moved.overbooked);
    QTRY_COMPARE(m_view->findBlock(cut.id, tom).first >= 0, true);
    QCOMPARE(m_view->findBlock(cut.id, mia).first, -1);
}

void TestDayView::resizeByTheBottomEdge()
{
    const Appointment cut = book(QStringLiteral("Mia"), QStringLiteral("Cut & Finish"), at(10));
    openWindow();
    const QString mia = staffId(QStringLiteral("Mia"));
    const QPair<int, int> block = m_view->findBlock(cut.id, mia);
    QVERIFY(block.first >= 0);
    const QRect rect = m_view->blockRect(block.first, block.second);
    QString feedback;
    drag(QPoint(rect.center().x(), rect.bottom() - 1), pointAt(mia, 11 * 60 + 15, 0), &feedback);
    QVERIFY2(feedback.contains(QStringLiteral("11:15")), qPrintable(feedback));
    const Appointment resized = *VALUE_OF(m_store->appointment(cut.id));
    QCOMPARE(resized.startsAt(), at(10));
    QCOMPARE(resized.endsAt(), at(11, 15));
}

void TestDayView::refusedDropChangesNothing()
{
    const Appointment cut = book(QStringLiteral("Mia"), QStringLiteral("Cut & Finish"), at(12));
    const Appointment done = book(QStringLiteral("Tom"), QStringLiteral("Cut & Finish"), at(10));
    QVERIFY(AppointmentBook(*m_store)
                    .setStatus(done.id, AppointmentStatus::Completed, QStringLiteral("test"))
                    .ok());
    openWindow();
    const QByteArray before = exported(*m_store);
    const QString mia = staffId(QStringLiteral("Mia"));
    const QString tom = staffId(QStringLiteral("Tom"));

    // Into Mia's break: the reason beside the cursor, then "leave it".
    bool asked = false;
    whenModal([&](QWidget *dialog) {
        asked = dialog->objectName() == QStringLiteral("overbookDialog");
        QVERIFY(qobject_cast<QMessageBox *>(dialog)->text().contains(QStringLiteral("13:00")));
        clickButton(dialog, QStringLiteral("keepButton"));
    });
    QString feedback;
    drag(pointAt(mia, 12 * 60 + 20), pointAt(mia, 13 * 60 + 20), &feedback);
    QVERIFY2(feedback.contains(QStringLiteral("break"), Qt::CaseInsensitive), qPrintable(feedback));
    QVERIFY2(feedback.contains(QStringLiteral("13:00–13:30")), qPrintable(feedback));
    QVERIFY(asked);
    QCOMPARE(exported(*m_store), before);
    QCOMPARE(m_window->undoStack()->count(), 0);

    // A completed visit cannot move at all: said, and no question asked.
    QPointer<QWidget> unexpected;
    QTimer guard;
    connect(&guard, &QTimer::timeout, this, [&] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            unexpected = modal;
            modal->close();
        }
    });
    guard.start(0);
    drag(pointAt(tom, 10 * 60 + 20), pointAt(tom, 14 * 60 + 20), &feedback);
    guard.stop();
    QVERIFY2(feedback.contains(QStringLiteral("cannot be moved")), qPrintable(feedback));
    QVERIFY(!unexpected);
    QCOMPARE(exported(*m_store), before);
    Q_UNUSED(cut);
}

void TestDayView::overbookAfterConfirming()
{
    // Bob's colour with Tom holds the only basin 11:05–11:35.
    const Appointment bob = book(QStringLiteral("Tom"), QStringLiteral("Colour"), at(10));
    const Appointment ann = book(QStringLiteral("Mia"), QStringLiteral("Colour"), at(14),
                                 QStringLiteral("Ann Lee"));
    QVERIFY(!bob.id.isEmpty() && !ann.id.isEmpty());
    openWindow();
    const QString mia = staffId(QStringLiteral("Mia"));
    QString reasons;
    whenModal([&](QWidget *dialog) {
        reasons = qobject_cast<QMessageBox *>(dialog)->text();
        clickButton(dialog, QStringLiteral("overbookButton"));
    });
    QString feedback;
    drag(pointAt(mia, 14 * 60 + 20), pointAt(mia, 10 * 60 + 20), &feedback);
    QVERIFY2(feedback.contains(QStringLiteral("basin"), Qt::CaseInsensitive), qPrintable(feedback));
    QVERIFY2(reasons.contains(QStringLiteral("basin"), Qt::CaseInsensitive), qPrintable(reasons));
    const Appointment moved = *VALUE_OF(m_store->appointment(ann.id));
    QCOMPARE(moved.startsAt(), at(10));
    QVERIFY(moved.overbooked);
    QVERIFY(moved.overbookReason.contains(QStringLiteral("basin"), Qt::CaseInsensitive));
    QCOMPARE(m_window->undoStack()->count(), 1);
}

void TestDayView::statusFromContextMenuAndKeys()
{
    const Appointment cut = book(QStringLiteral("Mia"), QStringLiteral("Cut & Finish"), at(10));
    const Appointment other = book(QStringLiteral("Tom"), QStringLiteral("Cut & Finish"), at(11));
    // A shared login at the desk, named by the admin: changes are recorded so.
    deskSettings()->setValue(QStringLiteral("recordChangesAs"), QStringLiteral("Reception"));
    openWindow();
    const QString mia = staffId(QStringLiteral("Mia"));
    const QPoint onCut = pointAt(mia, 10 * 60 + 20);

    // Right click: the menu, "Arrived".
    QTimer::singleShot(0, this, [] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        QCOMPARE(menu->objectName(), QStringLiteral("appointmentContextMenu"));
        QAction *arrived = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->objectName() == QStringLiteral("arrivedAction"))
                arrived = action;
        }
        QVERIFY(arrived && arrived->isEnabled());
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(arrived).center());
    });
    QTest::mousePress(m_view, Qt::RightButton, {}, onCut);
    QContextMenuEvent event(QContextMenuEvent::Mouse, onCut, m_view->mapToGlobal(onCut));
    QApplication::sendEvent(m_view, &event);
    QTest::mouseRelease(m_view, Qt::RightButton, {}, onCut);
    QCOMPARE(VALUE_OF(m_store->appointment(cut.id))->status, AppointmentStatus::Arrived);

    // Keys on the selected block: I (in service), D (completed).
    QTRY_VERIFY(!QApplication::activePopupWidget());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_view->setFocus();
    QTRY_VERIFY(m_view->hasFocus());
    QCOMPARE(m_view->selectedAppointment(), cut.id);
    QTest::keyClick(m_view, Qt::Key_I);
    QCOMPARE(VALUE_OF(m_store->appointment(cut.id))->status, AppointmentStatus::InService);
    QTest::keyClick(m_view, Qt::Key_D);
    QCOMPARE(VALUE_OF(m_store->appointment(cut.id))->status, AppointmentStatus::Completed);
    // Completed is final: confirming it is not offered.
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("confirmAction"))->isEnabled());
    QTest::keyClick(m_view, Qt::Key_C);
    QCOMPARE(VALUE_OF(m_store->appointment(cut.id))->status, AppointmentStatus::Completed);

    // N: a no-show, counted on the client.
    QTest::mouseClick(m_view, Qt::LeftButton, {},
                      pointAt(staffId(QStringLiteral("Tom")), 11 * 60 + 20));
    QCOMPARE(m_view->selectedAppointment(), other.id);
    const int noShows = VALUE_OF(m_store->client(other.clientId))->noShowCount;
    QTest::keyClick(m_view, Qt::Key_N);
    QCOMPARE(VALUE_OF(m_store->appointment(other.id))->status, AppointmentStatus::NoShow);
    QCOMPARE(VALUE_OF(m_store->client(other.clientId))->noShowCount, noShows + 1);
    QCOMPARE(VALUE_OF(m_store->appointment(cut.id))->changedBy, QStringLiteral("Reception"));
    QCOMPARE(VALUE_OF(m_store->appointment(other.id))->changedBy, QStringLiteral("Reception"));
    deskSettings()->remove(QStringLiteral("recordChangesAs"));
}

void TestDayView::undoRedoEverything()
{
    const Appointment cut = book(QStringLiteral("Mia"), QStringLiteral("Cut & Finish"), at(10));
    const Appointment trim = book(QStringLiteral("Tom"), QStringLiteral("Fringe Trim"), at(15));
    openWindow();
    const QByteArray start = exported(*m_store);
    const qint64 outboxAtStart = VALUE_OF(m_store->outboxCount());
    const QString mia = staffId(QStringLiteral("Mia"));
    const QString tom = staffId(QStringLiteral("Tom"));

    // Move, resize, confirm, no-show, cancel, and a booking from the editor.
    drag(pointAt(mia, 10 * 60 + 20), pointAt(tom, 11 * 60 + 20));
    QCOMPARE(VALUE_OF(m_store->appointment(cut.id))->startsAt(), at(11));
    QTRY_VERIFY(m_view->findBlock(cut.id, tom).first >= 0);
    const QPair<int, int> block = m_view->findBlock(cut.id, tom);
    const QRect rect = m_view->blockRect(block.first, block.second);
    drag(QPoint(rect.center().x(), rect.bottom() - 1), pointAt(tom, 12 * 60, 0));
    QCOMPARE(VALUE_OF(m_store->appointment(cut.id))->endsAt(), at(12));
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_C);
    QCOMPARE(VALUE_OF(m_store->appointment(cut.id))->status, AppointmentStatus::Confirmed);
    QTest::mouseClick(m_view, Qt::LeftButton, {}, pointAt(tom, 15 * 60 + 5));
    QCOMPARE(m_view->selectedAppointment(), trim.id);
    QTest::keyClick(m_view, Qt::Key_N);
    QCOMPARE(VALUE_OF(m_store->appointment(trim.id))->status, AppointmentStatus::NoShow);
    QTest::mouseClick(m_view, Qt::LeftButton, {}, pointAt(tom, 11 * 60 + 20));
    QCOMPARE(m_view->selectedAppointment(), cut.id);
    whenModal([](QWidget *dialog) {
        auto *input = qobject_cast<QInputDialog *>(dialog);
        QVERIFY(input);
        QCOMPARE(input->objectName(), QStringLiteral("cancelReasonDialog"));
        input->setTextValue(QStringLiteral("Ill"));
        input->accept();
    });
    QTest::keyClick(m_view, Qt::Key_Delete);
    QCOMPARE(VALUE_OF(m_store->appointment(cut.id))->status, AppointmentStatus::Cancelled);
    BookingRequest request;
    request.salonId = m_salonId;
    request.clientId = VALUE_OF(m_store->clients(m_salonId, QStringLiteral("Bob"))).constFirst().id;
    for (const Service &service : VALUE_OF(m_store->services(m_salonId))) {
        if (service.name == QStringLiteral("Cut & Finish"))
            request.lines = {{service.id, mia}};
    }
    request.startsAt = at(16);
    request.by = QStringLiteral("editor");
    const Result<QList<Appointment>> booked = m_window->book(request);
    QVERIFY2(booked.ok(), booked.ok() ? "" : qPrintable(booked.error().message));
    QCOMPARE(m_window->undoStack()->count(), 6);
    const QByteArray end = exported(*m_store);
    // The cancel's question had the focus; the day has it again.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_view->setFocus();
    QTRY_VERIFY(m_view->hasFocus());

    // Ctrl+Z six times: the book as it was, byte for byte.
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(m_view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_window->undoStack()->index(), 0);
    QCOMPARE(exported(*m_store), start);
    QVERIFY(!VALUE_OF(m_store->appointment(booked->constFirst().id)));
    // Every undo was a new write, on its way to the server.
    QVERIFY(VALUE_OF(m_store->outboxCount()) >= outboxAtStart + 12);

    // Ctrl+Shift+Z six times: the changes again.
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(m_view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_window->undoStack()->index(), 6);
    QCOMPARE(exported(*m_store), end);

    // An undo whose old time was taken since is refused and says why.
    QTest::keyClick(m_view, Qt::Key_Z, Qt::ControlModifier); // the booking
    QTest::keyClick(m_view, Qt::Key_Z, Qt::ControlModifier); // the cancel
    QTest::keyClick(m_view, Qt::Key_Z, Qt::ControlModifier); // the no-show
    QCOMPARE(VALUE_OF(m_store->appointment(trim.id))->status, AppointmentStatus::Booked);
    QVERIFY(VALUE_OF(m_store->appointment(cut.id))->status == AppointmentStatus::Confirmed);
    QVERIFY(AppointmentBook(*m_store)
                    .setStatus(cut.id, AppointmentStatus::Cancelled, QStringLiteral("x"))
                    .ok());
    QVERIFY(!book(QStringLiteral("Tom"), QStringLiteral("Cut & Finish"), at(11),
                  QStringLiteral("Ann"))
                     .id.isEmpty());
    const QByteArray beforeRefusal = exported(*m_store);
    const int commands = m_window->undoStack()->count();
    // Confirmed → booked at 11:00, where Ann now sits: refused, said why.
    QTest::keyClick(m_view, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("Could not undo")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(exported(*m_store), beforeRefusal);
    QCOMPARE(m_window->undoStack()->count(), commands - 1); // it cannot stay on the stack
}

void TestDayView::closedDayOffersNextOpenDay()
{
    // Sunday is closed, and on Monday 7 December both stylists are off too.
    const QDate sunday = Day.addDays(5);
    for (const QString &name : {QStringLiteral("Mia"), QStringLiteral("Tom")}) {
        ShiftException off;
        off.id = QStringLiteral("off-") + name;
        off.staffId = staffId(name);
        off.date = sunday.addDays(1);
        off.working = false;
        off.reason = QStringLiteral("Training");
        QVERIFY(m_store->save(off).ok());
    }
    openWindow();
    m_window->showDate(sunday);
    auto *pages = m_window->findChild<QStackedWidget *>();
    auto *page = m_window->findChild<QWidget *>(QStringLiteral("closedPage"));
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("closedLabel"));
    auto *next = m_window->findChild<QPushButton *>(QStringLiteral("nextOpenDayButton"));
    QVERIFY(pages && page && label && next);
    QCOMPARE(pages->currentWidget(), page);
    QVERIFY2(label->text().contains(QStringLiteral("closed")), qPrintable(label->text()));
    QVERIFY(!next->accessibleName().isEmpty());
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(m_window->date(), sunday.addDays(2)); // Tuesday: the next day anyone works
    QVERIFY(pages->currentWidget() != page);
    QCOMPARE(m_view->columnCount(), 2);
}

void TestDayView::keyboardCursorAndShortcutList()
{
    const Appointment cut = book(QStringLiteral("Mia"), QStringLiteral("Cut & Finish"), at(9));
    openWindow();
    QSignalSpy chosen(m_view, &DayView::freeTimeChosen);
    QSignalSpy clicked(m_view, &DayView::appointmentClicked);
    m_view->setFocus();
    QTRY_VERIFY(m_view->hasFocus());
    // The cursor starts at the first stylist's first working quarter: Mia's 09:00.
    QCOMPARE(m_view->cursorColumn(), 0);
    QCOMPARE(m_view->cursorMinute(), 9 * 60);
    QTest::keyClick(m_view, Qt::Key_Down);
    QCOMPARE(m_view->selectedAppointment(), cut.id); // still inside the cut
    QTest::keyClick(m_view, Qt::Key_Return);
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.at(0).at(0).toString(), cut.id);
    QTest::keyClick(m_view, Qt::Key_Right);
    QTest::keyClick(m_view, Qt::Key_Down);
    QTest::keyClick(m_view, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), m_view->sheet().columns.at(1).staffId);
    QCOMPARE(chosen.at(0).at(1).toInt(), 9 * 60 + 30);
    QCOMPARE(chosen.at(0).at(2).toInt(), 15);
    // The free time opened the editor there; the day is what this test is about.
    auto *editor = m_window->findChild<QDialog *>(QStringLiteral("appointmentEditor"));
    QVERIFY(editor);
    editor->reject();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    // Next / previous / today from the keyboard.
    QTest::keyClick(m_window.get(), Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(m_window->date(), Day.addDays(1));
    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(m_window->date(), Day.addDays(-1));
    QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(m_window->date(),
             QDateTime::currentDateTime().toTimeZone(QTimeZone("Europe/London")).date());

    // Help → Keyboard shortcuts lists them all.
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    auto *dialog = m_window->findChild<ShortcutsDialog *>(QStringLiteral("shortcutsDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY2(dialog->rowCount() >= 14, qPrintable(QString::number(dialog->rowCount())));
    // The conflict panel's and Open appointment's keys are among them.
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row)
        rows.append(table->item(row, 0)->text() + QLatin1Char('=') + table->item(row, 1)->text());
    const QString conflicts = QStringLiteral("Conflicts=")
            + QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C).toString(QKeySequence::NativeText);
    QVERIFY2(rows.contains(conflicts), qPrintable(rows.join(QLatin1String(", "))));
    QVERIFY2(rows.contains(QStringLiteral("Open appointment=")
                           + QKeySequence(Qt::CTRL | Qt::Key_O).toString(QKeySequence::NativeText)),
             qPrintable(rows.join(QLatin1String(", "))));
    dialog->close();
}

void TestDayView::settingsAreRemembered()
{
    openWindow();
    m_window->findChild<QAction *>(QStringLiteral("gridStep30Action"))->trigger();
    m_window->findChild<QAction *>(QStringLiteral("colourByCategoryAction"))->trigger();
    m_window->resize(1111, 777);
    m_window->close();
    m_window.reset();

    openWindow();
    QCOMPARE(m_view->gridStep(), 30);
    QCOMPARE(m_view->colouring(), DayView::Colouring::ByCategory);
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("gridStep30Action"))->isChecked());
    QCOMPARE(deskSettings()->value(QStringLiteral("dayView/gridStep")).toInt(), 30);
    QVERIFY(!deskSettings()->value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
    // In a file of the desktop's own, not under "Unknown Organization".
    QCOMPARE(deskSettings()->fileName(),
             m_settings.filePath(QStringLiteral("chairside/desktop.conf")));
}

void TestDayView::fitAllStylists()
{
    const Appointment cut = book(QStringLiteral("Mia"), QStringLiteral("Cut & Finish"), at(10));
    // Ten more stylists on Tuesdays: twelve columns of the usual width do
    // not fit a 1000-pixel window.
    for (int i = 0; i < 10; ++i) {
        Staff stylist;
        stylist.salonId = m_salonId;
        stylist.id = QStringLiteral("extra-%1").arg(i);
        stylist.name = QStringLiteral("Extra Stylist %1").arg(i);
        stylist.role = StaffRole::Stylist;
        const Result<QList<Service>> services = m_store->services(m_salonId);
        QVERIFY(services.ok());
        for (const Service &service : *services)
            stylist.skills.append({service.id, {}});
        QVERIFY(m_store->save(stylist).ok());
        Shift shift;
        shift.id = QStringLiteral("extra-shift-%1").arg(i);
        shift.staffId = stylist.id;
        shift.weekday = Day.dayOfWeek();
        shift.startMinute = 9 * 60;
        shift.endMinute = 17 * 60;
        QVERIFY(m_store->save(shift).ok());
    }
    openWindow(QSize(1000, 900), 12);
    if (QTest::currentTestFailed())
        return;
    // Too narrow a window for twelve columns of the usual width: it scrolls.
    auto *area = m_window->findChild<QScrollArea *>(QStringLiteral("dayScrollArea"));
    QVERIFY(area);
    QTRY_VERIFY2(area->horizontalScrollBar()->maximum() > 0,
                 qPrintable(QStringLiteral("window %1, viewport %2, view %3")
                                    .arg(m_window->width())
                                    .arg(area->viewport()->width())
                                    .arg(m_view->width())));
    QVERIFY(!m_view->isCompact());

    // View → Fit all stylists (Ctrl+0): every column in the window's width.
    QTest::keyClick(m_window.get(), Qt::Key_0, Qt::ControlModifier);
    auto *fit = m_window->findChild<QAction *>(QStringLiteral("fitStylistsAction"));
    QVERIFY(fit->isChecked());
    QTRY_COMPARE(area->horizontalScrollBar()->maximum(), 0);
    QCOMPARE(m_view->width(), area->viewport()->width());
    QVERIFY(m_view->columnRect(1).right() < area->viewport()->width());
    QVERIFY(m_view->isCompact());
    // A narrow block is the client's name only: below its first line, only
    // the block's fill (no times, services or status).
    const QImage image = m_view->grab().toImage();
    const QPair<int, int> block = m_view->findBlock(cut.id);
    const QRect rect = m_view->blockRect(block.first, block.second);
    const QFontMetrics small(m_view->font());
    const QRect below(QPoint(rect.left() + 6, rect.top() + 3 + small.height()),
                      QPoint(rect.right() - 2, rect.bottom() - 2));
    QVERIFY2(below.height() > small.height(), "room for a second line");
    QSet<QRgb> colours;
    for (int y = below.top(); y <= below.bottom(); ++y) {
        for (int x = below.left(); x <= below.right(); ++x)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() == 1, qPrintable(QString::number(colours.size())));

    // Remembered, and listed among the keys.
    m_window->close();
    m_window.reset();
    QVERIFY(deskSettings()->value(QStringLiteral("dayView/fitStylists")).toBool());
    openWindow(QSize(), 12);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_view->fitsToWidth());
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("fitStylistsAction"))->isChecked());
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    auto *dialog = m_window->findChild<ShortcutsDialog *>(QStringLiteral("shortcutsDialog"));
    QVERIFY(dialog);
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row)
        rows.append(table->item(row, 0)->text() + QLatin1Char('=') + table->item(row, 1)->text());
    QVERIFY2(rows.contains(QStringLiteral("Fit all stylists=")
                           + QKeySequence(Qt::CTRL | Qt::Key_0).toString(QKeySequence::NativeText)),
             qPrintable(rows.join(QLatin1String(", "))));
    dialog->close();
    // And off again.
    QTest::keyClick(m_window.get(), Qt::Key_0, Qt::ControlModifier);
    QVERIFY(!m_view->fitsToWidth());
    QVERIFY(!deskSettings()->value(QStringLiteral("dayView/fitStylists")).toBool());
}

void TestDayView::statusColoursReadInDarkPalette()
{
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, QColor(0x1d, 0x1d, 0x1f));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    QVERIFY(!StatusStyle::isDark(light));
    QVERIFY(StatusStyle::isDark(dark));
    QSet<QString> markers;
    for (const QPalette &palette : {light, dark}) {
        QSet<QRgb> fills;
        for (int s = int(AppointmentStatus::Booked); s <= int(AppointmentStatus::NoShow); ++s) {
            const StatusStyle style = StatusStyle::of(AppointmentStatus(s), palette);
            QVERIFY2(StatusStyle::contrast(style.ink, style.fill) >= 7.0,
                     qPrintable(QString::number(s)));
            QVERIFY2(StatusStyle::contrast(style.accent, style.fill) >= 3.0,
                     qPrintable(QString::number(s)));
            fills.insert(style.fill.rgb());
            markers.insert(style.marker);
        }
        QCOMPARE(fills.size(), 7); // told apart by colour…
    }
    QCOMPARE(markers.size(), 7); // …and without it

    // The window in a dark palette: blocks drawn in their status fill.
    const Appointment cut = book(QStringLiteral("Mia"), QStringLiteral("Cut & Finish"), at(10));
    openWindow();
    m_window->findChild<QAction *>(QStringLiteral("colourByStatusAction"))->trigger();
    m_view->setPalette(dark);
    const QImage image = m_view->grab().toImage();
    const QPair<int, int> block = m_view->findBlock(cut.id);
    const QRect rect = m_view->blockRect(block.first, block.second);
    const QColor fill = image.pixelColor(rect.left() + 6, rect.center().y());
    QCOMPARE(fill.rgb(), StatusStyle::of(AppointmentStatus::Booked, dark).fill.rgb());
    const QColor empty =
            image.pixelColor(m_view->columnRect(1).center().x(), m_view->yForMinute(16 * 60 + 30));
    QVERIFY(StatusStyle::isDark(QPalette(empty, empty)) || empty.lightnessF() < 0.3);
}

void TestDayView::otherProcessWritesAppear()
{
    openWindow();
    const CliRunner cli(m_dir->path());
    const CliResult booked = cli.json(args({"book", "--staff", "Tom", "--service", "Fringe Trim",
                                            "--client", "Bob", "--start", "2026-12-01T15:00"}));
    QVERIFY2(booked.exitCode == 0, booked.describe());
    const QString id = booked.json.value(QStringLiteral("appointments"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_view->findBlock(id).first >= 0, 5000);
}

QTEST_MAIN(TestDayView)
#include "tst_dayview.moc"
