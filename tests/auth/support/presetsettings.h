#pragma once

#include "auth/oidcdiscovery.h"

#include <QString>

namespace chairside::testsupport {

// What a salon's admin writes into settings.ini to use its own client
// registration; tests use it to send the Google or Microsoft preset to the
// test OpenID server at `endpoints`. Without `revocation` the preset keeps
// Microsoft's way: no revocation endpoint.
void pointPresetAt(const QString &settingsPath, const QString &provider, const QString &clientId,
                   const OidcConfiguration &endpoints, bool revocation = true);

} // namespace chairside::testsupport
