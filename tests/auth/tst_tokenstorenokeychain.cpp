// TokenStore with no keychain at all: no session bus, an empty runtime dir
// and a throwaway HOME (set by CMake). Every call must say "unavailable",
// never "not found", and no secret may land in a file instead.

#include "auth/tokenstore.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

#include <optional>

using namespace chairside;

namespace {

constexpr int answerTimeoutMs = 15000;

QByteArray randomToken(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            .left(size);
}

QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(path);
    }
    return found;
}

} // namespace

class TestTokenStoreNoKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyCallIsUnavailable_data();
    void everyCallIsUnavailable();
    void noFileHoldsTheSecret();

private:
    TokenStore m_store;
};

void TestTokenStoreNoKeychain::initTestCase()
{
    // The environment CMake sets; checked so that a stray session bus cannot
    // turn this into a test of some real keyring.
    QVERIFY2(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "DBUS_SESSION_BUS_ADDRESS must be unset");
    QVERIFY(!qEnvironmentVariableIsSet("DISPLAY"));
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    QVERIFY(!runtime.isEmpty());
    QVERIFY(!QFileInfo::exists(runtime + QStringLiteral("/bus")));
    const QString home = qEnvironmentVariable("HOME");
    QVERIFY(!home.isEmpty());
    QCOMPARE(home, qEnvironmentVariable("CHAIRSIDE_TEST_NO_KEYCHAIN_HOME"));
    QVERIFY(QDir().mkpath(home));
}

void TestTokenStoreNoKeychain::everyCallIsUnavailable_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<int>("size");

    QTest::addRow("write short") << QStringLiteral("write") << 60;
    QTest::addRow("write chunked") << QStringLiteral("write") << 10 * 1024;
    QTest::addRow("read") << QStringLiteral("read") << 0;
    QTest::addRow("remove") << QStringLiteral("remove") << 0;
}

void TestTokenStoreNoKeychain::everyCallIsUnavailable()
{
    QFETCH(QString, operation);
    QFETCH(int, size);
    const QString account = QStringLiteral("jörg@example.com");
    const QString name = QStringLiteral("refresh_token");

    std::optional<Error> error;
    bool succeeded = false;
    auto take = [&](const QString &, const QString &, const auto &result) {
        if (result.ok())
            succeeded = true;
        else
            error = result.error();
    };
    QObject context; // drops the connections with this test's locals
    connect(&m_store, &TokenStore::written, &context,
            [&](const QString &a, const QString &n, const Result<void> &r) { take(a, n, r); });
    connect(&m_store, &TokenStore::secretRead, &context,
            [&](const QString &a, const QString &n, const Result<QByteArray> &r) {
                take(a, n, r);
            });
    connect(&m_store, &TokenStore::removed, &context,
            [&](const QString &a, const QString &n, const Result<void> &r) { take(a, n, r); });

    QElapsedTimer timer;
    timer.start();
    if (operation == QLatin1String("write"))
        m_store.write(account, name, randomToken(size));
    else if (operation == QLatin1String("read"))
        m_store.read(account, name);
    else
        m_store.remove(account, name);
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value() || succeeded, answerTimeoutMs);

    QVERIFY(!succeeded);
    QCOMPARE(error->code, Error::Code::Unavailable);
    QVERIFY2(error->message.contains(QLatin1String("Unlock your keyring or log in to the "
                                                   "desktop session, then try again")),
             qPrintable(error->message));
    qInfo("%s answered Unavailable in %lld ms", qPrintable(operation),
          static_cast<long long>(timer.elapsed()));
}

void TestTokenStoreNoKeychain::noFileHoldsTheSecret()
{
    const QByteArray small = "chairside-secret-" + randomToken(40);
    const QByteArray large = "chairside-secret-" + randomToken(5000);

    QSignalSpy spy(&m_store, &TokenStore::written);
    m_store.write(QStringLiteral("account-a"), QStringLiteral("refresh_token"), small);
    m_store.write(QStringLiteral("account-b"), QStringLiteral("refresh_token"), large);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, answerTimeoutMs);
    for (const QList<QVariant> &arguments : std::as_const(spy))
        QCOMPARE(arguments.at(2).value<Result<void>>().error().code, Error::Code::Unavailable);

    const QStringList dirs = {qEnvironmentVariable("HOME"), qEnvironmentVariable("XDG_CONFIG_HOME"),
                              qEnvironmentVariable("XDG_RUNTIME_DIR"), QDir::currentPath()};
    for (const QString &dir : dirs) {
        QVERIFY(!dir.isEmpty());
        for (const QByteArray &needle : {small, small.toBase64(), large.mid(100, 1000)}) {
            const QStringList found = filesContaining(dir, needle);
            QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1String(", "))));
        }
    }
}

QTEST_GUILESS_MAIN(TestTokenStoreNoKeychain)
#include "tst_tokenstorenokeychain.moc"
