#include "auth/idtokenverifier.h"

#include "testsigningkey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chairside;
using chairside::testsupport::TestSigningKey;

namespace {

const QString issuer = QStringLiteral("https://issuer.example.test");
const QString clientId = QStringLiteral("chairside-test");
const QByteArray nonce = QByteArrayLiteral("n-0S6_WzA2Mj");

class FixedClock : public Clock
{
public:
    QDateTime now() const override { return m_now; }
    QDateTime m_now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
};

QJsonObject withOverrides(QJsonObject object, const QJsonObject &overrides)
{
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (it.value().isNull())
            object.remove(it.key()); // null in a row means "leave the claim out"
        else
            object.insert(it.key(), it.value());
    }
    return object;
}

} // namespace

class TestIdTokenVerifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void claims_data();
    void claims();
    void tampered_data();
    void tampered();
    void unacceptableAlgorithms_data();
    void unacceptableAlgorithms();
    void keySets_data();
    void keySets();
    void issuers_data();
    void issuers();
    void curves_data();
    void curves();
    void clockBoundaries_data();
    void clockBoundaries();
    void refreshTokenWithoutNonce();

private:
    QJsonObject goodClaims() const;

    FixedClock m_clock;
    TestSigningKey m_rsa;
    TestSigningKey m_ec;
    TestSigningKey m_p384;     // a curve Chairside does not take
    TestSigningKey m_stranger; // same kid as m_rsa, not published
};

void TestIdTokenVerifier::initTestCase()
{
    m_rsa = TestSigningKey::generate(TestSigningKey::Type::Rsa, QStringLiteral("rsa-1"));
    m_ec = TestSigningKey::generate(TestSigningKey::Type::P256, QStringLiteral("ec-1"));
    m_p384 = TestSigningKey::generate(TestSigningKey::Type::P384, QStringLiteral("ec-384"));
    m_stranger = TestSigningKey::generate(TestSigningKey::Type::Rsa, QStringLiteral("rsa-1"));
    QVERIFY(!m_rsa.publicJwk().value(QStringLiteral("n")).toString().isEmpty());
    QCOMPARE(m_ec.publicJwk().value(QStringLiteral("x")).toString().size(), 43);
    QCOMPARE(m_p384.publicJwk().value(QStringLiteral("x")).toString().size(), 64);
    QCOMPARE(m_p384.token(goodClaims()).split('.').at(2).size(), 128); // r || s, 48 bytes each
}

QJsonObject TestIdTokenVerifier::goodClaims() const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    return {
            {QStringLiteral("iss"), issuer},
            {QStringLiteral("sub"), QStringLiteral("anna")},
            {QStringLiteral("aud"), clientId},
            {QStringLiteral("iat"), now - 5},
            {QStringLiteral("exp"), now + 3600},
            {QStringLiteral("nonce"), QString::fromLatin1(nonce)},
            {QStringLiteral("email"), QStringLiteral("anna@example.test")},
    };
}

void TestIdTokenVerifier::claims_data()
{
    QTest::addColumn<bool>("ec");
    QTest::addColumn<QJsonObject>("overrides");
    QTest::addColumn<QString>("refusal"); // empty: accepted

    const qint64 now = m_clock.now().toSecsSinceEpoch();
    const int leeway = IdTokenVerifier::leewaySeconds;
    const QJsonArray twoAudiences{clientId, QStringLiteral("another-app")};

    for (const bool ec : {false, true}) {
        const char *alg = ec ? "ES256" : "RS256";
        QTest::addRow("%s good", alg) << ec << QJsonObject{} << QString();
        QTest::addRow("%s wrong issuer", alg)
                << ec
                << QJsonObject{{QStringLiteral("iss"), QStringLiteral("https://evil.example.test")}}
                << QStringLiteral("comes from");
        QTest::addRow("%s issuer with trailing slash", alg)
                << ec << QJsonObject{{QStringLiteral("iss"), issuer + QLatin1Char('/')}}
                << QStringLiteral("comes from");
        QTest::addRow("%s wrong audience", alg)
                << ec << QJsonObject{{QStringLiteral("aud"), QStringLiteral("another-app")}}
                << QStringLiteral("another application");
        QTest::addRow("%s audiences with azp", alg)
                << ec
                << QJsonObject{{QStringLiteral("aud"), twoAudiences},
                               {QStringLiteral("azp"), clientId}}
                << QString();
        QTest::addRow("%s audiences without azp", alg)
                << ec << QJsonObject{{QStringLiteral("aud"), twoAudiences}}
                << QStringLiteral("no authorized party");
        QTest::addRow("%s azp of another app", alg)
                << ec << QJsonObject{{QStringLiteral("azp"), QStringLiteral("another-app")}}
                << QStringLiteral("for another application");
        QTest::addRow("%s wrong nonce", alg)
                << ec << QJsonObject{{QStringLiteral("nonce"), QStringLiteral("other")}}
                << QStringLiteral("nonce");
        QTest::addRow("%s missing nonce", alg)
                << ec << QJsonObject{{QStringLiteral("nonce"), QJsonValue::Null}}
                << QStringLiteral("nonce");
        QTest::addRow("%s expired", alg)
                << ec << QJsonObject{{QStringLiteral("exp"), now - leeway - 1}}
                << QStringLiteral("expired");
        QTest::addRow("%s expired within leeway", alg)
                << ec << QJsonObject{{QStringLiteral("exp"), now - leeway + 5}} << QString();
        QTest::addRow("%s no expiry", alg)
                << ec << QJsonObject{{QStringLiteral("exp"), QJsonValue::Null}}
                << QStringLiteral("no expiry");
        QTest::addRow("%s expiry as text", alg)
                << ec << QJsonObject{{QStringLiteral("exp"), QString::number(now + 3600)}}
                << QStringLiteral("no expiry");
        QTest::addRow("%s issued in the future", alg)
                << ec << QJsonObject{{QStringLiteral("iat"), now + leeway + 1}}
                << QStringLiteral("future");
        QTest::addRow("%s issued just ahead, within leeway", alg)
                << ec << QJsonObject{{QStringLiteral("iat"), now + leeway - 5}} << QString();
        QTest::addRow("%s no subject", alg)
                << ec << QJsonObject{{QStringLiteral("sub"), QJsonValue::Null}}
                << QStringLiteral("names no user");
    }
}

void TestIdTokenVerifier::claims()
{
    QFETCH(bool, ec);
    QFETCH(QJsonObject, overrides);
    QFETCH(QString, refusal);

    IdTokenVerifier verifier(nullptr, m_clock);
    QVERIFY(verifier.setKeys(TestSigningKey::jwks({m_rsa.publicJwk(), m_ec.publicJwk()})).ok());
    const TestSigningKey &key = ec ? m_ec : m_rsa;
    const QByteArray token = key.token(withOverrides(goodClaims(), overrides));

    const auto result = verifier.verify(token, {issuer, clientId, nonce});
    if (refusal.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->subject, QStringLiteral("anna"));
        QCOMPARE(result->email, QStringLiteral("anna@example.test"));
        QVERIFY(result->audience.contains(clientId));
    } else {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(refusal), qPrintable(result.error().message));
    }
}

void TestIdTokenVerifier::issuers_data()
{
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("otherIssuers");
    QTest::addColumn<QJsonObject>("overrides");
    QTest::addColumn<QString>("refusal"); // empty: accepted

    const QString microsoft = QStringLiteral("https://login.microsoftonline.com/{tenantid}/v2.0");
    const QString tenant = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");
    const QString otherTenant = QStringLiteral("9188040d-6c67-4c5b-b112-36a304b66dad");
    const auto microsoftIssuer = [](const QString &tid) {
        return QStringLiteral("https://login.microsoftonline.com/%1/v2.0").arg(tid);
    };
    const QString google = QStringLiteral("https://accounts.google.com");
    const QStringList googleLegacy{QStringLiteral("accounts.google.com")};

    QTest::addRow("microsoft: the token's own tenant")
            << microsoft << QStringList()
            << QJsonObject{{QStringLiteral("iss"), microsoftIssuer(tenant)},
                           {QStringLiteral("tid"), tenant}}
            << QString();
    QTest::addRow("microsoft: personal account tenant")
            << microsoft << QStringList()
            << QJsonObject{{QStringLiteral("iss"), microsoftIssuer(otherTenant)},
                           {QStringLiteral("tid"), otherTenant}}
            << QString();
    QTest::addRow("microsoft: issuer of another tenant than tid")
            << microsoft << QStringList()
            << QJsonObject{{QStringLiteral("iss"), microsoftIssuer(otherTenant)},
                           {QStringLiteral("tid"), tenant}}
            << QStringLiteral("comes from");
    QTest::addRow("microsoft: no tid")
            << microsoft << QStringList()
            << QJsonObject{{QStringLiteral("iss"), microsoftIssuer(tenant)}}
            << QStringLiteral("tenant id");
    QTest::addRow("microsoft: tid not a GUID")
            << microsoft << QStringList()
            << QJsonObject{{QStringLiteral("iss"), microsoftIssuer(QStringLiteral("common"))},
                           {QStringLiteral("tid"), QStringLiteral("common")}}
            << QStringLiteral("tenant id");
    QTest::addRow("microsoft: the template itself as iss")
            << microsoft << QStringList()
            << QJsonObject{{QStringLiteral("iss"), microsoft}, {QStringLiteral("tid"), tenant}}
            << QStringLiteral("comes from");
    QTest::addRow("google: modern issuer")
            << google << googleLegacy << QJsonObject{{QStringLiteral("iss"), google}} << QString();
    QTest::addRow("google: legacy issuer without scheme")
            << google << googleLegacy
            << QJsonObject{{QStringLiteral("iss"), QStringLiteral("accounts.google.com")}}
            << QString();
    QTest::addRow("google: http is not a spelling Google uses")
            << google << googleLegacy
            << QJsonObject{{QStringLiteral("iss"), QStringLiteral("http://accounts.google.com")}}
            << QStringLiteral("comes from");
    QTest::addRow("other issuers: no legacy spelling unless named")
            << google << QStringList()
            << QJsonObject{{QStringLiteral("iss"), QStringLiteral("accounts.google.com")}}
            << QStringLiteral("comes from");
}

void TestIdTokenVerifier::issuers()
{
    QFETCH(QString, expected);
    QFETCH(QStringList, otherIssuers);
    QFETCH(QJsonObject, overrides);
    QFETCH(QString, refusal);

    IdTokenVerifier verifier(nullptr, m_clock);
    QVERIFY(verifier.setKeys(TestSigningKey::jwks({m_rsa.publicJwk()})).ok());
    const QByteArray token = m_rsa.token(withOverrides(goodClaims(), overrides));

    const auto result = verifier.verify(token, {expected, clientId, nonce, otherIssuers});
    if (refusal.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->issuer, overrides.value(QStringLiteral("iss")).toString());
    } else {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(refusal), qPrintable(result.error().message));
    }
}

void TestIdTokenVerifier::tampered_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("refusal");

    const QByteArray good = m_rsa.token(goodClaims());
    const QList<QByteArray> parts = good.split('.');
    const QByteArray goodEc = m_ec.token(goodClaims());
    const QList<QByteArray> ecParts = goodEc.split('.');

    QByteArray flipped = parts.at(2);
    flipped[10] = flipped.at(10) == 'A' ? 'B' : 'A';
    QTest::addRow("RS256 signature changed") << parts.at(0) + '.' + parts.at(1) + '.' + flipped
                                             << QStringLiteral("signature does not match");
    QByteArray ecFlipped = ecParts.at(2);
    ecFlipped[10] = ecFlipped.at(10) == 'A' ? 'B' : 'A';
    QTest::addRow("ES256 signature changed") << ecParts.at(0) + '.' + ecParts.at(1) + '.'
                    + ecFlipped << QStringLiteral("signature does not match");

    QJsonObject richer = goodClaims();
    richer.insert(QStringLiteral("sub"), QStringLiteral("mallory"));
    const QByteArray otherPayload =
            TestSigningKey::base64Url(QJsonDocument(richer).toJson(QJsonDocument::Compact));
    QTest::addRow("payload swapped") << parts.at(0) + '.' + otherPayload + '.' + parts.at(2)
                                     << QStringLiteral("signature does not match");
    QTest::addRow("signed by an unpublished key with a known kid")
            << m_stranger.token(goodClaims()) << QStringLiteral("signature does not match");
    QTest::addRow("ES256 signature too short") << ecParts.at(0) + '.' + ecParts.at(1) + '.'
                    + ecParts.at(2).left(40) << QStringLiteral("signature does not match");
    QTest::addRow("ES256 signature as DER is refused")
            << ecParts.at(0) + '.' + ecParts.at(1) + '.'
                    + TestSigningKey::base64Url(QByteArray(70, '\x30'))
            << QStringLiteral("signature does not match");
    QTest::addRow("unknown kid") << m_rsa.token(goodClaims(),
                                                {{QStringLiteral("kid"), QStringLiteral("rsa-2")}})
                                 << QStringLiteral("does not publish");
    QTest::addRow("no kid") << m_rsa.token(goodClaims(), {{QStringLiteral("kid"), QJsonValue()}})
                            << QStringLiteral("does not publish");
    QTest::addRow("ES256 header on the RSA key")
            << m_ec.token(goodClaims(), {{QStringLiteral("kid"), QStringLiteral("rsa-1")}})
            << QStringLiteral("meant for RS256");
    QTest::addRow("critical extension") << m_rsa.token(
            goodClaims(), {{QStringLiteral("crit"), QJsonArray{QStringLiteral("b64")}}})
                                        << QStringLiteral("extensions");
    QTest::addRow("two parts") << parts.at(0) + '.' + parts.at(1)
                               << QStringLiteral("not a signed JWT");
    QTest::addRow("four parts") << good + ".x" << QStringLiteral("not a signed JWT");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("not a signed JWT");
    QTest::addRow("padding") << parts.at(0) + "=." + parts.at(1) + '.' + parts.at(2)
                             << QStringLiteral("cannot be read");
    QTest::addRow("standard base64 alphabet")
            << parts.at(0) + ".+/+/." + parts.at(2) << QStringLiteral("cannot be read");
    QTest::addRow("payload not JSON")
            << parts.at(0) + '.' + TestSigningKey::base64Url("hello") + '.' + parts.at(2)
            << QStringLiteral("cannot be read");
    QTest::addRow("no signature") << parts.at(0) + '.' + parts.at(1) + '.'
                                  << QStringLiteral("no signature");
    QTest::addRow("oversized") << QByteArray(IdTokenVerifier::maxTokenBytes + 1, 'a')
                               << QStringLiteral("too large");
}

void TestIdTokenVerifier::tampered()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, refusal);

    IdTokenVerifier verifier(nullptr, m_clock);
    QVERIFY(verifier.setKeys(TestSigningKey::jwks({m_rsa.publicJwk(), m_ec.publicJwk()})).ok());
    const auto result = verifier.verify(token, {issuer, clientId, nonce});
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(refusal), qPrintable(result.error().message));
}

void TestIdTokenVerifier::unacceptableAlgorithms_data()
{
    QTest::addColumn<QByteArray>("token");

    const QByteArray payload =
            TestSigningKey::base64Url(QJsonDocument(goodClaims()).toJson(QJsonDocument::Compact));
    auto header = [](const char *alg) {
        return TestSigningKey::base64Url(QByteArray(R"({"alg":")") + alg + R"(","kid":"rsa-1"})");
    };
    QTest::addRow("none, unsigned") << header("none") + '.' + payload + '.';
    QTest::addRow("none, with a signature") << header("none") + '.' + payload + ".c2ln";
    // HS256 would let anyone holding the public key forge tokens.
    QTest::addRow("HS256") << header("HS256") + '.' + payload + ".c2lnbmF0dXJl";
    QTest::addRow("RS512") << header("RS512") + '.' + payload + ".c2lnbmF0dXJl";
    QTest::addRow("PS256") << header("PS256") + '.' + payload + ".c2lnbmF0dXJl";
    QTest::addRow("lower-case rs256") << header("rs256") + '.' + payload + ".c2lnbmF0dXJl";
    QTest::addRow("no alg") << TestSigningKey::base64Url(R"({"kid":"rsa-1"})") + '.' + payload
                    + ".c2lnbmF0dXJl";
}

void TestIdTokenVerifier::unacceptableAlgorithms()
{
    QFETCH(QByteArray, token);

    IdTokenVerifier verifier(nullptr, m_clock);
    QVERIFY(verifier.setKeys(TestSigningKey::jwks({m_rsa.publicJwk()})).ok());
    const auto result = verifier.verify(token, {issuer, clientId, nonce});
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(QLatin1String("does not accept")),
             qPrintable(result.error().message));
}

void TestIdTokenVerifier::keySets_data()
{
    QTest::addColumn<QByteArray>("jwks");
    QTest::addColumn<int>("usableKeys"); // -1: the set is refused

    const QJsonObject rsa = m_rsa.publicJwk();
    QJsonObject encryption = m_ec.publicJwk();
    encryption.insert(QStringLiteral("use"), QStringLiteral("enc"));
    const QJsonObject p384 = m_p384.publicJwk();
    const QJsonObject octet{{QStringLiteral("kty"), QStringLiteral("oct")},
                            {QStringLiteral("kid"), QStringLiteral("hmac")},
                            {QStringLiteral("k"), QStringLiteral("c2VjcmV0")}};
    QJsonObject twin = m_ec.publicJwk();
    twin.insert(QStringLiteral("kid"), QStringLiteral("rsa-1"));

    QTest::addRow("two keys") << TestSigningKey::jwks({rsa, m_ec.publicJwk()}) << 2;
    QTest::addRow("encryption key skipped") << TestSigningKey::jwks({rsa, encryption}) << 1;
    QTest::addRow("symmetric key skipped") << TestSigningKey::jwks({rsa, octet}) << 1;
    QTest::addRow("P-384 listed, refused at use") << TestSigningKey::jwks({rsa, p384}) << 2;
    QTest::addRow("duplicate kid dropped")
            << TestSigningKey::jwks({rsa, twin, m_ec.publicJwk()}) << 1;
    QTest::addRow("only symmetric") << TestSigningKey::jwks({octet}) << -1;
    QTest::addRow("empty set") << TestSigningKey::jwks({}) << -1;
    QTest::addRow("not JSON") << QByteArray("<html>") << -1;
    QTest::addRow("keys not an array") << QByteArray(R"({"keys":{}})") << -1;
}

void TestIdTokenVerifier::keySets()
{
    QFETCH(QByteArray, jwks);
    QFETCH(int, usableKeys);

    IdTokenVerifier verifier(nullptr, m_clock);
    const Result<void> result = verifier.setKeys(jwks);
    QCOMPARE(result.ok(), usableKeys >= 0);
    if (usableKeys >= 0) {
        QCOMPARE(verifier.keyCount(), usableKeys);
    } else {
        QVERIFY(!result.error().message.isEmpty());
        QCOMPARE(verifier.keyCount(), 0);
    }
}

void TestIdTokenVerifier::refreshTokenWithoutNonce()
{
    IdTokenVerifier verifier(nullptr, m_clock);
    QVERIFY(verifier.setKeys(TestSigningKey::jwks({m_ec.publicJwk()})).ok());
    const QByteArray token =
            m_ec.token(withOverrides(goodClaims(), {{QStringLiteral("nonce"), QJsonValue::Null}}));
    QVERIFY(verifier.verify(token, {issuer, clientId, {}}).ok());
    // With a nonce expected, the same token is refused.
    QVERIFY(!verifier.verify(token, {issuer, clientId, nonce}).ok());
}

// Only P-256 is taken for ES256, and only when the key says so: the curve
// a key is published with, its coordinates and the token's alg must agree.
void TestIdTokenVerifier::curves_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("jwks");
    QTest::addColumn<QString>("refusal"); // empty: accepted

    const auto changed = [](QJsonObject jwk, const char *member, const QJsonValue &value) {
        if (value.isNull())
            jwk.remove(QLatin1String(member));
        else
            jwk.insert(QLatin1String(member), value);
        return jwk;
    };
    const QJsonObject claims = goodClaims();
    const QJsonObject p256 = m_ec.publicJwk();
    const QJsonObject p384 = m_p384.publicJwk();
    const QJsonObject es256Header{{QStringLiteral("alg"), QStringLiteral("ES256")}};
    const QByteArray p384AsEs256 = m_p384.token(claims, es256Header);
    // The P-384 point's coordinates cut to P-256's size: a point on neither curve.
    const auto cut = [&](const char *member) {
        return QString::fromLatin1(TestSigningKey::base64Url(
                QByteArray::fromBase64(p384.value(QLatin1String(member)).toString().toLatin1(),
                                       QByteArray::Base64UrlEncoding)
                        .left(32)));
    };
    const QJsonObject cutToP256 = changed(
            changed(changed(changed(p384, "alg", QJsonValue()), "crv", QStringLiteral("P-256")),
                    "x", cut("x")),
            "y", cut("y"));

    QTest::addRow("ES256, P-256 key")
            << m_ec.token(claims) << TestSigningKey::jwks({p256}) << QString();
    QTest::addRow("ES384, P-384 key")
            << m_p384.token(claims) << TestSigningKey::jwks({p384})
            << QStringLiteral("signed with 'ES384', which Chairside does not accept");
    QTest::addRow("ES384 header, P-256 key")
            << m_ec.token(claims, {{QStringLiteral("alg"), QStringLiteral("ES384")}})
            << TestSigningKey::jwks({changed(p256, "alg", QJsonValue())})
            << QStringLiteral("signed with 'ES384', which Chairside does not accept");
    QTest::addRow("ES256 header, P-384 key for ES384")
            << p384AsEs256 << TestSigningKey::jwks({p384})
            << QStringLiteral("meant for ES384, not ES256");
    QTest::addRow("ES256 header, P-384 key without alg")
            << p384AsEs256 << TestSigningKey::jwks({changed(p384, "alg", QJsonValue())})
            << QStringLiteral("P-256 key is unusable");
    QTest::addRow("ES256 header, P-384 key published for ES256")
            << p384AsEs256 << TestSigningKey::jwks({changed(p384, "alg", QStringLiteral("ES256"))})
            << QStringLiteral("P-256 key is unusable");
    QTest::addRow("P-384 key published as P-256")
            << p384AsEs256
            << TestSigningKey::jwks({changed(changed(p384, "alg", QJsonValue()), "crv",
                                             QStringLiteral("P-256"))})
            << QStringLiteral("P-256 key is unusable");
    // The numbers would do for P-256; the curve the key names is what counts.
    QTest::addRow("P-256 key published as P-384")
            << m_ec.token(claims)
            << TestSigningKey::jwks({changed(p256, "crv", QStringLiteral("P-384"))})
            << QStringLiteral("P-256 key is unusable");
    QTest::addRow("P-256 key published without a curve")
            << m_ec.token(claims) << TestSigningKey::jwks({changed(p256, "crv", QJsonValue())})
            << QStringLiteral("P-256 key is unusable");
    QTest::addRow("P-384 coordinates cut to P-256 size")
            << p384AsEs256 << TestSigningKey::jwks({cutToP256})
            << QStringLiteral("P-256 key is unusable");
}

void TestIdTokenVerifier::curves()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, jwks);
    QFETCH(QString, refusal);

    IdTokenVerifier verifier(nullptr, m_clock);
    QVERIFY(verifier.setKeys(jwks).ok());
    const auto result = verifier.verify(token, {issuer, clientId, nonce});
    if (refusal.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->subject, QStringLiteral("anna"));
    } else {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(refusal), qPrintable(result.error().message));
    }
}

// exp and iat to the second, with the clock moved instead of the token:
// a token is good until leewaySeconds after its exp (refused from then on),
// and may be issued up to leewaySeconds ahead of this computer's clock.
void TestIdTokenVerifier::clockBoundaries_data()
{
    QTest::addColumn<QString>("claim");     // the claim the clock is set against
    QTest::addColumn<qint64>("clockAfter"); // seconds the clock is past that claim
    QTest::addColumn<QString>("refusal");   // empty: accepted

    const qint64 leeway = IdTokenVerifier::leewaySeconds;
    const QString exp = QStringLiteral("exp");
    const QString iat = QStringLiteral("iat");
    const QString expired = QStringLiteral("it has expired");
    const QString future = QStringLiteral("issued in the future");

    QTest::addRow("a second before exp") << exp << qint64(-1) << QString();
    QTest::addRow("at exp, within the leeway") << exp << qint64(0) << QString();
    QTest::addRow("a second after exp, within the leeway") << exp << qint64(1) << QString();
    QTest::addRow("the leeway's last second") << exp << leeway - 1 << QString();
    QTest::addRow("at exp plus the leeway") << exp << leeway << expired;
    QTest::addRow("a second after exp plus the leeway") << exp << leeway + 1 << expired;
    // The leeway is for clocks that disagree a little, not for old tokens.
    QTest::addRow("five minutes after exp") << exp << qint64(300) << expired;

    QTest::addRow("at iat") << iat << qint64(0) << QString();
    QTest::addRow("issued the leeway ahead of the clock") << iat << -leeway << QString();
    QTest::addRow("issued a second more ahead") << iat << -leeway - 1 << future;
}

void TestIdTokenVerifier::clockBoundaries()
{
    QFETCH(QString, claim);
    QFETCH(qint64, clockAfter);
    QFETCH(QString, refusal);

    // An hour-long token; the clock is what moves.
    const qint64 issuedAt = 1'800'000'000;
    const qint64 expiresAt = issuedAt + 3600;
    const QByteArray token = m_rsa.token(withOverrides(
            goodClaims(), {{QStringLiteral("iat"), issuedAt}, {QStringLiteral("exp"), expiresAt}}));
    FixedClock clock;
    clock.m_now = QDateTime::fromSecsSinceEpoch(
            (claim == QLatin1String("exp") ? expiresAt : issuedAt) + clockAfter, Qt::UTC);

    IdTokenVerifier verifier(nullptr, clock);
    QVERIFY(verifier.setKeys(TestSigningKey::jwks({m_rsa.publicJwk()})).ok());
    const auto result = verifier.verify(token, {issuer, clientId, nonce});
    if (refusal.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->expiresAt.toSecsSinceEpoch(), expiresAt);
    } else {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(refusal), qPrintable(result.error().message));
    }
}

QTEST_GUILESS_MAIN(TestIdTokenVerifier)
#include "tst_idtokenverifier.moc"
