#pragma once

#include "domain/error.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace chairside {

// The parts of an issuer's OpenID configuration (OpenID Connect Discovery
// 1.0 §3, RFC 8414) that sign-in uses. Google and Microsoft fill it from
// built-in values; a generic issuer from discovery.
struct OidcConfiguration
{
    QString issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl jwksUri;
    QUrl revocationEndpoint; // empty: the provider offers no revocation
    QUrl userinfoEndpoint;   // optional
    QStringList scopesSupported;
    QStringList codeChallengeMethods;
    QStringList idTokenSigningAlgs;
    // RFC 9207: the provider promises `iss` on every authorization response.
    bool issParameterSupported = false;
};

// Fetches {issuer}/.well-known/openid-configuration and checks it: the
// document's issuer must equal the one asked for exactly, the endpoints
// must be there, and every URL must be https (plain http only on a
// loopback address, for local test servers). One lookup at a time, in the
// manner of QDnsLookup: discover(), then finished(), then result().
class OidcDiscovery : public QObject
{
    Q_OBJECT

public:
    explicit OidcDiscovery(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~OidcDiscovery() override;

    // Starts a lookup; a lookup still running is aborted first.
    void discover(const QString &issuer);
    void abort();
    bool isFinished() const { return m_reply.isNull(); }
    const Result<OidcConfiguration> &result() const { return m_result; }

    // The checks on their own, for tests and for documents from elsewhere.
    static Result<OidcConfiguration> parse(const QByteArray &json, const QString &expectedIssuer);
    static QUrl configurationUrl(const QString &issuer);
    // https, or http to 127.0.0.1 / [::1] / localhost.
    static bool isAcceptableUrl(const QUrl &url);

    static constexpr int timeoutMs = 30 * 1000;
    static constexpr qint64 maxDocumentBytes = 1024 * 1024;

signals:
    void finished();

private:
    void onReplyFinished();

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QString m_issuer;
    Result<OidcConfiguration> m_result;
};

} // namespace chairside
