#include "bookhistory.h"

#include "server/serverconnection.h"

namespace chairside {

Result<QList<HistoryEntry>> BookHistory::of(ServerConnection &server, Entity entity,
                                            const QString &id)
{
    const Result<QList<QByteArrayList>> rows = server.run(
            // book_history() names every PC of the salon (a PC reads only its
            // own devices row).
            QByteArrayLiteral(
                    "SELECT to_char(received_at AT TIME ZONE 'UTC', "
                    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(happened_at AT TIME ZONE 'UTC', "
                    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), changed_by, device, outcome, version, "
                    "changes::text FROM book_history($1, $2)"),
            {entityName(entity).toUtf8(), id.toUtf8()}, tr("Reading the history from the server"));
    if (!rows)
        return rows.error();
    QList<HistoryEntry> history;
    for (const QByteArrayList &row : *rows) {
        HistoryEntry entry;
        entry.receivedAt = QDateTime::fromString(QString::fromLatin1(row.value(0)), Qt::ISODate);
        entry.happenedAt = QDateTime::fromString(QString::fromLatin1(row.value(1)), Qt::ISODate);
        entry.changedBy = QString::fromUtf8(row.value(2));
        entry.device = QString::fromUtf8(row.value(3));
        entry.outcome = QString::fromUtf8(row.value(4));
        if (!row.value(5).isNull())
            entry.version = row.value(5).toLongLong();
        entry.changes = row.value(6);
        history.append(entry);
    }
    return history;
}

} // namespace chairside
