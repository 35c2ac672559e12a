#include "tokenclient.h"

#include "authorizationattempt.h"
#include "domain/clock.h"
#include "logging.h"
#include "pkce.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace chairside {

TokenClient::TokenClient(const OidcConfiguration &provider, const QString &clientId,
                         QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_clientId(clientId)
    , m_network(network)
    , m_clock(&Clock::system())
{}

QByteArray TokenClient::formEncode(const Parameters &parameters)
{
    // toPercentEncoding() keeps only RFC 3986 unreserved bytes, so `+`,
    // `/`, `=` and `&` in a value can never be misread.
    QByteArray encoded;
    for (const auto &[key, value] : parameters) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += key.toPercentEncoding() + '=' + value.toPercentEncoding();
    }
    return encoded;
}

QUrl TokenClient::authorizationUrl(const AuthorizationAttempt &attempt, const QUrl &redirectUri,
                                   const QStringList &scopes, const Parameters &extra) const
{
    Parameters parameters{
            {"response_type", "code"},
            {"client_id", m_clientId.toUtf8()},
            {"redirect_uri", redirectUri.toEncoded()},
            {"scope", scopes.join(QLatin1Char(' ')).toUtf8()},
            {"state", attempt.state},
            {"code_challenge", Pkce::challengeFor(attempt.verifier)},
            {"code_challenge_method", "S256"},
            {"prompt", "consent"},
    };
    if (!attempt.nonce.isEmpty())
        parameters.append({"nonce", attempt.nonce});
    parameters.append(extra);

    QUrl url = m_provider.authorizationEndpoint;
    // Keep a query the endpoint already has (some tenants carry one).
    QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    if (!query.isEmpty())
        query += '&';
    query += formEncode(parameters);
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

TokenReply *TokenClient::exchangeCode(const QByteArray &code, const QByteArray &verifier,
                                      const QUrl &redirectUri)
{
    return post(m_provider.tokenEndpoint,
                {
                        {"grant_type", "authorization_code"},
                        {"code", code},
                        {"redirect_uri", redirectUri.toEncoded()},
                        {"code_verifier", verifier},
                },
                TokenReply::Kind::Tokens);
}

TokenReply *TokenClient::refresh(const QByteArray &refreshToken)
{
    return post(m_provider.tokenEndpoint,
                {
                        {"grant_type", "refresh_token"},
                        {"refresh_token", refreshToken},
                },
                TokenReply::Kind::Tokens);
}

TokenReply *TokenClient::revoke(const QByteArray &token, const QByteArray &hint)
{
    if (m_provider.revocationEndpoint.isEmpty()) {
        return new TokenReply(Error::invalid(tr("This provider offers no way to revoke a "
                                                "sign-in; it is only forgotten on this "
                                                "computer.")),
                              TokenReply::Kind::Revocation, *m_clock);
    }
    Parameters parameters{{"token", token}};
    if (!hint.isEmpty())
        parameters.append({"token_type_hint", hint});
    return post(m_provider.revocationEndpoint, parameters, TokenReply::Kind::Revocation);
}

TokenReply *TokenClient::post(const QUrl &endpoint, Parameters parameters, TokenReply::Kind kind)
{
    // A public client identifies itself in the body (RFC 6749 §2.3, §3.2.1).
    parameters.append({"client_id", m_clientId.toUtf8()});
    if (!m_clientSecret.isEmpty())
        parameters.append({"client_secret", m_clientSecret.toUtf8()});

    QNetworkRequest request(endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    // A token endpoint never redirects; following one would resend secrets.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = m_network->post(request, formEncode(parameters));
    qCDebug(lcAuth) << "POST" << endpoint.host() << endpoint.path();
    return new TokenReply(reply, kind, *m_clock);
}

} // namespace chairside
