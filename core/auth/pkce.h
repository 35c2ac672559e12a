#pragma once

#include <QByteArray>

namespace chairside {

// RFC 7636 proof key: a fresh 43-character verifier per attempt and its
// S256 challenge.
struct Pkce
{
    QByteArray verifier;
    QByteArray challenge;

    static Pkce generate();
    // base64url(SHA-256(verifier)), no padding.
    static QByteArray challengeFor(const QByteArray &verifier);
    // `bytes` random bytes from the system's CSPRNG, base64url without padding
    // (for state and nonce as well).
    static QByteArray randomToken(int bytes = 32);
    // base64url without padding (RFC 7636 Appendix A).
    static QByteArray base64Url(const QByteArray &bytes);
};

} // namespace chairside
