#include "server/serverconnection.h"
#include "server/serverurl.h"
#include "testserver.h"

#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

using namespace chairside;

// ServerConnection against the real cluster (the postgres fixture), which
// has ssl on with a certificate for 127.0.0.1 and localhost signed by
// $CHAIRSIDE_TEST_PG_CA: sslmode up to verify-full, several hosts, and the
// sentences for what goes wrong.
class TestServerConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void verifyFullWithTheRightCa();
    void verifyFullRefusesAnotherCa();
    void verifyFullRefusesAnotherHostName();
    void verifyFullWithoutTheCaFile();
    void tlsOnlyLoginRefusesDisable();
    void deadHostFirstThenLive();
    void noHostAnswers();
    void wrongPassword();
    void missingDatabase();
    void newerSchemaIsRefused();

private:
    // The owner's address as ServerUrl reads it, with `extra` keywords.
    static ServerUrl owner(const QMap<QString, QString> &extra = {});
    // A port where nothing listens (bound, then let go).
    static QString deadPort();
};

namespace {

const QString tlsOnlyRole = QStringLiteral("chairside_tls_only");

bool runAsOwner(const QString &sql)
{
    auto connection = ServerConnection::open(
            *ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_URL")));
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return false;
    }
    QSqlQuery query((*connection)->database());
    if (!query.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

} // namespace

ServerUrl TestServerConnection::owner(const QMap<QString, QString> &extra)
{
    Result<ServerUrl> url = ServerUrl::parse(qEnvironmentVariable("CHAIRSIDE_TEST_PG_URL"));
    if (!url)
        return {};
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        url->set(it.key(), it.value());
    return *url;
}

QString TestServerConnection::deadPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return {};
    const QString port = QString::number(probe.serverPort());
    probe.close();
    return port;
}

void TestServerConnection::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_URL"), "run this through ctest");
    QVERIFY2(QFile::exists(qEnvironmentVariable("CHAIRSIDE_TEST_PG_CA")),
             "the fixture's CA is missing");
    QVERIFY(runAsOwner(QStringLiteral("DROP ROLE IF EXISTS %1").arg(tlsOnlyRole)));
    QVERIFY(runAsOwner(
            QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'tls-only'").arg(tlsOnlyRole)));
}

void TestServerConnection::cleanupTestCase()
{
    runAsOwner(QStringLiteral("DROP ROLE IF EXISTS %1").arg(tlsOnlyRole));
}

void TestServerConnection::verifyFullWithTheRightCa()
{
    for (const QString &host : {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")}) {
        auto connection = ServerConnection::open(owner(
                {{QStringLiteral("host"), host},
                 {QStringLiteral("sslmode"), QStringLiteral("verify-full")},
                 {QStringLiteral("sslrootcert"), qEnvironmentVariable("CHAIRSIDE_TEST_PG_CA")}}));
        QVERIFY2(connection.ok(),
                 qPrintable(connection.ok() ? QString() : connection.error().message));
        QSqlQuery query((*connection)->database());
        QVERIFY(query.exec(
                QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toBool());
    }
}

void TestServerConnection::verifyFullRefusesAnotherCa()
{
    auto connection = ServerConnection::open(owner(
            {{QStringLiteral("sslmode"), QStringLiteral("verify-full")},
             {QStringLiteral("sslrootcert"), qEnvironmentVariable("CHAIRSIDE_TEST_PG_OTHER_CA")}}));
    QVERIFY(!connection.ok());
    QCOMPARE(connection.error().code, Error::Code::Invalid);
    QVERIFY2(connection.error().message.contains(QLatin1String("cannot be trusted with the CA")),
             qPrintable(connection.error().message));
    QVERIFY(connection.error().message.contains(QLatin1String("certificate verify failed")));
    // require without a CA file encrypts and trusts any certificate (given
    // one, libpq checks the certificate as verify-ca does).
    QVERIFY(ServerConnection::open(owner({{QStringLiteral("sslmode"), QStringLiteral("require")}}))
                    .ok());
}

void TestServerConnection::verifyFullRefusesAnotherHostName()
{
    // The right server at the right address, under a name its certificate
    // was not made for.
    const QMap<QString, QString> wrongName{
            {QStringLiteral("host"), QStringLiteral("book.salon.example")},
            {QStringLiteral("hostaddr"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("sslrootcert"), qEnvironmentVariable("CHAIRSIDE_TEST_PG_CA")}};
    QMap<QString, QString> full = wrongName;
    full.insert(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
    auto connection = ServerConnection::open(owner(full));
    QVERIFY(!connection.ok());
    QCOMPARE(connection.error().code, Error::Code::Invalid);
    QVERIFY2(connection.error().message.contains(QLatin1String("is not for the host")),
             qPrintable(connection.error().message));
    QVERIFY(connection.error().message.contains(QLatin1String("book.salon.example")));
    // verify-ca checks the signature only, so the same connection passes.
    QMap<QString, QString> caOnly = wrongName;
    caOnly.insert(QStringLiteral("sslmode"), QStringLiteral("verify-ca"));
    QVERIFY(ServerConnection::open(owner(caOnly)).ok());
}

void TestServerConnection::verifyFullWithoutTheCaFile()
{
    auto connection = ServerConnection::open(
            owner({{QStringLiteral("sslmode"), QStringLiteral("verify-full")},
                   {QStringLiteral("sslrootcert"), QStringLiteral("/nonexistent/ca.crt")}}));
    QVERIFY(!connection.ok());
    QCOMPARE(connection.error().code, Error::Code::Invalid);
    QVERIFY2(connection.error().message.contains(QLatin1String("/nonexistent/ca.crt")),
             qPrintable(connection.error().message));
}

void TestServerConnection::tlsOnlyLoginRefusesDisable()
{
    ServerUrl url = owner();
    url.setUser(tlsOnlyRole);
    url.setPassword(QStringLiteral("tls-only"));
    url.set(QStringLiteral("sslmode"), QStringLiteral("disable"));
    auto plain = ServerConnection::open(url);
    QVERIFY(!plain.ok());
    QCOMPARE(plain.error().code, Error::Code::Invalid);
    QVERIFY2(plain.error().message.contains(QLatin1String("needs sslmode=require")),
             qPrintable(plain.error().message));
    url.set(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
    url.set(QStringLiteral("sslrootcert"), qEnvironmentVariable("CHAIRSIDE_TEST_PG_CA"));
    auto secured = ServerConnection::open(url);
    QVERIFY2(secured.ok(), qPrintable(secured.ok() ? QString() : secured.error().message));
}

void TestServerConnection::deadHostFirstThenLive()
{
    const ServerUrl live = owner();
    const QString dead = deadPort();
    QVERIFY(!dead.isEmpty());
    // libpq tries the hosts in order: the dead one refuses, the live one is
    // a primary, so read-write takes it.
    const Result<ServerUrl> url = ServerUrl::parse(
            QStringLiteral("postgresql://%1:%2@127.0.0.1:%3,127.0.0.1:%4/%5?target_session_attrs="
                           "read-write&connect_timeout=5")
                    .arg(live.user(), live.password(), dead, live.hosts().constFirst().port,
                         live.database()));
    QVERIFY(url.ok());
    auto connection = ServerConnection::open(*url);
    QVERIFY2(connection.ok(), qPrintable(connection.ok() ? QString() : connection.error().message));
    QSqlQuery query((*connection)->database());
    QVERIFY(query.exec(QStringLiteral("SELECT inet_server_port()")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), live.hosts().constFirst().port);
    // Only a standby would do: the live primary is passed over too.
    ServerUrl standby = *url;
    standby.set(QStringLiteral("target_session_attrs"), QStringLiteral("standby"));
    auto refused = ServerConnection::open(standby);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, Error::Code::Unavailable);
}

void TestServerConnection::noHostAnswers()
{
    ServerUrl url = owner();
    url.set(QStringLiteral("host"), QStringLiteral("127.0.0.1,127.0.0.1"));
    url.set(QStringLiteral("port"), deadPort() + u',' + deadPort());
    auto connection = ServerConnection::open(url);
    QVERIFY(!connection.ok());
    QCOMPARE(connection.error().code, Error::Code::Unavailable);
    QVERIFY2(connection.error().message.startsWith(QLatin1String("Could not reach the server")),
             qPrintable(connection.error().message));
    QVERIFY(!connection.error().message.contains(owner().password()));
}

void TestServerConnection::wrongPassword()
{
    ServerUrl url = owner();
    url.setPassword(QStringLiteral("not-the-password"));
    auto connection = ServerConnection::open(url);
    QVERIFY(!connection.ok());
    QCOMPARE(connection.error().code, Error::Code::Invalid);
    QVERIFY2(connection.error().message.contains(QLatin1String("refused the login")),
             qPrintable(connection.error().message));
    QVERIFY(!connection.error().message.contains(QLatin1String("not-the-password")));
}

void TestServerConnection::missingDatabase()
{
    auto connection = ServerConnection::open(
            owner({{QStringLiteral("dbname"), QStringLiteral("no_such_book")}}));
    QVERIFY(!connection.ok());
    QCOMPARE(connection.error().code, Error::Code::NotFound);
    QVERIFY2(connection.error().message.contains(QLatin1String("has no such database")),
             qPrintable(connection.error().message));
}

void TestServerConnection::newerSchemaIsRefused()
{
    testserver::FreshDatabase fresh(QStringLiteral("serverconnection_newer"));
    QVERIFY(fresh.ok());
    auto connection = ServerConnection::open(owner({{QStringLiteral("dbname"), fresh.name()}}));
    QVERIFY(connection.ok());
    QSqlQuery query((*connection)->database());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE schema_migrations (version integer PRIMARY "
                                      "KEY, name text NOT NULL)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (999, 'future')")));
    const Result<int> version = (*connection)->requireSchema(1);
    QVERIFY(!version.ok());
    QCOMPARE(version.error().code, Error::Code::Unavailable);
    QVERIFY2(version.error().message.contains(QLatin1String("made by a newer Chairside")),
             qPrintable(version.error().message));
}

QTEST_GUILESS_MAIN(TestServerConnection)
#include "tst_serverconnection.moc"
