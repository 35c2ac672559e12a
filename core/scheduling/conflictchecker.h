#pragma once

#include "bookingproblem.h"
#include "domain/error.h"
#include "schedule.h"

namespace chairside {

// Why a proposed booking does not fit, if it does not. Empty list: it fits.
class ConflictChecker
{
public:
    explicit ConflictChecker(const Schedule &schedule);

    // `proposed` is checked against everything else in the schedule (its own
    // id, when already booked, is ignored — that is how a move is checked).
    // Every problem is reported, each once, in the salon's local time. A
    // malformed appointment (see validate) gives a single Kind::Invalid
    // problem and nothing else is checked. Whether to book anyway
    // (overbooking) is the caller's decision; this only reports.
    BookingProblems check(const Appointment &proposed) const;

    // Whether the appointment makes sense at all, before any conflict: at
    // least one line; every line with a known stylist and service and at
    // least one segment; every segment ending after it starts and not
    // before the previous one ends; known resources. Error::Code::NotFound
    // for unknown ids, Invalid otherwise.
    Result<void> validate(const Appointment &proposed) const;

private:
    const Schedule &m_schedule;
};

} // namespace chairside
