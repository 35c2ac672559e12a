#include "pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <cstring>
#include <vector>

namespace chairside {

Pkce Pkce::generate()
{
    Pkce pkce;
    // 32 bytes give the 43 characters RFC 7636 §4.1 recommends.
    pkce.verifier = randomToken(32);
    pkce.challenge = challengeFor(pkce.verifier);
    return pkce;
}

QByteArray Pkce::challengeFor(const QByteArray &verifier)
{
    return base64Url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
}

QByteArray Pkce::randomToken(int bytes)
{
    QByteArray random(qMax(bytes, 0), Qt::Uninitialized);
    if (random.isEmpty())
        return {};
    // The operating system's generator (getrandom(2) on Linux), which Qt
    // documents as fit for cryptography. Not OpenSSL's RAND_bytes: this is
    // also the server join's password, and libcrypto stays out of the
    // window's start (docs/desktop.md "Starting").
    std::vector<quint32> words((random.size() + 3) / 4);
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    std::memcpy(random.data(), words.data(), size_t(random.size()));
    return base64Url(random);
}

QByteArray Pkce::base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace chairside
