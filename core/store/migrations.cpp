#include "migrations.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace chairside {

namespace {

const QString resourceDir = QStringLiteral(":/sql/local");

Error migrationError(const Migrations::Migration &migration, const QSqlError &error)
{
    qCWarning(lcStore) << "migration" << migration.version << "failed:" << error.text();
    return Error::storage(
            QCoreApplication::translate("chairside",
                                        "Could not update the store to schema version %1: %2. The "
                                        "store file was left as it was.")
                    .arg(migration.version)
                    .arg(error.text()));
}

} // namespace

QList<Migrations::Migration> Migrations::all()
{
    static const QList<Migration> migrations = fromResources(resourceDir);
    return migrations;
}

QList<Migrations::Migration> Migrations::fromResources(const QString &directory)
{
    QList<Migration> list;
    static const QRegularExpression fileName(QStringLiteral("^(\\d+)_(.+)\\.sql$"));
    const QStringList files =
            QDir(directory).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QRegularExpressionMatch match = fileName.match(file);
        if (!match.hasMatch())
            continue;
        QFile f(directory + QLatin1Char('/') + file);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        list.append({match.captured(1).toInt(), match.captured(2), QString::fromUtf8(f.readAll())});
    }
    std::sort(list.begin(), list.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return list;
}

int Migrations::latestVersion()
{
    const QList<Migration> migrations = all();
    return migrations.isEmpty() ? 0 : migrations.constLast().version;
}

QStringList Migrations::statements(const QString &sql)
{
    static const QRegularExpression dollarQuote(QStringLiteral("\\$[A-Za-z_]*\\$"));
    QStringList result;
    QString current;
    QString openQuote; // the $tag$ of the body the current line is in, if any
    const QStringList lines = sql.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1String("--")))
            continue;
        current += line + QLatin1Char('\n');
        for (auto it = dollarQuote.globalMatch(line); it.hasNext();) {
            const QString tag = it.next().captured();
            if (openQuote.isEmpty())
                openQuote = tag;
            else if (tag == openQuote)
                openQuote.clear();
        }
        const bool trigger =
                current.trimmed().startsWith(QLatin1String("CREATE TRIGGER"), Qt::CaseInsensitive);
        const bool ends = trigger ? trimmed.compare(QLatin1String("END;"), Qt::CaseInsensitive) == 0
                                  : trimmed.endsWith(QLatin1Char(';'));
        if (openQuote.isEmpty() && ends) {
            result.append(current.trimmed());
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        result.append(current.trimmed());
    return result;
}

Result<void> Migrations::apply(QSqlDatabase &db, int fromVersion, int toVersion)
{
    if (toVersion < 0)
        toVersion = latestVersion();
    const QList<Migration> migrations = all();
    for (const Migration &migration : migrations) {
        if (migration.version <= fromVersion || migration.version > toVersion)
            continue;
        qCInfo(lcStore) << "applying migration" << migration.version << migration.name;
        if (!db.transaction())
            return migrationError(migration, db.lastError());
        QSqlQuery query(db);
        QStringList statements = Migrations::statements(migration.sql);
        statements.append(QStringLiteral("PRAGMA user_version = %1").arg(migration.version));
        for (const QString &statement : std::as_const(statements)) {
            if (!query.exec(statement)) {
                const QSqlError error = query.lastError();
                query.finish();
                db.rollback();
                return migrationError(migration, error);
            }
        }
        query.finish();
        if (!db.commit()) {
            const QSqlError error = db.lastError();
            db.rollback();
            return migrationError(migration, error);
        }
    }
    return {};
}

} // namespace chairside
