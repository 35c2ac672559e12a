// The client side of sign-in against a real OpenID provider (oidc-provider
// on Node.js, tests/auth/oidc-server), driven by a scripted user agent.

#include "auth/authorizationattempt.h"
#include "auth/idtokenverifier.h"
#include "auth/oidcdiscovery.h"
#include "auth/pkce.h"
#include "auth/tokenclient.h"

#include "oidctestserver.h"
#include "scripteduseragent.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace chairside;
using chairside::testsupport::OidcTestServer;
using chairside::testsupport::ScriptedUserAgent;

namespace {

const QString rsaClient = QStringLiteral("chairside-test");
const QString ecClient = QStringLiteral("chairside-test-es256");
const QStringList scopes{QStringLiteral("openid"), QStringLiteral("email"),
                         QStringLiteral("offline_access")};
// Nothing listens there: the user agent stops at the redirect and hands
// it to the test (the loopback receiver has its own tests).
const QUrl redirectUri(QStringLiteral("http://127.0.0.1:53682/cb/oidc"));

// Waits for a reply and hands it over to a unique_ptr.
std::unique_ptr<TokenReply> waitFor(TokenReply *reply)
{
    std::unique_ptr<TokenReply> owned(reply);
    if (!reply->isFinished()) {
        QSignalSpy spy(reply, &TokenReply::finished);
        spy.wait(15000);
    }
    return owned;
}

// QVERIFY2 evaluates its message even when the check passes.
template <typename T>
QString why(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

QString message(const std::unique_ptr<TokenReply> &reply)
{
    return why(reply->result());
}

} // namespace

class TestOidcFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void discovery();
    void discoveryRefusesAnotherIssuer();
    void discoveryUnreachable();
    void discoveryAnswers_data();
    void discoveryAnswers();
    void discoveryDocuments_data();
    void discoveryDocuments();
    void formEncoding();
    void authorizationUrl();

    void fullFlow_data();
    void fullFlow();
    void refreshRotatesAndReuseKillsTheGrant();
    void revocationEndsTheGrant();
    void wrongVerifier();
    void replayedCode();
    void deniedConsent();
    void revocationWithoutEndpoint();

    void tokenEndpointAnswers_data();
    void tokenEndpointAnswers();

private:
    struct Callback
    {
        AuthorizationAttempt attempt;
        QByteArray code;
    };
    // Authorize as the scripted user; false with a QTest failure recorded.
    bool authorize(TokenClient &client, Callback &callback);
    TokenClient client(const QString &clientId = rsaClient);
    TokenSet signIn(TokenClient &client);

    OidcTestServer m_server;
    QNetworkAccessManager m_network;
    OidcConfiguration m_provider;
};

void TestOidcFlow::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    qInfo("test OpenID provider up at %s in %lld ms", qPrintable(m_server.issuer()),
          timer.elapsed());

    const Result<OidcConfiguration> endpoints = m_server.discover(&m_network);
    QVERIFY2(endpoints.ok(), endpoints.ok() ? "" : qPrintable(endpoints.error().message));
    m_provider = *endpoints;
}

void TestOidcFlow::cleanupTestCase()
{
    m_server.stop();
}

TokenClient TestOidcFlow::client(const QString &clientId)
{
    return TokenClient(m_provider, clientId, &m_network);
}

bool TestOidcFlow::authorize(TokenClient &client, Callback &callback)
{
    AuthorizationAttempt &attempt = callback.attempt;
    attempt.provider = QStringLiteral("oidc");
    attempt.callbackPath = QStringLiteral("/cb/oidc");
    attempt.expectedIssuer = m_provider.issuer;
    attempt.state = Pkce::randomToken();
    attempt.verifier = Pkce::generate().verifier;
    attempt.nonce = Pkce::randomToken();
    attempt.expiresAt =
            QDateTime::currentDateTimeUtc().addSecs(AuthorizationAttempt::lifetimeSeconds);

    ScriptedUserAgent agent;
    const QUrl url = agent.run(client.authorizationUrl(attempt, redirectUri, scopes));
    [&] {
        QVERIFY2(agent.succeeded(), qPrintable(agent.errorString()));
    }();
    if (QTest::currentTestFailed())
        return false;

    // What the loopback receiver will check, here by hand.
    const QUrlQuery query(url);
    [&] {
        QCOMPARE(url.path(), attempt.callbackPath);
        QCOMPARE(query.queryItemValue(QStringLiteral("state")).toLatin1(), attempt.state);
        QCOMPARE(query.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded),
                 attempt.expectedIssuer);
        QVERIFY(query.hasQueryItem(QStringLiteral("code")));
    }();
    callback.code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).toLatin1();
    return !QTest::currentTestFailed();
}

TokenSet TestOidcFlow::signIn(TokenClient &client)
{
    Callback callback;
    if (!authorize(client, callback))
        return {};
    auto reply =
            waitFor(client.exchangeCode(callback.code, callback.attempt.verifier, redirectUri));
    [&] {
        QVERIFY2(reply->result().ok(), qPrintable(message(reply)));
    }();
    return reply->result().ok() ? *reply->result() : TokenSet{};
}

void TestOidcFlow::discovery()
{
    QCOMPARE(m_provider.issuer, m_server.issuer());
    QCOMPARE(m_provider.authorizationEndpoint, QUrl(m_server.issuer() + QStringLiteral("/auth")));
    QCOMPARE(m_provider.tokenEndpoint, QUrl(m_server.issuer() + QStringLiteral("/token")));
    QCOMPARE(m_provider.jwksUri, QUrl(m_server.issuer() + QStringLiteral("/jwks")));
    QCOMPARE(m_provider.revocationEndpoint,
             QUrl(m_server.issuer() + QStringLiteral("/token/revocation")));
    QCOMPARE(m_provider.codeChallengeMethods, QStringList{QStringLiteral("S256")});
    QVERIFY(m_provider.idTokenSigningAlgs.contains(QLatin1String("ES256")));
    QVERIFY(m_provider.issParameterSupported);
    QVERIFY(m_provider.scopesSupported.contains(QLatin1String("offline_access")));
}

// The same server asked as "issuer/" serves a document that says "issuer":
// not equal, so refused (Discovery §4.3).
void TestOidcFlow::discoveryRefusesAnotherIssuer()
{
    OidcDiscovery discovery(&m_network);
    QSignalSpy finished(&discovery, &OidcDiscovery::finished);
    discovery.discover(m_server.issuer() + QLatin1Char('/'));
    QVERIFY(finished.wait(15000));
    QVERIFY(!discovery.result().ok());
    QVERIFY2(discovery.result().error().message.contains(QLatin1String("calls itself")),
             qPrintable(discovery.result().error().message));
}

void TestOidcFlow::discoveryAnswers_data()
{
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");

    // A failing server is worth trying again later; a missing document is not.
    QTest::addRow("503") << QByteArray("503 Service Unavailable") << int(Error::Code::Unavailable)
                         << QStringLiteral("busy or failing");
    QTest::addRow("429") << QByteArray("429 Too Many Requests") << int(Error::Code::Unavailable)
                         << QStringLiteral("busy or failing");
    QTest::addRow("404") << QByteArray("404 Not Found") << int(Error::Code::Invalid)
                         << QStringLiteral("has no OpenID configuration");
}

void TestOidcFlow::discoveryAnswers()
{
    QFETCH(QByteArray, status);
    QFETCH(int, code);
    QFETCH(QString, says);

    // Answers every request with `status` and an empty body.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, status] {
            socket->readAll();
            socket->write("HTTP/1.1 " + status
                          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    });

    OidcDiscovery discovery(&m_network);
    QSignalSpy finished(&discovery, &OidcDiscovery::finished);
    discovery.discover(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
    QVERIFY(finished.wait(15000));
    QVERIFY(!discovery.result().ok());
    QCOMPARE(int(discovery.result().error().code), code);
    QVERIFY2(discovery.result().error().message.contains(says),
             qPrintable(discovery.result().error().message));
}

void TestOidcFlow::discoveryUnreachable()
{
    // A port that was free a moment ago: connection refused.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();

    OidcDiscovery discovery(&m_network);
    QSignalSpy finished(&discovery, &OidcDiscovery::finished);
    discovery.discover(QStringLiteral("http://127.0.0.1:%1").arg(port));
    QVERIFY(finished.wait(15000));
    QVERIFY(!discovery.result().ok());
    QVERIFY2(discovery.result().error().message.contains(QLatin1String("Could not reach")),
             qPrintable(discovery.result().error().message));
    QCOMPARE(discovery.result().error().code, Error::Code::Unavailable);

    // Not https and not loopback: refused before any request.
    discovery.discover(QStringLiteral("http://accounts.example.test"));
    QVERIFY(finished.wait(5000));
    QVERIFY(!discovery.result().ok());
    QVERIFY(discovery.result().error().message.contains(QLatin1String("https://")));
}

void TestOidcFlow::discoveryDocuments_data()
{
    QTest::addColumn<QJsonObject>("overrides"); // null removes
    QTest::addColumn<QString>("refusal");

    QTest::addRow("complete") << QJsonObject{} << QString();
    QTest::addRow("no token endpoint")
            << QJsonObject{{QStringLiteral("token_endpoint"), QJsonValue::Null}}
            << QStringLiteral("no token_endpoint");
    QTest::addRow("no authorization endpoint")
            << QJsonObject{{QStringLiteral("authorization_endpoint"), QJsonValue::Null}}
            << QStringLiteral("no authorization_endpoint");
    QTest::addRow("no jwks_uri") << QJsonObject{{QStringLiteral("jwks_uri"), QJsonValue::Null}}
                                 << QStringLiteral("no jwks_uri");
    QTest::addRow("plain http token endpoint elsewhere")
            << QJsonObject{{QStringLiteral("token_endpoint"),
                            QStringLiteral("http://evil.example.test/token")}}
            << QStringLiteral("unusable token_endpoint");
    QTest::addRow("endpoint not a string")
            << QJsonObject{{QStringLiteral("token_endpoint"), 42}} << QStringLiteral("unusable");
    QTest::addRow("no revocation is fine")
            << QJsonObject{{QStringLiteral("revocation_endpoint"), QJsonValue::Null}} << QString();
    QTest::addRow("no S256") << QJsonObject{{QStringLiteral("code_challenge_methods_supported"),
                                             QJsonArray{QStringLiteral("plain")}}}
                             << QStringLiteral("S256");
    QTest::addRow("issuer differs by case")
            << QJsonObject{{QStringLiteral("issuer"),
                            QStringLiteral("https://Issuer.example.test")}}
            << QStringLiteral("calls itself");
    QTest::addRow("no issuer") << QJsonObject{{QStringLiteral("issuer"), QJsonValue::Null}}
                               << QStringLiteral("calls itself");
}

void TestOidcFlow::discoveryDocuments()
{
    QFETCH(QJsonObject, overrides);
    QFETCH(QString, refusal);

    const QString issuer = QStringLiteral("https://issuer.example.test");
    QJsonObject document{
            {QStringLiteral("issuer"), issuer},
            {QStringLiteral("authorization_endpoint"), issuer + QStringLiteral("/authorize")},
            {QStringLiteral("token_endpoint"), issuer + QStringLiteral("/token")},
            {QStringLiteral("jwks_uri"), issuer + QStringLiteral("/jwks")},
            {QStringLiteral("revocation_endpoint"), issuer + QStringLiteral("/revoke")},
    };
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (it.value().isNull())
            document.remove(it.key());
        else
            document.insert(it.key(), it.value());
    }
    const auto result =
            OidcDiscovery::parse(QJsonDocument(document).toJson(QJsonDocument::Compact), issuer);
    if (refusal.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->tokenEndpoint, QUrl(issuer + QStringLiteral("/token")));
    } else {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(refusal), qPrintable(result.error().message));
    }
    QVERIFY(!OidcDiscovery::parse("{not json", issuer).ok());
}

void TestOidcFlow::formEncoding()
{
    // `+` and `/` must not reach a form decoder raw (it reads `+` as space).
    QCOMPARE(TokenClient::formEncode({{"code", "a+b/c d=&~._-"}, {"x", ""}}),
             QByteArrayLiteral("code=a%2Bb%2Fc%20d%3D%26~._-&x="));
    QCOMPARE(TokenClient::formEncode({}), QByteArray());
}

void TestOidcFlow::authorizationUrl()
{
    TokenClient tokens = client();
    AuthorizationAttempt attempt;
    attempt.state = "st+te/1";
    attempt.verifier = Pkce::generate().verifier;
    attempt.nonce = "nonce";
    const QUrl url = tokens.authorizationUrl(attempt, redirectUri, scopes,
                                             {{"login_hint", "anna+salon@example.test"}});
    const QString query = url.query(QUrl::FullyEncoded);
    QCOMPARE(url.path(), QStringLiteral("/auth"));
    QVERIFY2(query.contains(QLatin1String("state=st%2Bte%2F1")), qPrintable(query));
    QVERIFY(query.contains(
            QLatin1String("redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcb%2Foidc")));
    QVERIFY(query.contains(QLatin1String("scope=openid%20email%20offline_access")));
    QVERIFY(query.contains(QLatin1String("login_hint=anna%2Bsalon%40example.test")));
    const QUrlQuery items(url);
    QCOMPARE(items.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(items.queryItemValue(QStringLiteral("client_id")), rsaClient);
    QCOMPARE(items.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(items.queryItemValue(QStringLiteral("code_challenge")).toLatin1(),
             Pkce::challengeFor(attempt.verifier));
    QCOMPARE(items.queryItemValue(QStringLiteral("prompt")), QStringLiteral("consent"));
    QCOMPARE(items.queryItemValue(QStringLiteral("nonce")), QStringLiteral("nonce"));
    QVERIFY(!query.contains(QLatin1String("code_verifier")));
}

void TestOidcFlow::fullFlow_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("alg");
    QTest::addRow("RS256") << rsaClient << QStringLiteral("RS256");
    QTest::addRow("ES256") << ecClient << QStringLiteral("ES256");
}

void TestOidcFlow::fullFlow()
{
    QFETCH(QString, clientId);
    QFETCH(QString, alg);

    TokenClient tokens = client(clientId);
    IdTokenVerifier verifier(&m_network);
    QSignalSpy keys(&verifier, &IdTokenVerifier::keysFetched);
    verifier.fetchKeys(m_provider.jwksUri); // while the user signs in
    QVERIFY(keys.wait(15000));
    QVERIFY2(verifier.keysResult().ok(), qPrintable(why(verifier.keysResult())));
    QCOMPARE(verifier.keyCount(), 2);

    Callback callback;
    QVERIFY(authorize(tokens, callback));

    // From having the code to having checked tokens.
    QElapsedTimer total;
    total.start();
    auto reply =
            waitFor(tokens.exchangeCode(callback.code, callback.attempt.verifier, redirectUri));
    const qint64 exchangeNs = total.nsecsElapsed();
    QVERIFY2(reply->result().ok(), qPrintable(message(reply)));
    const TokenSet set = *reply->result();

    QElapsedTimer clientSide;
    clientSide.start();
    const auto claims =
            verifier.verify(set.idToken, {m_provider.issuer, clientId, callback.attempt.nonce});
    const qint64 verifyNs = clientSide.nsecsElapsed();
    const qint64 totalNs = total.nsecsElapsed();
    QVERIFY2(claims.ok(), qPrintable(claims.ok() ? QString() : claims.error().message));

    // Client-side parse cost, on a body of the same shape.
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("access_token"),
                                                       QString::fromLatin1(set.accessToken)},
                                                      {QStringLiteral("refresh_token"),
                                                       QString::fromLatin1(set.refreshToken)},
                                                      {QStringLiteral("id_token"),
                                                       QString::fromLatin1(set.idToken)},
                                                      {QStringLiteral("token_type"), set.tokenType},
                                                      {QStringLiteral("expires_in"), 60},
                                                      {QStringLiteral("scope"), set.scope}})
                                    .toJson(QJsonDocument::Compact);
    clientSide.restart();
    QVERIFY(TokenReply::parseTokenResponse(body, QDateTime::currentDateTimeUtc()).ok());
    const qint64 parseNs = clientSide.nsecsElapsed();
    qInfo("%s: code -> checked tokens %.2f ms (token request incl. server %.2f ms; client-side "
          "parse %.3f ms + ID token verify %.3f ms)",
          qPrintable(alg), totalNs / 1e6, exchangeNs / 1e6, parseNs / 1e6, verifyNs / 1e6);

    QVERIFY(!set.accessToken.isEmpty());
    QVERIFY(set.hasRefreshToken());
    QVERIFY(!set.idToken.isEmpty());
    QCOMPARE(set.tokenType, QStringLiteral("Bearer"));
    QVERIFY(set.scope.split(QLatin1Char(' ')).contains(QLatin1String("offline_access")));
    QVERIFY(set.expiresAt > QDateTime::currentDateTimeUtc());
    QVERIFY(set.expiresAt <= QDateTime::currentDateTimeUtc().addSecs(61));

    const QJsonObject header =
            QJsonDocument::fromJson(QByteArray::fromBase64(set.idToken.split('.').at(0),
                                                           QByteArray::Base64UrlEncoding))
                    .object();
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), alg);
    QCOMPARE(claims->subject, QStringLiteral("anna"));
    QCOMPARE(claims->email, QStringLiteral("anna@example.test"));

    // The same token from another sign-in (another nonce) is refused.
    QVERIFY(!verifier.verify(set.idToken, {m_provider.issuer, clientId, "another-nonce"}).ok());
    // And for the other client.
    const QString otherClient = clientId == rsaClient ? ecClient : rsaClient;
    QVERIFY(!verifier.verify(set.idToken, {m_provider.issuer, otherClient, callback.attempt.nonce})
                     .ok());
}

void TestOidcFlow::refreshRotatesAndReuseKillsTheGrant()
{
    TokenClient tokens = client();
    const TokenSet first = signIn(tokens);
    QVERIFY(first.hasRefreshToken());

    auto refreshed = waitFor(tokens.refresh(first.refreshToken));
    QVERIFY2(refreshed->result().ok(), qPrintable(message(refreshed)));
    const TokenSet second = *refreshed->result();
    QVERIFY(second.hasRefreshToken());
    QVERIFY(second.refreshToken != first.refreshToken); // rotated
    QVERIFY(second.accessToken != first.accessToken);

    // The ID token of a refresh checks out too (no nonce expected there).
    IdTokenVerifier verifier(&m_network);
    QSignalSpy keys(&verifier, &IdTokenVerifier::keysFetched);
    verifier.fetchKeys(m_provider.jwksUri);
    QVERIFY(keys.wait(15000));
    QVERIFY(!second.idToken.isEmpty());
    const auto claims = verifier.verify(second.idToken, {m_provider.issuer, rsaClient, {}});
    QVERIFY2(claims.ok(), qPrintable(why(claims)));
    QCOMPARE(claims->subject, QStringLiteral("anna"));

    // Reusing the old refresh token: invalid_grant ...
    auto reused = waitFor(tokens.refresh(first.refreshToken));
    QVERIFY(!reused->result().ok());
    QCOMPARE(reused->oauthError(), QStringLiteral("invalid_grant"));
    QVERIFY(reused->needsReconnect());
    QVERIFY(!reused->isTransient());
    QCOMPARE(reused->httpStatus(), 400);
    QVERIFY2(reused->result().error().message.contains(QLatin1String("Connect the account again")),
             qPrintable(message(reused)));

    // ... and oidc-provider treats it as theft: the whole grant is revoked,
    // so the newest refresh token is dead as well.
    auto newest = waitFor(tokens.refresh(second.refreshToken));
    QVERIFY(!newest->result().ok());
    QCOMPARE(newest->oauthError(), QStringLiteral("invalid_grant"));
    QVERIFY(newest->needsReconnect());
}

void TestOidcFlow::revocationEndsTheGrant()
{
    TokenClient tokens = client();
    const TokenSet set = signIn(tokens);
    QVERIFY(set.hasRefreshToken());

    auto revoked = waitFor(tokens.revoke(set.refreshToken));
    QVERIFY2(revoked->result().ok(), qPrintable(message(revoked)));
    QCOMPARE(revoked->httpStatus(), 200);

    auto refreshed = waitFor(tokens.refresh(set.refreshToken));
    QVERIFY(!refreshed->result().ok());
    QCOMPARE(refreshed->oauthError(), QStringLiteral("invalid_grant"));
    QVERIFY(refreshed->needsReconnect());

    // RFC 7009 §2.2: an unknown (or already revoked) token is still a 200.
    auto again = waitFor(tokens.revoke(set.refreshToken));
    QVERIFY2(again->result().ok(), qPrintable(message(again)));
}

void TestOidcFlow::wrongVerifier()
{
    TokenClient tokens = client();
    Callback callback;
    QVERIFY(authorize(tokens, callback));
    auto reply =
            waitFor(tokens.exchangeCode(callback.code, Pkce::generate().verifier, redirectUri));
    QVERIFY(!reply->result().ok());
    QCOMPARE(reply->oauthError(), QStringLiteral("invalid_grant"));
}

void TestOidcFlow::replayedCode()
{
    TokenClient tokens = client();
    Callback callback;
    QVERIFY(authorize(tokens, callback));
    auto first =
            waitFor(tokens.exchangeCode(callback.code, callback.attempt.verifier, redirectUri));
    QVERIFY2(first->result().ok(), qPrintable(message(first)));
    auto second =
            waitFor(tokens.exchangeCode(callback.code, callback.attempt.verifier, redirectUri));
    QVERIFY(!second->result().ok());
    QCOMPARE(second->oauthError(), QStringLiteral("invalid_grant"));

    // A replayed code also revokes what the first exchange handed out.
    auto refreshed = waitFor(tokens.refresh(first->result()->refreshToken));
    QVERIFY(!refreshed->result().ok());
    QCOMPARE(refreshed->oauthError(), QStringLiteral("invalid_grant"));
}

void TestOidcFlow::deniedConsent()
{
    TokenClient tokens = client();
    AuthorizationAttempt attempt;
    attempt.state = Pkce::randomToken();
    attempt.verifier = Pkce::generate().verifier;
    attempt.nonce = Pkce::randomToken();

    ScriptedUserAgent agent;
    agent.setAnswer(ScriptedUserAgent::Answer::Deny);
    const QUrl url = agent.run(tokens.authorizationUrl(attempt, redirectUri, scopes));
    QVERIFY2(agent.succeeded(), qPrintable(agent.errorString()));
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state")).toLatin1(), attempt.state);
    QVERIFY(!query.hasQueryItem(QStringLiteral("code")));
}

void TestOidcFlow::revocationWithoutEndpoint()
{
    OidcConfiguration microsoftLike = m_provider;
    microsoftLike.revocationEndpoint.clear();
    TokenClient tokens(microsoftLike, rsaClient, &m_network);
    auto reply = waitFor(tokens.revoke("whatever"));
    QVERIFY(reply->isFinished());
    QVERIFY(!reply->result().ok());
    QVERIFY(reply->result().error().message.contains(QLatin1String("no way to revoke")));
}

// What a token endpoint can send besides success, from a canned server.
void TestOidcFlow::tokenEndpointAnswers_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<bool>("revocation");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("oauthError");
    QTest::addColumn<bool>("transient");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<QString>("says");

    auto http = [](const char *status, const QByteArray &body, const QByteArray &headers = {}) {
        return QByteArray("HTTP/1.1 ") + status + "\r\nContent-Type: application/json\r\n" + headers
                + "Content-Length: " + QByteArray::number(body.size())
                + "\r\nConnection: close\r\n\r\n" + body;
    };
    QTest::addRow("tokens") << http(
            "200 OK", R"({"access_token":"a","token_type":"bearer","expires_in":"3600"})")
                            << false << true << QString() << false << -1 << QString();
    QTest::addRow("broken JSON") << http("200 OK", R"({"access_token":"a",)") << false << false
                                 << QString() << true << -1 << QStringLiteral("not JSON");
    QTest::addRow("no access token")
            << http("200 OK", R"({"token_type":"Bearer"})") << false << false << QString() << true
            << -1 << QStringLiteral("no access token");
    QTest::addRow("MAC token") << http("200 OK", R"({"access_token":"a","token_type":"mac"})")
                               << false << false << QString() << true << -1
                               << QStringLiteral("only handles Bearer");
    QTest::addRow("invalid_grant")
            << http("400 Bad Request",
                    R"({"error":"invalid_grant","error_description":"grant request is invalid"})")
            << false << false << QStringLiteral("invalid_grant") << false << -1
            << QStringLiteral("grant request is invalid");
    QTest::addRow("invalid_client 401")
            << http("401 Unauthorized", R"({"error":"invalid_client"})") << false << false
            << QStringLiteral("invalid_client") << false << -1 << QStringLiteral("refused");
    QTest::addRow("400 without JSON")
            << http("400 Bad Request", "<html>nope</html>") << false << false << QString() << false
            << -1 << QStringLiteral("unexpected answer");
    QTest::addRow("500 page") << http("500 Internal Server Error", "<html>oops</html>") << false
                              << false << QString() << true << -1
                              << QStringLiteral("busy or failing");
    QTest::addRow("429") << http("429 Too Many Requests", "{}", "Retry-After: 30\r\n") << false
                         << false << QString() << true << 30 << QStringLiteral("busy or failing");
    QTest::addRow("redirect is not followed")
            << http("302 Found", "", "Location: http://127.0.0.1:1/elsewhere\r\n") << false << false
            << QString() << false << -1 << QStringLiteral("unexpected answer");
    QTest::addRow("revoked") << http("200 OK", "") << true << true << QString() << false << -1
                             << QString();
    QTest::addRow("revocation 503")
            << http("503 Service Unavailable", "", "Retry-After: 120\r\n") << true << false
            << QString() << true << 120 << QStringLiteral("busy or failing");
    QTest::addRow("revocation unsupported_token_type")
            << http("400 Bad Request", R"({"error":"unsupported_token_type"})") << true << false
            << QStringLiteral("unsupported_token_type") << false << -1 << QStringLiteral("refused");
    QTest::addRow("connection closed without an answer")
            << QByteArray() << false << false << QString() << true << -1
            << QStringLiteral("Could not reach");
}

void TestOidcFlow::tokenEndpointAnswers()
{
    QFETCH(QByteArray, response);
    QFETCH(bool, revocation);
    QFETCH(bool, ok);
    QFETCH(QString, oauthError);
    QFETCH(bool, transient);
    QFETCH(int, retryAfter);
    QFETCH(QString, says);

    // Answers every request with `response` once the request body is in.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray received;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
            received += socket->readAll();
            const qsizetype headEnd = received.indexOf("\r\n\r\n");
            const qsizetype lengthAt = received.toLower().indexOf("content-length: ");
            if (headEnd < 0 || lengthAt < 0)
                return;
            const int length =
                    received.mid(lengthAt + 16, received.indexOf('\r', lengthAt) - lengthAt - 16)
                            .toInt();
            if (received.size() < headEnd + 4 + length)
                return;
            socket->write(response);
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    });

    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort());
    OidcConfiguration provider;
    provider.issuer = base;
    provider.tokenEndpoint = QUrl(base + QStringLiteral("/token"));
    provider.revocationEndpoint = QUrl(base + QStringLiteral("/revoke"));
    TokenClient tokens(provider, rsaClient, &m_network);
    auto reply = waitFor(revocation ? tokens.revoke("r+t/=") : tokens.refresh("r+t/="));
    QVERIFY(reply->isFinished());

    // The form body as sent: everything encoded, the client identified.
    QVERIFY2(received.contains(revocation ? "token=r%2Bt%2F%3D&token_type_hint=refresh_token&"
                                            "client_id=chairside-test"
                                          : "grant_type=refresh_token&refresh_token=r%2Bt%2F%3D&"
                                            "client_id=chairside-test"),
             received.constData());
    QVERIFY(received.contains("Content-Type: application/x-www-form-urlencoded"));

    QCOMPARE(reply->result().ok(), ok);
    QCOMPARE(reply->oauthError(), oauthError);
    QCOMPARE(reply->isTransient(), transient);
    QCOMPARE(reply->retryAfterSeconds(), retryAfter);
    QCOMPARE(reply->needsReconnect(), oauthError == QLatin1String("invalid_grant"));
    if (ok) {
        if (!revocation) {
            QCOMPARE(reply->result()->accessToken, QByteArrayLiteral("a"));
            QVERIFY(reply->result()->expiresAt.isValid()); // "3600" as text is accepted
            QVERIFY(!reply->result()->hasRefreshToken());
        }
    } else {
        QVERIFY2(reply->result().error().message.contains(says), qPrintable(message(reply)));
        // A passing failure is "unavailable" (try later), anything else a refusal.
        QCOMPARE(reply->result().error().code,
                 transient ? Error::Code::Unavailable : Error::Code::Invalid);
    }
}

QTEST_GUILESS_MAIN(TestOidcFlow)
#include "tst_oidcflow.moc"
