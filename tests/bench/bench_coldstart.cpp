// Benchmark: a cold start of `chairside` (issue 8).
//   start    from launching the process to the day view's first paint, with
//            100k appointments stored: <= 3x a bare Qt main window (barewindow)
//            launched the same way in the same run, median of the runs
//   memory   the process's peak resident memory (VmHWM, from wait4's rusage)
//            <= 80 MB
// Both programs run with QT_QPA_PLATFORM=offscreen and a settings folder of
// their own, one after the other, so a busy machine slows both. "Cold" is the
// process: the store file is in the page cache after the first run. Linux.
// Usage: bench_coldstart [runs] [other-chairside]  (runs: default 7)
// With another build's `chairside`, that one runs too, by turns with this
// build's, on the same book: before and after a change, on the same load.

#include "firstpaintexit.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace chairside;

namespace {

constexpr double TargetRatio = 3.0;
constexpr double TargetPeakMb = 80.0;
const QDate Day(2026, 12, 1); // a Tuesday: the salon is open
constexpr int TimeoutMs = 60 * 1000;

struct Launch
{
    double ms = 0; // to the "first paint" line
    double peakMb = 0;
    QString error; // empty when it painted and exited with 0
};

// Runs `arguments` (the program first) with stdout on a pipe, times it to
// the line `chairside::FirstPaintExit` prints, and reads the peak resident
// memory from wait4() once it has exited.
Launch launch(const QStringList &arguments)
{
    Launch result;
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) {
        result.error = QStringLiteral("pipe: %1").arg(qt_error_string(errno));
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::vector<QByteArray> bytes;
    for (const QString &argument : arguments)
        bytes.push_back(QFile::encodeName(argument));
    std::vector<char *> argv;
    for (QByteArray &b : bytes)
        argv.push_back(b.data());
    argv.push_back(nullptr);

    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv.front(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (spawned != 0) {
        close(out[0]);
        result.error = QStringLiteral("%1: %2").arg(arguments.first(), qt_error_string(spawned));
        return result;
    }

    QByteArray seen;
    bool painted = false;
    for (;;) {
        pollfd fd{out[0], POLLIN, 0};
        if (poll(&fd, 1, TimeoutMs) <= 0) {
            kill(pid, SIGKILL);
            result.error = QStringLiteral("no first paint within %1 s").arg(TimeoutMs / 1000);
            break;
        }
        char buffer[4096];
        const ssize_t n = read(out[0], buffer, sizeof buffer);
        if (n <= 0)
            break; // the child has closed its stdout: it is exiting
        seen.append(buffer, n);
        if (!painted && seen.contains(chairside::FirstPaintExit::line)) {
            painted = true;
            result.ms = timer.nsecsElapsed() / 1e6;
        }
    }
    close(out[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    result.peakMb = usage.ru_maxrss / 1024.0; // kB on Linux
    if (result.error.isEmpty() && !painted)
        result.error = QStringLiteral("it exited without painting");
    if (result.error.isEmpty() && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
        result.error = QStringLiteral("exit status %1").arg(status);
    return result;
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
    const int runs = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 7;

    // The book: the demo salon with 100k appointments, as bench_demo makes
    // it, written by chairside-cli in a process of its own: a child started
    // with posix_spawn() starts its peak memory from this process's, so this
    // one stays small.
    QTemporaryDir book;
    QElapsedTimer timer;
    timer.start();
    QProcess cli;
    cli.start(QStringLiteral(CHAIRSIDE_CLI),
              {QStringLiteral("--data-dir"), book.path(), QStringLiteral("demo"),
               QStringLiteral("--seed"), QStringLiteral("42"), QStringLiteral("--stylists"),
               QStringLiteral("30"), QStringLiteral("--clients"), QStringLiteral("5000"),
               QStringLiteral("--appointments"), QStringLiteral("100000"),
               QStringLiteral("--today"), Day.toString(Qt::ISODate)});
    if (!cli.waitForFinished(5 * 60 * 1000) || cli.exitCode() != 0) {
        std::fprintf(stderr, "bench_coldstart: chairside-cli demo failed: %s\n",
                     cli.readAllStandardError().constData());
        return 1;
    }
    std::printf("bench_coldstart: 100000 appointments, 30 stylists, 5000 clients written in %lld "
                "ms\n",
                timer.elapsed());

    // Neither program reads or writes the settings of whoever runs this.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));
    qputenv("QT_QPA_PLATFORM", "offscreen");

    const QStringList bare = {QStringLiteral(BAREWINDOW_APP)};
    const QStringList chairside = {QStringLiteral(CHAIRSIDE_APP),
                                   QStringLiteral("--data-dir"),
                                   book.path(),
                                   QStringLiteral("--date"),
                                   Day.toString(Qt::ISODate),
                                   QStringLiteral("--exit-after-first-paint")};
    QStringList other;
    if (argc > 2) {
        other = chairside;
        other.first() = QFile::decodeName(argv[2]);
    }

    // One of each first, not counted: the libraries come into the page cache.
    for (const QStringList &program : {bare, chairside, other}) {
        if (program.isEmpty())
            continue;
        const Launch warm = launch(program);
        if (!warm.error.isEmpty()) {
            std::fprintf(stderr, "bench_coldstart: %s: %s\n", qPrintable(program.first()),
                         qPrintable(warm.error));
            return 1;
        }
    }
    QList<double> bareMs, bareMb, appMs, appMb, otherMs;
    for (int run = 0; run < runs; ++run) {
        const Launch b = launch(bare);
        const Launch a = launch(chairside);
        const Launch o = other.isEmpty() ? Launch() : launch(other);
        for (const Launch &l : {b, a, o}) {
            if (!l.error.isEmpty()) {
                std::fprintf(stderr, "bench_coldstart: run %d: %s\n", run + 1, qPrintable(l.error));
                return 1;
            }
        }
        bareMs.append(b.ms);
        bareMb.append(b.peakMb);
        appMs.append(a.ms);
        appMb.append(a.peakMb);
        std::printf("bench_coldstart: run %d: bare window %.0f ms %.1f MB, chairside %.0f ms "
                    "%.1f MB\n",
                    run + 1, b.ms, b.peakMb, a.ms, a.peakMb);
        if (!other.isEmpty()) {
            otherMs.append(o.ms);
            std::printf("bench_coldstart: run %d: the other chairside %.0f ms %.1f MB\n", run + 1,
                        o.ms, o.peakMb);
        }
    }

    rusage self{};
    getrusage(RUSAGE_SELF, &self);
    std::printf("bench_coldstart: this process's own peak, a floor under both: %.1f MB\n",
                self.ru_maxrss / 1024.0);
    const double ratio = median(appMs) / std::max(1.0, median(bareMs));
    const double peak = *std::max_element(appMb.begin(), appMb.end());
    std::printf("bench_coldstart: median of %d: bare window %.0f ms (%.1f MB), chairside %.0f ms "
                "(%.1f MB)\n",
                runs, median(bareMs), median(bareMb), median(appMs), median(appMb));
    if (!other.isEmpty()) {
        std::printf("bench_coldstart: the other chairside (%s): median %.0f ms, %.2fx the bare "
                    "window\n",
                    argv[2], median(otherMs), median(otherMs) / std::max(1.0, median(bareMs)));
    }
    std::printf("bench_coldstart: start %.2fx the bare window (target <= %.0fx): %s\n", ratio,
                TargetRatio, ratio <= TargetRatio ? "ok" : "MISSED");
    std::printf("bench_coldstart: peak resident %.1f MB, the highest run (target <= %.0f MB): %s\n",
                peak, TargetPeakMb, peak <= TargetPeakMb ? "ok" : "MISSED");
    return 0;
}
