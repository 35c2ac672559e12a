#include "auth/issuer.h"
#include "auth/provider.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace chairside;

// The provider presets, their Settings overrides and their validation. No
// network: discovery results are handed in as values.
class TestProvider : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void presets_data();
    void presets();
    void microsoftTenants_data();
    void microsoftTenants();
    void malformedTenants_data();
    void malformedTenants();
    void issuerTemplate_data();
    void issuerTemplate();
    void callbackIssuer_data();
    void callbackIssuer();
    void overrides();
    void badOverride();
    void oidcIssuers_data();
    void oidcIssuers();
    void oidcDiscovery();
    void missingClientId_data();
    void missingClientId();
    void fromName_data();
    void fromName();

private:
    QTemporaryDir m_dir;
    QString m_iniPath;
};

void TestProvider::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_iniPath = m_dir.filePath(QStringLiteral("chairside.ini"));
}

void TestProvider::init()
{
    QSettings settings(m_iniPath, QSettings::IniFormat);
    settings.clear();
    settings.sync();
    QCOMPARE(settings.status(), QSettings::NoError);
}

void TestProvider::presets_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("authorization");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("revocation");
    QTest::addColumn<QString>("jwks");
    QTest::addColumn<QString>("callbackPath");
    QTest::addColumn<bool>("alsoIpv6");
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<QByteArray>("extra");

    QTest::addRow("google")
            << QStringLiteral("google") << QStringLiteral("https://accounts.google.com")
            << QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth")
            << QStringLiteral("https://oauth2.googleapis.com/token")
            << QStringLiteral("https://oauth2.googleapis.com/revoke")
            << QStringLiteral("https://www.googleapis.com/oauth2/v3/certs")
            << QStringLiteral("/cb/google") << false
            << QStringList{QStringLiteral("openid"), QStringLiteral("email"),
                           QStringLiteral("https://www.googleapis.com/auth/calendar.events")}
            << QByteArrayLiteral("access_type=offline");
    QTest::addRow("microsoft")
            << QStringLiteral("microsoft")
            << QStringLiteral("https://login.microsoftonline.com/{tenantid}/v2.0")
            << QStringLiteral("https://login.microsoftonline.com/common/oauth2/v2.0/authorize")
            << QStringLiteral("https://login.microsoftonline.com/common/oauth2/v2.0/token")
            << QString()
            << QStringLiteral("https://login.microsoftonline.com/common/discovery/v2.0/keys")
            << QStringLiteral("/cb/microsoft") << true
            << QStringList{QStringLiteral("openid"), QStringLiteral("email"),
                           QStringLiteral("offline_access"),
                           QStringLiteral("https://graph.microsoft.com/Calendars.ReadWrite")}
            << QByteArray();
}

void TestProvider::presets()
{
    QFETCH(QString, name);
    QFETCH(QString, issuer);
    QFETCH(QString, authorization);
    QFETCH(QString, token);
    QFETCH(QString, revocation);
    QFETCH(QString, jwks);
    QFETCH(QString, callbackPath);
    QFETCH(bool, alsoIpv6);
    QFETCH(QStringList, scopes);
    QFETCH(QByteArray, extra);

    const QSettings settings(m_iniPath, QSettings::IniFormat);
    const Result<Provider> provider = Provider::fromName(name, QString(), QString(), settings);
    QVERIFY2(provider.ok(), qPrintable(provider.ok() ? QString() : provider.error().message));
    QCOMPARE(provider->name(), name);
    QCOMPARE(provider->endpoints().issuer, issuer);
    QCOMPARE(provider->endpoints().authorizationEndpoint, QUrl(authorization));
    QCOMPARE(provider->endpoints().tokenEndpoint, QUrl(token));
    QCOMPARE(provider->endpoints().revocationEndpoint, QUrl(revocation));
    QCOMPARE(provider->canRevoke(), !revocation.isEmpty());
    QCOMPARE(provider->endpoints().jwksUri, QUrl(jwks));
    QCOMPARE(provider->callbackPath(), callbackPath);
    QCOMPARE(provider->alsoIpv6(), alsoIpv6);
    QCOMPARE(provider->scopes(), scopes);
    QCOMPARE(TokenClient::formEncode(provider->extraParameters()), extra);
    QVERIFY(!provider->needsDiscovery());
    QVERIFY(provider->clientSecret().isEmpty());
}

void TestProvider::microsoftTenants_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("issuer");

    const QString placeholder = QStringLiteral("https://login.microsoftonline.com/{tenantid}/v2.0");
    QTest::addRow("empty means common") << QString() << QStringLiteral("common") << placeholder;
    QTest::addRow("common") << QStringLiteral("common") << QStringLiteral("common") << placeholder;
    QTest::addRow("organizations")
            << QStringLiteral("organizations") << QStringLiteral("organizations") << placeholder;
    QTest::addRow("consumers") << QStringLiteral("consumers") << QStringLiteral("consumers")
                               << placeholder;
    QTest::addRow("domain") << QStringLiteral("Contoso.onmicrosoft.com")
                            << QStringLiteral("contoso.onmicrosoft.com") << placeholder;
    QTest::addRow("tenant id") << QStringLiteral("72F988BF-86F1-41AF-91AB-2D7CD011DB47")
                               << QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47")
                               << QStringLiteral("https://login.microsoftonline.com/"
                                                 "72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0");
}

void TestProvider::microsoftTenants()
{
    QFETCH(QString, tenant);
    QFETCH(QString, path);
    QFETCH(QString, issuer);

    const QSettings settings(m_iniPath, QSettings::IniFormat);
    const Result<Provider> provider = Provider::microsoft(tenant, settings);
    QVERIFY2(provider.ok(), qPrintable(provider.ok() ? QString() : provider.error().message));
    const QString base = QLatin1String("https://login.microsoftonline.com/") + path;
    QCOMPARE(provider->tenant(), path);
    QCOMPARE(provider->endpoints().authorizationEndpoint,
             QUrl(base + QLatin1String("/oauth2/v2.0/authorize")));
    QCOMPARE(provider->endpoints().tokenEndpoint, QUrl(base + QLatin1String("/oauth2/v2.0/token")));
    QCOMPARE(provider->endpoints().jwksUri, QUrl(base + QLatin1String("/discovery/v2.0/keys")));
    QCOMPARE(provider->endpoints().issuer, issuer);
    QCOMPARE(provider->issuerDependsOnTenant(), issuer.contains(issuer::tenantPlaceholder()));
    QVERIFY(!provider->canRevoke());
    QVERIFY(provider->alsoIpv6());
}

void TestProvider::malformedTenants_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addRow("path") << QStringLiteral("common/../evil");
    QTest::addRow("slash") << QStringLiteral("contoso.com/x");
    QTest::addRow("single label") << QStringLiteral("contoso");
    QTest::addRow("query") << QStringLiteral("common?x=1");
    QTest::addRow("space") << QStringLiteral("con toso.com");
    QTest::addRow("hyphen edge") << QStringLiteral("-contoso.com");
    QTest::addRow("empty label") << QStringLiteral("contoso..com");
    QTest::addRow("braced guid") << QStringLiteral("{72f988bf-86f1-41af-91ab-2d7cd011db47}");
    QTest::addRow("non-ascii") << QStringLiteral("cöntoso.com");
    QTest::addRow("too long") << (QString(250, QLatin1Char('a')) + QLatin1String(".com"));
}

void TestProvider::malformedTenants()
{
    QFETCH(QString, tenant);
    const QSettings settings(m_iniPath, QSettings::IniFormat);
    const Result<Provider> provider = Provider::microsoft(tenant, settings);
    QVERIFY(!provider.ok());
    QCOMPARE(provider.error().code, Error::Code::Invalid);
    QVERIFY(provider.error().message.contains(tenant));
    QVERIFY(provider.error().message.contains(QLatin1String("organizations")));
}

void TestProvider::issuerTemplate_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("tid");
    QTest::addColumn<QString>("expected"); // empty: refused

    const QString tid = QStringLiteral("9188040d-6c67-4c5b-b112-36a304b66dad");
    const QString issuer =
            QLatin1String("https://login.microsoftonline.com/") + tid + QLatin1String("/v2.0");
    QTest::addRow("common") << QStringLiteral("common") << tid << issuer;
    QTest::addRow("organizations") << QStringLiteral("organizations") << tid << issuer;
    QTest::addRow("domain") << QStringLiteral("contoso.com") << tid << issuer;
    QTest::addRow("upper-case tid") << QStringLiteral("common") << tid.toUpper() << issuer;
    QTest::addRow("no tid") << QStringLiteral("common") << QString() << QString();
    QTest::addRow("garbage tid") << QStringLiteral("common") << QStringLiteral("evil/x")
                                 << QString();
    QTest::addRow("braced tid") << QStringLiteral("common")
                                << (QLatin1Char('{') + tid + QLatin1Char('}')) << QString();
    // A tenant id names the issuer itself; the claim does not change it.
    QTest::addRow("fixed tenant") << tid << QStringLiteral("ignored") << issuer;
}

void TestProvider::issuerTemplate()
{
    QFETCH(QString, tenant);
    QFETCH(QString, tid);
    QFETCH(QString, expected);

    const QSettings settings(m_iniPath, QSettings::IniFormat);
    const Result<Provider> provider = Provider::microsoft(tenant, settings);
    QVERIFY(provider.ok());
    const Result<QString> issuer = provider->expectedIssuerFor(tid);
    if (expected.isEmpty()) {
        QVERIFY(!issuer.ok());
        QVERIFY(issuer.error().message.contains(QLatin1String("tenant")));
    } else {
        QVERIFY(issuer.ok());
        QCOMPARE(*issuer, expected);
    }
}

void TestProvider::callbackIssuer_data()
{
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("iss");
    QTest::addColumn<bool>("matches");

    const QString microsoft = QStringLiteral("https://login.microsoftonline.com/{tenantid}/v2.0");
    const QString google = QStringLiteral("https://accounts.google.com");
    QTest::addRow("fixed, same") << google << google << true;
    QTest::addRow("fixed, trailing slash") << google << google + QLatin1Char('/') << false;
    QTest::addRow("fixed, other case")
            << google << QStringLiteral("https://Accounts.google.com") << false;
    QTest::addRow("template, a tenant")
            << microsoft
            << QStringLiteral("https://login.microsoftonline.com/"
                              "72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0")
            << true;
    QTest::addRow("template, uppercase tenant")
            << microsoft
            << QStringLiteral("https://login.microsoftonline.com/"
                              "72F988BF-86F1-41AF-91AB-2D7CD011DB47/v2.0")
            << false;
    QTest::addRow("template, a keyword")
            << microsoft << QStringLiteral("https://login.microsoftonline.com/common/v2.0")
            << false;
    QTest::addRow("template, the template") << microsoft << microsoft << false;
    QTest::addRow("template, another host")
            << microsoft
            << QStringLiteral("https://login.evil.test/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0")
            << false;
    QTest::addRow("template, extra path")
            << microsoft
            << QStringLiteral("https://login.microsoftonline.com/"
                              "72f988bf-86f1-41af-91ab-2d7cd011db47/x/v2.0")
            << false;
}

void TestProvider::callbackIssuer()
{
    QFETCH(QString, expected);
    QFETCH(QString, iss);
    QFETCH(bool, matches);
    QCOMPARE(issuer::matches(expected, iss), matches);
}

void TestProvider::overrides()
{
    {
        QSettings settings(m_iniPath, QSettings::IniFormat);
        settings.setValue(QStringLiteral("auth/google/clientId"), QStringLiteral("salon-client"));
        settings.setValue(QStringLiteral("auth/google/clientSecret"), QStringLiteral("not-secret"));
        settings.setValue(QStringLiteral("auth/google/issuer"),
                          QStringLiteral("http://127.0.0.1:4010"));
        settings.setValue(QStringLiteral("auth/google/authorizationEndpoint"),
                          QStringLiteral("http://127.0.0.1:4010/auth"));
        settings.setValue(QStringLiteral("auth/google/tokenEndpoint"),
                          QStringLiteral("http://127.0.0.1:4010/token"));
        settings.setValue(QStringLiteral("auth/google/revocationEndpoint"),
                          QStringLiteral("http://[::1]:4010/revoke"));
        settings.setValue(QStringLiteral("auth/google/jwksUri"),
                          QStringLiteral("http://localhost:4010/jwks"));
        settings.setValue(QStringLiteral("auth/microsoft/tokenEndpoint"),
                          QStringLiteral("http://127.0.0.1:4011/token"));
        settings.sync();
    }
    const QSettings settings(m_iniPath, QSettings::IniFormat);

    const Result<Provider> google = Provider::google(settings);
    QVERIFY(google.ok());
    QCOMPARE(google->clientId(), QStringLiteral("salon-client"));
    QCOMPARE(google->clientSecret(), QStringLiteral("not-secret"));
    QCOMPARE(google->endpoints().issuer, QStringLiteral("http://127.0.0.1:4010"));
    QCOMPARE(google->endpoints().authorizationEndpoint,
             QUrl(QStringLiteral("http://127.0.0.1:4010/auth")));
    QCOMPARE(google->endpoints().tokenEndpoint,
             QUrl(QStringLiteral("http://127.0.0.1:4010/token")));
    QCOMPARE(google->endpoints().revocationEndpoint,
             QUrl(QStringLiteral("http://[::1]:4010/revoke")));
    QCOMPARE(google->endpoints().jwksUri, QUrl(QStringLiteral("http://localhost:4010/jwks")));
    QVERIFY(google->validate().ok());

    // One override leaves the rest of the preset alone; the id given on
    // the command line wins over Settings.
    const Result<Provider> microsoft =
            Provider::fromName(QStringLiteral("microsoft"), QStringLiteral("organizations"),
                               QStringLiteral("cli-client"), settings);
    QVERIFY(microsoft.ok());
    QCOMPARE(microsoft->clientId(), QStringLiteral("cli-client"));
    QCOMPARE(microsoft->endpoints().tokenEndpoint,
             QUrl(QStringLiteral("http://127.0.0.1:4011/token")));
    QCOMPARE(microsoft->endpoints().authorizationEndpoint,
             QUrl(QStringLiteral(
                     "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize")));
    QVERIFY(microsoft->validate().ok());
}

void TestProvider::badOverride()
{
    {
        QSettings settings(m_iniPath, QSettings::IniFormat);
        settings.setValue(QStringLiteral("auth/google/tokenEndpoint"),
                          QStringLiteral("http://tokens.example.com/token"));
        settings.sync();
    }
    const QSettings settings(m_iniPath, QSettings::IniFormat);
    const Result<Provider> google = Provider::google(settings);
    QVERIFY(!google.ok());
    QVERIFY(google.error().message.contains(QLatin1String("auth/google/tokenEndpoint")));
    QVERIFY(google.error().message.contains(QLatin1String("https://")));
}

void TestProvider::oidcIssuers_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("https") << QStringLiteral("https://id.example.com") << true;
    QTest::addRow("https with path")
            << QStringLiteral("https://id.example.com/realms/salon") << true;
    QTest::addRow("http loopback v4") << QStringLiteral("http://127.0.0.1:4010") << true;
    QTest::addRow("http loopback v6") << QStringLiteral("http://[::1]:4010") << true;
    QTest::addRow("http localhost") << QStringLiteral("http://localhost:4010") << true;
    QTest::addRow("http remote") << QStringLiteral("http://id.example.com") << false;
    QTest::addRow("http lan") << QStringLiteral("http://192.168.1.10") << false;
    QTest::addRow("ftp") << QStringLiteral("ftp://id.example.com") << false;
    QTest::addRow("query") << QStringLiteral("https://id.example.com?x=1") << false;
    QTest::addRow("fragment") << QStringLiteral("https://id.example.com#x") << false;
    QTest::addRow("no host") << QStringLiteral("https://") << false;
    QTest::addRow("empty") << QString() << false;
}

void TestProvider::oidcIssuers()
{
    QFETCH(QString, issuer);
    QFETCH(bool, accepted);
    const QSettings settings(m_iniPath, QSettings::IniFormat);
    const Result<Provider> provider =
            Provider::oidc(issuer, QStringLiteral("chairside-test"), settings);
    QCOMPARE(provider.ok(), accepted);
    if (accepted) {
        QCOMPARE(provider->endpoints().issuer, issuer);
        QCOMPARE(provider->callbackPath(), QStringLiteral("/cb/oidc"));
        QVERIFY(!provider->alsoIpv6());
        QVERIFY(provider->needsDiscovery());
    } else {
        QVERIFY(provider.error().message.contains(QLatin1String("https://")));
    }
}

void TestProvider::oidcDiscovery()
{
    {
        QSettings settings(m_iniPath, QSettings::IniFormat);
        settings.setValue(QStringLiteral("auth/oidc/revocationEndpoint"),
                          QStringLiteral("http://127.0.0.1:5000/revoke"));
        settings.setValue(QStringLiteral("auth/oidc/issuer"),
                          QStringLiteral("https://other.example"));
        settings.sync();
    }
    const QSettings settings(m_iniPath, QSettings::IniFormat);
    Result<Provider> provider = Provider::oidc(QStringLiteral("http://127.0.0.1:4010"),
                                               QStringLiteral("chairside-test"), settings);
    QVERIFY(provider.ok());
    const Result<void> early = provider->validate();
    QVERIFY(!early.ok());
    QVERIFY(early.error().message.contains(QLatin1String("127.0.0.1")));

    const QByteArray document = R"({
        "issuer": "http://127.0.0.1:4010",
        "authorization_endpoint": "http://127.0.0.1:4010/auth",
        "token_endpoint": "http://127.0.0.1:4010/token",
        "jwks_uri": "http://127.0.0.1:4010/jwks",
        "revocation_endpoint": "http://127.0.0.1:4010/token/revocation",
        "code_challenge_methods_supported": ["S256"]
    })";
    const Result<OidcConfiguration> discovered =
            OidcDiscovery::parse(document, QStringLiteral("http://127.0.0.1:4010"));
    QVERIFY(discovered.ok());
    provider->setEndpoints(*discovered);
    QVERIFY(!provider->needsDiscovery());
    // The issuer given for the sign-in wins over Settings; an endpoint override wins over
    // discovery.
    QCOMPARE(provider->endpoints().issuer, QStringLiteral("http://127.0.0.1:4010"));
    QCOMPARE(provider->endpoints().tokenEndpoint,
             QUrl(QStringLiteral("http://127.0.0.1:4010/token")));
    QCOMPARE(provider->endpoints().revocationEndpoint,
             QUrl(QStringLiteral("http://127.0.0.1:5000/revoke")));
    QCOMPARE(*provider->expectedIssuerFor(QString()), QStringLiteral("http://127.0.0.1:4010"));
    QVERIFY(provider->validate().ok());
}

void TestProvider::missingClientId_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("google")
            << QStringLiteral("google") << QString()
            << QStringLiteral("No Google client id is configured; set auth/google/clientId in "
                              "%1");
    QTest::addRow("microsoft") << QStringLiteral("microsoft") << QStringLiteral("common")
                               << QStringLiteral("No Microsoft client id is configured; set "
                                                 "auth/microsoft/clientId in %1");
    QTest::addRow("oidc") << QStringLiteral("oidc") << QStringLiteral("https://id.example.com")
                          << QStringLiteral("--client-id or set auth/oidc/clientId in %1");
}

void TestProvider::missingClientId()
{
    QFETCH(QString, name);
    QFETCH(QString, argument);
    QFETCH(QString, mentions);

    const QSettings settings(m_iniPath, QSettings::IniFormat);
    const Result<Provider> provider = Provider::fromName(name, argument, QString(), settings);
    QVERIFY(provider.ok());
    const Result<void> valid = provider->validate();
    if (!provider->clientId().isEmpty()) {
        // A build with a default client id (CHAIRSIDE_*_CLIENT_ID) is complete.
        QVERIFY2(valid.ok(), qPrintable(valid.error().message));
        return;
    }
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().code, Error::Code::Invalid);
    // The message names the settings file to put the id in.
    QVERIFY2(valid.error().message.contains(mentions.arg(settings.fileName())),
             qPrintable(valid.error().message));
}

void TestProvider::fromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("google") << QStringLiteral("google") << true;
    QTest::addRow("microsoft") << QStringLiteral("microsoft") << true;
    QTest::addRow("oidc") << QStringLiteral("oidc") << true;
    QTest::addRow("upper case") << QStringLiteral("Google") << false;
    QTest::addRow("unknown") << QStringLiteral("facebook") << false;
    QTest::addRow("empty") << QString() << false;
}

void TestProvider::fromName()
{
    QFETCH(QString, name);
    QFETCH(bool, accepted);
    const QSettings settings(m_iniPath, QSettings::IniFormat);
    const QString argument =
            name == QLatin1String("oidc") ? QStringLiteral("https://id.example.com") : QString();
    const Result<Provider> provider =
            Provider::fromName(name, argument, QStringLiteral("client"), settings);
    QCOMPARE(provider.ok(), accepted);
    if (accepted) {
        QCOMPARE(provider->name(), name);
        QCOMPARE(provider->clientId(), QStringLiteral("client"));
    } else {
        QCOMPARE(provider.error().code, Error::Code::Usage);
        QVERIFY(provider.error().message.contains(QLatin1String("google, microsoft or oidc")));
    }
}

QTEST_GUILESS_MAIN(TestProvider)
#include "tst_provider.moc"
