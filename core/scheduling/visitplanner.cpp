#include "visitplanner.h"

#include <QCoreApplication>

namespace chairside {

VisitPlanner::VisitPlanner(const Schedule &schedule) : m_schedule(schedule) {}

Result<QList<ServiceLine>> VisitPlanner::plan(const QList<LineRequest> &lines,
                                              qint64 startsAt) const
{
    if (lines.isEmpty())
        return Error::invalid(
                QCoreApplication::translate("chairside", "Choose at least one service."));

    QList<ServiceLine> planned;
    planned.reserve(lines.size());
    qint64 cursor = startsAt;
    for (const LineRequest &request : lines) {
        const Service *service = m_schedule.service(request.serviceId);
        if (!service) {
            return Error::notFound(
                    QCoreApplication::translate("chairside", "There is no service “%1”.")
                            .arg(request.serviceId));
        }
        const Staff *staff = m_schedule.staffMember(request.staffId);
        if (!staff) {
            return Error::notFound(
                    QCoreApplication::translate("chairside", "There is no stylist “%1”.")
                            .arg(request.staffId));
        }
        const QList<ServiceSegment> segments = staff->segmentsFor(*service);
        if (segments.isEmpty()) {
            return Error::invalid(
                    QCoreApplication::translate("chairside",
                                                "%1 has no duration set up; add its steps first.")
                            .arg(service->name));
        }

        ServiceLine line;
        line.serviceId = service->id;
        line.staffId = staff->id;
        line.segments.reserve(segments.size() + 1);
        for (const ServiceSegment &segment : segments) {
            if (segment.minutes <= 0) {
                return Error::invalid(
                        QCoreApplication::translate(
                                "chairside",
                                "%1 has a step of %2 minutes; every step must last "
                                "at least a minute.")
                                .arg(service->name, QString::number(segment.minutes)));
            }
            const qint64 end = cursor + qint64(segment.minutes) * 60;
            line.segments.append({segment.kind, cursor, end, segment.resourceIds});
            cursor = end;
        }
        if (service->bufferAfterMinutes < 0) {
            return Error::invalid(
                    QCoreApplication::translate("chairside",
                                                "%1 has a negative clean-up time of %2 minutes.")
                            .arg(service->name, QString::number(service->bufferAfterMinutes)));
        }
        if (service->bufferAfterMinutes > 0) {
            const qint64 end = cursor + qint64(service->bufferAfterMinutes) * 60;
            line.segments.append({SegmentKind::Buffer, cursor, end, {}});
            cursor = end;
        }
        planned.append(std::move(line));
    }
    return planned;
}

} // namespace chairside
