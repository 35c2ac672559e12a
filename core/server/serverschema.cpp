#include "serverschema.h"

#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace chairside {

namespace {

Error databaseError(const QSqlError &error)
{
    qCWarning(lcServer) << "schema query failed:" << error.nativeErrorCode() << error.text();
    return Error::storage(
            ServerSchema::tr("The server's database could not be read or changed: %1. Check the "
                             "server address and that this login owns the database.")
                    .arg(error.text()));
}

Error migrationError(const Migrations::Migration &migration, const QSqlError &error)
{
    qCWarning(lcServer) << "server migration" << migration.version
                        << "failed:" << error.nativeErrorCode() << error.text();
    return Error::storage(ServerSchema::tr("Could not update the server's database to schema "
                                           "version %1: %2. The database was left at the "
                                           "version it had before.")
                                  .arg(migration.version)
                                  .arg(error.text()));
}

Error newerError(int found, int known)
{
    qCWarning(lcServer) << "server schema" << found << "is newer than" << known;
    return Error::unavailable(
            ServerSchema::tr("The server's database has schema version %1, made by a newer "
                             "Chairside; this one knows versions up to %2. Update Chairside on "
                             "this PC before connecting it to this server. Nothing was changed.")
                    .arg(found)
                    .arg(known));
}

// The highest version recorded, 0 before the first migration made the table.
Result<int> readVersion(QSqlQuery &query)
{
    if (!query.exec(QStringLiteral("SELECT to_regclass('schema_migrations') IS NOT NULL")))
        return databaseError(query.lastError());
    if (!query.next())
        return databaseError(query.lastError());
    if (!query.value(0).toBool())
        return 0;
    if (!query.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_migrations")))
        return databaseError(query.lastError());
    if (!query.next())
        return databaseError(query.lastError());
    return query.value(0).toInt();
}

bool lock(QSqlQuery &query)
{
    query.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
    query.addBindValue(ServerSchema::migrationLock);
    return query.exec();
}

} // namespace

QList<Migrations::Migration> ServerSchema::all()
{
    static const QList<Migrations::Migration> migrations =
            Migrations::fromResources(QStringLiteral(":/sql/server"));
    return migrations;
}

int ServerSchema::latestVersion()
{
    const QList<Migrations::Migration> migrations = all();
    return migrations.isEmpty() ? 0 : migrations.constLast().version;
}

Result<int> ServerSchema::version(QSqlDatabase &db)
{
    QSqlQuery query(db);
    return readVersion(query);
}

Result<ServerSchema::Upgrade> ServerSchema::migrate(QSqlDatabase &db)
{
    return migrate(db, all());
}

Result<ServerSchema::Upgrade> ServerSchema::migrate(QSqlDatabase &db,
                                                    const QList<Migrations::Migration> &migrations)
{
    const int known = migrations.isEmpty() ? 0 : migrations.constLast().version;
    std::optional<int> first;
    int reached = 0;
    for (const Migrations::Migration &migration : migrations) {
        // Each migration in a transaction of its own, under the lock, looking
        // again at the version: another migrator may have applied it meanwhile.
        if (!db.transaction())
            return databaseError(db.lastError());
        QSqlQuery query(db);
        const Result<int> current =
                lock(query) ? readVersion(query) : databaseError(query.lastError());
        if (!current) {
            db.rollback();
            return current.error();
        }
        first = first.value_or(*current);
        reached = *current;
        if (*current > known) {
            db.rollback();
            return newerError(*current, known);
        }
        if (*current >= migration.version) {
            db.rollback();
            continue;
        }
        qCInfo(lcServer) << "applying server migration" << migration.version << migration.name;
        QStringList statements = Migrations::statements(migration.sql);
        for (const QString &statement : std::as_const(statements)) {
            if (!query.exec(statement)) {
                const QSqlError error = query.lastError();
                db.rollback();
                return migrationError(migration, error);
            }
        }
        query.prepare(
                QStringLiteral("INSERT INTO schema_migrations (version, name) VALUES (?, ?)"));
        query.addBindValue(migration.version);
        query.addBindValue(migration.name);
        if (!query.exec()) {
            const QSqlError error = query.lastError();
            db.rollback();
            return migrationError(migration, error);
        }
        query.finish();
        if (!db.commit()) {
            const QSqlError error = db.lastError();
            db.rollback();
            return migrationError(migration, error);
        }
        reached = migration.version;
    }
    return Upgrade{first.value_or(reached), reached};
}

Result<ServerSchema::Epoch> ServerSchema::newEpoch(QSqlDatabase &db)
{
    const Result<int> schema = version(db);
    if (!schema)
        return schema.error();
    if (*schema < 1)
        return Error::invalid(tr("The server's database has no Chairside schema yet, so no epoch "
                                 "to renew. Run “chairside-cli server migrate” first."));
    QSqlQuery query(db);
    // One statement: the old value comes from the row as it was.
    if (!query.exec(QStringLiteral("UPDATE server_epoch e SET epoch = gen_random_uuid() "
                                   "FROM server_epoch old WHERE old.only_row "
                                   "RETURNING old.epoch::text, e.epoch::text"))
        || !query.next())
        return databaseError(query.lastError());
    return Epoch{query.value(0).toString(), query.value(1).toString()};
}

} // namespace chairside
