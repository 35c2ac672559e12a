#include "scheduleloader.h"

#include "domain/salontime.h"
#include "store/store.h"

namespace chairside {

std::unique_ptr<Schedule> ScheduleLoader::load(const Store &store, const Salon &salon, qint64 from,
                                               qint64 to, Appointments appointments)
{
    const SalonTime time(salon, store.clock());
    Schedule::Inputs inputs;
    inputs.salon = salon;
    inputs.staff = store.staff(salon.id);
    inputs.services = store.services(salon.id);
    inputs.resources = store.resources(salon.id);
    inputs.shifts = store.shifts(salon.id);
    inputs.shiftExceptions = store.shiftExceptions(salon.id, time.dateOf(from).addDays(-1),
                                                   time.dateOf(to).addDays(1));
    inputs.timeOff = store.timeOff(salon.id, from - 86400, to + 86400);
    if (appointments == Appointments::Include) {
        for (const Appointment &appointment :
             store.appointments(salon.id, from - 86400, to + 86400)) {
            if (holdsTime(appointment.status))
                inputs.appointments.append(appointment);
        }
    }
    return std::make_unique<Schedule>(std::move(inputs));
}

} // namespace chairside
