// One whole sign-in through SignIn: the real loopback receiver, the real
// OpenID provider (oidc-provider, tests/auth/oidc-server) driven by a
// scripted user agent, and a real Secret Service (run under with-keyring.sh).

#include "auth/authorizationcodeflow.h"
#include "auth/oidcdiscovery.h"
#include "auth/signin.h"
#include "auth/tokenclient.h"
#include "auth/tokenstore.h"

#include "logrecorder.h"
#include "movableclock.h"
#include "oidctestserver.h"
#include "probes.h"
#include "scripteduseragent.h"
#include "secrets.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace chairside;
using chairside::testsupport::fileHoldingAny;
using chairside::testsupport::heapInUseBytes;
using chairside::testsupport::heapInUseUnknown;
using chairside::testsupport::holdsAny;
using chairside::testsupport::LogRecorder;
using chairside::testsupport::MovableClock;
using chairside::testsupport::OidcTestServer;
using chairside::testsupport::openFileDescriptors;
using chairside::testsupport::readSecret;
using chairside::testsupport::residentMemoryKiB;
using chairside::testsupport::ScriptedUserAgent;

namespace {

template <typename T>
QString why(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

// finished() of one SignIn, kept (Result has no default constructor, so no QVariant).
struct Outcome
{
    std::optional<Result<SignedInAccount>> result;
    int count = 0;
};

void watch(SignIn &signIn, Outcome &outcome)
{
    QObject::connect(&signIn, &SignIn::finished, &signIn,
                     [&outcome](const Result<SignedInAccount> &result) {
                         outcome.result = result;
                         ++outcome.count;
                     });
}

// For repeatedSignInsLeaveNothing: what its sixty sign-ins may add to the
// heap in use, in all.
constexpr qint64 maxHeapGrowthKiB = 384;

bool portIsClosed(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return !socket.waitForConnected(2000);
}

} // namespace

// An AuthorizationCodeFlow in place of the loopback one: answers with the
// tokens it was given once the event loop runs. Shows the seam works, and
// reaches SignIn's own checks of what a flow brings back.
class ScriptedFlow : public AuthorizationCodeFlow
{
public:
    ScriptedFlow(Result<TokenSet> answer, QObject *parent)
        : AuthorizationCodeFlow(parent), m_answer(std::move(answer))
    {}

    Result<QUrl> start(const Request &request, const Clock &) override
    {
        m_request = request;
        QTimer::singleShot(0, this, [this] {
            if (m_aborted)
                return;
            emit callbackReceived();
            emit finished(m_answer);
        });
        return QUrl(QStringLiteral("https://sign-in.example.test/authorize"));
    }
    void abort() override { m_aborted = true; }
    void checkExpiry() override {}
    QUrl redirectUri() const override { return QUrl(QStringLiteral("http://127.0.0.1:9/cb/oidc")); }

    const Request &request() const { return m_request; }

private:
    Result<TokenSet> m_answer;
    Request m_request;
    bool m_aborted = false;
};

class TestSignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void fullFlow();
    void repeatedSignInsLeaveNothing();
    void deniedConsent();
    void cancel();
    void cancelWhileExchanging();
    void destroyedWhileWaiting();
    void cancelWhileStoring();
    void keysUnreachable();
    void timeout();
    void oneAttemptAtATime();
    void incompleteConfig();
    void otherFlow_data();
    void otherFlow();
    void keychainUnavailable();

private:
    SignInConfig config(const QString &accountId) const;

    OidcTestServer m_server;
    QNetworkAccessManager m_network;
    TokenStore m_store;
    OidcConfiguration m_provider;
    bool m_withKeychain = false;
};

void TestSignIn::initTestCase()
{
    // Only in a throwaway HOME: inside with-keyring.sh, or without any
    // keychain (tst_signin_nokeychain).
    const QByteArray home = qgetenv("HOME");
    m_withKeychain = home == qgetenv("CHAIRSIDE_TEST_KEYRING_HOME");
    QVERIFY2(!home.isEmpty()
                     && (m_withKeychain || home == qgetenv("CHAIRSIDE_TEST_NO_KEYCHAIN_HOME")),
             "run under tests/auth/with-keyring.sh or as tst_signin_nokeychain (ctest does)");

    LogRecorder::install();
    QLoggingCategory::setFilterRules(QStringLiteral("chairside.*=true"));

    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    const Result<OidcConfiguration> endpoints = m_server.discover(&m_network);
    QVERIFY2(endpoints.ok(), endpoints.ok() ? "" : qPrintable(endpoints.error().message));
    m_provider = *endpoints;
}

void TestSignIn::cleanupTestCase()
{
    m_server.stop();
    LogRecorder::uninstall();
}

SignInConfig TestSignIn::config(const QString &accountId) const
{
    return OidcTestServer::signInConfig(m_provider, accountId);
}

void TestSignIn::fullFlow()
{
    const QString accountId = QStringLiteral("anna@salon");

    SignIn signIn(&m_network, &m_store);
    ScriptedUserAgent agent;
    agent.setDeliverCallback(true);
    connect(&signIn, &SignIn::authorizationUrlReady, &agent, &ScriptedUserAgent::start);

    // Callback → exchange → ID token check → keychain, timed step by step.
    QElapsedTimer clock;
    qint64 exchanged = -1, keysFetched = -1, stored = -1;
    connect(&signIn, &SignIn::stepChanged, this, [&](SignIn::Step step) {
        if (step == SignIn::Step::ExchangingCode)
            clock.start();
        else if (step == SignIn::Step::CheckingIdToken)
            exchanged = clock.nsecsElapsed();
        else if (step == SignIn::Step::StoringToken)
            keysFetched = clock.nsecsElapsed();
    });
    connect(&m_store, &TokenStore::written, &signIn, [&] {
        if (clock.isValid() && stored < 0)
            stored = clock.nsecsElapsed();
    });

    Outcome finished;
    watch(signIn, finished);
    QVERIFY2(signIn.start(config(accountId)).ok(), "start");
    QVERIFY(signIn.isRunning());
    QCOMPARE(signIn.redirectUri().host(), QStringLiteral("127.0.0.1"));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count > 0, 30000);
    QCOMPARE(finished.count, 1);
    const Result<SignedInAccount> result = *finished.result;
    QVERIFY2(result.ok(), qPrintable(why(result)));
    QVERIFY(!signIn.isRunning());

    const SignedInAccount &account = *result;
    QCOMPARE(account.accountId, accountId);
    QCOMPARE(account.provider, QStringLiteral("oidc"));
    QCOMPARE(account.issuer, m_server.issuer());
    QVERIFY(!account.subject.isEmpty());
    QVERIFY(!account.accessToken.isEmpty());
    QVERIFY(account.expiresAt > QDateTime::currentDateTimeUtc());

    QTRY_VERIFY(agent.isFinished());
    QCOMPARE(agent.callbackStatus(), 200);
    QVERIFY(portIsClosed(signIn.redirectUri().port()));
    const QByteArray code = QUrlQuery(agent.callbackUrl())
                                    .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded)
                                    .toLatin1();
    QVERIFY(!code.isEmpty());

    QVERIFY(exchanged > 0 && keysFetched >= exchanged && stored >= keysFetched);
    const double ms = 1e-6;
    qInfo("callback to stored tokens: %.2f ms in all; token request (incl. server) %.2f ms, "
          "JWKS fetch and ID token check %.2f ms, keychain write %.2f ms; without the "
          "token request: %.2f ms",
          stored * ms, exchanged * ms, (keysFetched - exchanged) * ms, (stored - keysFetched) * ms,
          (stored - exchanged) * ms);

    // The refresh token is in the keychain and works.
    const auto fromKeychain = readSecret(accountId, SignIn::refreshTokenSecret());
    QVERIFY(fromKeychain.has_value());
    QVERIFY2(fromKeychain->ok(), qPrintable(why(*fromKeychain)));
    const QByteArray refreshToken = **fromKeychain;
    QVERIFY(!refreshToken.isEmpty());

    TokenClient client(m_provider, QStringLiteral("chairside-test"), &m_network);
    std::unique_ptr<TokenReply> refreshed(client.refresh(refreshToken));
    QSignalSpy refreshDone(refreshed.get(), &TokenReply::finished);
    QVERIFY(refreshDone.wait(15000));
    QVERIFY2(refreshed->result().ok(), qPrintable(why(refreshed->result())));
    QVERIFY(!refreshed->result()->accessToken.isEmpty());

    // No secret of the flow in any file of the throwaway HOME, XDG and data dirs.
    const QStringList roots{qEnvironmentVariable("HOME"), qEnvironmentVariable("XDG_RUNTIME_DIR"),
                            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
                            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)};
    const QList<QByteArray> secrets{account.accessToken, refreshToken, code,
                                    refreshed->result()->accessToken};
    int searched = 0;
    const QString holding = fileHoldingAny(roots, secrets, &searched);
    QVERIFY2(holding.isEmpty(), qPrintable(holding));
    qInfo("searched %d files under HOME, XDG_RUNTIME_DIR and the app's data and config dirs "
          "for tokens",
          searched);
    QVERIFY(searched > 0); // at least the keyring itself

    // Nor in any log line, though chairside.* debug logging was on.
    const QStringList log = LogRecorder::lines();
    QVERIFY(log.filter(QLatin1String("chairside.auth")).size() > 0);
    QVERIFY(!holdsAny(log.join(QLatin1Char('\n')).toUtf8(), secrets));
}

// Sign-in after sign-in on one SignIn, as the app keeps one: nothing may
// pile up. Counted after a warm-up (the first sign-ins fill Qt's, OpenSSL's
// and D-Bus's caches and the connection pool): the objects SignIn owns,
// replies left on the network manager, open file descriptors (listeners and
// sockets), and the heap in use (malloc's own count, which unlike the peak
// resident memory goes down again when memory is freed). The peak memory
// of a connect is a figure, printed by bench_signin.
void TestSignIn::repeatedSignInsLeaveNothing()
{
    constexpr int warmUp = 3;
    constexpr int rounds = 60;
    // Quiet: LogRecorder keeps every line, which would grow the heap too.
    QLoggingCategory::setFilterRules(QStringLiteral("chairside.*=false\nchairside.*.warning=true"));
    const auto loud = qScopeGuard(
            [] { QLoggingCategory::setFilterRules(QStringLiteral("chairside.*=true")); });
    const QString accountId = QStringLiteral("again@salon");
    SignIn signIn(&m_network, &m_store);
    Outcome finished;
    watch(signIn, finished);
    // What SignIn holds between sign-ins: the latest flow and what it owns.
    const auto owned = [&] {
        return int(signIn.findChildren<QObject *>().size());
    };
    const auto replies = [&] {
        return int(m_network.findChildren<QNetworkReply *>().size());
    };

    int ownedBefore = 0, fdsBefore = 0;
    qint64 heapBefore = 0, rssBefore = 0;
    for (int i = 0; i < warmUp + rounds; ++i) {
        if (i == warmUp) {
            ownedBefore = owned();
            fdsBefore = openFileDescriptors();
            heapBefore = heapInUseBytes();
            rssBefore = residentMemoryKiB();
            QVERIFY(fdsBefore > 0 && rssBefore > 0);
        }
        // A fresh browser each time: one kept would gather a cookie for
        // every login page the server sends it to.
        ScriptedUserAgent agent;
        agent.setDeliverCallback(true);
        connect(&signIn, &SignIn::authorizationUrlReady, &agent, &ScriptedUserAgent::start);
        finished = Outcome();
        QVERIFY2(signIn.start(config(accountId)).ok(), "start");
        QTRY_VERIFY_WITH_TIMEOUT(finished.count > 0, 30000);
        QVERIFY2(finished.result->ok(), qPrintable(why(*finished.result)));
        QTRY_VERIFY(agent.isFinished());
        QVERIFY2(agent.succeeded(), qPrintable(agent.errorString()));
        // Objects let go with deleteLater() go when the event loop next runs.
        QTRY_COMPARE(replies(), 0);
        if (i >= warmUp)
            QTRY_COMPARE(owned(), ownedBefore);
    }
    const int fdsAfter = openFileDescriptors();
    const qint64 heapAfter = heapInUseBytes();
    const qint64 rssAfter = residentMemoryKiB();
    qInfo("after %d sign-ins (and %d to warm up): SignIn owns %d objects (%d before), %d file "
          "descriptors open (%d before), heap in use %+lld KiB, resident memory %+lld KiB",
          rounds, warmUp, owned(), ownedBefore, fdsAfter, fdsBefore,
          (heapAfter - heapBefore) / 1024, rssAfter - rssBefore);
    QVERIFY(ownedBefore > 0);
    // Connections to the server come and go with its keep-alive; a listener
    // or socket lost on each sign-in would add one per round.
    QVERIFY2(fdsAfter - fdsBefore < rounds / 3,
             qPrintable(QStringLiteral("%1 file descriptors more").arg(fdsAfter - fdsBefore)));
    if (heapBefore < 0) {
        qInfo("heap in use not judged: %s", heapInUseUnknown);
    } else {
        // Measured: about +110 KiB, all of it the gnome-keyring writes
        // (QtKeychain keeps about 2 KB per write, sign-in or not). A flow
        // lost with its receiver and token client adds about 6 KiB a round.
        QVERIFY2(heapAfter - heapBefore < maxHeapGrowthKiB * 1024,
                 qPrintable(QStringLiteral("%1 KiB more heap in use")
                                    .arg((heapAfter - heapBefore) / 1024)));
    }

    QSignalSpy removed(&m_store, &TokenStore::removed);
    m_store.remove(accountId, SignIn::refreshTokenSecret());
    QVERIFY(removed.wait(15000));
}

void TestSignIn::deniedConsent()
{
    SignIn signIn(&m_network, &m_store);
    ScriptedUserAgent agent;
    agent.setAnswer(ScriptedUserAgent::Answer::Deny);
    agent.setDeliverCallback(true);
    connect(&signIn, &SignIn::authorizationUrlReady, &agent, &ScriptedUserAgent::start);

    Outcome finished;
    watch(signIn, finished);
    QVERIFY(signIn.start(config(QStringLiteral("denied"))).ok());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count > 0, 30000);
    const Result<SignedInAccount> result = *finished.result;
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QLatin1String("not granted")));
    QVERIFY(!signIn.isRunning());
    QVERIFY(portIsClosed(signIn.redirectUri().port()));

    const auto fromKeychain = readSecret(QStringLiteral("denied"), SignIn::refreshTokenSecret());
    QVERIFY(fromKeychain.has_value());
    QVERIFY(!fromKeychain->ok());
    QCOMPARE(fromKeychain->error().code, Error::Code::NotFound);
}

void TestSignIn::cancel()
{
    SignIn signIn(&m_network, &m_store);
    QSignalSpy urls(&signIn, &SignIn::authorizationUrlReady);
    Outcome finished;
    watch(signIn, finished);
    QVERIFY(signIn.start(config(QStringLiteral("cancelled"))).ok());
    QCOMPARE(urls.size(), 1);
    const QUrl url = urls.at(0).at(0).toUrl();
    QCOMPARE(url.adjusted(QUrl::RemoveQuery), m_provider.authorizationEndpoint);
    const quint16 port = quint16(signIn.redirectUri().port());
    QVERIFY(!portIsClosed(port));

    signIn.cancel();
    QCOMPARE(finished.count, 1);
    const Result<SignedInAccount> result = *finished.result;
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QLatin1String("cancelled")));
    QVERIFY(!signIn.isRunning());
    QVERIFY(portIsClosed(port));

    signIn.cancel(); // nothing running: no second finished()
    QCOMPARE(finished.count, 1);
}

void TestSignIn::destroyedWhileWaiting()
{
    auto signIn = std::make_unique<SignIn>(&m_network, &m_store);
    QVERIFY(signIn->start(config(QStringLiteral("gone"))).ok());
    const quint16 port = quint16(signIn->redirectUri().port());
    QVERIFY(!portIsClosed(port));
    signIn.reset();
    QVERIFY(portIsClosed(port));
}

// cancel() from each later step still ends with one finished(error) and
// leaves no refresh token in the keychain.
void TestSignIn::cancelWhileExchanging()
{
    const QString accountId = QStringLiteral("cancelled-exchange");
    SignIn signIn(&m_network, &m_store);
    ScriptedUserAgent agent;
    agent.setDeliverCallback(true);
    connect(&signIn, &SignIn::authorizationUrlReady, &agent, &ScriptedUserAgent::start);
    connect(&signIn, &SignIn::stepChanged, &signIn, [&](SignIn::Step step) {
        if (step == SignIn::Step::ExchangingCode)
            signIn.cancel();
    });
    Outcome finished;
    watch(signIn, finished);
    QVERIFY(signIn.start(config(accountId)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count > 0, 30000);
    QTRY_VERIFY(agent.isFinished());
    QCOMPARE(finished.count, 1);
    QVERIFY(!finished.result->ok());
    QVERIFY(finished.result->error().message.contains(QLatin1String("cancelled")));

    const auto fromKeychain = readSecret(accountId, SignIn::refreshTokenSecret());
    QVERIFY(fromKeychain.has_value());
    QCOMPARE(fromKeychain->error().code, Error::Code::NotFound);
}

void TestSignIn::cancelWhileStoring()
{
    const QString accountId = QStringLiteral("cancelled-store");
    SignIn signIn(&m_network, &m_store);
    ScriptedUserAgent agent;
    agent.setDeliverCallback(true);
    connect(&signIn, &SignIn::authorizationUrlReady, &agent, &ScriptedUserAgent::start);
    connect(&signIn, &SignIn::stepChanged, &signIn, [&](SignIn::Step step) {
        if (step == SignIn::Step::StoringToken)
            signIn.cancel();
    });
    QSignalSpy removed(&m_store, &TokenStore::removed);
    Outcome finished;
    watch(signIn, finished);
    QVERIFY(signIn.start(config(accountId)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count > 0, 30000);
    QCOMPARE(finished.count, 1);
    QVERIFY(!finished.result->ok());
    QVERIFY(finished.result->error().message.contains(QLatin1String("cancelled")));

    // The write that was under way is taken out again once it lands.
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 15000);
    QCOMPARE(removed.at(0).at(0).toString(), accountId);
    const auto fromKeychain = readSecret(accountId, SignIn::refreshTokenSecret());
    QVERIFY(fromKeychain.has_value());
    QCOMPARE(fromKeychain->error().code, Error::Code::NotFound);
}

// Without the issuer's keys the ID token cannot be checked: no account.
void TestSignIn::keysUnreachable()
{
    const QString accountId = QStringLiteral("no-keys");
    SignInConfig broken = config(accountId);
    broken.endpoints.jwksUri = QUrl(m_server.issuer() + QStringLiteral("/no-such-jwks"));
    SignIn signIn(&m_network, &m_store);
    ScriptedUserAgent agent;
    agent.setDeliverCallback(true);
    connect(&signIn, &SignIn::authorizationUrlReady, &agent, &ScriptedUserAgent::start);
    Outcome finished;
    watch(signIn, finished);
    QVERIFY(signIn.start(broken).ok());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count > 0, 30000);
    QVERIFY(!finished.result->ok());
    QVERIFY2(finished.result->error().message.contains(QLatin1String("could not check")),
             qPrintable(finished.result->error().message));

    const auto fromKeychain = readSecret(accountId, SignIn::refreshTokenSecret());
    QVERIFY(fromKeychain.has_value());
    QCOMPARE(fromKeychain->error().code, Error::Code::NotFound);
}

void TestSignIn::timeout()
{
    MovableClock clock;
    SignIn signIn(&m_network, &m_store, clock);
    Outcome finished;
    watch(signIn, finished);
    QVERIFY(signIn.start(config(QStringLiteral("late"))).ok());
    const quint16 port = quint16(signIn.redirectUri().port());

    clock.advance(9 * 60);
    signIn.checkExpiry();
    QCOMPARE(finished.count, 0);

    clock.advance(2 * 60);
    signIn.checkExpiry();
    QCOMPARE(finished.count, 1);
    const Result<SignedInAccount> result = *finished.result;
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QLatin1String("too long")));
    QVERIFY(portIsClosed(port));
}

void TestSignIn::oneAttemptAtATime()
{
    SignIn signIn(&m_network, &m_store);
    Outcome finished;
    watch(signIn, finished);
    QVERIFY(signIn.start(config(QStringLiteral("first"))).ok());
    const QUrl first = signIn.redirectUri();
    const Result<void> second = signIn.start(config(QStringLiteral("second")));
    QVERIFY(!second.ok());
    QVERIFY(second.error().message.contains(QLatin1String("already in progress")));
    QCOMPARE(signIn.redirectUri(), first);
    QCOMPARE(finished.count, 0);
    signIn.cancel();
    QCOMPARE(finished.count, 1);
}

void TestSignIn::incompleteConfig()
{
    SignIn signIn(&m_network, &m_store);
    SignInConfig broken = config(QStringLiteral("broken"));
    broken.clientId.clear();
    const Result<void> started = signIn.start(broken);
    QVERIFY(!started.ok());
    QCOMPARE(started.error().code, Error::Code::Usage);
    QVERIFY(!signIn.isRunning());
}

void TestSignIn::otherFlow_data()
{
    QTest::addColumn<bool>("idToken");
    QTest::addColumn<bool>("refreshToken");
    QTest::addColumn<bool>("flowFails");
    QTest::addColumn<QString>("says");

    QTest::addRow("no ID token") << false << true << false << QStringLiteral("no ID token");
    QTest::addRow("no refresh token")
            << true << false << false << QStringLiteral("did not grant lasting access");
    QTest::addRow("an ID token that is not one")
            << true << true << false << QStringLiteral("could not be trusted");
    QTest::addRow("the flow's own failure")
            << true << true << true << QStringLiteral("Could not reach the sign-in server");
}

void TestSignIn::otherFlow()
{
    QFETCH(bool, idToken);
    QFETCH(bool, refreshToken);
    QFETCH(bool, flowFails);
    QFETCH(QString, says);

    TokenSet tokens;
    tokens.accessToken = "access";
    tokens.refreshToken = refreshToken ? QByteArray("refresh") : QByteArray();
    tokens.idToken = idToken ? QByteArray("e30.e30.c2ln") : QByteArray(); // {}.{}.sig
    const Result<TokenSet> answer = flowFails ? Result<TokenSet>(Error::unavailable(
                                            QStringLiteral("Could not reach the sign-in server.")))
                                              : Result<TokenSet>(tokens);

    SignIn signIn(&m_network, &m_store);
    QPointer<ScriptedFlow> flow;
    signIn.setFlowFactory([&](QObject *parent) {
        flow = new ScriptedFlow(answer, parent);
        return flow.data();
    });
    QList<SignIn::Step> steps;
    connect(&signIn, &SignIn::stepChanged, this, [&](SignIn::Step step) { steps.append(step); });
    Outcome finished;
    watch(signIn, finished);

    QVERIFY(signIn.start(config(QStringLiteral("scripted"))).ok());
    QVERIFY(flow);
    QCOMPARE(flow->request().callbackPath, QStringLiteral("/cb/oidc"));
    QCOMPARE(flow->request().clientId, QStringLiteral("chairside-test"));
    QVERIFY(flow->request().nonce.size() >= 32);
    QCOMPARE(signIn.redirectUri(), flow->redirectUri());

    QTRY_COMPARE_WITH_TIMEOUT(finished.count, 1, 15000);
    QVERIFY(!finished.result->ok());
    QVERIFY2(finished.result->error().message.contains(says),
             qPrintable(finished.result->error().message));
    if (flowFails)
        QCOMPARE(finished.result->error().code, Error::Code::Unavailable);
    QCOMPARE(steps.constFirst(), SignIn::Step::WaitingForBrowser);
    QCOMPARE(steps.value(1), SignIn::Step::ExchangingCode);
    QCOMPARE(steps.constLast(), SignIn::Step::Idle);
    QVERIFY(!steps.contains(SignIn::Step::StoringToken)); // nothing reached the keychain
}

// Run by tst_signin_nokeychain (no session bus at all): the sign-in itself
// works, but nothing can be kept, and the message says so.
void TestSignIn::keychainUnavailable()
{
    if (m_withKeychain)
        QFAIL("runs only without a session bus: ctest runs it as tst_signin_nokeychain");
    SignIn signIn(&m_network, &m_store);
    ScriptedUserAgent agent;
    agent.setDeliverCallback(true);
    connect(&signIn, &SignIn::authorizationUrlReady, &agent, &ScriptedUserAgent::start);
    Outcome finished;
    watch(signIn, finished);
    QVERIFY(signIn.start(config(QStringLiteral("nowhere"))).ok());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count > 0, 30000);
    QCOMPARE(finished.count, 1);
    QVERIFY(!finished.result->ok());
    QCOMPARE(finished.result->error().code, Error::Code::Unavailable);
    QVERIFY2(finished.result->error().message.contains(QLatin1String("keychain")),
             qPrintable(finished.result->error().message));
    QVERIFY(!signIn.isRunning());
}

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
