#include "server/enrolmentcode.h"
#include "server/serverurl.h"

#include <QTest>
#include <QTimeZone>

using namespace chairside;

// ServerUrl reads addresses as libpq does (its own URI tests,
// src/interfaces/libpq/test/regress.in, gave many of these cases) and hands
// QPSQL what it can pass on.
class TestServerUrl : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void hosts();
    void displayHasNoPassword_data();
    void displayHasNoPassword();
    void connectOptionsForQpsql();
    void enrolmentCodeRoundTrip();
    void enrolmentCodeRefusesDamage_data();
    void enrolmentCodeRefusesDamage();
};

namespace {

// "key=value|key=value" of every keyword, in key order.
QString described(const ServerUrl &url)
{
    QStringList parts;
    for (auto it = url.values().cbegin(); it != url.values().cend(); ++it)
        parts.append(it.key() + u'=' + it.value());
    return parts.join(u'|');
}

} // namespace

void TestServerUrl::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::addRow("full") << "postgresql://uri-user:secret@host:12345/db"
                          << "dbname=db|host=host|password=secret|port=12345|user=uri-user";
    QTest::addRow("no password") << "postgresql://uri-user@host:12345/db"
                                 << "dbname=db|host=host|port=12345|user=uri-user";
    QTest::addRow("postgres scheme") << "postgres://uri-user@host/db"
                                     << "dbname=db|host=host|user=uri-user";
    QTest::addRow("no database") << "postgresql://uri-user@host:12345"
                                 << "host=host|port=12345|user=uri-user";
    QTest::addRow("host only") << "postgresql://host"
                               << "host=host";
    QTest::addRow("empty") << "postgresql://"
                           << "";
    QTest::addRow("database only") << "postgresql:///nonex"
                                   << "dbname=nonex";
    QTest::addRow("query user") << "postgresql://host/db?u%73er=someotheruser&port=12345"
                                << "dbname=db|host=host|port=12345|user=someotheruser";
    QTest::addRow("query after host") << "postgresql://host:12345?user=uri-user"
                                      << "host=host|port=12345|user=uri-user";
    QTest::addRow("ipv6") << "postgresql://[::1]:12345/db"
                          << "dbname=db|host=::1|port=12345";
    QTest::addRow("ipv6 no port") << "postgresql://[2001:db8::1234]/"
                                  << "host=2001:db8::1234";
    QTest::addRow("socket path") << "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname"
                                 << "dbname=dbname|host=/var/lib/postgresql";
    QTest::addRow("socket in query") << "postgresql:///db?host=/path/to/socket"
                                     << "dbname=db|host=/path/to/socket";
    QTest::addRow("password decoded") << "postgresql://ann:p%40ss%2Fw%3Ard@h/db"
                                      << "dbname=db|host=h|password=p@ss/w:rd|user=ann";
    QTest::addRow("unicode password")
            << "postgresql://ann:%C3%A9t%C3%A9@h/db"
            << QString::fromUtf8("dbname=db|host=h|password=été|user=ann");
    QTest::addRow("several hosts") << "postgresql://a:5432,b:5433/db"
                                   << "dbname=db|host=a,b|port=5432,5433";
    QTest::addRow("several hosts, one port") << "postgresql://a,b:5433/db"
                                             << "dbname=db|host=a,b|port=,5433";
    QTest::addRow("several hosts, ipv6") << "postgresql://[::1]:1,127.0.0.1:2/db"
                                         << "dbname=db|host=::1,127.0.0.1|port=1,2";
    QTest::addRow("sslmode verify-full")
            << "postgresql://h/db?sslmode=verify-full&sslrootcert=/etc/ssl/ca.crt"
            << "dbname=db|host=h|sslmode=verify-full|sslrootcert=/etc/ssl/ca.crt";
    QTest::addRow("ssl=true") << "postgresql://h/db?ssl=true"
                              << "dbname=db|host=h|sslmode=require";
    QTest::addRow("client certificate")
            << "postgresql://h/db?sslcert=%2Fhome%2Fa%2Fc.crt&sslkey=/home/a/c.key"
            << "dbname=db|host=h|sslcert=/home/a/c.crt|sslkey=/home/a/c.key";
    QTest::addRow("target_session_attrs")
            << "postgresql://a,b/db?target_session_attrs=read-write&connect_timeout=5"
            << "connect_timeout=5|dbname=db|host=a,b|target_session_attrs=read-write";
    QTest::addRow("application_name")
            << "postgresql://h/db?application_name=Chairside%20front%20desk"
            << "application_name=Chairside front desk|dbname=db|host=h";
    QTest::addRow("empty parameter skipped") << "postgresql://h/db?&sslmode=disable&"
                                             << "dbname=db|host=h|sslmode=disable";
    QTest::addRow("keywords") << "host=localhost port=5432 dbname=mydb connect_timeout=10"
                              << "connect_timeout=10|dbname=mydb|host=localhost|port=5432";
    QTest::addRow("keywords quoted")
            << "host = 'db.example.com' user=ann password='it\\'s a \\\\ pass' dbname=x"
            << "dbname=x|host=db.example.com|password=it's a \\ pass|user=ann";
    QTest::addRow("keywords several hosts") << "host=a,b port=1,2 target_session_attrs=any"
                                            << "host=a,b|port=1,2|target_session_attrs=any";
    QTest::addRow("keywords spaces") << "  host=h   dbname=d  "
                                     << "dbname=d|host=h";
}

void TestServerUrl::parses()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const Result<ServerUrl> url = ServerUrl::parse(text);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
    QCOMPARE(described(*url), expected);
}

void TestServerUrl::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");

    QTest::addRow("empty") << ""
                           << "it is empty";
    QTest::addRow("other scheme") << "mysql://h/db"
                                  << "must start with postgresql://";
    QTest::addRow("plain word") << "database"
                                << "neither";
    QTest::addRow("ipv6 unclosed") << "postgresql://[::1"
                                   << "no closing ']'";
    QTest::addRow("ipv6 empty") << "postgresql://[]"
                                << "may not be empty";
    QTest::addRow("after ipv6") << "postgresql://[::1]z"
                                << "not 'z'";
    QTest::addRow("no separator") << "postgresql://host?zzz"
                                  << "lacks its '='";
    QTest::addRow("two values") << "postgresql://host?value1&value2"
                                << "lacks its '='";
    QTest::addRow("two equals") << "postgresql://host?key=key=value"
                                << "a second '='";
    QTest::addRow("bad percent") << "postgresql://host?dbname=%XXfoo"
                                 << "two hexadecimal";
    QTest::addRow("percent zero") << "postgresql://a%00b"
                                  << "%00";
    QTest::addRow("percent short") << "postgresql://%1"
                                   << "two hexadecimal";
    QTest::addRow("percent z") << "postgresql://%zz"
                               << "two hexadecimal";
    QTest::addRow("unknown parameter") << "postgresql://host?uzer="
                                       << "“uzer” is not";
    QTest::addRow("port text") << "postgresql://host:port/db"
                               << "“port” is not a port";
    QTest::addRow("port zero") << "postgresql://host:0/db"
                               << "“0” is not a port";
    QTest::addRow("port too big") << "postgresql://host:65536/db"
                                  << "“65536” is not a port";
    QTest::addRow("sslmode") << "postgresql://h/db?sslmode=verify"
                             << "sslmode must be one of";
    QTest::addRow("ssl false") << "postgresql://h/db?ssl=false"
                               << "ssl may only be true";
    QTest::addRow("target attrs") << "postgresql://h/db?target_session_attrs=writable"
                                  << "target_session_attrs";
    QTest::addRow("timeout") << "postgresql://h/db?connect_timeout=soon"
                             << "whole number";
    QTest::addRow("semicolon") << "postgresql://h/db?sslrootcert=/a;b.crt"
                               << "';'";
    QTest::addRow("ports for hosts") << "host=a,b,c port=1,2"
                                     << "2 ports for 3 hosts";
    QTest::addRow("keyword unknown") << "host=a colour=blue"
                                     << "“colour” is not";
    QTest::addRow("keyword no equals") << "host=a dbname"
                                       << "“dbname” is missing";
    QTest::addRow("keyword unclosed quote") << "host='a"
                                            << "no closing quote";
    QTest::addRow("after host") << "postgresql://h#x"
                                << "h#x";
}

void TestServerUrl::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    const Result<ServerUrl> url = ServerUrl::parse(text);
    if (QLatin1String(QTest::currentDataTag()) == QLatin1String("after host")) {
        // libpq takes '#' as part of the host name; so does ServerUrl.
        QVERIFY(url.ok());
        QCOMPARE(url->value(QStringLiteral("host")), why);
        return;
    }
    QVERIFY2(!url.ok(), qPrintable(url.ok() ? described(*url) : QString()));
    QCOMPARE(url.error().code, Error::Code::Usage);
    QVERIFY2(url.error().message.contains(why), qPrintable(url.error().message));
    QVERIFY(url.error().message.startsWith(QLatin1String("The server address cannot be read")));
}

void TestServerUrl::hosts()
{
    const Result<ServerUrl> url = ServerUrl::parse(QStringLiteral("postgresql://a:1,[::1],c:3/x"));
    QVERIFY(url.ok());
    const QList<ServerUrl::Host> expected{{QStringLiteral("a"), QStringLiteral("1")},
                                          {QStringLiteral("::1"), QString()},
                                          {QStringLiteral("c"), QStringLiteral("3")}};
    QCOMPARE(url->hosts(), expected);
    const Result<ServerUrl> onePort = ServerUrl::parse(QStringLiteral("host=a,b port=7"));
    QVERIFY(onePort.ok());
    QCOMPARE(onePort->hosts().at(1).port, QStringLiteral("7"));
}

void TestServerUrl::displayHasNoPassword_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("display");
    QTest::addRow("uri") << "postgresql://ann:s3cret@db.example.com:5433/book?sslmode=verify-full"
                         << "postgresql://ann@db.example.com:5433/book?sslmode=verify-full";
    QTest::addRow("keywords") << "host=a,b port=1,2 user=ann password=s3cret dbname=x "
                                 "sslpassword=s3cret sslmode=require"
                              << "postgresql://ann@a:1,b:2/x?sslmode=require";
    QTest::addRow("ipv6 and socket") << "postgresql://ann:s3cret@[::1]:5,%2Ftmp/x"
                                     << "postgresql://ann@[::1]:5,%2Ftmp/x";
    QTest::addRow("escaped") << "postgresql://a%20b:s3cret@h/my%20db?application_name=a%26b"
                             << "postgresql://a%20b@h/my%20db?application_name=a%26b";
}

void TestServerUrl::displayHasNoPassword()
{
    QFETCH(QString, text);
    QFETCH(QString, display);
    const Result<ServerUrl> url = ServerUrl::parse(text);
    QVERIFY(url.ok());
    QCOMPARE(url->toDisplayString(), display);
    QVERIFY(!url->toDisplayString().contains(QLatin1String("s3cret")));
    // What is shown reads back as the same server, less the secrets.
    const Result<ServerUrl> again = ServerUrl::parse(display);
    QVERIFY(again.ok());
    ServerUrl withoutSecrets = *url;
    withoutSecrets.remove(QStringLiteral("password"));
    withoutSecrets.remove(QStringLiteral("sslpassword"));
    QCOMPARE(described(*again), described(withoutSecrets));
}

void TestServerUrl::connectOptionsForQpsql()
{
    const Result<ServerUrl> url = ServerUrl::parse(
            QStringLiteral("postgresql://ann:pw@a:5432,b:5433/db?sslmode=verify-full&sslrootcert="
                           "/etc/it's%20here.crt&target_session_attrs=read-write"));
    QVERIFY(url.ok());
    // Quoted as libpq reads a value; hosts, user, password and database go
    // apart (QPSQL quotes those itself).
    QCOMPARE(url->connectOptions(),
             QStringLiteral("port='5432,5433' sslmode='verify-full' sslrootcert='/etc/it\\'s "
                            "here.crt' target_session_attrs='read-write'"));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("probe"));
    url->applyTo(db);
    QCOMPARE(db.hostName(), QStringLiteral("a,b"));
    QCOMPARE(db.port(), -1);
    QCOMPARE(db.userName(), QStringLiteral("ann"));
    QCOMPARE(db.password(), QStringLiteral("pw"));
    QCOMPARE(db.databaseName(), QStringLiteral("db"));
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
}

void TestServerUrl::enrolmentCodeRoundTrip()
{
    const Result<ServerUrl> admin = ServerUrl::parse(
            QStringLiteral("postgresql://owner:ownerpw@a:5432,b:5433/book?sslmode=verify-full&"
                           "sslrootcert=/etc/ca.crt&sslcert=/home/o/c.crt&sslkey=/home/o/c.key&"
                           "application_name=admin&target_session_attrs=read-write"));
    QVERIFY(admin.ok());
    EnrolmentCode code;
    code.server = EnrolmentCode::serverForPc(*admin, QStringLiteral("chairside_pc_1"));
    code.secret = QStringLiteral("one-time");
    code.expiresAt = QDateTime(QDate(2026, 12, 2), QTime(8, 0), QTimeZone::utc());
    const QString text = code.toString();
    QVERIFY(text.startsWith(QLatin1String("CHAIRSIDE1-")));
    // Never the admin's password, certificate or key.
    const QByteArray inside =
            QByteArray::fromBase64(text.mid(11).toLatin1(), QByteArray::Base64UrlEncoding);
    QVERIFY(!inside.contains("ownerpw"));
    QVERIFY(!inside.contains("c.key"));
    QVERIFY(!inside.contains("c.crt"));
    QVERIFY(!inside.contains("owner"));
    const Result<EnrolmentCode> back = EnrolmentCode::parse(QStringLiteral("  ") + text + u'\n');
    QVERIFY(back.ok());
    QCOMPARE(back->secret, code.secret);
    QCOMPARE(back->expiresAt, code.expiresAt);
    QCOMPARE(described(back->server),
             QStringLiteral("dbname=book|host=a,b|port=5432,5433|sslmode=verify-full|sslrootcert=/"
                            "etc/ca.crt|target_session_attrs=read-write|user=chairside_pc_1"));
}

void TestServerUrl::enrolmentCodeRefusesDamage_data()
{
    QTest::addColumn<QString>("text");
    EnrolmentCode code;
    code.server.set(QStringLiteral("host"), QStringLiteral("h"));
    code.server.setUser(QStringLiteral("pc"));
    code.secret = QStringLiteral("s");
    code.expiresAt = QDateTime(QDate(2026, 12, 2), QTime(8, 0), QTimeZone::utc());
    const QString good = code.toString();
    QTest::addRow("empty") << QString();
    QTest::addRow("no prefix") << good.mid(11);
    QTest::addRow("cut short") << good.left(good.size() - 5);
    QTest::addRow("not base64") << QStringLiteral("CHAIRSIDE1-***");
    QTest::addRow("not json") << QStringLiteral("CHAIRSIDE1-")
                    + QString::fromLatin1(QByteArray("hello").toBase64(
                            QByteArray::Base64UrlEncoding));
    code.secret.clear();
    QTest::addRow("no secret") << code.toString();
}

void TestServerUrl::enrolmentCodeRefusesDamage()
{
    QFETCH(QString, text);
    const Result<EnrolmentCode> code = EnrolmentCode::parse(text);
    QVERIFY(!code.ok());
    QCOMPARE(code.error().code, Error::Code::Usage);
    QVERIFY(code.error().message.contains(QLatin1String("not a whole enrolment code")));
}

QTEST_GUILESS_MAIN(TestServerUrl)
#include "tst_serverurl.moc"
