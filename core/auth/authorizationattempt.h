#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

namespace chairside {

// One sign-in in progress (RFC 9700): bound to its provider, with a one-time
// state, the PKCE verifier, the OpenID nonce, and an expiry ten minutes out.
struct AuthorizationAttempt
{
    QString provider;       // "google", "microsoft", "oidc"
    QString callbackPath;   // "/cb/google": a path per provider against mix-up
    QString expectedIssuer; // compared exactly with `iss` when the callback has one
    QByteArray state;
    QByteArray verifier;
    QByteArray nonce;
    QDateTime expiresAt;

    static constexpr int lifetimeSeconds = 10 * 60;
};

} // namespace chairside
