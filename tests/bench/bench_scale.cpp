// Scale, simulated (issue 9): 500 PCs of 100 salons, each polling every 2 s
// and pushing a change every 30 s, through PgBouncer in transaction-pooling
// mode to one PostgreSQL on this machine. Prints pull and push latency,
// errors, the CPU time of the server, PgBouncer and this process, and the
// server connections used against the PCs' connections to PgBouncer.
//
//   bench_scale [--seconds 60] [--pcs 500] [--salons 100] [--appointments 300] [--shared]
//
// --shared: the PCs connect to PgBouncer's "bench_scale_shared", which logs
// in to the server as the one login chairside_pool for all of them
// (pgbouncer.sh, docs/server.md "Many PCs"), so they share its pool
// (CHAIRSIDE_PGBOUNCER_SHARED_POOL_SIZE server connections); each PC's
// book_head() and push_mutations() then carry its device key, as
// ServerConnection sends them behind a shared pool.
//
// Run it inside tests/server/pgbouncer.sh run (the "bench" target does, with
// the pool it names). The PCs are light: one process, one thread, one libpq
// connection per PC with its own enrolled login, driven without blocking
// (PQsendQueryParams, PQconsumeInput and poll()). A PC holds only its
// cursor, the versions of its salon's visits and its outbox sequence, not a
// Store: 500 SQLite stores applying what they pull would measure this
// machine's two cores rather than the server. What each PC sends is what
// SyncRound sends, statement by statement, as libpq's unnamed statements
// (ServerConnection::run): book_head(); push_mutations() when a change is
// due; and, when the head moved, BookPull's pull statement (the head and
// the rows after the cursor in one statement: book_pull() from schema 8),
// taken from BookPull::pullStatement and read with BookPull::readPulled.
// book_head() and push_mutations() are copied from core/sync/bookpull.cpp
// and outboxpush.cpp: change them here when those change.
//
// Server CPU: the postmaster's own and reaped children's time
// (/proc/PID/stat utime, stime, cutime, cstime), plus the live backends'
// (every process whose parent is the postmaster), before and after.
// Server connections: pg_stat_activity's client backends of the bench's
// database, sampled every second from the superuser's direct connection.

#include "domain/appointment.h"
#include "server/deviceenrolment.h"
#include "server/serverconnection.h"
#include "server/serverschema.h"
#include "store/changeset.h"
#include "store/pulledrow.h"
#include "sync/bookpull.h"
#include "testserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QUrl>

#include <libpq-fe.h>
#include <poll.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

using namespace chairside;

namespace {

// The statements a polling PC sends (see the top of this file).
const char headSql[] = "SELECT epoch::text, version, purged FROM book_head()";
const char pushSql[] = "SELECT push_mutations($1::jsonb)";
// Behind a shared pool (--shared), with the PC's device key last.
bool sharedPool = false;
// BookPull's pull statement, for the schema this bench installs.
QByteArray pullSql;
const char keyedHeadSql[] = "SELECT epoch::text, version, purged FROM book_head($1)";
const char keyedPushSql[] = "SELECT push_mutations($1::jsonb, $2)";

constexpr qint64 pollNs = 2'000'000'000;
constexpr qint64 pushNs = 30'000'000'000;

QElapsedTimer clockTimer;
qint64 nowNs()
{
    return clockTimer.nsecsElapsed();
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min(values.size() - 1, size_t(p * double(values.size()))));
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly)
            ? QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2)
            : QStringLiteral("?");
}

// /proc/PID/stat's fields after the command name: state is field 3.
QList<QByteArray> statFields(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = file.readAll();
    return stat.mid(stat.lastIndexOf(')') + 2).split(' ');
}

double ticksToSeconds(qint64 ticks)
{
    return double(ticks) / double(sysconf(_SC_CLK_TCK));
}

// CPU seconds of `pid` (utime + stime), and with `children` its reaped
// children's too (cutime + cstime).
double cpuOf(qint64 pid, bool children)
{
    const QList<QByteArray> f = statFields(pid);
    if (f.size() < 15)
        return 0;
    qint64 ticks = f.at(11).toLongLong() + f.at(12).toLongLong();
    if (children)
        ticks += f.at(13).toLongLong() + f.at(14).toLongLong();
    return ticksToSeconds(ticks);
}

// The whole server: the postmaster, its reaped children and its live ones.
double serverCpu(qint64 postmaster)
{
    double total = cpuOf(postmaster, true);
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool number = false;
        const qint64 pid = entry.toLongLong(&number);
        if (!number)
            continue;
        const QList<QByteArray> f = statFields(pid);
        if (f.size() >= 15 && f.at(1).toLongLong() == postmaster)
            total += ticksToSeconds(f.at(11).toLongLong() + f.at(12).toLongLong());
    }
    return total;
}

double selfCpu()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The machine's busy and total jiffies (/proc/stat's first line).
std::pair<qint64, qint64> machineJiffies()
{
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return {0, 0};
    const QList<QByteArray> f = file.readLine().simplified().split(' ');
    qint64 total = 0;
    qint64 idle = 0;
    for (int i = 1; i < std::min<qsizetype>(f.size(), 9); ++i) { // not guest time again
        total += f.at(i).toLongLong();
        if (i == 4 || i == 5) // idle, iowait
            idle += f.at(i).toLongLong();
    }
    return {total - idle, total};
}

qint64 pidFromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readLine().trimmed().toLongLong();
}

QByteArray conninfo(const QUrl &url, const QString &database, const QString &user,
                    const QString &password)
{
    return QStringLiteral("host=%1 port=%2 dbname=%3 user=%4 password=%5 sslmode=disable")
            .arg(url.host())
            .arg(url.port(5432))
            .arg(database, user, password)
            .toUtf8();
}

// One blocking statement for the set-up; the rows, or an empty list with the
// error printed.
// A result's rows; SQL NULL is a null QByteArray, as ServerConnection::run
// gives them (BookPull::readPulled tells the head row by it).
QList<QByteArrayList> rowsOf(const PGresult *r)
{
    QList<QByteArrayList> rows;
    for (int i = 0; i < PQntuples(r); ++i) {
        QByteArrayList row;
        for (int j = 0; j < PQnfields(r); ++j)
            row.append(PQgetisnull(r, i, j)
                               ? QByteArray()
                               : QByteArray(PQgetvalue(r, i, j), PQgetlength(r, i, j)));
        rows.append(row);
    }
    return rows;
}

std::vector<QByteArrayList> exec(PGconn *conn, const char *sql, const QByteArrayList &params = {})
{
    std::vector<const char *> values;
    for (const QByteArray &p : params)
        values.push_back(p.constData());
    PGresult *r = PQexecParams(conn, sql, int(values.size()), nullptr, values.data(), nullptr,
                               nullptr, 0);
    std::vector<QByteArrayList> rows;
    if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK)
        std::fprintf(stderr, "%s: %s", sql, PQresultErrorMessage(r));
    else
        for (const QByteArrayList &row : rowsOf(r))
            rows.push_back(row);
    PQclear(r);
    return rows;
}

struct Salon
{
    QString id;
    QList<Appointment> visits; // the book's visits, as the PCs last pushed them
};

struct Pc
{
    enum class Step { Idle, Head, Push, Pull, Rollback };

    int number = 0;
    int salon = 0;
    QString role;
    QString password;
    QByteArray key; // its device key (ServerConnection::deviceKeyOf)
    PGconn *conn = nullptr;
    qint64 cursor = 0;
    QHash<QString, qint64> versions; // its salon's visits, as far as it pulled
    qint64 sequence = 0;             // its outbox's last sequence

    Step step = Step::Idle;
    bool wantsWrite = false;
    qint64 nextPoll = 0;
    qint64 nextPush = 0;
    bool pushDue = false;
    qint64 sentAt = 0;
    qint64 roundStartedAt = 0;
    qint64 pullNs = 0;      // the round's pull statements so far
    qint64 pullBegunAt = 0; // when its pull statement went
    qint64 head = 0;
    bool pushed = false;
    bool failed = false;
    QByteArray error;
    PGresult *result = nullptr; // the statement's first result, until it is done
};

struct Figures
{
    std::vector<double> pullMs, quietMs, movedMs, pushMs, lagMs;
    qint64 rowsPulled = 0;
    int applied = 0, conflicts = 0, refused = 0, errors = 0, reconnects = 0;
    QHash<QByteArray, int> errorKinds;
};

// The connections the server and PgBouncer see, sampled every second.
struct Sampler
{
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable wake;
    int maxServer = 0, maxActive = 0, maxAll = 0, maxClients = 0, maxBouncerServer = 0;
    double maxWait = 0;
    qint64 sumServer = 0, samples = 0;

    void run(const QByteArray &superuser, const QByteArray &admin, const QString &database)
    {
        PGconn *server = PQconnectdb(superuser.constData());
        PGconn *bouncer = PQconnectdb(admin.constData());
        const QByteArray countSql =
                QStringLiteral("SELECT count(*) FILTER (WHERE pc), count(*) FILTER (WHERE pc AND "
                               "state = 'active'), count(*) FROM (SELECT state, usename LIKE "
                               "'chairside\\_pc\\_%' OR usename = 'chairside_pool' AS pc FROM "
                               "pg_stat_activity WHERE "
                               "backend_type = 'client backend' AND datname = '%1') a")
                        .arg(database)
                        .toUtf8();
        std::unique_lock lock(mutex);
        while (!stop) {
            const std::vector<QByteArrayList> rows = exec(server, countSql.constData());
            if (!rows.empty()) {
                const int count = rows.front().value(0).toInt();
                maxServer = std::max(maxServer, count);
                maxActive = std::max(maxActive, rows.front().value(1).toInt());
                maxAll = std::max(maxAll, rows.front().value(2).toInt());
                sumServer += count;
                ++samples;
            }
            // PgBouncer's console speaks the simple protocol only.
            PGresult *pools = PQexec(bouncer, "SHOW POOLS");
            if (PQresultStatus(pools) == PGRES_TUPLES_OK) {
                int clients = 0, servers = 0;
                double wait = 0;
                auto value = [pools](int row, const char *name) {
                    const int column = PQfnumber(pools, name);
                    return column < 0 ? 0 : atoi(PQgetvalue(pools, row, column));
                };
                for (int i = 0; i < PQntuples(pools); ++i) {
                    const QByteArray name(PQgetvalue(pools, i, PQfnumber(pools, "database")));
                    if (name != database.toUtf8() && name != database.toUtf8() + "_shared")
                        continue;
                    clients += value(i, "cl_active") + value(i, "cl_waiting");
                    servers += value(i, "sv_active") + value(i, "sv_idle") + value(i, "sv_used")
                            + value(i, "sv_tested") + value(i, "sv_login");
                    wait = std::max(wait, value(i, "maxwait") + value(i, "maxwait_us") / 1e6);
                }
                maxClients = std::max(maxClients, clients);
                maxBouncerServer = std::max(maxBouncerServer, servers);
                maxWait = std::max(maxWait, wait);
            }
            PQclear(pools);
            wake.wait_for(lock, std::chrono::seconds(1));
        }
        PQfinish(server);
        PQfinish(bouncer);
    }
};

class Simulation
{
public:
    Simulation(std::vector<Pc> &pcs, std::vector<Salon> &salons, Figures &figures)
        : m_pcs(pcs), m_salons(salons), m_figures(figures)
    {}

    // Runs the PCs until `until` (or until none is busy, with `untilIdle`);
    // figures are kept from `measureFrom` on.
    void run(qint64 measureFrom, qint64 until, bool untilIdle = false)
    {
        m_measureFrom = measureFrom;
        std::vector<pollfd> fds;
        std::vector<Pc *> owners;
        while (nowNs() < until) {
            qint64 next = until;
            for (Pc &pc : m_pcs) {
                if (pc.step == Pc::Step::Idle) {
                    if (nowNs() >= pc.nextPoll)
                        startRound(pc);
                    else
                        next = std::min(next, pc.nextPoll);
                }
            }
            fds.clear();
            owners.clear();
            for (Pc &pc : m_pcs) {
                if (pc.step == Pc::Step::Idle)
                    continue;
                fds.push_back(
                        {PQsocket(pc.conn), short(POLLIN | (pc.wantsWrite ? POLLOUT : 0)), 0});
                owners.push_back(&pc);
            }
            if (untilIdle && fds.empty())
                return;
            const qint64 waitMs = std::max<qint64>(0, (next - nowNs()) / 1'000'000);
            if (::poll(fds.data(), nfds_t(fds.size()), int(std::min<qint64>(waitMs, 100))) <= 0)
                continue;
            for (size_t i = 0; i < fds.size(); ++i) {
                if (fds[i].revents)
                    serve(*owners[i], fds[i].revents);
            }
        }
    }

    // Lets rounds under way finish, without starting new ones.
    void drain()
    {
        const qint64 until = nowNs() + 10'000'000'000;
        m_measureFrom = std::numeric_limits<qint64>::max();
        for (Pc &pc : m_pcs)
            pc.nextPoll = std::numeric_limits<qint64>::max();
        run(m_measureFrom, until, true);
    }

private:
    bool measuring() const { return nowNs() >= m_measureFrom; }

    void startRound(Pc &pc)
    {
        const qint64 now = nowNs();
        if (measuring())
            m_figures.lagMs.push_back(double(now - pc.nextPoll) / 1e6);
        // Every 2 s on its own grid; a round that ran late skips the slots it missed.
        while (pc.nextPoll <= now)
            pc.nextPoll += pollNs;
        if (now >= pc.nextPush) {
            pc.pushDue = true;
            while (pc.nextPush <= now)
                pc.nextPush += pushNs;
        }
        pc.roundStartedAt = now;
        pc.pullNs = 0;
        pc.pushed = false;
        pc.failed = false;
        sendHead(pc, Pc::Step::Head);
    }

    // book_head(), with the PC's key behind a shared pool.
    void sendHead(Pc &pc, Pc::Step step)
    {
        if (sharedPool)
            send(pc, step, keyedHeadSql, {pc.key});
        else
            send(pc, step, headSql);
    }

    void send(Pc &pc, Pc::Step step, const char *sql, const QByteArrayList &params = {})
    {
        std::vector<const char *> values;
        for (const QByteArray &p : params)
            values.push_back(p.constData());
        pc.step = step;
        pc.sentAt = nowNs();
        if (!PQsendQueryParams(pc.conn, sql, int(values.size()), nullptr, values.data(), nullptr,
                               nullptr, 0)) {
            fail(pc, PQerrorMessage(pc.conn));
            pc.step = Pc::Step::Idle;
            pc.pushDue = false;
            return;
        }
        pc.wantsWrite = PQflush(pc.conn) == 1;
    }

    void serve(Pc &pc, short events)
    {
        if (events & POLLOUT)
            pc.wantsWrite = PQflush(pc.conn) == 1;
        if (!(events & (POLLIN | POLLERR | POLLHUP)))
            return;
        if (!PQconsumeInput(pc.conn)) {
            fail(pc, PQerrorMessage(pc.conn));
            return;
        }
        while (!PQisBusy(pc.conn)) {
            PGresult *r = PQgetResult(pc.conn);
            if (!r) {
                PGresult *done = pc.result;
                pc.result = nullptr;
                answered(pc, done);
                PQclear(done);
                return;
            }
            if (pc.result)
                PQclear(r);
            else
                pc.result = r;
        }
    }

    void fail(Pc &pc, const QByteArray &message)
    {
        if (measuring()) {
            ++m_figures.errors;
            ++m_figures.errorKinds[message.trimmed().left(120)];
        }
        if (PQstatus(pc.conn) != CONNECTION_OK) {
            PQreset(pc.conn);
            PQsetnonblocking(pc.conn, 1);
            ++m_figures.reconnects;
            pc.step = Pc::Step::Idle;
            pc.pushDue = false;
            return;
        }
        pc.failed = true;
    }

    qint64 elapsed(const Pc &pc) const { return nowNs() - pc.sentAt; }

    void answered(Pc &pc, PGresult *r)
    {
        const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            fail(pc, r ? QByteArray(PQresultErrorMessage(r)) : QByteArray("no result"));
            if (pc.step == Pc::Step::Idle) // reconnected
                return;
            const bool inTransaction = PQtransactionStatus(pc.conn) != PQTRANS_IDLE;
            pc.pushDue = false;
            if (inTransaction && pc.step != Pc::Step::Rollback)
                send(pc, Pc::Step::Rollback, "ROLLBACK");
            else
                pc.step = Pc::Step::Idle;
            return;
        }
        switch (pc.step) {
        case Pc::Step::Head:
            pc.pullNs += elapsed(pc);
            pc.head = QByteArray(PQgetvalue(r, 0, 1)).toLongLong();
            if (pc.pushDue)
                push(pc);
            else
                pullIfMoved(pc);
            break;
        case Pc::Step::Push: pushed(pc, r); break;
        case Pc::Step::Pull: {
            const Result<FetchedChanges> fetched = BookPull::readPulled(rowsOf(r), pc.cursor);
            if (!fetched) {
                fail(pc, fetched.error().message.toUtf8());
                pc.step = Pc::Step::Idle;
                return;
            }
            for (const PulledRow &row : fetched->rows) {
                if (row.entity == Entity::Appointment)
                    pc.versions.insert(row.id, row.version);
            }
            if (measuring())
                m_figures.rowsPulled += fetched->rows.size();
            pc.cursor = fetched->cursor;
            finishRound(pc, true);
            break;
        }
        case Pc::Step::Rollback:
        case Pc::Step::Idle: pc.step = Pc::Step::Idle; break;
        }
    }

    // One change as the PC's outbox gives it: a visit's notes edited at the
    // desk, with the base version this PC pulled.
    void push(Pc &pc)
    {
        Salon &salon = m_salons[size_t(pc.salon)];
        Appointment &visit =
                salon.visits[QRandomGenerator::global()->bounded(int(salon.visits.size()))];
        visit.notes = QStringLiteral("Change %1 from PC %2").arg(pc.sequence + 1).arg(pc.number);
        visit.changedBy = QStringLiteral("PC %1").arg(pc.number);
        visit.changedAt = QDateTime::currentSecsSinceEpoch();
        const auto base = pc.versions.constFind(visit.id);
        QJsonObject mutation{
                {QStringLiteral("sequence"), ++pc.sequence},
                {QStringLiteral("entity"), entityName(Entity::Appointment)},
                {QStringLiteral("op"), changeOpName(Change::Op::Upserted)},
                {QStringLiteral("id"), visit.id},
                {QStringLiteral("baseVersion"),
                 base == pc.versions.cend() ? QJsonValue() : QJsonValue(*base)},
                {QStringLiteral("happenedAt"),
                 QDateTime::fromSecsSinceEpoch(visit.changedAt, Qt::UTC).toString(Qt::ISODate)},
                {QStringLiteral("payload"), visit.toJson()},
                {QStringLiteral("changedBy"), visit.changedBy}};
        QByteArrayList params{QJsonDocument(QJsonArray{mutation}).toJson(QJsonDocument::Compact)};
        if (sharedPool)
            params.append(pc.key);
        send(pc, Pc::Step::Push, sharedPool ? keyedPushSql : pushSql, params);
    }

    void pushed(Pc &pc, PGresult *r)
    {
        pc.pushDue = false;
        pc.pushed = true;
        if (measuring())
            m_figures.pushMs.push_back(double(elapsed(pc)) / 1e6);
        const QJsonArray outcomes =
                QJsonDocument::fromJson(QByteArray(PQgetvalue(r, 0, 0))).array();
        for (const QJsonValue &value : outcomes) {
            const QJsonObject o = value.toObject();
            const QString outcome = o.value(QLatin1String("outcome")).toString();
            if (outcome == QLatin1String("applied")) {
                if (measuring())
                    ++m_figures.applied;
            } else if (measuring()) {
                ++(outcome == QLatin1String("conflict") ? m_figures.conflicts : m_figures.refused);
            }
        }
        pullIfMoved(pc);
    }

    // SyncRound: nothing sent and the head where this PC's cursor is: done.
    void pullIfMoved(Pc &pc)
    {
        if (!pc.pushed && pc.head == pc.cursor) {
            finishRound(pc, false);
            return;
        }
        pc.pullBegunAt = nowNs();
        QByteArrayList params{QByteArray::number(pc.cursor)};
        if (sharedPool)
            params.append(pc.key);
        send(pc, Pc::Step::Pull, pullSql.constData(), params);
    }

    void finishRound(Pc &pc, bool moved)
    {
        if (moved)
            pc.pullNs += nowNs() - pc.pullBegunAt;
        pc.step = Pc::Step::Idle;
        if (!measuring() || pc.failed)
            return;
        const double ms = double(pc.pullNs) / 1e6;
        m_figures.pullMs.push_back(ms);
        (moved ? m_figures.movedMs : m_figures.quietMs).push_back(ms);
    }

    std::vector<Pc> &m_pcs;
    std::vector<Salon> &m_salons;
    Figures &m_figures;
    qint64 m_measureFrom = 0;
};

// PgBouncer's connections to `database` go (KILL on its console), so that
// the database can be dropped: the PCs' logins are not the owner's.
void closePools(const QString &database)
{
    PGconn *console = PQconnectdb(qgetenv("CHAIRSIDE_TEST_PGBOUNCER_ADMIN_URL").constData());
    // KILL leaves it paused: new connections would wait for RESUME.
    PQclear(PQexec(console, QByteArray("KILL " + database.toUtf8()).constData()));
    PQclear(PQexec(console, QByteArray("RESUME " + database.toUtf8()).constData()));
    PQfinish(console);
}

// The salons' books, made on the server by bench_firstsync's seed (a salon's
// visits, stylists never double-booked, a client for every fourth visit), in
// one psql session; its ANALYZE once at the end rather than after each salon.
bool seedSalons(const QString &url, const std::vector<Salon> &salons, int appointments)
{
    QFile file(QStringLiteral(CHAIRSIDE_SEED_SQL));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QByteArray seed;
    QByteArray analyze;
    for (const QByteArray &line : file.readAll().split('\n'))
        (line.startsWith("ANALYZE") ? analyze : seed) += line + '\n';
    QByteArray script = "BEGIN;\n";
    for (const Salon &salon : salons)
        script += QStringLiteral("\\set salon '%1'\n\\set appointments %2\n")
                          .arg(salon.id)
                          .arg(appointments)
                          .toUtf8()
                + seed + "DROP TABLE bench_visits;\n";
    script += "COMMIT;\n" + analyze;
    QProcess psql;
    psql.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    psql.start(
            QStringLiteral("psql"),
            {QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), url});
    if (!psql.waitForStarted())
        return false;
    psql.write(script);
    psql.closeWriteChannel();
    psql.waitForFinished(-1);
    psql.readAllStandardOutput();
    return psql.exitStatus() == QProcess::NormalExit && psql.exitCode() == 0;
}

// enrol_device() as an admin does (DeviceEnrolment), then claim_device()
// under the PC's login with its one-time secret, as `join` does (without a
// store or a keychain): the PC's own password.
bool enrol(ServerConnection &admin, const QUrl &server, const QString &database, Pc &pc,
           const QString &salonId)
{
    const auto enrolled =
            DeviceEnrolment::enrol(admin, salonId, QStringLiteral("PC %1").arg(pc.number));
    if (!enrolled) {
        std::fprintf(stderr, "enrolling: %s\n", qPrintable(enrolled.error().message));
        return false;
    }
    pc.role = enrolled->device.loginRole;
    pc.password =
            QString::fromLatin1(QByteArray::number(QRandomGenerator::global()->generate64(), 16)
                                + QByteArray::number(QRandomGenerator::global()->generate64(), 16));
    PGconn *conn =
            PQconnectdb(conninfo(server, database, pc.role, enrolled->code.secret).constData());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
        char *verifier = PQencryptPasswordConn(conn, pc.password.toUtf8().constData(),
                                               pc.role.toUtf8().constData(), "scram-sha-256");
        ok = verifier && !exec(conn, "SELECT device_id FROM claim_device($1)", {verifier}).empty();
        PQfreemem(verifier);
        // As SyncConnection does on the PC's own login: its key, for the shared pool.
        pc.key = ServerConnection::deviceKeyOf(pc.password.toUtf8());
        ok = ok && !exec(conn, "SELECT set_device_key($1)", {pc.key}).empty();
    } else {
        std::fprintf(stderr, "claiming: %s", PQerrorMessage(conn));
    }
    PQfinish(conn);
    return ok;
}

// The salon's book as its PCs hold it after their first sync: the visits and
// their versions, and the cursor (one full pull by the salon's first PC,
// with BookPull's statements).
bool firstPull(Pc &pc, Salon &salon)
{
    QByteArrayList params{QByteArrayLiteral("0")};
    if (sharedPool)
        params.append(pc.key);
    const std::vector<QByteArrayList> answer = exec(pc.conn, pullSql.constData(), params);
    const Result<FetchedChanges> fetched =
            BookPull::readPulled(QList<QByteArrayList>(answer.cbegin(), answer.cend()), 0);
    if (!fetched)
        return false;
    pc.cursor = fetched->cursor;
    for (const PulledRow &row : fetched->rows) {
        if (row.entity != Entity::Appointment)
            continue;
        pc.versions.insert(row.id, row.version);
        salon.visits.append(Appointment::fromJson(QJsonDocument::fromJson(row.payload).object()));
    }
    return !salon.visits.isEmpty();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("chairside.*.info=false"));
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // the set-up's steps as they go, into a file too
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Many PCs through PgBouncer, simulated."));
    parser.addHelpOption();
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Measured duration."),
                                           QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption pcsOption(QStringLiteral("pcs"), QStringLiteral("PCs."),
                                       QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption salonsOption(QStringLiteral("salons"), QStringLiteral("Salons."),
                                          QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption visitsOption(QStringLiteral("appointments"),
                                          QStringLiteral("Appointments per salon."),
                                          QStringLiteral("n"), QStringLiteral("300"));
    const QCommandLineOption sharedOption(
            QStringLiteral("shared"),
            QStringLiteral("Through PgBouncer's shared pool (one server login for all PCs)."));
    parser.addOptions({secondsOption, pcsOption, salonsOption, visitsOption, sharedOption});
    parser.process(app);
    sharedPool = parser.isSet(sharedOption);
    pullSql = BookPull::pullStatement(ServerSchema::latestVersion(), sharedPool);
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const int pcCount = std::max(1, parser.value(pcsOption).toInt());
    const int salonCount = std::clamp(parser.value(salonsOption).toInt(), 1, pcCount);
    const int appointments = std::max(12, parser.value(visitsOption).toInt());
    if (qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PGBOUNCER_URL")) {
        std::fprintf(stderr, "bench_scale: run it inside tests/server/pgbouncer.sh run\n");
        return 2;
    }
    const QUrl bouncerUrl(qEnvironmentVariable("CHAIRSIDE_TEST_PGBOUNCER_URL"));
    const QUrl serverUrl(qEnvironmentVariable("CHAIRSIDE_TEST_PG_URL"));
    clockTimer.start();

    // The server: the schema, the salons' books, the PCs enrolled.
    closePools(QStringLiteral("bench_scale")); // an earlier run's
    closePools(QStringLiteral("bench_scale_shared"));
    testserver::FreshDatabase database(QStringLiteral("bench_scale"));
    auto admin = ServerConnection::open(*ServerUrl::parse(database.url().toString()));
    if (!database.ok() || !admin || !ServerSchema::migrate((*admin)->database()))
        return 1;
    std::vector<Salon> salons(static_cast<size_t>(salonCount));
    for (int i = 0; i < salonCount; ++i)
        salons[size_t(i)].id = QStringLiteral("bench-salon-%1").arg(i + 1, 3, 10, QLatin1Char('0'));
    QElapsedTimer step;
    step.start();
    if (!seedSalons(database.url().toString(), salons, appointments))
        return 1;
    std::printf("seeded %d salons of %d appointments each: %.1f s\n", salonCount, appointments,
                double(step.restart()) / 1e3);
    std::vector<Pc> pcs(static_cast<size_t>(pcCount));
    for (int i = 0; i < pcCount; ++i) {
        Pc &pc = pcs[size_t(i)];
        pc.number = i + 1;
        pc.salon = i % salonCount;
        if (!enrol(**admin, serverUrl, database.name(), pc, salons[size_t(pc.salon)].id))
            return 1;
    }
    std::printf("enrolled and claimed %d PCs: %.1f s\n", pcCount, double(step.restart()) / 1e3);

    // Each PC's own connection through PgBouncer, held for the whole run as
    // the app holds its sync connection.
    for (Pc &pc : pcs) {
        pc.conn = PQconnectdb(
                conninfo(bouncerUrl,
                         sharedPool ? database.name() + QStringLiteral("_shared") : database.name(),
                         pc.role, pc.password)
                        .constData());
        if (PQstatus(pc.conn) != CONNECTION_OK) {
            std::fprintf(stderr, "PC %d through PgBouncer: %s", pc.number, PQerrorMessage(pc.conn));
            return 1;
        }
    }
    std::printf("%d PCs connected through PgBouncer: %.1f s\n", pcCount,
                double(step.restart()) / 1e3);
    for (Pc &pc : pcs) {
        if (pc.number <= salonCount) {
            if (!firstPull(pc, salons[size_t(pc.salon)]))
                return 1;
        } else {
            const Pc &first = pcs[size_t(pc.salon)];
            pc.cursor = first.cursor;
            pc.versions = first.versions;
        }
        PQsetnonblocking(pc.conn, 1);
    }
    std::printf("first pulls: %.1f s\n", double(step.restart()) / 1e3);

    // Spread the PCs over the poll and push intervals, as PCs started through
    // the morning would be; measure after a ramp-up of a few polls.
    const qint64 start = nowNs();
    for (Pc &pc : pcs) {
        pc.nextPoll = start + qint64(QRandomGenerator::global()->bounded(double(pollNs)));
        pc.nextPush = start + qint64(QRandomGenerator::global()->bounded(double(pushNs)));
    }
    const qint64 rampUp = 6'000'000'000;
    const qint64 measureFrom = start + rampUp;
    const qint64 until = measureFrom + qint64(seconds) * 1'000'000'000;

    Sampler sampler;
    std::thread sampling;
    const qint64 postmaster = pidFromFile(qEnvironmentVariable("CHAIRSIDE_TEST_PG_DATA")
                                          + QStringLiteral("/postmaster.pid"));
    const qint64 bouncerPid = pidFromFile(qEnvironmentVariable("CHAIRSIDE_TEST_PGBOUNCER_PIDFILE"));
    Figures figures;
    Simulation simulation(pcs, salons, figures);
    simulation.run(measureFrom, measureFrom);

    // The measured window.
    const QString loadBefore = loadAverage();
    PGconn *stats = PQconnectdb(qgetenv("CHAIRSIDE_TEST_PG_SUPERUSER_URL").constData());
    const QByteArray statsSql = QStringLiteral("SELECT sessions, xact_commit + xact_rollback FROM "
                                               "pg_stat_database WHERE datname = '%1'")
                                        .arg(database.name())
                                        .toUtf8();
    const std::vector<QByteArrayList> statsBefore = exec(stats, statsSql.constData());
    sampling = std::thread([&] {
        sampler.run(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL").toUtf8(),
                    qEnvironmentVariable("CHAIRSIDE_TEST_PGBOUNCER_ADMIN_URL").toUtf8(),
                    database.name());
    });
    const double serverBefore = serverCpu(postmaster);
    const double bouncerBefore = cpuOf(bouncerPid, false);
    const double selfBefore = selfCpu();
    const auto machineBefore = machineJiffies();
    simulation.run(measureFrom, until);
    const double wall = double(nowNs() - measureFrom) / 1e9;
    const double serverSeconds = serverCpu(postmaster) - serverBefore;
    const double bouncerSeconds = cpuOf(bouncerPid, false) - bouncerBefore;
    const double selfSeconds = selfCpu() - selfBefore;
    const auto machineAfter = machineJiffies();
    const QString loadAfter = loadAverage();
    {
        std::lock_guard lock(sampler.mutex);
        sampler.stop = true;
    }
    sampler.wake.notify_all();
    sampling.join();
    simulation.drain();
    // Statistics reach pg_stat_database within a second or so of a transaction.
    const std::vector<QByteArrayList> statsAfter = exec(stats, statsSql.constData());
    PQfinish(stats);
    for (Pc &pc : pcs)
        PQfinish(pc.conn);
    closePools(database.name());
    closePools(database.name() + QStringLiteral("_shared"));

    const auto ms = [](const std::vector<double> &v, double p) {
        return percentile(v, p);
    };
    std::printf("\nbench_scale: %d PCs of %d salons (%d appointments each), %.0f s measured "
                "after a %.0f s ramp-up\n",
                pcCount, salonCount, appointments, wall, double(rampUp) / 1e9);
    std::printf("  each PC polls every 2 s and pushes a change (a visit's notes) every 30 s, "
                "with SyncRound's statements\n");
    if (sharedPool)
        std::printf("  PgBouncer, transaction pooling: one shared pool of %s server connections "
                    "(forced user chairside_pool); each PC logs in to PgBouncer as itself and "
                    "sends its device key\n",
                    qPrintable(qEnvironmentVariable("CHAIRSIDE_TEST_PGBOUNCER_SHARED_POOL_SIZE")));
    else
        std::printf("  PgBouncer, transaction pooling: default_pool_size %s per (database, login), "
                    "max_db_connections %s (0: no limit)\n",
                    qPrintable(qEnvironmentVariable("CHAIRSIDE_TEST_PGBOUNCER_POOL_SIZE")),
                    qPrintable(qEnvironmentVariable("CHAIRSIDE_TEST_PGBOUNCER_MAX_DB_CONNECTIONS",
                                                    QStringLiteral("0"))));
    std::printf("  pulls: %zu (%.0f/s); latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f "
                "ms\n",
                figures.pullMs.size(), double(figures.pullMs.size()) / wall,
                ms(figures.pullMs, 0.5), ms(figures.pullMs, 0.9), ms(figures.pullMs, 0.99),
                ms(figures.pullMs, 1));
    std::printf("    nothing new (book_head only): %zu, p50 %.2f ms, p99 %.2f ms\n",
                figures.quietMs.size(), ms(figures.quietMs, 0.5), ms(figures.quietMs, 0.99));
    std::printf("    with changes (book_head, then the pull statement: %s): %zu, "
                "p50 %.2f ms, p99 %.2f ms; %.1f rows each\n",
                pullSql.constData(), figures.movedMs.size(), ms(figures.movedMs, 0.5),
                ms(figures.movedMs, 0.99),
                figures.movedMs.empty()
                        ? 0.0
                        : double(figures.rowsPulled) / double(figures.movedMs.size()));
    std::printf("  pushes: %zu (%.1f/s): %d applied, %d conflicts, %d refused; latency p50 %.2f "
                "ms, p99 %.2f ms, max %.1f ms\n",
                figures.pushMs.size(), double(figures.pushMs.size()) / wall, figures.applied,
                figures.conflicts, figures.refused, ms(figures.pushMs, 0.5),
                ms(figures.pushMs, 0.99), ms(figures.pushMs, 1));
    std::printf("  errors: %d, reconnects: %d\n", figures.errors, figures.reconnects);
    for (auto it = figures.errorKinds.cbegin(); it != figures.errorKinds.cend(); ++it)
        std::printf("    %dx %s\n", it.value(), it.key().constData());
    std::printf("  rounds started late (this process keeping up): p50 %.1f ms, p99 %.1f ms, max "
                "%.1f ms behind their 2 s slot\n",
                ms(figures.lagMs, 0.5), ms(figures.lagMs, 0.99), ms(figures.lagMs, 1));
    std::printf("  server connections of the PCs' logins or the shared login (pg_stat_activity, "
                "every 1 s): max %d, "
                "mean %.1f, max active at once %d; all of the database's: max %d (with the "
                "admin's and PgBouncer's auth_query login)\n",
                sampler.maxServer,
                sampler.samples ? double(sampler.sumServer) / double(sampler.samples) : 0.0,
                sampler.maxActive, sampler.maxAll);
    std::printf("  PCs' connections to PgBouncer: max %d (SHOW POOLS cl_active + cl_waiting); "
                "its server connections: max %d; longest wait for one: %.3f s\n",
                sampler.maxClients, sampler.maxBouncerServer, sampler.maxWait);
    if (!statsBefore.empty() && !statsAfter.empty()) {
        const qint64 sessions = statsAfter.front().value(0).toLongLong()
                - statsBefore.front().value(0).toLongLong();
        const qint64 xacts = statsAfter.front().value(1).toLongLong()
                - statsBefore.front().value(1).toLongLong();
        std::printf("  server logins during the run (pg_stat_database.sessions): %lld; "
                    "transactions: %lld (%.0f/s)\n",
                    sessions, xacts, double(xacts) / wall);
    }
    const double busy = double(machineAfter.first - machineBefore.first);
    const double total = double(machineAfter.second - machineBefore.second);
    std::printf("  CPU over the %.0f s (/proc): PostgreSQL %.1f s = %.0f%% of one core; PgBouncer "
                "%.1f s = %.0f%%; this process %.1f s = %.0f%%; whole machine (%ld cores, other "
                "work included) %.0f%% busy\n",
                wall, serverSeconds, 100 * serverSeconds / wall, bouncerSeconds,
                100 * bouncerSeconds / wall, selfSeconds, 100 * selfSeconds / wall,
                sysconf(_SC_NPROCESSORS_ONLN), total > 0 ? 100 * busy / total : 0.0);
    std::printf("  load average: %s before, %s after\n", qPrintable(loadBefore),
                qPrintable(loadAfter));
    return 0;
}
