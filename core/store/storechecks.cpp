#include "storechecks.h"

#include "store.h"
#include "storerows.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimeZone>

namespace chairside::storedetail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("chairside", text);
}

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
                tr("The %1 has no id, so it cannot be saved.").arg(entityNoun(entity)));
    if (salonId.isEmpty())
        return Error::invalid(tr("The %1 %2 belongs to no salon, so it cannot be saved.")
                                      .arg(entityNoun(entity), id));
    if (tooLong)
        return Error::invalid(tr("A text of the %1 %2 is longer than %3 "
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
        return Error::invalid(tr("The %1 %2 names no staff member, so it cannot be saved.")
                                      .arg(entityNoun(entity), id));
    return checkRow(entity, id, staffId, tooLong);
}

// The row's first broken rule, in the order the rules are given.
class Rules
{
public:
    Rules(Entity entity, const QString &id) : m_entity(entity), m_id(id) {}

    // `sentence` has %1 for the row ("The client 1234").
    Rules &require(bool holds, const char *sentence)
    {
        if (!m_error && !holds)
            m_error = Error::invalid(QCoreApplication::translate("chairside", sentence)
                                             .arg(tr("The %1 %2").arg(entityNoun(m_entity), m_id)));
        return *this;
    }
    Rules &then(std::optional<Error> error)
    {
        if (!m_error && error)
            m_error = std::move(error);
        return *this;
    }
    std::optional<Error> result() const { return m_error; }

private:
    Entity m_entity;
    QString m_id;
    std::optional<Error> m_error;
};

bool hasText(const QString &text)
{
    return !text.trimmed().isEmpty();
}

bool isInstant(qint64 secs)
{
    return secs >= Store::earliestInstant && secs <= Store::latestInstant;
}

constexpr int dayMinutes = 24 * 60;

// Working hours of a day: start within the day, at most 24 hours long, every
// break inside them (what `shifts add` and `shifts exception` accept).
bool validHours(int start, int end, const QList<Break> &breaks)
{
    if (start < 0 || start >= dayMinutes || end <= start || end - start > dayMinutes)
        return false;
    for (const Break &b : breaks) {
        if (b.endMinute <= b.startMinute || b.startMinute < start || b.endMinute > end)
            return false;
    }
    return true;
}

// The steps of a service (or a stylist's own timing of it): at least one,
// busy or processing, each at least a minute, together within a day.
bool validSteps(const QList<ServiceSegment> &segments)
{
    int total = 0;
    for (const ServiceSegment &segment : segments) {
        if (segment.kind == SegmentKind::Buffer || segment.minutes < 1
            || segment.minutes > dayMinutes)
            return false;
        total += segment.minutes;
    }
    return !segments.isEmpty() && total <= dayMinutes;
}

bool validOpeningHours(const std::array<DayHours, 7> &week)
{
    for (const DayHours &day : week) {
        const bool closed = day.openMinute == -1 && day.closeMinute == -1;
        const bool open = day.openMinute >= 0 && day.closeMinute > day.openMinute
                && day.closeMinute <= dayMinutes;
        if (!closed && !open)
            return false;
    }
    return true;
}

// A visit's steps: each service's steps in time order, none overlapping the
// next, each lasting at least a minute (what ConflictChecker::validate asks
// of a booking).
std::optional<Error> checkSegments(const Appointment &a)
{
    for (const ServiceLine &line : a.lines) {
        if (line.segments.isEmpty())
            return Error::invalid(
                    tr("A service of the appointment %1 has no times, so it cannot be saved.")
                            .arg(a.id));
        qint64 previousEnd = std::numeric_limits<qint64>::min();
        for (const BookedSegment &segment : line.segments) {
            if (!isInstant(segment.startsAt) || !isInstant(segment.endsAt))
                return Error::invalid(
                        tr("A part of the appointment %1 is at a time no calendar shows.")
                                .arg(a.id));
            if (segment.endsAt <= segment.startsAt)
                return Error::invalid(
                        tr("A part of the appointment %1 ends before it starts or takes no time.")
                                .arg(a.id));
            if (segment.startsAt < previousEnd)
                return Error::invalid(
                        tr("Two steps of a service of the appointment %1 overlap each other.")
                                .arg(a.id));
            previousEnd = segment.endsAt;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<Error> check(const Salon &s)
{
    return Rules(Entity::Salon, s.id)
            .then(checkRow(Entity::Salon, s.id, s.id, anyTooLong(s.name, s.timeZone)))
            .require(hasText(s.name), "%1 has no name.")
            .require(QTimeZone::isTimeZoneIdAvailable(s.timeZone.toUtf8()),
                     "%1 has a time zone Chairside does not know.")
            .require(validOpeningHours(s.openingHours),
                     "%1 has opening hours that cannot be: each day is closed, or opens "
                     "before it closes within the day.")
            .require(s.patchTestMinHours >= 0 && s.patchTestMinHours <= Store::maxPatchTestMinHours,
                     "%1 asks for a patch test outside 0 to 720 hours before a visit.")
            .require(s.patchTestMaxDays >= 1 && s.patchTestMaxDays <= Store::maxPatchTestMaxDays,
                     "%1 keeps a patch test valid for other than 1 to 3650 days.")
            .result();
}

std::optional<Error> check(const Staff &s)
{
    static const QRegularExpression colour(QStringLiteral("^(#[0-9A-Fa-f]{6})?$"));
    bool skillsValid = true;
    for (const Skill &skill : s.skills)
        skillsValid = skillsValid && !skill.serviceId.isEmpty()
                && (skill.segmentsOverride.isEmpty() || validSteps(skill.segmentsOverride));
    return Rules(Entity::Staff, s.id)
            .then(checkRow(Entity::Staff, s.id, s.salonId, anyTooLong(s.name, s.colour)))
            .require(hasText(s.name), "%1 has no name.")
            .require(colour.match(s.colour).hasMatch(),
                     "%1 has a colour that is not written as #RRGGBB.")
            .require(skillsValid,
                     "%1 has a service of their own timing with steps that cannot be: each "
                     "step is busy or processing and lasts at least a minute.")
            .result();
}

std::optional<Error> check(const Service &s)
{
    return Rules(Entity::Service, s.id)
            .then(checkRow(Entity::Service, s.id, s.salonId, anyTooLong(s.name, s.category)))
            .require(hasText(s.name), "%1 has no name.")
            .require(s.priceCents >= 0, "%1 has a negative price.")
            .require(validSteps(s.segments),
                     "%1 has steps that cannot be: at least one, each busy or processing, "
                     "each at least a minute, all within a day.")
            .require(s.bufferAfterMinutes >= 0 && s.bufferAfterMinutes <= Store::maxBufferMinutes,
                     "%1 has a clean-up time outside 0 to 240 minutes.")
            .require(s.rebookWeeks >= 0 && s.rebookWeeks <= Store::maxRebookWeeks,
                     "%1 suggests rebooking outside 0 to 52 weeks.")
            .result();
}

std::optional<Error> check(const Resource &r)
{
    return Rules(Entity::Resource, r.id)
            .then(checkRow(Entity::Resource, r.id, r.salonId, anyTooLong(r.name, r.kind)))
            .require(hasText(r.name), "%1 has no name.")
            .require(r.count >= 1 && r.count <= Store::maxResourceCount,
                     "%1 has a count outside 1 to 1000.")
            .result();
}

std::optional<Error> check(const Client &c)
{
    static const QRegularExpression phone(QStringLiteral(R"(^[+0-9 ()./-]{0,40}$)"));
    static const QRegularExpression email(QStringLiteral(R"(^([^@\s]+@[^@\s]+\.[^@\s]+)?$)"));
    return Rules(Entity::Client, c.id)
            .then(checkRow(Entity::Client, c.id, c.salonId,
                           anyTooLong(c.name, c.phone, c.email, c.notes)))
            .require(hasText(c.name), "%1 has no name.")
            .require(phone.match(c.phone).hasMatch(), "%1 has a phone number that cannot be.")
            .require(email.match(c.email).hasMatch(), "%1 has an email address that cannot be.")
            .require(c.noShowCount >= 0, "%1 has a negative no-show count.")
            .result();
}

std::optional<Error> check(const StandingAppointment &s)
{
    return Rules(Entity::StandingAppointment, s.id)
            .then(checkRow(Entity::StandingAppointment, s.id, s.salonId, anyTooLong(s.rrule)))
            .require(hasText(s.rrule), "%1 has no repeat rule.")
            .require(isInstant(s.firstStartsAt), "%1 starts at a time no calendar shows.")
            .result();
}

std::optional<Error> check(const WaitlistEntry &w)
{
    bool servicesNamed = !w.serviceIds.isEmpty();
    for (const QString &id : w.serviceIds)
        servicesNamed = servicesNamed && !id.isEmpty();
    return Rules(Entity::WaitlistEntry, w.id)
            .then(checkRow(Entity::WaitlistEntry, w.id, w.salonId, anyTooLong(w.notes)))
            .require(!w.clientId.isEmpty(), "%1 names no client.")
            .require(servicesNamed, "%1 names no service.")
            .require(!w.earliest.isValid() || !w.latest.isValid() || w.earliest <= w.latest,
                     "%1 has its latest date before its earliest.")
            .require(isInstant(w.createdAt), "%1 was made at a time no calendar shows.")
            .result();
}

std::optional<Error> check(const Shift &s)
{
    return Rules(Entity::Shift, s.id)
            .then(checkStaffRow(Entity::Shift, s.id, s.staffId, false))
            .require(s.weekday >= 1 && s.weekday <= 7, "%1 is on a day of the week that cannot be.")
            .require(validHours(s.startMinute, s.endMinute, s.breaks),
                     "%1 has hours that cannot be: it starts within its day, ends after it "
                     "starts, lasts at most 24 hours, and every break is inside it.")
            .require(s.everyWeeks >= 1 && s.everyWeeks <= 4,
                     "%1 repeats other than every 1 to 4 weeks.")
            .require(!s.validFrom.isValid() || !s.validUntil.isValid()
                             || s.validFrom <= s.validUntil,
                     "%1 has its last date before its first.")
            .result();
}

std::optional<Error> check(const ShiftException &e)
{
    return Rules(Entity::ShiftException, e.id)
            .then(checkStaffRow(Entity::ShiftException, e.id, e.staffId, anyTooLong(e.reason)))
            .require(e.date.isValid(), "%1 has no date.")
            .require(!e.working || validHours(e.startMinute, e.endMinute, e.breaks),
                     "%1 has hours that cannot be: it starts within its day, ends after it "
                     "starts, lasts at most 24 hours, and every break is inside it.")
            .result();
}

std::optional<Error> check(const TimeOff &t)
{
    return Rules(Entity::TimeOff, t.id)
            .then(checkStaffRow(Entity::TimeOff, t.id, t.staffId, anyTooLong(t.reason)))
            .require(isInstant(t.startsAt) && isInstant(t.endsAt),
                     "%1 is at a time no calendar shows.")
            .require(t.endsAt > t.startsAt, "%1 ends before it starts.")
            .result();
}

std::optional<Error> check(const Appointment &a)
{
    if (auto error = checkRow(
                Entity::Appointment, a.id, a.salonId,
                anyTooLong(a.notes, a.overbookReason, a.cancelReason, a.createdBy, a.changedBy)))
        return error;
    if (a.lines.isEmpty())
        return Error::invalid(
                tr("The appointment %1 has no service, so it cannot be saved.").arg(a.id));
    if (auto error = checkSegments(a))
        return error;
    return Rules(Entity::Appointment, a.id)
            .require(a.depositCents >= 0, "%1 has a negative deposit.")
            .require(a.cancelReason.isEmpty() || a.status == AppointmentStatus::Cancelled,
                     "%1 has a reason for cancelling but is not cancelled.")
            .require(isInstant(a.createdAt) && isInstant(a.changedAt),
                     "%1 was made or changed at a time no calendar shows.")
            .result();
}

} // namespace chairside::storedetail
