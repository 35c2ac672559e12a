#include "appointment.h"

#include "jsonfields.h"

#include <QJsonArray>

#include <algorithm>

namespace chairside {

QString appointmentStatusName(AppointmentStatus status)
{
    switch (status) {
    case AppointmentStatus::Booked: return QStringLiteral("booked");
    case AppointmentStatus::Confirmed: return QStringLiteral("confirmed");
    case AppointmentStatus::Arrived: return QStringLiteral("arrived");
    case AppointmentStatus::InService: return QStringLiteral("in-service");
    case AppointmentStatus::Completed: return QStringLiteral("completed");
    case AppointmentStatus::Cancelled: return QStringLiteral("cancelled");
    case AppointmentStatus::NoShow: return QStringLiteral("no-show");
    }
    return {};
}

bool appointmentStatusFromName(const QString &name, AppointmentStatus *status)
{
    for (int i = 0; i <= int(AppointmentStatus::NoShow); ++i) {
        const auto s = AppointmentStatus(i);
        if (name.compare(appointmentStatusName(s), Qt::CaseInsensitive) == 0) {
            *status = s;
            return true;
        }
    }
    return false;
}

bool holdsTime(AppointmentStatus status)
{
    return status != AppointmentStatus::Cancelled && status != AppointmentStatus::NoShow;
}

bool canMoveStatus(AppointmentStatus from, AppointmentStatus to)
{
    using S = AppointmentStatus;
    if (from == to)
        return false;
    const bool open = from != S::Completed && from != S::Cancelled && from != S::NoShow;
    if (!open)
        return false;
    if (to == S::Cancelled || to == S::NoShow)
        return from != S::InService; // someone in the chair has arrived
    // Forward along booked → confirmed → arrived → in service → completed;
    // skipping steps is fine (a walk-in goes straight to in service).
    return int(to) > int(from) && int(to) <= int(S::Completed);
}

QJsonObject BookedSegment::toJson() const
{
    QJsonObject json{{QStringLiteral("kind"), segmentKindName(kind)},
                     {QStringLiteral("startsAt"), jsonfields::instant(startsAt)},
                     {QStringLiteral("endsAt"), jsonfields::instant(endsAt)}};
    if (!resourceIds.isEmpty())
        json.insert(QStringLiteral("resourceIds"), jsonfields::strings(resourceIds));
    return json;
}

BookedSegment BookedSegment::fromJson(const QJsonObject &json)
{
    BookedSegment segment;
    segmentKindFromName(json.value(QStringLiteral("kind")).toString(), &segment.kind);
    segment.startsAt = jsonfields::instant(json.value(QStringLiteral("startsAt")));
    segment.endsAt = jsonfields::instant(json.value(QStringLiteral("endsAt")));
    segment.resourceIds = jsonfields::strings(json.value(QStringLiteral("resourceIds")));
    return segment;
}

qint64 ServiceLine::startsAt() const
{
    return segments.isEmpty() ? 0 : segments.constFirst().startsAt;
}

qint64 ServiceLine::endsAt() const
{
    return segments.isEmpty() ? 0 : segments.constLast().endsAt;
}

QJsonObject ServiceLine::toJson() const
{
    QJsonArray segmentArray;
    for (const BookedSegment &segment : segments)
        segmentArray.append(segment.toJson());
    return {{QStringLiteral("id"), id},
            {QStringLiteral("serviceId"), serviceId},
            {QStringLiteral("staffId"), staffId},
            {QStringLiteral("segments"), segmentArray}};
}

ServiceLine ServiceLine::fromJson(const QJsonObject &json)
{
    ServiceLine line;
    line.id = json.value(QStringLiteral("id")).toString();
    line.serviceId = json.value(QStringLiteral("serviceId")).toString();
    line.staffId = json.value(QStringLiteral("staffId")).toString();
    const QJsonArray segmentArray = json.value(QStringLiteral("segments")).toArray();
    for (const QJsonValue &value : segmentArray)
        line.segments.append(BookedSegment::fromJson(value.toObject()));
    return line;
}

qint64 Appointment::startsAt() const
{
    qint64 start = 0;
    for (const ServiceLine &line : lines) {
        if (!line.segments.isEmpty() && (start == 0 || line.startsAt() < start))
            start = line.startsAt();
    }
    return start;
}

qint64 Appointment::endsAt() const
{
    qint64 end = 0;
    for (const ServiceLine &line : lines)
        end = std::max(end, line.endsAt());
    return end;
}

QJsonObject Appointment::toJson() const
{
    QJsonArray lineArray;
    for (const ServiceLine &line : lines)
        lineArray.append(line.toJson());
    return {{QStringLiteral("id"), id},
            {QStringLiteral("salonId"), salonId},
            {QStringLiteral("clientId"), clientId},
            {QStringLiteral("status"), appointmentStatusName(status)},
            {QStringLiteral("walkIn"), walkIn},
            {QStringLiteral("notes"), notes},
            {QStringLiteral("depositCents"), depositCents},
            {QStringLiteral("overbooked"), overbooked},
            {QStringLiteral("overbookReason"), overbookReason},
            {QStringLiteral("seriesId"), seriesId},
            {QStringLiteral("cancelReason"), cancelReason},
            {QStringLiteral("createdBy"), createdBy},
            {QStringLiteral("createdAt"), jsonfields::instant(createdAt)},
            {QStringLiteral("changedBy"), changedBy},
            {QStringLiteral("changedAt"), jsonfields::instant(changedAt)},
            {QStringLiteral("startsAt"), jsonfields::instant(startsAt())},
            {QStringLiteral("endsAt"), jsonfields::instant(endsAt())},
            {QStringLiteral("lines"), lineArray}};
}

Appointment Appointment::fromJson(const QJsonObject &json)
{
    Appointment appointment;
    appointment.id = json.value(QStringLiteral("id")).toString();
    appointment.salonId = json.value(QStringLiteral("salonId")).toString();
    appointment.clientId = json.value(QStringLiteral("clientId")).toString();
    appointmentStatusFromName(json.value(QStringLiteral("status")).toString(), &appointment.status);
    appointment.walkIn = json.value(QStringLiteral("walkIn")).toBool();
    appointment.notes = json.value(QStringLiteral("notes")).toString();
    appointment.depositCents = json.value(QStringLiteral("depositCents")).toInteger();
    appointment.overbooked = json.value(QStringLiteral("overbooked")).toBool();
    appointment.overbookReason = json.value(QStringLiteral("overbookReason")).toString();
    appointment.seriesId = json.value(QStringLiteral("seriesId")).toString();
    appointment.cancelReason = json.value(QStringLiteral("cancelReason")).toString();
    appointment.createdBy = json.value(QStringLiteral("createdBy")).toString();
    appointment.createdAt = jsonfields::instant(json.value(QStringLiteral("createdAt")));
    appointment.changedBy = json.value(QStringLiteral("changedBy")).toString();
    appointment.changedAt = jsonfields::instant(json.value(QStringLiteral("changedAt")));
    const QJsonArray lineArray = json.value(QStringLiteral("lines")).toArray();
    for (const QJsonValue &value : lineArray)
        appointment.lines.append(ServiceLine::fromJson(value.toObject()));
    return appointment;
}

QJsonObject StandingAppointment::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("salonId"), salonId},
            {QStringLiteral("clientId"), clientId},
            {QStringLiteral("rrule"), rrule},
            {QStringLiteral("firstStartsAt"), jsonfields::instant(firstStartsAt)}};
}

StandingAppointment StandingAppointment::fromJson(const QJsonObject &json)
{
    StandingAppointment standing;
    standing.id = json.value(QStringLiteral("id")).toString();
    standing.salonId = json.value(QStringLiteral("salonId")).toString();
    standing.clientId = json.value(QStringLiteral("clientId")).toString();
    standing.rrule = json.value(QStringLiteral("rrule")).toString();
    standing.firstStartsAt = jsonfields::instant(json.value(QStringLiteral("firstStartsAt")));
    return standing;
}

} // namespace chairside
