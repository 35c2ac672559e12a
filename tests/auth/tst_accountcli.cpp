// chairside-cli account connect|list|refresh|disconnect end to end: the
// built CLI ($CHAIRSIDE_CLI) run as a process on its own data folder, the
// real OpenID provider (tests/auth/oidc-server) with a scripted user agent
// in place of the browser, and a real Secret Service (run under
// with-keyring.sh); tst_accountcli_nokeychain runs keychainUnavailable with
// no session bus at all. ctest turns chairside.* logging on, so the CLI's
// stderr that noSecretsLeft() searches holds its debug log too.

#include "auth/oidcdiscovery.h"
#include "auth/provider.h"
#include "auth/signin.h"

#include "clirunner.h"
#include "oidctestserver.h"
#include "presetsettings.h"
#include "probes.h"
#include "scripteduseragent.h"
#include "secrets.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace chairside;
using chairside::testsupport::args;
using chairside::testsupport::CliResult;
using chairside::testsupport::CliRunner;
using chairside::testsupport::closedLoopbackPort;
using chairside::testsupport::fileHoldingAny;
using chairside::testsupport::holdsAny;
using chairside::testsupport::OidcTestServer;
using chairside::testsupport::ScriptedUserAgent;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One `account connect --json` run: its JSON lines and what the browser saw.
struct Connection
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject address; // the first line: authorizationUrl, redirectUri
    QJsonObject result;  // the last line: {"account": ...} or {"error": ...}
    QUrl callback;       // the redirect the user agent followed
    qint64 callbackToExitMs = -1;

    QJsonObject account() const { return result.value(QStringLiteral("account")).toObject(); }
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + "\nstderr: " + err + "\nstdout: " + out;
    }
};

} // namespace

class TestAccountCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void connectListRefreshDisconnect();
    void needsReconnect();
    void openingTheBrowser_data();
    void openingTheBrowser();
    void presets_data();
    void presets();
    void choosingAnAccount();
    void badInput_data();
    void badInput();
    void deniedConsent();
    void noSecretsLeft();
    void keychainUnavailable();

private:
    Connection
    connectAccount(const QStringList &options, const QString &login = {},
                   ScriptedUserAgent::Answer answer = ScriptedUserAgent::Answer::Consent);
    CliResult json(const QStringList &arguments);
    CliResult text(const QStringList &arguments);
    QJsonArray listed();
    std::optional<Result<QByteArray>> readRefreshToken(const QString &accountId);
    void keepSecret(const QByteArray &secret);
    void pointAtServer(const QString &provider, const QString &clientId, bool revocation);
    void forget(const QString &provider);
    QStringList oidcOptions(const QString &staff) const;

    OidcTestServer m_server;
    OidcConfiguration m_endpoints;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dataDir;
    std::optional<CliRunner> m_cli;
    bool m_withKeychain = false;
    // Every secret seen, and everything the CLI printed, for noSecretsLeft().
    QList<QByteArray> m_secrets;
    QByteArray m_printed;
    QList<qint64> m_callbackToExitMs;
};

void TestAccountCli::initTestCase()
{
    // Only in a throwaway HOME: inside with-keyring.sh, or without any
    // keychain (tst_accountcli_nokeychain).
    const QByteArray home = qgetenv("HOME");
    m_withKeychain = home == qgetenv("CHAIRSIDE_TEST_KEYRING_HOME");
    QVERIFY2(!home.isEmpty()
                     && (m_withKeychain || home == qgetenv("CHAIRSIDE_TEST_NO_KEYCHAIN_HOME")),
             "run under tests/auth/with-keyring.sh or as tst_accountcli_nokeychain (ctest does)");
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_CLI"), "CHAIRSIDE_CLI names chairside-cli");
    QVERIFY(m_dataDir.isValid());

    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    const Result<OidcConfiguration> endpoints = m_server.discover(&m_network);
    QVERIFY2(endpoints.ok(), endpoints.ok() ? "" : qPrintable(endpoints.error().message));
    m_endpoints = *endpoints;

    // A small salon made with the CLI itself.
    m_cli.emplace(m_dataDir.path());
    const QList<QStringList> steps{
            args({"salons", "add", "--name", "Test Salon", "--time-zone", "Europe/London"}),
            args({"staff", "add", "--name", "Anna Berg"}),
            args({"staff", "add", "--name", "Mia Khan"}),
            args({"staff", "add", "--name", "Tom Reed"}),
            args({"staff", "add", "--name", "Zoe Quinn"}),
    };
    for (const QStringList &step : steps) {
        const CliResult result = json(step);
        QVERIFY2(result.exitCode == 0, result.describe());
    }
}

CliResult TestAccountCli::json(const QStringList &arguments)
{
    CliResult result = m_cli->json(arguments);
    m_printed += result.out + result.err;
    return result;
}

CliResult TestAccountCli::text(const QStringList &arguments)
{
    CliResult result = m_cli->text(arguments);
    m_printed += result.out + result.err;
    return result;
}

QJsonArray TestAccountCli::listed()
{
    const CliResult result = json(args({"account", "list"}));
    if (result.exitCode != 0)
        qWarning("account list: %s", result.describe().constData());
    return result.json.value(QStringLiteral("accounts")).toArray();
}

QStringList TestAccountCli::oidcOptions(const QString &staff) const
{
    return {QStringLiteral("--provider"),  QStringLiteral("oidc"),
            QStringLiteral("--issuer"),    m_server.issuer(),
            QStringLiteral("--client-id"), QStringLiteral("chairside-test"),
            QStringLiteral("--staff"),     staff,
            QStringLiteral("--no-browser")};
}

Connection TestAccountCli::connectAccount(const QStringList &options, const QString &login,
                                          ScriptedUserAgent::Answer answer)
{
    Connection connection;
    QProcess process;
    QElapsedTimer clock;
    qint64 callbackAt = -1;
    qint64 exitAt = -1;
    connect(&process, &QProcess::finished, this, [&] { exitAt = clock.nsecsElapsed(); });
    clock.start();
    process.start(qEnvironmentVariable("CHAIRSIDE_CLI"),
                  QStringList{QStringLiteral("--data-dir"), m_dataDir.path(),
                              QStringLiteral("--json"), QStringLiteral("account"),
                              QStringLiteral("connect")}
                          + options);
    // The address comes first, on a line of its own, while the CLI waits.
    if (!QTest::qWaitFor(
                [&] { return process.canReadLine() || process.state() == QProcess::NotRunning; },
                30000))
        qWarning("account connect printed no address within 30 s");
    const QByteArray first = process.readLine();
    connection.out += first;
    connection.address = QJsonDocument::fromJson(first).object();

    ScriptedUserAgent agent;
    if (!login.isEmpty())
        agent.setLogin(login);
    agent.setAnswer(answer);
    agent.setDeliverCallback(true);
    connect(&agent, &ScriptedUserAgent::finished, this, [&] { callbackAt = clock.nsecsElapsed(); });
    const QUrl url(connection.address.value(QStringLiteral("authorizationUrl")).toString());
    if (url.isValid() && !url.isEmpty())
        agent.start(url);

    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished();
    }
    if (!QTest::qWaitFor([&] { return agent.isFinished() || url.isEmpty(); }, 30000))
        qWarning("the user agent did not finish: %s", qPrintable(agent.errorString()));
    connection.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    connection.out += process.readAllStandardOutput();
    connection.err = process.readAllStandardError();
    const QList<QByteArray> lines = connection.out.trimmed().split('\n');
    connection.result = QJsonDocument::fromJson(lines.constLast()).object();
    connection.callback = agent.callbackUrl();
    if (callbackAt >= 0 && exitAt >= callbackAt)
        connection.callbackToExitMs = (exitAt - callbackAt) / 1000000;
    m_printed += connection.out + connection.err;
    keepSecret(QUrlQuery(connection.callback)
                       .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded)
                       .toLatin1());
    return connection;
}

std::optional<Result<QByteArray>> TestAccountCli::readRefreshToken(const QString &accountId)
{
    const auto answer = testsupport::readSecret(accountId, SignIn::refreshTokenSecret());
    if (answer && answer->ok())
        keepSecret(**answer);
    return answer;
}

void TestAccountCli::keepSecret(const QByteArray &secret)
{
    if (!secret.isEmpty() && !m_secrets.contains(secret))
        m_secrets.append(secret);
}

// What a salon's admin would put in settings.ini to use its own
// registration; here it sends the preset to the test server.
void TestAccountCli::pointAtServer(const QString &provider, const QString &clientId,
                                   bool revocation)
{
    testsupport::pointPresetAt(m_dataDir.filePath(QStringLiteral("settings.ini")), provider,
                               clientId, m_endpoints, revocation);
}

void TestAccountCli::forget(const QString &provider)
{
    QSettings settings(m_dataDir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    settings.remove(QStringLiteral("auth/") + provider);
}

void TestAccountCli::connectListRefreshDisconnect()
{
    // connect, by the stylist's first name
    const Connection connected = connectAccount(oidcOptions(QStringLiteral("Anna")));
    QVERIFY2(connected.exitCode == 0, connected.describe());
    const QUrl authorizationUrl(
            connected.address.value(QStringLiteral("authorizationUrl")).toString());
    QVERIFY(authorizationUrl.toString().startsWith(m_endpoints.authorizationEndpoint.toString()));
    const QUrl redirect(connected.address.value(QStringLiteral("redirectUri")).toString());
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(redirect.path(), QStringLiteral("/cb/oidc"));
    QCOMPARE(QUrlQuery(authorizationUrl)
                     .queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
             redirect.toString());
    // JSON Lines: the address, then the account, one line each.
    QCOMPARE(connected.out.trimmed().count('\n'), 1);
    const QJsonObject account = connected.account();
    QCOMPARE(account.value(QStringLiteral("id")).toString(), QStringLiteral("oidc:anna"));
    QCOMPARE(account.value(QStringLiteral("email")).toString(),
             QStringLiteral("anna@example.test"));
    QCOMPARE(account.value(QStringLiteral("state")).toString(), QStringLiteral("connected"));
    QCOMPARE(account.value(QStringLiteral("staffName")).toString(), QStringLiteral("Anna Berg"));
    QCOMPARE(account.value(QStringLiteral("provider")).toString(), QStringLiteral("oidc"));
    QCOMPARE(account.value(QStringLiteral("tenantOrIssuer")).toString(), m_server.issuer());
    QVERIFY(connected.callbackToExitMs >= 0);
    m_callbackToExitMs.append(connected.callbackToExitMs);
    qInfo("account connect: %lld ms from the browser's callback to the CLI's exit",
          connected.callbackToExitMs);

    const auto stored = readRefreshToken(QStringLiteral("oidc:anna"));
    QVERIFY(stored.has_value() && stored->ok());

    // list, as JSON
    const QJsonArray accounts = listed();
    QCOMPARE(accounts.size(), 1);
    const QJsonObject row = accounts.at(0).toObject();
    const QStringList keys{QStringLiteral("id"),
                           QStringLiteral("staffId"),
                           QStringLiteral("staffName"),
                           QStringLiteral("provider"),
                           QStringLiteral("tenantOrIssuer"),
                           QStringLiteral("email"),
                           QStringLiteral("state"),
                           QStringLiteral("lastError"),
                           QStringLiteral("connectedAt"),
                           QStringLiteral("lastRefreshAt"),
                           QStringLiteral("accessTokenExpiresAt")};
    QStringList rowKeys = row.keys();
    QStringList sortedKeys = keys;
    rowKeys.sort();
    sortedKeys.sort();
    QCOMPARE(rowKeys, sortedKeys);
    QCOMPARE(row.value(QStringLiteral("staffId")), account.value(QStringLiteral("staffId")));
    QCOMPARE(row.value(QStringLiteral("lastError")).toString(), QString());
    const QDateTime expiry = QDateTime::fromString(
            row.value(QStringLiteral("accessTokenExpiresAt")).toString(), Qt::ISODateWithMs);
    QVERIFY(expiry.isValid());
    QCOMPARE(expiry.timeSpec(), Qt::UTC);
    QVERIFY(expiry > QDateTime::currentDateTimeUtc());

    // list, as text
    const CliResult table = text(args({"account", "list"}));
    QVERIFY2(table.exitCode == 0, table.describe());
    const QString shown = QString::fromUtf8(table.out);
    for (const char *expected :
         {"Stylist", "Anna Berg", "anna@example.test", "connected", "OpenID Connect at 127.0.0.1"})
        QVERIFY2(shown.contains(QLatin1String(expected)), qPrintable(shown));
    QVERIFY(!shown.contains(QLatin1String("needs reconnect")));
    // --staff narrows it down.
    const CliResult forMia = json(args({"account", "list", "--staff", "Mia"}));
    QCOMPARE(forMia.exitCode, 0);
    QCOMPARE(forMia.json.value(QStringLiteral("accounts")).toArray().size(), 0);

    // refresh, by the stylist: the access runs longer
    const CliResult refreshed = json(args({"account", "refresh", "Anna Berg"}));
    QVERIFY2(refreshed.exitCode == 0, refreshed.describe());
    const QJsonObject after = refreshed.json.value(QStringLiteral("account")).toObject();
    const QDateTime newExpiry = QDateTime::fromString(
            after.value(QStringLiteral("accessTokenExpiresAt")).toString(), Qt::ISODateWithMs);
    QVERIFY2(newExpiry > expiry, qPrintable(newExpiry.toString(Qt::ISODateWithMs)));
    QVERIFY(after.value(QStringLiteral("lastRefreshAt")).isString());
    const auto rotated = readRefreshToken(QStringLiteral("oidc:anna"));
    QVERIFY(rotated.has_value() && rotated->ok());
    const CliResult refreshedText = text(args({"account", "refresh", "anna@example.test"}));
    QVERIFY2(refreshedText.exitCode == 0, refreshedText.describe());
    QVERIFY2(refreshedText.out.contains("Refreshed anna@example.test"), refreshedText.out);
    QVERIFY(refreshedText.out.contains("valid until"));
    readRefreshToken(QStringLiteral("oidc:anna"));

    // disconnect: revoked at the server, gone here and from the keychain
    const CliResult disconnected = text(args({"account", "disconnect", "oidc:anna"}));
    QVERIFY2(disconnected.exitCode == 0, disconnected.describe());
    QVERIFY2(disconnected.out.contains("Disconnected anna@example.test")
                     && disconnected.out.contains("revoked"),
             disconnected.out);
    QCOMPARE(listed().size(), 0);
    const auto gone = readRefreshToken(QStringLiteral("oidc:anna"));
    QVERIFY(gone.has_value());
    QVERIFY(!gone->ok());
    QCOMPARE(gone->error().code, Error::Code::NotFound);
    const CliResult empty = text(args({"account", "list"}));
    QCOMPARE(empty.exitCode, 0);
    QVERIFY2(empty.out.contains("No calendar account"), empty.out);
}

// The refresh token revoked behind the app's back: the next refresh ends in
// "needs reconnect", shown by list; disconnect still cleans up.
void TestAccountCli::needsReconnect()
{
    const Connection connected = connectAccount(oidcOptions(QStringLiteral("Anna")));
    QVERIFY2(connected.exitCode == 0, connected.describe());
    const auto token = readRefreshToken(QStringLiteral("oidc:anna"));
    QVERIFY(token.has_value() && token->ok());

    QNetworkRequest request(m_endpoints.revocationEndpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    std::unique_ptr<QNetworkReply> revoked(
            m_network.post(request,
                           "token=" + QUrl::toPercentEncoding(QString::fromLatin1(**token))
                                   + "&token_type_hint=refresh_token&client_id=chairside-test"));
    QSignalSpy done(revoked.get(), &QNetworkReply::finished);
    QVERIFY(done.wait(15000));
    QCOMPARE(revoked->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    const CliResult refreshed = json(args({"account", "refresh", "oidc:anna"}));
    QCOMPARE(refreshed.exitCode, 3);
    const QString message = refreshed.errorText();
    QVERIFY2(message.contains(QLatin1String("no longer accepts"))
                     && message.contains(QLatin1String("anna@example.test"))
                     && message.contains(QLatin1String("connect again")),
             qPrintable(message));
    QCOMPARE(refreshed.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("exitCode"))
                     .toInt(),
             3);

    const QJsonArray accounts = listed();
    QCOMPARE(accounts.size(), 1);
    const QJsonObject row = accounts.at(0).toObject();
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("needs_reconnect"));
    QVERIFY(row.value(QStringLiteral("lastError"))
                    .toString()
                    .contains(QLatin1String("connect again")));
    const CliResult table = text(args({"account", "list"}));
    QVERIFY2(table.out.contains("needs reconnect") && table.out.contains("! needs reconnect: ")
                     && table.out.contains("connect again"),
             table.out);

    const CliResult disconnected = json(args({"account", "disconnect", "Anna"}));
    QVERIFY2(disconnected.exitCode == 0, disconnected.describe());
    QCOMPARE(listed().size(), 0);
    const auto gone = readRefreshToken(QStringLiteral("oidc:anna"));
    QVERIFY(gone.has_value() && !gone->ok());
    QCOMPARE(gone->error().code, Error::Code::NotFound);
}

void TestAccountCli::openingTheBrowser_data()
{
    QTest::addColumn<bool>("browser"); // an xdg-open that works, or none at all
    QTest::addRow("browser opened") << true;
    QTest::addRow("no browser") << false;
}

// Without --no-browser and --json: the CLI starts xdg-open (a stand-in here
// that writes down the address it was given) and prints the address too.
void TestAccountCli::openingTheBrowser()
{
    QFETCH(bool, browser);

    QTemporaryDir bin;
    QVERIFY(bin.isValid());
    const QString opened = bin.filePath(QStringLiteral("opened.txt"));
    if (browser) {
        QFile opener(bin.filePath(QStringLiteral("xdg-open")));
        QVERIFY(opener.open(QIODevice::WriteOnly));
        opener.write("#!/bin/sh\nprintf '%s' \"$1\" > \"" + opened.toUtf8() + "\"\n");
        opener.close();
        QVERIFY(opener.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ExeOwner));
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"), bin.path()); // nothing else to find
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("CHAIRSIDE_CLI"),
                  {QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("account"),
                   QStringLiteral("connect"), QStringLiteral("--provider"), QStringLiteral("oidc"),
                   QStringLiteral("--issuer"), m_server.issuer(), QStringLiteral("--client-id"),
                   QStringLiteral("chairside-test"), QStringLiteral("--staff"),
                   QStringLiteral("Anna")});
    // The address, on the line after the one that says what to do with it.
    QByteArray printed;
    QTRY_VERIFY_WITH_TIMEOUT((printed += process.readAllStandardOutput()).count('\n') >= 3, 30000);
    const QList<QByteArray> lines = printed.split('\n');
    const QUrl url(QString::fromUtf8(lines.at(1)));
    QVERIFY2(url.toString().startsWith(m_endpoints.authorizationEndpoint.toString()), printed);
    if (browser) {
        QVERIFY2(lines.at(0).contains("If no browser appeared, open this address"), printed);
        QTRY_COMPARE_WITH_TIMEOUT(fileBytes(opened), url.toString(QUrl::FullyEncoded).toUtf8(),
                                  15000);
    } else {
        QVERIFY2(lines.at(0).contains("No browser could be started"), printed);
    }
    QVERIFY2(lines.at(2).contains("Waiting for the sign-in"), printed);

    ScriptedUserAgent agent;
    agent.setDeliverCallback(true);
    agent.start(url);
    // The agent needs the event loop: no blocking waitForFinished().
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000);
    QCOMPARE(process.exitCode(), 0);
    printed += process.readAllStandardOutput();
    m_printed += printed + process.readAllStandardError();
    QVERIFY2(printed.contains("Connected anna@example.test for Anna Berg (OpenID Connect at "
                              "127.0.0.1)."),
             printed);
    keepSecret(QUrlQuery(agent.callbackUrl())
                       .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded)
                       .toLatin1());
    readRefreshToken(QStringLiteral("oidc:anna"));

    const CliResult disconnected = json(args({"account", "disconnect", "anna@example.test"}));
    QVERIFY2(disconnected.exitCode == 0, disconnected.describe());
    QCOMPARE(listed().size(), 0);
}

void TestAccountCli::presets_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("redirectHost");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("tenantOrIssuer");
    QTest::addColumn<bool>("revocable");

    // Google's preset, every endpoint pointed at the test server in settings.ini.
    QTest::addRow("google") << QStringLiteral("google") << QStringLiteral("chairside-test-google")
                            << QStringLiteral("127.0.0.1") << QStringLiteral("bea") << QString()
                            << true;
    // Microsoft's: tenant "common" by default, the redirect on localhost, and
    // no revocation endpoint (as at Microsoft).
    QTest::addRow("microsoft") << QStringLiteral("microsoft") << QStringLiteral("chairside-test")
                               << QStringLiteral("localhost") << QStringLiteral("cleo")
                               << QStringLiteral("common") << false;
}

void TestAccountCli::presets()
{
    QFETCH(QString, provider);
    QFETCH(QString, clientId);
    QFETCH(QString, redirectHost);
    QFETCH(QString, login);
    QFETCH(QString, tenantOrIssuer);
    QFETCH(bool, revocable);

    pointAtServer(provider, clientId, revocable);
    const Connection connected =
            connectAccount({QStringLiteral("--provider"), provider, QStringLiteral("--staff"),
                            QStringLiteral("Mia Khan"), QStringLiteral("--no-browser")},
                           login);
    QVERIFY2(connected.exitCode == 0, connected.describe());
    const QUrl redirect(connected.address.value(QStringLiteral("redirectUri")).toString());
    QCOMPARE(redirect.host(), redirectHost);
    QCOMPARE(redirect.path(), QLatin1String("/cb/") + provider);
    const QJsonObject account = connected.account();
    const QString id = provider + QLatin1Char(':') + login;
    QCOMPARE(account.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(account.value(QStringLiteral("provider")).toString(), provider);
    QCOMPARE(account.value(QStringLiteral("email")).toString(),
             login + QLatin1String("@example.test"));
    QCOMPARE(account.value(QStringLiteral("state")).toString(), QStringLiteral("connected"));
    QCOMPARE(account.value(QStringLiteral("staffName")).toString(), QStringLiteral("Mia Khan"));
    if (!tenantOrIssuer.isEmpty())
        QCOMPARE(account.value(QStringLiteral("tenantOrIssuer")).toString(), tenantOrIssuer);
    m_callbackToExitMs.append(connected.callbackToExitMs);
    const auto token = readRefreshToken(id);
    QVERIFY(token.has_value() && token->ok());

    const CliResult table = text(args({"account", "list", "--staff", "Mia"}));
    QVERIFY2(table.exitCode == 0, table.describe());
    const QString displayName = provider == QLatin1String("google") ? QStringLiteral("Google")
                                                                    : QStringLiteral("Microsoft");
    QVERIFY2(table.out.contains(displayName.toUtf8()), table.out);

    const CliResult refreshed = json(args({"account", "refresh", "Mia"}));
    QVERIFY2(refreshed.exitCode == 0, refreshed.describe());
    readRefreshToken(id);

    const CliResult disconnected =
            json({QStringLiteral("account"), QStringLiteral("disconnect"), id});
    QVERIFY2(disconnected.exitCode == 0, disconnected.describe());
    const QJsonObject gone = disconnected.json.value(QStringLiteral("disconnected")).toObject();
    QCOMPARE(gone.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(gone.value(QStringLiteral("revoked")).toBool(), revocable);
    QCOMPARE(listed().size(), 0);
    const auto removed = readRefreshToken(id);
    QVERIFY(removed.has_value() && !removed->ok());
    QCOMPARE(removed->error().code, Error::Code::NotFound);
    forget(provider);
}

// ACCOUNT by stylist when they have several accounts; a stylist removed
// since stays listed by id.
void TestAccountCli::choosingAnAccount()
{
    for (const char *login : {"dan", "eve"}) {
        const Connection connected =
                connectAccount(oidcOptions(QStringLiteral("Tom")), QLatin1String(login));
        QVERIFY2(connected.exitCode == 0, connected.describe());
    }
    const CliResult several = json(args({"account", "refresh", "Tom"}));
    QCOMPARE(several.exitCode, 3);
    QVERIFY2(several.errorText().contains(QLatin1String("several calendar accounts"))
                     && several.errorText().contains(QLatin1String("dan@example.test (oidc:dan)"))
                     && several.errorText().contains(QLatin1String("eve@example.test (oidc:eve)")),
             qPrintable(several.errorText()));

    const Connection zoe =
            connectAccount(oidcOptions(QStringLiteral("Zoe")), QStringLiteral("zoe"));
    QVERIFY2(zoe.exitCode == 0, zoe.describe());
    const QString zoeId = zoe.account().value(QStringLiteral("staffId")).toString();
    const CliResult removed = json(args({"staff", "remove", "Zoe Quinn"}));
    QVERIFY2(removed.exitCode == 0, removed.describe());
    const QJsonArray accounts = listed();
    QCOMPARE(accounts.size(), 3);
    bool seen = false;
    for (const QJsonValue &value : accounts) {
        const QJsonObject row = value.toObject();
        if (row.value(QStringLiteral("id")).toString() != QLatin1String("oidc:zoe"))
            continue;
        seen = true;
        QCOMPARE(row.value(QStringLiteral("staffId")).toString(), zoeId);
        QVERIFY(row.value(QStringLiteral("staffName")).isNull());
    }
    QVERIFY(seen);
    const CliResult table = text(args({"account", "list"}));
    QVERIFY2(table.exitCode == 0 && table.out.contains(zoeId.toUtf8()), table.describe());

    for (const char *which : {"dan@example.test", "oidc:eve", "zoe@example.test"}) {
        const CliResult disconnected = text(args({"account", "disconnect", which}));
        QVERIFY2(disconnected.exitCode == 0, disconnected.describe());
    }
    QCOMPARE(listed().size(), 0);
}

void TestAccountCli::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");

    const QString issuer = m_server.issuer();
    const auto connect = [](const QStringList &options) {
        return QStringList{QStringLiteral("account"), QStringLiteral("connect"),
                           QStringLiteral("--no-browser")}
        + options;
    };
    QTest::addRow("unknown provider") << connect(args({"--provider", "yahoo", "--staff", "Anna"}))
                                      << 2 << QStringLiteral("“yahoo” is not a provider");
    QTest::addRow("oidc without --issuer") << connect(
            args({"--provider", "oidc", "--client-id", "chairside-test", "--staff", "Anna"}))
                                           << 2 << QStringLiteral("needs --issuer");
    QTest::addRow("--tenant for google")
            << connect(args({"--provider", "google", "--tenant", "common", "--staff", "Anna"})) << 2
            << QStringLiteral("--tenant is only for");
    QTest::addRow("no stylist") << connect(args({"--provider", "google"})) << 2
                                << QStringLiteral("--staff");
    QTest::addRow("http issuer elsewhere")
            << connect(args({"--provider", "oidc", "--issuer", "http://id.example.com",
                             "--client-id", "chairside-test", "--staff", "Anna"}))
            << 3 << QStringLiteral("https://");
    QTest::addRow("oidc without client id") << connect(
            {QStringLiteral("--provider"), QStringLiteral("oidc"), QStringLiteral("--issuer"),
             issuer, QStringLiteral("--staff"), QStringLiteral("Anna")})
                                            << 3 << QStringLiteral("No client id is given");
    QTest::addRow("google without client id")
            << connect(args({"--provider", "google", "--staff", "Anna"})) << 3
            << QStringLiteral("No Google client id");
    QTest::addRow("unknown stylist") << connect(
            {QStringLiteral("--provider"), QStringLiteral("oidc"), QStringLiteral("--issuer"),
             issuer, QStringLiteral("--client-id"), QStringLiteral("chairside-test"),
             QStringLiteral("--staff"), QStringLiteral("Nobody")})
                                     << 3 << QStringLiteral("There is no stylist called “Nobody”");
    QTest::addRow("unreachable issuer")
            << connect({QStringLiteral("--provider"), QStringLiteral("oidc"),
                        QStringLiteral("--issuer"),
                        QStringLiteral("http://127.0.0.1:%1").arg(closedLoopbackPort()),
                        QStringLiteral("--client-id"), QStringLiteral("chairside-test"),
                        QStringLiteral("--staff"), QStringLiteral("Anna")})
            << 1 << QStringLiteral("Could not reach the sign-in server");
    QTest::addRow("refresh an unknown account")
            << args({"account", "refresh", "nobody@example.test"}) << 3
            << QStringLiteral("There is no calendar account “nobody@example.test”");
    QTest::addRow("disconnect an unknown account")
            << args({"account", "disconnect", "oidc:nobody"}) << 3
            << QStringLiteral("There is no calendar account “oidc:nobody”");
    QTest::addRow("refresh without an account")
            << args({"account", "refresh"}) << 2 << QStringLiteral("Say which account");
}

void TestAccountCli::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);

    const QString settingsPath = m_dataDir.filePath(QStringLiteral("settings.ini"));
    const QByteArray settingsBefore = fileBytes(settingsPath);
    const QByteArray storeBefore = m_cli->exportStore();
    const CliResult result = json(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.errorText().contains(mentions), qPrintable(result.errorText()));
    // One sentence, also as the JSON error object.
    const QJsonObject error = result.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("exitCode")).toInt(), exitCode);
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(mentions));
    QVERIFY(!result.out.contains("authorizationUrl"));
    // Nothing saved.
    QCOMPARE(fileBytes(settingsPath), settingsBefore);
    QCOMPARE(m_cli->exportStore(), storeBefore);
    QCOMPARE(listed().size(), 0);
}

void TestAccountCli::deniedConsent()
{
    const QString settingsPath = m_dataDir.filePath(QStringLiteral("settings.ini"));
    const QByteArray settingsBefore = fileBytes(settingsPath);
    const Connection denied = connectAccount(oidcOptions(QStringLiteral("Anna")), {},
                                             ScriptedUserAgent::Answer::Deny);
    QCOMPARE(denied.exitCode, 3);
    QVERIFY(!denied.address.value(QStringLiteral("authorizationUrl")).toString().isEmpty());
    QVERIFY2(denied.err.contains("Access was not granted"), denied.describe());
    QCOMPARE(denied.result.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("exitCode"))
                     .toInt(),
             3);
    QCOMPARE(fileBytes(settingsPath), settingsBefore);
    QCOMPARE(listed().size(), 0);
    const auto token = readRefreshToken(QStringLiteral("oidc:anna"));
    QVERIFY(token.has_value() && !token->ok());
    QCOMPARE(token->error().code, Error::Code::NotFound);
}

// After every flow above: no secret in any file of the throwaway HOME, the
// runtime dir and the data folder, nor in anything the CLI printed.
void TestAccountCli::noSecretsLeft()
{
    QVERIFY(m_secrets.size() >= 6); // codes and refresh tokens of the flows above
    const QStringList roots{qEnvironmentVariable("HOME"), qEnvironmentVariable("XDG_RUNTIME_DIR"),
                            m_dataDir.path()};
    int searched = 0;
    const QString holding = fileHoldingAny(roots, m_secrets, &searched);
    QVERIFY2(holding.isEmpty(), qPrintable(holding));
    QVERIFY(searched >= 3); // the keyring, the store, settings.ini at least
    QVERIFY(m_printed.contains("anna@example.test"));
    // The CLI's own log was on (QT_LOGGING_RULES from ctest) and searched too.
    QVERIFY(m_printed.contains("chairside.auth"));
    QVERIFY(!holdsAny(m_printed, m_secrets));
    // Nor an ID token: a JWT, base64url of '{"' and two more dot-separated
    // parts. ("eyJ" alone turns up by chance in the random state, nonce and
    // PKCE challenge of the printed sign-in addresses.)
    const QRegularExpression jwt(QStringLiteral("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\."));
    const QRegularExpressionMatch found = jwt.match(QString::fromUtf8(m_printed));
    QVERIFY2(!found.hasMatch(), qPrintable(found.captured()));
    qInfo("searched %d files and %lld bytes of CLI output for %lld secrets; callback to exit: "
          "%s ms",
          searched, qint64(m_printed.size()), qint64(m_secrets.size()), qPrintable([this] {
              QStringList ms;
              for (qint64 value : std::as_const(m_callbackToExitMs))
                  ms.append(QString::number(value));
              return ms.join(QLatin1String(", "));
          }()));
}

// Run by tst_accountcli_nokeychain (no session bus at all): the sign-in
// works, but nothing can be kept, and the message says so.
void TestAccountCli::keychainUnavailable()
{
    if (m_withKeychain)
        QFAIL("runs only without a session bus: ctest runs it as tst_accountcli_nokeychain");
    const QString settingsPath = m_dataDir.filePath(QStringLiteral("settings.ini"));
    const QByteArray settingsBefore = fileBytes(settingsPath);
    const Connection connection = connectAccount(oidcOptions(QStringLiteral("Anna")));
    QCOMPARE(connection.exitCode, 1);
    QVERIFY2(connection.err.contains("keychain"), connection.describe());
    const QJsonObject error = connection.result.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("unavailable"));
    QCOMPARE(fileBytes(settingsPath), settingsBefore);
    QCOMPARE(listed().size(), 0);
}

QTEST_GUILESS_MAIN(TestAccountCli)
#include "tst_accountcli.moc"
