#pragma once

#include "oidcdiscovery.h"
#include "tokenreply.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

#include <utility>

class QNetworkAccessManager;

namespace chairside {

class Clock;
struct AuthorizationAttempt;

// The client side of the authorization code flow with PKCE for a public
// (desktop) client: builds the authorization URL, exchanges the code,
// refreshes and revokes. Form bodies and the query are percent-encoded by
// hand (QUrlQuery leaves `+` and `/` raw, which form decoders misread).
// It keeps no tokens: they go in and out of each call.
class TokenClient : public QObject
{
    Q_OBJECT

public:
    using Parameters = QList<std::pair<QByteArray, QByteArray>>;

    TokenClient(const OidcConfiguration &provider, const QString &clientId,
                QNetworkAccessManager *network, QObject *parent = nullptr);

    // Google's desktop clients send a "secret" that is not secret; most
    // public clients have none.
    void setClientSecret(const QString &secret) { m_clientSecret = secret; }
    // expiresAt is computed on this clock (the default is the system's); it
    // must outlive the client and its replies.
    void setClock(const Clock &clock) { m_clock = &clock; }
    const OidcConfiguration &provider() const { return m_provider; }
    QString clientId() const { return m_clientId; }

    // response_type=code with the attempt's state, nonce and S256 challenge;
    // prompt=consent so servers hand out a refresh token again. `extra`
    // adds provider quirks (Google: access_type=offline).
    QUrl authorizationUrl(const AuthorizationAttempt &attempt, const QUrl &redirectUri,
                          const QStringList &scopes, const Parameters &extra = {}) const;

    // The caller owns each reply; see TokenReply.
    TokenReply *exchangeCode(const QByteArray &code, const QByteArray &verifier,
                             const QUrl &redirectUri);
    TokenReply *refresh(const QByteArray &refreshToken);
    // RFC 7009. hint: "refresh_token" or "access_token". Finishes with an
    // error at once when the provider has no revocation endpoint.
    TokenReply *revoke(const QByteArray &token,
                       const QByteArray &hint = QByteArrayLiteral("refresh_token"));

    // application/x-www-form-urlencoded with every reserved byte encoded.
    static QByteArray formEncode(const Parameters &parameters);

    static constexpr int timeoutMs = 30 * 1000;

private:
    TokenReply *post(const QUrl &endpoint, Parameters parameters, TokenReply::Kind kind);

    OidcConfiguration m_provider;
    QString m_clientId;
    QString m_clientSecret;
    QNetworkAccessManager *m_network;
    const Clock *m_clock;
};

} // namespace chairside
