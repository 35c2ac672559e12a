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

    // Service lines starting at `startsAt` (UTC seconds). Fails for an unknown
    // service or stylist, or a service without segments.
    Result<QList<ServiceLine>> plan(const QList<LineRequest> &lines, qint64 startsAt) const;

private:
    const Schedule &m_schedule;
};

} // namespace chairside
