#pragma once

#include "scheduling/schedule.h"

#include "domain/error.h"

#include <memory>

namespace chairside {

class Store;

// Reads what a Schedule needs from the store: the one loader for the
// booking service, the day sheet and the slot finder. scheduling/ itself
// never reads the store (its rules take values).
class ScheduleLoader
{
public:
    enum class Appointments {
        Include, // the visits that hold time in the window (booking, slots)
        Leave,   // rota only (the day sheet reads the day's visits itself)
    };

    // The salon's schedule for [from, to) (UTC seconds). A day either side
    // is read too: shifts past midnight and visits that cross it. A read
    // that fails gives its error.
    static Result<std::unique_ptr<Schedule>>
    load(const Store &store, const Salon &salon, qint64 from, qint64 to,
         Appointments appointments = Appointments::Include);
};

} // namespace chairside
