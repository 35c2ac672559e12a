#pragma once

#include "auth/oidcdiscovery.h"
#include "auth/signin.h"

#include <QProcess>
#include <QString>

class QNetworkAccessManager;

namespace chairside::testsupport {

// The real OpenID provider in tests/auth/oidc-server (oidc-provider on
// Node.js), started on a free 127.0.0.1 port and killed with this object.
class OidcTestServer
{
public:
    OidcTestServer() = default;
    ~OidcTestServer();
    OidcTestServer(const OidcTestServer &) = delete;
    OidcTestServer &operator=(const OidcTestServer &) = delete;

    // Starts `node server.mjs 0` and waits for its READY line; a start that
    // stalls is killed and tried again (three tries of 15 s). False (and
    // errorString() says what to install or run) when node or the npm
    // packages are missing or the server does not come up.
    bool start(int accessTokenTtlSeconds = 60);
    void stop();

    QString issuer() const { return m_issuer; }
    QString errorString() const { return m_error; }

    // The started server's endpoints, found by OidcDiscovery as the app
    // finds a provider's (waits up to 15 s).
    Result<OidcConfiguration> discover(QNetworkAccessManager *network) const;

    // A sign-in with this server's test client ("chairside-test", openid,
    // email and offline_access, the callback path /cb/oidc).
    static SignInConfig signInConfig(const OidcConfiguration &endpoints,
                                     const QString &accountId = {});

    static QString serverDir();

private:
    bool startOnce();

    QProcess m_process;
    QString m_issuer;
    QString m_error;
};

} // namespace chairside::testsupport
