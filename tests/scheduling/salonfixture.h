#pragma once

// A small salon in Europe/London that the scheduling tests book into.
//
//   Mia   cut, colour, fringe; Tue–Sat 09:00–17:00, break 13:00–13:30
//   Tom   cut (his own timing: 30 min), fringe; Tue–Sat 09:00–17:00, break 13:00–13:30;
//         on holiday 14–18 December 2026
//   Ava   cut; Sundays 09:00–17:00 (for the daylight-saving Sundays); Fridays
//         20:00–02:00 (across midnight); Saturdays 22:00–06:00
//   Zoe   cut; Saturdays every other week (from 5 December 2026), 10:00–16:00
//   Ivy   cut; no longer active, same hours as Mia
//
//   cut       45 busy
//   colour    30 busy, 35 processing, 30 busy at a basin
//   fringe    15 busy
//   wash-cut  30 busy, buffer 15 after
//   toner     15 busy, 20 processing under the dryer (Mia and Tom)
//   basin     count 1 (tests may change it); dryer count 1

#include "scheduling/schedule.h"

#include <QDateTime>
#include <QTimeZone>

namespace chairside::fixture {

inline ServiceSegment segment(SegmentKind kind, int minutes, QStringList resources = {})
{
    ServiceSegment s;
    s.kind = kind;
    s.minutes = minutes;
    s.resourceIds = std::move(resources);
    return s;
}

inline Service service(const QString &id, const QString &name, QList<ServiceSegment> segments,
                       int bufferAfter = 0)
{
    Service s;
    s.id = id;
    s.salonId = QStringLiteral("salon");
    s.name = name;
    s.segments = std::move(segments);
    s.bufferAfterMinutes = bufferAfter;
    return s;
}

inline Staff stylist(const QString &id, const QString &name, const QStringList &serviceIds)
{
    Staff s;
    s.id = id;
    s.salonId = QStringLiteral("salon");
    s.name = name;
    for (const QString &serviceId : serviceIds)
        s.skills.append({serviceId, {}});
    return s;
}

inline Shift shift(const QString &staffId, int weekday, int start, int end,
                   QList<Break> breaks = {})
{
    Shift s;
    s.id = QStringLiteral("%1-%2-%3").arg(staffId).arg(weekday).arg(start);
    s.staffId = staffId;
    s.weekday = weekday;
    s.startMinute = start;
    s.endMinute = end;
    s.breaks = std::move(breaks);
    return s;
}

inline const QTimeZone &london()
{
    static const QTimeZone zone("Europe/London");
    return zone;
}

// "2026-12-01T10:00" in London, as UTC seconds.
inline qint64 at(const QString &local)
{
    return QDateTime(QDateTime::fromString(local, Qt::ISODate).date(),
                     QDateTime::fromString(local, Qt::ISODate).time(), london())
            .toSecsSinceEpoch();
}

inline QString local(qint64 utc)
{
    return QDateTime::fromSecsSinceEpoch(utc, london())
            .toString(QStringLiteral("yyyy-MM-ddTHH:mm"));
}

inline Schedule::Inputs salon()
{
    Schedule::Inputs in;
    in.salon.id = QStringLiteral("salon");
    in.salon.name = QStringLiteral("Cut Above");
    in.salon.timeZone = QStringLiteral("Europe/London");

    const QString basin = QStringLiteral("basin");
    in.services = {
            service(QStringLiteral("cut"), QStringLiteral("Cut"), {segment(SegmentKind::Busy, 45)}),
            service(QStringLiteral("colour"), QStringLiteral("Colour"),
                    {segment(SegmentKind::Busy, 30), segment(SegmentKind::Processing, 35),
                     segment(SegmentKind::Busy, 30, {basin})}),
            service(QStringLiteral("fringe"), QStringLiteral("Fringe trim"),
                    {segment(SegmentKind::Busy, 15)}),
            service(QStringLiteral("washcut"), QStringLiteral("Wash & cut"),
                    {segment(SegmentKind::Busy, 30)}, 15),
    };
    Resource r;
    r.id = basin;
    r.salonId = in.salon.id;
    r.name = QStringLiteral("Basin");
    r.kind = QStringLiteral("basin");
    r.count = 1;
    Resource dryer = r;
    dryer.id = QStringLiteral("dryer");
    dryer.name = QStringLiteral("Dryer");
    dryer.kind = QStringLiteral("dryer");
    in.services.append(service(
            QStringLiteral("toner"), QStringLiteral("Toner"),
            {segment(SegmentKind::Busy, 15), segment(SegmentKind::Processing, 20, {dryer.id})}));
    in.resources = {r, dryer};

    Staff mia = stylist(QStringLiteral("mia"), QStringLiteral("Mia"),
                        {QStringLiteral("cut"), QStringLiteral("colour"), QStringLiteral("fringe"),
                         QStringLiteral("washcut"), QStringLiteral("toner")});
    Staff tom =
            stylist(QStringLiteral("tom"), QStringLiteral("Tom"),
                    {QStringLiteral("fringe"), QStringLiteral("washcut"), QStringLiteral("toner")});
    tom.skills.append({QStringLiteral("cut"), {segment(SegmentKind::Busy, 30)}});
    Staff ava = stylist(QStringLiteral("ava"), QStringLiteral("Ava"), {QStringLiteral("cut")});
    Staff zoe = stylist(QStringLiteral("zoe"), QStringLiteral("Zoe"), {QStringLiteral("cut")});
    Staff ivy = stylist(QStringLiteral("ivy"), QStringLiteral("Ivy"), {QStringLiteral("cut")});
    ivy.active = false;
    in.staff = {mia, tom, ava, zoe, ivy};

    for (const QString &id :
         {QStringLiteral("mia"), QStringLiteral("tom"), QStringLiteral("ivy")}) {
        for (int day = 2; day <= 6; ++day)
            in.shifts.append(shift(id, day, 9 * 60, 17 * 60, {{13 * 60, 13 * 60 + 30}}));
    }
    in.shifts.append(shift(QStringLiteral("ava"), 7, 9 * 60, 17 * 60));
    in.shifts.append(shift(QStringLiteral("ava"), 5, 20 * 60, 26 * 60));
    in.shifts.append(shift(QStringLiteral("ava"), 6, 22 * 60, 30 * 60));
    Shift fortnightly = shift(QStringLiteral("zoe"), 6, 10 * 60, 16 * 60);
    fortnightly.everyWeeks = 2;
    fortnightly.anchorDate = QDate(2026, 12, 5);
    in.shifts.append(fortnightly);

    TimeOff holiday;
    holiday.id = QStringLiteral("holiday");
    holiday.staffId = QStringLiteral("tom");
    holiday.startsAt = at(QStringLiteral("2026-12-14T00:00"));
    holiday.endsAt = at(QStringLiteral("2026-12-19T00:00"));
    holiday.reason = QStringLiteral("Holiday");
    in.timeOff = {holiday};
    return in;
}

// A visit of one service by one stylist, laid out as the planner would.
inline Appointment visit(const Schedule::Inputs &in, const QString &id, const QString &staffId,
                         const QString &serviceId, const QString &localStart)
{
    Appointment a;
    a.id = id;
    a.salonId = in.salon.id;
    ServiceLine line;
    line.id = id + QStringLiteral("-1");
    line.serviceId = serviceId;
    line.staffId = staffId;
    const Service *service = nullptr;
    for (const Service &s : in.services) {
        if (s.id == serviceId)
            service = &s;
    }
    QList<ServiceSegment> segments = service ? service->segments : QList<ServiceSegment>{};
    for (const Staff &s : in.staff) {
        if (s.id == staffId && service)
            segments = s.segmentsFor(*service);
    }
    qint64 cursor = at(localStart);
    for (const ServiceSegment &s : segments) {
        line.segments.append({s.kind, cursor, cursor + s.minutes * 60, s.resourceIds});
        cursor += s.minutes * 60;
    }
    if (service && service->bufferAfterMinutes > 0)
        line.segments.append(
                {SegmentKind::Buffer, cursor, cursor + service->bufferAfterMinutes * 60, {}});
    a.lines = {line};
    return a;
}

// Adds what a row's `change` names to the salon: "dayoff", "changed",
// "timeoff" (Mia away 14:00–16:00 on 1 December), "until" (Mia's shifts end
// on 7 December), "basin2", "retired:<service>" for a service no longer
// offered, or "<staff>:<service>@<local start>" for a booked visit. An empty
// change adds nothing.
inline Schedule::Inputs withChanges(const QStringList &changes)
{
    Schedule::Inputs in = salon();
    int n = 0;
    for (const QString &change : changes) {
        if (change.isEmpty())
            continue;
        if (change == QLatin1String("timeoff")) {
            TimeOff off;
            off.id = QStringLiteral("dentist");
            off.staffId = QStringLiteral("mia");
            off.startsAt = at(QStringLiteral("2026-12-01T14:00"));
            off.endsAt = at(QStringLiteral("2026-12-01T16:00"));
            in.timeOff.append(off);
        } else if (change == QLatin1String("until")) {
            for (Shift &s : in.shifts) {
                if (s.staffId == QLatin1String("mia"))
                    s.validUntil = QDate(2026, 12, 7);
            }
        } else if (change == QLatin1String("dayoff") || change == QLatin1String("changed")) {
            ShiftException e;
            e.id = QStringLiteral("e1");
            e.staffId = QStringLiteral("mia");
            e.date = QDate(2026, 12, 1);
            e.working = change == QLatin1String("changed");
            e.startMinute = 12 * 60;
            e.endMinute = 20 * 60;
            e.breaks = {{15 * 60, 15 * 60 + 15}};
            in.shiftExceptions.append(e);
        } else if (change == QLatin1String("basin2")) {
            in.resources[0].count = 2;
        } else if (change.startsWith(QLatin1String("retired:"))) {
            for (Service &service : in.services) {
                if (service.id == change.section(QLatin1Char(':'), 1))
                    service.active = false;
            }
        } else {
            const QString who = change.section(QLatin1Char('@'), 0, 0);
            in.appointments.append(visit(
                    in, QStringLiteral("booked%1").arg(++n), who.section(QLatin1Char(':'), 0, 0),
                    who.section(QLatin1Char(':'), 1), change.section(QLatin1Char('@'), 1)));
        }
    }
    return in;
}

} // namespace chairside::fixture
