#include "idtokenverifier.h"

#include "issuer.h"
#include "logging.h"
#include "serverrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace chairside {

namespace {

// OpenSSL objects freed on every path.
template <auto Free>
struct Deleter
{
    template <typename T>
    void operator()(T *p) const
    {
        Free(p);
    }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;

constexpr int minRsaBits = 2048;
constexpr int p256Bytes = 32;

// Strict base64url without padding (RFC 7515 §2); null on any stray byte.
QByteArray base64Url(const QByteArray &text)
{
    if (text.contains('='))
        return {};
    auto decoded = QByteArray::fromBase64Encoding(
            text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    return decoded.decoded;
}

QByteArray jwkBytes(const QJsonObject &jwk, const char *member)
{
    return base64Url(jwk.value(QLatin1String(member)).toString().toLatin1());
}

BnPtr bignum(const QByteArray &bytes)
{
    return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()),
                           int(bytes.size()), nullptr));
}

PkeyPtr keyFromParams(const char *type, OSSL_PARAM_BLD *builder)
{
    ParamPtr params(OSSL_PARAM_BLD_to_param(builder));
    PkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1)
        return {};
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return {};
    return PkeyPtr(key);
}

PkeyPtr rsaKey(const QJsonObject &jwk)
{
    const QByteArray n = jwkBytes(jwk, "n");
    const QByteArray e = jwkBytes(jwk, "e");
    if (n.isEmpty() || e.isEmpty())
        return {};
    BnPtr modulus = bignum(n);
    BnPtr exponent = bignum(e);
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!modulus || !exponent || !builder
        || !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get())
        || !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()))
        return {};
    PkeyPtr key = keyFromParams("RSA", builder.get());
    if (key && EVP_PKEY_get_bits(key.get()) < minRsaBits)
        return {};
    return key;
}

PkeyPtr p256Key(const QJsonObject &jwk)
{
    if (jwk.value(QLatin1String("crv")).toString() != QLatin1String("P-256"))
        return {};
    const QByteArray x = jwkBytes(jwk, "x");
    const QByteArray y = jwkBytes(jwk, "y");
    if (x.size() != p256Bytes || y.size() != p256Bytes)
        return {};
    // SEC 1 uncompressed point: 0x04 || x || y. fromdata checks it is on the curve.
    QByteArray point = QByteArray(1, '\x04') + x + y;
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder
        || !OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1",
                                            0)
        || !OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                             size_t(point.size())))
        return {};
    return keyFromParams("EC", builder.get());
}

// JWS ES256 signatures are r || s (RFC 7518 §3.4); OpenSSL verifies DER.
QByteArray derFromRawEcdsa(const QByteArray &raw)
{
    if (raw.size() != 2 * p256Bytes)
        return {};
    EcdsaSigPtr signature(ECDSA_SIG_new());
    BnPtr r = bignum(raw.left(p256Bytes));
    BnPtr s = bignum(raw.mid(p256Bytes));
    if (!signature || !r || !s || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1)
        return {};
    r.release(); // now owned by the signature
    s.release();
    const int length = i2d_ECDSA_SIG(signature.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_ECDSA_SIG(signature.get(), &out) != length)
        return {};
    return der;
}

bool verifySignature(EVP_PKEY *key, const QByteArray &signingInput, const QByteArray &signature)
{
    MdCtxPtr context(EVP_MD_CTX_new());
    if (!context || EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key) != 1)
        return false;
    return EVP_DigestVerify(context.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(signingInput.constData()),
                            size_t(signingInput.size()))
            == 1;
}

// A NumericDate claim (RFC 7519 §2); invalid when absent or not a number.
QDateTime numericDate(const QJsonObject &claims, const char *name)
{
    const QJsonValue value = claims.value(QLatin1String(name));
    if (!value.isDouble())
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
}

} // namespace

IdTokenVerifier::IdTokenVerifier(QNetworkAccessManager *network, const Clock &clock,
                                 QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_keysResult(Error::invalid(tr("The sign-in server's keys have not been fetched yet.")))
{}

IdTokenVerifier::~IdTokenVerifier()
{
    serverrequest::drop(m_reply, this);
}

void IdTokenVerifier::fetchKeys(const QUrl &jwksUri)
{
    serverrequest::drop(m_reply, this);
    Q_ASSERT(m_network);
    m_reply = m_network->get(serverrequest::jsonGet(jwksUri, 30 * 1000));
    connect(m_reply, &QNetworkReply::finished, this, &IdTokenVerifier::onKeysReplyFinished);
}

void IdTokenVerifier::onKeysReplyFinished()
{
    QNetworkReply *reply = serverrequest::take(m_reply);
    if (!reply)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        m_keysResult = Error{
                serverrequest::isPassing(status) ? Error::Code::Unavailable : Error::Code::Invalid,
                tr("Could not fetch the sign-in server's keys from %1 (%2). Try again later.")
                        .arg(reply->url().toDisplayString(),
                             status == 0 ? reply->errorString()
                                         : QStringLiteral("HTTP %1").arg(status))};
    } else if (reply->bytesAvailable() > 1024 * 1024) {
        m_keysResult =
                Error::invalid(tr("The sign-in server's key set is too large to be genuine."));
    } else {
        m_keysResult = setKeys(reply->readAll());
    }
    emit keysFetched();
}

Result<void> IdTokenVerifier::setKeys(const QByteArray &jwksJson)
{
    const QJsonDocument document = QJsonDocument::fromJson(jwksJson);
    const QJsonValue keys = document.object().value(QLatin1String("keys"));
    if (!keys.isArray())
        return Error::invalid(tr("The sign-in server's key set is not a JWK Set."));

    QHash<QString, QJsonObject> usable;
    QStringList duplicates;
    const QJsonArray array = keys.toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject jwk = value.toObject();
        const QString type = jwk.value(QLatin1String("kty")).toString();
        const QString use = jwk.value(QLatin1String("use")).toString();
        if (!use.isEmpty() && use != QLatin1String("sig"))
            continue; // encryption keys
        if (type != QLatin1String("RSA") && type != QLatin1String("EC"))
            continue;
        // Two keys under one kid would make the choice ambiguous: drop both.
        const QString kid = jwk.value(QLatin1String("kid")).toString();
        if (usable.contains(kid))
            duplicates.append(kid);
        usable.insert(kid, jwk);
    }
    for (const QString &kid : std::as_const(duplicates))
        usable.remove(kid);
    if (usable.isEmpty())
        return Error::invalid(tr("The sign-in server's key set has no RSA or P-256 signing key."));
    m_keys = std::move(usable);
    m_keysResult = Result<void>();
    return {};
}

Result<IdTokenVerifier::Claims> IdTokenVerifier::verify(const QByteArray &idToken,
                                                        const Expected &expected) const
{
    auto refused = [](const QString &why) {
        // The reason names claims and keys, never the token or the person.
        qCWarning(lcAuth) << "ID token refused:" << why;
        return Error::invalid(
                tr("The sign-in server's identity token was refused: %1. Try signing in again; if "
                   "it keeps happening, the server may be misconfigured or impersonated.")
                        .arg(why));
    };

    if (idToken.size() > maxTokenBytes)
        return refused(tr("it is too large"));
    const QList<QByteArray> parts = idToken.split('.');
    if (parts.size() != 3)
        return refused(tr("it is not a signed JWT"));
    const QByteArray headerBytes = base64Url(parts.at(0));
    const QByteArray payloadBytes = base64Url(parts.at(1));
    const QByteArray signature = base64Url(parts.at(2));
    const QJsonObject header = QJsonDocument::fromJson(headerBytes).object();
    const QJsonObject claims = QJsonDocument::fromJson(payloadBytes).object();
    if (header.isEmpty() || claims.isEmpty())
        return refused(tr("its parts cannot be read"));

    // Only the two algorithms we can check with a public key; "none" and
    // HS256 (which would make the client id a signing secret) never pass.
    const QString alg = header.value(QLatin1String("alg")).toString();
    if (alg != QLatin1String("RS256") && alg != QLatin1String("ES256"))
        return refused(tr("it is signed with '%1', which Chairside does not accept").arg(alg));
    if (header.contains(QLatin1String("crit")))
        return refused(tr("it demands extensions Chairside does not know"));
    if (signature.isEmpty())
        return refused(tr("it has no signature"));

    const QString kid = header.value(QLatin1String("kid")).toString();
    const auto found = m_keys.constFind(kid);
    if (found == m_keys.constEnd())
        return refused(tr("it is signed with a key the server does not publish ('%1')").arg(kid));
    const QJsonObject &jwk = found.value();
    const QString jwkAlg = jwk.value(QLatin1String("alg")).toString();
    if (!jwkAlg.isEmpty() && jwkAlg != alg)
        return refused(tr("its key is meant for %1, not %2").arg(jwkAlg, alg));

    const QByteArray signingInput = parts.at(0) + '.' + parts.at(1);
    bool valid = false;
    if (alg == QLatin1String("RS256")) {
        if (jwk.value(QLatin1String("kty")).toString() != QLatin1String("RSA"))
            return refused(tr("its key is not an RSA key"));
        const PkeyPtr key = rsaKey(jwk);
        if (!key)
            return refused(tr("the server's RSA key is unusable"));
        valid = verifySignature(key.get(), signingInput, signature);
    } else {
        if (jwk.value(QLatin1String("kty")).toString() != QLatin1String("EC"))
            return refused(tr("its key is not an elliptic-curve key"));
        const PkeyPtr key = p256Key(jwk);
        if (!key)
            return refused(tr("the server's P-256 key is unusable"));
        const QByteArray der = derFromRawEcdsa(signature);
        valid = !der.isEmpty() && verifySignature(key.get(), signingInput, der);
    }
    if (!valid)
        return refused(tr("its signature does not match"));

    // The signature holds: now the claims (OpenID Connect Core §3.1.3.7).
    Claims result;
    result.all = claims;
    result.issuer = claims.value(QLatin1String("iss")).toString();
    result.subject = claims.value(QLatin1String("sub")).toString();
    result.authorizedParty = claims.value(QLatin1String("azp")).toString();
    result.email = claims.value(QLatin1String("email")).toString();
    result.name = claims.value(QLatin1String("name")).toString();
    const QJsonValue aud = claims.value(QLatin1String("aud"));
    if (aud.isString()) {
        result.audience.append(aud.toString());
    } else {
        const QJsonArray audiences = aud.toArray();
        for (const QJsonValue &value : audiences)
            result.audience.append(value.toString());
    }
    result.issuedAt = numericDate(claims, "iat");
    result.expiresAt = numericDate(claims, "exp");

    const Result<QString> issuer =
            issuer::forTenant(expected.issuer, claims.value(QLatin1String("tid")).toString());
    if (!issuer)
        return refused(issuer.error().message);
    if (result.issuer != *issuer && !expected.otherIssuers.contains(result.issuer))
        return refused(tr("it comes from '%1' instead of '%2'").arg(result.issuer, *issuer));
    if (result.subject.isEmpty())
        return refused(tr("it names no user"));
    if (!result.audience.contains(expected.clientId))
        return refused(tr("it was issued to another application"));
    if (result.audience.size() > 1 && result.authorizedParty.isEmpty())
        return refused(tr("it has several audiences but no authorized party"));
    if (!result.authorizedParty.isEmpty() && result.authorizedParty != expected.clientId)
        return refused(tr("it was issued for another application"));

    const QDateTime now = m_clock.now();
    if (!result.expiresAt.isValid())
        return refused(tr("it has no expiry"));
    if (result.expiresAt.addSecs(leewaySeconds) <= now)
        return refused(tr("it has expired"));
    if (!result.issuedAt.isValid())
        return refused(tr("it has no issue time"));
    if (result.issuedAt > now.addSecs(leewaySeconds))
        return refused(tr("it was issued in the future; check this computer's clock"));

    const QJsonValue nonce = claims.value(QLatin1String("nonce"));
    if (!expected.nonce.isEmpty()
        && (!nonce.isString() || nonce.toString().toLatin1() != expected.nonce))
        return refused(tr("it belongs to another sign-in (nonce mismatch)"));
    return result;
}

} // namespace chairside
