#pragma once

#include "domain/clock.h"
#include "domain/error.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace chairside {

// Checks an OpenID Connect ID token (Core 1.0 §3.1.3.7): the signature
// against the issuer's JWKS (RS256 or ES256 only, with OpenSSL; "none" and
// HMAC are refused), then iss, aud/azp, exp, iat and nonce. Keys come from
// fetchKeys() (jwks_uri) or setKeys(); verify() itself does no I/O.
class IdTokenVerifier : public QObject
{
    Q_OBJECT

public:
    struct Expected
    {
        // Compared exactly; a Microsoft template ({tenantid}) is first filled
        // with the token's own `tid` claim, which must be a tenant id.
        QString issuer;
        QString clientId; // must be in aud; must be azp when azp is present
        // The attempt's nonce, which the token must carry. Empty only for an
        // ID token from a refresh: it came straight from the token endpoint,
        // so there is no authorization response to replay.
        QByteArray nonce;
        // Other exact spellings of the same issuer (Google's legacy
        // "accounts.google.com").
        QStringList otherIssuers = {};
    };

    struct Claims
    {
        QString issuer;
        QString subject;
        QStringList audience;
        QString authorizedParty;
        QDateTime issuedAt;
        QDateTime expiresAt;
        QString email; // when the scope had email; for "connected as …"
        QString name;
        QJsonObject all;
    };

    explicit IdTokenVerifier(QNetworkAccessManager *network = nullptr,
                             const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~IdTokenVerifier() override;

    // GET jwks_uri; emits keysFetched() when done, keysResult() says how it went.
    void fetchKeys(const QUrl &jwksUri);
    const Result<void> &keysResult() const { return m_keysResult; }
    // A JWK Set document (RFC 7517 §5). Keys that are not RSA or P-256
    // signing keys are skipped; a set without any usable key is an error.
    Result<void> setKeys(const QByteArray &jwksJson);
    bool hasKey(const QString &kid) const { return m_keys.contains(kid); }
    int keyCount() const { return int(m_keys.size()); }

    Result<Claims> verify(const QByteArray &idToken, const Expected &expected) const;

    // Allowed clock difference between us and the issuer.
    static constexpr int leewaySeconds = 60;
    static constexpr int maxTokenBytes = 64 * 1024;

signals:
    void keysFetched();

private:
    void onKeysReplyFinished();

    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    QPointer<QNetworkReply> m_reply;
    QHash<QString, QJsonObject> m_keys; // kid → JWK
    Result<void> m_keysResult;
};

} // namespace chairside
