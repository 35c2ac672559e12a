#include "auth/tokenstore.h"
#include "clirunner.h"
#include "server/serverconnection.h"
#include "server/serverjoin.h"
#include "server/serverurl.h"
#include "store/store.h"
#include "testserver.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace chairside;
using chairside::testsupport::CliResult;
using chairside::testsupport::CliRunner;
using testserver::FreshDatabase;

// Enrolling, joining and revoking PCs end to end: the built chairside-cli
// against the real cluster (postgres fixture) and a real Secret Service
// (with-keyring.sh), as an admin and a front desk would run it.
class TestEnrolment : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void migrateTwiceIsHarmless();
    void enrolJoinAndLogIn();
    void secondPcIsNotFirstOfSalon();
    void usedCodeIsRefused();
    void expiredCodeIsRefused();
    void revokeLocksThePcOutAtOnce();
    void newEpochAfterARestore();
    void joinRefusesAnotherSalonsBook();
    void badInput_data();
    void badInput();
    void newerServerIsRefused();
    // Runs last: a locked keyring cannot be unlocked without a prompt.
    void lockedKeychainStoresNothing();

private:
    // The owner's address for this test's database, as text for --url.
    QString ownerUrl() const;
    CliResult run(const QString &dataDir, const QStringList &arguments) const;
    // Adds a salon to the store in `dataDir`; its id.
    QString addSalon(const QString &dataDir, const QString &name) const;
    // Enrols a PC for `salon`; the JSON answer.
    QJsonObject enrol(const QString &salon, const QString &name = QStringLiteral("Front desk"));
    // What the store in `dataDir` records of its server.
    static std::optional<ServerLink> linkIn(const QString &dataDir);
    // The PC's password from the keychain, or empty.
    static QByteArray keychainPassword(const QString &deviceId);
    // The PC's address with its keychain password.
    static ServerUrl pcUrl(const ServerLink &link);
    QVariant ownerValue(const QString &sql) const;

    std::unique_ptr<FreshDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

constexpr int keychainTimeoutMs = 15000;

} // namespace

void TestEnrolment::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_URL"), "run this through ctest");
    QVERIFY2(!qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_KEYRING_HOME"),
             "run this through ctest (with-keyring.sh)");
    QVERIFY(QFile::exists(qEnvironmentVariable("CHAIRSIDE_CLI")));
}

void TestEnrolment::init()
{
    m_database = std::make_unique<FreshDatabase>(
            QStringLiteral("enrolment_") + QString::fromLatin1(QTest::currentTestFunction()));
    QVERIFY(m_database->ok());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const CliResult migrated = run(m_dir->path(),
                                   {QStringLiteral("server"), QStringLiteral("migrate"),
                                    QStringLiteral("--url"), ownerUrl()});
    QVERIFY2(migrated.exitCode == 0, migrated.describe());
}

void TestEnrolment::cleanup()
{
    // Roles belong to the cluster: drop this test's PCs' logins with its database.
    QStringList roles;
    if (m_database && m_database->ok()) {
        QSqlDatabase db = m_database->connect(QStringLiteral("cleanup"));
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT login_role FROM devices"));
        while (query.next())
            roles.append(query.value(0).toString());
    }
    m_database.reset();
    {
        QSqlDatabase admin = testserver::connect(testserver::ownerUrl(), QStringLiteral("roles"));
        QSqlQuery drop(admin);
        for (const QString &role : std::as_const(roles))
            drop.exec(QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(role));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("roles"));
    m_dir.reset();
}

QString TestEnrolment::ownerUrl() const
{
    return m_database->url().toString();
}

CliResult TestEnrolment::run(const QString &dataDir, const QStringList &arguments) const
{
    return CliRunner(dataDir).json(arguments);
}

QString TestEnrolment::addSalon(const QString &dataDir, const QString &name) const
{
    const CliResult added =
            run(dataDir,
                {QStringLiteral("salons"), QStringLiteral("add"), QStringLiteral("--name"), name,
                 QStringLiteral("--time-zone"), QStringLiteral("Europe/London")});
    if (added.exitCode != 0)
        qWarning("%s", added.describe().constData());
    return added.json.value(QStringLiteral("salon"))
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
}

QJsonObject TestEnrolment::enrol(const QString &salon, const QString &name)
{
    const CliResult enrolled =
            run(m_dir->path(),
                {QStringLiteral("server"), QStringLiteral("enroll-device"), QStringLiteral("--url"),
                 ownerUrl(), QStringLiteral("--salon"), salon, QStringLiteral("--name"), name});
    if (enrolled.exitCode != 0)
        qWarning("%s", enrolled.describe().constData());
    return enrolled.json;
}

std::optional<ServerLink> TestEnrolment::linkIn(const QString &dataDir)
{
    auto store = Store::open(Store::pathIn(dataDir));
    if (!store)
        return std::nullopt;
    const Result<std::optional<ServerLink>> link = (*store)->serverLink();
    return link ? *link : std::nullopt;
}

QByteArray TestEnrolment::keychainPassword(const QString &deviceId)
{
    TokenStore keychain;
    std::optional<QByteArray> password;
    QObject::connect(&keychain, &TokenStore::secretRead, &keychain,
                     [&](const QString &, const QString &, const Result<QByteArray> &result) {
                         password = result ? *result : QByteArray();
                     });
    keychain.read(ServerJoin::keychainAccount(deviceId), ServerJoin::passwordSecret());
    if (!QTest::qWaitFor([&] { return password.has_value(); }, keychainTimeoutMs))
        qWarning("the keychain did not answer");
    return password.value_or(QByteArray());
}

ServerUrl TestEnrolment::pcUrl(const ServerLink &link)
{
    ServerUrl url = *ServerUrl::parse(link.url);
    url.setPassword(QString::fromLatin1(keychainPassword(link.deviceId)));
    return url;
}

QVariant TestEnrolment::ownerValue(const QString &sql) const
{
    auto connection = ServerConnection::open(*ServerUrl::parse(ownerUrl()));
    if (!connection)
        return {};
    QSqlQuery query((*connection)->database());
    if (!query.exec(sql) || !query.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0);
}

void TestEnrolment::migrateTwiceIsHarmless()
{
    // init() migrated once (from 0); again is nothing to do.
    const CliResult again = run(m_dir->path(),
                                {QStringLiteral("server"), QStringLiteral("migrate"),
                                 QStringLiteral("--url"), ownerUrl()});
    QVERIFY2(again.exitCode == 0, again.describe());
    QCOMPARE(again.json.value(QStringLiteral("fromVersion")).toInt(),
             again.json.value(QStringLiteral("toVersion")).toInt());
    QVERIFY(again.json.value(QStringLiteral("toVersion")).toInt() >= 3);
    // The owner's password is never printed.
    QVERIFY(!again.out.contains(m_database->url().password().toUtf8()));
    QVERIFY(again.json.value(QStringLiteral("server"))
                    .toString()
                    .startsWith(QLatin1String("postgresql://chairside_owner@127.0.0.1:")));
}

void TestEnrolment::enrolJoinAndLogIn()
{
    QTemporaryDir pc;
    const QString salon = addSalon(pc.path(), QStringLiteral("Hair by Ann"));
    QVERIFY(!salon.isEmpty());
    const QJsonObject enrolled = enrol(salon);
    const QString code = enrolled.value(QStringLiteral("code")).toString();
    QVERIFY2(code.startsWith(QLatin1String("CHAIRSIDE1-")), qPrintable(code));
    const QJsonObject device = enrolled.value(QStringLiteral("device")).toObject();
    QCOMPARE(device.value(QStringLiteral("salonId")).toString(), salon);
    QCOMPARE(device.value(QStringLiteral("name")).toString(), QStringLiteral("Front desk"));
    QVERIFY(device.value(QStringLiteral("firstOfSalon")).toBool());
    // Until it joins, the PC's login runs out with the code.
    QCOMPARE(ownerValue(QStringLiteral("SELECT rolvaliduntil - now() BETWEEN interval '23 hours' "
                                       "AND interval '24 hours' FROM pg_roles WHERE rolname = '%1'")
                                .arg(device.value(QStringLiteral("loginRole")).toString())),
             QVariant(true));

    const CliResult joined = run(pc.path(), {QStringLiteral("join"), code});
    QVERIFY2(joined.exitCode == 0, joined.describe());
    const QJsonObject join = joined.json.value(QStringLiteral("joined")).toObject();
    QCOMPARE(join.value(QStringLiteral("deviceId")), device.value(QStringLiteral("id")));
    QCOMPARE(join.value(QStringLiteral("salonId")).toString(), salon);
    QVERIFY(join.value(QStringLiteral("firstOfSalon")).toBool());

    const std::optional<ServerLink> link = linkIn(pc.path());
    QVERIFY(link);
    QCOMPARE(link->deviceId, device.value(QStringLiteral("id")).toString());
    QCOMPARE(link->salonId, salon);
    QCOMPARE(link->loginRole, device.value(QStringLiteral("loginRole")).toString());
    QVERIFY(link->firstOfSalon);
    QVERIFY(!link->url.contains(u':' + m_database->url().password()));

    // The PC logs in with the password from the keychain and sees its salon.
    const QByteArray password = keychainPassword(link->deviceId);
    QVERIFY(password.size() >= 40);
    auto connection = ServerConnection::open(pcUrl(*link));
    QVERIFY2(connection.ok(), qPrintable(connection.ok() ? QString() : connection.error().message));
    QSqlQuery query((*connection)->database());
    QVERIFY(query.exec(QStringLiteral("SELECT device_salon(), current_user")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), salon);
    QCOMPARE(query.value(1).toString(), link->loginRole);
    // The 24-hour limit is lifted, the code marked used.
    QCOMPARE(ownerValue(QStringLiteral("SELECT rolvaliduntil = 'infinity' FROM pg_roles WHERE "
                                       "rolname = '%1'")
                                .arg(link->loginRole)),
             QVariant(true));
    QCOMPARE(ownerValue(QStringLiteral("SELECT joined_at IS NOT NULL FROM devices WHERE "
                                       "login_role = '%1'")
                                .arg(link->loginRole)),
             QVariant(true));

    // The password is nowhere but in the keychain: not in the output, not
    // in the data folder.
    QVERIFY(!joined.out.contains(password));
    QVERIFY(!joined.err.contains(password));
    QDirIterator files(pc.path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(password), qPrintable(file.fileName()));
    }
}

void TestEnrolment::secondPcIsNotFirstOfSalon()
{
    const QString salon = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject first = enrol(salon, QStringLiteral("Front desk"));
    QVERIFY(first.value(QStringLiteral("device"))
                    .toObject()
                    .value(QStringLiteral("firstOfSalon"))
                    .toBool());
    const QJsonObject second = enrol(salon, QStringLiteral("Back office"));
    QCOMPARE(
            second.value(QStringLiteral("device")).toObject().value(QStringLiteral("firstOfSalon")),
            QJsonValue(false));
    QTemporaryDir pc;
    const CliResult joined = run(
            pc.path(), {QStringLiteral("join"), second.value(QStringLiteral("code")).toString()});
    QVERIFY2(joined.exitCode == 0, joined.describe());
    QVERIFY(!linkIn(pc.path())->firstOfSalon);
}

void TestEnrolment::usedCodeIsRefused()
{
    const QString salon = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString code = enrol(salon).value(QStringLiteral("code")).toString();
    QTemporaryDir first;
    QVERIFY(run(first.path(), {QStringLiteral("join"), code}).exitCode == 0);

    QTemporaryDir second;
    const CliResult again = run(second.path(), {QStringLiteral("join"), code});
    QCOMPARE(again.exitCode, 3);
    QVERIFY2(again.errorText().contains(QLatin1String("has been used already")), again.describe());
    QVERIFY(!linkIn(second.path()));
    // The first PC still logs in.
    QVERIFY(ServerConnection::open(pcUrl(*linkIn(first.path()))).ok());
}

void TestEnrolment::expiredCodeIsRefused()
{
    const QString salon = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject enrolled = enrol(salon);
    const QString code = enrolled.value(QStringLiteral("code")).toString();
    const QString role = enrolled.value(QStringLiteral("device"))
                                 .toObject()
                                 .value(QStringLiteral("loginRole"))
                                 .toString();
    const QString id = enrolled.value(QStringLiteral("device"))
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();

    // Past its time on this PC's clock: refused before asking the server.
    QTemporaryDir later;
    CliRunner runner(later.path());
    runner.setNow(QDateTime::currentDateTimeUtc().addSecs(25 * 3600));
    const CliResult local = runner.json({QStringLiteral("join"), code});
    QCOMPARE(local.exitCode, 3);
    QVERIFY2(local.errorText().contains(QLatin1String("expired at")), local.describe());

    // Past its time on the server (whatever this PC's clock says): the
    // login's VALID UNTIL and the devices row, as the owner.
    {
        auto connection = ServerConnection::open(*ServerUrl::parse(ownerUrl()));
        QVERIFY(connection.ok());
        QSqlQuery query((*connection)->database());
        QVERIFY(query.exec(QStringLiteral("ALTER ROLE \"%1\" VALID UNTIL '2000-01-01'").arg(role)));
        QVERIFY(query.exec(QStringLiteral("UPDATE devices SET code_expires_at = '2000-01-01' "
                                          "WHERE device_id = '%1'")
                                   .arg(id)));
    }
    QTemporaryDir pc;
    const CliResult joined = run(pc.path(), {QStringLiteral("join"), code});
    QCOMPARE(joined.exitCode, 3);
    QVERIFY2(joined.errorText().contains(QLatin1String("refused this enrolment code")),
             joined.describe());
    QVERIFY(!linkIn(pc.path()));
    QVERIFY(keychainPassword(id).isEmpty());
    QCOMPARE(ownerValue(QStringLiteral("SELECT joined_at IS NULL FROM devices WHERE device_id = "
                                       "'%1'")
                                .arg(id)),
             QVariant(true));
}

void TestEnrolment::revokeLocksThePcOutAtOnce()
{
    const QString salon = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject enrolled = enrol(salon, QStringLiteral("Till 2"));
    QTemporaryDir pc;
    QVERIFY(run(pc.path(),
                {QStringLiteral("join"), enrolled.value(QStringLiteral("code")).toString()})
                    .exitCode
            == 0);
    const ServerLink link = *linkIn(pc.path());
    const ServerUrl url = pcUrl(link);
    auto open = ServerConnection::open(url);
    QVERIFY(open.ok());
    QSqlQuery before((*open)->database());
    QVERIFY(before.exec(QStringLiteral("SELECT device_salon()")) && before.next());
    QCOMPARE(before.value(0).toString(), salon);
    before.finish();

    const CliResult revoked =
            run(m_dir->path(),
                {QStringLiteral("server"), QStringLiteral("revoke-device"), QStringLiteral("--url"),
                 ownerUrl(), QStringLiteral("--device"), QStringLiteral("till 2")});
    QVERIFY2(revoked.exitCode == 0, revoked.describe());
    QCOMPARE(revoked.json.value(QStringLiteral("sessionsEnded")).toInt(), 1);
    QCOMPARE(revoked.json.value(QStringLiteral("revoked"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
             link.deviceId);

    // The open session is gone...
    QSqlQuery after((*open)->database());
    QVERIFY(!after.exec(QStringLiteral("SELECT device_salon()")));
    // ...a new login fails...
    auto again = ServerConnection::open(url);
    QVERIFY(!again.ok());
    QVERIFY2(again.error().message.contains(QLatin1String("refused the login")),
             qPrintable(again.error().message));
    // ...and the role sees no salon even where it still exists.
    QCOMPARE(ownerValue(QStringLiteral("SELECT count(*) FROM devices WHERE login_role = '%1' AND "
                                       "revoked_at IS NOT NULL")
                                .arg(link.loginRole)),
             QVariant(qlonglong(1)));
    {
        auto owner = ServerConnection::open(*ServerUrl::parse(ownerUrl()));
        QVERIFY(owner.ok());
        QSqlQuery query((*owner)->database());
        QVERIFY(query.exec(QStringLiteral("SET ROLE \"%1\"").arg(link.loginRole)));
        QVERIFY(query.exec(QStringLiteral("SELECT device_salon()")) && query.next());
        QVERIFY(query.value(0).isNull());
    }

    // Revoking again says so and changes nothing.
    const CliResult twice =
            run(m_dir->path(),
                {QStringLiteral("server"), QStringLiteral("revoke-device"), QStringLiteral("--url"),
                 ownerUrl(), QStringLiteral("--device"), link.deviceId});
    QVERIFY2(twice.exitCode == 0, twice.describe());
    QVERIFY(twice.json.value(QStringLiteral("alreadyRevoked")).toBool());
}

void TestEnrolment::joinRefusesAnotherSalonsBook()
{
    QTemporaryDir pc;
    QVERIFY(!addSalon(pc.path(), QStringLiteral("Salon A")).isEmpty());
    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject enrolled = enrol(other);
    const CliResult joined = run(
            pc.path(), {QStringLiteral("join"), enrolled.value(QStringLiteral("code")).toString()});
    QCOMPARE(joined.exitCode, 3);
    QVERIFY2(joined.errorText().contains(QLatin1String("this PC's book holds")), joined.describe());
    QVERIFY(!linkIn(pc.path()));
    // The code was not used: the right PC can still join with it.
    QTemporaryDir empty;
    QVERIFY(run(empty.path(),
                {QStringLiteral("join"), enrolled.value(QStringLiteral("code")).toString()})
                    .exitCode
            == 0);
}

void TestEnrolment::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const QString dead = QStringLiteral("postgresql://a@127.0.0.1:%1/x").arg(probe.serverPort());
    probe.close();

    QTest::addRow("no url") << QStringList{QStringLiteral("server"), QStringLiteral("migrate")} << 2
                            << QStringLiteral("Say which server with --url");
    QTest::addRow("bad url") << QStringList{QStringLiteral("server"), QStringLiteral("migrate"),
                                            QStringLiteral("--url"), QStringLiteral("mysql://x/y")}
                             << 2 << QStringLiteral("must start with postgresql://");
    QTest::addRow("unreachable") << QStringList{QStringLiteral("server"), QStringLiteral("migrate"),
                                                QStringLiteral("--url"), dead}
                                 << 1 << QStringLiteral("Could not reach the server");
    QTest::addRow("wrong password")
            << QStringList{QStringLiteral("server"), QStringLiteral("migrate"),
                           QStringLiteral("--url"), QStringLiteral("@wrong-password")}
            << 3 << QStringLiteral("refused the login “chairside_owner”");
    QTest::addRow("no salon") << QStringList{QStringLiteral("server"),
                                             QStringLiteral("enroll-device"),
                                             QStringLiteral("--url"), QStringLiteral("@owner")}
                              << 2 << QStringLiteral("with --salon");
    QTest::addRow("unknown salon name")
            << QStringList{QStringLiteral("server"),  QStringLiteral("enroll-device"),
                           QStringLiteral("--url"),   QStringLiteral("@owner"),
                           QStringLiteral("--salon"), QStringLiteral("Nowhere Salon")}
            << 3 << QStringLiteral("has no salon named “Nowhere Salon”");
    QTest::addRow("no device") << QStringList{QStringLiteral("server"),
                                              QStringLiteral("revoke-device"),
                                              QStringLiteral("--url"), QStringLiteral("@owner")}
                               << 2 << QStringLiteral("Say which PC with --device");
    QTest::addRow("unknown device")
            << QStringList{QStringLiteral("server"),   QStringLiteral("revoke-device"),
                           QStringLiteral("--url"),    QStringLiteral("@owner"),
                           QStringLiteral("--device"), QStringLiteral("Ghost PC")}
            << 3 << QStringLiteral("No PC “Ghost PC” is enrolled");
    QTest::addRow("not a code") << QStringList{QStringLiteral("join"), QStringLiteral("hello")} << 2
                                << QStringLiteral("not a whole enrolment code");
    QTest::addRow("no code") << QStringList{QStringLiteral("join")} << 2
                             << QStringLiteral("enrolment code");
}

void TestEnrolment::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    for (QString &argument : arguments) {
        if (argument == QLatin1String("@owner"))
            argument = ownerUrl();
        if (argument == QLatin1String("@wrong-password")) {
            QUrl url = m_database->url();
            url.setPassword(QStringLiteral("wrong-password"));
            argument = url.toString();
        }
    }
    QTemporaryDir pc;
    const CliResult result = run(pc.path(), arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.errorText().contains(message), result.describe());
    QCOMPARE(result.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("exitCode"))
                     .toInt(),
             exitCode);
    // Nothing was made on this PC.
    QVERIFY(!QFile::exists(Store::pathIn(pc.path())));
    QVERIFY(!result.out.contains("wrong-password"));
}

void TestEnrolment::newerServerIsRefused()
{
    const QString salon = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString code = enrol(salon).value(QStringLiteral("code")).toString();
    QVERIFY(ownerValue(QStringLiteral("INSERT INTO schema_migrations (version, name) VALUES (999, "
                                      "'future') RETURNING 1"))
                    .isValid());
    const QStringList verbs[] = {{QStringLiteral("server"), QStringLiteral("migrate"),
                                  QStringLiteral("--url"), ownerUrl()},
                                 {QStringLiteral("server"), QStringLiteral("enroll-device"),
                                  QStringLiteral("--url"), ownerUrl(), QStringLiteral("--salon"),
                                  salon},
                                 {QStringLiteral("join"), code}};
    for (const QStringList &arguments : verbs) {
        QTemporaryDir pc;
        const CliResult result = run(pc.path(), arguments);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.errorText().contains(QLatin1String("made by a newer Chairside")),
                 result.describe());
    }
}

void TestEnrolment::newEpochAfterARestore()
{
    const QString before =
            ownerValue(QStringLiteral("SELECT epoch::text FROM server_epoch")).toString();
    QVERIFY(!before.isEmpty());
    const CliResult renewed = run(m_dir->path(),
                                  {QStringLiteral("server"), QStringLiteral("new-epoch"),
                                   QStringLiteral("--url"), ownerUrl()});
    QVERIFY2(renewed.exitCode == 0, renewed.describe());
    QCOMPARE(renewed.json.value(QStringLiteral("epochBefore")).toString(), before);
    const QString after = renewed.json.value(QStringLiteral("epoch")).toString();
    QVERIFY(!after.isEmpty() && after != before);
    QCOMPARE(ownerValue(QStringLiteral("SELECT epoch::text FROM server_epoch")).toString(), after);
    QVERIFY(!renewed.out.contains(m_database->url().password().toUtf8()));

    // A database without the schema has no epoch to renew: said, nothing made.
    FreshDatabase empty(QStringLiteral("enrolment_noschema"));
    QVERIFY(empty.ok());
    const CliResult refused = run(m_dir->path(),
                                  {QStringLiteral("server"), QStringLiteral("new-epoch"),
                                   QStringLiteral("--url"), empty.url().toString()});
    QCOMPARE(refused.exitCode, 3);
    QVERIFY2(refused.errorText().contains(QLatin1String("server migrate")), refused.describe());
}

void TestEnrolment::lockedKeychainStoresNothing()
{
    const QString salon = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject enrolled = enrol(salon);
    const QString id = enrolled.value(QStringLiteral("device"))
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();

    const QString locked = testsupport::lockKeyring();
    QVERIFY2(locked.isEmpty(), qPrintable(locked));

    QTemporaryDir pc;
    const CliResult joined = run(
            pc.path(), {QStringLiteral("join"), enrolled.value(QStringLiteral("code")).toString()});
    QCOMPARE(joined.exitCode, 1);
    QVERIFY2(joined.errorText().contains(QLatin1String("Unlock your keyring")), joined.describe());
    QCOMPARE(joined.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
             QStringLiteral("unavailable"));
    QVERIFY(!linkIn(pc.path()));
    // The code is still unused on the server.
    QCOMPARE(ownerValue(QStringLiteral("SELECT joined_at IS NULL AND rolvaliduntil <> 'infinity' "
                                       "FROM devices JOIN pg_roles ON rolname = login_role WHERE "
                                       "device_id = '%1'")
                                .arg(id)),
             QVariant(true));
}

QTEST_GUILESS_MAIN(TestEnrolment)
#include "tst_enrolment.moc"
