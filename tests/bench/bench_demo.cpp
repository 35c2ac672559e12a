// Benchmark: the demo salon with 100k appointments, generated and then
// written in one transaction with prepared statements.
// Target (issue 2): writing >= 200k rows/s, judged on the median of five
// writes.

#include "testsupport.h"

#include "demo/demosalon.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace chairside;

namespace {

constexpr double TargetRowsPerSecond = 200000;
constexpr int Runs = 5; // odd, so the median is one of them

// Rows as the store keeps them: one per entity, plus each appointment's
// lines and segments and each stylist's skills.
qint64 rowCount(const StoreContents &c)
{
    qint64 rows = c.salons.size() + c.staff.size() + c.services.size() + c.resources.size()
            + c.clients.size() + c.shifts.size() + c.shiftExceptions.size() + c.timeOff.size()
            + c.standingAppointments.size() + c.appointments.size() + c.waitlist.size();
    for (const Staff &staff : c.staff)
        rows += staff.skills.size();
    for (const Appointment &a : c.appointments) {
        rows += a.lines.size();
        for (const ServiceLine &line : a.lines)
            rows += line.segments.size();
    }
    return rows;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);

    DemoSalon::Options options;
    options.seed = 42;
    options.appointments = 100000;
    options.stylists = 30;
    options.clients = 5000;
    options.today = QDate(2026, 12, 1);

    QElapsedTimer timer;
    timer.start();
    const StoreContents contents = DemoSalon::generate(options);
    const qint64 generateMs = timer.elapsed();
    const qint64 rows = rowCount(contents);
    std::printf("bench_demo: generate %lld appointments, %lld rows (%d stylists, %d clients): "
                "%lld ms\n",
                qint64(contents.appointments.size()), rows, options.stylists, options.clients,
                generateMs);

    // The median of several writes, each into a fresh store: one slow run
    // (another build on the machine) does not move it, nor does one lucky run.
    QList<qint64> runs;
    for (int run = 0; run < Runs; ++run) {
        testsupport::TempStore store;
        if (!store.isValid()) {
            std::fprintf(stderr, "bench_demo: %s\n", qPrintable(store.errorString()));
            return 1;
        }
        timer.restart();
        const Result<void> written = store->insertAll(contents, /*withOutbox*/ false);
        const qint64 ms = std::max<qint64>(1, timer.elapsed());
        if (!written) {
            std::fprintf(stderr, "bench_demo: write failed: %s\n",
                         qPrintable(written.error().message));
            return 1;
        }
        std::printf("bench_demo: write run %d: %lld ms\n", run + 1, ms);
        runs.append(ms);
    }
    std::sort(runs.begin(), runs.end());
    const qint64 medianMs = runs.at(Runs / 2);
    const double rowsPerSecond = rows * 1000.0 / medianMs;
    std::printf("bench_demo: write %lld rows in one transaction: median of %d runs %lld ms "
                "(fastest %lld, slowest %lld) = %.0f rows/s (target >= %.0f rows/s) %s\n",
                rows, Runs, medianMs, runs.first(), runs.last(), rowsPerSecond, TargetRowsPerSecond,
                rowsPerSecond >= TargetRowsPerSecond ? "OK" : "MISSED");
    return 0;
}
