#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Another program's database: a table of its own, no Chairside mark.
bool makeForeignDatabase(const QString &path)
{
    bool ok = false;
    {
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(path);
        ok = db.open() && QSqlQuery(db).exec(QStringLiteral("CREATE TABLE songs (title TEXT)"))
                && QSqlQuery(db).exec(QStringLiteral("INSERT INTO songs VALUES ('la')"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    return ok;
}

// A real store with noise over its pages from `fromFraction` of the file on
// (after the first page): from early on SQLite cannot read the schema; near
// the end only quick_check notices.
bool makeDamagedStore(const QString &dir, double fromFraction)
{
    {
        TempStore source;
        if (!source.isValid())
            return false;
        const TestData data = TestData::small();
        if (!data.saveTo(source.store()))
            return false;
        for (int i = 0; i < 200; ++i) {
            if (!source->save(data.appointment(QStringLiteral("appt-%1").arg(i),
                                               1800000000 + i * 3600, {{0, 0}}))
                         .ok())
                return false;
        }
        source.close();
        // Fold the WAL back into the main file before copying it alone.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("checkpoint"));
            db.setDatabaseName(source.path());
            db.open();
            QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            QSqlQuery(db).exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("checkpoint"));
        if (!QFile::copy(source.path(), Store::pathIn(dir)))
            return false;
    }
    QFile f(Store::pathIn(dir));
    if (!f.open(QIODevice::ReadWrite) || f.size() < 8 * 4096)
        return false;
    const qint64 from = std::max<qint64>(4096, qint64(f.size() * fromFraction) / 4096 * 4096);
    QRandomGenerator noise(42);
    QByteArray junk(int(f.size() - from), Qt::Uninitialized);
    for (char &c : junk)
        c = char(noise.bounded(256));
    f.seek(from);
    return f.write(junk) == junk.size();
}

} // namespace

class TestStoreFiles : public QObject
{
    Q_OBJECT

private slots:
    void paths()
    {
        QCOMPARE(Store::pathIn(QStringLiteral("/data/salon")),
                 QStringLiteral("/data/salon/chairside.sqlite"));
        QVERIFY(Store::defaultPath().endsWith(QLatin1String("/chairside.sqlite")));
        QVERIFY(Store::defaultPath().startsWith(
                QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

    void refusedFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        const int corrupt = int(Error::Code::Corrupt);
        const int readOnly = int(Error::Code::ReadOnly);
        QTest::addRow("random bytes") << "garbage" << corrupt << "not a Chairside store";
        QTest::addRow("a text file") << "text" << corrupt << "not a Chairside store";
        QTest::addRow("another program's SQLite")
                << "foreign" << corrupt << "not a Chairside store";
        QTest::addRow("a folder where the file should be")
                << "folder" << corrupt << "not a Chairside store";
        QTest::addRow("damaged pages") << "damaged" << corrupt << "damaged";
        QTest::addRow("damaged last pages") << "damaged-end" << corrupt << "damaged";
        QTest::addRow("read-only file") << "readonly-file" << readOnly << "cannot be written";
        QTest::addRow("read-only folder with a store")
                << "readonly-dir" << readOnly << "cannot be written";
        QTest::addRow("read-only folder, no store yet")
                << "readonly-empty-dir" << readOnly << "cannot be written";
    }

    // Each refusal says what is wrong and leaves the file exactly as it was.
    void refusedFiles()
    {
        QFETCH(QString, kind);
        QFETCH(int, code);
        QFETCH(QString, says);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = Store::pathIn(dir.path());
        QByteArray garbage(64 * 1024, Qt::Uninitialized);
        QRandomGenerator noise(7);
        for (char &c : garbage)
            c = char(noise.bounded(256));

        if (kind == QLatin1String("garbage")) {
            QVERIFY(writeFile(path, garbage));
        } else if (kind == QLatin1String("text")) {
            QVERIFY(writeFile(path, "Appointments for Tuesday:\nAnn 10:00\n"));
        } else if (kind == QLatin1String("foreign")) {
            QVERIFY(makeForeignDatabase(path));
        } else if (kind == QLatin1String("folder")) {
            QVERIFY(QDir().mkpath(path));
        } else if (kind == QLatin1String("damaged")) {
            QVERIFY(makeDamagedStore(dir.path(), 0));
        } else if (kind == QLatin1String("damaged-end")) {
            QVERIFY(makeDamagedStore(dir.path(), 0.8));
        } else if (kind == QLatin1String("readonly-file")) {
            {
                TempStore temp;
                QVERIFY(QFile::copy(temp.path(), path));
            }
            QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        } else if (kind == QLatin1String("readonly-dir")) {
            {
                auto made = Store::open(path);
                QVERIFY(made.ok());
            }
            QVERIFY(QFile::setPermissions(dir.path(),
                                          QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        } else if (kind == QLatin1String("readonly-empty-dir")) {
            QVERIFY(QFile::setPermissions(dir.path(),
                                          QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        }
        const QStringList filesBefore =
                QDir(dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
        const QByteArray before = fileHash(path);

        auto store = Store::open(path);

        QFile::setPermissions(dir.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ExeOwner);
        QVERIFY(!store.ok());
        QCOMPARE(int(store.error().code), code);
        QVERIFY2(store.error().message.contains(says), qPrintable(store.error().message));
        QVERIFY2(store.error().message.contains(QDir::toNativeSeparators(dir.path())),
                 qPrintable(store.error().message));
        QCOMPARE(fileHash(path), before);
        if (!kind.startsWith(QLatin1String(
                    "damaged"))) // SQLite may leave its -wal/-shm beside a file it read
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot),
                     filesBefore);
    }

    // The desktop opens at once and hears about damage afterwards.
    void checkInBackground_data()
    {
        QTest::addColumn<bool>("damaged");
        QTest::addRow("a sound store") << false;
        QTest::addRow("damaged last pages") << true;
    }

    void checkInBackground()
    {
        QFETCH(bool, damaged);
        QTemporaryDir dir;
        const QString path = Store::pathIn(dir.path());
        if (damaged) {
            QVERIFY(makeDamagedStore(dir.path(), 0.8));
        } else {
            auto made = Store::open(path);
            QVERIFY(made.ok());
            QVERIFY(TestData::small().saveTo(**made));
        }
        auto store = Store::open(path, Store::Check::InBackground);
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        QSignalSpy spy(store->get(), &Store::quickCheckFinished);
        QVERIFY(spy.wait(10000));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toBool(), !damaged);
        QCOMPARE(spy.at(0).at(1).toString().contains(QLatin1String("damaged")), damaged);
    }

    void emptyFileBecomesAStore()
    {
        QTemporaryDir dir;
        const QString path = Store::pathIn(dir.path());
        QVERIFY(writeFile(path, {}));
        auto store = Store::open(path);
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        QVERIFY((*store)->save(TestData::small().salon).ok());
    }

    void missingFolderIsCreated()
    {
        QTemporaryDir dir;
        const QString path = Store::pathIn(dir.filePath(QStringLiteral("a/b")));
        auto store = Store::open(path);
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        QVERIFY(QFile::exists(path));
    }

    // Two stores on one file (two windows, or the CLI while the app runs)
    // each get their own connection and see each other's commits.
    void twoStoresShareOneFile()
    {
        TempStore temp;
        auto second = Store::open(temp.path());
        QVERIFY(second.ok());
        const Salon salon = TestData::small().salon;
        QVERIFY(temp->save(salon).ok());
        QCOMPARE(VALUE_OF((*second)->salon(salon.id)), salon);
    }
};

QTEST_GUILESS_MAIN(TestStoreFiles)
#include "tst_storefiles.moc"
