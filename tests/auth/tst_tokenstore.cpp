// TokenStore against a real Secret Service: gnome-keyring in a private D-Bus
// session with a throwaway HOME, started by with-keyring.sh.

#include "auth/tokenstore.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QRandomGenerator>
#include <QtTest>

#include <qt6keychain/keychain.h>

#include <optional>

using namespace chairside;

namespace {

constexpr int answerTimeoutMs = 15000;
// QtKeychain 0.13's Windows Credential Manager limit per entry.
constexpr int windowsEntryLimit = 2560;

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

// A token-like printable secret, so that a plaintext copy would be found by
// searching files for it.
QByteArray randomToken(qsizetype size)
{
    return randomBytes(size)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            .left(size);
}

// QVERIFY2 builds its message even when the check passes.
template <typename T>
QString why(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

// What QtKeychain itself holds under a key, bypassing TokenStore.
struct RawEntry
{
    QKeychain::Error error = QKeychain::OtherError;
    QByteArray data;
};

RawEntry rawRead(const QString &key)
{
    RawEntry entry;
    bool finished = false;
    auto *job = new QKeychain::ReadPasswordJob(TokenStore::service());
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, [&](QKeychain::Job *j) {
        entry = {j->error(), static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData()};
        finished = true;
    });
    job->start();
    // A timeout leaves the answer empty, which the caller reports.
    (void)QTest::qWaitFor([&] { return finished; }, answerTimeoutMs);
    return entry;
}

QKeychain::Error rawWrite(const QString &key, const QByteArray &data)
{
    QKeychain::Error error = QKeychain::OtherError;
    bool finished = false;
    auto *job = new QKeychain::WritePasswordJob(TokenStore::service());
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setBinaryData(data);
    QObject::connect(job, &QKeychain::Job::finished, [&](QKeychain::Job *j) {
        error = j->error();
        finished = true;
    });
    job->start();
    // A timeout leaves the answer empty, which the caller reports.
    (void)QTest::qWaitFor([&] { return finished; }, answerTimeoutMs);
    return error;
}

// Files under `dir` (not below `skipDir`) whose bytes contain `needle`.
QStringList filesContaining(const QString &dir, const QByteArray &needle, const QString &skipDir)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!skipDir.isEmpty() && path.startsWith(skipDir + QLatin1Char('/')))
            continue;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(path);
    }
    return found;
}

} // namespace

class TestTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writeReadOverwriteRemove_data();
    void writeReadOverwriteRemove();
    void notFoundIsItsOwnOutcome();
    void invalidNamesAreRefused();
    void largeValueIsChunkedUnderTheLimit();
    void removalRemovesChunks();
    void shrinkingLeavesNoStaleChunks_data();
    void shrinkingLeavesNoStaleChunks();
    void tornChunksReadAsCorrupt();
    void unicodeAccountIds_data();
    void unicodeAccountIds();
    void accountsNeverShareAnEntry();
    void concurrentWritesOfDifferentAccounts();
    void callsForOneEntryRunInOrder();
    void nothingOutsideTheKeyringHoldsTheSecret();
    void reportsHowLongCallsTake();
    void lockedKeyringIsUnavailableForWrites();

private:
    Result<void> write(const QString &account, const QString &name, const QByteArray &value);
    Result<QByteArray> read(const QString &account, const QString &name);
    Result<void> remove(const QString &account, const QString &name);

    TokenStore m_store;
};

Result<void> TestTokenStore::write(const QString &account, const QString &name,
                                   const QByteArray &value)
{
    std::optional<Result<void>> answer;
    const auto connection =
            connect(&m_store, &TokenStore::written, this,
                    [&](const QString &a, const QString &n, const Result<void> &result) {
                        if (a == account && n == name && !answer)
                            answer = result;
                    });
    m_store.write(account, name, value);
    // A timeout leaves the answer empty, which the caller reports.
    (void)QTest::qWaitFor([&] { return answer.has_value(); }, answerTimeoutMs);
    disconnect(connection);
    return answer.value_or(Error::storage(QStringLiteral("no answer from the token store")));
}

Result<QByteArray> TestTokenStore::read(const QString &account, const QString &name)
{
    std::optional<Result<QByteArray>> answer;
    const auto connection =
            connect(&m_store, &TokenStore::secretRead, this,
                    [&](const QString &a, const QString &n, const Result<QByteArray> &result) {
                        if (a == account && n == name && !answer)
                            answer = result;
                    });
    m_store.read(account, name);
    // A timeout leaves the answer empty, which the caller reports.
    (void)QTest::qWaitFor([&] { return answer.has_value(); }, answerTimeoutMs);
    disconnect(connection);
    return answer.value_or(Error::storage(QStringLiteral("no answer from the token store")));
}

Result<void> TestTokenStore::remove(const QString &account, const QString &name)
{
    std::optional<Result<void>> answer;
    const auto connection =
            connect(&m_store, &TokenStore::removed, this,
                    [&](const QString &a, const QString &n, const Result<void> &result) {
                        if (a == account && n == name && !answer)
                            answer = result;
                    });
    m_store.remove(account, name);
    // A timeout leaves the answer empty, which the caller reports.
    (void)QTest::qWaitFor([&] { return answer.has_value(); }, answerTimeoutMs);
    disconnect(connection);
    return answer.value_or(Error::storage(QStringLiteral("no answer from the token store")));
}

void TestTokenStore::initTestCase()
{
    // Never touch a person's own keyring: only run inside with-keyring.sh.
    const QByteArray home = qgetenv("CHAIRSIDE_TEST_KEYRING_HOME");
    if (home.isEmpty() || home != qgetenv("HOME"))
        QFAIL("Run this test through tests/auth/with-keyring.sh (ctest does).");
    const Result<void> probe = write(QStringLiteral("probe"), QStringLiteral("probe"), "x");
    QVERIFY2(probe.ok(), qPrintable(why(probe)));
    QVERIFY(remove(QStringLiteral("probe"), QStringLiteral("probe")).ok());
}

void TestTokenStore::writeReadOverwriteRemove_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");

    QTest::addRow("short token") << randomToken(64) << randomToken(80);
    QTest::addRow("empty value") << QByteArray() << randomToken(10);
    QTest::addRow("binary with NUL bytes") << QByteArray("a\0b\0\xff", 5) << randomBytes(300);
    QTest::addRow("exactly one chunk")
            << randomToken(TokenStore::chunkSize) << randomToken(TokenStore::chunkSize + 1);
    QTest::addRow("chunked then short") << randomBytes(10 * 1024) << randomToken(40);
    QTest::addRow("short then chunked") << randomToken(40) << randomBytes(7 * 1024 + 3);
}

void TestTokenStore::writeReadOverwriteRemove()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    const QString account =
            QStringLiteral("account-rw-%1").arg(QLatin1String(QTest::currentDataTag()));
    const QString name = QStringLiteral("refresh_token");

    Result<void> written = write(account, name, first);
    QVERIFY2(written.ok(), qPrintable(why(written)));
    Result<QByteArray> got = read(account, name);
    QVERIFY2(got.ok(), qPrintable(why(got)));
    QCOMPARE(*got, first);

    written = write(account, name, second);
    QVERIFY2(written.ok(), qPrintable(why(written)));
    got = read(account, name);
    QVERIFY2(got.ok(), qPrintable(why(got)));
    QCOMPARE(*got, second);

    QVERIFY(remove(account, name).ok());
    got = read(account, name);
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, Error::Code::NotFound);
}

void TestTokenStore::notFoundIsItsOwnOutcome()
{
    const Result<QByteArray> got =
            read(QStringLiteral("never-stored"), QStringLiteral("refresh_token"));
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, Error::Code::NotFound);
    QVERIFY(got.error().message.contains(QLatin1String("Connect the account again")));

    // Removing what is not there is not a failure (disconnect twice).
    QVERIFY(remove(QStringLiteral("never-stored"), QStringLiteral("refresh_token")).ok());
}

void TestTokenStore::invalidNamesAreRefused()
{
    const Result<void> noAccount = write(QString(), QStringLiteral("refresh_token"), "x");
    QVERIFY(!noAccount.ok());
    QCOMPARE(noAccount.error().code, Error::Code::Invalid);
    const Result<QByteArray> noName = read(QStringLiteral("someone"), QString());
    QVERIFY(!noName.ok());
    QCOMPARE(noName.error().code, Error::Code::Invalid);

    // The answer comes later, like every other answer.
    QSignalSpy spy(&m_store, &TokenStore::removed);
    m_store.remove(QString(), QString());
    QCOMPARE(spy.count(), 0);
    QVERIFY(spy.wait(answerTimeoutMs));
}

void TestTokenStore::largeValueIsChunkedUnderTheLimit()
{
    const QString account = QStringLiteral("account-chunked");
    const QString key = TokenStore::entryKey(account, QStringLiteral("refresh_token"));
    const QByteArray value = randomBytes(10 * 1024);
    QVERIFY(write(account, QStringLiteral("refresh_token"), value).ok());

    const RawEntry header = rawRead(key);
    QCOMPARE(header.error, QKeychain::NoError);
    QVERIFY(header.data.size() < 64); // a header, not the value
    QVERIFY(!value.contains(header.data));

    QByteArray joined;
    int chunks = 0;
    for (;; ++chunks) {
        const RawEntry chunk = rawRead(TokenStore::chunkKey(key, chunks));
        if (chunk.error == QKeychain::EntryNotFound)
            break;
        QCOMPARE(chunk.error, QKeychain::NoError);
        QVERIFY(chunk.data.size() <= TokenStore::chunkSize);
        QVERIFY(chunk.data.size() < windowsEntryLimit);
        joined += chunk.data;
    }
    QCOMPARE(chunks, (value.size() + TokenStore::chunkSize - 1) / TokenStore::chunkSize);
    QCOMPARE(joined, value);

    const Result<QByteArray> got = read(account, QStringLiteral("refresh_token"));
    QVERIFY(got.ok());
    QCOMPARE(*got, value);
}

void TestTokenStore::removalRemovesChunks()
{
    const QString account = QStringLiteral("account-removal");
    const QString key = TokenStore::entryKey(account, QStringLiteral("refresh_token"));
    QVERIFY(write(account, QStringLiteral("refresh_token"), randomBytes(10 * 1024)).ok());
    QCOMPARE(rawRead(TokenStore::chunkKey(key, 5)).error, QKeychain::NoError);

    QVERIFY(remove(account, QStringLiteral("refresh_token")).ok());
    QCOMPARE(rawRead(key).error, QKeychain::EntryNotFound);
    for (int i = 0; i <= 5; ++i)
        QCOMPARE(rawRead(TokenStore::chunkKey(key, i)).error, QKeychain::EntryNotFound);
}

void TestTokenStore::shrinkingLeavesNoStaleChunks_data()
{
    QTest::addColumn<int>("before");
    QTest::addColumn<int>("after");
    QTest::addColumn<int>("chunksAfter");

    QTest::addRow("6 chunks to 2") << 10 * 1024 << 3000 << 2;
    QTest::addRow("6 chunks to inline") << 10 * 1024 << 100 << 0;
    QTest::addRow("2 chunks to 6") << 3000 << 10 * 1024 << 6;
}

void TestTokenStore::shrinkingLeavesNoStaleChunks()
{
    QFETCH(int, before);
    QFETCH(int, after);
    QFETCH(int, chunksAfter);
    const QString account =
            QStringLiteral("account-shrink-%1").arg(QLatin1String(QTest::currentDataTag()));
    const QString key = TokenStore::entryKey(account, QStringLiteral("refresh_token"));
    const QByteArray value = randomBytes(after);

    QVERIFY(write(account, QStringLiteral("refresh_token"), randomBytes(before)).ok());
    QVERIFY(write(account, QStringLiteral("refresh_token"), value).ok());

    for (int i = 0; i < chunksAfter; ++i)
        QCOMPARE(rawRead(TokenStore::chunkKey(key, i)).error, QKeychain::NoError);
    for (int i = chunksAfter; i < 8; ++i)
        QCOMPARE(rawRead(TokenStore::chunkKey(key, i)).error, QKeychain::EntryNotFound);
    const Result<QByteArray> got = read(account, QStringLiteral("refresh_token"));
    QVERIFY(got.ok());
    QCOMPARE(*got, value);
    QVERIFY(remove(account, QStringLiteral("refresh_token")).ok());
}

void TestTokenStore::tornChunksReadAsCorrupt()
{
    // As if the app stopped after overwriting a chunk but before the header.
    const QString account = QStringLiteral("account-torn");
    const QString key = TokenStore::entryKey(account, QStringLiteral("refresh_token"));
    QVERIFY(write(account, QStringLiteral("refresh_token"), randomBytes(5000)).ok());
    QCOMPARE(rawWrite(TokenStore::chunkKey(key, 1), randomBytes(TokenStore::chunkSize)),
             QKeychain::NoError);

    Result<QByteArray> got = read(account, QStringLiteral("refresh_token"));
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, Error::Code::Corrupt);

    // A chunk gone missing is damage too, not "never connected".
    QCOMPARE(rawWrite(TokenStore::chunkKey(key, 1), randomBytes(10)), QKeychain::NoError);
    got = read(account, QStringLiteral("refresh_token"));
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, Error::Code::Corrupt);

    // Removal still clears everything the header names.
    QVERIFY(remove(account, QStringLiteral("refresh_token")).ok());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(rawRead(TokenStore::chunkKey(key, i)).error, QKeychain::EntryNotFound);
}

void TestTokenStore::unicodeAccountIds_data()
{
    QTest::addColumn<QString>("account");

    QTest::addRow("accented e-mail") << QStringLiteral("jörg.müller@example.com");
    QTest::addRow("japanese with slash") << QStringLiteral("美容院/スタイリスト");
    QTest::addRow("emoji") << QStringLiteral("stylist 💇‍♀️ ✂️");
    QTest::addRow("key characters") << QStringLiteral("a#0%2F/b");
    QTest::addRow("right-to-left") << QStringLiteral("صالون@example.com");
}

void TestTokenStore::unicodeAccountIds()
{
    QFETCH(QString, account);
    const QByteArray small = randomToken(50);
    const QByteArray large = randomBytes(4500);

    QVERIFY(write(account, QStringLiteral("refresh_token"), small).ok());
    QVERIFY(write(account, QStringLiteral("id_token"), large).ok());
    Result<QByteArray> got = read(account, QStringLiteral("refresh_token"));
    QVERIFY(got.ok());
    QCOMPARE(*got, small);
    got = read(account, QStringLiteral("id_token"));
    QVERIFY(got.ok());
    QCOMPARE(*got, large);
    QVERIFY(remove(account, QStringLiteral("refresh_token")).ok());
    QVERIFY(remove(account, QStringLiteral("id_token")).ok());
    got = read(account, QStringLiteral("id_token"));
    QVERIFY(!got.ok());
    QCOMPARE(got.error().code, Error::Code::NotFound);
}

void TestTokenStore::accountsNeverShareAnEntry()
{
    // "a/b" + "c" and "a" + "b/c" would both be "account/a/b/c" unescaped.
    QVERIFY(TokenStore::entryKey(QStringLiteral("a/b"), QStringLiteral("c"))
            != TokenStore::entryKey(QStringLiteral("a"), QStringLiteral("b/c")));
    QVERIFY(write(QStringLiteral("a/b"), QStringLiteral("c"), "first").ok());
    QVERIFY(write(QStringLiteral("a"), QStringLiteral("b/c"), "second").ok());
    const Result<QByteArray> first = read(QStringLiteral("a/b"), QStringLiteral("c"));
    const Result<QByteArray> second = read(QStringLiteral("a"), QStringLiteral("b/c"));
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(*first, QByteArray("first"));
    QCOMPARE(*second, QByteArray("second"));
    QCOMPARE(TokenStore::entryKey(QStringLiteral("x@example.com"), QStringLiteral("refresh_token")),
             QStringLiteral("account/x@example.com/refresh_token"));
}

void TestTokenStore::concurrentWritesOfDifferentAccounts()
{
    QHash<QString, QByteArray> values;
    for (int i = 0; i < 8; ++i)
        values.insert(QStringLiteral("account-concurrent-%1").arg(i),
                      i % 2 ? randomBytes(3000 + 1000 * i) : randomToken(100 + i));

    QSignalSpy spy(&m_store, &TokenStore::written);
    QHash<QString, bool> ok;
    QObject context; // drops the connection with this test's locals
    connect(&m_store, &TokenStore::written, &context,
            [&](const QString &account, const QString &, const Result<void> &result) {
                ok.insert(account, result.ok());
            });
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        m_store.write(it.key(), QStringLiteral("refresh_token"), it.value());
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), int(values.size()), answerTimeoutMs);
    QCOMPARE(ok.size(), values.size());
    for (auto it = ok.cbegin(); it != ok.cend(); ++it)
        QVERIFY2(it.value(), qPrintable(it.key()));

    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const Result<QByteArray> got = read(it.key(), QStringLiteral("refresh_token"));
        QVERIFY(got.ok());
        QCOMPARE(*got, it.value());
        QVERIFY(remove(it.key(), QStringLiteral("refresh_token")).ok());
    }
}

void TestTokenStore::callsForOneEntryRunInOrder()
{
    const QString account = QStringLiteral("account-order");
    const QString name = QStringLiteral("refresh_token");
    const QByteArray last = randomBytes(2500);

    QStringList order;
    QObject context; // drops the connections with this test's locals
    connect(&m_store, &TokenStore::written, &context,
            [&](const QString &, const QString &, const Result<void> &r) {
                order.append(r.ok() ? QStringLiteral("written") : QStringLiteral("write failed"));
            });
    connect(&m_store, &TokenStore::removed, &context,
            [&](const QString &, const QString &, const Result<void> &r) {
                order.append(r.ok() ? QStringLiteral("removed") : QStringLiteral("remove failed"));
            });
    connect(&m_store, &TokenStore::secretRead, &context,
            [&](const QString &, const QString &, const Result<QByteArray> &r) {
                order.append(r.ok() && *r == last ? QStringLiteral("read last")
                                                  : QStringLiteral("read other"));
            });

    m_store.write(account, name, randomBytes(9000));
    m_store.write(account, name, randomToken(30));
    m_store.remove(account, name);
    m_store.write(account, name, last);
    m_store.read(account, name);
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 5, answerTimeoutMs);
    QCOMPARE(order,
             QStringList({QStringLiteral("written"), QStringLiteral("written"),
                          QStringLiteral("removed"), QStringLiteral("written"),
                          QStringLiteral("read last")}));
    QVERIFY(remove(account, name).ok());
}

void TestTokenStore::nothingOutsideTheKeyringHoldsTheSecret()
{
    const QString home = qEnvironmentVariable("HOME");
    const QString keyrings = qEnvironmentVariable("XDG_DATA_HOME") + QStringLiteral("/keyrings");
    const QByteArray small = "chairside-secret-" + randomToken(40);
    const QByteArray large = "chairside-secret-" + randomToken(6000);

    QVERIFY(write(QStringLiteral("account-plaintext"), QStringLiteral("refresh_token"), small)
                    .ok());
    QVERIFY(write(QStringLiteral("account-plaintext"), QStringLiteral("id_token"), large).ok());
    QVERIFY(QFileInfo(keyrings).isDir()); // the secrets did go to this keyring

    // QtKeychain's insecure fallback would write a QSettings file in the
    // config dirs; look for any copy, plain or encoded.
    const QStringList dirs = {home, qEnvironmentVariable("XDG_CONFIG_HOME"),
                              qEnvironmentVariable("XDG_RUNTIME_DIR")};
    const QList<QByteArray> needles = {small, small.toBase64(), large.left(1500),
                                       large.mid(3000, 1500), small.toHex()};
    for (const QString &dir : dirs) {
        QVERIFY(!dir.isEmpty());
        for (const QByteArray &needle : needles) {
            const QStringList found = filesContaining(dir, needle, keyrings);
            QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1String(", "))));
        }
    }
    QVERIFY(remove(QStringLiteral("account-plaintext"), QStringLiteral("refresh_token")).ok());
    QVERIFY(remove(QStringLiteral("account-plaintext"), QStringLiteral("id_token")).ok());
}

// A figure for the sign-in's "callback to stored tokens" budget.
void TestTokenStore::reportsHowLongCallsTake()
{
    const QString account = QStringLiteral("account-timing");
    const QString name = QStringLiteral("refresh_token");
    QElapsedTimer timer;
    timer.start();
    QVERIFY(write(account, name, randomToken(200)).ok());
    const qint64 writeMs = timer.restart();
    QVERIFY(read(account, name).ok());
    const qint64 readMs = timer.restart();
    QVERIFY(write(account, name, randomBytes(10 * 1024)).ok());
    const qint64 chunkedWriteMs = timer.restart();
    QVERIFY(read(account, name).ok());
    const qint64 chunkedReadMs = timer.restart();
    QVERIFY(remove(account, name).ok());
    qInfo("200-byte write %lld ms, read %lld ms; 10 KiB write %lld ms, read %lld ms",
          static_cast<long long>(writeMs), static_cast<long long>(readMs),
          static_cast<long long>(chunkedWriteMs), static_cast<long long>(chunkedReadMs));
}

// Runs last: a locked keyring cannot be unlocked again without a prompt.
void TestTokenStore::lockedKeyringIsUnavailableForWrites()
{
    const QString account = QStringLiteral("account-locked");
    QVERIFY(write(account, QStringLiteral("refresh_token"), "before the lock").ok());

    const QString locked = testsupport::lockKeyring();
    QVERIFY2(locked.isEmpty(), qPrintable(locked));

    const Result<void> written = write(account, QStringLiteral("refresh_token"), "after the lock");
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, Error::Code::Unavailable);
    QVERIFY2(written.error().message.contains(QLatin1String("Unlock your keyring")),
             qPrintable(written.error().message));

    // QtKeychain 0.13 reports a locked keyring's entries as missing: the
    // caller cannot tell this from "never connected" on a read alone.
    const Result<QByteArray> got = read(account, QStringLiteral("refresh_token"));
    QVERIFY(!got.ok());
    QVERIFY(got.error().code == Error::Code::NotFound
            || got.error().code == Error::Code::Unavailable);
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
