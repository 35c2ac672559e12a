#pragma once

#include "domain/error.h"
#include "oidcdiscovery.h"
#include "tokenclient.h"

#include <QString>
#include <QStringList>

class QSettings;

namespace chairside {

// How to sign in with one kind of account: endpoints, client id, scopes,
// callback path and the provider's quirks. Google and Microsoft come from
// built-in values, a generic OpenID Connect issuer from discovery.
//
// Every value can be overridden from QSettings under "auth/<name>/<key>"
// (name: google, microsoft, oidc; keys: clientId, clientSecret, issuer,
// authorizationEndpoint, tokenEndpoint, revocationEndpoint, jwksUri), so a
// salon can use its own client registration and tests can point the
// endpoints at local servers. Client ids default to the build's
// CHAIRSIDE_GOOGLE_CLIENT_ID / CHAIRSIDE_MICROSOFT_CLIENT_ID (empty unless
// set at configure time).
class Provider
{
public:
    enum class Kind { Google, Microsoft, Oidc };

    // Fail only on values that can never work (a malformed tenant, an
    // override that is not https); a missing client id is reported by
    // validate(), so the presets can be shown before one is configured.
    static Result<Provider> google(const QSettings &settings);
    // tenant: "common", "organizations", "consumers", a tenant id (GUID) or
    // a verified domain such as contoso.onmicrosoft.com.
    static Result<Provider> microsoft(const QString &tenant, const QSettings &settings);
    // Endpoints stay empty until setEndpoints() with OidcDiscovery's result.
    // An empty clientId falls back to "auth/oidc/clientId".
    static Result<Provider> oidc(const QString &issuer, const QString &clientId,
                                 const QSettings &settings);
    // By name, as the CLI and settings spell it. `tenantOrIssuer` is the
    // Microsoft tenant (empty: "common") or the OpenID issuer; ignored for Google.
    static Result<Provider> fromName(const QString &name, const QString &tenantOrIssuer,
                                     const QString &clientId, const QSettings &settings);

    // Everything a sign-in needs: a client id, and endpoints that exist and
    // are https (http only to this computer).
    Result<void> validate() const;

    Kind kind() const { return m_kind; }
    QString name() const;        // "google", "microsoft", "oidc"
    QString displayName() const; // "Google", "Microsoft", or the issuer's host
    // The same for a connected account: its provider's name and its
    // Microsoft tenant or OpenID issuer (Account::tenantOrIssuer).
    static QString displayName(const QString &providerName, const QString &tenantOrIssuer);
    QString callbackPath() const; // "/cb/google": a path per provider against mix-up
    // Providers that register http://localhost (Microsoft) may be sent to
    // ::1, so the loopback receiver listens there too on the same port.
    bool alsoIpv6() const { return m_kind == Kind::Microsoft; }
    QString tenant() const { return m_tenant; } // Microsoft only

    const OidcConfiguration &endpoints() const { return m_endpoints; }
    // For a generic issuer after discovery. Settings overrides still win.
    void setEndpoints(const OidcConfiguration &discovered);
    bool needsDiscovery() const;
    bool canRevoke() const { return !m_endpoints.revocationEndpoint.isEmpty(); }

    QString clientId() const { return m_clientId; }
    // Google's desktop "secret" is not secret (RFC 8252 §8.5); empty elsewhere.
    QString clientSecret() const { return m_clientSecret; }
    QStringList scopes() const { return m_scopes; }
    TokenClient::Parameters extraParameters() const { return m_extraParameters; }

    // Microsoft's multi-tenant endpoints ("common", "organizations",
    // "consumers", or a domain) publish the issuer as a template,
    // https://login.microsoftonline.com/{tenantid}/v2.0, because each
    // account's tokens are issued by its own tenant. endpoints().issuer then
    // holds that template, which matches no real `iss`; the ID token's
    // issuer must be checked against expectedIssuerFor(its `tid` claim).
    bool issuerDependsOnTenant() const;
    // The issuer an ID token with this `tid` must carry: the template with
    // {tenantid} replaced, after checking tid is a tenant id (a GUID). For a
    // fixed issuer (Google, OpenID, a Microsoft tenant id) it is the issuer
    // itself and tid is not used.
    Result<QString> expectedIssuerFor(const QString &tid) const;

    // Issuer spellings an ID token may also carry besides endpoints().issuer:
    // Google's scheme-less "accounts.google.com".
    QStringList legacyIdTokenIssuers() const;

    static QString settingsKey(const QString &providerName, const QString &key);

private:
    Provider() = default;
    Result<void> applyOverrides(const QSettings &settings);

    Kind m_kind = Kind::Oidc;
    QString m_tenant;
    OidcConfiguration m_endpoints;
    // Settings overrides, kept so that discovery does not replace them.
    OidcConfiguration m_overrides;
    QString m_clientId;
    QString m_clientSecret;
    QString m_settingsFile; // where the overrides came from, for messages
    QStringList m_scopes;
    TokenClient::Parameters m_extraParameters;
};

} // namespace chairside
