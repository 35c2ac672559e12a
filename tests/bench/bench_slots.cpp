// Benchmark: free slots for a two-service visit with processing time (colour:
// 30 busy, 35 processing, 30 busy at a basin; then a 45-minute cut), any of
// 30 stylists, over 8 weeks, with 20k appointments in the schedule.
// Target (issue 2): <= 2 ms per query, warm (the Schedule already built).
//
// The salon is generated here (seeded, deterministic) so the figure does not
// move with the demo generator.

#include "scheduling/availabilityfinder.h"
#include "scheduling/schedule.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace chairside;

namespace {

constexpr double TargetMs = 2.0;
constexpr int Stylists = 30;
constexpr int Appointments = 20000;
constexpr int Weeks = 26; // the book (about two thirds full); queries look at weeks 9–16

ServiceSegment segment(SegmentKind kind, int minutes, QStringList resources = {})
{
    ServiceSegment s;
    s.kind = kind;
    s.minutes = minutes;
    s.resourceIds = std::move(resources);
    return s;
}

Service service(const QString &id, QList<ServiceSegment> segments, int buffer = 0)
{
    Service s;
    s.id = id;
    s.salonId = QStringLiteral("salon");
    s.name = id;
    s.segments = std::move(segments);
    s.bufferAfterMinutes = buffer;
    return s;
}

struct Book
{
    Schedule::Inputs inputs;
    QDate firstDay;
};

// A busy salon: Tue–Sat 09:00–18:00 with a staggered lunch, some on a
// fortnightly Saturday, holidays, and each working day filled with visits
// one after another with small gaps until 20k appointments are booked.
Book generate(quint32 seed)
{
    QRandomGenerator random(seed);
    Book book;
    Schedule::Inputs &in = book.inputs;
    in.salon.id = QStringLiteral("salon");
    in.salon.name = QStringLiteral("Bench");
    in.salon.timeZone = QStringLiteral("Europe/London");

    const QString basin = QStringLiteral("basin");
    Resource basins;
    basins.id = basin;
    basins.salonId = in.salon.id;
    basins.name = QStringLiteral("Basin");
    basins.count = 4;
    in.resources = {basins};
    in.services = {
            service(QStringLiteral("colour"),
                    {segment(SegmentKind::Busy, 30), segment(SegmentKind::Processing, 35),
                     segment(SegmentKind::Busy, 30, {basin})}),
            service(QStringLiteral("cut"), {segment(SegmentKind::Busy, 45)}, 10),
            service(QStringLiteral("wash"), {segment(SegmentKind::Busy, 15, {basin})}),
            service(QStringLiteral("fringe"), {segment(SegmentKind::Busy, 15)}),
    };

    book.firstDay = QDate(2026, 9, 1);
    for (int i = 0; i < Stylists; ++i) {
        Staff s;
        s.id = QStringLiteral("stylist%1").arg(i);
        s.salonId = in.salon.id;
        s.name = s.id;
        s.skills = {{QStringLiteral("cut"), {}},
                    {QStringLiteral("wash"), {}},
                    {QStringLiteral("fringe"), {}}};
        if (i % 6 != 5) // most do colour
            s.skills.append({QStringLiteral("colour"), {}});
        if (i % 4 == 0) // seniors cut faster
            s.skills[0].segmentsOverride = {segment(SegmentKind::Busy, 35)};
        in.staff.append(s);

        const int lunch = 12 * 60 + (i % 4) * 30;
        for (int day = 2; day <= 6; ++day) {
            Shift shift;
            shift.id = QStringLiteral("%1-%2").arg(s.id).arg(day);
            shift.staffId = s.id;
            shift.weekday = day;
            shift.startMinute = 9 * 60;
            shift.endMinute = 18 * 60;
            shift.breaks = {{lunch, lunch + 30}};
            if (day == 6 && i % 3 == 0) {
                shift.everyWeeks = 2;
                shift.anchorDate = book.firstDay;
            }
            in.shifts.append(shift);
        }
        if (i % 5 == 0) {
            TimeOff off;
            off.id = s.id + QStringLiteral("-holiday");
            off.staffId = s.id;
            const QDate from = book.firstDay.addDays(random.bounded(Weeks * 7 - 7));
            off.startsAt =
                    QDateTime(from, QTime(0, 0), QTimeZone("Europe/London")).toSecsSinceEpoch();
            off.endsAt = off.startsAt + 5 * 86400;
            off.reason = QStringLiteral("Holiday");
            in.timeOff.append(off);
        }
    }

    // Fill the days round-robin so the book is evenly busy.
    const Schedule empty(in);
    QList<QList<Schedule::Span>> days; // per stylist-day: working spans
    QList<int> dayStaff;               // per stylist-day: index into in.staff
    for (int d = 0; d < Weeks * 7; ++d) {
        for (int s = 0; s < in.staff.size(); ++s) {
            const auto spans = empty.workingSpans(in.staff.at(s).id, book.firstDay.addDays(d));
            if (!spans.isEmpty()) {
                days.append(spans);
                dayStaff.append(s);
            }
        }
    }
    QList<qint64> cursor(days.size());
    QList<int> spanIndex(days.size(), 0);
    for (qsizetype i = 0; i < days.size(); ++i)
        cursor[i] = days[i].first().start;
    int made = 0;
    for (int round = 0; made < Appointments && round < 100; ++round) {
        for (qsizetype i = 0; i < days.size() && made < Appointments; ++i) {
            const Service &svc = in.services.at(random.bounded(int(in.services.size())));
            const Staff &staff = in.staff.at(dayStaff[i]);
            if (!staff.skillFor(svc.id))
                continue;
            cursor[i] += random.bounded(4) * 15 * 60; // a gap now and then
            const QList<ServiceSegment> segments = staff.segmentsFor(svc);
            qint64 length = svc.bufferAfterMinutes * 60;
            for (const ServiceSegment &s : segments)
                length += s.minutes * 60;
            // Next working span that still has room.
            while (spanIndex[i] < days[i].size()
                   && std::max(cursor[i], days[i][spanIndex[i]].start) + length
                           > days[i][spanIndex[i]].end) {
                ++spanIndex[i];
            }
            if (spanIndex[i] >= days[i].size())
                continue;
            qint64 t = std::max(cursor[i], days[i][spanIndex[i]].start);
            Appointment a;
            a.id = QStringLiteral("a%1").arg(made);
            a.salonId = in.salon.id;
            ServiceLine line;
            line.id = a.id + QStringLiteral("-1");
            line.serviceId = svc.id;
            line.staffId = staff.id;
            for (const ServiceSegment &s : segments) {
                line.segments.append({s.kind, t, t + s.minutes * 60, s.resourceIds});
                t += s.minutes * 60;
            }
            if (svc.bufferAfterMinutes > 0) {
                line.segments.append({SegmentKind::Buffer, t, t + svc.bufferAfterMinutes * 60, {}});
                t += svc.bufferAfterMinutes * 60;
            }
            a.lines = {line};
            in.appointments.append(a);
            cursor[i] = t;
            ++made;
        }
    }
    return book;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
#ifndef NDEBUG
    std::printf(
            "bench_slots: note: an unoptimised (Debug) build; the target is for a Release build\n");
#endif

    const Book book = generate(42);
    const qsizetype appointments = book.inputs.appointments.size();

    QElapsedTimer timer;
    timer.start();
    const Schedule schedule(book.inputs);
    const double buildMs = timer.nsecsElapsed() / 1e6;
    std::printf("bench_slots: build schedule (%lld appointments, %d stylists): %.1f ms\n",
                qint64(appointments), Stylists, buildMs);

    const AvailabilityFinder finder(schedule);
    const VisitRequest visit{{QStringLiteral("colour"), QStringLiteral("cut")}, {}};
    const QDate firstDay = book.firstDay.addDays(8 * 7);
    const qint64 from = schedule.toUtc(firstDay, 0);
    const qint64 to = schedule.toUtc(firstDay.addDays(8 * 7), 0);

    timer.restart();
    const QList<Slot> all = finder.freeSlots(visit, from, to);
    std::printf("bench_slots: first query (fills the day caches): %.2f ms, %lld slots\n",
                timer.nsecsElapsed() / 1e6, qint64(all.size()));

    auto measure = [&](const VisitRequest &request, int limit, int runs) {
        QList<double> ms;
        qsizetype count = 0;
        for (int run = 0; run < runs; ++run) {
            timer.restart();
            count = finder.freeSlots(request, from, to, 15, limit).size();
            ms.append(timer.nsecsElapsed() / 1e6);
        }
        return std::make_pair(median(ms), count);
    };

    const auto [anyMs, anyCount] = measure(visit, -1, 200);
    const auto [firstMs, firstCount] = measure(visit, 20, 200);
    const auto [oneMs, oneCount] = measure({visit.serviceIds, QStringLiteral("stylist1")}, -1, 200);

    std::printf("bench_slots: colour + cut, any of %d stylists, 8 weeks, all %lld slots: "
                "median %.3f ms/query\n",
                Stylists, qint64(anyCount), anyMs);
    std::printf("bench_slots: same, first %lld slots: median %.3f ms/query\n", qint64(firstCount),
                firstMs);
    std::printf("bench_slots: same, one stylist, %lld slots: median %.3f ms/query\n",
                qint64(oneCount), oneMs);
    const bool met = anyMs <= TargetMs;
    std::printf("bench_slots: warm query %.3f ms (target <= %.1f ms) %s\n", anyMs, TargetMs,
                met ? "MET" : "NOT MET");
    return 0;
}
