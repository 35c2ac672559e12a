#include "auth/pkce.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace chairside;

class TestPkce : public QObject
{
    Q_OBJECT

private slots:
    void rfc7636AppendixB();
    void base64Url_data();
    void base64Url();
    void generatedVerifier();
    void tokensAreUnique();
    void tokenLengths_data();
    void tokenLengths();
};

// RFC 7636 Appendix B: the 32 octets, their verifier and its S256 challenge.
void TestPkce::rfc7636AppendixB()
{
    const unsigned char octets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                    125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                    191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
    const QByteArray random(reinterpret_cast<const char *>(octets), sizeof(octets));
    QCOMPARE(Pkce::base64Url(random),
             QByteArrayLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArrayLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

void TestPkce::base64Url_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("encoded");
    QTest::addRow("empty") << QByteArray() << QByteArray();
    QTest::addRow("one byte, no padding") << QByteArray("f") << QByteArray("Zg");
    QTest::addRow("two bytes, no padding") << QByteArray("fo") << QByteArray("Zm8");
    QTest::addRow("plus becomes minus") << QByteArray("\xfb\xef", 2) << QByteArray("--8");
    QTest::addRow("slash becomes underscore") << QByteArray("\xff\xff", 2) << QByteArray("__8");
}

void TestPkce::base64Url()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, encoded);
    QCOMPARE(Pkce::base64Url(bytes), encoded);
}

void TestPkce::generatedVerifier()
{
    static const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    for (int i = 0; i < 100; ++i) {
        const Pkce pkce = Pkce::generate();
        QCOMPARE(pkce.verifier.size(), 43);
        QVERIFY2(unreserved.match(QString::fromLatin1(pkce.verifier)).hasMatch(),
                 pkce.verifier.constData());
        QCOMPARE(pkce.challenge, Pkce::challengeFor(pkce.verifier));
        QCOMPARE(pkce.challenge.size(), 43);
        QVERIFY(pkce.challenge != pkce.verifier);
    }
}

void TestPkce::tokensAreUnique()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 10000; ++i)
        seen.insert(Pkce::generate().verifier);
    QCOMPARE(seen.size(), 10000);
    QVERIFY(Pkce::randomToken() != Pkce::randomToken());
}

void TestPkce::tokenLengths_data()
{
    QTest::addColumn<int>("bytes");
    QTest::addColumn<int>("characters");
    QTest::addRow("state, 16 bytes") << 16 << 22;
    QTest::addRow("default, 32 bytes") << 32 << 43;
    QTest::addRow("longest verifier, 96 bytes") << 96 << 128;
    QTest::addRow("none") << 0 << 0;
    QTest::addRow("negative") << -1 << 0;
}

void TestPkce::tokenLengths()
{
    QFETCH(int, bytes);
    QFETCH(int, characters);
    QCOMPARE(Pkce::randomToken(bytes).size(), characters);
}

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
