#include "testsigningkey.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

namespace chairside::testsupport {

namespace {

QByteArray bignumParam(EVP_PKEY *key, const char *name, int width = 0)
{
    BIGNUM *number = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &number) != 1)
        return {};
    QByteArray bytes(width > 0 ? width : BN_num_bytes(number), '\0');
    BN_bn2binpad(number, reinterpret_cast<unsigned char *>(bytes.data()), int(bytes.size()));
    BN_free(number);
    return bytes;
}

} // namespace

QByteArray TestSigningKey::base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

TestSigningKey TestSigningKey::generate(Type type, const QString &kid)
{
    TestSigningKey key;
    key.m_type = type;
    key.m_kid = kid;
    EVP_PKEY *pkey = nullptr;
    switch (type) {
    case Type::Rsa: pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048)); break;
    case Type::P256: pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
    case Type::P384: pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"); break;
    }
    key.m_key.reset(pkey, EVP_PKEY_free);
    return key;
}

QString TestSigningKey::alg() const
{
    switch (m_type) {
    case Type::Rsa: return QStringLiteral("RS256");
    case Type::P256: return QStringLiteral("ES256");
    case Type::P384: return QStringLiteral("ES384");
    }
    return {};
}

QJsonObject TestSigningKey::publicJwk() const
{
    QJsonObject jwk{{QStringLiteral("kid"), m_kid},
                    {QStringLiteral("alg"), alg()},
                    {QStringLiteral("use"), QStringLiteral("sig")}};
    EVP_PKEY *key = m_key.get();
    if (m_type == Type::Rsa) {
        jwk.insert(QStringLiteral("kty"), QStringLiteral("RSA"));
        jwk.insert(QStringLiteral("n"),
                   QString::fromLatin1(base64Url(bignumParam(key, OSSL_PKEY_PARAM_RSA_N))));
        jwk.insert(QStringLiteral("e"),
                   QString::fromLatin1(base64Url(bignumParam(key, OSSL_PKEY_PARAM_RSA_E))));
    } else {
        jwk.insert(QStringLiteral("kty"), QStringLiteral("EC"));
        jwk.insert(QStringLiteral("crv"),
                   m_type == Type::P384 ? QStringLiteral("P-384") : QStringLiteral("P-256"));
        jwk.insert(QStringLiteral("x"),
                   QString::fromLatin1(
                           base64Url(bignumParam(key, OSSL_PKEY_PARAM_EC_PUB_X, curveBytes()))));
        jwk.insert(QStringLiteral("y"),
                   QString::fromLatin1(
                           base64Url(bignumParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, curveBytes()))));
    }
    return jwk;
}

QByteArray TestSigningKey::jwks(const QList<QJsonObject> &jwks)
{
    QJsonArray keys;
    for (const QJsonObject &jwk : jwks)
        keys.append(jwk);
    return QJsonDocument(QJsonObject{{QStringLiteral("keys"), keys}})
            .toJson(QJsonDocument::Compact);
}

QByteArray TestSigningKey::sign(const QByteArray &input) const
{
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    size_t length = 0;
    QByteArray signature;
    const EVP_MD *digest = m_type == Type::P384 ? EVP_sha384() : EVP_sha256();
    if (EVP_DigestSignInit(context, nullptr, digest, nullptr, m_key.get()) == 1
        && EVP_DigestSign(context, nullptr, &length,
                          reinterpret_cast<const unsigned char *>(input.constData()),
                          size_t(input.size()))
                == 1) {
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(context, reinterpret_cast<unsigned char *>(signature.data()), &length,
                           reinterpret_cast<const unsigned char *>(input.constData()),
                           size_t(input.size()))
            == 1)
            signature.resize(qsizetype(length));
        else
            signature.clear();
    }
    EVP_MD_CTX_free(context);
    if (m_type == Type::Rsa || signature.isEmpty())
        return signature;

    // DER ECDSA-Sig-Value → r || s, each the curve's size (RFC 7518 §3.4).
    const auto *der = reinterpret_cast<const unsigned char *>(signature.constData());
    ECDSA_SIG *parsed = d2i_ECDSA_SIG(nullptr, &der, long(signature.size()));
    if (!parsed)
        return {};
    const int width = curveBytes();
    QByteArray raw(2 * width, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    BN_bn2binpad(ECDSA_SIG_get0_r(parsed), out, width);
    BN_bn2binpad(ECDSA_SIG_get0_s(parsed), out + width, width);
    ECDSA_SIG_free(parsed);
    return raw;
}

QByteArray TestSigningKey::token(const QJsonObject &claims, const QJsonObject &header) const
{
    QJsonObject fullHeader{{QStringLiteral("alg"), alg()},
                           {QStringLiteral("kid"), m_kid},
                           {QStringLiteral("typ"), QStringLiteral("JWT")}};
    for (auto it = header.begin(); it != header.end(); ++it)
        fullHeader.insert(it.key(), it.value());
    const QByteArray input = base64Url(QJsonDocument(fullHeader).toJson(QJsonDocument::Compact))
            + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return input + '.' + base64Url(sign(input));
}

} // namespace chairside::testsupport
