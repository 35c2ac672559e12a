// Where the store file lives, and opening it: the checks that refuse a file
// that is not ours, read-only, damaged or newer, and the quick_check.

#include "store.h"

#include "logging.h"
#include "migrations.h"
#include "storeprivate.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

namespace chairside {

namespace {

// How long after open(..., Check::InBackground) quick_check starts.
constexpr int QuickCheckDelayMs = 2000;

const QString fileName = QStringLiteral("chairside.sqlite");

QAtomicInt connectionCounter;

// Write permission as the file's mode says, not only as access() says: a file
// marked read-only stays untouched even when the app runs as root.
bool markedWritable(const QFileInfo &info)
{
    constexpr auto anyWrite =
            QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    return info.isWritable() && (info.permissions() & anyWrite);
}

Error readOnlyError(const QString &what)
{
    return {Error::Code::ReadOnly,
            QCoreApplication::translate(
                    "chairside",
                    "%1 cannot be written, so Chairside cannot keep its appointment book there. "
                    "Make it writable or choose another data folder.")
                    .arg(QDir::toNativeSeparators(what))};
}

Error notOursError(const QString &path)
{
    return {Error::Code::Corrupt,
            QCoreApplication::translate("chairside",
                                        "%1 is not a Chairside store (it belongs to another "
                                        "program or is not a database). "
                                        "It was left untouched; choose another data folder.")
                    .arg(QDir::toNativeSeparators(path))};
}

// Checks made before SQLite sees the file, so nothing is ever written to a
// file that is read-only or not a database.
std::optional<Error> checkFile(const QString &path)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QFileInfo::exists(dir) && !QDir().mkpath(dir))
        return readOnlyError(dir);
    // WAL keeps two files next to the store, so the folder must be writable too.
    if (!markedWritable(QFileInfo(dir)))
        return readOnlyError(dir);
    if (!info.exists())
        return std::nullopt;
    if (!info.isFile())
        return notOursError(path);
    if (!markedWritable(info))
        return readOnlyError(path);
    if (info.size() == 0)
        return std::nullopt; // an empty file is a new database to SQLite
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return readOnlyError(path);
    static const QByteArray sqliteHeader("SQLite format 3\0", 16);
    if (file.read(16) != sqliteHeader)
        return notOursError(path);
    return std::nullopt;
}

// What PRAGMA quick_check said, as an error when it found damage.
std::optional<Error> quickCheckError(const QString &path, const QString &result)
{
    if (result == QLatin1String("ok"))
        return std::nullopt;
    qCWarning(lcStore) << "quick_check failed:" << result;
    // The first problem is enough to show; the log has them all.
    QString first;
    const QStringList problems = result.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &problem : problems) {
        if (!problem.startsWith(QLatin1String("***"))) {
            first = problem.left(200);
            break;
        }
    }
    return Error{Error::Code::Corrupt,
                 QCoreApplication::translate("chairside",
                                             "The store file %1 is damaged (%2). Restore it from a "
                                             "backup or import an export.")
                         .arg(QDir::toNativeSeparators(path), first)};
}

} // namespace

QString Store::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1Char('/')
            + fileName;
}

QString Store::pathIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(fileName);
}

// quick_check reads every page, a few hundred ms for 100k appointments: here
// it runs on its own read-only connection in a thread while the book shows.
void Store::startQuickCheck()
{
    const QString path = d->path;
    const QString connection =
            QStringLiteral("chairside-check-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    d->checkThread.reset(QThread::create([this, path, connection] {
        QString result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
            QSqlQuery query(db);
            if (!db.open())
                result = db.lastError().text();
            else if (!query.exec(QStringLiteral("PRAGMA quick_check")) || !query.next())
                result = query.lastError().text();
            else
                result = query.value(0).toString();
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        const std::optional<Error> damage = quickCheckError(path, result);
        // ~Store waits for this thread, so `this` is alive to queue to.
        QMetaObject::invokeMethod(
                this,
                [this, damage] {
                    emit quickCheckFinished(!damage, damage ? damage->message : QString());
                },
                Qt::QueuedConnection);
    }));
    // Started a moment later, from the event loop: first the window paints
    // its day. Started at once, the check took more CPU than the window's
    // whole start and doubled the time to the first paint on a busy two-core
    // PC (tests/bench/bench_coldstart); LowPriority changes nothing on Linux.
    QTimer::singleShot(QuickCheckDelayMs, this,
                       [this] { d->checkThread->start(QThread::LowPriority); });
}

Result<std::unique_ptr<Store>> Store::open(const QString &path, Check check, const Clock &clock)
{
    if (path.isEmpty())
        return Error::usage(QCoreApplication::translate("chairside", "No store file was given."));
    if (auto error = checkFile(path))
        return *error;

    std::unique_ptr<Store> store(new Store);
    Private &d = *store->d;
    d.path = QFileInfo(path).absoluteFilePath();
    d.clock = &clock;
    d.connectionName =
            QStringLiteral("chairside-store-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    d.db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d.connectionName);
    d.db.setDatabaseName(d.path);
    d.db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!d.db.open()) {
        d.lastError = d.db.lastError();
        return d.failure();
    }

    // Reads first: nothing is written until the file is known to be ours.
    auto pragma = [&d](const QString &sql) -> std::optional<QVariant> {
        QSqlQuery *query = d.exec(sql, {});
        if (!query)
            return std::nullopt;
        const QVariant value = query->next() ? query->value(0) : QVariant();
        query->finish();
        return value;
    };
    const auto applicationId = pragma(QStringLiteral("PRAGMA application_id"));
    const auto version = pragma(QStringLiteral("PRAGMA user_version"));
    const auto tables = pragma(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!applicationId || !version || !tables)
        return d.failure();
    if (applicationId->toInt() != Migrations::applicationId
        && (applicationId->toInt() != 0 || tables->toInt() > 0)) {
        qCWarning(lcStore) << "refused a SQLite file with application_id" << applicationId->toInt();
        return notOursError(d.path);
    }
    if (version->toInt() > Migrations::latestVersion()) {
        return Error::storage(
                QCoreApplication::translate("chairside",
                                            "The store file %1 was written by a newer version of "
                                            "Chairside (schema %2; this "
                                            "version knows up to %3). Update Chairside to open it.")
                        .arg(QDir::toNativeSeparators(d.path))
                        .arg(version->toInt())
                        .arg(Migrations::latestVersion()));
    }
    if (check == Check::BeforeOpening) {
        const auto checked = pragma(QStringLiteral("PRAGMA quick_check"));
        if (!checked)
            return d.failure();
        if (auto damage = quickCheckError(d.path, checked->toString()))
            return *damage;
    }

    const auto journal = pragma(QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!journal)
        return d.failure();
    if (journal->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        qCWarning(lcStore) << "journal mode is" << journal->toString() << "instead of WAL";
    for (const QString &setting :
         {QStringLiteral("PRAGMA synchronous = NORMAL"), QStringLiteral("PRAGMA foreign_keys = ON"),
          QStringLiteral("PRAGMA busy_timeout = 5000"),
          QStringLiteral("PRAGMA cache_size = -65536"),
          QStringLiteral("PRAGMA temp_store = MEMORY")}) {
        if (!pragma(setting))
            return d.failure();
    }

    if (auto migrated = Migrations::apply(d.db, version->toInt()); !migrated.ok())
        return migrated.error();
    d.schemaVersion = Migrations::latestVersion();
    // Migrations change the schema: statements prepared before are stale.
    d.forgetStatements();
    qCDebug(lcStore) << "opened store, schema" << d.schemaVersion;
    if (check == Check::InBackground)
        store->startQuickCheck();
    return store;
}

} // namespace chairside
