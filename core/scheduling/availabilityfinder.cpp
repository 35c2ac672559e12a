#include "availabilityfinder.h"
#include "schedule_p.h"

#include <algorithm>
#include <queue>

namespace chairside {

namespace {

// Where a visit needs what, relative to its start (seconds).
struct Layout
{
    Spans stylist;                   // Busy and Buffer, merged
    QHash<QString, Spans> resources; // per resource, merged
    qint64 clientLeaves = 0;         // end of the last non-buffer segment
    qint64 total = 0;                // including the last buffer
};

bool layOut(const Staff &staff, const QList<const Service *> &services, Layout *layout)
{
    qint64 cursor = 0;
    auto add = [&](SegmentKind kind, int minutes, const QStringList &resourceIds) {
        const Span span{cursor, cursor + qint64(minutes) * 60};
        cursor = span.end;
        if (kind != SegmentKind::Processing)
            layout->stylist.append(span);
        if (kind != SegmentKind::Buffer)
            layout->clientLeaves = span.end;
        for (const QString &id : resourceIds)
            layout->resources[id].append(span);
    };
    for (const Service *service : services) {
        const QList<ServiceSegment> segments = staff.segmentsFor(*service);
        if (segments.isEmpty() || service->bufferAfterMinutes < 0)
            return false;
        for (const ServiceSegment &segment : segments) {
            if (segment.minutes <= 0)
                return false;
            add(segment.kind, segment.minutes, segment.resourceIds);
        }
        if (service->bufferAfterMinutes > 0)
            add(SegmentKind::Buffer, service->bufferAfterMinutes, {});
    }
    layout->total = cursor;
    layout->stylist = spans::normalized(layout->stylist);
    for (Spans &list : layout->resources)
        list = spans::normalized(list);
    return true;
}

qint64 positiveMod(qint64 x, qint64 m)
{
    return ((x % m) + m) % m;
}

// Allowed starts are kept as half-open spans [lo, hi + 1) of UTC seconds.
Spans startsWhereFree(const Spans &free, const Span &need)
{
    Spans out;
    out.reserve(free.size());
    for (const Span &f : free) {
        if (f.end - f.start >= need.end - need.start)
            out.append({f.start - need.start, f.end - need.end + 1});
    }
    return out;
}

Spans startsClashing(const Spans &full, const Span &need, qint64 from, qint64 to)
{
    Spans out;
    auto it = std::lower_bound(full.cbegin(), full.cend(), from,
                               [](const Span &s, qint64 at) { return s.end <= at; });
    for (; it != full.cend() && it->start < to; ++it) {
        const Span clash{it->start - need.end + 1, it->end - need.start};
        // In start order already; widened spans may touch, so merge.
        if (!out.isEmpty() && clash.start <= out.constLast().end)
            out.last().end = std::max(out.constLast().end, clash.end);
        else
            out.append(clash);
    }
    return out;
}

} // namespace

AvailabilityFinder::AvailabilityFinder(const Schedule &schedule) : m_schedule(schedule) {}

QList<Slot> AvailabilityFinder::freeSlots(const VisitRequest &request, qint64 from, qint64 to,
                                          int stepMinutes, int limit) const
{
    if (request.serviceIds.isEmpty() || to <= from || stepMinutes < 1 || limit == 0)
        return {};
    const Schedule::Private &d = m_schedule.data();

    QList<const Service *> services;
    for (const QString &id : request.serviceIds) {
        const Service *service = m_schedule.service(id);
        if (!service || !service->active)
            return {};
        services.append(service);
    }

    QList<int> candidates;
    if (!request.staffId.isEmpty()) {
        const int index = d.staffIndex.value(request.staffId, -1);
        if (index < 0)
            return {};
        candidates.append(index);
    } else {
        for (int i = 0; i < d.staff.size(); ++i)
            candidates.append(i);
    }

    const qint64 step = qint64(stepMinutes) * 60;
    const QList<Schedule::Private::OffsetPiece> grid = d.offsetPieces(from, to);

    struct Found
    {
        int staffIndex = 0;
        qint64 length = 0;
        QList<qint64> starts;
    };
    QList<Found> found;
    // Dates whose shifts can matter, worked out once (QTimeZone is slow); a
    // visit never lasts a day, so one more day covers every layout.
    const QPair<QDate, QDate> dates = d.datesCovering(from, to + 86400);
    struct Clash
    {
        QString resourceId;
        Span need;
        Spans starts;
    };
    QList<Clash> clashes; // a handful: one per resource use in the layouts

    for (int index : std::as_const(candidates)) {
        const Staff &staff = d.staff.at(index);
        if (!staff.active)
            continue;
        const bool skilled = std::all_of(services.cbegin(), services.cend(), [&](const Service *s) {
            return staff.skillFor(s->id) != nullptr;
        });
        if (!skilled)
            continue;
        Layout layout;
        if (!layOut(staff, services, &layout) || layout.stylist.isEmpty())
            continue;

        const qint64 reachTo = to + layout.total;
        const Spans free = spans::subtract(d.working(index, dates, from, reachTo),
                                           d.occupiedSpans(staff.id, from, reachTo));
        Spans allowed{{from, to}};
        for (const Span &need : std::as_const(layout.stylist)) {
            allowed = spans::intersect(allowed, startsWhereFree(free, need));
            if (allowed.isEmpty())
                break;
        }
        for (auto it = layout.resources.cbegin();
             it != layout.resources.cend() && !allowed.isEmpty(); ++it) {
            for (const Span &need : it.value()) {
                // Stylists mostly share a layout, so the clashes are worked out once.
                auto clash = std::find_if(clashes.cbegin(), clashes.cend(), [&](const Clash &c) {
                    return c.need == need && c.resourceId == it.key();
                });
                if (clash == clashes.cend()) {
                    clashes.append(
                            {it.key(), need,
                             startsClashing(d.fullSpans(it.key()), need, from, to + need.end)});
                    clash = clashes.cend() - 1;
                }
                allowed = spans::subtract(allowed, clash->starts);
            }
        }
        if (allowed.isEmpty())
            continue;

        // On the grid of the salon's local time, piece by piece of constant offset.
        Found result{index, layout.clientLeaves, {}};
        qsizetype p = 0;
        for (const Span &span : std::as_const(allowed)) {
            while (p < grid.size() && grid[p].end <= span.start)
                ++p;
            for (qsizetype q = p; q < grid.size() && grid[q].start < span.end; ++q) {
                const auto &piece = grid[q];
                const qint64 lo = std::max(span.start, piece.start);
                const qint64 hi = std::min(span.end, piece.end);
                const qint64 first =
                        lo + positiveMod(-(lo + piece.offset - piece.localMidnight), step);
                for (qint64 t = first; t < hi; t += step)
                    result.starts.append(t);
            }
        }
        if (!result.starts.isEmpty())
            found.append(std::move(result));
    }

    // Merge the stylists' sorted starts: by start, then by staff order.
    using Head = std::pair<qint64, qsizetype>; // start, index into found
    std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
    QList<qsizetype> position(found.size(), 0);
    qsizetype total = 0;
    for (qsizetype i = 0; i < found.size(); ++i) {
        heads.push({found[i].starts.first(), i});
        total += found[i].starts.size();
    }
    QList<Slot> out;
    out.reserve(limit < 0 ? total : std::min<qsizetype>(total, limit));
    while (!heads.empty() && (limit < 0 || out.size() < limit)) {
        const auto [start, i] = heads.top();
        heads.pop();
        const Found &f = found[i];
        out.append({start, start + f.length, d.staff.at(f.staffIndex).id});
        if (++position[i] < f.starts.size())
            heads.push({f.starts[position[i]], i});
    }
    return out;
}

} // namespace chairside
