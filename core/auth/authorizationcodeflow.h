#pragma once

#include "domain/clock.h"
#include "domain/error.h"
#include "oidcdiscovery.h"
#include "tokenclient.h"
#include "tokenset.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace chairside {

// The OAuth 2.0 part of a sign-in: the authorization URL with PKCE, the
// browser's callback on a loopback redirect (RFC 8252), and the code
// exchanged for tokens. It is what QtNetworkAuth's
// QOAuth2AuthorizationCodeFlow with a QOAuthHttpServerReplyHandler does in
// later Qt versions; Qt 6.4's lacks PKCE and listens on every interface, so
// LoopbackCodeFlow does it on QTcpServer and QNetworkAccessManager. A
// QtNetworkAuth-based flow can take its place behind this interface.
// SignIn keeps what QtNetworkAuth does not do: the nonce and the ID-token
// check, and the keychain.
//
// Every flow that started ends with exactly one finished(), unless abort()
// is called first. Do not delete a flow from a slot of its signals.
class AuthorizationCodeFlow : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QString provider;            // "google", "microsoft", "oidc"
        QString callbackPath;        // "/cb/oidc": one path per provider against mix-up
        OidcConfiguration endpoints; // authorization and token endpoints, issuer for `iss`
        QString clientId;
        QString clientSecret; // Google's desktop "secret"; usually empty
        QStringList scopes;
        TokenClient::Parameters extraParameters;
        bool alsoIpv6 = false; // listen on ::1 too (providers that register localhost)
        QByteArray nonce;      // OpenID nonce, checked later in the ID token
    };

    using QObject::QObject;

    // Starts listening and returns the URL to open in the browser. Fails,
    // emitting nothing, when no loopback port can be opened. The attempt
    // expires on `clock` (which must outlive the flow) after ten minutes.
    virtual Result<QUrl> start(const Request &request, const Clock &clock) = 0;
    // Stops at once without finished(): the port closes, a request is dropped.
    virtual void abort() = 0;
    // Ends the flow with a timeout once the clock has passed its expiry.
    virtual void checkExpiry() = 0;
    // The redirect of the latest attempt (kept after it ends).
    virtual QUrl redirectUri() const = 0;

signals:
    // The browser brought this attempt's answer; the code exchange follows.
    void callbackReceived();
    // The tokens, or a sentence saying why there are none.
    void finished(const chairside::Result<chairside::TokenSet> &tokens);
};

} // namespace chairside
