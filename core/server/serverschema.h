#pragma once

#include "domain/error.h"
#include "store/migrations.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

namespace chairside {

// The shared book's schema on PostgreSQL: resources/sql/server/NNN_name.sql,
// applied in order, each in its own transaction together with its row in
// schema_migrations. docs/server.md describes the tables.
class ServerSchema
{
    Q_DECLARE_TR_FUNCTIONS(ServerSchema)

public:
    // Serialises migrators (pg_advisory_xact_lock): "CHSD", as the local
    // store's application_id.
    static constexpr qint64 migrationLock = 0x43485344;

    struct Upgrade
    {
        int fromVersion = 0; // what the database had when migrate() looked first
        int toVersion = 0;   // what it has now
    };

    static QList<Migrations::Migration> all();
    static int latestVersion();

    // The version of the schema in `db`: 0 for a database without one.
    static Result<int> version(QSqlDatabase &db);

    // Applies the migrations `db` lacks. Harmless when it has them all;
    // refuses a database at a newer version than this Chairside knows. Two
    // migrators at once take turns. Stops at the first failure, leaving the
    // database at the last version that applied completely.
    static Result<Upgrade> migrate(QSqlDatabase &db);
    static Result<Upgrade> migrate(QSqlDatabase &db,
                                   const QList<Migrations::Migration> &migrations);

    struct Epoch
    {
        QString before;
        QString after;
    };
    // Gives the database a new random epoch (server_epoch): after restoring
    // a backup, so that every PC resyncs fully and pushes its outbox again
    // (SYNC.md 11, docs/server.md).
    static Result<Epoch> newEpoch(QSqlDatabase &db);
};

} // namespace chairside
