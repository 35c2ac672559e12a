#include "mainwindow.h"

#include "logging.h"

#include "clientcard.h"
#include "dayview.h"
#include "waitlistpanel.h"
#include "weekview.h"

#include "auth/accountmanager.h"
#include "auth/calendaraccounts.h"
#include "store/store.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimeZone>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace chairside {

MainWindow::MainWindow(Store *store, CalendarAccounts *accounts, QWidget *parent)
    : QMainWindow(parent), m_store(store), m_accounts(accounts)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Chairside"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // The day bar: previous / today / next, the date, a summary.
    auto *bar = new QWidget(central);
    bar->setObjectName(QStringLiteral("dayBar"));
    auto *barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(10, 6, 10, 6);
    auto makeButton = [bar](const QString &name, const QString &text, const QString &toolTip,
                            const QKeySequence &shortcut) {
        auto *button = new QToolButton(bar);
        button->setObjectName(name);
        button->setText(text);
        button->setToolTip(toolTip);
        button->setShortcut(shortcut);
        button->setAutoRaise(true);
        return button;
    };
    m_previousButton =
            makeButton(QStringLiteral("previousDayButton"), tr("◀"), tr("Previous day (Alt+Left)"),
                       QKeySequence(Qt::ALT | Qt::Key_Left));
    m_todayButton = makeButton(QStringLiteral("todayButton"), tr("Today"),
                               tr("Go to today (Ctrl+T)"), QKeySequence(Qt::CTRL | Qt::Key_T));
    m_todayButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_nextButton = makeButton(QStringLiteral("nextDayButton"), tr("▶"), tr("Next day (Alt+Right)"),
                              QKeySequence(Qt::ALT | Qt::Key_Right));
    m_dateLabel = new QLabel(bar);
    m_dateLabel->setObjectName(QStringLiteral("dateLabel"));
    QFont dateFont = m_dateLabel->font();
    dateFont.setPointSizeF(dateFont.pointSizeF() * 1.35);
    dateFont.setBold(true);
    m_dateLabel->setFont(dateFont);
    m_summaryLabel = new QLabel(bar);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    barLayout->addWidget(m_previousButton);
    barLayout->addWidget(m_todayButton);
    barLayout->addWidget(m_nextButton);
    barLayout->addSpacing(12);
    barLayout->addWidget(m_dateLabel);
    barLayout->addStretch();
    barLayout->addWidget(m_summaryLabel);
    if (m_accounts) {
        m_accountsAction = new QAction(tr("Calendar accounts…"), this);
        m_accountsAction->setObjectName(QStringLiteral("calendarAccountsAction"));
        m_accountsAction->setToolTip(tr("Connect each stylist's Google or Microsoft calendar"));
        connect(m_accountsAction, &QAction::triggered, this, &MainWindow::showCalendarAccounts);
        auto *accountsButton = new QToolButton(bar);
        accountsButton->setObjectName(QStringLiteral("calendarAccountsButton"));
        accountsButton->setDefaultAction(m_accountsAction);
        accountsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
        accountsButton->setAutoRaise(true);
        barLayout->addSpacing(12);
        barLayout->addWidget(accountsButton);
    }
    layout->addWidget(bar);

    m_pages = new QStackedWidget(central);
    m_emptyLabel = new QLabel(m_pages);
    m_emptyLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setMargin(40);
    m_pages->addWidget(m_emptyLabel);

    m_scrollArea = new QScrollArea(m_pages);
    m_scrollArea->setObjectName(QStringLiteral("dayScrollArea"));
    m_scrollArea->setWidgetResizable(true);
    m_scrollArea->setFrameShape(QFrame::NoFrame);
    m_dayView = new DayView(m_scrollArea);
    m_dayView->setObjectName(QStringLiteral("dayView"));
    m_scrollArea->setWidget(m_dayView);
    m_pages->addWidget(m_scrollArea);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_salonLabel = new QLabel(this);
    m_salonLabel->setObjectName(QStringLiteral("salonLabel"));
    m_outboxLabel = new QLabel(this);
    m_outboxLabel->setObjectName(QStringLiteral("outboxLabel"));
    statusBar()->addWidget(m_salonLabel, 1);

    if (m_accounts) {
        m_accountsDialog = new CalendarAccountsDialog(m_accounts, m_store, this);
        m_accountsWarning = new QToolButton(this);
        m_accountsWarning->setObjectName(QStringLiteral("accountsWarningButton"));
        m_accountsWarning->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
        m_accountsWarning->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_accountsWarning->setAutoRaise(true);
        m_accountsWarning->setToolTip(tr("Open the calendar accounts to reconnect them"));
        m_accountsWarning->hide();
        statusBar()->addPermanentWidget(m_accountsWarning);
        connect(m_accountsWarning, &QToolButton::clicked, this, &MainWindow::showCalendarAccounts);
        AccountManager *manager = m_accounts->manager();
        connect(manager, &AccountManager::accountChanged, this, &MainWindow::updateAccountsWarning);
        connect(manager, &AccountManager::accountRemoved, this, &MainWindow::updateAccountsWarning);
        connect(m_accounts, &CalendarAccounts::callbackReceived, this, &MainWindow::bringToFront);
        updateAccountsWarning();
    }
    statusBar()->addPermanentWidget(m_outboxLabel);

    connect(m_previousButton, &QToolButton::clicked, this, &MainWindow::showPreviousDay);
    connect(m_todayButton, &QToolButton::clicked, this, &MainWindow::showToday);
    connect(m_nextButton, &QToolButton::clicked, this, &MainWindow::showNextDay);
    connect(m_dayView, &DayView::appointmentClicked, this, &MainWindow::showAppointmentDetails);

    // The current-time line moves once a minute.
    m_clock = new QTimer(this);
    m_clock->setInterval(60 * 1000);
    connect(m_clock, &QTimer::timeout, this, &MainWindow::updateNowLine);
    m_clock->start();

    if (m_store) {
        connect(m_store, &Store::changed, this, &MainWindow::storeChanged);
        connect(m_store, &Store::contentsReplaced, this, &MainWindow::storeReplaced);
        const QList<Salon> salons = m_store->salons();
        if (!salons.isEmpty())
            m_salon = salons.constFirst();
    }
    createPanels();
    // Most of the screen: the book is what the front desk looks at all day.
    const QSize available = screen() ? screen()->availableSize() : QSize(1400, 900);
    resize(std::min(1600, available.width() * 9 / 10), std::min(1000, available.height() * 9 / 10));
    showToday();
}

SalonTime MainWindow::salonTime() const
{
    const Clock &clock = m_store ? m_store->clock() : Clock::system();
    return m_salon ? SalonTime(*m_salon, clock) : SalonTime(QTimeZone::utc(), clock);
}

QDate MainWindow::salonToday() const
{
    return salonTime().today();
}

void MainWindow::showToday()
{
    showDate(salonToday());
}

void MainWindow::showPreviousDay()
{
    showDate(m_date.addDays(-1));
}

void MainWindow::showNextDay()
{
    showDate(m_date.addDays(1));
}

void MainWindow::showDate(const QDate &date)
{
    if (!date.isValid())
        return;
    m_date = date;
    reload();
}

void MainWindow::reload()
{
    const bool hasSalon = m_store && m_salon;
    for (QWidget *w : {static_cast<QWidget *>(m_previousButton),
                       static_cast<QWidget *>(m_todayButton), static_cast<QWidget *>(m_nextButton)})
        w->setEnabled(hasSalon);
    if (!hasSalon) {
        m_emptyLabel->setText(
                m_store ? tr(
                        "There is no salon in this book yet.\n\nAdd one with chairside-cli, or "
                        "start Chairside with --demo to try a demo salon.")
                        : tr("The appointment book could not be opened."));
        m_pages->setCurrentWidget(m_emptyLabel);
        if (m_accountsDialog)
            m_accountsDialog->setSalon(QString());
        m_dateLabel->clear();
        m_summaryLabel->clear();
        updatePanels();
        updateStatusBar();
        return;
    }

    // Re-read the salon: its name or opening hours may have changed.
    if (const std::optional<Salon> salon = m_store->salon(m_salon->id))
        m_salon = salon;
    setWindowTitle(tr("%1 — Chairside").arg(m_salon->name));
    if (m_accountsDialog)
        m_accountsDialog->setSalon(m_salon->id);

    const SalonTime time = salonTime();
    m_dayStart = time.dayStart(m_date);
    m_dayEnd = time.dayEnd(m_date);

    DaySheet sheet = DaySheet::load(*m_store, *m_salon, m_date);
    const int visits = sheet.visitCount;
    const int stylists = int(sheet.columns.size());
    qCDebug(lcUi) << "showing" << m_date << visits << "visits," << stylists << "columns";
    m_dayView->setSheet(std::move(sheet));
    updateNowLine();

    const QLocale locale;
    QString dateText = locale.toString(m_date, QStringLiteral("dddd d MMMM yyyy"));
    if (m_date == salonToday())
        dateText = tr("Today, %1").arg(dateText);
    m_dateLabel->setText(dateText);
    if (stylists == 0) {
        m_summaryLabel->setText(tr("Salon closed: nobody is on the rota"));
    } else {
        // Worded without plurals so English reads right before any .ts exists.
        m_summaryLabel->setText(
                tr("Visits: %1  ·  Stylists working: %2").arg(visits).arg(stylists));
    }
    updatePanels();
    m_pages->setCurrentWidget(m_showingWeek ? static_cast<QWidget *>(m_weekView) : m_scrollArea);
    updateStatusBar();
}

bool MainWindow::touchesShownDay(const Change &change) const
{
    if (change.entity != Entity::Appointment)
        return true; // staff, shifts, services, clients: cheap to redraw the day
    if (change.op == Change::Op::Removed && change.startsAt == 0 && change.previousStartsAt == 0)
        return true; // nothing known about where it was
    auto overlaps = [this](qint64 start, qint64 end) {
        return start < m_dayEnd && end > m_dayStart;
    };
    return overlaps(change.startsAt, change.endsAt)
            || overlaps(change.previousStartsAt, change.previousEndsAt);
}

void MainWindow::storeChanged(const ChangeSet &changes)
{
    bool refresh = false;
    for (const Change &change : changes) {
        if (change.entity == Entity::Salon && !m_salon) {
            const QList<Salon> salons = m_store->salons();
            if (!salons.isEmpty())
                m_salon = salons.constFirst();
        }
        if (m_salon && !change.salonId.isEmpty() && change.salonId != m_salon->id)
            continue;
        refresh = refresh || touchesShownDay(change);
    }
    if (refresh)
        reload();
    else
        updateStatusBar();
}

void MainWindow::storeReplaced()
{
    // An import: keep the same salon when it is still there.
    const QList<Salon> salons = m_store->salons();
    const QString current = m_salon ? m_salon->id : QString();
    m_salon.reset();
    for (const Salon &salon : salons) {
        if (salon.id == current)
            m_salon = salon;
    }
    if (!m_salon && !salons.isEmpty())
        m_salon = salons.constFirst();
    reload();
}

void MainWindow::showAppointmentDetails(const QString &appointmentId)
{
    // The phone number and notes are what the desk reaches for first.
    const std::optional<Appointment> appointment = m_store->appointment(appointmentId);
    if (!appointment)
        return;
    QStringList parts;
    const std::optional<Client> client =
            appointment->clientId.isEmpty() ? std::nullopt : m_store->client(appointment->clientId);
    if (client) {
        parts.append(client->name);
        if (!client->phone.isEmpty())
            parts.append(client->phone);
    } else {
        parts.append(tr("Walk-in"));
    }
    if (appointment->depositCents > 0)
        parts.append(tr("Deposit paid: %1")
                             .arg(QLocale().toString(appointment->depositCents / 100.0, 'f', 2)));
    if (!appointment->notes.isEmpty())
        parts.append(appointment->notes);
    if (client && !client->notes.isEmpty())
        parts.append(client->notes);
    statusBar()->showMessage(parts.join(QStringLiteral("  ·  ")), 15 * 1000);
}

void MainWindow::updateNowLine()
{
    if (!m_salon || m_date != salonToday()) {
        m_dayView->setNowMinute(-1);
        return;
    }
    const SalonTime time = salonTime();
    m_dayView->setNowMinute(time.minuteOfDay(time.now(), m_date));
}

void MainWindow::updateStatusBar()
{
    m_salonLabel->setText(m_salon ? m_salon->name : QString());
    // Sync arrives in a later release: every change waits in the outbox.
    const qint64 waiting = m_store ? m_store->outboxCount() : 0;
    m_outboxLabel->setText(waiting == 0 ? tr("Offline — every change is saved on this computer")
                                        : tr("Offline — changes waiting to sync: %1").arg(waiting));
}

void MainWindow::setUrlOpener(CalendarAccountsDialog::UrlOpener opener)
{
    if (m_accountsDialog)
        m_accountsDialog->setUrlOpener(std::move(opener));
}

void MainWindow::showCalendarAccounts()
{
    if (!m_accountsDialog)
        return;
    m_accountsDialog->show();
    m_accountsDialog->raise();
    m_accountsDialog->activateWindow();
}

void MainWindow::bringToFront()
{
    // Restored, not "normal": a maximized book comes back maximized.
    if (isMinimized())
        setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    show();
    raise();
    activateWindow();
    // The browser has the focus; where the system will not hand it over,
    // the taskbar entry at least asks for attention.
    QApplication::alert(this);
    showCalendarAccounts();
}

void MainWindow::updateAccountsWarning()
{
    if (!m_accounts)
        return;
    const QList<Account> accounts = m_accounts->manager()->accounts();
    const auto waiting = std::count_if(accounts.begin(), accounts.end(), [](const Account &a) {
        return a.state == Account::State::NeedsReconnect;
    });
    // Worded without plurals so English reads right before any .ts exists.
    m_accountsWarning->setText(tr("Calendar accounts need reconnecting: %1").arg(waiting));
    m_accountsWarning->setVisible(waiting > 0);
}

void MainWindow::createPanels()
{
    m_weekView = new WeekView(m_store, m_pages);
    m_weekView->setObjectName(QStringLiteral("weekView"));
    m_pages->addWidget(m_weekView);
    connect(m_weekView, &WeekView::dayClicked, this, &MainWindow::openDay);

    m_clientCard = new ClientCard(m_store, this);
    m_clientCard->setObjectName(QStringLiteral("clientCard"));
    m_clientCardDock = new QDockWidget(tr("Client card"), this);
    m_clientCardDock->setObjectName(QStringLiteral("clientCardDock"));
    m_clientCardDock->setWidget(m_clientCard);
    m_clientCardDock->setMinimumWidth(420);
    addDockWidget(Qt::RightDockWidgetArea, m_clientCardDock);
    m_clientCardDock->hide();
    connect(m_dayView, &DayView::appointmentClicked, this,
            &MainWindow::showClientCardOfAppointment);

    m_waitlistPanel = new WaitlistPanel(m_store, this);
    m_waitlistPanel->setObjectName(QStringLiteral("waitlistPanel"));
    m_waitlistDock = new QDockWidget(tr("Waitlist"), this);
    m_waitlistDock->setObjectName(QStringLiteral("waitlistDock"));
    m_waitlistDock->setWidget(m_waitlistPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_waitlistDock);
    m_waitlistDock->hide();
    connect(m_waitlistPanel, &WaitlistPanel::clientCardRequested, this,
            &MainWindow::showClientCard);
    connect(m_waitlistPanel, &WaitlistPanel::offersFound, this, &MainWindow::showWaitlistOffers);
    connect(m_waitlistPanel, &WaitlistPanel::slotOffered, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15 * 1000); });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    auto *pages = new QActionGroup(this);
    m_dayAction = view->addAction(tr("&Day"));
    m_dayAction->setObjectName(QStringLiteral("dayViewAction"));
    m_dayAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(m_dayAction, &QAction::triggered, this, &MainWindow::showDayView);
    m_weekAction = view->addAction(tr("&Week"));
    m_weekAction->setObjectName(QStringLiteral("weekViewAction"));
    m_weekAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(m_weekAction, &QAction::triggered, this, &MainWindow::showWeekView);
    for (QAction *action : {m_dayAction, m_weekAction}) {
        action->setCheckable(true);
        pages->addAction(action);
    }
    m_dayAction->setChecked(true);
    view->addSeparator();
    QAction *find = view->addAction(tr("&Find a client…"));
    find->setObjectName(QStringLiteral("findClientAction"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(find, &QAction::triggered, this, &MainWindow::findClient);
    QAction *card = m_clientCardDock->toggleViewAction();
    card->setObjectName(QStringLiteral("clientCardAction"));
    card->setText(tr("&Client card"));
    card->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    view->addAction(card);
    QAction *waitlist = m_waitlistDock->toggleViewAction();
    waitlist->setObjectName(QStringLiteral("waitlistAction"));
    waitlist->setText(tr("W&aitlist"));
    waitlist->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addAction(waitlist);
}

void MainWindow::updatePanels()
{
    const QTimeZone zone = m_salon ? SalonTime::zoneOf(*m_salon) : QTimeZone::utc();
    const QString salonId = m_salon ? m_salon->id : QString();
    m_clientCard->setSalon(salonId, zone);
    m_waitlistPanel->setSalon(salonId, zone);
    m_weekView->setSalon(m_salon);
    // The week follows the day bar, but not every reload: the week's own
    // arrows may have moved it on.
    if (m_date != m_weekDate) {
        m_weekDate = m_date;
        m_weekView->showWeekOf(m_date);
    }
}

void MainWindow::showDayView()
{
    m_showingWeek = false;
    m_dayAction->setChecked(true);
    if (m_pages->currentWidget() == m_weekView)
        m_pages->setCurrentWidget(m_scrollArea);
}

void MainWindow::showWeekView()
{
    m_showingWeek = true;
    m_weekAction->setChecked(true);
    if (m_pages->currentWidget() == m_scrollArea) {
        m_weekDate = m_date;
        m_weekView->showWeekOf(m_date);
        m_pages->setCurrentWidget(m_weekView);
    }
}

void MainWindow::openDay(const QDate &date)
{
    showDayView();
    showDate(date);
}

void MainWindow::showClientCard(const QString &clientId)
{
    if (clientId.isEmpty())
        return;
    m_clientCard->showClient(clientId);
    m_clientCardDock->show();
    m_clientCardDock->raise();
}

void MainWindow::showClientCardOfAppointment(const QString &appointmentId)
{
    // A walk-in without a name has no card to show.
    const std::optional<Appointment> appointment =
            m_store ? m_store->appointment(appointmentId) : std::nullopt;
    if (appointment && !appointment->clientId.isEmpty())
        showClientCard(appointment->clientId);
}

void MainWindow::findClient()
{
    m_clientCardDock->show();
    m_clientCardDock->raise();
    m_clientCard->focusSearch();
}

void MainWindow::showWaitlistOffers(int count)
{
    // Freed time is worth a phone call: the waitlist comes up by itself.
    m_waitlistDock->show();
    statusBar()->showMessage(
            tr("%n client(s) on the waitlist can have the freed time", nullptr, count), 15 * 1000);
}

} // namespace chairside
