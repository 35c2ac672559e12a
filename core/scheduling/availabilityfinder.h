#pragma once

#include "schedule.h"
#include "slot.h"

namespace chairside {

// Free starts for a visit. Respects shifts, exceptions, breaks, time off,
// busy segments and buffers of other visits (their processing time is free
// for the stylist), skills, per-stylist timing, and resource counts.
//
// One stylist does the whole visit. Their Busy and Buffer segments must lie
// in working time and clear of other clients; a Processing segment needs
// no stylist (it may run over a break). Every segment needs a free unit of
// each resource it lists. Inactive services give no slots; inactive staff
// are never offered.
//
// Works on intervals, not minutes: for each span [t+a, t+b) the stylist
// must be free, the allowed starts t are the union over free spans [s, e)
// of [s-a, e-b]; these are intersected, full resource times cut out, and
// what is left is put on the grid.
class AvailabilityFinder
{
public:
    explicit AvailabilityFinder(const Schedule &schedule);

    // Starts on a grid of `stepMinutes` in salon local time within [from, to)
    // (UTC seconds), sorted by start then by the stylist's place in
    // Schedule::staff(). limit < 0: all. Empty for an unknown service or
    // stylist, or stepMinutes < 1.
    QList<Slot> freeSlots(const VisitRequest &request, qint64 from, qint64 to, int stepMinutes = 15,
                          int limit = -1) const;

private:
    const Schedule &m_schedule;
};

} // namespace chairside
