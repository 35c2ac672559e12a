#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace chairside::testsupport {

// A signing key made in the test with OpenSSL, to build ID tokens the
// way an issuer does (JWS compact, RS256, ES256 or ES384) without a server.
class TestSigningKey
{
public:
    enum class Type { Rsa, P256, P384 };

    static TestSigningKey generate(Type type, const QString &kid);

    QString alg() const;
    QString kid() const { return m_kid; }
    // The public half as a JWK (kty, kid, alg, use, n/e or crv/x/y).
    QJsonObject publicJwk() const;
    // {"keys": [...]} for IdTokenVerifier::setKeys().
    static QByteArray jwks(const QList<QJsonObject> &jwks);

    // The JWS signature of `input` with the hash of alg(): PKCS#1 v1.5, or
    // raw r||s of the curve's size.
    QByteArray sign(const QByteArray &input) const;
    // header.payload.signature; `header` entries override alg/kid/typ.
    QByteArray token(const QJsonObject &claims, const QJsonObject &header = {}) const;

    static QByteArray base64Url(const QByteArray &bytes);

private:
    // Bytes of one coordinate (and of r and s): 32 for P-256, 48 for P-384.
    int curveBytes() const { return m_type == Type::P384 ? 48 : 32; }

    Type m_type = Type::Rsa;
    QString m_kid;
    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace chairside::testsupport
