#include "appointmentdrag.h"

#include "booking/appointmentbook.h"
#include "booking/appointmentchange.h"
#include "domain/salontime.h"
#include "scheduling/conflictchecker.h"
#include "scheduling/schedule.h"
#include "store/store.h"

#include <QCoreApplication>

#include <algorithm>

namespace chairside {

AppointmentDrag::~AppointmentDrag() = default;

Result<std::unique_ptr<AppointmentDrag>> AppointmentDrag::start(Store &store, const Salon &salon,
                                                                const QDate &date,
                                                                const QString &appointmentId)
{
    const Result<std::optional<Appointment>> read = store.appointment(appointmentId);
    if (!read)
        return read.error();
    const std::optional<Appointment> &appointment = *read;
    if (!appointment)
        return Error::notFound(
                QCoreApplication::translate("chairside", "There is no appointment “%1”.")
                        .arg(appointmentId));
    // The shown day and a day either side: a drop lands on the shown day,
    // and visits crossing midnight still count.
    const SalonTime time(salon, store.clock());
    const qint64 from = time.dayStart(date.addDays(-1));
    const qint64 to = time.dayEnd(date.addDays(1));
    Result<std::unique_ptr<Schedule>> schedule =
            AppointmentBook(store).schedule(salon.id, from, to);
    if (!schedule)
        return schedule.error();
    std::unique_ptr<AppointmentDrag> drag(new AppointmentDrag);
    drag->m_schedule = std::move(*schedule);
    drag->m_original = *appointment;
    drag->m_date = date;
    return drag;
}

qint64 AppointmentDrag::utcAt(int minute) const
{
    return m_schedule->toUtc(m_date, minute);
}

Result<Appointment> AppointmentDrag::proposed(const DayView::Drop &drop) const
{
    if (drop.kind == DayView::Drop::Kind::Resize)
        return AppointmentChange::resized(m_original, drop.fromStaffId, utcAt(drop.endMinute));
    // The dragged stylist's block moves to the drop; the rest of the visit with it.
    const qint64 blockStart = AppointmentChange::spanOf(m_original, drop.fromStaffId).first;
    const qint64 newStart = m_original.startsAt() + (utcAt(drop.startMinute) - blockStart);
    const bool sameStylist = drop.toStaffId == drop.fromStaffId;
    return AppointmentChange::moved(m_original, newStart,
                                    sameStylist ? QString() : drop.fromStaffId,
                                    sameStylist ? QString() : drop.toStaffId);
}

DayView::DropCheck AppointmentDrag::check(const DayView::Drop &drop) const
{
    using Outcome = DayView::DropCheck::Outcome;
    const Result<Appointment> appointment = proposed(drop);
    if (!appointment)
        return {Outcome::Refused, {appointment.error().message}};
    const BookingProblems problems = ConflictChecker(*m_schedule).check(*appointment);
    if (problems.isEmpty())
        return {};
    DayView::DropCheck result{Outcome::Problems, {}};
    for (const BookingProblem &problem : problems) {
        if (problem.kind == BookingProblem::Kind::Invalid)
            result.outcome = Outcome::Refused;
        result.reasons.append(problem.message);
    }
    return result;
}

} // namespace chairside
