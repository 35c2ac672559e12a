#include "signin.h"

#include "idtokenverifier.h"
#include "logging.h"
#include "loopbackcodeflow.h"
#include "pkce.h"
#include "tokenstore.h"

namespace chairside {

SignIn::SignIn(QNetworkAccessManager *network, TokenStore *store, const Clock &clock,
               QObject *parent)
    : QObject(parent), m_network(network), m_store(store), m_clock(clock)
{
    connect(m_store, &TokenStore::written, this, &SignIn::onWritten);
}

SignIn::~SignIn()
{
    // Nothing may call back into a half-destroyed object; a running attempt
    // ends silently (its port closes, its request is aborted).
    cleanUp();
}

Result<void> SignIn::start(const SignInConfig &config)
{
    if (isRunning())
        return Error::invalid(tr(
                "A sign-in is already in progress. Finish or cancel it before starting another."));
    if (config.provider.isEmpty() || config.clientId.isEmpty()
        || !config.endpoints.authorizationEndpoint.isValid()
        || !config.endpoints.tokenEndpoint.isValid() || !config.endpoints.jwksUri.isValid()
        || config.endpoints.issuer.isEmpty())
        return Error::usage(tr(
                "The sign-in cannot start: the provider's address or the client id is missing."));

    AuthorizationCodeFlow::Request request;
    request.provider = config.provider;
    request.callbackPath = config.callbackPath;
    request.endpoints = config.endpoints;
    request.clientId = config.clientId;
    request.clientSecret = config.clientSecret;
    request.scopes = config.scopes;
    request.extraParameters = config.extraParameters;
    request.alsoIpv6 = config.alsoIpv6;
    request.nonce = Pkce::randomToken();

    // A fresh flow per attempt; the old one goes now.
    if (m_flow) {
        m_flow->disconnect(this);
        m_flow->deleteLater();
    }
    AuthorizationCodeFlow *flow =
            m_flowFactory ? m_flowFactory(this) : new LoopbackCodeFlow(m_network, this);
    const Result<QUrl> url = flow->start(request, m_clock);
    if (!url) {
        delete flow;
        return url.error();
    }
    m_flow = flow;
    connect(flow, &AuthorizationCodeFlow::callbackReceived, this,
            [this] { setStep(Step::ExchangingCode); });
    connect(flow, &AuthorizationCodeFlow::finished, this, &SignIn::onFlowFinished);

    m_config = config;
    m_nonce = request.nonce;
    m_account = SignedInAccount{};
    setStep(Step::WaitingForBrowser);
    emit authorizationUrlReady(*url);
    return {};
}

QUrl SignIn::redirectUri() const
{
    return m_flow ? m_flow->redirectUri() : QUrl();
}

void SignIn::cancel()
{
    if (m_step == Step::Idle)
        return;
    // The keychain write cannot be stopped; take the entry out when it lands.
    if (m_step == Step::StoringToken)
        m_abandonedAccount = m_account.accountId;
    finish(Error::invalid(tr("The sign-in was cancelled.")));
}

void SignIn::checkExpiry()
{
    if (m_step == Step::WaitingForBrowser && m_flow)
        m_flow->checkExpiry();
}

void SignIn::setStep(Step step)
{
    if (m_step == step)
        return;
    m_step = step;
    emit stepChanged(step);
}

void SignIn::onFlowFinished(const Result<TokenSet> &tokens)
{
    if (m_step != Step::WaitingForBrowser && m_step != Step::ExchangingCode)
        return;
    if (!tokens) {
        finish(tokens.error());
        return;
    }
    if (tokens->idToken.isEmpty()) {
        finish(Error::invalid(tr("The sign-in server did not say who signed in (no ID token). "
                                 "Check that the provider supports OpenID Connect.")));
        return;
    }
    if (!tokens->hasRefreshToken()) {
        finish(Error::invalid(tr("The sign-in server did not grant lasting access (no refresh "
                                 "token), so Chairside could not stay connected. Sign in again "
                                 "and allow offline access.")));
        return;
    }
    m_idToken = tokens->idToken;
    m_refreshToken = tokens->refreshToken;
    m_account.accessToken = tokens->accessToken;
    m_account.expiresAt = tokens->expiresAt;

    setStep(Step::CheckingIdToken);
    if (m_step != Step::CheckingIdToken)
        return;
    if (m_idTokenVerifier)
        m_idTokenVerifier->deleteLater();
    m_idTokenVerifier = new IdTokenVerifier(m_network, m_clock, this);
    connect(m_idTokenVerifier, &IdTokenVerifier::keysFetched, this, &SignIn::onKeysFetched);
    m_idTokenVerifier->fetchKeys(m_config.endpoints.jwksUri);
}

void SignIn::onKeysFetched()
{
    if (m_step != Step::CheckingIdToken || !m_idTokenVerifier)
        return;
    if (!m_idTokenVerifier->keysResult()) {
        finish(Error{m_idTokenVerifier->keysResult().error().code,
                     tr("Chairside could not check who signed in: %1")
                             .arg(m_idTokenVerifier->keysResult().error().message)});
        return;
    }
    const IdTokenVerifier::Expected expected{m_config.endpoints.issuer, m_config.clientId, m_nonce,
                                             m_config.otherIssuers};
    const Result<IdTokenVerifier::Claims> claims = m_idTokenVerifier->verify(m_idToken, expected);
    m_idToken.clear();
    if (!claims) {
        qCWarning(lcAuth) << "ID token refused for provider" << m_config.provider;
        finish(Error::invalid(tr("The sign-in server's answer could not be trusted, so the "
                                 "account was not connected: %1")
                                      .arg(claims.error().message)));
        return;
    }

    m_account.provider = m_config.provider;
    m_account.issuer = claims->issuer;
    m_account.subject = claims->subject;
    m_account.email = claims->email;
    m_account.accountId = m_config.accountId.isEmpty()
            ? m_config.provider + QLatin1Char(':') + claims->subject
            : m_config.accountId;

    // The write first, so that a cancel() from a slot of stepChanged() knows
    // there is an entry to take out again.
    m_step = Step::StoringToken;
    m_store->write(m_account.accountId, refreshTokenSecret(), m_refreshToken);
    emit stepChanged(m_step);
}

void SignIn::onWritten(const QString &accountId, const QString &secretName,
                       const Result<void> &result)
{
    if (secretName != refreshTokenSecret())
        return;
    if (!m_abandonedAccount.isEmpty() && accountId == m_abandonedAccount) {
        // A cancelled sign-in leaves no token behind.
        m_abandonedAccount.clear();
        if (result)
            m_store->remove(accountId, secretName);
        return;
    }
    if (m_step != Step::StoringToken || accountId != m_account.accountId)
        return;
    if (!result) {
        qCWarning(lcAuth) << "keychain write failed for provider" << m_config.provider;
        finish(Error{result.error().code,
                     tr("Signed in, but Chairside could not keep the account in the system "
                        "keychain: %1 Nothing was saved; connect the account again once the "
                        "keychain is available.")
                             .arg(result.error().message)});
        return;
    }
    qCInfo(lcAuth) << "sign-in finished for provider" << m_config.provider;
    finish(m_account);
}

void SignIn::finish(const Result<SignedInAccount> &result)
{
    if (m_step == Step::Idle)
        return;
    if (!result)
        qCInfo(lcAuth) << "sign-in ended without an account for provider" << m_config.provider;
    cleanUp();
    setStep(Step::Idle);
    emit finished(result);
}

void SignIn::cleanUp()
{
    if (m_flow)
        m_flow->abort();
    if (m_idTokenVerifier) {
        m_idTokenVerifier->disconnect(this);
        m_idTokenVerifier->deleteLater();
        m_idTokenVerifier = nullptr;
    }
    // Secrets go as soon as they are no longer needed.
    m_nonce.clear();
    m_idToken.clear();
    m_refreshToken.clear();
    m_account = SignedInAccount{};
}

} // namespace chairside
