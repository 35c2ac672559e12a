#include "storechecks.h"

#include "store.h"
#include "storerows.h"

#include <QCoreApplication>

namespace chairside::storedetail {

namespace {

template <typename... Texts>
bool anyTooLong(const Texts &...texts)
{
    return ((texts.size() > Store::maxTextLength) || ...);
}

std::optional<Error> checkRow(Entity entity, const QString &id, const QString &salonId,
                              bool tooLong)
{
    if (id.isEmpty())
        return Error::invalid(
                QCoreApplication::translate("chairside", "The %1 has no id, so it cannot be saved.")
                        .arg(entityNoun(entity)));
    if (salonId.isEmpty())
        return Error::invalid(
                QCoreApplication::translate("chairside",
                                            "The %1 %2 belongs to no salon, so it cannot be saved.")
                        .arg(entityNoun(entity), id));
    if (tooLong)
        return Error::invalid(QCoreApplication::translate("chairside",
                                                          "A text of the %1 %2 is longer than %3 "
                                                          "characters; shorten it and save again.")
                                      .arg(entityNoun(entity), id)
                                      .arg(Store::maxTextLength));
    return std::nullopt;
}

// Shifts, exceptions and time off name their stylist, whose salon they take.
std::optional<Error> checkStaffRow(Entity entity, const QString &id, const QString &staffId,
                                   bool tooLong)
{
    if (staffId.isEmpty())
        return Error::invalid(
                QCoreApplication::translate(
                        "chairside", "The %1 %2 names no staff member, so it cannot be saved.")
                        .arg(entityNoun(entity), id));
    return checkRow(entity, id, staffId, tooLong);
}

} // namespace

std::optional<Error> check(const Salon &s)
{
    return checkRow(Entity::Salon, s.id, s.id, anyTooLong(s.name, s.timeZone));
}
std::optional<Error> check(const Staff &s)
{
    return checkRow(Entity::Staff, s.id, s.salonId, anyTooLong(s.name, s.colour));
}
std::optional<Error> check(const Service &s)
{
    return checkRow(Entity::Service, s.id, s.salonId, anyTooLong(s.name, s.category));
}
std::optional<Error> check(const Resource &r)
{
    return checkRow(Entity::Resource, r.id, r.salonId, anyTooLong(r.name, r.kind));
}
std::optional<Error> check(const Client &c)
{
    return checkRow(Entity::Client, c.id, c.salonId, anyTooLong(c.name, c.phone, c.email, c.notes));
}
std::optional<Error> check(const StandingAppointment &s)
{
    return checkRow(Entity::StandingAppointment, s.id, s.salonId, anyTooLong(s.rrule));
}
std::optional<Error> check(const WaitlistEntry &w)
{
    return checkRow(Entity::WaitlistEntry, w.id, w.salonId, anyTooLong(w.notes));
}
std::optional<Error> check(const Shift &s)
{
    return checkStaffRow(Entity::Shift, s.id, s.staffId, false);
}
std::optional<Error> check(const ShiftException &e)
{
    return checkStaffRow(Entity::ShiftException, e.id, e.staffId, anyTooLong(e.reason));
}
std::optional<Error> check(const TimeOff &t)
{
    return checkStaffRow(Entity::TimeOff, t.id, t.staffId, anyTooLong(t.reason));
}

std::optional<Error> check(const Appointment &a)
{
    if (auto error = checkRow(Entity::Appointment, a.id, a.salonId,
                              anyTooLong(a.notes, a.overbookReason, a.createdBy, a.changedBy)))
        return error;
    if (a.lines.isEmpty())
        return Error::invalid(
                QCoreApplication::translate(
                        "chairside", "The appointment %1 has no service, so it cannot be saved.")
                        .arg(a.id));
    for (const ServiceLine &line : a.lines) {
        if (line.segments.isEmpty())
            return Error::invalid(
                    QCoreApplication::translate(
                            "chairside",
                            "A service of the appointment %1 has no times, so it cannot be saved.")
                            .arg(a.id));
        for (const BookedSegment &segment : line.segments) {
            if (segment.endsAt < segment.startsAt)
                return Error::invalid(
                        QCoreApplication::translate(
                                "chairside", "A part of the appointment %1 ends before it starts.")
                                .arg(a.id));
        }
    }
    const auto [start, end] = visitSpan(a);
    if (end <= start)
        return Error::invalid(
                QCoreApplication::translate(
                        "chairside", "The appointment %1 takes no time, so it cannot be saved.")
                        .arg(a.id));
    return std::nullopt;
}

} // namespace chairside::storedetail
