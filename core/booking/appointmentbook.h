#pragma once

#include "scheduleloader.h"

#include "scheduling/bookingproblem.h"
#include "scheduling/slot.h"

#include "domain/appointment.h"
#include "domain/error.h"
#include "domain/salon.h"

#include <QObject>
#include <QTimeZone>

#include <memory>

namespace chairside {

class Schedule;
class Store;

// What the front desk asks to book.
struct BookingRequest
{
    QString salonId;
    QString clientId;                     // may be empty for a walk-in
    QList<QPair<QString, QString>> lines; // (serviceId, staffId), in order
    qint64 startsAt = 0;                  // UTC seconds
    bool walkIn = false;
    QString notes;
    qint64 depositCents = 0;
    bool overbook = false; // a manager books over the conflicts knowingly
    QString by;            // who does it (staff id or admin name)
    QString rrule;         // non-empty: a standing appointment
    // Non-empty: the visit is offered to this waitlist entry, which leaves
    // the waitlist in the same transaction (both or neither).
    QString waitlistEntryId;
};

// The booking rules over the store: checks a booking against the salon's
// schedule and writes it (row + outbox in one transaction). A refused booking
// comes back as Error::Code::Conflict whose message lists every problem.
class AppointmentBook
{
public:
    // Longest notes an appointment keeps; more is refused, not cut.
    static constexpr int maxNotesLength = 10000;

    explicit AppointmentBook(Store &store);

    // Booked appointments (several for a standing appointment).
    Result<QList<Appointment>> book(const BookingRequest &request);
    // New start and optionally a new stylist for every line.
    Result<Appointment> move(const QString &appointmentId, qint64 newStartsAt,
                             const QString &newStaffId, bool overbook, const QString &by);
    // The visit moved as it is (lengths kept, even a resized one) to start
    // at `newStartsAt`; `fromStaffId`'s lines go to `toStaffId` (both
    // empty: the same stylists). What the day view's drag does.
    Result<Appointment> shift(const QString &appointmentId, qint64 newStartsAt,
                              const QString &fromStaffId, const QString &toStaffId, bool overbook,
                              const QString &by);
    // `staffId`'s part of the visit made to end at `newEndsAt` (see
    // AppointmentChange::resized).
    Result<Appointment> resize(const QString &appointmentId, const QString &staffId,
                               qint64 newEndsAt, bool overbook, const QString &by);
    // Writes `previous` back exactly as it was (undo). Refused with the
    // reasons when its time now conflicts with something booked since,
    // unless it was overbooked knowingly then. A no-show given or taken
    // back counts on the client again.
    Result<Appointment> restore(const Appointment &previous);
    // Cancels a visit, keeping why (up to maxNotesLength characters, like notes).
    Result<Appointment> cancel(const QString &appointmentId, const QString &by,
                               const QString &reason = {});
    Result<Appointment> setStatus(const QString &appointmentId, AppointmentStatus status,
                                  const QString &by);
    Result<QList<Slot>> freeSlots(const QString &salonId, const VisitRequest &request, qint64 from,
                                  qint64 to, int stepMinutes = 15, int limit = -1);
    // The same on a schedule already held (LiveSchedule's).
    static Result<QList<Slot>> freeSlots(const Schedule &schedule, const VisitRequest &request,
                                         qint64 from, qint64 to, int stepMinutes = 15,
                                         int limit = -1);
    // Problems a booking would have, without writing anything.
    Result<BookingProblems> problems(const BookingRequest &request);

    // The salon's schedule for [from, to) (UTC seconds) with what is booked
    // then: built once for a drag, then checked on every mouse move.
    Result<std::unique_ptr<Schedule>> schedule(const QString &salonId, qint64 from, qint64 to,
                                               ScheduleLoader::Appointments appointments =
                                                       ScheduleLoader::Appointments::Include) const;

private:
    // A booking laid out and checked, not yet written.
    struct Plan
    {
        QList<Appointment> appointments;
        QList<BookingProblems> problems; // per appointment
        StandingAppointment standing;    // id empty: not a standing appointment
        QTimeZone zone;                  // the salon's
    };

    Result<Plan> plan(const BookingRequest &request);
    Result<Salon> salonOf(const QString &salonId) const;
    // The stored appointment; NotFound when there is none, or the read's error.
    Result<Appointment> stored(const QString &appointmentId) const;
    // Checks `changed` on the day it lands and writes it; problems refuse it
    // unless `overbook`.
    Result<Appointment> checkAndSave(Appointment changed, bool overbook, const QString &by);
    Result<Appointment> changeStatus(const QString &appointmentId, AppointmentStatus status,
                                     const QString &by, const QString &cancelReason);

    Store &m_store;
};

} // namespace chairside
