#pragma once

#include "dayview.h"

#include "domain/appointment.h"
#include "domain/error.h"
#include "domain/salon.h"

#include <QDate>

#include <memory>

namespace chairside {

class Schedule;
class Store;

// One drag of a block in the day view: the salon's schedule is read from
// the store once, when the drag starts, so every mouse move is checked in
// memory (ConflictChecker) and never waits on the disk.
class AppointmentDrag
{
public:
    // The drag of `appointmentId` on `date` (the day shown).
    static Result<std::unique_ptr<AppointmentDrag>>
    start(Store &store, const Salon &salon, const QDate &date, const QString &appointmentId);
    ~AppointmentDrag();

    const Appointment &original() const { return m_original; }
    // The appointment as it would be after `drop`, or why it cannot be.
    Result<Appointment> proposed(const DayView::Drop &drop) const;
    // Fits, has problems (can be overbooked knowingly), or is refused.
    DayView::DropCheck check(const DayView::Drop &drop) const;
    // UTC seconds of `minute` on the shown day.
    qint64 utcAt(int minute) const;

private:
    AppointmentDrag() = default;

    std::unique_ptr<Schedule> m_schedule;
    Appointment m_original;
    QDate m_date;
};

} // namespace chairside
