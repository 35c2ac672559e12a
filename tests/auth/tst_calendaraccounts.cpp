// CalendarAccounts, the one entry point the app and the CLI use: every
// preset (an OpenID issuer found by discovery, Google and Microsoft pointed
// at the test server through settings) connected end to end against the
// real oidc-provider and a real Secret Service (run under with-keyring.sh),
// and each way a connect can end early.

#include "auth/accountmanager.h"
#include "auth/calendaraccounts.h"
#include "auth/oidcdiscovery.h"
#include "auth/signin.h"

#include "oidctestserver.h"
#include "presetsettings.h"
#include "probes.h"
#include "scripteduseragent.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace chairside;
using chairside::testsupport::closedLoopbackPort;
using chairside::testsupport::OidcTestServer;
using chairside::testsupport::ScriptedUserAgent;

namespace {

// connectFinished() of one CalendarAccounts, kept (Result has no default
// constructor, so no QVariant for QSignalSpy).
struct Outcome
{
    std::optional<Result<Account>> result;
    int count = 0;
};

void watch(CalendarAccounts &accounts, Outcome &outcome)
{
    QObject::connect(&accounts, &CalendarAccounts::connectFinished, &accounts,
                     [&outcome](const Result<Account> &result) {
                         outcome.result = result;
                         ++outcome.count;
                     });
}

QString why(const Result<Account> &result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TestCalendarAccounts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void connectPreset_data();
    void connectPreset();
    void reconnectReplaces();
    void refusedAtOnce_data();
    void refusedAtOnce();
    void oneConnectAtATime();
    void unreachableIssuer();
    void cancelWhileDiscovering();
    void cancelWhileWaitingForBrowser();
    void deniedConsent();

private:
    void pointAtServer(const QString &provider, const QString &clientId);
    // Connecting an account at the test server, found by discovery.
    CalendarAccounts::ConnectRequest
    oidcRequest(const QString &staffId = QStringLiteral("staff-1")) const;

    OidcTestServer m_server;
    OidcConfiguration m_endpoints;
    std::optional<QTemporaryDir> m_dataDir;
};

void TestCalendarAccounts::initTestCase()
{
    QVERIFY2(qgetenv("HOME") == qgetenv("CHAIRSIDE_TEST_KEYRING_HOME")
                     && !qgetenv("HOME").isEmpty(),
             "run under tests/auth/with-keyring.sh (ctest does)");
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QNetworkAccessManager network;
    const Result<OidcConfiguration> endpoints = m_server.discover(&network);
    QVERIFY2(endpoints.ok(), endpoints.ok() ? "" : qPrintable(endpoints.error().message));
    m_endpoints = *endpoints;
}

void TestCalendarAccounts::init()
{
    m_dataDir.emplace();
    QVERIFY(m_dataDir->isValid());
}

void TestCalendarAccounts::cleanup()
{
    m_dataDir.reset();
}

// What a salon's admin would put in Settings to use its own registration;
// here it sends the preset to the test server.
void TestCalendarAccounts::pointAtServer(const QString &provider, const QString &clientId)
{
    testsupport::pointPresetAt(CalendarAccounts::settingsPathIn(m_dataDir->path()), provider,
                               clientId, m_endpoints);
}

CalendarAccounts::ConnectRequest TestCalendarAccounts::oidcRequest(const QString &staffId) const
{
    return {QStringLiteral("oidc"), m_server.issuer(), QStringLiteral("chairside-test"), staffId};
}

void TestCalendarAccounts::connectPreset_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("clientId");     // empty: given with the request
    QTest::addColumn<QString>("redirectHost"); // where the browser is sent back
    QTest::addColumn<QString>("login");

    QTest::addRow("oidc by discovery") << QStringLiteral("oidc") << QString()
                                       << QStringLiteral("127.0.0.1") << QStringLiteral("anna");
    QTest::addRow("google preset")
            << QStringLiteral("google") << QStringLiteral("chairside-test-google")
            << QStringLiteral("127.0.0.1") << QStringLiteral("bea");
    QTest::addRow("microsoft preset")
            << QStringLiteral("microsoft") << QStringLiteral("chairside-test")
            << QStringLiteral("localhost") << QStringLiteral("cleo");
}

void TestCalendarAccounts::connectPreset()
{
    QFETCH(QString, provider);
    QFETCH(QString, clientId);
    QFETCH(QString, redirectHost);
    QFETCH(QString, login);

    if (!clientId.isEmpty())
        pointAtServer(provider, clientId);
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    ScriptedUserAgent agent;
    agent.setLogin(login);
    agent.setDeliverCallback(true);
    connect(&accounts, &CalendarAccounts::authorizationUrlReady, &agent, &ScriptedUserAgent::start);
    QSignalSpy callback(&accounts, &CalendarAccounts::callbackReceived);
    Outcome outcome;
    watch(accounts, outcome);

    const CalendarAccounts::ConnectRequest request{
            provider, provider == QLatin1String("oidc") ? m_server.issuer() : QString(),
            provider == QLatin1String("oidc") ? QStringLiteral("chairside-test") : QString(),
            QStringLiteral("staff-1")};
    const Result<void> started = accounts.connectAccount(request);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QVERIFY(accounts.isConnecting());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.count > 0, 30000);
    QCOMPARE(outcome.count, 1);
    QVERIFY2(outcome.result->ok(), qPrintable(why(*outcome.result)));
    QCOMPARE(callback.count(), 1);
    QVERIFY(!accounts.isConnecting());
    QCOMPARE(accounts.signIn()->redirectUri().host(), redirectHost);
    QCOMPARE(accounts.signIn()->redirectUri().path(), QLatin1String("/cb/") + provider);
    QTRY_VERIFY(agent.isFinished());
    QCOMPARE(agent.callbackStatus(), 200);

    const Account &account = **outcome.result;
    QCOMPARE(account.id, provider + QLatin1Char(':') + login);
    QCOMPARE(account.staffId, QStringLiteral("staff-1"));
    QCOMPARE(account.provider, provider);
    QCOMPARE(account.email, login + QLatin1String("@example.test"));
    QCOMPARE(account.state, Account::State::Connected);
    QVERIFY(!accounts.manager()->accessToken(account.id).isEmpty());

    // Recorded in the data dir's settings: another CalendarAccounts (the CLI
    // after the app, say) sees the account.
    CalendarAccounts again(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    const std::optional<Account> reloaded = again.manager()->account(account.id);
    QVERIFY(reloaded.has_value());
    QCOMPARE(reloaded->email, account.email);
    QCOMPARE(reloaded->staffId, account.staffId);

    // And its refresh token works from there.
    QSignalSpy refreshed(again.manager(), &AccountManager::refreshFinished);
    again.manager()->refresh(account.id);
    QVERIFY(refreshed.wait(15000));
    QVERIFY(!again.manager()->accessToken(account.id).isEmpty());

    QSignalSpy disconnected(again.manager(), &AccountManager::disconnectFinished);
    again.manager()->disconnectAccount(account.id);
    QVERIFY(disconnected.wait(15000));
    QVERIFY(!again.manager()->account(account.id).has_value());
}

void TestCalendarAccounts::reconnectReplaces()
{
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    ScriptedUserAgent agent;
    agent.setDeliverCallback(true);
    connect(&accounts, &CalendarAccounts::authorizationUrlReady, &agent, &ScriptedUserAgent::start);
    Outcome outcome;
    watch(accounts, outcome);

    // The same person signs in for Mia, then again for Noor: one account, now Noor's.
    for (const QString &staffId : {QStringLiteral("mia"), QStringLiteral("noor")}) {
        const int before = outcome.count;
        QVERIFY(accounts.connectAccount(oidcRequest(staffId)).ok());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.count > before, 30000);
        QVERIFY2(outcome.result->ok(), qPrintable(why(*outcome.result)));
    }
    const QList<Account> all = accounts.manager()->accounts();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.constFirst().staffId, QStringLiteral("noor"));
    QCOMPARE(all.constFirst().state, Account::State::Connected);

    QSignalSpy disconnected(accounts.manager(), &AccountManager::disconnectFinished);
    accounts.manager()->disconnectAccount(all.constFirst().id);
    QVERIFY(disconnected.wait(15000));
}

void TestCalendarAccounts::refusedAtOnce_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("tenantOrIssuer");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("staffId");
    QTest::addColumn<QString>("mentions");

    const QString staff = QStringLiteral("staff-1");
    QTest::addRow("unknown provider") << QStringLiteral("yahoo") << QString() << QString() << staff
                                      << QStringLiteral("yahoo");
    QTest::addRow("no stylist") << QStringLiteral("oidc")
                                << QStringLiteral("https://id.example.com") << QStringLiteral("x")
                                << QString() << QStringLiteral("stylist");
    QTest::addRow("google without client id") << QStringLiteral("google") << QString() << QString()
                                              << staff << QStringLiteral("No Google client id");
    QTest::addRow("microsoft without client id")
            << QStringLiteral("microsoft") << QStringLiteral("common") << QString() << staff
            << QStringLiteral("No Microsoft client id");
    QTest::addRow("oidc without client id")
            << QStringLiteral("oidc") << QStringLiteral("https://id.example.com") << QString()
            << staff << QStringLiteral("client id");
    QTest::addRow("oidc over http elsewhere")
            << QStringLiteral("oidc") << QStringLiteral("http://id.example.com")
            << QStringLiteral("x") << staff << QStringLiteral("https://");
    QTest::addRow("malformed tenant")
            << QStringLiteral("microsoft") << QStringLiteral("not a tenant") << QString() << staff
            << QStringLiteral("not a Microsoft tenant");
}

void TestCalendarAccounts::refusedAtOnce()
{
    QFETCH(QString, provider);
    QFETCH(QString, tenantOrIssuer);
    QFETCH(QString, clientId);
    QFETCH(QString, staffId);
    QFETCH(QString, mentions);

    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    QSignalSpy urls(&accounts, &CalendarAccounts::authorizationUrlReady);
    QSignalSpy finished(&accounts, &CalendarAccounts::connectFinished);
    const Result<void> started =
            accounts.connectAccount({provider, tenantOrIssuer, clientId, staffId});
    QVERIFY(!started.ok());
    QVERIFY2(started.error().message.contains(mentions), qPrintable(started.error().message));
    QVERIFY(!accounts.isConnecting());
    QCoreApplication::processEvents();
    QCOMPARE(urls.count(), 0);
    QCOMPARE(finished.count(), 0);
    QVERIFY(accounts.manager()->accounts().isEmpty());
}

void TestCalendarAccounts::oneConnectAtATime()
{
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    QSignalSpy urls(&accounts, &CalendarAccounts::authorizationUrlReady);
    Outcome outcome;
    watch(accounts, outcome);
    const CalendarAccounts::ConnectRequest request = oidcRequest();
    QVERIFY(accounts.connectAccount(request).ok());
    const Result<void> second = accounts.connectAccount(request);
    QVERIFY(!second.ok());
    QVERIFY(second.error().message.contains(QLatin1String("being connected already")));
    QVERIFY(urls.wait(15000));
    QCOMPARE(urls.count(), 1);

    accounts.cancelConnect();
    QTRY_COMPARE(outcome.count, 1);
    QVERIFY(!outcome.result->ok());
    QVERIFY(!accounts.isConnecting());
}

void TestCalendarAccounts::unreachableIssuer()
{
    const quint16 port = closedLoopbackPort();
    QVERIFY(port != 0);
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    QSignalSpy urls(&accounts, &CalendarAccounts::authorizationUrlReady);
    Outcome outcome;
    watch(accounts, outcome);
    QVERIFY(accounts.connectAccount({QStringLiteral("oidc"),
                                     QStringLiteral("http://127.0.0.1:%1").arg(port),
                                     QStringLiteral("chairside-test"), QStringLiteral("staff-1")})
                    .ok());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.count > 0, 15000);
    QVERIFY(!outcome.result->ok());
    QVERIFY2(outcome.result->error().message.contains(QLatin1String("Could not reach")),
             qPrintable(outcome.result->error().message));
    // A passing state, not a refusal: try again later.
    QCOMPARE(outcome.result->error().code, Error::Code::Unavailable);
    QCOMPARE(urls.count(), 0);
    QVERIFY(!accounts.isConnecting());
    QVERIFY(accounts.manager()->accounts().isEmpty());
}

void TestCalendarAccounts::cancelWhileDiscovering()
{
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    QSignalSpy urls(&accounts, &CalendarAccounts::authorizationUrlReady);
    Outcome outcome;
    watch(accounts, outcome);
    QVERIFY(accounts.connectAccount(oidcRequest()).ok());
    // Discovery needs the event loop: nothing has been answered yet.
    accounts.cancelConnect();
    QCOMPARE(outcome.count, 1);
    QVERIFY(!outcome.result->ok());
    QVERIFY(outcome.result->error().message.contains(QLatin1String("cancelled")));
    QVERIFY(!accounts.isConnecting());
    // The aborted discovery says nothing more later.
    QSignalSpy more(&accounts, &CalendarAccounts::connectFinished);
    QVERIFY(!more.wait(300));
    QCOMPARE(outcome.count, 1);
    QCOMPARE(urls.count(), 0);
}

void TestCalendarAccounts::cancelWhileWaitingForBrowser()
{
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    QSignalSpy urls(&accounts, &CalendarAccounts::authorizationUrlReady);
    Outcome outcome;
    watch(accounts, outcome);
    QVERIFY(accounts.connectAccount(oidcRequest()).ok());
    QVERIFY(urls.wait(15000));
    QVERIFY(accounts.signIn()->isRunning());
    accounts.cancelConnect();
    QTRY_COMPARE(outcome.count, 1);
    QVERIFY(outcome.result->error().message.contains(QLatin1String("cancelled")));
    QVERIFY(!accounts.signIn()->isRunning());
    QVERIFY(accounts.manager()->accounts().isEmpty());

    // The next connect is free to start.
    QVERIFY(accounts.connectAccount(oidcRequest()).ok());
    QVERIFY(urls.wait(15000));
    accounts.cancelConnect();
    QTRY_COMPARE(outcome.count, 2);
}

void TestCalendarAccounts::deniedConsent()
{
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(m_dataDir->path()));
    ScriptedUserAgent agent;
    agent.setAnswer(ScriptedUserAgent::Answer::Deny);
    agent.setDeliverCallback(true);
    connect(&accounts, &CalendarAccounts::authorizationUrlReady, &agent, &ScriptedUserAgent::start);
    Outcome outcome;
    watch(accounts, outcome);
    QVERIFY(accounts.connectAccount(oidcRequest()).ok());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.count > 0, 30000);
    QVERIFY(!outcome.result->ok());
    QVERIFY2(outcome.result->error().message.contains(QLatin1String("Access was not granted")),
             qPrintable(outcome.result->error().message));
    QVERIFY(accounts.manager()->accounts().isEmpty());
}

QTEST_GUILESS_MAIN(TestCalendarAccounts)
#include "tst_calendaraccounts.moc"
