#include "provider.h"

#include "issuer.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSettings>

#ifndef CHAIRSIDE_GOOGLE_CLIENT_ID
#define CHAIRSIDE_GOOGLE_CLIENT_ID ""
#endif
#ifndef CHAIRSIDE_MICROSOFT_CLIENT_ID
#define CHAIRSIDE_MICROSOFT_CLIENT_ID ""
#endif

namespace chairside {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("chairside", text);
}

QString microsoftBase()
{
    return QStringLiteral("https://login.microsoftonline.com/");
}

bool isTenantDomain(const QString &text)
{
    static const QRegularExpression label(QStringLiteral("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"));
    if (text.size() > 253)
        return false;
    const QStringList labels = text.split(QLatin1Char('.'));
    if (labels.size() < 2)
        return false;
    for (const QString &part : labels) {
        if (!label.match(part).hasMatch())
            return false;
    }
    return true;
}

} // namespace

QString Provider::settingsKey(const QString &providerName, const QString &key)
{
    return QLatin1String("auth/") + providerName + QLatin1Char('/') + key;
}

QString Provider::name() const
{
    switch (m_kind) {
    case Kind::Google: return QStringLiteral("google");
    case Kind::Microsoft: return QStringLiteral("microsoft");
    case Kind::Oidc: break;
    }
    return QStringLiteral("oidc");
}

QString Provider::displayName() const
{
    return displayName(name(), m_endpoints.issuer);
}

QString Provider::displayName(const QString &providerName, const QString &tenantOrIssuer)
{
    if (providerName == QLatin1String("google"))
        return translate("Google");
    if (providerName == QLatin1String("microsoft"))
        return translate("Microsoft");
    const QString host = QUrl(tenantOrIssuer).host();
    return host.isEmpty() ? tenantOrIssuer : host;
}

QString Provider::callbackPath() const
{
    return QLatin1String("/cb/") + name();
}

Result<Provider> Provider::google(const QSettings &settings)
{
    Provider provider;
    provider.m_kind = Kind::Google;
    OidcConfiguration &e = provider.m_endpoints;
    e.issuer = QStringLiteral("https://accounts.google.com");
    e.authorizationEndpoint = QUrl(QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth"));
    e.tokenEndpoint = QUrl(QStringLiteral("https://oauth2.googleapis.com/token"));
    e.revocationEndpoint = QUrl(QStringLiteral("https://oauth2.googleapis.com/revoke"));
    e.jwksUri = QUrl(QStringLiteral("https://www.googleapis.com/oauth2/v3/certs"));
    e.codeChallengeMethods = {QStringLiteral("S256")};
    e.idTokenSigningAlgs = {QStringLiteral("RS256")};
    // Google sends `iss` on the callback without advertising it: checked
    // when present, not demanded.
    e.issParameterSupported = false;
    provider.m_clientId = QLatin1String(CHAIRSIDE_GOOGLE_CLIENT_ID);
    provider.m_scopes = {QStringLiteral("openid"), QStringLiteral("email"),
                         QStringLiteral("https://www.googleapis.com/auth/calendar.events")};
    // Google hands out a refresh token only for offline access.
    provider.m_extraParameters = {{QByteArrayLiteral("access_type"), QByteArrayLiteral("offline")}};
    if (Result<void> applied = provider.applyOverrides(settings); !applied)
        return applied.error();
    return provider;
}

Result<Provider> Provider::microsoft(const QString &tenant, const QSettings &settings)
{
    const QString normalized = tenant.isEmpty() ? QStringLiteral("common") : tenant.toLower();
    const bool keyword = normalized == QLatin1String("common")
            || normalized == QLatin1String("organizations")
            || normalized == QLatin1String("consumers");
    if (!keyword && !issuer::isTenantId(normalized) && !isTenantDomain(normalized)) {
        return Error::invalid(
                translate("'%1' is not a Microsoft tenant Chairside can use: give common, "
                          "organizations, consumers, a tenant id such as "
                          "00000000-0000-0000-0000-000000000000, or a domain such as "
                          "contoso.onmicrosoft.com.")
                        .arg(tenant));
    }

    Provider provider;
    provider.m_kind = Kind::Microsoft;
    provider.m_tenant = normalized;
    const QString base = microsoftBase() + normalized;
    OidcConfiguration &e = provider.m_endpoints;
    // Only a tenant id names the issuer; every other form is answered by
    // the account's own tenant (see expectedIssuerFor()).
    e.issuer = microsoftBase()
            + (issuer::isTenantId(normalized) ? normalized : issuer::tenantPlaceholder())
            + QLatin1String("/v2.0");
    e.authorizationEndpoint = QUrl(base + QLatin1String("/oauth2/v2.0/authorize"));
    e.tokenEndpoint = QUrl(base + QLatin1String("/oauth2/v2.0/token"));
    e.jwksUri = QUrl(base + QLatin1String("/discovery/v2.0/keys"));
    // No per-token revocation: disconnecting forgets the token locally.
    e.codeChallengeMethods = {QStringLiteral("S256")};
    e.idTokenSigningAlgs = {QStringLiteral("RS256")};
    provider.m_clientId = QLatin1String(CHAIRSIDE_MICROSOFT_CLIENT_ID);
    // offline_access is how Microsoft hands out refresh tokens.
    provider.m_scopes = {QStringLiteral("openid"), QStringLiteral("email"),
                         QStringLiteral("offline_access"),
                         QStringLiteral("https://graph.microsoft.com/Calendars.ReadWrite")};
    if (Result<void> applied = provider.applyOverrides(settings); !applied)
        return applied.error();
    return provider;
}

Result<Provider> Provider::oidc(const QString &issuer, const QString &clientId,
                                const QSettings &settings)
{
    const QUrl issuerUrl(issuer, QUrl::StrictMode);
    if (issuer.isEmpty() || !OidcDiscovery::isAcceptableUrl(issuerUrl)
        || !issuerUrl.query().isEmpty()) {
        return Error::invalid(
                translate("'%1' is not a sign-in server address Chairside can use: it must start "
                          "with https:// (or http:// on this computer, for testing) and have no "
                          "?query or #part.")
                        .arg(issuer));
    }
    Provider provider;
    provider.m_kind = Kind::Oidc;
    provider.m_endpoints.issuer = issuer;
    provider.m_clientId = clientId;
    // offline_access asks for a refresh token (OpenID Connect Core §11).
    provider.m_scopes = {QStringLiteral("openid"), QStringLiteral("email"),
                         QStringLiteral("offline_access")};
    if (Result<void> applied = provider.applyOverrides(settings); !applied)
        return applied.error();
    // The issuer given for this sign-in wins over the one in settings.
    provider.m_endpoints.issuer = issuer;
    provider.m_overrides.issuer.clear();
    if (!clientId.isEmpty())
        provider.m_clientId = clientId;
    return provider;
}

Result<Provider> Provider::fromName(const QString &name, const QString &tenantOrIssuer,
                                    const QString &clientId, const QSettings &settings)
{
    Result<Provider> provider = Error::invalid(QString());
    if (name == QLatin1String("google"))
        provider = google(settings);
    else if (name == QLatin1String("microsoft"))
        provider = microsoft(tenantOrIssuer, settings);
    else if (name == QLatin1String("oidc"))
        return oidc(tenantOrIssuer, clientId, settings);
    else
        return Error::usage(translate("Unknown sign-in provider '%1': use google, microsoft or "
                                      "oidc.")
                                    .arg(name));
    if (provider && !clientId.isEmpty())
        provider->m_clientId = clientId;
    return provider;
}

Result<void> Provider::applyOverrides(const QSettings &settings)
{
    m_settingsFile = settings.fileName();
    const QString prefix = name();
    const auto text = [&](const char *key) {
        return settings.value(settingsKey(prefix, QLatin1String(key))).toString();
    };
    if (const QString id = text("clientId"); !id.isEmpty())
        m_clientId = id;
    if (const QString secret = text("clientSecret"); !secret.isEmpty())
        m_clientSecret = secret;
    if (const QString issuer = text("issuer"); !issuer.isEmpty()) {
        m_endpoints.issuer = issuer;
        m_overrides.issuer = issuer;
    }

    struct Endpoint
    {
        const char *key;
        QUrl OidcConfiguration::*member;
    };
    static const Endpoint endpoints[] = {
            {"authorizationEndpoint", &OidcConfiguration::authorizationEndpoint},
            {"tokenEndpoint", &OidcConfiguration::tokenEndpoint},
            {"revocationEndpoint", &OidcConfiguration::revocationEndpoint},
            {"jwksUri", &OidcConfiguration::jwksUri},
    };
    for (const Endpoint &endpoint : endpoints) {
        const QString value = text(endpoint.key);
        if (value.isEmpty())
            continue;
        const QUrl url(value, QUrl::StrictMode);
        if (!OidcDiscovery::isAcceptableUrl(url)) {
            return Error::invalid(
                    translate("The setting %1 ('%2') is not an address Chairside can use: it "
                              "must start with https:// (or http:// on this computer, for "
                              "testing).")
                            .arg(settingsKey(prefix, QLatin1String(endpoint.key)), value));
        }
        m_endpoints.*endpoint.member = url;
        m_overrides.*endpoint.member = url;
    }
    return {};
}

void Provider::setEndpoints(const OidcConfiguration &discovered)
{
    const OidcConfiguration overrides = m_overrides;
    m_endpoints = discovered;
    if (!overrides.issuer.isEmpty())
        m_endpoints.issuer = overrides.issuer;
    for (QUrl OidcConfiguration::*member :
         {&OidcConfiguration::authorizationEndpoint, &OidcConfiguration::tokenEndpoint,
          &OidcConfiguration::revocationEndpoint, &OidcConfiguration::jwksUri}) {
        if (!(overrides.*member).isEmpty())
            m_endpoints.*member = overrides.*member;
    }
}

bool Provider::needsDiscovery() const
{
    return m_endpoints.authorizationEndpoint.isEmpty() || m_endpoints.tokenEndpoint.isEmpty()
            || m_endpoints.jwksUri.isEmpty();
}

bool Provider::issuerDependsOnTenant() const
{
    return issuer::isTemplate(m_endpoints.issuer);
}

Result<QString> Provider::expectedIssuerFor(const QString &tid) const
{
    return issuer::forTenant(m_endpoints.issuer, tid);
}

QStringList Provider::legacyIdTokenIssuers() const
{
    // Google's reference: "The modern value is https://accounts.google.com;
    // however, accounts.google.com is also returned for legacy implementations."
    if (m_kind == Kind::Google)
        return {QStringLiteral("accounts.google.com")};
    return {};
}

Result<void> Provider::validate() const
{
    if (m_clientId.isEmpty()) {
        // Say where: an admin has to find the file to put the id in.
        const QString where = m_settingsFile.isEmpty() ? translate("Settings") : m_settingsFile;
        switch (m_kind) {
        case Kind::Google:
            return Error::invalid(
                    translate("No Google client id is configured; set %1 in %2 (or build "
                              "with CHAIRSIDE_GOOGLE_CLIENT_ID).")
                            .arg(settingsKey(name(), QStringLiteral("clientId")), where));
        case Kind::Microsoft:
            return Error::invalid(
                    translate("No Microsoft client id is configured; set %1 in %2 (or "
                              "build with CHAIRSIDE_MICROSOFT_CLIENT_ID).")
                            .arg(settingsKey(name(), QStringLiteral("clientId")), where));
        case Kind::Oidc: break;
        }
        return Error::invalid(translate("No client id is given for the sign-in server %1; pass "
                                        "--client-id or set %2 in %3.")
                                      .arg(displayName(),
                                           settingsKey(name(), QStringLiteral("clientId")), where));
    }
    if (needsDiscovery()) {
        return Error::invalid(translate("The addresses of the sign-in server %1 are not known "
                                        "yet; look up its OpenID configuration first.")
                                      .arg(displayName()));
    }
    for (const QUrl &url : {m_endpoints.authorizationEndpoint, m_endpoints.tokenEndpoint,
                            m_endpoints.jwksUri, m_endpoints.revocationEndpoint}) {
        if (!url.isEmpty() && !OidcDiscovery::isAcceptableUrl(url)) {
            return Error::invalid(translate("The sign-in server %1 uses the address '%2', which "
                                            "is not https://; Chairside refuses it.")
                                          .arg(displayName(), url.toDisplayString()));
        }
    }
    return {};
}

} // namespace chairside
