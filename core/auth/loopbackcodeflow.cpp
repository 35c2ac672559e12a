#include "loopbackcodeflow.h"

#include "authorizationattempt.h"
#include "logging.h"
#include "loopbackreceiver.h"
#include "pkce.h"
#include "tokenreply.h"

namespace chairside {

LoopbackCodeFlow::LoopbackCodeFlow(QNetworkAccessManager *network, QObject *parent)
    : AuthorizationCodeFlow(parent), m_network(network)
{}

LoopbackCodeFlow::~LoopbackCodeFlow()
{
    // Nothing may call back into a half-destroyed object.
    abort();
}

Result<QUrl> LoopbackCodeFlow::start(const Request &request, const Clock &clock)
{
    if (m_receiver)
        return Error::invalid(tr("This sign-in has been started already."));

    AuthorizationAttempt attempt;
    attempt.provider = request.provider;
    attempt.callbackPath = request.callbackPath;
    attempt.expectedIssuer = request.endpoints.issuer;
    attempt.state = Pkce::randomToken();
    attempt.verifier = Pkce::generate().verifier;
    attempt.nonce = request.nonce;
    attempt.expiresAt = clock.now().addSecs(AuthorizationAttempt::lifetimeSeconds);

    auto *receiver = new LoopbackReceiver(this);
    const Result<void> listening = receiver->start(attempt, request.alsoIpv6, clock);
    if (!listening) {
        delete receiver;
        return listening.error();
    }
    m_receiver = receiver;
    connect(receiver, &LoopbackReceiver::codeReceived, this, &LoopbackCodeFlow::onCodeReceived);
    connect(receiver, &LoopbackReceiver::failed, this, [this](const Error &error) {
        m_running = false;
        m_verifier.clear();
        emit finished(error);
    });

    m_provider = request.provider;
    m_verifier = attempt.verifier;
    m_redirectUri = receiver->redirectUri();
    m_client = new TokenClient(request.endpoints, request.clientId, m_network, this);
    m_client->setClock(clock);
    if (!request.clientSecret.isEmpty())
        m_client->setClientSecret(request.clientSecret);
    m_running = true;
    qCInfo(lcAuth) << "sign-in started for provider" << m_provider << "on port" << receiver->port();
    return m_client->authorizationUrl(attempt, m_redirectUri, request.scopes,
                                      request.extraParameters);
}

void LoopbackCodeFlow::abort()
{
    m_running = false;
    m_verifier.clear();
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
}

void LoopbackCodeFlow::checkExpiry()
{
    if (m_running && m_receiver)
        m_receiver->checkExpiry();
}

void LoopbackCodeFlow::onCodeReceived(const QByteArray &code)
{
    qCInfo(lcAuth) << "sign-in callback received for provider" << m_provider;
    emit callbackReceived();
    if (!m_running) // aborted from a slot of callbackReceived()
        return;
    m_reply = m_client->exchangeCode(code, m_verifier, m_redirectUri);
    m_reply->setParent(this);
    connect(m_reply, &TokenReply::finished, this, &LoopbackCodeFlow::onExchangeFinished);
}

void LoopbackCodeFlow::onExchangeFinished()
{
    TokenReply *reply = m_reply;
    if (!reply || !m_running)
        return;
    reply->deleteLater();
    m_reply = nullptr;
    m_running = false;
    m_verifier.clear();

    const Result<TokenSet> &tokens = reply->result();
    if (!tokens) {
        qCWarning(lcAuth) << "code exchange failed for provider" << m_provider << "http status"
                          << reply->httpStatus() << "oauth error" << reply->oauthError();
        emit finished(
                Error{tokens.error().code,
                      tr("The sign-in could not be completed: %1").arg(tokens.error().message)});
        return;
    }
    emit finished(tokens);
}

} // namespace chairside
