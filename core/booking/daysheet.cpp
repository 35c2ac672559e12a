#include "daysheet.h"

#include "scheduleloader.h"

#include "domain/salontime.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTimeZone>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>

namespace chairside {

namespace {

// Wall-clock minutes from the day's midnight, as SalonTime::minuteOfDay has
// them. A QDateTime in the salon's zone per instant was most of reading a
// day; a day without a clock change has one offset from start to end.
class DayMinutes
{
public:
    DayMinutes(const SalonTime &time, const QDate &date)
        : m_time(time), m_date(date), m_start(time.dayStart(date)), m_end(time.dayEnd(date))
    {
        m_steady = m_end - m_start == 24 * 3600 && time.minuteOfDay(m_start, date) == 0;
    }
    qint64 start() const { return m_start; }
    qint64 end() const { return m_end; }
    int of(qint64 utcSeconds) const
    {
        if (m_steady && utcSeconds >= m_start && utcSeconds <= m_end)
            return int((utcSeconds - m_start) / 60);
        return m_time.minuteOfDay(utcSeconds, m_date);
    }

private:
    const SalonTime &m_time;
    QDate m_date;
    qint64 m_start = 0;
    qint64 m_end = 0;
    bool m_steady = false;
};

} // namespace

Result<DaySheet> DaySheet::load(const Store &store, const Salon &salon, const QDate &date)
{
    const SalonTime time(salon, store.clock());
    // The schedule knows who works when (exceptions, breaks, time off, DST).
    const Result<std::unique_ptr<Schedule>> schedule =
            ScheduleLoader::load(store, salon, time.dayStart(date), time.dayEnd(date),
                                 ScheduleLoader::Appointments::Leave);
    if (!schedule)
        return schedule.error();
    return load(store, **schedule, date);
}

Result<DaySheet> DaySheet::load(const Store &store, const Schedule &schedule, const QDate &date)
{
    const Salon &salon = schedule.salon();
    DaySheet sheet;
    sheet.salonId = salon.id;
    sheet.date = date;

    const SalonTime time(schedule.timeZone(), store.clock());
    const DayMinutes minutes(time, date);
    const qint64 dayStart = minutes.start();
    const qint64 dayEnd = minutes.end();
    const QList<Staff> &staff = schedule.staff();

    // What the blocks show, clients' names joined in, in one read.
    const Result<QList<VisitOutline>> read = store.visitsToDraw(salon.id, dayStart, dayEnd);
    if (!read)
        return read.error();
    const QList<VisitOutline> &visits = *read;
    const Result<QSet<QString>> waiting = store.waitingToSync(Entity::Appointment);
    if (!waiting)
        return waiting.error();
    QSet<QString> booked;
    for (const VisitOutline &visit : visits) {
        if (!holdsTime(visit.status) && visit.status != AppointmentStatus::NoShow)
            continue;
        for (const VisitOutline::Part &part : visit.parts)
            booked.insert(part.staffId);
    }

    QHash<QString, qsizetype> columnOf;
    for (const Staff &member : staff) {
        if (!member.takesClients() && !booked.contains(member.id))
            continue;
        Column column;
        column.staffId = member.id;
        column.name = member.name;
        column.colour = member.colour;
        const QList<Schedule::Span> spans = schedule.workingSpans(member.id, date);
        for (const Schedule::Span &span : spans)
            column.working.append({minutes.of(span.start), minutes.of(span.end)});
        if (column.working.isEmpty() && !booked.contains(member.id))
            continue;
        columnOf.insert(member.id, sheet.columns.size());
        sheet.columns.append(column);
    }

    for (const VisitOutline &visit : visits) {
        if (visit.status == AppointmentStatus::Cancelled)
            continue;
        if (holdsTime(visit.status))
            ++sheet.visitCount;
        // One block per stylist in the visit, covering all their lines.
        // (A visit has a line or three: a list, not a hash per visit.)
        struct Held
        {
            QString staffId;
            qsizetype index;
            int line; // the last line whose service the block names
        };
        QVarLengthArray<Held, 4> blockOf;
        for (const VisitOutline::Part &part : visit.parts) {
            if (!part.timed)
                continue; // a line without segments has no block
            const qsizetype col = columnOf.value(part.staffId, -1);
            if (col < 0)
                continue;
            Column &column = sheet.columns[col];
            auto held = std::find_if(blockOf.begin(), blockOf.end(),
                                     [&](const Held &b) { return b.staffId == part.staffId; });
            if (held == blockOf.end()) {
                Block block;
                block.appointmentId = visit.id;
                block.clientName = visit.clientName;
                block.status = visit.status;
                block.walkIn = visit.walkIn;
                block.overbooked = visit.overbooked;
                block.waitingToSync = waiting->contains(visit.id);
                block.startMinute = std::numeric_limits<int>::max();
                block.endMinute = std::numeric_limits<int>::min();
                blockOf.append({part.staffId, column.blocks.size(), -1});
                column.blocks.append(block);
                held = blockOf.end() - 1;
            }
            Block &block = column.blocks[held->index];
            if (held->line != part.line) {
                held->line = part.line;
                const Service *service = schedule.service(part.serviceId);
                const QString name = service ? service->name : QString();
                if (block.services.isEmpty() && service)
                    block.category = service->category;
                block.services = block.services.isEmpty()
                        ? name
                        : QCoreApplication::translate("chairside", "%1 + %2")
                                  .arg(block.services, name);
            }
            const Part sheetPart{part.kind, minutes.of(part.startsAt), minutes.of(part.endsAt)};
            block.parts.append(sheetPart);
            block.startMinute = std::min(block.startMinute, sheetPart.startMinute);
            block.endMinute = std::max(block.endMinute, sheetPart.endMinute);
        }
    }

    // Rows: the opening hours, widened to whatever is worked or booked.
    const DayHours hours = salon.openingHours[date.dayOfWeek() - 1];
    int first = hours.isOpen() ? hours.openMinute : std::numeric_limits<int>::max();
    int last = hours.isOpen() ? hours.closeMinute : std::numeric_limits<int>::min();
    for (Column &column : sheet.columns) {
        std::sort(column.blocks.begin(), column.blocks.end(),
                  [](const Block &a, const Block &b) { return a.startMinute < b.startMinute; });
        // A visit that starts inside another one (in its processing time) is
        // drawn beside it, not over it.
        int openUntil = std::numeric_limits<int>::min();
        for (Block &block : column.blocks) {
            block.lane = block.startMinute < openUntil ? 1 : 0;
            if (block.lane == 0)
                openUntil = block.endMinute;
            first = std::min(first, block.startMinute);
            last = std::max(last, block.endMinute);
        }
        for (const Span &span : std::as_const(column.working)) {
            first = std::min(first, span.startMinute);
            last = std::max(last, span.endMinute);
        }
    }
    if (first >= last) {
        first = 9 * 60;
        last = 18 * 60;
    }
    // Whole hours look calmer and leave room above the first client.
    sheet.firstMinute = std::max(0, first / 60 * 60);
    sheet.lastMinute = std::min(48 * 60, (last + 59) / 60 * 60);
    return sheet;
}

Result<QDate> DaySheet::nextOpenDay(const Store &store, const Salon &salon, const QDate &after,
                                    int searchDays)
{
    const SalonTime time(salon, store.clock());
    const QDate first = after.addDays(1);
    const QDate last = after.addDays(searchDays);
    // One schedule for the whole search, not one per day.
    const Result<std::unique_ptr<Schedule>> schedule =
            ScheduleLoader::load(store, salon, time.dayStart(first), time.dayEnd(last),
                                 ScheduleLoader::Appointments::Leave);
    if (!schedule)
        return schedule.error();
    for (QDate date = first; date <= last; date = date.addDays(1)) {
        for (const Staff &member : (*schedule)->staff()) {
            if (member.takesClients() && !(*schedule)->workingSpans(member.id, date).isEmpty())
                return date;
        }
    }
    return QDate();
}

int DaySheet::Column::freeMinutesFrom(int minute) const
{
    const auto span = std::find_if(working.cbegin(), working.cend(), [minute](const Span &s) {
        return s.startMinute <= minute && minute < s.endMinute;
    });
    if (span == working.cend())
        return 0;
    int end = span->endMinute;
    for (const Block &block : blocks) {
        if (!holdsTime(block.status))
            continue;
        for (const Part &part : block.parts) {
            if (part.kind == SegmentKind::Processing || part.endMinute <= minute
                || part.startMinute >= end)
                continue;
            if (part.startMinute <= minute)
                return 0;
            end = part.startMinute;
        }
    }
    return end - minute;
}

} // namespace chairside
