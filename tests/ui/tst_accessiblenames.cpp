#include "accessiblenames.h"
#include "appointmenteditor.h"
#include "calendaraccountswindowpart.h"
#include "clientcard.h"
#include "conflictpanel.h"
#include "dayview.h"
#include "demobook.h"
#include "joinsalondialog.h"
#include "mainwindow.h"
#include "modal.h"
#include "shortcutsdialog.h"
#include "testsupport.h"
#include "waitlistpanel.h"
#include "walkindialog.h"
#include "weekview.h"

#include "auth/calendaraccounts.h"
#include "store/storearchive.h"

#include <QAction>
#include <QDialog>
#include <QDockWidget>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace chairside;
using namespace chairside::testsupport;

// Issue 8: "Accessible names on all controls". The main window, each panel
// and each dialog it opens, walked control by control as a screen reader
// reads them (tests/ui/accessiblenames.h).
class TestAccessibleNames : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void mainWindowAndPanels();
    void weekView();
    void appointmentEditor();
    void bookedAppointmentAndConflicts();
    void walkIn();
    void keyboardShortcuts();
    void calendarAccounts();
    void joinSalon();
    void restoreQuestion();
    void cancelReason();
    void rebookPrompt();
    void dayViewSaysWhichDay();

private:
    // The window's dialog (or message box) named `objectName`, once shown.
    template <typename T>
    T *shown(const QString &objectName = {});
    Appointment bookedVisit();

    DemoBook m_book;
    QTemporaryDir m_accountsDir;
    std::unique_ptr<CalendarAccounts> m_accounts;
    std::unique_ptr<MainWindow> m_window;
};

#define VERIFY_NAMED(widget) \
    do { \
        QWidget *w_ = (widget); \
        QVERIFY(w_); \
        const QStringList unnamed_ = unnamedControls(w_); \
        QVERIFY2(unnamed_.isEmpty(), \
                 qPrintable(QStringLiteral("controls without an accessible name in %1: %2") \
                                    .arg(w_->objectName(), unnamed_.join(QStringLiteral(", "))))); \
    } while (false)

void TestAccessibleNames::initTestCase()
{
    const QString error = m_book.open(QTime(10, 0));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_accountsDir.isValid());
}

void TestAccessibleNames::init()
{
    m_accounts = std::make_unique<CalendarAccounts>(
            CalendarAccounts::settingsPathIn(m_accountsDir.path()), m_book.clock);
    m_window = std::make_unique<MainWindow>(&m_book.store(),
                                            CalendarAccountsWindowPart::source(m_accounts.get()));
    m_window->showDate(DemoBook::Day);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestAccessibleNames::cleanup()
{
    m_window.reset();
    m_accounts.reset();
}

template <typename T>
T *TestAccessibleNames::shown(const QString &objectName)
{
    T *found = nullptr;
    const auto visible = [&] {
        for (T *candidate : m_window->findChildren<T *>()) {
            if (candidate->isVisible()
                && (objectName.isEmpty() || candidate->objectName() == objectName))
                found = candidate;
        }
        return found != nullptr;
    };
    if (!QTest::qWaitFor(visible))
        qWarning() << "no" << T::staticMetaObject.className() << objectName << "was shown";
    return found;
}

Appointment TestAccessibleNames::bookedVisit()
{
    for (const Appointment &a :
         VALUE_OF(m_book.store().appointments(m_book.salon.id,
                                              m_book.at(DemoBook::Day, QTime(12, 0)),
                                              m_book.at(DemoBook::Day.addDays(1), QTime(0, 0))),
                  {})) {
        if (a.status == AppointmentStatus::Booked && !a.clientId.isEmpty() && a.lines.size() == 1)
            return a;
    }
    return {};
}

void TestAccessibleNames::mainWindowAndPanels()
{
    // The client card with a client on it, and the waitlist, beside the day.
    const Appointment visit = bookedVisit();
    QVERIFY(!visit.id.isEmpty());
    m_window->showClientCard(visit.clientId);
    m_window->findChild<QAction *>(QStringLiteral("waitlistAction"))->trigger();
    QVERIFY(m_window->clientCard()->isVisible());
    QVERIFY(m_window->waitlistPanel()->isVisible());
    VERIFY_NAMED(m_window.get());
}

void TestAccessibleNames::weekView()
{
    m_window->showWeekView();
    QVERIFY(m_window->weekView()->isVisible());
    VERIFY_NAMED(m_window->weekView());
}

void TestAccessibleNames::appointmentEditor()
{
    AppointmentEditor *editor = m_window->newAppointment();
    QVERIFY(editor);
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    // A second service line and the repeat rule show the rest of the editor.
    auto *addLine = editor->findChild<QAbstractButton *>(QStringLiteral("addServiceButton"));
    QVERIFY(addLine);
    addLine->click();
    auto *repeat = editor->findChild<QAbstractButton *>(QStringLiteral("repeatCheck"));
    QVERIFY(repeat);
    repeat->click();
    VERIFY_NAMED(editor);
}

void TestAccessibleNames::bookedAppointmentAndConflicts()
{
    // A booked visit in the editor, and the conflict panel (empty here).
    const Appointment visit = bookedVisit();
    QVERIFY(!visit.id.isEmpty());
    AppointmentEditor *editor = m_window->openAppointment(visit.id);
    QVERIFY(editor);
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    VERIFY_NAMED(editor);
    editor->close();
    m_window->findChild<QAction *>(QStringLiteral("conflictsAction"))->trigger();
    QVERIFY(m_window->conflictPanel()->isVisible());
    VERIFY_NAMED(m_window.get());
}

void TestAccessibleNames::walkIn()
{
    m_window->walkIn();
    VERIFY_NAMED(shown<WalkInDialog>());
}

void TestAccessibleNames::keyboardShortcuts()
{
    m_window->findChild<QAction *>(QStringLiteral("keyboardShortcutsAction"))->trigger();
    VERIFY_NAMED(shown<ShortcutsDialog>());
}

void TestAccessibleNames::calendarAccounts()
{
    m_window->showCalendarAccounts();
    VERIFY_NAMED(m_window->calendarAccountsDialog());
}

void TestAccessibleNames::joinSalon()
{
    m_window->findChild<QAction *>(QStringLiteral("joinSalonAction"))->trigger();
    JoinSalonDialog *dialog = m_window->joinSalonDialog();
    QVERIFY(dialog && dialog->isVisible());
    // With the first sync's bar showing too.
    dialog->showFirstSyncProgress(1, 2);
    VERIFY_NAMED(dialog);
}

void TestAccessibleNames::restoreQuestion()
{
    const QString file = m_accountsDir.filePath(QStringLiteral("book.json"));
    QVERIFY(m_window->exportTo(file));
    QStringList unnamed{QStringLiteral("the question was not asked")};
    whenModal([&](QWidget *dialog) {
        unnamed = unnamedControls(dialog);
        dialog->findChild<QAbstractButton *>(QStringLiteral("restoreKeepButton"))->click();
    });
    QVERIFY(!m_window->restoreFrom(file));
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void TestAccessibleNames::cancelReason()
{
    const Appointment visit = bookedVisit();
    m_window->dayView()->selectAppointment(visit.id);
    QStringList unnamed{QStringLiteral("the reason was not asked")};
    whenModal([&](QWidget *dialog) {
        unnamed = unnamedControls(dialog);
        qobject_cast<QDialog *>(dialog)->reject();
    });
    m_window->findChild<QAction *>(QStringLiteral("cancelAction"))->trigger();
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void TestAccessibleNames::rebookPrompt()
{
    // A service that wants the client back, on a completed visit.
    Appointment visit = bookedVisit();
    std::optional<Service> service;
    for (const Service &s : VALUE_OF(m_book.store().services(m_book.salon.id))) {
        if (s.id == visit.lines.constFirst().serviceId)
            service = s;
    }
    QVERIFY(service);
    const Service before = *service;
    service->rebookWeeks = 6;
    QVERIFY(m_book.store().save(*service).ok());
    visit.status = AppointmentStatus::Completed;
    m_window->offerRebook(visit);
    VERIFY_NAMED(shown<QMessageBox>(QStringLiteral("rebookPrompt")));
    QVERIFY(m_book.store().save(before).ok());
}

void TestAccessibleNames::dayViewSaysWhichDay()
{
    // The book is painted, not made of widgets: its description says which
    // day a screen reader is in, and moves with the day.
    DayView *view = m_window->dayView();
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(view);
    QVERIFY(accessible);
    QVERIFY(!accessible->text(QAccessible::Name).isEmpty());
    QVERIFY2(accessible->text(QAccessible::Description).contains(QStringLiteral("1 December")),
             qPrintable(accessible->text(QAccessible::Description)));
    // The keyboard cursor's cell is said as it moves: whose column, when.
    QVERIFY(view->columnCount() > 0);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down);
    const QString cell = accessible->text(QAccessible::Name);
    QVERIFY2(cell.contains(view->sheet().columns.constFirst().name), qPrintable(cell));
    QVERIFY2(cell.contains(QLatin1Char(':')), qPrintable(cell));

    m_window->showNextDay();
    QVERIFY2(accessible->text(QAccessible::Description).contains(QStringLiteral("2 December")),
             qPrintable(accessible->text(QAccessible::Description)));
}

QTEST_MAIN(TestAccessibleNames)
#include "tst_accessiblenames.moc"
