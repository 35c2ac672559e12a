#pragma once

#include "booking/daysheet.h"
#include "calendaraccountsdialog.h"

#include "domain/salon.h"
#include "domain/salontime.h"
#include "store/changeset.h"

#include <QDate>
#include <QMainWindow>

#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QScrollArea;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace chairside {

class CalendarAccounts;
class ClientCard;
class DayView;
class Store;
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
    // `store` and `accounts` must outlive the window; a null store shows the
    // empty state, null accounts leave calendar accounts out.
    explicit MainWindow(Store *store, CalendarAccounts *accounts = nullptr,
                        QWidget *parent = nullptr);

    QDate date() const { return m_date; }
    DayView *dayView() const { return m_dayView; }
    // Null without calendar accounts.
    CalendarAccountsDialog *calendarAccountsDialog() const { return m_accountsDialog; }
    void setUrlOpener(CalendarAccountsDialog::UrlOpener opener);
    ClientCard *clientCard() const { return m_clientCard; }
    WaitlistPanel *waitlistPanel() const { return m_waitlistPanel; }
    WeekView *weekView() const { return m_weekView; }
    bool isShowingWeek() const { return m_showingWeek; }

public slots:
    void showDate(const QDate &date);
    void showToday();
    void showPreviousDay();
    void showNextDay();
    void reload();
    void showCalendarAccounts();
    // After the browser's sign-in: back in front of the person who started it.
    void bringToFront();
    void showDayView();
    void showWeekView();
    void showClientCard(const QString &clientId);
    void findClient();

private slots:
    void storeChanged(const chairside::ChangeSet &changes);
    void storeReplaced();
    void showAppointmentDetails(const QString &appointmentId);
    void updateNowLine();
    void showClientCardOfAppointment(const QString &appointmentId);
    void openDay(const QDate &date);
    void showWaitlistOffers(int count);

private:
    SalonTime salonTime() const;
    QDate salonToday() const;
    bool touchesShownDay(const Change &change) const;
    void updateStatusBar();
    void updateAccountsWarning();
    // The client card, waitlist and week view, and the View menu for them.
    void createPanels();
    void updatePanels();

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

    bool m_showingWeek = false;
    WeekView *m_weekView = nullptr;
    QDate m_weekDate; // the date the week view was last shown around
    QAction *m_dayAction = nullptr;
    QAction *m_weekAction = nullptr;
    QDockWidget *m_clientCardDock = nullptr;
    ClientCard *m_clientCard = nullptr;
    QDockWidget *m_waitlistDock = nullptr;
    WaitlistPanel *m_waitlistPanel = nullptr;
};

} // namespace chairside
