#include "signin.h"

#include "authlogging.h"
#include "authorizationattempt.h"
#include "idtokenverifier.h"
#include "loopbackreceiver.h"
#include "pkce.h"
#include "tokenreply.h"
#include "tokenstore.h"

namespace chairside {

SignIn::SignIn(QNetworkAccessManager *network, TokenStore *store, const Clock &clock,
               QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_store(store)
    , m_clock(clock)
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
        return Error::invalid(
                tr("A sign-in is already in progress. Finish or cancel it before starting another."));
    if (config.provider.isEmpty() || config.clientId.isEmpty()
        || !config.endpoints.authorizationEndpoint.isValid()
        || !config.endpoints.tokenEndpoint.isValid() || !config.endpoints.jwksUri.isValid()
        || config.endpoints.issuer.isEmpty())
        return Error::usage(
                tr("The sign-in cannot start: the provider's address or the client id is missing."));

    AuthorizationAttempt attempt;
    attempt.provider = config.provider;
    attempt.callbackPath = config.callbackPath;
    attempt.expectedIssuer = config.endpoints.issuer;
    attempt.state = Pkce::randomToken();
    attempt.verifier = Pkce::generate().verifier;
    attempt.nonce = Pkce::randomToken();
    attempt.expiresAt = m_clock.now().addSecs(AuthorizationAttempt::lifetimeSeconds);

    // A fresh receiver per attempt: the old one may still be finishing its last page.
    if (m_receiver) {
        m_receiver->disconnect(this);
        m_receiver->deleteLater();
    }
    auto *receiver = new LoopbackReceiver(this);
    const Result<void> listening = receiver->start(attempt, config.alsoIpv6, m_clock);
    if (!listening) {
        delete receiver;
        return listening;
    }
    m_receiver = receiver;
    connect(receiver, &LoopbackReceiver::codeReceived, this, &SignIn::onCodeReceived);
    connect(receiver, &LoopbackReceiver::failed, this,
            [this](const Error &error) { finish(error); });

    m_config = config;
    m_verifier = attempt.verifier;
    m_nonce = attempt.nonce;
    m_redirectUri = receiver->redirectUri();
    m_account = SignedInAccount{};

    if (m_client)
        m_client->deleteLater();
    m_client = new TokenClient(config.endpoints, config.clientId, m_network, this);
    m_client->setClock(m_clock);
    if (!config.clientSecret.isEmpty())
        m_client->setClientSecret(config.clientSecret);

    qCInfo(lcAuth) << "sign-in started for provider" << config.provider << "on port"
                   << receiver->port();
    setStep(Step::WaitingForBrowser);
    emit authorizationUrlReady(m_client->authorizationUrl(attempt, m_redirectUri, config.scopes,
                                                          config.extraParameters));
    return {};
}

void SignIn::cancel()
{
    switch (m_step) {
    case Step::Idle:
        return;
    case Step::WaitingForBrowser:
        // The receiver answers with failed(cancelled), which finishes the attempt.
        m_receiver->cancel();
        return;
    case Step::StoringToken:
        // The keychain write cannot be stopped; take the entry out when it lands.
        m_abandonedAccount = m_account.accountId;
        break;
    case Step::ExchangingCode:
    case Step::CheckingIdToken:
        break;
    }
    finish(Error::invalid(tr("The sign-in was cancelled.")));
}

void SignIn::checkExpiry()
{
    if (m_step == Step::WaitingForBrowser && m_receiver)
        m_receiver->checkExpiry();
}

void SignIn::setStep(Step step)
{
    if (m_step == step)
        return;
    m_step = step;
    emit stepChanged(step);
}

void SignIn::onCodeReceived(const QByteArray &code)
{
    qCInfo(lcAuth) << "sign-in callback received for provider" << m_config.provider;
    setStep(Step::ExchangingCode);
    if (m_step != Step::ExchangingCode) // cancelled from a slot of stepChanged()
        return;
    m_reply = m_client->exchangeCode(code, m_verifier, m_redirectUri);
    m_reply->setParent(this);
    connect(m_reply, &TokenReply::finished, this, &SignIn::onExchangeFinished);
}

void SignIn::onExchangeFinished()
{
    TokenReply *reply = m_reply;
    if (!reply || m_step != Step::ExchangingCode)
        return;
    reply->deleteLater();
    m_reply = nullptr;

    const Result<TokenSet> &tokens = reply->result();
    if (!tokens) {
        qCWarning(lcAuth) << "code exchange failed for provider" << m_config.provider
                          << "http status" << reply->httpStatus() << "oauth error"
                          << reply->oauthError();
        finish(Error{tokens.error().code,
                     tr("The sign-in could not be completed: %1").arg(tokens.error().message)});
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
    const IdTokenVerifier::Expected expected{m_config.endpoints.issuer, m_config.clientId,
                                             m_nonce, m_config.otherIssuers};
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
    if (m_receiver && m_receiver->isListening()) {
        m_receiver->disconnect(this);
        m_receiver->cancel();
    }
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    if (m_idTokenVerifier) {
        m_idTokenVerifier->disconnect(this);
        m_idTokenVerifier->deleteLater();
        m_idTokenVerifier = nullptr;
    }
    // Secrets go as soon as they are no longer needed.
    m_verifier.clear();
    m_nonce.clear();
    m_idToken.clear();
    m_refreshToken.clear();
    m_account = SignedInAccount{};
}

} // namespace chairside
