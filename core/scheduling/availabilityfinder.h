#pragma once

#include "schedule.h"
#include "slot.h"

namespace chairside {

// Free starts for a visit. Respects shifts, exceptions, breaks, time off,
// busy segments and buffers of other visits (their processing time is free
// for the stylist), skills, per-stylist timing, and resource counts.
class AvailabilityFinder
{
public:
    explicit AvailabilityFinder(const Schedule &schedule);

    // Starts on a grid of `stepMinutes` in salon local time within [from, to)
    // (UTC seconds), sorted by start then stylist. limit < 0: all.
    QList<Slot> freeSlots(const VisitRequest &request, qint64 from, qint64 to,
                          int stepMinutes = 15, int limit = -1) const;

private:
    const Schedule &m_schedule;
};

} // namespace chairside
