#pragma once

#include "service.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace chairside {

enum class AppointmentStatus {
    Booked,
    Confirmed,
    Arrived,
    InService,
    Completed,
    Cancelled,
    NoShow
};

QString appointmentStatusName(AppointmentStatus status);
bool appointmentStatusFromName(const QString &name, AppointmentStatus *status);
// Whether the visit still occupies its stylists and resources.
bool holdsTime(AppointmentStatus status);
// Whether `to` may follow `from` (booked → confirmed → arrived → in service →
// completed; cancelled / no-show from any open state).
bool canMoveStatus(AppointmentStatus from, AppointmentStatus to);

// A span of a service line in UTC seconds since the epoch.
struct BookedSegment
{
    SegmentKind kind = SegmentKind::Busy;
    qint64 startsAt = 0;
    qint64 endsAt = 0;
    QStringList resourceIds;

    QJsonObject toJson() const;
    static BookedSegment fromJson(const QJsonObject &json);
    friend bool operator==(const BookedSegment &, const BookedSegment &) = default;
};

// One service of a visit, done by one stylist.
struct ServiceLine
{
    QString id;
    QString serviceId;
    QString staffId;
    QList<BookedSegment> segments; // in time order; the last may be Buffer

    qint64 startsAt() const;
    qint64 endsAt() const; // including the buffer

    QJsonObject toJson() const;
    static ServiceLine fromJson(const QJsonObject &json);
    friend bool operator==(const ServiceLine &, const ServiceLine &) = default;
};

struct Appointment
{
    QString id;
    QString salonId;
    QString clientId; // empty for an anonymous walk-in
    AppointmentStatus status = AppointmentStatus::Booked;
    bool walkIn = false;
    QString notes;
    qint64 depositCents = 0;
    bool overbooked = false; // a manager booked it knowingly over a conflict
    QString overbookReason;  // the conflicts that were overridden, in words
    QString seriesId;        // standing appointment it belongs to, if any
    QString cancelReason;    // why it was cancelled; empty unless cancelled
    QString createdBy;
    qint64 createdAt = 0;
    QString changedBy;
    qint64 changedAt = 0;
    QList<ServiceLine> lines;

    qint64 startsAt() const;
    qint64 endsAt() const;

    QJsonObject toJson() const;
    static Appointment fromJson(const QJsonObject &json);
    friend bool operator==(const Appointment &, const Appointment &) = default;
};

// A standing appointment: the rule (RFC 5545 RRULE, e.g.
// "FREQ=WEEKLY;INTERVAL=6;COUNT=8") and the first visit it repeats.
struct StandingAppointment
{
    QString id;
    QString salonId;
    QString clientId;
    QString rrule;
    qint64 firstStartsAt = 0;

    QJsonObject toJson() const;
    static StandingAppointment fromJson(const QJsonObject &json);
    friend bool operator==(const StandingAppointment &, const StandingAppointment &) = default;
};

} // namespace chairside
