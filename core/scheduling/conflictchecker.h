#pragma once

#include "bookingproblem.h"
#include "schedule.h"

namespace chairside {

// Why a proposed booking does not fit, if it does not. Empty list: it fits.
class ConflictChecker
{
public:
    explicit ConflictChecker(const Schedule &schedule);

    // `proposed` is checked against everything else in the schedule (its own
    // id, when already booked, is ignored — that is how a move is checked).
    BookingProblems check(const Appointment &proposed) const;

private:
    const Schedule &m_schedule;
};

} // namespace chairside
