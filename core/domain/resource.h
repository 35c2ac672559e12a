#pragma once

#include <QJsonObject>
#include <QString>

namespace chairside {

// Chairs, basins, rooms: things a service holds while it runs. count is how
// many of them the salon has.
struct Resource
{
    QString id;
    QString salonId;
    QString name; // "Basin"
    QString kind; // "chair", "basin", "room", ...
    int count = 1;

    QJsonObject toJson() const;
    static Resource fromJson(const QJsonObject &json);
    friend bool operator==(const Resource &, const Resource &) = default;
};

} // namespace chairside
