#pragma once

#include "domain/appointment.h"
#include "domain/error.h"
#include "schedule.h"

namespace chairside {

// Lays out a visit: each service's segments (the stylist's own timing where
// they have one), one service after the other, the buffer after each.
class VisitPlanner
{
public:
    struct LineRequest
    {
        QString serviceId;
        QString staffId;
    };

    explicit VisitPlanner(const Schedule &schedule);

    // Service lines starting at `startsAt` (UTC seconds), one right after the
    // other: a line's segments, then a Buffer segment of the service's
    // bufferAfterMinutes when there is one; the next line starts after that
    // buffer. Line ids are left empty for the caller. Fails (NotFound) for an
    // unknown service or stylist, (Invalid) for no lines, a service without
    // segments, or a segment or buffer of zero or negative minutes. Skills are
    // not checked here: that is ConflictChecker's MissingSkill.
    Result<QList<ServiceLine>> plan(const QList<LineRequest> &lines, qint64 startsAt) const;

private:
    const Schedule &m_schedule;
};

} // namespace chairside
