#include "mainwindow.h"

#include "logging.h"

#include "appointmenteditor.h"
#include "dayview.h"
#include "slotfinder.h"
#include "walkindialog.h"

#include "auth/accountmanager.h"
#include "auth/calendaraccounts.h"
#include "booking/appointmentbook.h"
#include "domain/salontime.h"
#include "store/store.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
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
    setUpBookingActions();

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
    m_pages->setCurrentWidget(m_scrollArea);
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

// --- booking: the appointment editor, walk-ins, rebooking ------------------

void MainWindow::setUpBookingActions()
{
    auto makeAction = [this](const QString &name, const QString &text, const QString &toolTip,
                             const QKeySequence &shortcut, auto slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        action->setToolTip(toolTip);
        addAction(action); // the shortcut works wherever the focus is in the window
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_newAppointmentAction =
            makeAction(QStringLiteral("newAppointmentAction"), tr("New appointment…"),
                       tr("Book an appointment (Ctrl+N)"), QKeySequence(Qt::CTRL | Qt::Key_N),
                       [this] { newAppointment(); });
    m_walkInAction = makeAction(QStringLiteral("walkInAction"), tr("Walk-in…"),
                                tr("Book someone who has just walked in (Ctrl+W)"),
                                QKeySequence(Qt::CTRL | Qt::Key_W), &MainWindow::walkIn);
    m_findClientAction = makeAction(QStringLiteral("findClientAction"), tr("Find client…"),
                                    tr("Find a client by name or phone (Ctrl+F)"),
                                    QKeySequence(Qt::CTRL | Qt::Key_F), &MainWindow::findClient);

    auto *bar = findChild<QWidget *>(QStringLiteral("dayBar"));
    auto *barLayout = bar ? qobject_cast<QHBoxLayout *>(bar->layout()) : nullptr;
    if (!barLayout)
        return;
    barLayout->addSpacing(12);
    for (QAction *action : {m_newAppointmentAction, m_walkInAction, m_findClientAction}) {
        auto *button = new QToolButton(bar);
        button->setObjectName(
                action->objectName().replace(QStringLiteral("Action"), QStringLiteral("Button")));
        button->setDefaultAction(action);
        button->setAccessibleName(action->text());
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAutoRaise(true);
        barLayout->addWidget(button);
    }
}

AppointmentEditor *MainWindow::openEditor()
{
    if (!m_store || !m_salon)
        return nullptr;
    auto *editor = new AppointmentEditor(m_store, *m_salon, clock(), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setBooker([this](const BookingRequest &request) { return book(request); });
    editor->open();
    return editor;
}

AppointmentEditor *MainWindow::newAppointment(const QString &staffId, qint64 startsAt, int minutes)
{
    AppointmentEditor *editor = openEditor();
    if (!editor)
        return nullptr;
    if (!staffId.isEmpty())
        editor->setLines({{QString(), staffId}});
    if (startsAt > 0)
        editor->setStart(startsAt);
    else if (m_date.isValid() && m_date != salonToday())
        editor->setStart(SalonTime::startOfDay(m_date, QTimeZone(m_salon->timeZone.toUtf8()))
                         + 9 * 3600);
    editor->setFreeMinutes(minutes);
    editor->focusClientSearch();
    return editor;
}

void MainWindow::findClient()
{
    // The client search is the editor's: finding someone is mostly to book them.
    newAppointment();
}

void MainWindow::walkIn()
{
    if (!m_store || !m_salon)
        return;
    auto *dialog = new WalkInDialog(m_store, *m_salon, clock(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setBooker([this](const BookingRequest &request) { return book(request); });
    dialog->open();
}

Result<void> MainWindow::book(const BookingRequest &request)
{
    const Result<QList<Appointment>> booked = AppointmentBook(*m_store).book(request);
    if (!booked)
        return booked.error();
    const Appointment &first = booked->constFirst();
    const QTimeZone zone(m_salon->timeZone.toUtf8());
    showDate(SalonTime::localDate(first.startsAt(), zone));
    statusBar()->showMessage(
            booked->size() == 1 ? tr("Booked %1.").arg(SalonTime::shortText(first.startsAt(), zone))
                                : tr("Booked %n visit(s) from %1.", "", int(booked->size()))
                                          .arg(SalonTime::shortText(first.startsAt(), zone)),
            10 * 1000);
    return {};
}

int MainWindow::rebookWeeks(const Appointment &completed) const
{
    Q_UNUSED(completed)
    return 0;
}

void MainWindow::offerRebook(const Appointment &completed)
{
    const int weeks = rebookWeeks(completed);
    if (weeks <= 0 || !m_store || !m_salon)
        return;
    auto *prompt = new QMessageBox(QMessageBox::Question, tr("Book the next visit?"),
                                   tr("Book the next visit in %n week(s)?", "", weeks),
                                   QMessageBox::Yes | QMessageBox::No, this);
    prompt->setObjectName(QStringLiteral("rebookPrompt"));
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    prompt->button(QMessageBox::Yes)->setObjectName(QStringLiteral("rebookYesButton"));
    prompt->button(QMessageBox::Yes)->setText(tr("Find a time"));
    prompt->button(QMessageBox::No)->setObjectName(QStringLiteral("rebookNoButton"));
    prompt->button(QMessageBox::No)->setText(tr("Not now"));
    const Appointment visit = completed;
    QAbstractButton *yes = prompt->button(QMessageBox::Yes);
    connect(prompt, &QMessageBox::buttonClicked, this,
            [this, visit, weeks, yes](QAbstractButton *b) {
                if (b != yes)
                    return;
                AppointmentEditor *editor = openEditor();
                if (!editor)
                    return;
                editor->setClient(visit.clientId);
                QList<QPair<QString, QString>> lines;
                for (const ServiceLine &line : visit.lines)
                    lines.append({line.serviceId, line.staffId});
                editor->setLines(lines);
                const QTimeZone zone(m_salon->timeZone.toUtf8());
                const QDateTime then =
                        QDateTime::fromSecsSinceEpoch(visit.startsAt(), zone).addDays(7 * weeks);
                editor->showSlotsFrom(SalonTime::startOfDay(then.date(), zone));
                editor->setStart(then.toSecsSinceEpoch());
            });
    prompt->open();
}

} // namespace chairside
