// Store benchmarks: insertAll of 100k appointments (rows/s), then opening that
// store and loading one day for 30 stylists (ms). Data is generated here so
// the figures do not depend on the demo generator.

#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

constexpr int stylistCount = 30;
int appointmentCount = 100000;          // an argument makes it smaller, for profiling
constexpr qint64 firstDay = 1735689600; // 2025-01-01T00:00:00Z

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct BenchData
{
    StoreContents contents;
    qint64 rows = 0; // every row insertAll writes
    int days = 0;
};

// 30 stylists, 6 services (some with processing time at a basin, some with a
// buffer), 5000 clients; visits of 1-3 services (2 on average), each stylist
// about 6 visits a day, six days a week.
BenchData generate()
{
    QRandomGenerator random(2026);
    TestData data(QStringLiteral("bench-salon"));
    const QString basin = data.addResource(QStringLiteral("Basin"), QStringLiteral("basin"), 4).id;
    data.addService(QStringLiteral("Cut & Finish"), {segment(SegmentKind::Busy, 45)});
    data.addService(QStringLiteral("Colour"),
                    {segment(SegmentKind::Busy, 30), segment(SegmentKind::Processing, 35),
                     segment(SegmentKind::Busy, 30, {basin})});
    data.addService(QStringLiteral("Blow-dry"), {segment(SegmentKind::Busy, 30)}, 10);
    data.addService(QStringLiteral("Highlights"),
                    {segment(SegmentKind::Busy, 60), segment(SegmentKind::Processing, 30),
                     segment(SegmentKind::Busy, 15, {basin})},
                    10);
    data.addService(QStringLiteral("Fringe"), {segment(SegmentKind::Busy, 15)});
    data.addService(QStringLiteral("Wash"), {segment(SegmentKind::Busy, 15, {basin})});
    for (int i = 0; i < stylistCount; ++i)
        data.addStylist(QStringLiteral("Stylist %1").arg(i + 1));
    for (int i = 0; i < 5000; ++i)
        data.addClient(QStringLiteral("Client %1").arg(i + 1),
                       QStringLiteral("07700 %1").arg(100000 + i));

    BenchData bench;
    bench.contents = data.contents();
    bench.rows = 1 + data.staff.size() + data.services.size() + data.resources.size()
            + data.clients.size();
    for (const Staff &s : std::as_const(data.staff))
        bench.rows += s.skills.size();
    bench.contents.appointments.reserve(appointmentCount);
    int day = 0;
    while (bench.contents.appointments.size() < appointmentCount) {
        if (day % 7 != 6) { // closed one day a week
            for (int stylist = 0;
                 stylist < stylistCount && bench.contents.appointments.size() < appointmentCount;
                 ++stylist) {
                qint64 at = firstDay + day * 86400 + 9 * 3600;
                for (int visit = 0;
                     visit < 6 && bench.contents.appointments.size() < appointmentCount; ++visit) {
                    const int lines = 1 + int(random.bounded(3));
                    QList<std::pair<int, int>> parts;
                    for (int line = 0; line < lines; ++line) {
                        // Mostly the same stylist; now and then a colleague does one service.
                        const int who = random.bounded(5) == 0 ? int(random.bounded(stylistCount))
                                                               : stylist;
                        parts.append({who, int(random.bounded(int(data.services.size())))});
                    }
                    Appointment a = data.appointment(newId(), at, parts);
                    a.clientId = data.clients.at(random.bounded(int(data.clients.size()))).id;
                    for (ServiceLine &line : a.lines)
                        line.id = newId();
                    bench.rows += 1 + a.lines.size();
                    for (const ServiceLine &line : std::as_const(a.lines))
                        bench.rows += line.segments.size();
                    at += 90 * 60;
                    bench.contents.appointments.append(std::move(a));
                }
            }
        }
        ++day;
    }
    bench.days = day;
    return bench;
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc > 1)
        appointmentCount = std::max(1000, QByteArray(argv[1]).toInt());
    QLoggingCategory::setFilterRules(
            QStringLiteral("chairside.store.info=false\nchairside.store.debug=false"));

    const BenchData bench = generate();
    qint64 lines = 0;
    for (const Appointment &a : bench.contents.appointments)
        lines += a.lines.size();
    std::printf("bench_store: %lld appointments (%.2f lines each), %lld rows, over %d days, %d "
                "stylists\n",
                qlonglong(bench.contents.appointments.size()),
                double(lines) / bench.contents.appointments.size(), qlonglong(bench.rows),
                bench.days, stylistCount);

    TempStore temp;
    if (!temp.isValid()) {
        std::printf("bench_store: could not open a store: %s\n", qPrintable(temp.errorString()));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    const Result<void> inserted = temp->insertAll(bench.contents, false);
    const double insertMs = msSince(timer);
    // CPU time too: the wall clock suffers when other builds share the machine.
    const double insertCpuMs = double(std::clock() - cpuStart) * 1000.0 / CLOCKS_PER_SEC;
    if (!inserted.ok()) {
        std::printf("bench_store: insertAll failed: %s\n", qPrintable(inserted.error().message));
        return 1;
    }
    const double rowsPerSecond = bench.rows / (insertMs / 1000.0);
    std::printf("insertAll, %dk appointments, one transaction: %.0f ms, %.0f rows/s (target >= "
                "200000 rows/s); "
                "CPU %.0f ms, %.0f rows per CPU second\n",
                appointmentCount / 1000, insertMs, rowsPerSecond, insertCpuMs,
                bench.rows / (insertCpuMs / 1000.0));

    temp.close();
    std::printf("store file: %.1f MiB\n", double(QFileInfo(temp.path()).size()) / (1024 * 1024));
    timer.restart();
    const bool reopened = temp.reopen();
    const double openMs = msSince(timer);
    if (!reopened) {
        std::printf("bench_store: reopen failed: %s\n", qPrintable(temp.errorString()));
        return 1;
    }
    std::printf("open the store (migrations check, quick_check, WAL): %.1f ms\n", openMs);

    const QString salonId = bench.contents.salons.constFirst().id;
    const qint64 middleDay = firstDay + (bench.days / 2) * 86400;
    timer.restart();
    QList<Appointment> day = VALUE_OF(temp->appointments(salonId, middleDay, middleDay + 86400), 1);
    const double firstLoadMs = msSince(timer);
    std::printf("first day load after that open, 30 stylists: %lld appointments in %.2f ms (target "
                "<= 20 ms)\n",
                qlonglong(day.size()), firstLoadMs);

    // What the desktop does: quick_check in the background, the day at once.
    temp.close();
    timer.restart();
    auto quick = Store::open(temp.path(), Store::Check::InBackground);
    if (!quick.ok()) {
        std::printf("bench_store: open failed: %s\n", qPrintable(quick.error().message));
        return 1;
    }
    const QList<Appointment> quickDay =
            VALUE_OF((*quick)->appointments(salonId, middleDay, middleDay + 86400), 1);
    const double openAndLoadMs = msSince(timer);
    std::printf("open (quick_check in background) + load one day for 30 stylists: %lld "
                "appointments in %.2f ms "
                "(target <= 20 ms)\n",
                qlonglong(quickDay.size()), openAndLoadMs);
    QEventLoop loop;
    bool sound = false;
    QObject::connect(quick->get(), &Store::quickCheckFinished, &loop, [&](bool ok) {
        sound = ok;
        loop.quit();
    });
    loop.exec();
    std::printf("background quick_check finished %s after %.0f ms\n", sound ? "sound" : "DAMAGED",
                msSince(timer));
    quick->reset();
    if (!temp.reopen())
        return 1;

    QList<double> times;
    QList<double> cpuTimes;
    for (int i = 0; i < 30; ++i) {
        const qint64 from = firstDay + (i * 17 % bench.days) * 86400;
        timer.restart();
        const std::clock_t dayCpuStart = std::clock();
        day = VALUE_OF(temp->appointments(salonId, from, from + 86400), 1);
        times.append(msSince(timer));
        cpuTimes.append(double(std::clock() - dayCpuStart) * 1000.0 / CLOCKS_PER_SEC);
    }
    std::sort(times.begin(), times.end());
    std::sort(cpuTimes.begin(), cpuTimes.end());
    std::printf("day load, warm, 30 different days: median %.2f ms, worst %.2f ms (target <= 20 "
                "ms); CPU median %.2f ms\n",
                times.at(times.size() / 2), times.constLast(), cpuTimes.at(cpuTimes.size() / 2));

    timer.restart();
    const QString stylistId = bench.contents.staff.constFirst().id;
    const QList<Appointment> stylistDay =
            VALUE_OF(temp->appointments(salonId, middleDay, middleDay + 86400, stylistId), 1);
    std::printf("one stylist's day: %lld appointments in %.2f ms\n", qlonglong(stylistDay.size()),
                msSince(timer));

    const bool ok = rowsPerSecond >= 200000 && openAndLoadMs <= 20 && times.constLast() <= 20;
    std::printf("bench_store: %s\n", ok ? "within targets" : "OUTSIDE TARGETS");
    return 0;
}
