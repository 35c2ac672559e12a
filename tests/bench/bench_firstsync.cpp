// The first sync of 100k appointments and their clients (issue 9), against
// the floor measured in the same run: `psql \copy` of the same rows to CSV
// plus `sqlite3 .import` into a keyed table. Prints both times, their ratio,
// and the peak resident memory of the first sync (VmHWM, reset before it).
// Runs inside the test cluster (tests/server/postgres-cluster.sh run), which
// gives CHAIRSIDE_TEST_PG_URL; an argument sets the number of appointments.

#include "server/serverconnection.h"
#include "server/serverschema.h"
#include "server/serverurl.h"
#include "store/store.h"
#include "sync/firstsync.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

#include <sys/resource.h>

using namespace chairside;

namespace {

const QString salonId = QStringLiteral("bench");
const QString devicePassword = QStringLiteral("bench-device-password");

// A line of /proc/self/status, in kB.
qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Peak resident memory from here on (Linux: writing 5 to clear_refs resets VmHWM).
void resetPeak()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

// CPU time of this process (user and system), in seconds.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
            + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

QString loadAverage()
{
    QFile load(QStringLiteral("/proc/loadavg"));
    return load.open(QIODevice::ReadOnly) ? QString::fromLatin1(load.readAll()).section(u' ', 0, 2)
                                          : QStringLiteral("?");
}

bool run(const QString &program, const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return false;
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(-1);
    process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "%s failed\n", qPrintable(program));
        return false;
    }
    return true;
}

QString libpqUrl(QUrl url, const QString &user, const QString &password)
{
    url.setUserName(user);
    url.setPassword(password);
    return url.toString();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("chairside.*.info=false"));
    const int appointments = argc > 1 ? std::max(1, atoi(argv[1])) : 100000;
    if (qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_URL")) {
        std::fprintf(stderr,
                     "bench_firstsync: run it inside tests/server/postgres-cluster.sh run\n");
        return 1;
    }

    // The server: the schema, a salon of `appointments` visits made on the
    // server (tests/bench/firstsync_seed.sql), and this PC's login.
    testserver::FreshDatabase database(QStringLiteral("bench_firstsync"));
    if (!database.ok())
        return 1;
    QSqlDatabase owner = database.owner();
    if (!ServerSchema::migrate(owner).ok())
        return 1;
    const QString role = QStringLiteral("bench_firstsync_pc");
    QElapsedTimer seeding;
    seeding.start();
    if (!run(QStringLiteral("psql"),
             {QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
              QStringLiteral("-1"), QStringLiteral("-v"), QStringLiteral("salon=") + salonId,
              QStringLiteral("-v"), QStringLiteral("appointments=%1").arg(appointments),
              QStringLiteral("-f"), QStringLiteral(CHAIRSIDE_SEED_SQL), database.url().toString()}))
        return 1;
    QSqlQuery query(owner);
    for (const QString &sql :
         {QStringLiteral("DROP ROLE IF EXISTS %1").arg(role),
          QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2' IN ROLE chairside_device")
                  .arg(role, devicePassword),
          QStringLiteral("INSERT INTO devices (salon_id, name, login_role) VALUES ('%1', "
                         "'Bench PC', '%2')")
                  .arg(salonId, role)}) {
        if (!query.exec(sql)) {
            std::fprintf(stderr, "%s\n", qPrintable(query.lastError().text()));
            return 1;
        }
    }
    const QString pcUrl = libpqUrl(database.url(), role, devicePassword);
    std::printf("bench_firstsync: %d appointments seeded on the server in %.1f s\n", appointments,
                seeding.elapsed() / 1000.0);

    QTemporaryDir dir;
    double best[2] = {1e9, 1e9};
    qint64 rows = 0;
    qint64 peakKb = 0;
    for (int round = 1; round <= 2; ++round) {
        // The floor: the same rows to a CSV file, then into a keyed table.
        const QString csv = dir.filePath(QStringLiteral("book-%1.csv").arg(round));
        const QString floorDb = dir.filePath(QStringLiteral("floor-%1.db").arg(round));
        QElapsedTimer floor;
        floor.start();
        // BENCH_FIRSTSYNC_ONLY skips the floor, for profiling the first sync alone.
        const bool withFloor = qEnvironmentVariableIsEmpty("BENCH_FIRSTSYNC_ONLY");
        const QString copy = QStringLiteral("\\copy (SELECT entity, id, version, deleted, payload "
                                            "FROM book_rows(0)) TO '%1' WITH (FORMAT csv)")
                                     .arg(csv);
        const QString import = QStringLiteral("CREATE TABLE book (entity TEXT NOT NULL, id TEXT "
                                              "NOT NULL, version INTEGER NOT "
                                              "NULL, deleted TEXT NOT NULL, payload TEXT, PRIMARY "
                                              "KEY (entity, id)) WITHOUT "
                                              "ROWID;\n.import --csv %1 book\n")
                                       .arg(csv);
        double copySeconds = 0;
        if (withFloor) {
            if (!run(QStringLiteral("psql"),
                     {QStringLiteral("-q"), QStringLiteral("-c"), copy, pcUrl}))
                return 1;
            copySeconds = floor.elapsed() / 1000.0;
            if (!run(QStringLiteral("sqlite3"), {floorDb}, import.toUtf8()))
                return 1;
        }
        const double floorSeconds = floor.elapsed() / 1000.0;

        // The first sync into a new store of a PC that has joined.
        Result<std::unique_ptr<Store>> store =
                Store::open(Store::pathIn(dir.filePath(QStringLiteral("pc-%1").arg(round))));
        if (!store
            || !(*store)->saveServerLink({pcUrl, QStringLiteral("bench"), role, salonId, false,
                                          QDateTime::currentDateTimeUtc()})) {
            std::fprintf(stderr, "could not make the PC's store\n");
            return 1;
        }
        ServerUrl url = *ServerUrl::parse(pcUrl);
        Result<std::unique_ptr<ServerConnection>> server = ServerConnection::open(url);
        if (!server) {
            std::fprintf(stderr, "%s\n", qPrintable(server.error().message));
            return 1;
        }
        const qint64 rssBefore = statusKb("VmRSS:");
        resetPeak();
        const double cpuBefore = cpuSeconds();
        QElapsedTimer sync;
        sync.start();
        const Result<FirstSyncSummary> summary = FirstSync::run(**store, **server);
        const double syncSeconds = sync.elapsed() / 1000.0;
        const qint64 peak = statusKb("VmHWM:");
        const double cpu = cpuSeconds() - cpuBefore;
        if (!summary) {
            std::fprintf(stderr, "first sync failed: %s\n", qPrintable(summary.error().message));
            return 1;
        }
        rows = summary->received;
        peakKb = std::max(peakKb, peak);
        best[0] = std::min(best[0], floorSeconds);
        best[1] = std::min(best[1], syncSeconds);
        std::printf(
                "round %d: floor %.2f s (psql \\copy %.2f s, then sqlite3 .import), first sync "
                "%.2f s "
                "(%.0f rows/s; this process's CPU %.2f s), ratio %.2f; resident before %lld MB, "
                "peak during %lld MB; load %s\n",
                round, floorSeconds, copySeconds, syncSeconds, rows / syncSeconds, cpu,
                syncSeconds / floorSeconds, rssBefore / 1024, peak / 1024,
                qPrintable(loadAverage()));
        std::fflush(stdout);
    }
    std::printf("bench_firstsync: %lld rows (%d appointments with their clients): first sync "
                "%.2f s, floor %.2f s, ratio %.2f (target <= 1.00); peak resident %lld MB "
                "(target <= 200 MB)\n",
                rows, appointments, best[1], best[0], best[1] / best[0], peakKb / 1024);
    query.exec(QStringLiteral("DROP ROLE %1").arg(role));
    return 0;
}
