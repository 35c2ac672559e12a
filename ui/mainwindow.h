#pragma once

#include "appointmenteditor.h"
#include "booking/appointmentbook.h"
#include "booking/daysheet.h"
#include "calendaraccountspart.h"
#include "dayview.h"

#include "domain/clock.h"
#include "domain/error.h"
#include "domain/salon.h"
#include "domain/salontime.h"
#include "store/changeset.h"
#include "store/store.h"

#include <QDate>
#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QPushButton;
class QUndoStack;
class QScrollArea;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace chairside {

class AppointmentDrag;
class ShortcutsDialog;
class ClientCard;
class ConflictPanel;
class DayView;
class JoinSalonDialog;
class LiveSchedule;
class Store;
class SyncEngine;
class SyncStatus;
class TokenStore;
class WaitlistPanel;
class WeekView;

// The front desk's window: today's book for the salon, one column per
// working stylist, kept current as the store reports changes. With the
// PC's calendar accounts it also lets stylists connect their calendars and
// warns when one needs reconnecting.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `store` must outlive the window; a null store shows the empty state,
    // an empty `accounts` leaves calendar accounts out. The window opens on
    // `firstDay`, else on the salon's today (one day load).
    explicit MainWindow(Store *store, CalendarAccountsSource accounts = {},
                        const QDate &firstDay = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    QDate date() const { return m_date; }
    DayView *dayView() const { return m_dayView; }
    // The calendar accounts (CalendarAccountsPart): null without them, or
    // when their module cannot be loaded (logged). Made when first needed
    // (the dialog opened, or after the first paint when accounts are
    // connected), not at start: see docs/desktop.md "Starting".
    CalendarAccountsPart *calendarAccounts();
    // Their dialog (a CalendarAccountsDialog), made when first asked for
    // (opening it, or a test): building its rows is a cost every start
    // would pay for a dialog most days never open.
    QDialog *calendarAccountsDialog();
    void setUrlOpener(CalendarAccountsPart::UrlOpener opener);
    // File → Join salon…; null without a store. Made when first opened.
    JoinSalonDialog *joinSalonDialog();
    void showJoinSalon();
    // The background sync with the salon's server (null without a store) and
    // its part of the status bar.
    SyncEngine *syncEngine() const { return m_syncEngine; }
    SyncStatus *syncStatus() const { return m_syncStatus; }
    // What the booking screens read the time from (walk-ins start now, free
    // times are never offered in the past): the book's one clock.
    const Clock &clock() const { return m_store ? m_store->clock() : Clock::system(); }

    // Every change made in this window, for Edit → Undo / Redo.
    QUndoStack *undoStack() const { return m_undoStack; }
    // Books `request` so that Undo takes it back (the appointment editor
    // books through here). Nothing is pushed when the booking is refused.
    Result<QList<Appointment>> book(const BookingRequest &request);
    // Who the window's changes are recorded as (changedBy).
    static QString deskName();
    // The client card and the week view are made when first asked for or
    // shown, not at start; the waitlist then too, or after the first paint.
    ClientCard *clientCard();
    WaitlistPanel *waitlistPanel();
    WeekView *weekView();
    bool isShowingWeek() const { return m_showingWeek; }
    // The conflict inbox's panel (in the dock "conflictPanel"); null without a store.
    // Made when first asked for or shown, or once the day has painted.
    ConflictPanel *conflictPanel();
    // A booked visit in the appointment editor, with its History tab on a
    // joined PC (Appointment → Open appointment).
    AppointmentEditor *openAppointment(const QString &appointmentId);

public slots:
    // File → Export / Restore without the file dialogs. Restore checks the
    // whole file first, asks, then replaces the book (through the outbox);
    // a refused file changes nothing and says why.
    bool exportTo(const QString &path);
    bool restoreFrom(const QString &path);
    void showDate(const QDate &date);
    void showToday();
    void showPreviousDay();
    void showNextDay();
    void reload();
    void showCalendarAccounts();
    // Starts the sync engine (again, after a join): the app calls it after
    // the first paint, so a cold start does not wait for it.
    void startSync();
    // After the browser's sign-in: back in front of the person who started it.
    void bringToFront();
    void showDayView();
    void showWeekView();
    void showClientCard(const QString &clientId);
    void findClient();

    // The appointment editor, prefilled with a stylist's free time (from the
    // day view); an empty staffId or startsAt 0 leaves that part open.
    AppointmentEditor *newAppointment(const QString &staffId = {}, qint64 startsAt = 0,
                                      int minutes = 0);
    void walkIn();
    // After a visit is completed: "Book the next visit in N weeks?" (N: the
    // longest rebook interval of its services; nothing when that is 0), then
    // the editor with the slot finder around that date.
    void offerRebook(const chairside::Appointment &completed);

private slots:
    void storeChanged(const chairside::ChangeSet &changes);
    void storeReplaced();
    void showAppointmentDetails(const QString &appointmentId);
    void updateNowLine();
    // The day view's changes: drag and drop, status, cancel.
    void startDrag(const QString &appointmentId);
    void dropAppointment(const chairside::DayView::Drop &drop);
    void changeStatus(chairside::AppointmentStatus status);
    void cancelSelected();
    void showAppointmentMenu(const QPoint &globalPos);
    void addConflictMenu(QMenu &menu);
    void updateAppointmentActions();
    void showNextOpenDay();
    void showShortcuts();
    void setGridStep(int minutes);
    void setColouring(chairside::DayView::Colouring colouring);
    // View → Fit all stylists: every column in the window's width.
    void setFitStylists(bool fit);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showClientCardOfAppointment(const QString &appointmentId);
    void openDay(const QDate &date);
    void showWaitlistOffers(int count);

private:
    SalonTime salonTime() const;
    void createDayActions();
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createAppointmentMenu();
    void createHelpMenu();
    void setUpSync();
    QWidget *createClosedPage();
    void restoreSettings();
    void saveSettings() const;
    // The grid step and colouring on the view and in the View menu; the
    // setters above also remember them. What was applied.
    int applyGridStep(int minutes);
    void applyColouring(DayView::Colouring colouring);
    void applyFitStylists(bool fit);
    void report(const QString &message);
    // A read that failed: says so in the status bar and keeps the day (or
    // week) that is on screen, and the date with it.
    void reportReadFailure(const Error &error);
    // Asks whether to book over `reasons` knowingly.
    bool confirmOverbook(const QStringList &reasons);
    // Why the visit is cancelled; nothing when the desk changed its mind.
    std::optional<QString> askCancelReason();
    QString clientNameOf(const QString &appointmentId) const;
    QDate salonToday() const;
    bool touchesShownDay(const Change &change) const;
    void updateStatusBar();
    void updateAccountsWarning();
    void setUpBookingActions();
    AppointmentEditor *openEditor();
    // Books through book() (undoable), then shows the day and says so.
    Result<void> bookAndShow(const BookingRequest &request);
    // The day view's free time (a click or a drag) into the editor.
    void bookFreeTime(const QString &staffId, int startMinute);
    Result<int> rebookWeeks(const Appointment &completed) const;
    // The client card, waitlist and week view, and the View menu for them.
    void createPanels();
    void updatePanels();
    // Issue 9 in the window: the conflict panel and its count in the status
    // bar, and Appointment → Open appointment.
    void createSyncPanels();

    Store *m_store = nullptr;
    std::optional<Salon> m_salon;
    // Who works when, kept in step with the store: a day switch reads only
    // that day's visits. Made before the window follows the store, so it
    // has noted a change before the window reloads for it.
    LiveSchedule *m_rota = nullptr;
    QDate m_date;
    qint64 m_dayStart = 0; // the shown day in UTC seconds, [start, end)
    qint64 m_dayEnd = 0;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QScrollArea *m_scrollArea = nullptr;
    DayView *m_dayView = nullptr;
    QLabel *m_dateLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QToolButton *m_previousButton = nullptr;
    QToolButton *m_todayButton = nullptr;
    QToolButton *m_nextButton = nullptr;
    QLabel *m_salonLabel = nullptr;
    SyncStatus *m_syncStatus = nullptr;
    SyncEngine *m_syncEngine = nullptr;
    TokenStore *m_keychain = nullptr; // the engine's; libsecret wants this thread
    QAction *m_syncNowAction = nullptr;
    QTimer *m_clock = nullptr;

    QUndoStack *m_undoStack = nullptr;
    std::unique_ptr<AppointmentDrag> m_drag;
    QWidget *m_closedPage = nullptr;
    QLabel *m_closedLabel = nullptr;
    QPushButton *m_nextOpenDayButton = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_todayAction = nullptr;
    QAction *m_nextAction = nullptr;
    QList<QPair<AppointmentStatus, QAction *>> m_statusActions; // cancel included
    QAction *m_detailsAction = nullptr;
    QActionGroup *m_gridGroup = nullptr;
    QActionGroup *m_colourGroup = nullptr;
    QAction *m_fitStylistsAction = nullptr;
    ShortcutsDialog *m_shortcutsDialog = nullptr;

    CalendarAccountsSource m_accountsSource;
    std::unique_ptr<CalendarAccountsPart> m_accountsPart; // made when first needed
    std::optional<Error> m_accountsError;                 // the part could not be made
    JoinSalonDialog *m_joinDialog = nullptr;
    CalendarAccountsPart::UrlOpener m_urlOpener; // for the part when it is made
    QAction *m_accountsAction = nullptr;
    QToolButton *m_accountsWarning = nullptr;

    QAction *m_newAppointmentAction = nullptr;
    QAction *m_walkInAction = nullptr;
    QAction *m_findClientAction = nullptr;
    bool m_showingWeek = false;
    WeekView *m_weekView = nullptr;
    QDate m_weekDate; // the date the week view was last shown around
    QAction *m_dayAction = nullptr;
    QAction *m_weekAction = nullptr;
    QDockWidget *m_clientCardDock = nullptr;
    ClientCard *m_clientCard = nullptr;
    QDockWidget *m_waitlistDock = nullptr;
    WaitlistPanel *m_waitlistPanel = nullptr;
    QDockWidget *m_conflictDock = nullptr;
    ConflictPanel *m_conflictPanel = nullptr;
    QToolButton *m_conflictCount = nullptr;
};

} // namespace chairside
