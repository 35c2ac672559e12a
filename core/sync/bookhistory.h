#pragma once

#include "domain/error.h"
#include "store/changeset.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

namespace chairside {

class ServerConnection;

// One row of the server's audit log (docs/sync.md, "The audit log").
struct HistoryEntry
{
    QDateTime receivedAt;
    QDateTime happenedAt;
    QString changedBy;
    QString device;   // the PC's name, or its id when it has none
    QString deviceId; // the PC's id
    QString outcome;
    std::optional<qint64> version;
    QByteArray changes; // {field: [old, new]} as compact JSON
};

// The audit trail of one row, read from the server as the PC (row-level
// security shows its own salon's log only).
class BookHistory
{
    Q_DECLARE_TR_FUNCTIONS(BookHistory)

public:
    // The server schema with book_history(): the PCs' names (005_history_purge.sql).
    static constexpr int schemaVersion = 5;

    // Refuses an older server (run `chairside-cli server migrate`).
    static Result<QList<HistoryEntry>> of(ServerConnection &server, Entity entity,
                                          const QString &id);
    // What changed, for a person: "status: booked → confirmed; notes", or
    // "booked" for a new row and "removed" for a removed one.
    static QString changesInWords(const HistoryEntry &entry);
};

} // namespace chairside
