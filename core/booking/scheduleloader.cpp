#include "scheduleloader.h"

#include "domain/salontime.h"
#include "store/store.h"

namespace chairside {

namespace {

// Moves the rows of `read` into `into`, or keeps its error in `failed`.
template <typename T>
bool take(Result<T> read, T &into, std::optional<Error> &failed)
{
    if (!read) {
        failed = read.error();
        return false;
    }
    into = std::move(*read);
    return true;
}

} // namespace

Result<std::unique_ptr<Schedule>> ScheduleLoader::load(const Store &store, const Salon &salon,
                                                       qint64 from, qint64 to,
                                                       Appointments appointments)
{
    const SalonTime time(salon, store.clock());
    Schedule::Inputs inputs;
    inputs.salon = salon;
    std::optional<Error> failed;
    QList<Appointment> booked;
    const bool read = take(store.staff(salon.id), inputs.staff, failed)
            && take(store.services(salon.id), inputs.services, failed)
            && take(store.resources(salon.id), inputs.resources, failed)
            && take(store.shifts(salon.id), inputs.shifts, failed)
            && take(store.shiftExceptions(salon.id, time.dateOf(from).addDays(-1),
                                          time.dateOf(to).addDays(1)),
                    inputs.shiftExceptions, failed)
            && take(store.timeOff(salon.id, from - 86400, to + 86400), inputs.timeOff, failed)
            && (appointments == Appointments::Leave
                || take(store.appointments(salon.id, from - 86400, to + 86400), booked, failed));
    if (!read)
        return *failed;
    for (const Appointment &appointment : booked) {
        if (holdsTime(appointment.status))
            inputs.appointments.append(appointment);
    }
    return std::make_unique<Schedule>(std::move(inputs));
}

} // namespace chairside
