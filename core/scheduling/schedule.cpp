#include "schedule.h"

#include "logging.h"
#include "schedule_p.h"

#include "domain/salontime.h"

#include <algorithm>

namespace chairside {

namespace {

constexpr qint64 unixEpochJulianDay = 2440588;

// Local midnight of `date` counted as if local time were UTC.
qint64 localMidnight(const QDate &date)
{
    return (date.toJulianDay() - unixEpochJulianDay) * 86400;
}

bool startsBefore(const Schedule::Private::Occupied &a, const Schedule::Private::Occupied &b)
{
    return a.start < b.start;
}

void addTo(Schedule::Private::Timeline &timeline, Schedule::Private::Occupied entry,
           bool keepSorted)
{
    timeline.longest = std::max(timeline.longest, entry.end - entry.start);
    if (!keepSorted) {
        timeline.entries.append(std::move(entry));
        return;
    }
    auto at =
            std::upper_bound(timeline.entries.begin(), timeline.entries.end(), entry, startsBefore);
    timeline.entries.insert(at, std::move(entry));
}

} // namespace

namespace spans {

Spans normalized(Spans list)
{
    list.removeIf([](const Span &s) { return s.end <= s.start; });
    const auto byStart = [](const Span &a, const Span &b) {
        return a.start < b.start;
    };
    if (!std::is_sorted(list.cbegin(), list.cend(), byStart))
        std::sort(list.begin(), list.end(), byStart);
    Spans out;
    out.reserve(list.size());
    for (const Span &s : std::as_const(list)) {
        if (!out.isEmpty() && s.start <= out.constLast().end)
            out.last().end = std::max(out.constLast().end, s.end);
        else
            out.append(s);
    }
    return out;
}

Spans subtract(const Spans &a, const Spans &b)
{
    Spans out;
    out.reserve(a.size() + b.size());
    qsizetype j = 0;
    for (const Span &s : a) {
        qint64 cursor = s.start;
        while (j < b.size() && b[j].end <= cursor)
            ++j;
        for (qsizetype k = j; k < b.size() && b[k].start < s.end && cursor < s.end; ++k) {
            if (b[k].start > cursor)
                out.append({cursor, b[k].start});
            cursor = std::max(cursor, b[k].end);
        }
        if (cursor < s.end)
            out.append({cursor, s.end});
    }
    return out;
}

Spans intersect(const Spans &a, const Spans &b)
{
    Spans out;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        const qint64 start = std::max(a[i].start, b[j].start);
        const qint64 end = std::min(a[i].end, b[j].end);
        if (start < end)
            out.append({start, end});
        if (a[i].end < b[j].end)
            ++i;
        else
            ++j;
    }
    return out;
}

} // namespace spans

// --- Private -----------------------------------------------------------------

Schedule::Private::LocalDay Schedule::Private::localDay(const QDate &date) const
{
    const qint64 jd = date.toJulianDay();
    if (auto it = dayCache.constFind(jd); it != dayCache.constEnd())
        return *it;

    LocalDay day;
    day.start = SalonTime::ruleInstant(date, QTime(0, 0), zone);
    day.end = SalonTime::ruleInstant(date.addDays(1), QTime(0, 0), zone);
    const qint64 midnight = localMidnight(date);
    int offset = zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(day.start, Qt::UTC));
    qint64 cursor = day.start;
    // Only daylight-saving days have transitions; asking is the slow part,
    // which is why the day is cached.
    const auto transitions = zone.transitions(QDateTime::fromSecsSinceEpoch(day.start, Qt::UTC),
                                              QDateTime::fromSecsSinceEpoch(day.end - 1, Qt::UTC));
    for (const QTimeZone::OffsetData &t : transitions) {
        const qint64 at = t.atUtc.toSecsSinceEpoch();
        if (at <= cursor || at >= day.end)
            continue;
        day.pieces.append({cursor, at, offset, midnight});
        cursor = at;
        offset = t.offsetFromUtc;
    }
    day.pieces.append({cursor, day.end, offset, midnight});
    dayCache.insert(jd, day);
    return day;
}

qint64 Schedule::Private::toUtc(const QDate &date, int minute) const
{
    const int dayShift = minute >= 0 ? minute / 1440 : -((1439 - minute) / 1440);
    const QDate actual = date.addDays(dayShift);
    const qint64 local = localMidnight(actual) + qint64(minute - dayShift * 1440) * 60;
    const LocalDay day = localDay(actual);
    for (qsizetype i = 0; i < day.pieces.size(); ++i) {
        const OffsetPiece &piece = day.pieces[i];
        const qint64 utc = local - piece.offset;
        if (utc >= piece.start && utc < piece.end)
            return utc;
        if (utc < piece.start) {
            // Skipped by the change that starts this piece: read it with the
            // offset from before, which moves it forward by the gap.
            const int before = i > 0
                    ? day.pieces[i - 1].offset
                    : zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(piece.start - 1, Qt::UTC));
            return local - before;
        }
    }
    return local - day.pieces.last().offset;
}

QList<Schedule::Private::OffsetPiece> Schedule::Private::offsetPieces(qint64 from, qint64 to) const
{
    QList<OffsetPiece> out;
    if (to <= from)
        return out;
    const QDate last = QDateTime::fromSecsSinceEpoch(to - 1, zone).date();
    for (QDate date = QDateTime::fromSecsSinceEpoch(from, zone).date(); date <= last;
         date = date.addDays(1)) {
        const LocalDay day = localDay(date);
        for (const OffsetPiece &piece : day.pieces) {
            if (piece.end > from && piece.start < to)
                out.append(piece);
        }
    }
    return out;
}

Schedule::Private::WorkDay Schedule::Private::workDay(int index, const QDate &date) const
{
    const quint64 key = dayKey(index, date);
    if (auto it = workDayCache.constFind(key); it != workDayCache.constEnd())
        return *it;

    WorkDay day;
    auto addHours = [&](int startMinute, int endMinute, const QList<Break> &breaks) {
        if (endMinute <= startMinute)
            return;
        day.shifts.append({toUtc(date, startMinute), toUtc(date, endMinute)});
        for (const Break &b : breaks) {
            if (b.endMinute > b.startMinute)
                day.breaks.append({toUtc(date, b.startMinute), toUtc(date, b.endMinute)});
        }
    };
    // An exception replaces the weekly pattern for its date.
    if (auto it = exceptions.constFind(key); it != exceptions.constEnd()) {
        for (const ShiftException &e : *it) {
            if (e.working)
                addHours(e.startMinute, e.endMinute, e.breaks);
        }
    } else {
        for (const Shift &shift : shifts.at(index)) {
            if (shift.appliesOn(date))
                addHours(shift.startMinute, shift.endMinute, shift.breaks);
        }
    }
    day.shifts = spans::normalized(day.shifts);
    day.breaks = spans::normalized(day.breaks);
    day.working = spans::subtract(day.shifts, day.breaks);
    if (!day.working.isEmpty()) {
        Spans away;
        for (const TimeOff &off : timeOff.at(index)) {
            if (off.endsAt > day.working.first().start && off.startsAt < day.working.last().end)
                away.append({off.startsAt, off.endsAt});
        }
        day.working = spans::subtract(day.working, spans::normalized(away));
    }
    workDayCache.insert(key, day);
    return day;
}

QPair<QDate, QDate> Schedule::Private::datesCovering(qint64 from, qint64 to) const
{
    return {QDateTime::fromSecsSinceEpoch(from, zone).date().addDays(-1),
            QDateTime::fromSecsSinceEpoch(std::max(from, to - 1), zone).date()};
}

Spans Schedule::Private::working(int index, qint64 from, qint64 to) const
{
    return working(index, datesCovering(from, to), from, to);
}

Spans Schedule::Private::working(int index, const QPair<QDate, QDate> &dates, qint64 from,
                                 qint64 to) const
{
    Spans all;
    if (index < 0 || to <= from)
        return all;
    bool sorted = true;
    for (QDate date = dates.first; date <= dates.second; date = date.addDays(1)) {
        const Spans day = workDay(index, date).working;
        for (const Span &s : day) {
            if (s.end <= from || s.start >= to)
                continue;
            if (!all.isEmpty() && s.start <= all.last().end)
                sorted = false;
            all.append(s);
        }
    }
    return sorted ? all : spans::normalized(all);
}

QList<Schedule::Private::Occupied> Schedule::Private::window(const Timeline &timeline, qint64 from,
                                                             qint64 to)
{
    QList<Occupied> out;
    const Occupied probe{from - timeline.longest, 0, {}};
    auto it = std::lower_bound(timeline.entries.cbegin(), timeline.entries.cend(), probe,
                               startsBefore);
    for (; it != timeline.entries.cend() && it->start < to; ++it) {
        if (it->end > from)
            out.append(*it);
    }
    return out;
}

Spans Schedule::Private::occupiedSpans(const QString &staffId, qint64 from, qint64 to) const
{
    const auto it = occupied.constFind(staffId);
    if (it == occupied.constEnd())
        return {};
    Spans out;
    const Occupied probe{from - it->longest, 0, {}};
    auto e = std::lower_bound(it->entries.cbegin(), it->entries.cend(), probe, startsBefore);
    for (; e != it->entries.cend() && e->start < to; ++e) {
        if (e->end <= from)
            continue;
        if (!out.isEmpty() && e->start <= out.last().end)
            out.last().end = std::max(out.last().end, e->end);
        else
            out.append({e->start, e->end});
    }
    return out;
}

Spans Schedule::Private::fullSpans(const QString &resourceId) const
{
    if (auto it = fullCache.constFind(resourceId); it != fullCache.constEnd())
        return *it;
    Spans full;
    const int index = resourceIndex.value(resourceId, -1);
    if (index < 0) {
        // Not a resource of this salon: it cannot run out.
        return full;
    }
    const int count = resources.at(index).count;
    QList<QPair<qint64, int>> events;
    const Timeline timeline = used.value(resourceId);
    events.reserve(timeline.entries.size() * 2);
    for (const Occupied &use : timeline.entries) {
        events.append({use.start, 1});
        events.append({use.end, -1});
    }
    // Ends sort before starts at the same second: back-to-back is not a clash.
    std::sort(events.begin(), events.end());
    int inUse = 0;
    qint64 fullSince = 0;
    if (count <= 0)
        full.append(
                {std::numeric_limits<qint64>::min() / 2, std::numeric_limits<qint64>::max() / 2});
    else {
        for (const auto &[at, delta] : std::as_const(events)) {
            const bool wasFull = inUse >= count;
            inUse += delta;
            const bool isFull = inUse >= count;
            if (!wasFull && isFull)
                fullSince = at;
            else if (wasFull && !isFull && at > fullSince)
                full.append({fullSince, at});
        }
        full = spans::normalized(full);
    }
    fullCache.insert(resourceId, full);
    return full;
}

void Schedule::Private::insert(const Appointment &appointment)
{
    if (!holdsTime(appointment.status))
        return;
    appointments.insert(appointment.id, appointment);
    for (const ServiceLine &line : appointment.lines) {
        for (const BookedSegment &segment : line.segments) {
            if (segment.endsAt <= segment.startsAt)
                continue;
            const Occupied entry{segment.startsAt, segment.endsAt, appointment.id};
            if (segment.kind != SegmentKind::Processing)
                addTo(occupied[line.staffId], entry, true);
            for (const QString &resourceId : segment.resourceIds) {
                addTo(used[resourceId], entry, true);
                fullCache.remove(resourceId);
            }
        }
    }
}

void Schedule::Private::erase(const QString &appointmentId)
{
    const auto it = appointments.constFind(appointmentId);
    if (it == appointments.constEnd())
        return;
    auto mine = [&](const Occupied &e) {
        return e.appointmentId == appointmentId;
    };
    for (const ServiceLine &line : it->lines) {
        if (auto t = occupied.find(line.staffId); t != occupied.end())
            t->entries.removeIf(mine);
        for (const BookedSegment &segment : line.segments) {
            for (const QString &resourceId : segment.resourceIds) {
                if (auto t = used.find(resourceId); t != used.end())
                    t->entries.removeIf(mine);
                fullCache.remove(resourceId);
            }
        }
    }
    appointments.erase(it);
}

void Schedule::Private::forgetWorkDays(int index, const QDate &first, const QDate &last)
{
    if (index < 0)
        return;
    workDayCache.removeIf([&](QHash<quint64, WorkDay>::iterator it) {
        if (int(it.key() >> 32) != index)
            return false;
        const qint64 julianDay = quint32(it.key());
        return (first.isNull() || julianDay >= first.toJulianDay())
                && (last.isNull() || julianDay <= last.toJulianDay());
    });
}

void Schedule::Private::forgetWorkDays(int index, qint64 from, qint64 to)
{
    const QPair<QDate, QDate> dates = datesCovering(from, to);
    forgetWorkDays(index, dates.first, dates.second);
}

void Schedule::Private::insertShift(Shift shift)
{
    const int index = staffIndex.value(shift.staffId, -1);
    if (index < 0)
        return;
    shifts[index].append(std::move(shift));
    // A weekly pattern can touch any of the stylist's days.
    forgetWorkDays(index);
}

void Schedule::Private::eraseShift(const QString &shiftId)
{
    for (int index = 0; index < shifts.size(); ++index) {
        if (shifts[index].removeIf([&](const Shift &s) { return s.id == shiftId; }) > 0)
            forgetWorkDays(index);
    }
}

void Schedule::Private::insertShiftException(ShiftException exception)
{
    const int index = staffIndex.value(exception.staffId, -1);
    if (index < 0 || !exception.date.isValid())
        return;
    const QDate date = exception.date;
    exceptions[dayKey(index, date)].append(std::move(exception));
    forgetWorkDays(index, date, date);
}

void Schedule::Private::eraseShiftException(const QString &exceptionId)
{
    for (auto it = exceptions.begin(); it != exceptions.end();) {
        if (it->removeIf([&](const ShiftException &e) { return e.id == exceptionId; }) == 0) {
            ++it;
            continue;
        }
        const QDate date = QDate::fromJulianDay(quint32(it.key()));
        forgetWorkDays(int(it.key() >> 32), date, date);
        // A date with no exception left follows the weekly pattern again.
        it = it->isEmpty() ? exceptions.erase(it) : std::next(it);
    }
}

void Schedule::Private::insertTimeOff(TimeOff off)
{
    const int index = staffIndex.value(off.staffId, -1);
    if (index < 0 || off.endsAt <= off.startsAt)
        return;
    forgetWorkDays(index, off.startsAt, off.endsAt);
    QList<TimeOff> &list = timeOff[index];
    const auto at =
            std::upper_bound(list.begin(), list.end(), off, [](const TimeOff &a, const TimeOff &b) {
                return a.startsAt < b.startsAt;
            });
    list.insert(at, std::move(off));
}

void Schedule::Private::eraseTimeOff(const QString &timeOffId)
{
    for (int index = 0; index < timeOff.size(); ++index) {
        QList<TimeOff> &list = timeOff[index];
        for (qsizetype i = list.size() - 1; i >= 0; --i) {
            if (list.at(i).id != timeOffId)
                continue;
            forgetWorkDays(index, list.at(i).startsAt, list.at(i).endsAt);
            list.removeAt(i);
        }
    }
}

// --- Schedule ----------------------------------------------------------------

Schedule::Schedule(Inputs inputs) : d(std::make_unique<Private>())
{
    d->salon = std::move(inputs.salon);
    d->zone = QTimeZone(d->salon.timeZone.toUtf8());
    if (!d->zone.isValid()) {
        qCWarning(lcScheduling) << "Unknown time zone" << d->salon.timeZone << "- using UTC";
        d->zone = QTimeZone(QByteArrayLiteral("UTC"));
    }
    d->staff = std::move(inputs.staff);
    d->shifts.resize(d->staff.size());
    d->timeOff.resize(d->staff.size());
    for (int i = 0; i < d->staff.size(); ++i)
        d->staffIndex.insert(d->staff.at(i).id, i);
    d->services = std::move(inputs.services);
    for (int i = 0; i < d->services.size(); ++i)
        d->serviceIndex.insert(d->services.at(i).id, i);
    d->resources = std::move(inputs.resources);
    for (int i = 0; i < d->resources.size(); ++i)
        d->resourceIndex.insert(d->resources.at(i).id, i);

    for (Shift &shift : inputs.shifts) {
        const int index = d->staffIndex.value(shift.staffId, -1);
        if (index >= 0)
            d->shifts[index].append(std::move(shift));
    }
    for (ShiftException &e : inputs.shiftExceptions) {
        const int index = d->staffIndex.value(e.staffId, -1);
        if (index >= 0 && e.date.isValid())
            d->exceptions[Private::dayKey(index, e.date)].append(std::move(e));
    }
    for (TimeOff &off : inputs.timeOff) {
        const int index = d->staffIndex.value(off.staffId, -1);
        if (index >= 0 && off.endsAt > off.startsAt)
            d->timeOff[index].append(std::move(off));
    }
    for (QList<TimeOff> &list : d->timeOff) {
        std::sort(list.begin(), list.end(),
                  [](const TimeOff &a, const TimeOff &b) { return a.startsAt < b.startsAt; });
    }

    // Bulk load: append, then sort each timeline once.
    d->appointments.reserve(inputs.appointments.size());
    for (Appointment &appointment : inputs.appointments) {
        if (!holdsTime(appointment.status))
            continue;
        for (const ServiceLine &line : appointment.lines) {
            for (const BookedSegment &segment : line.segments) {
                if (segment.endsAt <= segment.startsAt)
                    continue;
                const Private::Occupied entry{segment.startsAt, segment.endsAt, appointment.id};
                if (segment.kind != SegmentKind::Processing)
                    addTo(d->occupied[line.staffId], entry, false);
                for (const QString &resourceId : segment.resourceIds)
                    addTo(d->used[resourceId], entry, false);
            }
        }
        const QString id = appointment.id;
        d->appointments.insert(id, std::move(appointment));
    }
    for (auto *timelines : {&d->occupied, &d->used}) {
        for (Private::Timeline &timeline : *timelines)
            std::stable_sort(timeline.entries.begin(), timeline.entries.end(), startsBefore);
    }
}

Schedule::~Schedule() = default;

const Salon &Schedule::salon() const
{
    return d->salon;
}

const QTimeZone &Schedule::timeZone() const
{
    return d->zone;
}

const QList<Staff> &Schedule::staff() const
{
    return d->staff;
}

const Staff *Schedule::staffMember(const QString &id) const
{
    const int index = d->staffIndex.value(id, -1);
    return index >= 0 ? &d->staff.at(index) : nullptr;
}

const Service *Schedule::service(const QString &id) const
{
    const int index = d->serviceIndex.value(id, -1);
    return index >= 0 ? &d->services.at(index) : nullptr;
}

const Resource *Schedule::resource(const QString &id) const
{
    const int index = d->resourceIndex.value(id, -1);
    return index >= 0 ? &d->resources.at(index) : nullptr;
}

QList<Schedule::Span> Schedule::workingSpans(const QString &staffId, const QDate &localDate) const
{
    const int index = d->staffIndex.value(staffId, -1);
    if (index < 0 || !localDate.isValid())
        return {};
    return d->workDay(index, localDate).working;
}

qint64 Schedule::toUtc(const QDate &localDate, int minute) const
{
    return d->toUtc(localDate, minute);
}

QDateTime Schedule::toLocal(qint64 utc) const
{
    return QDateTime::fromSecsSinceEpoch(utc, d->zone);
}

QDate Schedule::localDate(qint64 utc) const
{
    return toLocal(utc).date();
}

void Schedule::addAppointment(const Appointment &appointment)
{
    d->erase(appointment.id);
    d->insert(appointment);
}

void Schedule::removeAppointment(const QString &appointmentId)
{
    d->erase(appointmentId);
}

const Appointment *Schedule::appointment(const QString &id) const
{
    const auto it = d->appointments.constFind(id);
    return it != d->appointments.constEnd() ? &*it : nullptr;
}

void Schedule::setShift(const Shift &shift)
{
    d->eraseShift(shift.id);
    d->insertShift(shift);
}

void Schedule::removeShift(const QString &shiftId)
{
    d->eraseShift(shiftId);
}

void Schedule::setShiftException(const ShiftException &exception)
{
    d->eraseShiftException(exception.id);
    d->insertShiftException(exception);
}

void Schedule::removeShiftException(const QString &exceptionId)
{
    d->eraseShiftException(exceptionId);
}

void Schedule::setTimeOff(const TimeOff &timeOff)
{
    d->eraseTimeOff(timeOff.id);
    d->insertTimeOff(timeOff);
}

void Schedule::removeTimeOff(const QString &timeOffId)
{
    d->eraseTimeOff(timeOffId);
}

} // namespace chairside
