#pragma once

#include "domain/clock.h"
#include "domain/error.h"
#include "oidcdiscovery.h"
#include "tokenclient.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace chairside {

class AuthorizationCodeFlow;
class IdTokenVerifier;
class TokenStore;
struct TokenSet;

// What one sign-in needs to know about the provider and the account.
struct SignInConfig
{
    QString provider;            // "google", "microsoft", "oidc"
    QString callbackPath;        // "/cb/oidc": one path per provider against mix-up
    OidcConfiguration endpoints; // from a preset or OidcDiscovery
    QStringList otherIssuers;    // Provider::legacyIdTokenIssuers()
    QString clientId;
    QString clientSecret;                    // Google's desktop "secret"; usually empty
    QStringList scopes;                      // must include openid for the ID token
    TokenClient::Parameters extraParameters; // provider quirks (access_type=offline)
    bool alsoIpv6 = false;                   // providers that register `localhost` (Microsoft)
    // The keychain entry's account; empty: "<provider>:<subject>" once known.
    QString accountId;
};

// The account a sign-in connected. The access token lives in memory only.
struct SignedInAccount
{
    QString accountId;
    QString provider;
    QString issuer;
    QString subject;
    QString email;
    QByteArray accessToken;
    QDateTime expiresAt;
};

// One sign-in from start to the refresh token in the keychain: the OAuth
// flow (AuthorizationCodeFlow: PKCE, state, ten-minute expiry, the loopback
// callback, the code exchange), then the nonce and ID token check, and
// TokenStore. It never opens a browser:
// authorizationUrlReady() hands the URL to the app (QDesktopServices) or the
// CLI (--no-browser prints it). One attempt at a time; every attempt that
// started ends with exactly one finished().
class SignIn : public QObject
{
    Q_OBJECT

public:
    enum class Step { Idle, WaitingForBrowser, ExchangingCode, CheckingIdToken, StoringToken };
    Q_ENUM(Step)

    // `network`, `store` and `clock` must outlive the sign-in.
    SignIn(QNetworkAccessManager *network, TokenStore *store, const Clock &clock = Clock::system(),
           QObject *parent = nullptr);
    ~SignIn() override;

    // Fails at once (and emits nothing) when an attempt is running, the
    // config is incomplete, or no loopback port can be opened.
    Result<void> start(const SignInConfig &config);
    // Ends the running attempt with finished(error); the port closes.
    void cancel();
    // Ends the attempt with a timeout once the clock has passed its expiry.
    // Runs on its own from the receiver's timer; tests call it after moving their clock.
    void checkExpiry();

    // Makes the OAuth part of each attempt; the default is LoopbackCodeFlow.
    // Another AuthorizationCodeFlow (a QtNetworkAuth one, or a test's) can
    // take its place. The flow is parented to the sign-in.
    using FlowFactory = std::function<AuthorizationCodeFlow *(QObject *parent)>;
    void setFlowFactory(FlowFactory factory) { m_flowFactory = std::move(factory); }

    bool isRunning() const { return m_step != Step::Idle; }
    Step step() const { return m_step; }
    // The loopback redirect of the latest attempt (kept after it ends).
    QUrl redirectUri() const;

    static QString refreshTokenSecret() { return QStringLiteral("refresh_token"); }

signals:
    void authorizationUrlReady(const QUrl &url);
    void stepChanged(chairside::SignIn::Step step);
    void finished(const chairside::Result<chairside::SignedInAccount> &result);

private:
    void setStep(Step step);
    void onFlowFinished(const Result<TokenSet> &tokens);
    void onKeysFetched();
    void onWritten(const QString &accountId, const QString &secretName, const Result<void> &result);
    void finish(const Result<SignedInAccount> &result);
    void cleanUp();

    QNetworkAccessManager *m_network;
    TokenStore *m_store;
    const Clock &m_clock;

    Step m_step = Step::Idle;
    SignInConfig m_config;
    QByteArray m_nonce;
    // The latest attempt's flow, kept until the next one so that its last
    // page to the browser can finish.
    QPointer<AuthorizationCodeFlow> m_flow;
    FlowFactory m_flowFactory;
    QPointer<IdTokenVerifier> m_idTokenVerifier;
    QByteArray m_idToken;
    QByteArray m_refreshToken;
    SignedInAccount m_account;
    // A write still running when the attempt was cancelled: removed when it lands.
    QString m_abandonedAccount;
};

} // namespace chairside
