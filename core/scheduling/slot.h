#pragma once

#include <QList>
#include <QString>

namespace chairside {

// What the front desk asks for: one or more services in this order, by one
// stylist (a given one, or anyone who does all of them).
struct VisitRequest
{
    QStringList serviceIds;
    QString staffId; // empty: any stylist
};

// A free start for a visit: the stylist and the span from arrival to leaving
// (UTC seconds; the buffer after the last service is not included).
struct Slot
{
    qint64 startsAt = 0;
    qint64 endsAt = 0;
    QString staffId;
    friend bool operator==(const Slot &, const Slot &) = default;
};

} // namespace chairside
