#include "liveschedule.h"

#include "appointmentbook.h"

#include "logging.h"
#include "scheduling/schedule.h"
#include "store/store.h"

namespace chairside {

namespace {

// ScheduleLoader::load reads a day either side of its range (shifts past
// midnight, visits that cross it); a changed row is kept when that read
// would have found it.
constexpr qint64 margin = 86400;

template <typename Row>
const Row *findById(const QList<Row> &rows, const QString &id)
{
    const auto it = std::find_if(rows.cbegin(), rows.cend(),
                                 [&id](const Row &row) { return row.id == id; });
    return it != rows.cend() ? &*it : nullptr;
}

} // namespace

LiveSchedule::LiveSchedule(Store &store, const QString &salonId, QObject *parent)
    : LiveSchedule(store, salonId, ScheduleLoader::Appointments::Include, parent)
{}

LiveSchedule::LiveSchedule(Store &store, const QString &salonId,
                           ScheduleLoader::Appointments appointments, QObject *parent)
    : QObject(parent), m_store(store), m_salonId(salonId), m_appointments(appointments)
{
    connect(&m_store, &Store::changed, this, &LiveSchedule::note);
    connect(&m_store, &Store::contentsReplaced, this, [this] { m_stale = true; });
}

LiveSchedule::~LiveSchedule() = default;

void LiveSchedule::setSalon(const QString &salonId)
{
    if (salonId == m_salonId)
        return;
    m_salonId = salonId;
    m_schedule.reset();
    m_pending.clear();
    m_stale = false;
}

Result<const Schedule *> LiveSchedule::schedule(qint64 from, qint64 to)
{
    if (const Result<void> caughtUp = catchUp(); !caughtUp)
        return caughtUp.error();
    if (m_schedule && from >= m_from && to <= m_to)
        return m_schedule.get();

    // Twice the range asked for: the next page of slots, and the same
    // question a few minutes later, are answered from memory. A rota alone
    // reads weeks either side for the price of a day.
    const bool rotaOnly = m_appointments == ScheduleLoader::Appointments::Leave;
    const qint64 start = rotaOnly ? from - rotaReachSeconds : from;
    const qint64 end =
            rotaOnly ? std::max(from, to) + rotaReachSeconds : to + std::max<qint64>(to - from, 0);
    Result<std::unique_ptr<Schedule>> loaded =
            AppointmentBook(m_store).schedule(m_salonId, start, end, m_appointments);
    if (!loaded)
        return loaded.error();
    m_schedule = std::move(*loaded);
    m_from = start;
    m_to = end;
    ++m_loads;
    return m_schedule.get();
}

Result<QList<Slot>> LiveSchedule::freeSlots(const VisitRequest &request, qint64 from, qint64 to,
                                            int stepMinutes, int limit)
{
    const Result<const Schedule *> held = schedule(from, std::max(from, to));
    if (!held)
        return held.error();
    return AppointmentBook::freeSlots(**held, request, from, to, stepMinutes, limit);
}

void LiveSchedule::note(const ChangeSet &changes)
{
    for (const Change &change : changes) {
        if (change.kind != Change::Kind::Row) // the contents are as they were
            continue;
        if (!change.salonId.isEmpty() && change.salonId != m_salonId)
            continue;
        switch (change.entity) {
        case Entity::Appointment:
            if (m_appointments == ScheduleLoader::Appointments::Include)
                m_pending.append(change);
            break;
        case Entity::Shift:
        case Entity::ShiftException:
        case Entity::TimeOff: m_pending.append(change); break;
        case Entity::Salon:
        case Entity::Staff:
        case Entity::Service:
        case Entity::Resource:
            // Rare (a manager's edit), and they reshape every index.
            m_stale = true;
            break;
        case Entity::Client:
        case Entity::StandingAppointment: // its visits come as appointments
        case Entity::WaitlistEntry: break;
        }
    }
    if (m_pending.size() > changesAppliedOneByOne)
        m_stale = true;
}

Result<void> LiveSchedule::catchUp()
{
    if (m_stale || !m_schedule) {
        if (m_schedule)
            qCDebug(lcBooking) << "schedule of" << m_salonId << "read again whole";
        m_schedule.reset();
        m_pending.clear();
        m_stale = false;
        return {};
    }
    if (m_pending.isEmpty())
        return {};
    const ChangeSet changes = std::exchange(m_pending, {});
    QList<Change> rota;
    Result<void> applied;
    for (const Change &change : changes) {
        if (change.entity != Entity::Appointment)
            rota.append(change);
        else if (applied)
            applied = applyAppointment(change);
    }
    if (applied && !rota.isEmpty())
        applied = applyRota(rota);
    if (!applied)
        m_schedule.reset(); // half caught up: read it whole next time
    return applied;
}

Result<void> LiveSchedule::applyAppointment(const Change &change)
{
    std::optional<Appointment> now;
    if (change.op == Change::Op::Upserted) {
        const Result<std::optional<Appointment>> read = m_store.appointment(change.id);
        if (!read)
            return read.error();
        now = *read;
    }
    if (now && holdsTime(now->status) && now->startsAt() < m_to + margin
        && now->endsAt() > m_from - margin)
        m_schedule->addAppointment(*now); // drops what it held before
    else
        m_schedule->removeAppointment(change.id);
    return {};
}

// Each kind of rota row is read once, however many of them changed.
Result<void> LiveSchedule::applyRota(const QList<Change> &changes)
{
    std::optional<QList<Shift>> shifts;
    std::optional<QList<ShiftException>> exceptions;
    std::optional<QList<TimeOff>> timeOff;
    for (const Change &change : changes) {
        const bool removed = change.op == Change::Op::Removed;
        switch (change.entity) {
        case Entity::Shift: {
            if (!removed && !shifts) {
                Result<QList<Shift>> read = m_store.shifts(m_salonId);
                if (!read)
                    return read.error();
                shifts = std::move(*read);
            }
            const Shift *row = removed ? nullptr : findById(*shifts, change.id);
            if (row)
                m_schedule->setShift(*row);
            else
                m_schedule->removeShift(change.id);
            break;
        }
        case Entity::ShiftException: {
            if (!removed && !exceptions) {
                Result<QList<ShiftException>> read = m_store.shiftExceptions(
                        m_salonId, m_schedule->localDate(m_from).addDays(-1),
                        m_schedule->localDate(m_to).addDays(1));
                if (!read)
                    return read.error();
                exceptions = std::move(*read);
            }
            const ShiftException *row = removed ? nullptr : findById(*exceptions, change.id);
            if (row)
                m_schedule->setShiftException(*row);
            else
                m_schedule->removeShiftException(change.id);
            break;
        }
        case Entity::TimeOff: {
            if (!removed && !timeOff) {
                Result<QList<TimeOff>> read =
                        m_store.timeOff(m_salonId, m_from - margin, m_to + margin);
                if (!read)
                    return read.error();
                timeOff = std::move(*read);
            }
            const TimeOff *row = removed ? nullptr : findById(*timeOff, change.id);
            if (row)
                m_schedule->setTimeOff(*row);
            else
                m_schedule->removeTimeOff(change.id);
            break;
        }
        default: break;
        }
    }
    return {};
}

} // namespace chairside
