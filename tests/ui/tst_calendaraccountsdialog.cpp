// The calendar accounts as a person uses them in the app: the main window's
// "Calendar accounts…" dialog driven by objectName, the Microsoft preset
// pointed at the real oidc-provider (tests/auth/oidc-server), the browser
// played by ScriptedUserAgent, the refresh tokens in a real Secret Service
// (run under tests/auth/with-keyring.sh) or in none at all
// (tst_calendaraccountsdialog_nokeychain).

#include "accessiblenames.h"
#include "calendaraccountsdialog.h"
#include "calendaraccountswindowpart.h"
#include "mainwindow.h"
#include "testsupport.h"

#include "auth/accountmanager.h"
#include "auth/calendaraccounts.h"
#include "auth/oidcdiscovery.h"
#include "auth/provider.h"
#include "auth/signin.h"
#include "demo/demosalon.h"

#include "oidctestserver.h"
#include "presetsettings.h"
#include "probes.h"
#include "scripteduseragent.h"
#include "secrets.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrlQuery>

#include <optional>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const QDate Day(2026, 12, 1);
// ScriptedUserAgent signs in as "anna"; the test server makes the email from it.
const QString AnnaEmail = QStringLiteral("anna@example.test");
const QString AnnaAccount = QStringLiteral("microsoft:anna");

// Everything the dialog shows (or would, when open) for one stylist: its
// labels and fields, one per line.
QString rowText(const QWidget *dialog, const QString &staffId)
{
    QStringList texts;
    const QList<QWidget *> widgets = dialog->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        if (widget->property("staffId").toString() != staffId || !widget->isVisibleTo(dialog))
            continue;
        if (const auto *label = qobject_cast<const QLabel *>(widget))
            texts.append(label->text());
        else if (const auto *field = qobject_cast<const QLineEdit *>(widget))
            texts.append(field->text());
    }
    return texts.join(QLatin1Char('\n'));
}

} // namespace

class TestCalendarAccountsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void noAccountsNoAction();
    void dialogMadeWhenFirstOpened();
    void connectBringsTheWindowBack();
    void needsReconnectWarns();
    void refreshErrorStaysVisible();
    void disconnectAsksFirst();
    void cancelWhileWaiting();
    void addressShownWhenNoBrowser();
    void missingClientIdIsSaid();
    void keychainUnavailable();

private:
    void openWindow();
    void closeWindow();
    QPushButton *button(const QString &name) const;
    void openDialog();
    // Connects the stylist's Microsoft calendar through the dialog, the
    // browser answering at once.
    void connectStylist(const QString &staffId);
    std::optional<QByteArray> storedRefreshToken(const QString &accountId);

    OidcTestServer m_server;
    OidcConfiguration m_endpoints;
    std::unique_ptr<TempStore> m_store;
    QString m_salonId;
    QString m_staffId; // the first stylist
    bool m_withKeychain = false;

    std::optional<QTemporaryDir> m_dataDir;
    std::unique_ptr<CalendarAccounts> m_accounts;
    std::unique_ptr<MainWindow> m_window;
    CalendarAccountsDialog *m_dialog = nullptr;
    std::unique_ptr<ScriptedUserAgent> m_agent;
    QList<QUrl> m_opened;  // what the dialog asked the browser to open
    bool m_deliver = true; // the opener hands the address to the agent at once
};

void TestCalendarAccountsDialog::initTestCase()
{
    const QByteArray home = qgetenv("HOME");
    m_withKeychain = home == qgetenv("CHAIRSIDE_TEST_KEYRING_HOME");
    QVERIFY2(!home.isEmpty()
                     && (m_withKeychain || home == qgetenv("CHAIRSIDE_TEST_NO_KEYCHAIN_HOME")),
             "run under tests/auth/with-keyring.sh or as tst_calendaraccountsdialog_nokeychain "
             "(ctest does)");

    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QNetworkAccessManager network;
    OidcDiscovery discovery(&network);
    QSignalSpy found(&discovery, &OidcDiscovery::finished);
    discovery.discover(m_server.issuer());
    QVERIFY(found.wait(15000));
    QVERIFY(discovery.result().ok());
    m_endpoints = *discovery.result();

    m_store = std::make_unique<TempStore>();
    QVERIFY2(m_store->isValid(), qPrintable(m_store->errorString()));
    DemoSalon::Options options;
    options.today = Day;
    const Result<QString> salonId = DemoSalon::write(m_store->store(), options);
    QVERIFY(salonId.ok());
    m_salonId = *salonId;
    for (const Staff &staff : VALUE_OF(m_store->store().staff(m_salonId))) {
        if (staff.active && staff.role != StaffRole::FrontDesk) {
            m_staffId = staff.id;
            break;
        }
    }
    QVERIFY(!m_staffId.isEmpty());
}

void TestCalendarAccountsDialog::init()
{
    m_dataDir.emplace();
    QVERIFY(m_dataDir->isValid());
    const QString settingsPath = CalendarAccounts::settingsPathIn(m_dataDir->path());
    // The Microsoft preset sent to the test server; Google is left without a client id.
    testsupport::pointPresetAt(settingsPath, QStringLiteral("microsoft"),
                               QStringLiteral("chairside-test"), m_endpoints);
    m_agent = std::make_unique<ScriptedUserAgent>();
    m_agent->setDeliverCallback(true);
    m_opened.clear();
    m_deliver = true;
    openWindow();
}

void TestCalendarAccountsDialog::openWindow()
{
    m_accounts =
            std::make_unique<CalendarAccounts>(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    m_window = std::make_unique<MainWindow>(&m_store->store(),
                                            CalendarAccountsWindowPart::source(m_accounts.get()));
    m_window->showDate(Day);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // With accounts connected, the part (refreshes, the reconnect warning)
    // comes by itself after the first paint; without, only when asked for.
    if (!m_accounts->manager()->accounts().isEmpty())
        QTRY_VERIFY(m_window->findChild<QToolButton *>(QStringLiteral("accountsWarningButton")));
    m_dialog = qobject_cast<CalendarAccountsDialog *>(m_window->calendarAccountsDialog());
    QVERIFY(m_dialog);
    m_window->setUrlOpener([this](const QUrl &url) {
        m_opened.append(url);
        if (m_deliver)
            m_agent->start(url);
        return true;
    });
}

void TestCalendarAccountsDialog::closeWindow()
{
    m_window.reset();
    m_dialog = nullptr;
    m_accounts.reset();
}

void TestCalendarAccountsDialog::cleanup()
{
    // Leave the keyring as found: disconnect what a test connected.
    if (m_accounts) {
        AccountManager *manager = m_accounts->manager();
        for (const Account &account : manager->accounts()) {
            QSignalSpy done(manager, &AccountManager::disconnectFinished);
            manager->disconnectAccount(account.id);
            QVERIFY(done.wait(15000));
        }
    }
    closeWindow();
    m_agent.reset();
    m_dataDir.reset();
}

QPushButton *TestCalendarAccountsDialog::button(const QString &name) const
{
    auto *found = m_dialog->findChild<QPushButton *>(name);
    return found && found->isVisibleTo(m_dialog) ? found : nullptr;
}

void TestCalendarAccountsDialog::openDialog()
{
    auto *open = m_window->findChild<QToolButton *>(QStringLiteral("calendarAccountsButton"));
    QVERIFY(open);
    QVERIFY(open->isVisible());
    QTest::mouseClick(open, Qt::LeftButton);
    QTRY_VERIFY(m_dialog->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
    QVERIFY(m_dialog->windowTitle().contains(QLatin1String("Calendar accounts")));
}

void TestCalendarAccountsDialog::connectStylist(const QString &staffId)
{
    openDialog();
    QPushButton *connect = button(QStringLiteral("connectMicrosoftButton_") + staffId);
    QVERIFY(connect);
    QTest::mouseClick(connect, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowText(m_dialog, staffId).contains(QLatin1String("Connected as")),
                             30000);
    QVERIFY2(rowText(m_dialog, staffId)
                     .contains(QStringLiteral("Connected as %1 (Microsoft)").arg(AnnaEmail)),
             qPrintable(rowText(m_dialog, staffId)));
}

std::optional<QByteArray> TestCalendarAccountsDialog::storedRefreshToken(const QString &accountId)
{
    const auto read = readSecret(accountId, SignIn::refreshTokenSecret());
    if (!read || !read->ok())
        return std::nullopt;
    return **read;
}

void TestCalendarAccountsDialog::dialogMadeWhenFirstOpened()
{
    // Building the dialog's rows is a cost every start would pay for a
    // dialog most days never open.
    MainWindow window(&m_store->store(), CalendarAccountsWindowPart::source(m_accounts.get()));
    window.showDate(Day);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.findChild<CalendarAccountsDialog *>());
    // Nothing connected: not even the accounts part is made for the start.
    QCoreApplication::processEvents();
    QVERIFY(!window.findChild<QToolButton *>(QStringLiteral("accountsWarningButton")));
    auto *open = window.findChild<QToolButton *>(QStringLiteral("calendarAccountsButton"));
    QVERIFY(open);
    QTest::mouseClick(open, Qt::LeftButton);
    auto *dialog = window.findChild<CalendarAccountsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QPushButton *>());
    dialog->close();
}

void TestCalendarAccountsDialog::noAccountsNoAction()
{
    // The window without calendar accounts, as the other UI tests make it.
    MainWindow plain(&m_store->store());
    plain.show();
    QVERIFY(!plain.calendarAccountsDialog());
    QVERIFY(!plain.findChild<QToolButton *>(QStringLiteral("calendarAccountsButton")));
    QVERIFY(!plain.findChild<QToolButton *>(QStringLiteral("accountsWarningButton")));

    // With them, and nothing connected: every stylist listed, no warning.
    auto *warning = m_window->findChild<QToolButton *>(QStringLiteral("accountsWarningButton"));
    QVERIFY(warning);
    QVERIFY(!warning->isVisible());
    openDialog();
    for (const Staff &staff : VALUE_OF(m_store->store().staff(m_salonId))) {
        const bool listed = staff.active && staff.role != StaffRole::FrontDesk;
        const QString text = rowText(m_dialog, staff.id);
        QCOMPARE(text.contains(staff.name), listed);
        QCOMPARE(text.contains(QLatin1String("Not connected")), listed);
        QCOMPARE(bool(button(QStringLiteral("connectGoogleButton_") + staff.id)), listed);
        QCOMPARE(bool(button(QStringLiteral("connectMicrosoftButton_") + staff.id)), listed);
    }
}

void TestCalendarAccountsDialog::connectBringsTheWindowBack()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    openDialog();
    m_deliver = false; // the test plays the browser's timing
    QPushButton *connect = button(QStringLiteral("connectMicrosoftButton_") + m_staffId);
    QVERIFY(connect);
    QTest::mouseClick(connect, Qt::LeftButton);
    QCOMPARE(m_opened.size(), 1);
    QCOMPARE(m_opened.constFirst().host(), QUrl(m_server.issuer()).host());
    QVERIFY(rowText(m_dialog, m_staffId).contains(QStringLiteral("Waiting for the browser…")));
    QVERIFY(button(QStringLiteral("cancelConnectButton_") + m_staffId));
    // One sign-in at a time: the other stylists cannot start one now.
    int disabled = 0;
    for (QPushButton *other : m_dialog->findChildren<QPushButton *>()) {
        if (other->objectName().startsWith(QLatin1String("connect"))) {
            QVERIFY(!other->isEnabled());
            ++disabled;
        }
    }
    QVERIFY(disabled > 0);

    // The person is in the browser now: Chairside minimized, something else in front.
    QWidget browser;
    browser.setWindowTitle(QStringLiteral("a browser"));
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    m_window->showMinimized();
    browser.activateWindow();
    QTRY_VERIFY(browser.isActiveWindow());
    QVERIFY(m_window->isMinimized());

    QSignalSpy callback(m_accounts.get(), &CalendarAccounts::callbackReceived);
    m_agent->start(m_opened.constFirst());
    QTRY_VERIFY_WITH_TIMEOUT(
            rowText(m_dialog, m_staffId)
                    .contains(QStringLiteral("Connected as %1 (Microsoft)").arg(AnnaEmail)),
            30000);
    QCOMPARE(callback.size(), 1);
    // Back in front: restored, and the dialog (child of the window) active.
    QVERIFY(!m_window->isMinimized());
    QVERIFY(m_window->isVisible());
    QVERIFY(m_dialog->isVisible());
    QTRY_VERIFY(m_dialog->isActiveWindow());
    QVERIFY(!browser.isActiveWindow());
    QTRY_VERIFY(m_agent->isFinished());
    QCOMPARE(m_agent->callbackStatus(), 200);

    const QList<Account> accounts = m_accounts->manager()->accounts();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.constFirst().id, AnnaAccount);
    QCOMPARE(accounts.constFirst().staffId, m_staffId);
    QVERIFY(button(QStringLiteral("disconnectButton_") + AnnaAccount));
    QVERIFY(!button(QStringLiteral("connectMicrosoftButton_") + m_staffId));
    QVERIFY(!button(QStringLiteral("cancelConnectButton_") + m_staffId));
    QVERIFY(storedRefreshToken(AnnaAccount).has_value());
    // Nothing to warn about.
    QVERIFY(!m_window->findChild<QToolButton *>(QStringLiteral("accountsWarningButton"))
                     ->isVisible());
}

void TestCalendarAccountsDialog::needsReconnectWarns()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    connectStylist(m_staffId);

    // Revoked at the server behind the app's back (RFC 7009), as when the
    // person removes Chairside's access in their account settings.
    const std::optional<QByteArray> token = storedRefreshToken(AnnaAccount);
    QVERIFY(token && !token->isEmpty());
    QNetworkAccessManager network;
    QNetworkRequest request(m_endpoints.revocationEndpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), QString::fromLatin1(*token));
    form.addQueryItem(QStringLiteral("token_type_hint"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("chairside-test"));
    std::unique_ptr<QNetworkReply> revoked(
            network.post(request, form.toString(QUrl::FullyEncoded).toLatin1()));
    QSignalSpy revokedDone(revoked.get(), &QNetworkReply::finished);
    QVERIFY(revokedDone.wait(15000));
    QCOMPARE(revoked->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    m_dialog->close();
    auto *warning = m_window->findChild<QToolButton *>(QStringLiteral("accountsWarningButton"));
    QVERIFY(warning);
    QVERIFY(!warning->isVisible());
    m_accounts->manager()->refresh(AnnaAccount);
    QTRY_VERIFY_WITH_TIMEOUT(
            rowText(m_dialog, m_staffId).contains(QLatin1String("Needs reconnect: ")), 20000);
    QVERIFY2(rowText(m_dialog, m_staffId).contains(QLatin1String("connect again")),
             qPrintable(rowText(m_dialog, m_staffId)));
    QTRY_VERIFY(warning->isVisible());
    QCOMPARE(warning->text(), QStringLiteral("1 calendar account to reconnect"));
    // Shown in the warning colour, not as if all were well.
    auto *state = m_dialog->findChild<QLabel *>(QStringLiteral("accountState_") + AnnaAccount);
    QVERIFY(state);
    QVERIFY(state->palette().color(QPalette::WindowText)
            != m_dialog->palette().color(QPalette::WindowText));

    // The warning opens the dialog, where Reconnect mends it.
    QVERIFY(!m_dialog->isVisible());
    QTest::mouseClick(warning, Qt::LeftButton);
    QTRY_VERIFY(m_dialog->isVisible());
    QPushButton *reconnect = button(QStringLiteral("reconnectButton_") + AnnaAccount);
    QVERIFY(reconnect);
    QVERIFY(button(QStringLiteral("disconnectButton_") + AnnaAccount));
    QTest::mouseClick(reconnect, Qt::LeftButton);
    QCOMPARE(m_opened.size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(
            rowText(m_dialog, m_staffId).contains(QStringLiteral("Connected as %1").arg(AnnaEmail)),
            30000);
    QVERIFY(!rowText(m_dialog, m_staffId).contains(QLatin1String("Needs reconnect")));
    QTRY_VERIFY(!warning->isVisible());
    QCOMPARE(m_accounts->manager()->account(AnnaAccount)->state, Account::State::Connected);
}

void TestCalendarAccountsDialog::refreshErrorStaysVisible()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    connectStylist(m_staffId);
    closeWindow();

    // The token endpoint unreachable, as when the network is down: the
    // account stays connected, and the failure is shown with it.
    const quint16 closedPort = closedLoopbackPort();
    QVERIFY(closedPort != 0);
    const QUrl unreachable(QStringLiteral("http://127.0.0.1:%1/token").arg(closedPort));
    {
        QSettings settings(CalendarAccounts::settingsPathIn(m_dataDir->path()),
                           QSettings::IniFormat);
        const QString key = QStringLiteral("accounts/")
                + QString::fromLatin1(QUrl::toPercentEncoding(AnnaAccount))
                + QStringLiteral("/tokenEndpoint");
        QVERIFY(settings.contains(key));
        settings.setValue(key, unreachable);
    }
    openWindow();
    openDialog();
    QVERIFY(rowText(m_dialog, m_staffId).contains(QLatin1String("Connected as")));
    QVERIFY(!m_dialog->findChild<QLabel *>(QStringLiteral("accountError_") + AnnaAccount));

    m_accounts->manager()->refresh(AnnaAccount);
    QTRY_VERIFY_WITH_TIMEOUT(
            m_dialog->findChild<QLabel *>(QStringLiteral("accountError_") + AnnaAccount), 20000);
    auto *error = m_dialog->findChild<QLabel *>(QStringLiteral("accountError_") + AnnaAccount);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("try again")), qPrintable(error->text()));
    QVERIFY(error->palette().color(QPalette::WindowText)
            != m_dialog->palette().color(QPalette::WindowText));
    QVERIFY(rowText(m_dialog, m_staffId)
                    .contains(QStringLiteral("Connected as %1 (Microsoft)").arg(AnnaEmail)));
    // Not a reason to reconnect: no warning in the status bar.
    QVERIFY(!m_window->findChild<QToolButton *>(QStringLiteral("accountsWarningButton"))
                     ->isVisible());
}

void TestCalendarAccountsDialog::disconnectAsksFirst()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    connectStylist(m_staffId);
    const auto confirmation = [this]() -> QMessageBox * {
        auto *box = m_dialog->findChild<QMessageBox *>(QStringLiteral("confirmDisconnect"));
        return box && box->isVisible() ? box : nullptr;
    };

    // Asked first; Cancel keeps the account.
    QTest::mouseClick(button(QStringLiteral("disconnectButton_") + AnnaAccount), Qt::LeftButton);
    QTRY_VERIFY(confirmation());
    QVERIFY(confirmation()->text().contains(AnnaEmail));
    QTest::mouseClick(confirmation()->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!confirmation());
    QVERIFY(m_accounts->manager()->account(AnnaAccount).has_value());
    QVERIFY(rowText(m_dialog, m_staffId).contains(QLatin1String("Connected as")));

    // Confirmed: gone here, from the keychain, and the row says so.
    QSignalSpy finished(m_accounts->manager(), &AccountManager::disconnectFinished);
    QTest::mouseClick(button(QStringLiteral("disconnectButton_") + AnnaAccount), Qt::LeftButton);
    QTRY_VERIFY(confirmation());
    auto *confirm =
            confirmation()->findChild<QPushButton *>(QStringLiteral("confirmDisconnectButton"));
    QVERIFY(confirm);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowText(m_dialog, m_staffId).contains(QLatin1String("Not connected")),
                             15000);
    QVERIFY2(rowText(m_dialog, m_staffId).contains(QLatin1String("was disconnected")),
             qPrintable(rowText(m_dialog, m_staffId)));
    QCOMPARE(finished.size(), 1);
    QVERIFY(m_accounts->manager()->accounts().isEmpty());
    QVERIFY(!storedRefreshToken(AnnaAccount).has_value());
    QVERIFY(button(QStringLiteral("connectMicrosoftButton_") + m_staffId));
}

void TestCalendarAccountsDialog::cancelWhileWaiting()
{
    openDialog();
    m_deliver = false; // the browser never answers
    QTest::mouseClick(button(QStringLiteral("connectMicrosoftButton_") + m_staffId),
                      Qt::LeftButton);
    QCOMPARE(m_opened.size(), 1);
    QVERIFY(rowText(m_dialog, m_staffId).contains(QStringLiteral("Waiting for the browser…")));
    QVERIFY(m_accounts->isConnecting());

    QSignalSpy finished(m_accounts.get(), &CalendarAccounts::connectFinished);
    QTest::mouseClick(button(QStringLiteral("cancelConnectButton_") + m_staffId), Qt::LeftButton);
    QTRY_VERIFY(!m_accounts->isConnecting());
    QTRY_VERIFY(rowText(m_dialog, m_staffId).contains(QLatin1String("Not connected")));
    QCOMPARE(finished.size(), 1);
    QVERIFY(!rowText(m_dialog, m_staffId).contains(QLatin1String("Waiting")));
    QVERIFY(button(QStringLiteral("connectMicrosoftButton_") + m_staffId)->isEnabled());
    // Nothing kept: no account, and the browser's late answer finds no listener.
    QVERIFY(m_accounts->manager()->accounts().isEmpty());
    QVERIFY(!m_accounts->settings()->childGroups().contains(QLatin1String("accounts")));
    m_agent->start(m_opened.constFirst());
    QTRY_VERIFY_WITH_TIMEOUT(m_agent->isFinished(), 30000);
    QVERIFY(m_agent->callbackStatus() != 200);
    QVERIFY(m_accounts->manager()->accounts().isEmpty());
}

void TestCalendarAccountsDialog::addressShownWhenNoBrowser()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    openDialog();
    int asked = 0;
    m_window->setUrlOpener([&asked](const QUrl &) {
        ++asked;
        return false;
    });
    QTest::mouseClick(button(QStringLiteral("connectMicrosoftButton_") + m_staffId),
                      Qt::LeftButton);
    QCOMPARE(asked, 1);
    auto *address = m_dialog->findChild<QLineEdit *>(QStringLiteral("signInAddress_") + m_staffId);
    QVERIFY(address);
    QVERIFY(address->isVisible());
    QVERIFY(address->isReadOnly());
    QVERIFY(rowText(m_dialog, m_staffId).contains(QLatin1String("could not be opened")));
    QVERIFY(button(QStringLiteral("copySignInAddressButton_") + m_staffId));
    const QStringList unnamed = unnamedControls(m_dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));

    // The person copies the address into a browser themselves: it works.
    const QUrl url(address->text(), QUrl::StrictMode);
    QVERIFY(url.isValid());
    QCOMPARE(url.host(), QUrl(m_server.issuer()).host());
    m_agent->start(url);
    QTRY_VERIFY_WITH_TIMEOUT(rowText(m_dialog, m_staffId).contains(QLatin1String("Connected as")),
                             30000);
    QVERIFY(!m_dialog->findChild<QLineEdit *>(QStringLiteral("signInAddress_") + m_staffId));
}

void TestCalendarAccountsDialog::missingClientIdIsSaid()
{
    // What core says about a Google preset with no client id in this build
    // or these settings; the dialog must show exactly that.
    const Result<Provider> google = Provider::fromName(QStringLiteral("google"), QString(),
                                                       QString(), *m_accounts->settings());
    QVERIFY(google.ok());
    const Result<void> valid = google->validate();
    openDialog();
    QPushButton *connect = button(QStringLiteral("connectGoogleButton_") + m_staffId);
    QVERIFY(connect);
    m_deliver = false;
    QTest::mouseClick(connect, Qt::LeftButton);
    if (valid.ok()) {
        // A build with a Google client id: the button starts a sign-in.
        QCOMPARE(m_opened.size(), 1);
        QVERIFY(rowText(m_dialog, m_staffId).contains(QStringLiteral("Waiting for the browser…")));
        QTest::mouseClick(button(QStringLiteral("cancelConnectButton_") + m_staffId),
                          Qt::LeftButton);
        QTRY_VERIFY(!m_accounts->isConnecting());
        return;
    }
    QVERIFY(valid.error().message.contains(QLatin1String("No Google client id")));
    QCOMPARE(m_opened.size(), 0);
    QVERIFY(!m_accounts->isConnecting());
    auto *note = m_dialog->findChild<QLabel *>(QStringLiteral("note_") + m_staffId);
    QVERIFY(note);
    QVERIFY(note->isVisible());
    QCOMPARE(note->text(), valid.error().message);
    QVERIFY(rowText(m_dialog, m_staffId).contains(QLatin1String("Not connected")));
    // Not a dead end: both buttons still work.
    QVERIFY(button(QStringLiteral("connectGoogleButton_") + m_staffId)->isEnabled());
    QVERIFY(button(QStringLiteral("connectMicrosoftButton_") + m_staffId)->isEnabled());
}

void TestCalendarAccountsDialog::keychainUnavailable()
{
    if (m_withKeychain)
        QFAIL("runs only without a session bus: ctest runs it as "
              "tst_calendaraccountsdialog_nokeychain");
    openDialog();
    QTest::mouseClick(button(QStringLiteral("connectMicrosoftButton_") + m_staffId),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_accounts->isConnecting(), 30000);
    auto *note = m_dialog->findChild<QLabel *>(QStringLiteral("note_") + m_staffId);
    QVERIFY(note);
    QVERIFY2(note->text().contains(QLatin1String("keychain")), qPrintable(note->text()));
    QVERIFY(rowText(m_dialog, m_staffId).contains(QLatin1String("Not connected")));
    QVERIFY(m_accounts->manager()->accounts().isEmpty());
}

QTEST_MAIN(TestCalendarAccountsDialog)
#include "tst_calendaraccountsdialog.moc"
