#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace chairside {

// Busy: the stylist works on the client. Processing: the client waits (colour
// develops) and the stylist is free to take someone else. Buffer: clean-up
// after a service; the stylist is busy but the client has left.
enum class SegmentKind { Busy, Processing, Buffer };

QString segmentKindName(SegmentKind kind);
bool segmentKindFromName(const QString &name, SegmentKind *kind);

// One step of a service, e.g. "30 min apply", with the resources it holds.
struct ServiceSegment
{
    SegmentKind kind = SegmentKind::Busy;
    int minutes = 0;
    QStringList resourceIds; // one unit of each resource for the segment

    QJsonObject toJson() const;
    static ServiceSegment fromJson(const QJsonObject &json);
    friend bool operator==(const ServiceSegment &, const ServiceSegment &) = default;
};

QJsonArray segmentsToJson(const QList<ServiceSegment> &segments);
QList<ServiceSegment> segmentsFromJson(const QJsonArray &json);

struct Service
{
    QString id;
    QString salonId;
    QString name;
    QString category;
    qint64 priceCents = 0;
    QList<ServiceSegment> segments;
    int bufferAfterMinutes = 0;
    bool active = true;
    int rebookWeeks = 0;         // "rebook in N weeks" offered on completion; 0 = none
    bool needsPatchTest = false; // the client needs a valid patch test (Salon's window)

    // Minutes from the client's arrival to leaving (without the buffer).
    int durationMinutes() const;

    QJsonObject toJson() const;
    static Service fromJson(const QJsonObject &json);
    friend bool operator==(const Service &, const Service &) = default;
};

} // namespace chairside
