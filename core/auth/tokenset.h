#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace chairside {

// What a token endpoint answered (RFC 6749 §5.1). Tokens are opaque bytes:
// they are never logged and never written anywhere but the keychain.
struct TokenSet
{
    QByteArray accessToken;
    // Empty when the server sent none. After a refresh that means "keep the
    // refresh token you have" (servers that do not rotate).
    QByteArray refreshToken;
    QByteArray idToken;  // empty unless the scope had openid
    QDateTime expiresAt; // UTC; invalid when the server did not say
    QString scope;       // as granted; may differ from what was asked
    QString tokenType;   // "Bearer"

    bool hasRefreshToken() const { return !refreshToken.isEmpty(); }
};

} // namespace chairside
