#include "oidcdiscovery.h"

#include "logging.h"
#include "serverrequest.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace chairside {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            list.append(item.toString());
    }
    return list;
}

} // namespace

OidcDiscovery::OidcDiscovery(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_result(Error::invalid(tr("The sign-in server has not been looked up yet.")))
{}

OidcDiscovery::~OidcDiscovery()
{
    abort();
}

QUrl OidcDiscovery::configurationUrl(const QString &issuer)
{
    // Discovery §4: the well-known path is appended to the issuer, keeping
    // any path it has (Microsoft's tenants are paths).
    QString base = issuer;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QLatin1String("/.well-known/openid-configuration"), QUrl::StrictMode);
}

bool OidcDiscovery::isAcceptableUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || !url.fragment().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() != QLatin1String("http"))
        return false;
    if (url.host() == QLatin1String("localhost"))
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
}

void OidcDiscovery::discover(const QString &issuer)
{
    abort();
    m_issuer = issuer;
    const QUrl issuerUrl(issuer, QUrl::StrictMode);
    if (!isAcceptableUrl(issuerUrl) || !issuerUrl.query().isEmpty()) {
        m_result = Error::invalid(
                tr("'%1' is not a sign-in server address Chairside can use: it must start with "
                   "https:// (or http:// on this computer, for testing) and have no ?query or "
                   "#part.")
                        .arg(issuer));
        QMetaObject::invokeMethod(this, &OidcDiscovery::finished, Qt::QueuedConnection);
        return;
    }

    m_reply = m_network->get(serverrequest::jsonGet(configurationUrl(issuer), timeoutMs));
    connect(m_reply, &QNetworkReply::finished, this, &OidcDiscovery::onReplyFinished);
    qCDebug(lcAuth) << "discovering" << issuerUrl.host();
}

void OidcDiscovery::abort()
{
    serverrequest::drop(m_reply, this);
}

void OidcDiscovery::onReplyFinished()
{
    QNetworkReply *reply = serverrequest::take(m_reply);
    if (!reply)
        return;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        m_result = Error::unavailable(tr("Could not reach the sign-in server %1: %2. Check the "
                                         "address and the network, then try again.")
                                              .arg(m_issuer, reply->errorString()));
    } else if (serverrequest::isPassing(status)) {
        m_result = Error::unavailable(tr("The sign-in server %1 is busy or failing (HTTP %2). "
                                         "Try again later.")
                                              .arg(m_issuer)
                                              .arg(status));
    } else if (status != 200) {
        m_result = Error::invalid(tr("The sign-in server %1 has no OpenID configuration (HTTP %2 "
                                     "for %3). Check the issuer address.")
                                          .arg(m_issuer)
                                          .arg(status)
                                          .arg(reply->url().toDisplayString()));
    } else if (reply->bytesAvailable() > maxDocumentBytes) {
        m_result = Error::invalid(
                tr("The OpenID configuration of %1 is too large to be genuine.").arg(m_issuer));
    } else {
        m_result = parse(reply->readAll(), m_issuer);
    }
    if (!m_result)
        qCWarning(lcAuth) << "discovery failed, HTTP status" << status;
    emit finished();
}

Result<OidcConfiguration> OidcDiscovery::parse(const QByteArray &json,
                                               const QString &expectedIssuer)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return Error::invalid(tr("The OpenID configuration of %1 is not valid JSON. Check the "
                                 "issuer address.")
                                      .arg(expectedIssuer));
    }
    const QJsonObject object = document.object();

    OidcConfiguration configuration;
    configuration.issuer = object.value(QLatin1String("issuer")).toString();
    // Discovery §4.3: exactly equal, no normalising; this is what stops a
    // server from speaking for another issuer.
    if (configuration.issuer != expectedIssuer) {
        return Error::invalid(tr("The sign-in server calls itself '%1' instead of '%2'. "
                                 "Chairside refuses it; check the issuer address, including "
                                 "any trailing slash.")
                                      .arg(configuration.issuer, expectedIssuer));
    }

    struct Endpoint
    {
        const char *key;
        QUrl *target;
        bool required;
    };
    const Endpoint endpoints[] = {
            {"authorization_endpoint", &configuration.authorizationEndpoint, true},
            {"token_endpoint", &configuration.tokenEndpoint, true},
            {"jwks_uri", &configuration.jwksUri, true},
            {"revocation_endpoint", &configuration.revocationEndpoint, false},
            {"userinfo_endpoint", &configuration.userinfoEndpoint, false},
    };
    for (const Endpoint &endpoint : endpoints) {
        const QString key = QLatin1String(endpoint.key);
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (endpoint.required) {
                return Error::invalid(tr("The OpenID configuration of %1 has no %2, so "
                                         "Chairside cannot sign in there.")
                                              .arg(expectedIssuer, key));
            }
            continue;
        }
        const QUrl url(value.toString(), QUrl::StrictMode);
        if (!value.isString() || !isAcceptableUrl(url)) {
            return Error::invalid(tr("The OpenID configuration of %1 gives an unusable %2 "
                                     "('%3'): it must be an https:// address.")
                                          .arg(expectedIssuer, key, value.toString()));
        }
        *endpoint.target = url;
    }

    configuration.scopesSupported = stringList(object.value(QLatin1String("scopes_supported")));
    configuration.codeChallengeMethods =
            stringList(object.value(QLatin1String("code_challenge_methods_supported")));
    configuration.idTokenSigningAlgs =
            stringList(object.value(QLatin1String("id_token_signing_alg_values_supported")));
    configuration.issParameterSupported =
            object.value(QLatin1String("authorization_response_iss_parameter_supported")).toBool();

    // RFC 8414 §2: a server that lists its PKCE methods but not S256 would
    // ignore our challenge. One that lists none (Google) gets the benefit
    // of the doubt.
    if (!configuration.codeChallengeMethods.isEmpty()
        && !configuration.codeChallengeMethods.contains(QLatin1String("S256"))) {
        return Error::invalid(tr("The sign-in server %1 does not support PKCE with S256, "
                                 "which Chairside requires.")
                                      .arg(expectedIssuer));
    }
    return configuration;
}

} // namespace chairside
