// AccountManager against the real OpenID provider (oidc-provider), accounts
// connected through SignIn and a real Secret Service (with-keyring.sh); and
// with no keychain at all (tst_accountmanager_nokeychain).

#include "auth/accountmanager.h"
#include "auth/oidcdiscovery.h"
#include "auth/provider.h"
#include "auth/signin.h"
#include "auth/tokenclient.h"
#include "auth/tokenstore.h"

#include "logrecorder.h"
#include "movableclock.h"
#include "oidctestserver.h"
#include "scripteduseragent.h"
#include "secrets.h"

#include <QFile>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace chairside;
using chairside::testsupport::LogRecorder;
using chairside::testsupport::MovableClock;
using chairside::testsupport::OidcTestServer;
using chairside::testsupport::readSecret;
using chairside::testsupport::ScriptedUserAgent;

namespace {

// Counts the POSTs to one URL (the token endpoint).
class CountingNetwork : public QNetworkAccessManager
{
public:
    QUrl counted;
    int posts = 0;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *data) override
    {
        if (op == PostOperation && request.url() == counted)
            ++posts;
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

template <typename T>
QString why(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

// refreshFinished / disconnectFinished of one account, kept (Result has no QVariant).
struct Outcomes
{
    QList<Result<void>> results;
};

void watchRefresh(AccountManager &manager, const QString &id, Outcomes &outcomes)
{
    QObject::connect(&manager, &AccountManager::refreshFinished, &manager,
                     [&outcomes, id](const QString &a, const Result<void> &result) {
                         if (a == id)
                             outcomes.results.append(result);
                     });
}

void watchDisconnect(AccountManager &manager, const QString &id, Outcomes &outcomes)
{
    QObject::connect(&manager, &AccountManager::disconnectFinished, &manager,
                     [&outcomes, id](const QString &a, const Result<void> &result) {
                         if (a == id)
                             outcomes.results.append(result);
                     });
}

} // namespace

class TestAccountManager : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void refreshDueAt_data();
    void refreshDueAt();
    void refreshRotates();
    void concurrentRefreshJoins();
    void scheduledRefresh();
    void revokedGrantNeedsReconnect();
    void disconnectRevokes();
    void transientErrorRetries();
    void keychainUnavailable();
    void logsHoldNoSecrets();

private:
    // A real account through SignIn; the refresh token ends in the keychain.
    std::optional<SignedInAccount> signIn(const QString &accountId, const Clock &clock);
    Provider provider() const;
    std::unique_ptr<QSettings> settings() const;

    OidcTestServer m_server;
    CountingNetwork m_network;
    TokenStore m_store;
    OidcConfiguration m_endpoints;
    QTemporaryDir m_dir;
    bool m_withKeychain = false;
    QList<QByteArray> m_secrets; // tokens and emails seen, for logsHoldNoSecrets
};

void TestAccountManager::initTestCase()
{
    const QByteArray home = qgetenv("HOME");
    m_withKeychain = home == qgetenv("CHAIRSIDE_TEST_KEYRING_HOME");
    QVERIFY2(!home.isEmpty()
                     && (m_withKeychain || home == qgetenv("CHAIRSIDE_TEST_NO_KEYCHAIN_HOME")),
             "run under tests/auth/with-keyring.sh or as tst_accountmanager_nokeychain (ctest "
             "does)");
    QVERIFY(m_dir.isValid());
    LogRecorder::install();
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    const Result<OidcConfiguration> endpoints = m_server.discover(&m_network);
    QVERIFY2(endpoints.ok(), endpoints.ok() ? "" : qPrintable(endpoints.error().message));
    m_endpoints = *endpoints;
    m_network.counted = m_endpoints.tokenEndpoint;
}

void TestAccountManager::cleanupTestCase()
{
    m_server.stop();
    LogRecorder::uninstall();
}

std::unique_ptr<QSettings> TestAccountManager::settings() const
{
    return std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                       QSettings::IniFormat);
}

Provider TestAccountManager::provider() const
{
    QSettings empty(m_dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
    Result<Provider> provider =
            Provider::oidc(m_server.issuer(), QStringLiteral("chairside-test"), empty);
    if (!provider.ok())
        qFatal("provider: %s", qPrintable(provider.error().message));
    provider->setEndpoints(m_endpoints);
    return *provider;
}

std::optional<SignedInAccount> TestAccountManager::signIn(const QString &accountId,
                                                          const Clock &clock)
{
    SignIn signIn(&m_network, &m_store, clock);
    ScriptedUserAgent agent;
    agent.setDeliverCallback(true);
    connect(&signIn, &SignIn::authorizationUrlReady, &agent, &ScriptedUserAgent::start);
    std::optional<Result<SignedInAccount>> outcome;
    connect(&signIn, &SignIn::finished, this,
            [&outcome](const Result<SignedInAccount> &result) { outcome = result; });
    if (!signIn.start(OidcTestServer::signInConfig(m_endpoints, accountId)).ok())
        return std::nullopt;
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30000) || !outcome->ok()) {
        qWarning("sign-in failed: %s", outcome ? qPrintable(why(*outcome)) : "timeout");
        return std::nullopt;
    }
    m_secrets.append(outcome->value().accessToken);
    if (!outcome->value().email.isEmpty())
        m_secrets.append(outcome->value().email.toUtf8());
    return outcome->value();
}

void TestAccountManager::refreshDueAt_data()
{
    QTest::addColumn<qint64>("lifetime");
    QTest::addColumn<qint64>("lead");
    QTest::addRow("one hour: 5 minutes before") << qint64(3600) << qint64(300);
    QTest::addRow("ten minutes: at 80%%") << qint64(600) << qint64(120);
    QTest::addRow("one minute: at 80%%") << qint64(60) << qint64(12);
    QTest::addRow("25 minutes: exactly 5 minutes") << qint64(1500) << qint64(300);
}

void TestAccountManager::refreshDueAt()
{
    QFETCH(qint64, lifetime);
    QFETCH(qint64, lead);
    const QDateTime issued = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    const QDateTime expires = issued.addSecs(lifetime);
    QCOMPARE(AccountManager::refreshDueAt(issued, expires), expires.addSecs(-lead));
    QVERIFY(!AccountManager::refreshDueAt(issued, QDateTime()).isValid());
}

void TestAccountManager::refreshRotates()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    const QString id = QStringLiteral("rotates");
    const auto signedIn = signIn(id, Clock::system());
    QVERIFY(signedIn);
    const auto before = readSecret(id, SignIn::refreshTokenSecret());
    QVERIFY(before && before->ok());

    auto ini = settings();
    AccountManager manager(ini.get(), &m_store, &m_network);
    manager.addSignedIn(*signedIn, QStringLiteral("staff-1"), provider());
    QCOMPARE(manager.accessToken(id), signedIn->accessToken);
    const auto account = manager.account(id);
    QVERIFY(account);
    QCOMPARE(account->staffId, QStringLiteral("staff-1"));
    QCOMPARE(account->state, Account::State::Connected);

    Outcomes done;
    watchRefresh(manager, id, done);
    manager.refresh(id);
    QTRY_COMPARE_WITH_TIMEOUT(done.results.size(), 1, 20000);
    QVERIFY2(done.results.first().ok(), qPrintable(why(done.results.first())));

    const auto after = readSecret(id, SignIn::refreshTokenSecret());
    QVERIFY(after && after->ok());
    QVERIFY(!(*after)->isEmpty());
    QVERIFY(**after != **before);
    const QByteArray token = manager.accessToken(id);
    QVERIFY(!token.isEmpty());
    QVERIFY(token != signedIn->accessToken);
    m_secrets << **before << **after << token;
    QVERIFY(manager.account(id)->lastError.isEmpty());

    // The settings hold metadata only: no token bytes.
    ini->sync();
    QFile file(ini->fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("rotates"));
    for (const QByteArray &secret : {**before, **after, token, signedIn->accessToken})
        QVERIFY(!bytes.contains(secret));
}

void TestAccountManager::concurrentRefreshJoins()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    const QString id = QStringLiteral("concurrent");
    const auto signedIn = signIn(id, Clock::system());
    QVERIFY(signedIn);
    auto ini = settings();
    AccountManager manager(ini.get(), &m_store, &m_network);
    manager.addSignedIn(*signedIn, QStringLiteral("staff-2"), provider());

    Outcomes done;
    watchRefresh(manager, id, done);
    const int postsBefore = m_network.posts;
    manager.refresh(id);
    manager.refresh(id);
    QVERIFY(manager.isRefreshing(id));
    QTRY_COMPARE_WITH_TIMEOUT(done.results.size(), 1, 20000);
    QVERIFY2(done.results.first().ok(), qPrintable(why(done.results.first())));
    QCOMPARE(m_network.posts - postsBefore, 1);
    QVERIFY(!manager.isRefreshing(id));
    // Were there two requests, the second would have reused the rotated-away
    // token and oidc-provider would have killed the grant: refresh still works.
    manager.refresh(id);
    QTRY_COMPARE_WITH_TIMEOUT(done.results.size(), 2, 20000);
    QVERIFY2(done.results.last().ok(), qPrintable(why(done.results.last())));
    QCOMPARE(m_network.posts - postsBefore, 2);
}

void TestAccountManager::scheduledRefresh()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    const QString id = QStringLiteral("scheduled");
    MovableClock clock;
    const auto signedIn = signIn(id, clock);
    QVERIFY(signedIn);
    auto ini = settings();
    AccountManager manager(ini.get(), &m_store, &m_network, clock);
    manager.addSignedIn(*signedIn, QStringLiteral("staff-3"), provider());
    const QDateTime expiry = manager.account(id)->accessTokenExpiresAt;
    QVERIFY(expiry.isValid());
    const QDateTime due = AccountManager::refreshDueAt(manager.account(id)->lastRefreshAt, expiry);
    QVERIFY(due < expiry);

    Outcomes done;
    watchRefresh(manager, id, done);
    QVERIFY(!manager.refreshDueAccounts().contains(id));
    manager.checkRefreshes();
    QVERIFY(!manager.isRefreshing(id));

    clock.advance(clock.now().secsTo(due) + 1);
    QCOMPARE(manager.refreshDueAccounts(), QStringList{id});
    manager.checkRefreshes();
    QVERIFY(manager.isRefreshing(id));
    QTRY_COMPARE_WITH_TIMEOUT(done.results.size(), 1, 20000);
    QVERIFY2(done.results.first().ok(), qPrintable(why(done.results.first())));
    QVERIFY(manager.account(id)->accessTokenExpiresAt > expiry);
    QVERIFY(!manager.refreshDueAccounts().contains(id));
}

void TestAccountManager::revokedGrantNeedsReconnect()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    const QString id = QStringLiteral("revoked");
    const auto signedIn = signIn(id, Clock::system());
    QVERIFY(signedIn);
    auto ini = settings();
    {
        AccountManager manager(ini.get(), &m_store, &m_network);
        manager.addSignedIn(*signedIn, QStringLiteral("staff-4"), provider());

        // Behind the manager's back.
        const auto token = readSecret(id, SignIn::refreshTokenSecret());
        QVERIFY(token && token->ok());
        TokenClient client(m_endpoints, QStringLiteral("chairside-test"), &m_network);
        std::unique_ptr<TokenReply> revoked(client.revoke(**token));
        QSignalSpy revokedDone(revoked.get(), &TokenReply::finished);
        QVERIFY(revokedDone.wait(15000));
        QVERIFY2(revoked->result().ok(), qPrintable(why(revoked->result())));

        QSignalSpy accountChanged(&manager, &AccountManager::accountChanged);
        Outcomes done;
        watchRefresh(manager, id, done);
        manager.refresh(id);
        QTRY_COMPARE_WITH_TIMEOUT(done.results.size(), 1, 20000);
        QVERIFY(!done.results.first().ok());
        QVERIFY(accountChanged.contains(QVariantList{id}));
        const Account account = *manager.account(id);
        QCOMPARE(account.state, Account::State::NeedsReconnect);
        QVERIFY2(account.lastError.contains(QLatin1String("no longer accepts Chairside's access"))
                         && account.lastError.contains(QLatin1String("connect again"))
                         && account.lastError.contains(QLatin1String("127.0.0.1")),
                 qPrintable(account.lastError));
        QVERIFY(!signedIn->email.isEmpty());
        QVERIFY(account.lastError.contains(signedIn->email));
        QCOMPARE(done.results.first().error().message, account.lastError);
        // Not refreshed again on its own: it waits for the stylist.
        QVERIFY(!manager.refreshDueAccounts().contains(id));
        QVERIFY(manager.accessToken(id).isEmpty());
        QVERIFY(!manager.isRefreshing(id));
    }
    // Persisted: a new manager over the same settings sees it.
    auto reopened = settings();
    AccountManager again(reopened.get(), &m_store, &m_network);
    const auto account = again.account(id);
    QVERIFY(account);
    QCOMPARE(account->state, Account::State::NeedsReconnect);
    QVERIFY(account->lastError.contains(QLatin1String("connect again")));
    QCOMPARE(account->staffId, QStringLiteral("staff-4"));
    QCOMPARE(account->subject, signedIn->subject);
}

void TestAccountManager::disconnectRevokes()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    const QString id = QStringLiteral("disconnected");
    const auto signedIn = signIn(id, Clock::system());
    QVERIFY(signedIn);
    auto ini = settings();
    AccountManager manager(ini.get(), &m_store, &m_network);
    manager.addSignedIn(*signedIn, QStringLiteral("staff-5"), provider());
    const auto token = readSecret(id, SignIn::refreshTokenSecret());
    QVERIFY(token && token->ok());
    QVERIFY(ini->childGroups().contains(QStringLiteral("accounts")));

    QSignalSpy removed(&manager, &AccountManager::accountRemoved);
    Outcomes done;
    watchDisconnect(manager, id, done);
    manager.disconnectAccount(id);
    QTRY_COMPARE_WITH_TIMEOUT(done.results.size(), 1, 20000);
    QVERIFY2(done.results.first().ok(), qPrintable(why(done.results.first())));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(0).toString(), id);
    QVERIFY(!manager.account(id));

    // Revoked at the server.
    TokenClient client(m_endpoints, QStringLiteral("chairside-test"), &m_network);
    std::unique_ptr<TokenReply> refreshed(client.refresh(**token));
    QSignalSpy refreshDone(refreshed.get(), &TokenReply::finished);
    QVERIFY(refreshDone.wait(15000));
    QVERIFY(!refreshed->result().ok());
    QVERIFY(refreshed->needsReconnect());
    // Gone from the keychain and the settings.
    const auto after = readSecret(id, SignIn::refreshTokenSecret());
    QVERIFY(after && !after->ok());
    QCOMPARE(after->error().code, Error::Code::NotFound);
    auto reopened = settings();
    AccountManager again(reopened.get(), &m_store, &m_network);
    QVERIFY(!again.account(id));
    reopened->beginGroup(QStringLiteral("accounts"));
    QVERIFY(!reopened->childGroups().contains(id));
}

// A 503 with Retry-After keeps the token and the state, and plans the retry
// after the server's delay.
void TestAccountManager::transientErrorRetries()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost));
    int requests = 0;
    connect(&busy, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = busy.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&requests, socket] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            ++requests;
            socket->write("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\n"
                          "Content-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    });
    OidcConfiguration endpoints = m_endpoints;
    endpoints.tokenEndpoint =
            QUrl(QStringLiteral("http://127.0.0.1:%1/token").arg(busy.serverPort()));
    Provider busyProvider = provider();
    busyProvider.setEndpoints(endpoints);

    const QString id = QStringLiteral("transient");
    QSignalSpy written(&m_store, &TokenStore::written);
    m_store.write(id, SignIn::refreshTokenSecret(), QByteArrayLiteral("kept-refresh-token"));
    QVERIFY(written.wait(15000));

    MovableClock clock;
    SignedInAccount signedIn;
    signedIn.accountId = id;
    signedIn.provider = QStringLiteral("oidc");
    signedIn.issuer = m_server.issuer();
    signedIn.subject = QStringLiteral("someone");
    signedIn.accessToken = QByteArrayLiteral("short-lived");
    signedIn.expiresAt = clock.now().addSecs(60);
    auto ini = settings();
    AccountManager manager(ini.get(), &m_store, &m_network, clock);
    manager.addSignedIn(signedIn, QStringLiteral("staff-7"), busyProvider);

    Outcomes done;
    watchRefresh(manager, id, done);
    manager.refresh(id);
    QTRY_COMPARE_WITH_TIMEOUT(done.results.size(), 1, 40000);
    QVERIFY(!done.results.first().ok());
    QCOMPARE(requests, 1);
    const Account account = *manager.account(id);
    QCOMPARE(account.state, Account::State::Connected);
    QVERIFY(!account.lastError.isEmpty());
    const auto kept = readSecret(id, SignIn::refreshTokenSecret());
    QVERIFY(kept && kept->ok());
    QCOMPARE(**kept, QByteArrayLiteral("kept-refresh-token"));

    clock.advance(100);
    QVERIFY(!manager.refreshDueAccounts().contains(id));
    clock.advance(21);
    QCOMPARE(manager.refreshDueAccounts(), QStringList{id});
    manager.checkRefreshes();
    QTRY_COMPARE_WITH_TIMEOUT(done.results.size(), 2, 40000);
    QCOMPARE(requests, 2);
    QCOMPARE(manager.account(id)->state, Account::State::Connected);
}

void TestAccountManager::keychainUnavailable()
{
    if (m_withKeychain)
        QFAIL("runs only without a session bus: ctest runs it as tst_accountmanager_nokeychain");
    const QString id = QStringLiteral("nokeychain");
    SignedInAccount signedIn;
    signedIn.accountId = id;
    signedIn.provider = QStringLiteral("oidc");
    signedIn.issuer = m_server.issuer();
    signedIn.subject = QStringLiteral("someone");
    signedIn.email = QStringLiteral("mia@example.org");
    signedIn.accessToken = QByteArrayLiteral("not-a-real-token");
    signedIn.expiresAt = QDateTime::currentDateTimeUtc().addSecs(60);
    auto ini = settings();
    AccountManager manager(ini.get(), &m_store, &m_network);
    manager.addSignedIn(signedIn, QStringLiteral("staff-6"), provider());

    Outcomes done;
    watchRefresh(manager, id, done);
    const int postsBefore = m_network.posts;
    manager.refresh(id);
    QTRY_COMPARE_WITH_TIMEOUT(done.results.size(), 1, 20000);
    QVERIFY(!done.results.first().ok());
    QCOMPARE(done.results.first().error().code, Error::Code::Unavailable);
    QCOMPARE(m_network.posts, postsBefore);
    const Account account = *manager.account(id);
    QCOMPARE(account.state, Account::State::Connected);
    QVERIFY2(account.lastError.contains(QLatin1String("keychain")), qPrintable(account.lastError));
    // A retry is planned, not a silent stop.
    QVERIFY(!manager.refreshDueAccounts().contains(id));

    auto reopened = settings();
    AccountManager again(reopened.get(), &m_store, &m_network);
    QVERIFY(again.account(id));
    QCOMPARE(again.account(id)->state, Account::State::Connected);
    QCOMPARE(again.account(id)->staffId, QStringLiteral("staff-6"));
}

// Ids and providers only: never a token, never an email.
void TestAccountManager::logsHoldNoSecrets()
{
    if (!m_withKeychain)
        QFAIL("needs a keychain: run it through ctest, which starts one with with-keyring.sh");
    const QStringList lines = LogRecorder::lines();
    QVERIFY(!lines.filter(QLatin1String("account refreshed")).isEmpty());
    QVERIFY(!m_secrets.isEmpty());
    const QByteArray joined = lines.join(QLatin1Char('\n')).toUtf8();
    for (const QByteArray &secret : std::as_const(m_secrets)) {
        QVERIFY(!secret.isEmpty());
        QVERIFY(!joined.contains(secret));
    }
}

QTEST_GUILESS_MAIN(TestAccountManager)
#include "tst_accountmanager.moc"
