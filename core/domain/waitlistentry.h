#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace chairside {

// A client who wants a visit when something frees up.
struct WaitlistEntry
{
    QString id;
    QString salonId;
    QString clientId;
    QStringList serviceIds;
    QString staffId; // empty: any stylist
    QDate earliest;
    QDate latest;
    QString notes;
    qint64 createdAt = 0;

    QJsonObject toJson() const;
    static WaitlistEntry fromJson(const QJsonObject &json);
    friend bool operator==(const WaitlistEntry &, const WaitlistEntry &) = default;
};

} // namespace chairside
