#include "calendaraccountsdialog.h"

#include "auth/accountmanager.h"
#include "auth/calendaraccounts.h"
#include "auth/provider.h"
#include "store/store.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>

namespace chairside {

namespace {

const char *const StaffIdProperty = "staffId";

// Dark text on a light window, light text on a dark one: readable either way.
QColor warningColour(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0xb0, 0x60)
                                                             : QColor(0xa3, 0x3a, 0x00);
}

} // namespace

CalendarAccountsDialog::CalendarAccountsDialog(CalendarAccounts *accounts, Store *store,
                                               QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_store(store)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("calendarAccountsDialog"));
    setWindowTitle(tr("Calendar accounts"));

    auto *layout = new QVBoxLayout(this);
    m_introLabel = new QLabel(introText(), this);
    m_introLabel->setObjectName(QStringLiteral("calendarAccountsIntro"));
    m_introLabel->setWordWrap(true);
    layout->addWidget(m_introLabel);

    m_scrollArea = new QScrollArea(this);
    m_scrollArea->setObjectName(QStringLiteral("calendarAccountsArea"));
    m_scrollArea->setAccessibleName(tr("Stylists and their calendar accounts"));
    m_scrollArea->setWidgetResizable(true);
    m_scrollArea->setFrameShape(QFrame::StyledPanel);
    layout->addWidget(m_scrollArea, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    AccountManager *manager = m_accounts->manager();
    connect(manager, &AccountManager::accountChanged, this, &CalendarAccountsDialog::rebuild);
    connect(manager, &AccountManager::accountRemoved, this, &CalendarAccountsDialog::rebuild);
    connect(manager, &AccountManager::disconnectFinished, this,
            &CalendarAccountsDialog::onDisconnectFinished);
    connect(m_accounts, &CalendarAccounts::authorizationUrlReady, this,
            &CalendarAccountsDialog::onAuthorizationUrlReady);
    connect(m_accounts, &CalendarAccounts::connectFinished, this,
            &CalendarAccountsDialog::onConnectFinished);
    if (m_store) {
        connect(m_store, &Store::changed, this, [this](const ChangeSet &changes) {
            const bool staffChanged =
                    std::any_of(changes.begin(), changes.end(), [](const Change &change) {
                        return change.entity == Entity::Staff;
                    });
            if (staffChanged)
                rebuild();
        });
        connect(m_store, &Store::contentsReplaced, this, &CalendarAccountsDialog::rebuild);
    }

    resize(860, 520);
    rebuild();
}

CalendarAccountsDialog::~CalendarAccountsDialog()
{
    // A sign-in nobody can see any more must not keep listening; its answer
    // must not reach this half-destroyed dialog.
    m_accounts->disconnect(this);
    m_accounts->manager()->disconnect(this);
    if (!m_connectingStaffId.isEmpty())
        m_accounts->cancelConnect();
}

void CalendarAccountsDialog::setSalon(const QString &salonId)
{
    if (salonId == m_salonId)
        return;
    m_salonId = salonId;
    rebuild();
}

void CalendarAccountsDialog::setUrlOpener(UrlOpener opener)
{
    m_opener = std::move(opener);
}

QString CalendarAccountsDialog::introText() const
{
    return tr("Each stylist can connect their own Google or Microsoft calendar. Chairside opens "
              "the sign-in page in your web browser and comes back here when it is done. The "
              "sign-in is kept in this computer's keychain, never in the appointment book.");
}

void CalendarAccountsDialog::startConnect(const QString &staffId, const QString &provider,
                                          const QString &tenantOrIssuer, const QString &clientId)
{
    m_notes.remove(staffId);
    m_unopenedUrl.clear();
    // Set first: the sign-in may ask for the browser before connectAccount() returns.
    m_connectingStaffId = staffId;
    const Result<void> started =
            m_accounts->connectAccount({provider, tenantOrIssuer, clientId, staffId});
    if (!started) {
        m_connectingStaffId.clear();
        setNote(staffId, started.error().message, true);
    }
    rebuild();
}

void CalendarAccountsDialog::cancelConnect()
{
    const QString staffId = m_connectingStaffId;
    if (staffId.isEmpty())
        return;
    m_cancelled = true;
    m_accounts->cancelConnect(); // answers with connectFinished(cancelled), now or soon
    rebuild();
}

void CalendarAccountsDialog::onAuthorizationUrlReady(const QUrl &url)
{
    if (m_connectingStaffId.isEmpty())
        return; // someone else's sign-in
    if (!m_opener || !m_opener(url)) {
        m_unopenedUrl = url;
        rebuild();
    }
}

void CalendarAccountsDialog::onConnectFinished(const Result<Account> &result)
{
    const QString staffId = m_connectingStaffId;
    const bool cancelled = m_cancelled;
    m_connectingStaffId.clear();
    m_unopenedUrl.clear();
    m_cancelled = false;
    // Pressing Cancel says it all; the "cancelled" sentence would only repeat it.
    if (!staffId.isEmpty() && !result && !cancelled)
        setNote(staffId, result.error().message, true);
    rebuild();
}

void CalendarAccountsDialog::confirmDisconnect(const QString &accountId)
{
    const std::optional<Account> account = m_accounts->manager()->account(accountId);
    if (!account)
        return;
    auto *box = new QMessageBox(
            QMessageBox::Question, tr("Disconnect calendar"),
            tr("Disconnect %1 (%2)?").arg(accountName(*account), providerName(*account)),
            QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDisconnect"));
    box->setInformativeText(
            tr("Chairside forgets this sign-in on this computer and asks %1 to end its access "
               "where %1 allows it. The calendar itself is not changed, and the stylist can "
               "connect again at any time.")
                    .arg(providerName(*account)));
    QPushButton *confirm = box->addButton(tr("Disconnect"), QMessageBox::AcceptRole);
    confirm->setObjectName(QStringLiteral("confirmDisconnectButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString staffId = account->staffId;
    connect(box, &QMessageBox::buttonClicked, this,
            [this, box, confirm, accountId, staffId](QAbstractButton *button) {
                if (button != confirm || box->clickedButton() != confirm)
                    return;
                if (m_disconnecting.contains(accountId)
                    || !m_accounts->manager()->account(accountId))
                    return;
                m_disconnecting.insert(accountId, staffId);
                m_notes.remove(staffId);
                m_accounts->manager()->disconnectAccount(accountId);
                rebuild();
            });
    box->open();
}

void CalendarAccountsDialog::onDisconnectFinished(const QString &accountId,
                                                  const Result<void> &result)
{
    const QString staffId = m_disconnecting.take(accountId);
    if (staffId.isEmpty())
        return; // not asked for here (chairside-cli, say)
    if (result)
        setNote(staffId, tr("The calendar account was disconnected."), false);
    else
        setNote(staffId, result.error().message, true);
    rebuild();
}

void CalendarAccountsDialog::setNote(const QString &staffId, const QString &text, bool warning)
{
    m_notes.insert(staffId, Note{text, warning});
}

QString CalendarAccountsDialog::providerName(const Account &account)
{
    return Provider::displayName(account.provider, account.tenantOrIssuer);
}

QString CalendarAccountsDialog::accountName(const Account &account)
{
    return account.email.isEmpty() ? account.subject : account.email;
}

QLabel *CalendarAccountsDialog::addLabel(int row, int column, const QString &staffId,
                                         const QString &name, const QString &text, bool warning)
{
    auto *label = new QLabel(text, m_rows);
    label->setObjectName(name);
    label->setProperty(StaffIdProperty, staffId);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Enough width that a sentence wraps into a few lines, not a column of words.
    label->setMinimumWidth(260);
    if (warning) {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, warningColour(palette));
        label->setPalette(palette);
    }
    // No alignment flag: with one, the grid gives a wrapped label its
    // one-line height and clips the rest.
    m_grid->addWidget(label, row, column);
    return label;
}

// One stylist: the name, then a line per account (or "Not connected"), the
// running sign-in, and the last outcome. Returns the next free grid row.
int CalendarAccountsDialog::addStylist(int row, const QString &staffId, const QString &name,
                                       const QList<Account> &accounts)
{
    const bool connectingHere = m_connectingStaffId == staffId;
    const bool anyConnecting = !m_connectingStaffId.isEmpty() || m_accounts->isConnecting();

    auto *nameLabel = new QLabel(name, m_rows);
    nameLabel->setObjectName(QStringLiteral("stylistName_") + staffId);
    nameLabel->setProperty(StaffIdProperty, staffId);
    nameLabel->setTextFormat(Qt::PlainText);
    QFont bold = nameLabel->font();
    bold.setBold(true);
    nameLabel->setFont(bold);
    m_grid->addWidget(nameLabel, row, 0, Qt::AlignLeft | Qt::AlignVCenter);

    auto addButtons = [this, &row, &staffId](const QList<QPushButton *> &buttons) {
        auto *box = new QWidget(m_rows);
        auto *layout = new QHBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        for (QPushButton *button : buttons) {
            button->setParent(box);
            button->setProperty(StaffIdProperty, staffId);
            button->setAutoDefault(false);
            layout->addWidget(button);
        }
        // Right-aligned at their own size: the state column takes the rest.
        m_grid->addWidget(box, row, 2, Qt::AlignRight | Qt::AlignVCenter);
    };
    auto button = [this](const QString &objectName, const QString &text) {
        auto *b = new QPushButton(text, m_rows);
        b->setObjectName(objectName);
        return b;
    };

    for (const Account &account : accounts) {
        const bool disconnecting = m_disconnecting.contains(account.id);
        QString text;
        bool warning = false;
        if (disconnecting) {
            text = tr("Disconnecting %1 (%2)…").arg(accountName(account), providerName(account));
        } else if (account.state == Account::State::NeedsReconnect) {
            text = account.lastError.isEmpty() ? tr("Needs reconnect")
                                               : tr("Needs reconnect: %1").arg(account.lastError);
            warning = true;
        } else {
            text = tr("Connected as %1 (%2)").arg(accountName(account), providerName(account));
        }
        addLabel(row, 1, staffId, QStringLiteral("accountState_") + account.id, text, warning);

        QList<QPushButton *> buttons;
        if (account.state == Account::State::NeedsReconnect) {
            QPushButton *reconnect =
                    button(QStringLiteral("reconnectButton_") + account.id, tr("Reconnect"));
            reconnect->setToolTip(tr("Sign in to %1 again as %2")
                                          .arg(providerName(account), accountName(account)));
            reconnect->setAccessibleName(
                    tr("Reconnect %1's calendar (%2)").arg(name, accountName(account)));
            reconnect->setEnabled(!anyConnecting && !disconnecting);
            connect(reconnect, &QPushButton::clicked, this, [this, account] {
                startConnect(account.staffId, account.provider, account.tenantOrIssuer,
                             account.clientId);
            });
            buttons.append(reconnect);
        }
        QPushButton *disconnect =
                button(QStringLiteral("disconnectButton_") + account.id, tr("Disconnect"));
        disconnect->setAccessibleName(
                tr("Disconnect %1's calendar (%2)").arg(name, accountName(account)));
        disconnect->setEnabled(!connectingHere && !disconnecting);
        const QString id = account.id;
        connect(disconnect, &QPushButton::clicked, this, [this, id] { confirmDisconnect(id); });
        buttons.append(disconnect);
        addButtons(buttons);
        ++row;

        // A connected account can still carry a failure, e.g. a refresh
        // that will be retried: say so rather than look healthy.
        if (account.state == Account::State::Connected && !account.lastError.isEmpty()
            && !disconnecting) {
            addLabel(row, 1, staffId, QStringLiteral("accountError_") + account.id,
                     account.lastError, true);
            ++row;
        }
    }

    if (connectingHere) {
        addLabel(row, 1, staffId, QStringLiteral("stateLabel_") + staffId,
                 tr("Waiting for the browser…"));
        QPushButton *cancel =
                button(QStringLiteral("cancelConnectButton_") + staffId, tr("Cancel"));
        cancel->setAccessibleName(tr("Stop connecting %1's calendar").arg(name));
        connect(cancel, &QPushButton::clicked, this, &CalendarAccountsDialog::cancelConnect);
        addButtons({cancel});
        ++row;
        if (m_unopenedUrl.isValid()) {
            const QString url = m_unopenedUrl.toString(QUrl::FullyEncoded);
            addLabel(row, 1, staffId, QStringLiteral("signInAddressLabel_") + staffId,
                     tr("The web browser could not be opened. Copy this address into your "
                        "browser to sign in:"),
                     true);
            QPushButton *copy = button(QStringLiteral("copySignInAddressButton_") + staffId,
                                       tr("Copy address"));
            copy->setAccessibleName(tr("Copy the sign-in address for %1").arg(name));
            connect(copy, &QPushButton::clicked, this,
                    [url] { QApplication::clipboard()->setText(url); });
            addButtons({copy});
            ++row;
            // The full width: the address is long, and all of it is needed.
            auto *address = new QLineEdit(url, m_rows);
            address->setObjectName(QStringLiteral("signInAddress_") + staffId);
            address->setProperty(StaffIdProperty, staffId);
            address->setAccessibleName(tr("Sign-in address for %1").arg(name));
            address->setReadOnly(true);
            address->setCursorPosition(0);
            m_grid->addWidget(address, row, 1, 1, 2);
            ++row;
        }
    } else if (accounts.isEmpty()) {
        addLabel(row, 1, staffId, QStringLiteral("stateLabel_") + staffId, tr("Not connected"));
        QPushButton *google = button(QStringLiteral("connectGoogleButton_") + staffId,
                                     tr("Connect Google calendar"));
        QPushButton *microsoft = button(QStringLiteral("connectMicrosoftButton_") + staffId,
                                        tr("Connect Microsoft calendar"));
        google->setAccessibleName(tr("Connect %1's Google calendar").arg(name));
        microsoft->setAccessibleName(tr("Connect %1's Microsoft calendar").arg(name));
        for (QPushButton *b : {google, microsoft})
            b->setEnabled(!anyConnecting);
        connect(google, &QPushButton::clicked, this,
                [this, staffId] { startConnect(staffId, QStringLiteral("google")); });
        connect(microsoft, &QPushButton::clicked, this,
                [this, staffId] { startConnect(staffId, QStringLiteral("microsoft")); });
        addButtons({google, microsoft});
        ++row;
    }

    const auto note = m_notes.constFind(staffId);
    if (note != m_notes.cend()) {
        QLabel *label = addLabel(row, 1, staffId, QStringLiteral("note_") + staffId, note->text,
                                 note->warning);
        m_grid->addWidget(label, row, 1, 1, 2);
        ++row;
    }
    return row;
}

void CalendarAccountsDialog::rebuild()
{
    // The salon's staff, read once for both lists below.
    QList<Staff> staff;
    if (m_store && !m_salonId.isEmpty()) {
        Result<QList<Staff>> read = m_store->staff(m_salonId);
        if (!read) {
            // What is listed stays; the line above it says why it may be out of date.
            m_introLabel->setText(read.error().message);
            return;
        }
        staff = std::move(*read);
    }
    m_introLabel->setText(introText());

    // Rebuilt whole: a handful of rows, and nothing can go stale. Focus and
    // scroll position survive it.
    const QString focused = focusWidget() ? focusWidget()->objectName() : QString();
    const int scrolled = m_scrollArea->verticalScrollBar()->value();

    auto *rows = new QWidget;
    rows->setObjectName(QStringLiteral("calendarAccountsRows"));
    m_grid = new QGridLayout(rows);
    m_grid->setHorizontalSpacing(18);
    m_grid->setVerticalSpacing(6);
    m_grid->setColumnStretch(1, 1);
    m_rows = rows;

    QHash<QString, QList<Account>> byStaff;
    QList<Account> all = m_accounts->manager()->accounts();
    std::sort(all.begin(), all.end(), [](const Account &a, const Account &b) {
        return std::tie(a.provider, a.email) < std::tie(b.provider, b.email);
    });
    for (const Account &account : std::as_const(all))
        byStaff[account.staffId].append(account);

    int row = 0;
    auto separator = [this, &row] {
        auto *line = new QFrame(m_rows);
        line->setFrameShape(QFrame::HLine);
        line->setFrameShadow(QFrame::Sunken);
        m_grid->addWidget(line, row++, 0, 1, 3);
    };
    QList<Staff> listed;
    for (const Staff &member : std::as_const(staff)) {
        if (member.active && member.role != StaffRole::FrontDesk)
            listed.append(member);
    }
    for (const Staff &member : std::as_const(listed)) {
        if (row > 0)
            separator();
        row = addStylist(row, member.id, member.name, byStaff.take(member.id));
    }
    if (listed.isEmpty()) {
        auto *empty = new QLabel(m_store && !m_salonId.isEmpty()
                                         ? tr("This salon has no stylists yet.")
                                         : tr("There is no salon in this book yet."),
                                 m_rows);
        empty->setObjectName(QStringLiteral("noStylistsLabel"));
        m_grid->addWidget(empty, row++, 0, 1, 3);
    }

    // Accounts of people no longer listed (left, or made front desk): still
    // on this computer, so they can be disconnected.
    if (!byStaff.isEmpty()) {
        QHash<QString, QString> names;
        for (const Staff &member : std::as_const(staff))
            names.insert(member.id, member.name);
        QStringList others = byStaff.keys();
        others.sort();
        for (const QString &staffId : std::as_const(others)) {
            separator();
            const QString name = names.contains(staffId)
                    ? tr("%1 (not a working stylist)").arg(names.value(staffId))
                    : tr("Not a stylist of this salon");
            row = addStylist(row, staffId, name, byStaff.value(staffId));
        }
    }
    m_grid->setRowStretch(row, 1);

    m_grid->activate();
    QWidget *old = m_scrollArea->takeWidget();
    m_scrollArea->setWidget(rows);
    if (old)
        old->deleteLater(); // may be running the click that got us here
    m_scrollArea->verticalScrollBar()->setValue(scrolled);
    if (!focused.isEmpty()) {
        if (auto *widget = rows->findChild<QWidget *>(focused); widget && widget->isEnabled())
            widget->setFocus();
    }
}

} // namespace chairside
