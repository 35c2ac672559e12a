#pragma once

#include "appointmenteditor.h"
#include "booking/daysheet.h"
#include "calendaraccountsdialog.h"

#include "domain/clock.h"
#include "domain/error.h"
#include "domain/salon.h"
#include "domain/salontime.h"
#include "store/changeset.h"
#include "store/store.h"

#include <QDate>
#include <QMainWindow>

#include <optional>

class QAction;
class QLabel;
class QScrollArea;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace chairside {

class CalendarAccounts;
class DayView;
class Store;

// The front desk's window: today's book for the salon, one column per
// working stylist, kept current as the store reports changes. With the
// PC's calendar accounts it also lets stylists connect their calendars and
// warns when one needs reconnecting.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `store` and `accounts` must outlive the window; a null store shows the
    // empty state, null accounts leave calendar accounts out.
    explicit MainWindow(Store *store, CalendarAccounts *accounts = nullptr,
                        QWidget *parent = nullptr);

    QDate date() const { return m_date; }
    DayView *dayView() const { return m_dayView; }
    // Null without calendar accounts.
    CalendarAccountsDialog *calendarAccountsDialog() const { return m_accountsDialog; }
    void setUrlOpener(CalendarAccountsDialog::UrlOpener opener);
    // What the booking screens read the time from (walk-ins start now, free
    // times are never offered in the past): the book's one clock.
    const Clock &clock() const { return m_store ? m_store->clock() : Clock::system(); }

public slots:
    void showDate(const QDate &date);
    void showToday();
    void showPreviousDay();
    void showNextDay();
    void reload();
    void showCalendarAccounts();
    // After the browser's sign-in: back in front of the person who started it.
    void bringToFront();

    // The appointment editor, prefilled with a stylist's free time (from the
    // day view); an empty staffId or startsAt 0 leaves that part open.
    AppointmentEditor *newAppointment(const QString &staffId = {}, qint64 startsAt = 0,
                                      int minutes = 0);
    void walkIn();
    void findClient();
    // After a visit is completed: "Book the next visit in N weeks?" (N: the
    // longest rebook interval of its services; nothing when that is 0), then
    // the editor with the slot finder around that date.
    void offerRebook(const chairside::Appointment &completed);

private slots:
    void storeChanged(const chairside::ChangeSet &changes);
    void storeReplaced();
    void showAppointmentDetails(const QString &appointmentId);
    void updateNowLine();

private:
    SalonTime salonTime() const;
    QDate salonToday() const;
    bool touchesShownDay(const Change &change) const;
    void updateStatusBar();
    void updateAccountsWarning();
    void setUpBookingActions();
    AppointmentEditor *openEditor();
    Result<void> book(const BookingRequest &request);
    int rebookWeeks(const Appointment &completed) const;

    Store *m_store = nullptr;
    std::optional<Salon> m_salon;
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
    QLabel *m_outboxLabel = nullptr;
    QTimer *m_clock = nullptr;

    CalendarAccounts *m_accounts = nullptr;
    CalendarAccountsDialog *m_accountsDialog = nullptr;
    QAction *m_accountsAction = nullptr;
    QToolButton *m_accountsWarning = nullptr;

    QAction *m_newAppointmentAction = nullptr;
    QAction *m_walkInAction = nullptr;
    QAction *m_findClientAction = nullptr;
};

} // namespace chairside
