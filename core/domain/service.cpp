#include "service.h"

#include "jsonfields.h"

namespace chairside {

QString segmentKindName(SegmentKind kind)
{
    switch (kind) {
    case SegmentKind::Busy: return QStringLiteral("busy");
    case SegmentKind::Processing: return QStringLiteral("processing");
    case SegmentKind::Buffer: return QStringLiteral("buffer");
    }
    return {};
}

bool segmentKindFromName(const QString &name, SegmentKind *kind)
{
    for (SegmentKind k : {SegmentKind::Busy, SegmentKind::Processing, SegmentKind::Buffer}) {
        if (name.compare(segmentKindName(k), Qt::CaseInsensitive) == 0) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QJsonObject ServiceSegment::toJson() const
{
    QJsonObject json{{QStringLiteral("kind"), segmentKindName(kind)},
                     {QStringLiteral("minutes"), minutes}};
    if (!resourceIds.isEmpty())
        json.insert(QStringLiteral("resourceIds"), jsonfields::strings(resourceIds));
    return json;
}

ServiceSegment ServiceSegment::fromJson(const QJsonObject &json)
{
    ServiceSegment segment;
    segmentKindFromName(json.value(QStringLiteral("kind")).toString(), &segment.kind);
    segment.minutes = json.value(QStringLiteral("minutes")).toInt();
    segment.resourceIds = jsonfields::strings(json.value(QStringLiteral("resourceIds")));
    return segment;
}

QJsonArray segmentsToJson(const QList<ServiceSegment> &segments)
{
    QJsonArray array;
    for (const ServiceSegment &segment : segments)
        array.append(segment.toJson());
    return array;
}

QList<ServiceSegment> segmentsFromJson(const QJsonArray &json)
{
    QList<ServiceSegment> segments;
    segments.reserve(json.size());
    for (const QJsonValue &value : json)
        segments.append(ServiceSegment::fromJson(value.toObject()));
    return segments;
}

int Service::durationMinutes() const
{
    int total = 0;
    for (const ServiceSegment &segment : segments)
        total += segment.minutes;
    return total;
}

QJsonObject Service::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("salonId"), salonId},
            {QStringLiteral("name"), name},
            {QStringLiteral("category"), category},
            {QStringLiteral("priceCents"), priceCents},
            {QStringLiteral("segments"), segmentsToJson(segments)},
            {QStringLiteral("bufferAfterMinutes"), bufferAfterMinutes},
            {QStringLiteral("active"), active},
            {QStringLiteral("rebookWeeks"), rebookWeeks},
            {QStringLiteral("needsPatchTest"), needsPatchTest}};
}

Service Service::fromJson(const QJsonObject &json)
{
    Service service;
    service.id = json.value(QStringLiteral("id")).toString();
    service.salonId = json.value(QStringLiteral("salonId")).toString();
    service.name = json.value(QStringLiteral("name")).toString();
    service.category = json.value(QStringLiteral("category")).toString();
    service.priceCents = json.value(QStringLiteral("priceCents")).toInteger();
    service.segments = segmentsFromJson(json.value(QStringLiteral("segments")).toArray());
    service.bufferAfterMinutes = json.value(QStringLiteral("bufferAfterMinutes")).toInt();
    service.active = json.value(QStringLiteral("active")).toBool(true);
    service.rebookWeeks = json.value(QStringLiteral("rebookWeeks")).toInt();
    service.needsPatchTest = json.value(QStringLiteral("needsPatchTest")).toBool();
    return service;
}

} // namespace chairside
