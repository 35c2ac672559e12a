#include "pkce.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <openssl/rand.h>

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
    if (RAND_bytes(reinterpret_cast<unsigned char *>(random.data()), int(random.size())) != 1) {
        // OpenSSL could not seed itself; the OS generator behind
        // QRandomGenerator::system() is just as good.
        qCWarning(lcAuth) << "OpenSSL RAND_bytes failed, using the system random generator";
        auto *system = QRandomGenerator::system();
        for (char &c : random)
            c = char(system->bounded(256));
    }
    return base64Url(random);
}

QByteArray Pkce::base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace chairside
