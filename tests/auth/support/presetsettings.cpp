#include "presetsettings.h"

#include "auth/provider.h"

#include <QSettings>

namespace chairside::testsupport {

void pointPresetAt(const QString &settingsPath, const QString &provider, const QString &clientId,
                   const OidcConfiguration &endpoints, bool revocation)
{
    QSettings settings(settingsPath, QSettings::IniFormat);
    const auto set = [&](const char *key, const QString &value) {
        settings.setValue(Provider::settingsKey(provider, QLatin1String(key)), value);
    };
    set("clientId", clientId);
    set("issuer", endpoints.issuer);
    set("authorizationEndpoint", endpoints.authorizationEndpoint.toString());
    set("tokenEndpoint", endpoints.tokenEndpoint.toString());
    set("jwksUri", endpoints.jwksUri.toString());
    if (revocation)
        set("revocationEndpoint", endpoints.revocationEndpoint.toString());
}

} // namespace chairside::testsupport
