#pragma once

// The cheap structural checks a row passes before it is written (an id, a
// salon, texts not too long); the booking rules live in scheduling.

#include "domain/appointment.h"
#include "domain/client.h"
#include "domain/error.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/service.h"
#include "domain/shift.h"
#include "domain/staff.h"
#include "domain/waitlistentry.h"

#include <optional>

namespace chairside::storedetail {

// Why the row cannot be saved, as a translated sentence; nothing if it can.
std::optional<Error> check(const Salon &s);
std::optional<Error> check(const Staff &s);
std::optional<Error> check(const Service &s);
std::optional<Error> check(const Resource &r);
std::optional<Error> check(const Client &c);
std::optional<Error> check(const StandingAppointment &s);
std::optional<Error> check(const WaitlistEntry &w);
std::optional<Error> check(const Shift &s);
std::optional<Error> check(const ShiftException &e);
std::optional<Error> check(const TimeOff &t);
std::optional<Error> check(const Appointment &a);

} // namespace chairside::storedetail
