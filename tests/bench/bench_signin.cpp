// Benchmark: connecting a calendar account, from the browser's callback to
// the account recorded with its refresh token in the keychain, through
// CalendarAccounts (what the app and the CLI run), against the real
// oidc-provider and a real gnome-keyring (run under with-keyring.sh).
// Issue 3 asks for the time from callback to stored tokens without the
// server's own time, and the peak memory of a flow.
//
// The clock starts when the callback request is in Chairside's listener
// socket (ScriptedUserAgent::callbackSent()), so reading and parsing it
// count, and stops when the account is recorded. Two steps wait on the
// server: the token request and the JWKS fetch. The ID-token check that
// follows the JWKS fetch is Chairside's work, too quick to tell apart inside
// one connect: it is measured first on its own, on ID tokens this server
// issued (RS256 and ES256), and its median is moved from the JWKS step to
// Chairside's share. "Chairside's share" is then everything but the
// server's two waits. The event loop runs freely while it waits (no
// QTest::qWaitFor, which sleeps between rounds).

#include "auth/accountmanager.h"
#include "auth/calendaraccounts.h"
#include "auth/idtokenverifier.h"
#include "auth/loopbackcodeflow.h"
#include "auth/oidcdiscovery.h"
#include "auth/pkce.h"
#include "auth/signin.h"

#include "oidctestserver.h"
#include "probes.h"
#include "scripteduseragent.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>

using namespace chairside;
using chairside::testsupport::OidcTestServer;
using chairside::testsupport::peakMemoryKiB;
using chairside::testsupport::ScriptedUserAgent;

namespace {

constexpr int Flows = 20;
constexpr int Checks = 200;          // ID-token checks per algorithm
constexpr double CheckTargetMs = 50; // far below any network round trip

struct Timing
{
    double total = 0;        // callback in the socket → account recorded
    double callbackRead = 0; // → the code exchange starts
    double tokenRequest = 0; // waits on the server
    double keysAndCheck = 0; // waits on the server (JWKS), plus the check
    double keychainWrite = 0;
    // The keychain written → the account recorded.
    double recording() const
    {
        return total - callbackRead - tokenRequest - keysAndCheck - keychainWrite;
    }
};

// Runs the event loop until `done` holds, for at most `timeoutMs`. Not
// QTest::qWaitFor: it sleeps 10 ms between rounds of events, and those
// sleeps would be measured as Chairside's time.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QTimer deadline;
    deadline.setSingleShot(true);
    bool expired = false;
    QObject::connect(&deadline, &QTimer::timeout, &deadline, [&] { expired = true; });
    deadline.start(timeoutMs);
    while (!done() && !expired) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return done();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

double worst(const QList<double> &values)
{
    return values.isEmpty() ? 0 : *std::max_element(values.cbegin(), values.cend());
}

// IdTokenVerifier::verify() on one ID token the server issued to
// `clientId`, Checks times, with the server's own key set: each check in ms.
// Empty, and `failure` says why, when no token could be had.
QList<double> timeChecks(const OidcConfiguration &endpoints, const QString &clientId,
                         QNetworkAccessManager *network, QString &failure)
{
    AuthorizationCodeFlow::Request request;
    request.provider = QStringLiteral("oidc");
    request.callbackPath = QStringLiteral("/cb/oidc");
    request.endpoints = endpoints;
    request.clientId = clientId;
    request.scopes = {QStringLiteral("openid"), QStringLiteral("email")};
    request.nonce = Pkce::randomToken();

    LoopbackCodeFlow flow(network);
    ScriptedUserAgent agent;
    agent.setDeliverCallback(true);
    std::optional<Result<TokenSet>> tokens;
    QObject::connect(&flow, &AuthorizationCodeFlow::finished, &flow,
                     [&](const Result<TokenSet> &result) { tokens = result; });
    const Result<QUrl> url = flow.start(request, Clock::system());
    if (!url) {
        failure = url.error().message;
        return {};
    }
    agent.start(*url);
    if (!waitUntil([&] { return tokens.has_value(); }, 30000) || !*tokens
        || (*tokens)->idToken.isEmpty()) {
        failure = !tokens  ? QStringLiteral("no tokens within 30 s")
                : !*tokens ? tokens->error().message
                           : QStringLiteral("no ID token");
        return {};
    }

    IdTokenVerifier verifier(network);
    bool fetched = false;
    QObject::connect(&verifier, &IdTokenVerifier::keysFetched, &verifier, [&] { fetched = true; });
    verifier.fetchKeys(endpoints.jwksUri);
    if (!waitUntil([&] { return fetched; }, 30000) || !verifier.keysResult()) {
        failure = fetched ? verifier.keysResult().error().message
                          : QStringLiteral("no key set within 30 s");
        return {};
    }
    const IdTokenVerifier::Expected expected{endpoints.issuer, clientId, request.nonce};
    QList<double> times;
    QElapsedTimer timer;
    for (int i = 0; i < Checks; ++i) {
        timer.start();
        const Result<IdTokenVerifier::Claims> claims =
                verifier.verify((*tokens)->idToken, expected);
        times.append(timer.nsecsElapsed() * 1e-6);
        if (!claims) {
            failure = claims.error().message;
            return {};
        }
    }
    return times;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qgetenv("HOME") != qgetenv("CHAIRSIDE_TEST_KEYRING_HOME")) {
        std::fprintf(stderr, "bench_signin: run it under tests/auth/with-keyring.sh\n");
        return 1;
    }
    OidcTestServer server;
    if (!server.start()) {
        std::fprintf(stderr, "bench_signin: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    QTemporaryDir dataDir;

    // The ID-token check on its own, on the server's own tokens.
    QNetworkAccessManager network;
    OidcDiscovery discovery(&network);
    bool discovered = false;
    QObject::connect(&discovery, &OidcDiscovery::finished, &app, [&] { discovered = true; });
    discovery.discover(server.issuer());
    if (!waitUntil([&] { return discovered; }, 30000) || !discovery.result()) {
        std::fprintf(stderr, "bench_signin: discovery failed: %s\n",
                     qPrintable(discovered ? discovery.result().error().message
                                           : QStringLiteral("no answer within 30 s")));
        return 1;
    }
    QString failure;
    const QList<double> rsaChecks =
            timeChecks(*discovery.result(), QStringLiteral("chairside-test"), &network, failure);
    const QList<double> ecChecks = failure.isEmpty()
            ? timeChecks(*discovery.result(), QStringLiteral("chairside-test-es256"), &network,
                         failure)
            : QList<double>();
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "bench_signin: timing the ID-token check failed: %s\n",
                     qPrintable(failure));
        return 1;
    }
    // The connects below use chairside-test: RS256.
    const double check = median(rsaChecks);

    const qint64 peakBefore = peakMemoryKiB();
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(dataDir.path()));

    QElapsedTimer clock;
    Timing current;
    QList<Timing> timings;
    bool finished = false;
    double exchangeStarts = -1;
    QObject::connect(accounts.signIn(), &SignIn::stepChanged, &app, [&](SignIn::Step step) {
        const double now = clock.isValid() ? clock.nsecsElapsed() * 1e-6 : -1;
        if (step == SignIn::Step::ExchangingCode) {
            exchangeStarts = now;
            current.callbackRead = now;
        } else if (step == SignIn::Step::CheckingIdToken) {
            current.tokenRequest = now - exchangeStarts;
        } else if (step == SignIn::Step::StoringToken) {
            current.keysAndCheck = now - exchangeStarts - current.tokenRequest;
        } else if (step == SignIn::Step::Idle && current.keysAndCheck > 0) {
            current.keychainWrite =
                    now - exchangeStarts - current.tokenRequest - current.keysAndCheck;
        }
    });
    QObject::connect(&accounts, &CalendarAccounts::connectFinished, &app,
                     [&](const Result<Account> &result) {
                         current.total = clock.nsecsElapsed() * 1e-6;
                         if (!result)
                             failure = result.error().message;
                         finished = true;
                     });

    for (int i = 0; i < Flows; ++i) {
        finished = false;
        current = Timing();
        clock.invalidate();
        exchangeStarts = -1;
        // A new person each time: a new account, a new keychain entry. A new
        // browser too, or the server's session cookie signs the last one in.
        ScriptedUserAgent agent;
        agent.setDeliverCallback(true);
        agent.setLogin(QStringLiteral("stylist%1").arg(i));
        QObject::connect(&accounts, &CalendarAccounts::authorizationUrlReady, &agent,
                         &ScriptedUserAgent::start);
        QObject::connect(&agent, &ScriptedUserAgent::callbackSent, &app, [&] { clock.start(); });
        const Result<void> started = accounts.connectAccount(
                {QStringLiteral("oidc"), server.issuer(), QStringLiteral("chairside-test"),
                 QStringLiteral("staff-%1").arg(i)});
        if (!started || !waitUntil([&] { return finished; }, 30000) || !failure.isEmpty()
            || exchangeStarts < 0) {
            std::fprintf(stderr, "bench_signin: flow %d failed: %s\n", i,
                         qPrintable(!started ? started.error().message
                                            : !failure.isEmpty()
                                            ? failure
                                            : QStringLiteral("no callback was seen")));
            return 1;
        }
        timings.append(current);
    }
    const qint64 peakAfter = peakMemoryKiB();

    QList<double> total, callbackRead, tokenRequest, keys, keychain, recording, ours;
    for (const Timing &t : std::as_const(timings)) {
        total.append(t.total);
        tokenRequest.append(t.tokenRequest);
        keys.append(t.keysAndCheck - check);
        keychain.append(t.keychainWrite);
        callbackRead.append(t.callbackRead);
        recording.append(t.recording());
        ours.append(t.total - t.tokenRequest - (t.keysAndCheck - check));
    }
    // Judged on the medians: one check that lost the CPU to another process
    // says nothing about the code.
    const double slowerCheck = std::max(median(rsaChecks), median(ecChecks));
    const double slowestCheck = std::max(worst(rsaChecks), worst(ecChecks));
    std::printf("bench_signin: %d account connects, the callback in Chairside's socket -> "
                "account recorded with its refresh token in the keychain\n",
                Flows);
    std::printf("  in all:            median %7.2f ms, worst %7.2f ms\n", median(total),
                worst(total));
    std::printf("  token request:     median %7.2f ms (the server's time, the network, reading "
                "the reply)\n",
                median(tokenRequest));
    std::printf("  JWKS fetch:        median %7.2f ms (the server's time: the step less the "
                "ID-token check)\n",
                median(keys));
    std::printf("  ID-token check:    median %7.3f ms RS256, %7.3f ms ES256, worst %.3f ms "
                "(%d checks each of this server's tokens; target: median < %.0f ms) %s\n",
                median(rsaChecks), median(ecChecks), slowestCheck, Checks, CheckTargetMs,
                slowerCheck < CheckTargetMs ? "OK" : "MISSED");
    std::printf("  Chairside's share: median %7.2f ms, worst %7.2f ms (reading the callback, "
                "the ID-token check, the keychain write, recording the account)\n",
                median(ours), worst(ours));
    std::printf("    of which reading the callback:  median %7.2f ms (until the code exchange "
                "starts)\n",
                median(callbackRead));
    std::printf("    of which the keychain write:    median %7.2f ms (gnome-keyring over D-Bus)\n",
                median(keychain));
    std::printf("    of which recording the account: median %7.2f ms (the settings file, after "
                "the keychain write)\n",
                median(recording));
    std::printf("  peak memory (VmHWM): %.1f MB before the first connect, %.1f MB after %d\n",
                peakBefore / 1024.0, peakAfter / 1024.0, Flows);

    // Leave the keyring as found: the accounts go again.
    int left = int(accounts.manager()->accounts().size());
    QObject::connect(accounts.manager(), &AccountManager::accountRemoved, &app, [&] { --left; });
    const QList<Account> all = accounts.manager()->accounts();
    for (const Account &account : all)
        accounts.manager()->disconnectAccount(account.id);
    if (!waitUntil([&] { return left == 0; }, 30000))
        std::fprintf(stderr, "bench_signin: %d accounts were not removed\n", left);
    return 0;
}
