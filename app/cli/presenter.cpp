#include "presenter.h"

#include "domain/salontime.h"

#include <QJsonArray>

namespace chairside::cli {

namespace {

QJsonValue dateValue(const QDate &date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue();
}

QJsonArray breaksJson(const QList<Break> &breaks)
{
    QJsonArray array;
    for (const Break &b : breaks) {
        array.append(QJsonObject{{QStringLiteral("start"), SalonTime::clock(b.startMinute)},
                                 {QStringLiteral("end"), SalonTime::clock(b.endMinute)}});
    }
    return array;
}

QString breaksText(const QList<Break> &breaks)
{
    QStringList parts;
    for (const Break &b : breaks)
        parts.append(SalonTime::clock(b.startMinute) + QLatin1Char('-')
                     + SalonTime::clock(b.endMinute));
    return parts.join(QStringLiteral(", "));
}

} // namespace

Presenter::Presenter(const Catalogue &catalogue) : m_catalogue(catalogue) {}

QJsonObject Presenter::reference(const QString &id, const QString &name) const
{
    if (id.isEmpty())
        return {};
    return {{QStringLiteral("id"), id}, {QStringLiteral("name"), name}};
}

QString Presenter::time(qint64 utcSeconds) const
{
    return SalonTime::iso(utcSeconds, m_catalogue.timeZone());
}

QString Presenter::money(qint64 cents)
{
    return QStringLiteral("%1%2.%3")
            .arg(cents < 0 ? QStringLiteral("-") : QString())
            .arg(qAbs(cents) / 100)
            .arg(qAbs(cents) % 100, 2, 10, QLatin1Char('0'));
}

QJsonObject Presenter::salon(const Salon &salon) const
{
    QJsonObject hours;
    for (int day = 1; day <= 7; ++day) {
        const DayHours &h = salon.openingHours[size_t(day - 1)];
        hours.insert(SalonTime::weekdayName(day),
                     h.isOpen() ? QJsonValue(SalonTime::clock(h.openMinute) + QLatin1Char('-')
                                             + SalonTime::clock(h.closeMinute))
                                : QJsonValue());
    }
    return {{QStringLiteral("id"), salon.id},
            {QStringLiteral("name"), salon.name},
            {QStringLiteral("timeZone"), salon.timeZone},
            {QStringLiteral("openingHours"), hours},
            {QStringLiteral("patchTestMinHours"), salon.patchTestMinHours},
            {QStringLiteral("patchTestMaxDays"), salon.patchTestMaxDays}};
}

QJsonObject Presenter::staff(const Staff &staff) const
{
    QJsonArray services;
    for (const Skill &skill : staff.skills) {
        QJsonObject json = reference(skill.serviceId, m_catalogue.serviceName(skill.serviceId));
        if (!skill.segmentsOverride.isEmpty())
            json.insert(QStringLiteral("timing"),
                        segmentsText(skill.segmentsOverride, m_catalogue));
        services.append(json);
    }
    return {{QStringLiteral("id"), staff.id},
            {QStringLiteral("name"), staff.name},
            {QStringLiteral("role"), staffRoleName(staff.role)},
            {QStringLiteral("colour"), staff.colour},
            {QStringLiteral("active"), staff.active},
            {QStringLiteral("services"), services}};
}

QJsonObject Presenter::service(const Service &service) const
{
    QJsonArray segments;
    for (const ServiceSegment &segment : service.segments) {
        QJsonArray resources;
        for (const QString &id : segment.resourceIds)
            resources.append(reference(id, m_catalogue.resourceName(id)));
        segments.append(QJsonObject{{QStringLiteral("kind"), segmentKindName(segment.kind)},
                                    {QStringLiteral("minutes"), segment.minutes},
                                    {QStringLiteral("resources"), resources}});
    }
    return {{QStringLiteral("id"), service.id},
            {QStringLiteral("name"), service.name},
            {QStringLiteral("category"), service.category},
            {QStringLiteral("priceCents"), service.priceCents},
            {QStringLiteral("segments"), segments},
            {QStringLiteral("bufferMinutes"), service.bufferAfterMinutes},
            {QStringLiteral("durationMinutes"), service.durationMinutes()},
            {QStringLiteral("active"), service.active},
            {QStringLiteral("rebookWeeks"), service.rebookWeeks},
            {QStringLiteral("needsPatchTest"), service.needsPatchTest}};
}

QJsonObject Presenter::resource(const Resource &resource) const
{
    return {{QStringLiteral("id"), resource.id},
            {QStringLiteral("name"), resource.name},
            {QStringLiteral("kind"), resource.kind},
            {QStringLiteral("count"), resource.count}};
}

QJsonObject Presenter::client(const Client &client) const
{
    return {{QStringLiteral("id"), client.id},
            {QStringLiteral("name"), client.name},
            {QStringLiteral("phone"), client.phone},
            {QStringLiteral("email"), client.email},
            {QStringLiteral("notes"), client.notes},
            {QStringLiteral("patchTestDate"), dateValue(client.patchTestDate)},
            {QStringLiteral("noShowCount"), client.noShowCount},
            {QStringLiteral("consent"),
             QJsonObject{{QStringLiteral("sms"), client.consentSms},
                         {QStringLiteral("email"), client.consentEmail},
                         {QStringLiteral("photos"), client.consentPhotos}}}};
}

QJsonObject Presenter::shift(const Shift &shift) const
{
    return {{QStringLiteral("id"), shift.id},
            {QStringLiteral("type"), QStringLiteral("weekly")},
            {QStringLiteral("staff"),
             reference(shift.staffId, m_catalogue.staffName(shift.staffId))},
            {QStringLiteral("day"), SalonTime::weekdayName(shift.weekday)},
            {QStringLiteral("start"), SalonTime::clock(shift.startMinute)},
            {QStringLiteral("end"), SalonTime::clock(shift.endMinute)},
            {QStringLiteral("breaks"), breaksJson(shift.breaks)},
            {QStringLiteral("everyWeeks"), shift.everyWeeks},
            {QStringLiteral("anchorDate"), dateValue(shift.anchorDate)},
            {QStringLiteral("validFrom"), dateValue(shift.validFrom)},
            {QStringLiteral("validUntil"), dateValue(shift.validUntil)}};
}

QJsonObject Presenter::shiftException(const ShiftException &exception) const
{
    QJsonObject json{{QStringLiteral("id"), exception.id},
                     {QStringLiteral("type"), QStringLiteral("exception")},
                     {QStringLiteral("staff"),
                      reference(exception.staffId, m_catalogue.staffName(exception.staffId))},
                     {QStringLiteral("date"), dateValue(exception.date)},
                     {QStringLiteral("working"), exception.working},
                     {QStringLiteral("reason"), exception.reason}};
    if (exception.working) {
        json.insert(QStringLiteral("start"), SalonTime::clock(exception.startMinute));
        json.insert(QStringLiteral("end"), SalonTime::clock(exception.endMinute));
        json.insert(QStringLiteral("breaks"), breaksJson(exception.breaks));
    }
    return json;
}

QJsonObject Presenter::timeOff(const TimeOff &timeOff) const
{
    return {{QStringLiteral("id"), timeOff.id},
            {QStringLiteral("type"), QStringLiteral("time-off")},
            {QStringLiteral("staff"),
             reference(timeOff.staffId, m_catalogue.staffName(timeOff.staffId))},
            {QStringLiteral("start"), time(timeOff.startsAt)},
            {QStringLiteral("end"), time(timeOff.endsAt)},
            {QStringLiteral("reason"), timeOff.reason}};
}

QJsonObject Presenter::appointment(const Appointment &appointment, const QString &clientName) const
{
    QJsonArray lines;
    for (const ServiceLine &line : appointment.lines) {
        QJsonArray segments;
        for (const BookedSegment &segment : line.segments) {
            QJsonArray resources;
            for (const QString &id : segment.resourceIds)
                resources.append(reference(id, m_catalogue.resourceName(id)));
            segments.append(QJsonObject{{QStringLiteral("kind"), segmentKindName(segment.kind)},
                                        {QStringLiteral("start"), time(segment.startsAt)},
                                        {QStringLiteral("end"), time(segment.endsAt)},
                                        {QStringLiteral("resources"), resources}});
        }
        lines.append(
                QJsonObject{{QStringLiteral("id"), line.id},
                            {QStringLiteral("service"),
                             reference(line.serviceId, m_catalogue.serviceName(line.serviceId))},
                            {QStringLiteral("staff"),
                             reference(line.staffId, m_catalogue.staffName(line.staffId))},
                            {QStringLiteral("start"), time(line.startsAt())},
                            {QStringLiteral("end"), time(line.endsAt())},
                            {QStringLiteral("segments"), segments}});
    }
    const QJsonValue client = appointment.clientId.isEmpty()
            ? QJsonValue()
            : QJsonValue(reference(appointment.clientId, clientName));
    return {{QStringLiteral("id"), appointment.id},
            {QStringLiteral("status"), appointmentStatusName(appointment.status)},
            {QStringLiteral("start"), time(appointment.startsAt())},
            {QStringLiteral("end"), time(appointment.endsAt())},
            {QStringLiteral("client"), client},
            {QStringLiteral("walkIn"), appointment.walkIn},
            {QStringLiteral("notes"), appointment.notes},
            {QStringLiteral("depositCents"), appointment.depositCents},
            {QStringLiteral("overbooked"), appointment.overbooked},
            {QStringLiteral("overbookReason"), appointment.overbookReason},
            {QStringLiteral("cancelReason"), appointment.cancelReason},
            {QStringLiteral("seriesId"),
             appointment.seriesId.isEmpty() ? QJsonValue() : QJsonValue(appointment.seriesId)},
            {QStringLiteral("createdBy"), appointment.createdBy},
            {QStringLiteral("createdAt"), time(appointment.createdAt)},
            {QStringLiteral("changedBy"), appointment.changedBy},
            {QStringLiteral("changedAt"), time(appointment.changedAt)},
            {QStringLiteral("lines"), lines}};
}

QJsonObject Presenter::slot(const Slot &slot) const
{
    return {{QStringLiteral("start"), time(slot.startsAt)},
            {QStringLiteral("end"), time(slot.endsAt)},
            {QStringLiteral("staff"),
             reference(slot.staffId, m_catalogue.staffName(slot.staffId))}};
}

QJsonObject Presenter::waitlistEntry(const WaitlistEntry &entry, const QString &clientName) const
{
    QJsonArray services;
    for (const QString &id : entry.serviceIds)
        services.append(reference(id, m_catalogue.serviceName(id)));
    return {{QStringLiteral("id"), entry.id},
            {QStringLiteral("client"), reference(entry.clientId, clientName)},
            {QStringLiteral("services"), services},
            {QStringLiteral("staff"),
             entry.staffId.isEmpty()
                     ? QJsonValue()
                     : QJsonValue(reference(entry.staffId, m_catalogue.staffName(entry.staffId)))},
            {QStringLiteral("earliest"), dateValue(entry.earliest)},
            {QStringLiteral("latest"), dateValue(entry.latest)},
            {QStringLiteral("notes"), entry.notes},
            {QStringLiteral("createdAt"), time(entry.createdAt)}};
}

QString Presenter::segmentsText(const QList<ServiceSegment> &segments, const Catalogue &catalogue)
{
    QStringList parts;
    for (const ServiceSegment &segment : segments) {
        QString part =
                segmentKindName(segment.kind) + QLatin1Char(':') + QString::number(segment.minutes);
        QStringList resources;
        for (const QString &id : segment.resourceIds)
            resources.append(catalogue.resourceName(id).isEmpty() ? id
                                                                  : catalogue.resourceName(id));
        if (!resources.isEmpty())
            part += QLatin1Char('@') + resources.join(QLatin1Char('+'));
        parts.append(part);
    }
    return parts.join(QLatin1Char(','));
}

QString Presenter::staffLine(const Staff &staff) const
{
    QStringList services;
    for (const Skill &skill : staff.skills)
        services.append(m_catalogue.serviceName(skill.serviceId));
    return tr("%1  %2 (%3)%4  services: %5")
            .arg(staff.id, staff.name, staffRoleName(staff.role),
                 staff.active ? QString() : tr(", inactive"), services.join(QStringLiteral(", ")));
}

QString Presenter::serviceLine(const Service &service) const
{
    return tr("%1  %2 [%3]  %4 min (%5, buffer %6 min)  %7%8")
            .arg(service.id, service.name, service.category)
            .arg(service.durationMinutes())
            .arg(segmentsText(service.segments, m_catalogue))
            .arg(service.bufferAfterMinutes)
            .arg(money(service.priceCents), service.active ? QString() : tr("  inactive"));
}

QString Presenter::resourceLine(const Resource &resource) const
{
    return tr("%1  %2 (%3) × %4")
            .arg(resource.id, resource.name, resource.kind)
            .arg(resource.count);
}

QString Presenter::clientLine(const Client &client) const
{
    return tr("%1  %2  %3  %4  no-shows: %5")
            .arg(client.id, client.name, client.phone, client.email)
            .arg(client.noShowCount);
}

QString Presenter::shiftLine(const Shift &shift) const
{
    QString text =
            tr("%1  %2  %3 %4-%5")
                    .arg(shift.id, m_catalogue.staffName(shift.staffId),
                         SalonTime::weekdayName(shift.weekday), SalonTime::clock(shift.startMinute),
                         SalonTime::clock(shift.endMinute));
    if (!shift.breaks.isEmpty())
        text += tr("  breaks %1").arg(breaksText(shift.breaks));
    if (shift.everyWeeks > 1)
        text += tr("  every %1 weeks from %2")
                        .arg(shift.everyWeeks)
                        .arg(shift.anchorDate.toString(Qt::ISODate));
    return text;
}

QString Presenter::shiftExceptionLine(const ShiftException &exception) const
{
    const QString when = exception.working ? tr("works %1-%2")
                                                     .arg(SalonTime::clock(exception.startMinute),
                                                          SalonTime::clock(exception.endMinute))
                                           : tr("day off");
    return tr("%1  %2  %3 %4  %5")
            .arg(exception.id, m_catalogue.staffName(exception.staffId),
                 exception.date.toString(Qt::ISODate), when, exception.reason);
}

QString Presenter::timeOffLine(const TimeOff &timeOff) const
{
    return tr("%1  %2  off %3 – %4  %5")
            .arg(timeOff.id, m_catalogue.staffName(timeOff.staffId),
                 SalonTime::shortText(timeOff.startsAt, m_catalogue.timeZone()),
                 SalonTime::shortText(timeOff.endsAt, m_catalogue.timeZone()), timeOff.reason);
}

QString Presenter::appointmentLine(const Appointment &appointment, const QString &clientName) const
{
    QStringList services;
    for (const ServiceLine &line : appointment.lines)
        services.append(tr("%1 with %2")
                                .arg(m_catalogue.serviceName(line.serviceId),
                                     m_catalogue.staffName(line.staffId)));
    const QString client = appointment.clientId.isEmpty() ? tr("walk-in") : clientName;
    QString text =
            tr("%1  %2–%3  %4  %5  [%6]")
                    .arg(appointment.id,
                         SalonTime::shortText(appointment.startsAt(), m_catalogue.timeZone()),
                         SalonTime::iso(appointment.endsAt(), m_catalogue.timeZone()).mid(11, 5),
                         client, services.join(QStringLiteral(", ")),
                         appointmentStatusName(appointment.status));
    if (appointment.overbooked)
        text += tr("  OVERBOOKED: %1")
                        .arg(QString(appointment.overbookReason)
                                     .replace(QLatin1Char('\n'), QStringLiteral("; ")));
    if (!appointment.cancelReason.isEmpty())
        text += tr("  reason: %1")
                        .arg(QString(appointment.cancelReason)
                                     .replace(QLatin1Char('\n'), QStringLiteral("; ")));
    return text;
}

QString Presenter::slotLine(const Slot &slot) const
{
    return tr("%1–%2  %3")
            .arg(SalonTime::shortText(slot.startsAt, m_catalogue.timeZone()),
                 SalonTime::iso(slot.endsAt, m_catalogue.timeZone()).mid(11, 5),
                 m_catalogue.staffName(slot.staffId));
}

QString Presenter::waitlistLine(const WaitlistEntry &entry, const QString &clientName) const
{
    QStringList services;
    for (const QString &id : entry.serviceIds)
        services.append(m_catalogue.serviceName(id));
    return tr("%1  %2  %3  %4  %5 – %6  %7")
            .arg(entry.id, clientName, services.join(QStringLiteral(", ")),
                 entry.staffId.isEmpty() ? tr("any stylist") : m_catalogue.staffName(entry.staffId),
                 entry.earliest.toString(Qt::ISODate), entry.latest.toString(Qt::ISODate),
                 entry.notes);
}

Result<Presenter::Shown> Presenter::shown(const Appointment &appointment) const
{
    const Result<QString> client = m_catalogue.clientName(appointment.clientId);
    if (!client)
        return client.error();
    return Shown{this->appointment(appointment, *client), appointmentLine(appointment, *client)};
}

Result<Presenter::Shown> Presenter::shown(const WaitlistEntry &entry) const
{
    const Result<QString> client = m_catalogue.clientName(entry.clientId);
    if (!client)
        return client.error();
    return Shown{waitlistEntry(entry, *client), waitlistLine(entry, *client)};
}

} // namespace chairside::cli
