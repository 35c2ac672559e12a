#pragma once

#include "domain/error.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace chairside {

// The local schema's history: resources/sql/local/NNN_name.sql, applied in
// order, each in its own transaction together with PRAGMA user_version = NNN.
class Migrations
{
public:
    // Marks a SQLite file as a Chairside store (PRAGMA application_id, "CHSD").
    static constexpr int applicationId = 0x43485344;

    struct Migration
    {
        int version = 0;
        QString name;
        QString sql;
    };

    static QList<Migration> all();
    static int latestVersion();

    // The NNN_name.sql files of a resource directory, in version order (the
    // server's schema is read from :/sql/server the same way).
    static QList<Migration> fromResources(const QString &directory);

    // Splits a migration file into statements: a statement ends with ';' at
    // the end of a line, unless inside a dollar-quoted body ($$ ... $$ or
    // $tag$ ... $tag$, PostgreSQL's function bodies); a SQLite CREATE TRIGGER
    // ends only with a line "END;" (its body holds statements of its own);
    // lines starting with "--" are comments.
    static QStringList statements(const QString &sql);

    // Applies every migration after `fromVersion` up to `toVersion` (-1: the
    // latest), each in one transaction. Stops at the first failure, leaving the
    // file at the last version that applied completely.
    static Result<void> apply(QSqlDatabase &db, int fromVersion, int toVersion = -1);
};

} // namespace chairside
