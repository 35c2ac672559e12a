#pragma once

#include "domain/appointment.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/service.h"
#include "domain/shift.h"
#include "domain/staff.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QTimeZone>

#include <memory>

namespace chairside {

// The in-memory picture of one salon's book that availability and conflict
// checks run on: who works when (shifts, exceptions, breaks, time off, in
// UTC, correct on daylight-saving days), and what is already booked (busy
// segments per stylist, use per resource). Built once from the store, kept
// warm by addAppointment/removeAppointment and the rota setters as the store
// reports changes (LiveSchedule in core/booking does that).
//
// Rules it applies: a shift exception replaces the weekly pattern on its
// date (all working exceptions of that date make the day; none: day off).
// Busy and Buffer segments of appointments that hold time occupy their
// stylist; Processing segments do not. Every segment, processing included,
// holds one unit of each resource it lists.
//
// Const methods fill caches (QTimeZone is slow), so use one Schedule from
// one thread at a time.
class Schedule
{
public:
    struct Inputs
    {
        Salon salon;
        QList<Staff> staff;
        QList<Service> services;
        QList<Resource> resources;
        QList<Shift> shifts;
        QList<ShiftException> shiftExceptions;
        QList<TimeOff> timeOff;
        QList<Appointment> appointments; // those that matter for the window
    };

    // A span of UTC seconds [start, end).
    struct Span
    {
        qint64 start = 0;
        qint64 end = 0;
        friend bool operator==(const Span &, const Span &) = default;
    };

    explicit Schedule(Inputs inputs);
    ~Schedule();
    Schedule(const Schedule &) = delete;
    Schedule &operator=(const Schedule &) = delete;

    const Salon &salon() const;
    const QTimeZone &timeZone() const;
    const QList<Staff> &staff() const;
    const Staff *staffMember(const QString &id) const;
    const Service *service(const QString &id) const;
    const Resource *resource(const QString &id) const;

    // Working time of a stylist on a local date, breaks and time off taken
    // out, as sorted UTC spans. A shift past midnight belongs to its start date.
    QList<Span> workingSpans(const QString &staffId, const QDate &localDate) const;

    // Salon local wall-clock time <-> UTC seconds. `minute` counts from local
    // midnight of `localDate` and may pass 1440 (a shift past midnight).
    // Clock changes as SalonTime::ruleInstant has them (a cached copy).
    qint64 toUtc(const QDate &localDate, int minute) const;
    QDateTime toLocal(qint64 utc) const;
    QDate localDate(qint64 utc) const;

    // Replace what is known about one appointment (cancelled ones are dropped).
    void addAppointment(const Appointment &appointment);
    void removeAppointment(const QString &appointmentId);
    const Appointment *appointment(const QString &id) const;

    // Replace what is known about one piece of the rota (an id seen before
    // is replaced, wherever it was). Only the work days it touched, old and
    // new, are worked out again, and only when next asked for.
    void setShift(const Shift &shift);
    void removeShift(const QString &shiftId);
    void setShiftException(const ShiftException &exception);
    void removeShiftException(const QString &exceptionId);
    void setTimeOff(const TimeOff &timeOff);
    void removeTimeOff(const QString &timeOffId);

    // The internal indices are the availability finder's business.
    struct Private;
    const Private &data() const { return *d; }

private:
    std::unique_ptr<Private> d;
};

} // namespace chairside
