#include "appointmentchange.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace chairside {

Result<void> AppointmentChange::canChange(const Appointment &existing)
{
    using S = AppointmentStatus;
    if (existing.status == S::Cancelled || existing.status == S::NoShow
        || existing.status == S::Completed) {
        return Error::invalid(QCoreApplication::translate(
                                      "chairside", "The appointment is %1; it cannot be moved.")
                                      .arg(appointmentStatusName(existing.status)));
    }
    return {};
}

std::pair<qint64, qint64> AppointmentChange::spanOf(const Appointment &appointment,
                                                    const QString &staffId)
{
    qint64 start = std::numeric_limits<qint64>::max();
    qint64 end = std::numeric_limits<qint64>::min();
    for (const ServiceLine &line : appointment.lines) {
        if (line.staffId != staffId || line.segments.isEmpty())
            continue;
        start = std::min(start, line.startsAt());
        end = std::max(end, line.endsAt());
    }
    if (start > end)
        return {0, 0};
    return {start, end};
}

Result<Appointment> AppointmentChange::moved(const Appointment &existing, qint64 newStartsAt,
                                             const QString &fromStaffId, const QString &toStaffId)
{
    if (const Result<void> allowed = canChange(existing); !allowed)
        return allowed.error();
    if (existing.lines.isEmpty())
        return Error::invalid(
                QCoreApplication::translate("chairside", "The appointment has no services."));
    const qint64 delta = newStartsAt - existing.startsAt();
    Appointment moved = existing;
    bool found = fromStaffId.isEmpty();
    for (ServiceLine &line : moved.lines) {
        if (!fromStaffId.isEmpty() && line.staffId == fromStaffId) {
            line.staffId = toStaffId;
            found = true;
        }
        for (BookedSegment &segment : line.segments) {
            segment.startsAt += delta;
            segment.endsAt += delta;
        }
    }
    if (!found)
        return Error::notFound(QCoreApplication::translate(
                                       "chairside", "The stylist “%1” has no part in this visit.")
                                       .arg(fromStaffId));
    return moved;
}

Result<Appointment> AppointmentChange::resized(const Appointment &existing, const QString &staffId,
                                               qint64 newEndsAt)
{
    if (const Result<void> allowed = canChange(existing); !allowed)
        return allowed.error();
    // The stylist's last busy segment: the one that grows.
    const BookedSegment *last = nullptr;
    for (const ServiceLine &line : existing.lines) {
        if (line.staffId != staffId)
            continue;
        for (const BookedSegment &segment : line.segments) {
            if (segment.kind == SegmentKind::Busy && (!last || segment.startsAt >= last->startsAt))
                last = &segment;
        }
    }
    if (!last)
        return Error::notFound(QCoreApplication::translate(
                                       "chairside", "The stylist “%1” has no part in this visit.")
                                       .arg(staffId));
    const qint64 delta = newEndsAt - spanOf(existing, staffId).second;
    const qint64 oldEnd = last->endsAt;
    const qint64 lastStart = last->startsAt;
    if (oldEnd + delta - lastStart < minimumBusyMinutes * 60) {
        return Error::invalid(QCoreApplication::translate(
                                      "chairside", "A service cannot be shorter than %1 minutes.")
                                      .arg(minimumBusyMinutes));
    }
    Appointment resized = existing;
    for (ServiceLine &line : resized.lines) {
        for (BookedSegment &segment : line.segments) {
            if (segment.startsAt >= oldEnd) {
                segment.startsAt += delta;
                segment.endsAt += delta;
            } else if (line.staffId == staffId && segment.kind == SegmentKind::Busy
                       && segment.startsAt == lastStart && segment.endsAt == oldEnd) {
                segment.endsAt += delta;
            }
        }
    }
    return resized;
}

} // namespace chairside
