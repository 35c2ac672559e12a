#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

// Small conversions shared by the domain types' toJson/fromJson. Instants are
// written as ISO 8601 UTC ("2026-12-01T10:00:00Z"), dates as "2026-12-01".
namespace chairside::jsonfields {

inline QJsonValue instant(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

inline qint64 instant(const QJsonValue &value)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    const QDateTime dt = QDateTime::fromString(value.toString(), Qt::ISODate);
    return dt.isValid() ? dt.toSecsSinceEpoch() : 0;
}

inline QJsonValue date(const QDate &d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue();
}

inline QDate date(const QJsonValue &value)
{
    return QDate::fromString(value.toString(), Qt::ISODate);
}

inline QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

inline QStringList strings(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

} // namespace chairside::jsonfields
