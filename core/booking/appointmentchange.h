#pragma once

#include "domain/appointment.h"
#include "domain/error.h"

namespace chairside {

// How a booked visit changes when the front desk drags it: moved as it is
// (lengths kept, even after a resize) or one stylist's part made longer or
// shorter. Pure rules on values, shared by AppointmentBook (which checks
// and writes) and the day view's drag (which checks on every mouse move).
class AppointmentChange
{
public:
    // Whether the visit may be moved or resized at all: not once it is
    // completed, cancelled or a no-show.
    static Result<void> canChange(const Appointment &existing);

    // The visit shifted so it starts at `newStartsAt`; the lines of
    // `fromStaffId` go to `toStaffId` (both empty: the same stylists).
    static Result<Appointment> moved(const Appointment &existing, qint64 newStartsAt,
                                     const QString &fromStaffId = {},
                                     const QString &toStaffId = {});

    // `staffId`'s part of the visit made to end at `newEndsAt`: their last
    // busy segment grows or shrinks by as much, and everything after it in
    // the visit (processing, buffer, later services) moves with it. A busy
    // segment keeps at least minimumBusyMinutes.
    static Result<Appointment> resized(const Appointment &existing, const QString &staffId,
                                       qint64 newEndsAt);
    static constexpr int minimumBusyMinutes = 5;

    // The span of `staffId`'s lines, UTC seconds [start, end); {0, 0} if none.
    static std::pair<qint64, qint64> spanOf(const Appointment &appointment, const QString &staffId);
};

} // namespace chairside
