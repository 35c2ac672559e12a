#include "bookhistory.h"

#include "server/serverconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chairside {

Result<QList<HistoryEntry>> BookHistory::of(ServerConnection &server, Entity entity,
                                            const QString &id)
{
    // book_history() (schema 5) names the salon's other PCs too.
    if (const Result<int> schema = server.requireSchema(schemaVersion); !schema)
        return schema.error();
    const Result<QList<QByteArrayList>> rows = server.run(
            QByteArrayLiteral("SELECT to_char(received_at AT TIME ZONE 'UTC', "
                              "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(happened_at AT TIME "
                              "ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), changed_by, "
                              "device_id::text, device_name, outcome, version, changes::text "
                              "FROM ")
                    + server.keyed(QByteArrayLiteral("book_history($1, $2)"),
                                   QByteArrayLiteral("book_history($1, $2, $3)")),
            server.withKey({entityName(entity).toUtf8(), id.toUtf8()}),
            tr("Reading the history from the server"));
    if (!rows)
        return rows.error();
    QList<HistoryEntry> history;
    for (const QByteArrayList &row : *rows) {
        HistoryEntry entry;
        entry.receivedAt = QDateTime::fromString(QString::fromLatin1(row.value(0)), Qt::ISODate);
        entry.happenedAt = QDateTime::fromString(QString::fromLatin1(row.value(1)), Qt::ISODate);
        entry.changedBy = QString::fromUtf8(row.value(2));
        entry.deviceId = QString::fromUtf8(row.value(3));
        const QString name = QString::fromUtf8(row.value(4));
        entry.device = name.isEmpty() ? entry.deviceId : name;
        entry.outcome = QString::fromUtf8(row.value(5));
        if (!row.value(6).isNull())
            entry.version = row.value(6).toLongLong();
        entry.changes = row.value(7);
        history.append(entry);
    }
    return history;
}

QString BookHistory::changesInWords(const HistoryEntry &entry)
{
    const QJsonObject changes = QJsonDocument::fromJson(entry.changes).object();
    const auto shown = [](const QJsonValue &value) {
        if (value.isNull() || value.isUndefined())
            return tr("nothing");
        if (value.isString())
            return value.toString().isEmpty() ? tr("nothing") : value.toString();
        if (value.isBool())
            return value.toBool() ? tr("yes") : tr("no");
        if (value.isDouble())
            return QString::number(value.toDouble());
        return QString(); // lines, lists: named, not spelt out
    };
    bool created = !changes.isEmpty();
    bool removed = !changes.isEmpty();
    QStringList parts;
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const QJsonArray pair = it.value().toArray();
        const QJsonValue before = pair.at(0);
        const QJsonValue after = pair.at(1);
        created = created && before.isNull();
        removed = removed && after.isNull();
        const QString from = shown(before);
        const QString to = shown(after);
        parts.append(from.isEmpty() || to.isEmpty()
                             ? it.key()
                             : tr("%1: %2 → %3", "field: old → new").arg(it.key(), from, to));
    }
    if (parts.isEmpty())
        return tr("nothing changed");
    if (created)
        return tr("booked");
    if (removed)
        return tr("removed");
    return parts.join(QLatin1String("; "));
}

} // namespace chairside
