#include "mainwindow.h"

#include "logging.h"

#include "afterfirstpaint.h"
#include "appointmenteditor.h"
#include "clientcard.h"
#include "conflictmodel.h"
#include "conflictpanel.h"
#include "dayview.h"
#include "desksettings.h"
#include "joinsalondialog.h"
#include "slotfinder.h"
#include "syncstatus.h"
#include "waitlistpanel.h"
#include "walkindialog.h"
#include "weekview.h"

#include "appointmentcommand.h"
#include "appointmentdrag.h"
#include "bookcommand.h"
#include "shortcutsdialog.h"

#include "auth/tokenstore.h"
#include "booking/appointmentbook.h"
#include "booking/liveschedule.h"
#include "domain/salontime.h"
#include "store/store.h"
#include "store/storearchive.h"
#include "sync/syncengine.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimeZone>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace chairside {

MainWindow::MainWindow(Store *store, CalendarAccountsSource accounts, const QDate &firstDay,
                       QWidget *parent)
    : QMainWindow(parent), m_store(store), m_accountsSource(std::move(accounts))
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
    // The keys belong to the Go menu's actions (createDayActions).
    auto makeButton = [bar](const QString &name, const QString &text, const QString &toolTip,
                            const QString &accessibleName) {
        auto *button = new QToolButton(bar);
        button->setObjectName(name);
        button->setText(text);
        button->setToolTip(toolTip);
        button->setAccessibleName(accessibleName);
        button->setAutoRaise(true);
        return button;
    };
    m_previousButton = makeButton(QStringLiteral("previousDayButton"), tr("◀"),
                                  tr("Previous day (Alt+Left)"), tr("Previous day"));
    m_todayButton = makeButton(QStringLiteral("todayButton"), tr("Today"),
                               tr("Go to today (Ctrl+T)"), tr("Today"));
    m_todayButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_nextButton = makeButton(QStringLiteral("nextDayButton"), tr("▶"), tr("Next day (Alt+Right)"),
                              tr("Next day"));
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
    if (m_accountsSource) {
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
    m_scrollArea->setAccessibleName(tr("Day book"));
    m_dayView = new DayView(m_scrollArea);
    m_dayView->setObjectName(QStringLiteral("dayView"));
    m_scrollArea->setWidget(m_dayView);
    m_pages->addWidget(m_scrollArea);
    // The closed page (createClosedPage) is made when a closed day is first
    // shown: laying out its larger words loads a font a start never shows.
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_salonLabel = new QLabel(this);
    m_salonLabel->setObjectName(QStringLiteral("salonLabel"));
    statusBar()->addWidget(m_salonLabel, 1);

    // With accounts connected the reconnect warning is wanted without the
    // dialog: their part (and the module behind it) comes after the first
    // paint. Without, when the dialog is first opened.
    if (m_accountsSource.hasAccounts)
        AfterFirstPaint::install(statusBar(), [this] { calendarAccounts(); });
    setUpBookingActions();

    connect(m_previousButton, &QToolButton::clicked, this, &MainWindow::showPreviousDay);
    connect(m_todayButton, &QToolButton::clicked, this, &MainWindow::showToday);
    connect(m_nextButton, &QToolButton::clicked, this, &MainWindow::showNextDay);
    connect(m_dayView, &DayView::appointmentClicked, this, &MainWindow::showAppointmentDetails);
    connect(m_dayView, &DayView::dragStarted, this, &MainWindow::startDrag);
    connect(m_dayView, &DayView::appointmentDropped, this, &MainWindow::dropAppointment);
    connect(m_dayView, &DayView::contextMenuRequested, this, &MainWindow::showAppointmentMenu);
    connect(m_dayView, &DayView::selectionChanged, this, &MainWindow::updateAppointmentActions);
    connect(m_dayView, &DayView::freeTimeChosen, this, &MainWindow::bookFreeTime);
    m_dayView->setDropJudge([this](const DayView::Drop &drop) {
        if (!m_drag || m_drag->original().id != drop.appointmentId)
            startDrag(drop.appointmentId);
        if (!m_drag)
            return DayView::DropCheck{DayView::DropCheck::Outcome::Refused,
                                      {tr("The appointment could not be read.")}};
        return m_drag->check(drop);
    });

    m_undoStack = new QUndoStack(this);
    m_undoStack->setObjectName(QStringLiteral("undoStack"));
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createDayActions();
    createAppointmentMenu();
    createHelpMenu();
    setUpSync();

    // The current-time line moves once a minute.
    m_clock = new QTimer(this);
    m_clock->setInterval(60 * 1000);
    connect(m_clock, &QTimer::timeout, this, &MainWindow::updateNowLine);
    m_clock->start();

    if (m_store) {
        m_rota = new LiveSchedule(*m_store, QString(), ScheduleLoader::Appointments::Leave, this);
        connect(m_store, &Store::changed, this, &MainWindow::storeChanged);
        connect(m_store, &Store::contentsReplaced, this, &MainWindow::storeReplaced);
        // chairside-cli or another window writing the same book shows up here.
        m_store->watchOtherWriters(true);
    }
    const Result<QList<Salon>> salons =
            m_store ? m_store->salons() : Result<QList<Salon>>(QList<Salon>());
    if (salons && !salons->isEmpty())
        m_salon = salons->constFirst();
    createPanels();
    createSyncPanels();
    // Most of the screen: the book is what the front desk looks at all day.
    const QSize available = screen() ? screen()->availableSize() : QSize(1400, 900);
    resize(std::min(1600, available.width() * 9 / 10), std::min(1000, available.height() * 9 / 10));
    restoreSettings();
    if (!m_clientCardDock->isHidden())
        clientCard(); // left open last time
    if (!m_waitlistDock->isHidden())
        waitlistPanel();
    if (m_conflictDock && !m_conflictDock->isHidden())
        conflictPanel();
    showDate(firstDay.isValid() ? firstDay : salonToday());
    if (!salons) {
        // Not "no salon yet": the book is there but could not be read.
        m_emptyLabel->setText(salons.error().message);
        reportReadFailure(salons.error());
    }
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
    for (QAction *action : {m_previousAction, m_todayAction, m_nextAction})
        action->setEnabled(hasSalon);
    if (!hasSalon) {
        m_emptyLabel->setText(
                m_store ? tr(
                        "There is no salon in this book yet.\n\nAdd one with chairside-cli, or "
                        "start Chairside with --demo to try a demo salon.")
                        : tr("The appointment book could not be opened."));
        m_pages->setCurrentWidget(m_emptyLabel);
        if (m_accountsPart)
            m_accountsPart->setSalon(QString());
        m_dateLabel->clear();
        m_summaryLabel->clear();
        updatePanels();
        updateStatusBar();
        return;
    }

    // Re-read the salon: its name or opening hours may have changed.
    const Result<std::optional<Salon>> salon = m_store->salon(m_salon->id);
    if (!salon) {
        reportReadFailure(salon.error());
        return;
    }
    if (*salon)
        m_salon = *salon;
    const SalonTime time = salonTime();
    const qint64 dayStart = time.dayStart(m_date);
    const qint64 dayEnd = time.dayEnd(m_date);
    m_rota->setSalon(m_salon->id);
    const Result<const Schedule *> rota = m_rota->schedule(dayStart, dayEnd);
    // A salon the rota cannot be read for (a damaged time zone) still shows its day.
    Result<DaySheet> sheet = rota ? DaySheet::load(*m_store, **rota, m_date)
                                  : DaySheet::load(*m_store, *m_salon, m_date);
    if (!sheet) {
        reportReadFailure(sheet.error());
        return;
    }
    setWindowTitle(tr("%1 — Chairside").arg(m_salon->name));
    if (m_accountsPart)
        m_accountsPart->setSalon(m_salon->id);

    m_dayStart = dayStart;
    m_dayEnd = dayEnd;
    const int visits = sheet->visitCount;
    const int stylists = int(sheet->columns.size());
    qCDebug(lcUi) << "showing" << m_date << visits << "visits," << stylists << "columns";
    m_dayView->setSheet(std::move(*sheet));
    updateNowLine();

    const QLocale locale;
    QString dateText = locale.toString(m_date, QStringLiteral("dddd d MMMM yyyy"));
    if (m_date == salonToday())
        dateText = tr("Today, %1").arg(dateText);
    m_dateLabel->setText(dateText);
    if (stylists == 0) {
        m_summaryLabel->setText(tr("Salon closed: nobody is on the rota"));
        if (!m_closedPage) {
            m_closedPage = createClosedPage();
            m_pages->addWidget(m_closedPage);
        }
        m_closedLabel->setText(
                tr("%1 is closed on %2: nobody is on the rota.")
                        .arg(m_salon->name,
                             locale.toString(m_date, QStringLiteral("dddd d MMMM"))));
        m_nextOpenDayButton->setEnabled(true);
        m_pages->setCurrentWidget(m_closedPage);
    } else {
        m_summaryLabel->setText(tr("%n visit(s)", "", visits) + QStringLiteral("  ·  ")
                                + tr("%n stylist(s) working", "", stylists));
        m_pages->setCurrentWidget(m_scrollArea);
    }
    updateAppointmentActions();
    updatePanels();
    if (m_showingWeek)
        m_pages->setCurrentWidget(m_weekView);
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
            const Result<QList<Salon>> salons = m_store->salons();
            if (!salons) {
                reportReadFailure(salons.error());
                return;
            }
            if (!salons->isEmpty())
                m_salon = salons->constFirst();
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
    const Result<QList<Salon>> salons = m_store->salons();
    if (!salons) {
        reportReadFailure(salons.error());
        return;
    }
    const QString current = m_salon ? m_salon->id : QString();
    m_salon.reset();
    for (const Salon &salon : *salons) {
        if (salon.id == current)
            m_salon = salon;
    }
    if (!m_salon && !salons->isEmpty())
        m_salon = salons->constFirst();
    reload();
}

MainWindow::~MainWindow() = default;

void MainWindow::showAppointmentDetails(const QString &appointmentId)
{
    // The phone number and notes are what the desk reaches for first.
    const Result<std::optional<Appointment>> found = m_store->appointment(appointmentId);
    if (!found) {
        reportReadFailure(found.error());
        return;
    }
    if (!*found)
        return;
    const Appointment &appointment = **found;
    QStringList parts;
    const Result<std::optional<Client>> readClient = appointment.clientId.isEmpty()
            ? Result<std::optional<Client>>(std::nullopt)
            : m_store->client(appointment.clientId);
    if (!readClient) {
        reportReadFailure(readClient.error());
        return;
    }
    const std::optional<Client> &client = *readClient;
    if (client) {
        parts.append(client->name);
        if (!client->phone.isEmpty())
            parts.append(client->phone);
    } else {
        parts.append(tr("Walk-in"));
    }
    if (appointment.depositCents > 0)
        parts.append(tr("Deposit paid: %1")
                             .arg(QLocale().toString(appointment.depositCents / 100.0, 'f', 2)));
    if (!appointment.notes.isEmpty())
        parts.append(appointment.notes);
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
    // The sync part (SyncStatus) follows the store and the engine itself.
}

void MainWindow::setUpSync()
{
    // Sync with the salon's server (issue 9): the engine (started by
    // startSync(), after the first paint), its state in the status bar, and
    // File → Sync now.
    m_syncNowAction = new QAction(tr("&Sync now"), this);
    m_syncNowAction->setObjectName(QStringLiteral("syncNowAction"));
    m_syncNowAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_syncNowAction->setToolTip(tr("Send this PC's changes and take the others' now (F5)"));
    addAction(m_syncNowAction);
    m_syncStatus = new SyncStatus(m_store, m_syncNowAction, this);
    statusBar()->addPermanentWidget(m_syncStatus);
    if (QMenu *file = findChild<QMenu *>(QStringLiteral("fileMenu"))) {
        QAction *join = findChild<QAction *>(QStringLiteral("joinSalonAction"));
        const QList<QAction *> actions = file->actions();
        const qsizetype after = actions.indexOf(join) + 1;
        file->insertAction(after > 0 && after < actions.size() ? actions.at(after) : nullptr,
                           m_syncNowAction);
    }
    if (m_store) {
        m_keychain = new TokenStore(this);
        m_syncEngine = new SyncEngine(m_store, m_keychain, this);
        connect(m_syncEngine, &SyncEngine::factsChanged, m_syncStatus, &SyncStatus::setFacts);
        connect(m_syncNowAction, &QAction::triggered, m_syncEngine, &SyncEngine::syncNow);
    }
}

void MainWindow::startSync()
{
    if (m_syncEngine)
        m_syncEngine->start();
}

void MainWindow::setUrlOpener(CalendarAccountsPart::UrlOpener opener)
{
    m_urlOpener = opener;
    if (m_accountsPart)
        m_accountsPart->setUrlOpener(std::move(opener));
}

CalendarAccountsPart *MainWindow::calendarAccounts()
{
    if (m_accountsPart || !m_accountsSource || m_accountsError)
        return m_accountsPart.get();
    CalendarAccountsPart::Hooks hooks;
    hooks.accountsChanged = [this] {
        updateAccountsWarning();
    };
    hooks.callbackReceived = [this] {
        bringToFront();
    };
    Result<std::unique_ptr<CalendarAccountsPart>> made =
            m_accountsSource.make(m_store, this, std::move(hooks));
    if (!made) {
        m_accountsError = made.error();
        return nullptr;
    }
    m_accountsPart = std::move(*made);
    if (m_urlOpener)
        m_accountsPart->setUrlOpener(m_urlOpener);
    m_accountsPart->setSalon(m_salon ? m_salon->id : QString());

    m_accountsWarning = new QToolButton(this);
    m_accountsWarning->setObjectName(QStringLiteral("accountsWarningButton"));
    m_accountsWarning->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_accountsWarning->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_accountsWarning->setAutoRaise(true);
    m_accountsWarning->setToolTip(tr("Open the calendar accounts to reconnect them"));
    m_accountsWarning->hide();
    statusBar()->addPermanentWidget(m_accountsWarning);
    connect(m_accountsWarning, &QToolButton::clicked, this, &MainWindow::showCalendarAccounts);
    updateAccountsWarning();
    return m_accountsPart.get();
}

QDialog *MainWindow::calendarAccountsDialog()
{
    CalendarAccountsPart *accounts = calendarAccounts();
    return accounts ? accounts->dialog() : nullptr;
}

JoinSalonDialog *MainWindow::joinSalonDialog()
{
    if (!m_joinDialog && m_store) {
        m_joinDialog = new JoinSalonDialog(m_store, this);
        // The first sync is the engine's: it starts (again) with the new link.
        connect(m_joinDialog, &JoinSalonDialog::joined, this, &MainWindow::startSync);
        connect(m_syncEngine, &SyncEngine::firstSyncProgress, m_joinDialog,
                &JoinSalonDialog::showFirstSyncProgress);
        connect(m_syncEngine, &SyncEngine::factsChanged, m_joinDialog,
                &JoinSalonDialog::showSyncFacts);
    }
    return m_joinDialog;
}

void MainWindow::showJoinSalon()
{
    JoinSalonDialog *dialog = joinSalonDialog();
    if (!dialog)
        return;
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::showCalendarAccounts()
{
    QDialog *dialog = calendarAccountsDialog();
    if (!dialog) {
        if (m_accountsError)
            QMessageBox::warning(this, tr("Calendar accounts"), m_accountsError->message);
        return;
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
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
    if (!m_accountsPart)
        return;
    const int waiting = m_accountsPart->accountsToReconnect();
    m_accountsWarning->setText(tr("%n calendar account(s) to reconnect", "", waiting));
    m_accountsWarning->setVisible(waiting > 0);
}

// --- the day view's menus and changes -------------------------------------

QString MainWindow::deskName()
{
    return deskActor();
}

void MainWindow::createDayActions()
{
    auto makeAction = [this](const QString &name, const QString &text,
                             const QList<QKeySequence> &keys) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcuts(keys);
        addAction(action); // the keys work with the menu bar hidden too
        return action;
    };
    m_previousAction =
            makeAction(QStringLiteral("previousDayAction"), tr("&Previous day"),
                       {QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    m_todayAction = makeAction(QStringLiteral("todayAction"), tr("&Today"),
                               {QKeySequence(Qt::CTRL | Qt::Key_T), QKeySequence(Qt::Key_Home)});
    m_nextAction =
            makeAction(QStringLiteral("nextDayAction"), tr("&Next day"),
                       {QKeySequence(Qt::ALT | Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
    connect(m_previousAction, &QAction::triggered, this, &MainWindow::showPreviousDay);
    connect(m_todayAction, &QAction::triggered, this, &MainWindow::showToday);
    connect(m_nextAction, &QAction::triggered, this, &MainWindow::showNextDay);
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->setObjectName(QStringLiteral("goMenu"));
    go->addActions({m_previousAction, m_todayAction, m_nextAction});
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction *exportAction = file->addAction(tr("&Export the book…"));
    exportAction->setObjectName(QStringLiteral("exportAction"));
    connect(exportAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
                this, tr("Export the book"),
                QStringLiteral("chairside-%1.json").arg(salonToday().toString(Qt::ISODate)),
                tr("Chairside exports (*.json)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    QAction *restoreAction = file->addAction(tr("&Restore from an export…"));
    restoreAction->setObjectName(QStringLiteral("restoreAction"));
    connect(restoreAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Restore from an export"), {},
                                                          tr("Chairside exports (*.json)"));
        if (!path.isEmpty())
            restoreFrom(path);
    });
    file->addSeparator();
    QAction *joinAction = file->addAction(tr("&Join salon…"));
    joinAction->setObjectName(QStringLiteral("joinSalonAction"));
    joinAction->setEnabled(m_store != nullptr);
    connect(joinAction, &QAction::triggered, this, &MainWindow::showJoinSalon);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
}

bool MainWindow::exportTo(const QString &path)
{
    if (!m_store)
        return false;
    const Result<StoreContents> contents = m_store->contents();
    const Result<void> written =
            contents ? StoreArchive::writeFile(*contents, path) : Result<void>(contents.error());
    if (!written) {
        QMessageBox::warning(this, tr("Export the book"), written.error().message);
        return false;
    }
    statusBar()->showMessage(tr("Exported the book to %1.").arg(QDir::toNativeSeparators(path)),
                             10 * 1000);
    return true;
}

bool MainWindow::restoreFrom(const QString &path)
{
    if (!m_store)
        return false;
    // Read and check the whole file before asking: a file that cannot be
    // restored is refused without touching the book.
    const Result<StoreContents> contents = StoreArchive::readFile(path);
    if (!contents) {
        QMessageBox::warning(this, tr("Restore from an export"),
                             tr("Nothing was changed. %1").arg(contents.error().message));
        return false;
    }
    QMessageBox ask(QMessageBox::Warning, tr("Restore from an export"),
                    tr("Replace the whole book on this computer with %1?\n\nIt holds %n "
                       "appointment(s). Everything in the book now is replaced, and this "
                       "cannot be undone: export the book first if you may want it back.",
                       "", int(contents->appointments.size()))
                            .arg(QDir::toNativeSeparators(path)),
                    QMessageBox::NoButton, this);
    ask.setObjectName(QStringLiteral("restoreConfirm"));
    QPushButton *replace = ask.addButton(tr("Replace the book"), QMessageBox::DestructiveRole);
    replace->setObjectName(QStringLiteral("restoreReplaceButton"));
    QPushButton *keep = ask.addButton(tr("Keep the book"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("restoreKeepButton"));
    ask.setDefaultButton(keep);
    ask.exec();
    if (ask.clickedButton() != replace)
        return false;
    // Restored rows go to the outbox too: the shared book must hear of them.
    const Result<void> written = m_store->replaceAll(*contents, /*withOutbox*/ true);
    if (!written) {
        QMessageBox::warning(this, tr("Restore from an export"), written.error().message);
        return false;
    }
    m_undoStack->clear(); // the changes it knew are gone with the old book
    statusBar()->showMessage(tr("Restored the book from %1.").arg(QDir::toNativeSeparators(path)),
                             10 * 1000);
    return true;
}

void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Z)});
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcuts(
            {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    addActions({undo, redo}); // the keys work with the menu bar hidden too
}

void MainWindow::createViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QMenu *grid = view->addMenu(tr("&Grid step"));
    m_gridGroup = new QActionGroup(this);
    for (const int minutes : {5, 10, 15, 30}) {
        QAction *action = grid->addAction(tr("%n minute(s)", "", minutes));
        action->setObjectName(QStringLiteral("gridStep%1Action").arg(minutes));
        action->setCheckable(true);
        action->setData(minutes);
        action->setChecked(minutes == m_dayView->gridStep());
        m_gridGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, minutes] { setGridStep(minutes); });
    }
    QMenu *colour = view->addMenu(tr("&Colour visits by"));
    m_colourGroup = new QActionGroup(this);
    const QList<QPair<DayView::Colouring, QString>> colourings = {
            {DayView::Colouring::ByStylist, tr("&Stylist")},
            {DayView::Colouring::ByStatus, tr("S&tatus")},
            {DayView::Colouring::ByCategory, tr("Service &category")}};
    const QStringList names = {QStringLiteral("colourByStylistAction"),
                               QStringLiteral("colourByStatusAction"),
                               QStringLiteral("colourByCategoryAction")};
    for (int i = 0; i < colourings.size(); ++i) {
        const DayView::Colouring colouring = colourings.at(i).first;
        QAction *action = colour->addAction(colourings.at(i).second);
        action->setObjectName(names.at(i));
        action->setCheckable(true);
        action->setData(int(colouring));
        action->setChecked(colouring == m_dayView->colouring());
        m_colourGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, colouring] { setColouring(colouring); });
    }
    view->addSeparator();
    m_fitStylistsAction = view->addAction(tr("&Fit all stylists"));
    m_fitStylistsAction->setObjectName(QStringLiteral("fitStylistsAction"));
    m_fitStylistsAction->setCheckable(true);
    m_fitStylistsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_fitStylistsAction->setToolTip(
            tr("Narrow the columns so that every stylist fits the window's width"));
    addAction(m_fitStylistsAction); // the key works with the menu bar hidden too
    connect(m_fitStylistsAction, &QAction::toggled, this, &MainWindow::setFitStylists);
}

void MainWindow::createAppointmentMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Appointment"));
    menu->setObjectName(QStringLiteral("appointmentMenu"));
    m_detailsAction = new QAction(tr("&Details"), this);
    m_detailsAction->setObjectName(QStringLiteral("detailsAction"));
    connect(m_detailsAction, &QAction::triggered, this, [this] {
        if (!m_dayView->selectedAppointment().isEmpty())
            showAppointmentDetails(m_dayView->selectedAppointment());
    });
    menu->addAction(m_detailsAction);
    menu->addSeparator();
    // Single keys, so only while the day view has the focus.
    const struct
    {
        AppointmentStatus status;
        const char *name;
        QString text;
        QKeySequence key;
    } statuses[] = {
            {AppointmentStatus::Confirmed, "confirmAction", tr("&Confirm"),
             QKeySequence(Qt::Key_C)},
            {AppointmentStatus::Arrived, "arrivedAction", tr("&Arrived"), QKeySequence(Qt::Key_A)},
            {AppointmentStatus::InService, "inServiceAction", tr("&In service"),
             QKeySequence(Qt::Key_I)},
            {AppointmentStatus::Completed, "completedAction", tr("C&ompleted"),
             QKeySequence(Qt::Key_D)},
            {AppointmentStatus::NoShow, "noShowAction", tr("&No-show"), QKeySequence(Qt::Key_N)},
            {AppointmentStatus::Cancelled, "cancelAction", tr("Ca&ncel visit…"),
             QKeySequence(Qt::Key_Delete)},
    };
    for (const auto &entry : statuses) {
        auto *action = new QAction(entry.text, this);
        action->setObjectName(QString::fromLatin1(entry.name));
        action->setShortcut(entry.key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_dayView->addAction(action);
        if (entry.status == AppointmentStatus::Cancelled) {
            menu->addSeparator();
            connect(action, &QAction::triggered, this, &MainWindow::cancelSelected);
        } else {
            const AppointmentStatus status = entry.status;
            connect(action, &QAction::triggered, this, [this, status] { changeStatus(status); });
        }
        menu->addAction(action);
        m_statusActions.append({entry.status, action});
    }
    updateAppointmentActions();
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *shortcuts = help->addAction(tr("&Keyboard shortcuts"));
    shortcuts->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::Key_F1));
    addAction(shortcuts);
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
}

QWidget *MainWindow::createClosedPage()
{
    auto *page = new QWidget(m_pages);
    page->setObjectName(QStringLiteral("closedPage"));
    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    m_closedLabel = new QLabel(page);
    m_closedLabel->setObjectName(QStringLiteral("closedLabel"));
    m_closedLabel->setAlignment(Qt::AlignCenter);
    m_closedLabel->setWordWrap(true);
    QFont font = m_closedLabel->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    m_closedLabel->setFont(font);
    layout->addWidget(m_closedLabel);
    m_nextOpenDayButton = new QPushButton(tr("Next open day"), page);
    m_nextOpenDayButton->setObjectName(QStringLiteral("nextOpenDayButton"));
    m_nextOpenDayButton->setAccessibleName(tr("Next open day"));
    m_nextOpenDayButton->setToolTip(tr("Show the next day on which a stylist works"));
    connect(m_nextOpenDayButton, &QPushButton::clicked, this, &MainWindow::showNextOpenDay);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(m_nextOpenDayButton);
    row->addStretch();
    layout->addLayout(row);
    layout->addStretch();
    return page;
}

void MainWindow::showNextOpenDay()
{
    if (!m_store || !m_salon)
        return;
    const Result<QDate> found = DaySheet::nextOpenDay(*m_store, *m_salon, m_date);
    if (!found) {
        reportReadFailure(found.error());
        return;
    }
    const QDate next = *found;
    if (!next.isValid()) {
        m_closedLabel->setText(tr("Nobody is on the rota in the next three months."));
        m_nextOpenDayButton->setEnabled(false);
        return;
    }
    showDate(next);
}

void MainWindow::restoreSettings()
{
    const std::unique_ptr<QSettings> settings = deskSettings();
    if (const QByteArray geometry =
                settings->value(QStringLiteral("window/geometry")).toByteArray();
        !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = settings->value(QStringLiteral("window/state")).toByteArray();
        !state.isEmpty())
        restoreState(state);
    // Applied, not written back: a QSettings written at start syncs its file
    // to disk, twice (a fiftieth of a cold start).
    applyGridStep(settings->value(QStringLiteral("dayView/gridStep"), 15).toInt());
    applyColouring(DayView::Colouring(
            std::clamp(settings->value(QStringLiteral("dayView/colouring"), 0).toInt(), 0, 2)));
    applyFitStylists(settings->value(QStringLiteral("dayView/fitStylists"), false).toBool());
}

void MainWindow::saveSettings() const
{
    const std::unique_ptr<QSettings> settings = deskSettings();
    settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings->setValue(QStringLiteral("window/state"), saveState());
    settings->setValue(QStringLiteral("dayView/gridStep"), m_dayView->gridStep());
    settings->setValue(QStringLiteral("dayView/colouring"), int(m_dayView->colouring()));
    settings->setValue(QStringLiteral("dayView/fitStylists"), m_dayView->fitsToWidth());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::setGridStep(int minutes)
{
    deskSettings()->setValue(QStringLiteral("dayView/gridStep"), applyGridStep(minutes));
}

int MainWindow::applyGridStep(int minutes)
{
    if (minutes != 5 && minutes != 10 && minutes != 15 && minutes != 30)
        minutes = 15;
    m_dayView->setGridStep(minutes);
    for (QAction *action : m_gridGroup->actions())
        action->setChecked(action->data().toInt() == minutes);
    return minutes;
}

void MainWindow::setColouring(DayView::Colouring colouring)
{
    applyColouring(colouring);
    deskSettings()->setValue(QStringLiteral("dayView/colouring"), int(colouring));
}

void MainWindow::applyColouring(DayView::Colouring colouring)
{
    m_dayView->setColouring(colouring);
    for (QAction *action : m_colourGroup->actions())
        action->setChecked(action->data().toInt() == int(colouring));
}

void MainWindow::setFitStylists(bool fit)
{
    if (fit == m_dayView->fitsToWidth())
        return;
    applyFitStylists(fit);
    deskSettings()->setValue(QStringLiteral("dayView/fitStylists"), fit);
}

void MainWindow::applyFitStylists(bool fit)
{
    m_dayView->setFitToWidth(fit);
    const QSignalBlocker quiet(m_fitStylistsAction); // applied, not written back
    m_fitStylistsAction->setChecked(fit);
}

void MainWindow::showShortcuts()
{
    if (!m_shortcutsDialog)
        m_shortcutsDialog = new ShortcutsDialog(this);
    QList<QAction *> actions = {m_previousAction, m_todayAction, m_nextAction};
    for (const auto &[status, action] : std::as_const(m_statusActions))
        actions.append(action);
    actions.append(findChild<QAction *>(QStringLiteral("undoAction")));
    actions.append(findChild<QAction *>(QStringLiteral("redoAction")));
    actions.append(findChild<QAction *>(QStringLiteral("keyboardShortcutsAction")));
    actions.append(m_syncNowAction);
    actions.append(m_fitStylistsAction);
    for (const char *name : {"conflictsAction", "openAppointmentAction"}) {
        if (auto *action = findChild<QAction *>(QLatin1String(name)))
            actions.append(action);
    }
    m_shortcutsDialog->setShortcuts(
            {{tr("Move between stylists and times in the day"), tr("Arrow keys")},
             {tr("Open the time or the appointment under the cursor"), tr("Enter")},
             {tr("Stop dragging, nothing changes"), tr("Esc")}},
            actions);
    m_shortcutsDialog->show();
    m_shortcutsDialog->raise();
    m_shortcutsDialog->activateWindow();
}

void MainWindow::report(const QString &message)
{
    qCInfo(lcUi).noquote() << message;
    statusBar()->showMessage(message, 20 * 1000);
}

void MainWindow::reportReadFailure(const Error &error)
{
    // The date follows what is drawn, so the arrows step from the day on screen.
    if (m_dayView->sheet().date.isValid())
        m_date = m_dayView->sheet().date;
    report(error.message);
}

QString MainWindow::clientNameOf(const QString &appointmentId) const
{
    const QPair<int, int> at = m_dayView->findBlock(appointmentId);
    if (at.first < 0)
        return tr("the visit");
    const QString name = m_dayView->sheet().columns.at(at.first).blocks.at(at.second).clientName;
    return name.isEmpty() ? tr("the walk-in") : name;
}

Result<QList<Appointment>> MainWindow::book(const BookingRequest &request)
{
    if (!m_store)
        return Error::unavailable(tr("The appointment book could not be opened."));
    return BookCommand::book(*m_undoStack, *m_store, request,
                             [this](const QString &message) { report(message); });
}

void MainWindow::startDrag(const QString &appointmentId)
{
    m_drag.reset();
    if (!m_store || !m_salon)
        return;
    Result<std::unique_ptr<AppointmentDrag>> drag =
            AppointmentDrag::start(*m_store, *m_salon, m_date, appointmentId);
    if (!drag) {
        report(drag.error().message);
        return;
    }
    m_drag = std::move(*drag);
}

bool MainWindow::confirmOverbook(const QStringList &reasons)
{
    QMessageBox box(QMessageBox::Warning, tr("Overbook?"),
                    tr("This does not fit:\n\n• %1\n\nBook it here anyway, on purpose?")
                            .arg(reasons.join(QStringLiteral("\n• "))),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("overbookDialog"));
    QPushButton *overbook = box.addButton(tr("Overbook"), QMessageBox::AcceptRole);
    overbook->setObjectName(QStringLiteral("overbookButton"));
    overbook->setAccessibleName(tr("Overbook"));
    QPushButton *keep = box.addButton(tr("Leave it as it was"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepButton"));
    keep->setAccessibleName(tr("Leave it as it was"));
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    return box.clickedButton() == overbook;
}

void MainWindow::dropAppointment(const DayView::Drop &drop)
{
    if (!m_store)
        return;
    if (!m_drag || m_drag->original().id != drop.appointmentId)
        startDrag(drop.appointmentId);
    if (!m_drag)
        return;
    const DayView::DropCheck check = m_drag->check(drop);
    const Result<Appointment> proposed = m_drag->proposed(drop);
    const Result<std::optional<Appointment>> read = m_store->appointment(drop.appointmentId);
    const qint64 newEnd = m_drag->utcAt(drop.endMinute);
    m_drag.reset();
    if (!read) {
        report(read.error().message);
        return;
    }
    const std::optional<Appointment> &before = *read;
    if (check.outcome == DayView::DropCheck::Outcome::Refused || !proposed || !before) {
        report(check.reasons.join(QLatin1Char(' ')));
        return;
    }
    bool overbook = false;
    if (check.outcome == DayView::DropCheck::Outcome::Problems) {
        if (!confirmOverbook(check.reasons)) {
            report(tr("Nothing was changed."));
            return;
        }
        overbook = true;
    }
    AppointmentBook book(*m_store);
    const bool resize = drop.kind == DayView::Drop::Kind::Resize;
    const bool sameStylist = drop.toStaffId == drop.fromStaffId;
    const QString name = clientNameOf(drop.appointmentId);
    const Result<Appointment> after = resize
            ? book.resize(drop.appointmentId, drop.fromStaffId, newEnd, overbook, deskName())
            : book.shift(drop.appointmentId, proposed->startsAt(),
                         sameStylist ? QString() : drop.fromStaffId,
                         sameStylist ? QString() : drop.toStaffId, overbook, deskName());
    if (!after) {
        report(after.error().message);
        return;
    }
    m_undoStack->push(
            new AppointmentCommand(*m_store, *before, *after,
                                   resize ? tr("Change the length of %1's visit").arg(name)
                                          : tr("Move %1's visit").arg(name),
                                   [this](const QString &message) { report(message); }));
}

void MainWindow::updateAppointmentActions()
{
    const QString id = m_dayView->selectedAppointment();
    const QPair<int, int> at = m_dayView->findBlock(id);
    const bool selected = !id.isEmpty() && at.first >= 0;
    const AppointmentStatus current = selected
            ? m_dayView->sheet().columns.at(at.first).blocks.at(at.second).status
            : AppointmentStatus::Booked;
    for (const auto &[status, action] : std::as_const(m_statusActions))
        action->setEnabled(selected && canMoveStatus(current, status));
    if (m_detailsAction)
        m_detailsAction->setEnabled(selected);
}

std::optional<QString> MainWindow::askCancelReason()
{
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("cancelReasonDialog"));
    dialog.setWindowTitle(tr("Cancel visit"));
    dialog.setLabelText(tr("Why is the visit cancelled?"));
    dialog.setOkButtonText(tr("Cancel visit"));
    dialog.setCancelButtonText(tr("Keep the visit"));
    dialog.setInputMode(QInputDialog::TextInput);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.textValue().trimmed();
}

void MainWindow::changeStatus(AppointmentStatus status)
{
    const QString id = m_dayView->selectedAppointment();
    if (!m_store || id.isEmpty())
        return;
    const Result<std::optional<Appointment>> read = m_store->appointment(id);
    if (!read)
        report(read.error().message);
    if (!read || !*read)
        return;
    const Appointment &before = **read;
    const Result<Appointment> after = AppointmentBook(*m_store).setStatus(id, status, deskName());
    if (!after) {
        report(after.error().message);
        return;
    }
    m_undoStack->push(new AppointmentCommand(
            *m_store, before, *after,
            tr("Mark %1 as %2").arg(clientNameOf(id), appointmentStatusName(status)),
            [this](const QString &message) { report(message); }));
    if (status == AppointmentStatus::Completed)
        offerRebook(*after);
}

void MainWindow::cancelSelected()
{
    const QString id = m_dayView->selectedAppointment();
    if (!m_store || id.isEmpty())
        return;
    const Result<std::optional<Appointment>> read = m_store->appointment(id);
    if (!read)
        report(read.error().message);
    if (!read || !*read)
        return;
    const Appointment &before = **read;
    const std::optional<QString> reason = askCancelReason();
    if (!reason)
        return;
    const QString name = clientNameOf(id);
    const Result<Appointment> after = AppointmentBook(*m_store).cancel(id, deskName(), *reason);
    if (!after) {
        report(after.error().message);
        return;
    }
    m_undoStack->push(new AppointmentCommand(*m_store, before, *after,
                                             tr("Cancel %1's visit").arg(name),
                                             [this](const QString &message) { report(message); }));
}

void MainWindow::showAppointmentMenu(const QPoint &globalPos)
{
    updateAppointmentActions();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("appointmentContextMenu"));
    menu.setAccessibleName(tr("Appointment"));
    menu.addAction(m_detailsAction);
    menu.addSeparator();
    for (const auto &[status, action] : std::as_const(m_statusActions)) {
        if (status == AppointmentStatus::Cancelled)
            menu.addSeparator();
        menu.addAction(action);
    }
    addConflictMenu(menu);
    menu.exec(globalPos);
}

void MainWindow::addConflictMenu(QMenu &menu)
{
    const QString id = m_dayView ? m_dayView->selectedAppointment() : QString();
    const int row = !id.isEmpty() && conflictPanel() ? m_conflictPanel->rowOf(id) : -1;
    if (row < 0)
        return;
    // The panel's own actions on this visit's conflict: the panel shows it
    // selected, with the reason, both versions and the free times.
    const bool movable = m_conflictPanel->model()->rows().at(row).movable;
    menu.addSeparator();
    QMenu *conflict = menu.addMenu(tr("Conflict with the server"));
    conflict->setObjectName(QStringLiteral("appointmentConflictMenu"));
    using Slot = void (ConflictPanel::*)();
    const auto add = [&](const char *name, const QString &text, bool enabled, Slot slot) {
        QAction *action = conflict->addAction(text);
        action->setObjectName(QLatin1String(name));
        action->setEnabled(enabled);
        connect(action, &QAction::triggered, this, [this, id, slot] {
            // Found again: the inbox may have changed while the menu was open.
            const int now = m_conflictPanel->rowOf(id);
            m_conflictDock->show();
            m_conflictDock->raise();
            if (now < 0)
                return;
            m_conflictPanel->selectRow(now);
            if (slot)
                (m_conflictPanel->*slot)();
        });
    };
    add("showConflictAction", tr("Show in the Conflicts panel…"), true, nullptr);
    add("overbookConflictAction", tr("Overbook this PC's version…"), movable,
        &ConflictPanel::overbookSelected);
    add("cancelConflictAction", tr("Cancel this PC's version"), movable,
        &ConflictPanel::cancelSelected);
    add("keepServerConflictAction", tr("Keep the server's version"), true,
        &ConflictPanel::keepServerSelected);
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
    Result<Catalogue> catalogue = Catalogue::load(*m_store, *m_salon);
    if (!catalogue) {
        report(catalogue.error().message);
        return nullptr;
    }
    auto *editor = new AppointmentEditor(m_store, std::move(*catalogue), clock(), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setBooker([this](const BookingRequest &request) { return bookAndShow(request); });
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

void MainWindow::bookFreeTime(const QString &staffId, int startMinute)
{
    // A time the clocks skip is said in the editor's own words, not booked.
    const Result<qint64> startsAt = salonTime().at(m_date, startMinute);
    if (!startsAt) {
        report(startsAt.error().message);
        return;
    }
    // The hint counts the stylist's own free time from the rota and the
    // book, not the cell or the stretch that was dragged.
    int freeMinutes = 0;
    for (const DaySheet::Column &column : m_dayView->sheet().columns) {
        if (column.staffId == staffId)
            freeMinutes = column.freeMinutesFrom(startMinute);
    }
    newAppointment(staffId, *startsAt, freeMinutes);
}

void MainWindow::createPanels()
{
    // The week view and the client card are made when first shown
    // (weekView(), clientCard()): most starts never open them, and making
    // them was a fifteenth of a cold start. Their docks are here from the
    // start, for the View menu and the window's saved state. The waitlist
    // is made once the day has painted (or when first shown): while hidden
    // it watches for freed time and comes up, but making it (a table view)
    // was 4% of the instructions before the first paint.
    m_clientCardDock = new QDockWidget(tr("Client card"), this);
    m_clientCardDock->setObjectName(QStringLiteral("clientCardDock"));
    m_clientCardDock->setMinimumWidth(460);
    addDockWidget(Qt::RightDockWidgetArea, m_clientCardDock);
    m_clientCardDock->hide();
    connect(m_dayView, &DayView::appointmentClicked, this,
            &MainWindow::showClientCardOfAppointment);

    m_waitlistDock = new QDockWidget(tr("Waitlist"), this);
    m_waitlistDock->setObjectName(QStringLiteral("waitlistDock"));
    addDockWidget(Qt::BottomDockWidgetArea, m_waitlistDock);
    m_waitlistDock->hide();
    // The status bar paints whatever page the window shows.
    AfterFirstPaint::install(statusBar(), [this] { waitlistPanel(); });

    // The day view's View menu (grid step, colouring) gets the pages and panels.
    QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"));
    if (!view) {
        view = menuBar()->addMenu(tr("&View"));
        view->setObjectName(QStringLiteral("viewMenu"));
    }
    view->addSeparator();
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
    view->addAction(m_findClientAction); // the day bar's "Find client…" (Ctrl+F)
    QAction *card = m_clientCardDock->toggleViewAction();
    card->setObjectName(QStringLiteral("clientCardAction"));
    card->setText(tr("&Client card"));
    card->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    view->addAction(card);
    // Made as the dock is shown by this action or a restored window state.
    connect(card, &QAction::toggled, this, [this](bool shown) {
        if (shown)
            clientCard();
    });
    QAction *waitlist = m_waitlistDock->toggleViewAction();
    waitlist->setObjectName(QStringLiteral("waitlistAction"));
    waitlist->setText(tr("W&aitlist"));
    waitlist->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addAction(waitlist);
    connect(waitlist, &QAction::toggled, this, [this](bool shown) {
        if (shown)
            waitlistPanel();
    });
}

WaitlistPanel *MainWindow::waitlistPanel()
{
    if (!m_waitlistPanel) {
        m_waitlistPanel = new WaitlistPanel(m_store, this);
        m_waitlistPanel->setObjectName(QStringLiteral("waitlistPanel"));
        m_waitlistDock->setWidget(m_waitlistPanel);
        connect(m_waitlistPanel, &WaitlistPanel::clientCardRequested, this,
                &MainWindow::showClientCard);
        connect(m_waitlistPanel, &WaitlistPanel::offersFound, this,
                &MainWindow::showWaitlistOffers);
        connect(m_waitlistPanel, &WaitlistPanel::slotOffered, this,
                [this](const QString &message) { statusBar()->showMessage(message, 15 * 1000); });
        updatePanels();
    }
    return m_waitlistPanel;
}

ClientCard *MainWindow::clientCard()
{
    if (!m_clientCard) {
        m_clientCard = new ClientCard(m_store, this);
        m_clientCard->setObjectName(QStringLiteral("clientCard"));
        m_clientCard->setUndoStack(m_undoStack);
        m_clientCardDock->setWidget(m_clientCard);
        updatePanels();
    }
    return m_clientCard;
}

WeekView *MainWindow::weekView()
{
    if (!m_weekView) {
        m_weekView = new WeekView(m_store, m_pages);
        m_weekView->setObjectName(QStringLiteral("weekView"));
        m_pages->addWidget(m_weekView);
        connect(m_weekView, &WeekView::dayClicked, this, &MainWindow::openDay);
        connect(m_weekView, &WeekView::readFailed, this, &MainWindow::report);
        updatePanels();
    }
    return m_weekView;
}

void MainWindow::updatePanels()
{
    const QTimeZone zone = m_salon ? SalonTime::zoneOf(*m_salon) : QTimeZone::utc();
    const QString salonId = m_salon ? m_salon->id : QString();
    if (m_clientCard)
        m_clientCard->setSalon(salonId, zone);
    if (m_waitlistPanel)
        m_waitlistPanel->setSalon(salonId, zone);
    if (m_conflictPanel)
        m_conflictPanel->setSalon(salonId, zone);
    if (!m_weekView)
        return; // made when first shown, for the salon and date of then
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
    if (m_weekView && m_pages->currentWidget() == m_weekView)
        m_pages->setCurrentWidget(m_scrollArea);
}

void MainWindow::showWeekView()
{
    m_showingWeek = true;
    m_weekAction->setChecked(true);
    if (m_pages->currentWidget() == m_scrollArea) {
        WeekView *week = weekView();
        m_weekDate = m_date;
        week->showWeekOf(m_date);
        m_pages->setCurrentWidget(week);
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
    clientCard()->showClient(clientId);
    m_clientCardDock->show();
    m_clientCardDock->raise();
}

void MainWindow::showClientCardOfAppointment(const QString &appointmentId)
{
    // A walk-in without a name has no card to show.
    if (!m_store)
        return;
    const Result<std::optional<Appointment>> appointment = m_store->appointment(appointmentId);
    if (!appointment)
        report(appointment.error().message);
    else if (*appointment && !(*appointment)->clientId.isEmpty())
        showClientCard((*appointment)->clientId);
}

void MainWindow::findClient()
{
    clientCard(); // before the dock shows, so it shows with it
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

void MainWindow::walkIn()
{
    if (!m_store || !m_salon)
        return;
    auto *dialog = new WalkInDialog(m_store, *m_salon, clock(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setBooker([this](const BookingRequest &request) { return bookAndShow(request); });
    dialog->open();
}

Result<void> MainWindow::bookAndShow(const BookingRequest &request)
{
    const Result<QList<Appointment>> booked = book(request);
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

// The soonest any of the visit's services wants the client back (a cut in 6
// weeks comes before a colour in 8); 0 when none says.
Result<int> MainWindow::rebookWeeks(const Appointment &completed) const
{
    int weeks = 0;
    const Result<QList<Service>> services = m_store->services(completed.salonId);
    if (!services)
        return services.error();
    for (const ServiceLine &line : completed.lines) {
        for (const Service &service : *services) {
            if (service.id == line.serviceId && service.rebookWeeks > 0)
                weeks = weeks == 0 ? service.rebookWeeks : std::min(weeks, service.rebookWeeks);
        }
    }
    return weeks;
}

void MainWindow::offerRebook(const Appointment &completed)
{
    if (!m_store || !m_salon)
        return;
    const Result<int> read = rebookWeeks(completed);
    if (!read) {
        report(read.error().message); // the visit itself is saved; only the suggestion is lost
        return;
    }
    const int weeks = *read;
    if (weeks <= 0)
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

// --- issue 9: the conflict inbox, and a booked visit in the editor ---------

void MainWindow::createSyncPanels()
{
    if (!m_store)
        return;
    // The inbox itself (a table view and a date editor: 3% of a cold start's
    // CPU) is made once the day has painted, or when first shown or asked
    // for; the count in the status bar comes with it. The dock is here from
    // the start, for the View menu and the window's saved state.
    m_conflictDock = new QDockWidget(tr("Conflicts"), this);
    m_conflictDock->setObjectName(QStringLiteral("conflictPanel"));
    addDockWidget(Qt::BottomDockWidgetArea, m_conflictDock);
    m_conflictDock->hide();
    QAction *toggle = m_conflictDock->toggleViewAction();
    toggle->setObjectName(QStringLiteral("conflictsAction"));
    toggle->setText(tr("C&onflicts"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    addAction(toggle); // the key works with the menu bar hidden too
    if (auto *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu")))
        view->addAction(toggle);
    connect(toggle, &QAction::toggled, this, [this](bool shown) {
        if (shown)
            conflictPanel();
    });

    // "2 conflicts to resolve" in the status bar, hidden at none.
    m_conflictCount = new QToolButton(this);
    m_conflictCount->setObjectName(QStringLiteral("conflictCountButton"));
    m_conflictCount->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_conflictCount->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_conflictCount->setAutoRaise(true);
    m_conflictCount->setToolTip(tr("Open the conflicts the salon's server sent back"));
    statusBar()->addPermanentWidget(m_conflictCount);
    m_conflictCount->setText(tr("%n conflict(s) to resolve", "", 0));
    m_conflictCount->setAccessibleName(m_conflictCount->text());
    m_conflictCount->hide(); // until the inbox has counted
    connect(m_conflictCount, &QToolButton::clicked, this, [this] {
        m_conflictDock->show();
        m_conflictDock->raise();
    });
    // The status bar paints whatever page the window shows.
    AfterFirstPaint::install(statusBar(), [this] { conflictPanel(); });

    auto *open = new QAction(tr("&Open appointment"), this);
    open->setObjectName(QStringLiteral("openAppointmentAction"));
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    addAction(open);
    connect(open, &QAction::triggered, this, [this] {
        if (!m_dayView->selectedAppointment().isEmpty())
            openAppointment(m_dayView->selectedAppointment());
    });
    if (auto *menu = menuBar()->findChild<QMenu *>(QStringLiteral("appointmentMenu")))
        menu->insertAction(m_detailsAction, open);
}

ConflictPanel *MainWindow::conflictPanel()
{
    if (m_conflictPanel || !m_conflictDock)
        return m_conflictPanel;
    m_conflictPanel = new ConflictPanel(m_store, this);
    m_conflictPanel->setObjectName(QStringLiteral("conflicts"));
    m_conflictPanel->setUndoStack(m_undoStack);
    m_conflictPanel->setOverbookConfirmation(
            [this](const QStringList &reasons) { return confirmOverbook(reasons); });
    m_conflictDock->setWidget(m_conflictPanel);
    const auto count = [this](int open) {
        m_conflictCount->setText(tr("%n conflict(s) to resolve", "", open));
        m_conflictCount->setAccessibleName(m_conflictCount->text());
        m_conflictCount->setVisible(open > 0);
    };
    connect(m_conflictPanel, &ConflictPanel::countChanged, this, count);
    connect(m_conflictPanel, &ConflictPanel::resolved, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15 * 1000); });
    if (m_salon)
        m_conflictPanel->setSalon(m_salon->id, SalonTime::zoneOf(*m_salon));
    count(m_conflictPanel->openCount());
    return m_conflictPanel;
}

AppointmentEditor *MainWindow::openAppointment(const QString &appointmentId)
{
    if (!m_store)
        return nullptr;
    const Result<std::optional<Appointment>> found = m_store->appointment(appointmentId);
    if (!found) {
        report(found.error().message);
        return nullptr;
    }
    if (!*found)
        return nullptr;
    AppointmentEditor *editor = openEditor();
    if (editor)
        editor->showAppointment(**found);
    return editor;
}

} // namespace chairside
