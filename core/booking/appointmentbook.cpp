#include "appointmentbook.h"

#include "appointmentchange.h"
#include "scheduleloader.h"

#include "scheduling/availabilityfinder.h"
#include "scheduling/conflictchecker.h"
#include "scheduling/recurrence.h"
#include "scheduling/schedule.h"
#include "scheduling/visitplanner.h"

#include "domain/salontime.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QUuid>

#include <algorithm>

namespace chairside {

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QStringList messagesOf(const BookingProblems &problems)
{
    QStringList messages;
    for (const BookingProblem &problem : problems)
        messages.append(problem.message);
    return messages;
}

// Local midnight `days` after the day that holds `utc`, in UTC seconds.
qint64 localMidnight(qint64 utc, int days, const SalonTime &time)
{
    return time.dayStart(time.dateOf(utc).addDays(days));
}

// Why a status change is refused, in words.
Error refusedStatus(AppointmentStatus from, AppointmentStatus to)
{
    if (from == to) {
        return Error::invalid(
                QCoreApplication::translate("chairside", "The appointment is already %1.")
                        .arg(appointmentStatusName(to)));
    }
    return Error::invalid(
            QCoreApplication::translate("chairside", "An appointment that is %1 cannot become %2.")
                    .arg(appointmentStatusName(from), appointmentStatusName(to)));
}

} // namespace

AppointmentBook::AppointmentBook(Store &store) : m_store(store) {}

Result<Salon> AppointmentBook::salonOf(const QString &salonId) const
{
    const Result<std::optional<Salon>> salon = m_store.salon(salonId);
    if (!salon)
        return salon.error();
    if (!*salon)
        return Error::notFound(
                QCoreApplication::translate("chairside", "There is no salon “%1”.").arg(salonId));
    if (!QTimeZone((*salon)->timeZone.toUtf8()).isValid()) {
        return Error::invalid(QCoreApplication::translate(
                                      "chairside", "The salon “%1” has an unknown time zone “%2”.")
                                      .arg((*salon)->name, (*salon)->timeZone));
    }
    return **salon;
}

Result<Appointment> AppointmentBook::stored(const QString &appointmentId) const
{
    const Result<std::optional<Appointment>> found = m_store.appointment(appointmentId);
    if (!found)
        return found.error();
    if (!*found)
        return Error::notFound(
                QCoreApplication::translate("chairside", "There is no appointment “%1”.")
                        .arg(appointmentId));
    return **found;
}

Result<AppointmentBook::Plan> AppointmentBook::plan(const BookingRequest &request)
{
    const Result<Salon> salon = salonOf(request.salonId);
    if (!salon)
        return salon.error();
    const SalonTime time(*salon, m_store.clock());
    const QTimeZone &zone = time.zone();

    if (request.lines.isEmpty())
        return Error::invalid(
                QCoreApplication::translate("chairside", "Choose at least one service."));
    const Result<QList<Service>> readServices = m_store.services(salon->id);
    if (!readServices)
        return readServices.error();
    const Result<QList<Staff>> readStaff = m_store.staff(salon->id);
    if (!readStaff)
        return readStaff.error();
    const QList<Service> &services = *readServices;
    const QList<Staff> &staff = *readStaff;
    for (const auto &line : request.lines) {
        const bool knownService = std::any_of(services.cbegin(), services.cend(),
                                              [&](const Service &s) { return s.id == line.first; });
        if (!knownService)
            return Error::notFound(QCoreApplication::translate(
                                           "chairside", "There is no service “%1” in this salon.")
                                           .arg(line.first));
        const bool knownStaff = std::any_of(staff.cbegin(), staff.cend(),
                                            [&](const Staff &s) { return s.id == line.second; });
        if (!knownStaff)
            return Error::notFound(QCoreApplication::translate(
                                           "chairside", "There is no stylist “%1” in this salon.")
                                           .arg(line.second));
    }
    if (!request.clientId.isEmpty()) {
        const Result<std::optional<Client>> client = m_store.client(request.clientId);
        if (!client)
            return client.error();
        if (!*client || (*client)->salonId != salon->id)
            return Error::notFound(QCoreApplication::translate(
                                           "chairside", "There is no client “%1” in this salon.")
                                           .arg(request.clientId));
    } else if (!request.walkIn) {
        return Error::invalid(QCoreApplication::translate(
                "chairside", "Choose a client, or book the visit as a walk-in."));
    }
    if (request.notes.size() > maxNotesLength) {
        return Error::invalid(
                QCoreApplication::translate("chairside",
                                            "The notes are %1 characters long; keep them under %2.")
                        .arg(request.notes.size())
                        .arg(maxNotesLength));
    }
    if (request.depositCents < 0)
        return Error::invalid(
                QCoreApplication::translate("chairside", "A deposit cannot be negative."));

    QList<qint64> starts{request.startsAt};
    Plan plan;
    plan.zone = zone;
    if (!request.rrule.trimmed().isEmpty()) {
        const Result<QList<qint64>> occurrences =
                Recurrence::occurrences(request.rrule, request.startsAt, zone);
        if (!occurrences)
            return occurrences.error();
        if (occurrences->isEmpty())
            return Error::invalid(
                    QCoreApplication::translate("chairside", "The repeat rule “%1” gives no dates.")
                            .arg(request.rrule));
        starts = *occurrences;
        plan.standing.id = newId();
        plan.standing.salonId = salon->id;
        plan.standing.clientId = request.clientId;
        plan.standing.rrule = request.rrule.trimmed();
        plan.standing.firstStartsAt = starts.constFirst();
    }

    const qint64 windowStart = localMidnight(starts.constFirst(), -1, time);
    const qint64 windowEnd = localMidnight(starts.constLast(), 2, time);
    const Result<std::unique_ptr<Schedule>> schedule =
            ScheduleLoader::load(m_store, *salon, windowStart, windowEnd);
    if (!schedule)
        return schedule.error();
    const VisitPlanner planner(**schedule);
    const ConflictChecker checker(**schedule);

    QList<VisitPlanner::LineRequest> lineRequests;
    for (const auto &line : request.lines)
        lineRequests.append({line.first, line.second});

    const qint64 createdAt = m_store.clock().secondsNow();
    for (const qint64 start : std::as_const(starts)) {
        Result<QList<ServiceLine>> lines = planner.plan(lineRequests, start);
        if (!lines)
            return lines.error();
        Appointment appointment;
        appointment.id = newId();
        appointment.salonId = salon->id;
        appointment.clientId = request.clientId;
        appointment.walkIn = request.walkIn;
        appointment.notes = request.notes;
        appointment.depositCents = request.depositCents;
        appointment.seriesId = plan.standing.id;
        appointment.createdBy = request.by;
        appointment.createdAt = createdAt;
        appointment.changedBy = request.by;
        appointment.changedAt = createdAt;
        appointment.lines = std::move(*lines);
        for (ServiceLine &line : appointment.lines) {
            if (line.id.isEmpty())
                line.id = newId();
        }
        const BookingProblems problems = checker.check(appointment);
        if (!problems.isEmpty()) {
            appointment.overbooked = true;
            appointment.overbookReason = messagesOf(problems).join(QLatin1Char('\n'));
        }
        // Later occurrences must not collide with earlier ones of the series.
        (*schedule)->addAppointment(appointment);
        plan.appointments.append(appointment);
        plan.problems.append(problems);
    }
    return plan;
}

Result<QList<Appointment>> AppointmentBook::book(const BookingRequest &request)
{
    Result<Plan> planned = plan(request);
    if (!planned)
        return planned.error();
    const Plan &p = *planned;

    QStringList messages;
    const bool standing = !p.standing.id.isEmpty();
    for (int i = 0; i < p.appointments.size(); ++i) {
        for (const BookingProblem &problem : p.problems.at(i)) {
            messages.append(standing ? QCoreApplication::translate("chairside", "%1: %2")
                                               .arg(SalonTime::localDate(
                                                            p.appointments.at(i).startsAt(), p.zone)
                                                            .toString(Qt::ISODate),
                                                    problem.message)
                                     : problem.message);
        }
    }
    if (!messages.isEmpty() && !request.overbook)
        return Error::conflict(messages.join(QLatin1Char('\n')));

    if (const Result<void> saved = m_store.save(p.appointments, standing ? &p.standing : nullptr,
                                                request.waitlistEntryId);
        !saved)
        return saved.error();
    return p.appointments;
}

Result<BookingProblems> AppointmentBook::problems(const BookingRequest &request)
{
    Result<Plan> planned = plan(request);
    if (!planned)
        return planned.error();
    BookingProblems all;
    for (const BookingProblems &problems : std::as_const(planned->problems))
        all.append(problems);
    return all;
}

Result<Appointment> AppointmentBook::move(const QString &appointmentId, qint64 newStartsAt,
                                          const QString &newStaffId, bool overbook,
                                          const QString &by)
{
    const Result<Appointment> existing = stored(appointmentId);
    if (!existing)
        return existing.error();
    using S = AppointmentStatus;
    if (existing->status == S::Cancelled || existing->status == S::NoShow
        || existing->status == S::Completed) {
        return Error::invalid(QCoreApplication::translate(
                                      "chairside", "The appointment is %1; it cannot be moved.")
                                      .arg(appointmentStatusName(existing->status)));
    }
    const Result<Salon> salon = salonOf(existing->salonId);
    if (!salon)
        return salon.error();
    const SalonTime time(*salon, m_store.clock());
    if (!newStaffId.isEmpty()) {
        const Result<QList<Staff>> staff = m_store.staff(salon->id);
        if (!staff)
            return staff.error();
        const bool known = std::any_of(staff->cbegin(), staff->cend(),
                                       [&](const Staff &s) { return s.id == newStaffId; });
        if (!known)
            return Error::notFound(QCoreApplication::translate(
                                           "chairside", "There is no stylist “%1” in this salon.")
                                           .arg(newStaffId));
    }

    const qint64 windowStart = localMidnight(newStartsAt, -1, time);
    const qint64 windowEnd = localMidnight(newStartsAt, 2, time);
    const Result<std::unique_ptr<Schedule>> schedule =
            ScheduleLoader::load(m_store, *salon, windowStart, windowEnd);
    if (!schedule)
        return schedule.error();

    QList<VisitPlanner::LineRequest> lineRequests;
    for (const ServiceLine &line : existing->lines)
        lineRequests.append({line.serviceId, newStaffId.isEmpty() ? line.staffId : newStaffId});
    Result<QList<ServiceLine>> lines = VisitPlanner(**schedule).plan(lineRequests, newStartsAt);
    if (!lines)
        return lines.error();

    Appointment moved = *existing;
    moved.lines = std::move(*lines);
    for (int i = 0; i < moved.lines.size(); ++i)
        moved.lines[i].id = i < existing->lines.size() ? existing->lines.at(i).id : newId();
    moved.changedBy = by;
    moved.changedAt = m_store.clock().secondsNow();

    // The checker ignores the appointment's own id: it does not collide with
    // where it was.
    const BookingProblems problems = ConflictChecker(**schedule).check(moved);
    if (!problems.isEmpty() && !overbook)
        return Error::conflict(messagesOf(problems).join(QLatin1Char('\n')));
    moved.overbooked = !problems.isEmpty();
    moved.overbookReason = messagesOf(problems).join(QLatin1Char('\n'));

    if (const Result<void> saved = m_store.save(moved); !saved)
        return saved.error();
    return moved;
}

Result<std::unique_ptr<Schedule>>
AppointmentBook::schedule(const QString &salonId, qint64 from, qint64 to,
                          ScheduleLoader::Appointments appointments) const
{
    const Result<Salon> salon = salonOf(salonId);
    if (!salon)
        return salon.error();
    return ScheduleLoader::load(m_store, *salon, from, to, appointments);
}

Result<Appointment> AppointmentBook::checkAndSave(Appointment changed, bool overbook,
                                                  const QString &by)
{
    const Result<Salon> salon = salonOf(changed.salonId);
    if (!salon)
        return salon.error();
    const SalonTime time(*salon, m_store.clock());
    const Result<std::unique_ptr<Schedule>> schedule =
            ScheduleLoader::load(m_store, *salon, localMidnight(changed.startsAt(), -1, time),
                                 localMidnight(changed.startsAt(), 2, time));
    if (!schedule)
        return schedule.error();
    const BookingProblems problems = ConflictChecker(**schedule).check(changed);
    const bool invalid = std::any_of(problems.cbegin(), problems.cend(), [](const auto &p) {
        return p.kind == BookingProblem::Kind::Invalid;
    });
    if (!problems.isEmpty() && (!overbook || invalid))
        return Error::conflict(messagesOf(problems).join(QLatin1Char('\n')));
    changed.overbooked = !problems.isEmpty();
    changed.overbookReason = messagesOf(problems).join(QLatin1Char('\n'));
    changed.changedBy = by;
    changed.changedAt = m_store.clock().secondsNow();
    if (const Result<void> saved = m_store.save(changed); !saved)
        return saved.error();
    return changed;
}

Result<Appointment> AppointmentBook::shift(const QString &appointmentId, qint64 newStartsAt,
                                           const QString &fromStaffId, const QString &toStaffId,
                                           bool overbook, const QString &by)
{
    const Result<Appointment> existing = stored(appointmentId);
    if (!existing)
        return existing.error();
    Result<Appointment> moved =
            AppointmentChange::moved(*existing, newStartsAt, fromStaffId, toStaffId);
    if (!moved)
        return moved.error();
    return checkAndSave(std::move(*moved), overbook, by);
}

Result<Appointment> AppointmentBook::resize(const QString &appointmentId, const QString &staffId,
                                            qint64 newEndsAt, bool overbook, const QString &by)
{
    const Result<Appointment> existing = stored(appointmentId);
    if (!existing)
        return existing.error();
    Result<Appointment> resized = AppointmentChange::resized(*existing, staffId, newEndsAt);
    if (!resized)
        return resized.error();
    return checkAndSave(std::move(*resized), overbook, by);
}

Result<Appointment> AppointmentBook::restore(const Appointment &previous)
{
    const Result<Salon> salon = salonOf(previous.salonId);
    if (!salon)
        return salon.error();
    if (holdsTime(previous.status) && !previous.overbooked) {
        const SalonTime time(*salon, m_store.clock());
        const Result<std::unique_ptr<Schedule>> schedule =
                ScheduleLoader::load(m_store, *salon, localMidnight(previous.startsAt(), -1, time),
                                     localMidnight(previous.startsAt(), 2, time));
        if (!schedule)
            return schedule.error();
        const BookingProblems problems = ConflictChecker(**schedule).check(previous);
        if (!problems.isEmpty()) {
            return Error::conflict(
                    QCoreApplication::translate("chairside",
                                                "The appointment cannot go back to how it was:\n%1")
                            .arg(messagesOf(problems).join(QLatin1Char('\n'))));
        }
    }
    // A no-show counts against the client; giving it or taking it back
    // changes the count as setStatus does.
    const Result<std::optional<Appointment>> current = m_store.appointment(previous.id);
    if (!current)
        return current.error();
    const bool wasNoShow = *current && (*current)->status == AppointmentStatus::NoShow;
    const bool becomesNoShow = previous.status == AppointmentStatus::NoShow;
    std::optional<Client> client;
    if (wasNoShow != becomesNoShow && !previous.clientId.isEmpty()) {
        const Result<std::optional<Client>> read = m_store.client(previous.clientId);
        if (!read)
            return read.error();
        client = *read;
        if (client)
            client->noShowCount = std::max(0, client->noShowCount + (becomesNoShow ? 1 : -1));
    }
    const Result<void> saved = client ? m_store.save(previous, *client) : m_store.save(previous);
    if (!saved)
        return saved.error();
    return previous;
}

Result<Appointment> AppointmentBook::cancel(const QString &appointmentId, const QString &by,
                                            const QString &reason)
{
    if (reason.size() > maxNotesLength) {
        return Error::invalid(
                QCoreApplication::translate("chairside",
                                            "The reason is %1 characters long; keep it under %2.")
                        .arg(reason.size())
                        .arg(maxNotesLength));
    }
    return changeStatus(appointmentId, AppointmentStatus::Cancelled, by, reason);
}

Result<Appointment> AppointmentBook::setStatus(const QString &appointmentId,
                                               AppointmentStatus status, const QString &by)
{
    return changeStatus(appointmentId, status, by, {});
}

Result<Appointment> AppointmentBook::changeStatus(const QString &appointmentId,
                                                  AppointmentStatus status, const QString &by,
                                                  const QString &cancelReason)
{
    const Result<Appointment> existing = stored(appointmentId);
    if (!existing)
        return existing.error();
    if (!canMoveStatus(existing->status, status))
        return refusedStatus(existing->status, status);

    Appointment changed = *existing;
    changed.status = status;
    if (status == AppointmentStatus::Cancelled)
        changed.cancelReason = cancelReason;
    changed.changedBy = by;
    changed.changedAt = m_store.clock().secondsNow();

    std::optional<Client> client;
    if (status == AppointmentStatus::NoShow && !changed.clientId.isEmpty()) {
        const Result<std::optional<Client>> read = m_store.client(changed.clientId);
        if (!read)
            return read.error();
        client = *read;
        if (client)
            ++client->noShowCount;
    }
    const Result<void> saved = client ? m_store.save(changed, *client) : m_store.save(changed);
    if (!saved)
        return saved.error();
    return changed;
}

Result<QList<Slot>> AppointmentBook::freeSlots(const QString &salonId, const VisitRequest &request,
                                               qint64 from, qint64 to, int stepMinutes, int limit)
{
    const Result<std::unique_ptr<Schedule>> loaded = schedule(salonId, from, to);
    if (!loaded)
        return loaded.error();
    return freeSlots(**loaded, request, from, to, stepMinutes, limit);
}

Result<QList<Slot>> AppointmentBook::freeSlots(const Schedule &schedule,
                                               const VisitRequest &request, qint64 from, qint64 to,
                                               int stepMinutes, int limit)
{
    if (to <= from)
        return Error::invalid(QCoreApplication::translate(
                "chairside", "The end of the range is before its start."));
    if (stepMinutes <= 0 || stepMinutes > 24 * 60)
        return Error::invalid(QCoreApplication::translate(
                "chairside", "The step between slots must be between 1 minute and a day."));
    if (request.serviceIds.isEmpty())
        return Error::invalid(
                QCoreApplication::translate("chairside", "Choose at least one service."));
    for (const QString &id : request.serviceIds) {
        if (!schedule.service(id))
            return Error::notFound(QCoreApplication::translate(
                                           "chairside", "There is no service “%1” in this salon.")
                                           .arg(id));
    }
    if (!request.staffId.isEmpty() && !schedule.staffMember(request.staffId))
        return Error::notFound(
                QCoreApplication::translate("chairside", "There is no stylist “%1” in this salon.")
                        .arg(request.staffId));
    return AvailabilityFinder(schedule).freeSlots(request, from, to, stepMinutes, limit);
}

} // namespace chairside
