// Sync benchmarks against the throwaway cluster (postgres-cluster.sh) and a
// private keyring (with-keyring.sh):
//   1. 1000 offline mutations pushed and acknowledged (target <= 1 s);
//   2. a change committed on PC A is in PC B's store, p50/p99 over 1000
//      changes on loopback (targets 10 ms / 50 ms): first with A running one
//      round and B polling rounds in a loop, then as the app does it, with a
//      SyncEngine on each PC (A pushes on its window's write, B wakes on the
//      server's NOTIFY); the time runs from A's save to B's round that wrote
//      it, whose commit is then read through B's window store.
// Prints the machine's load average with the figures.

#include "auth/tokenstore.h"
#include "server/deviceenrolment.h"
#include "server/serverconnection.h"
#include "server/serverjoin.h"
#include "server/serverschema.h"
#include "sync/syncconnection.h"
#include "sync/syncengine.h"
#include "sync/syncround.h"
#include "testserver.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const qint64 friday9 = 1796374800; // 2026-12-04T09:00:00Z

struct Pc
{
    std::unique_ptr<TempStore> temp;
    ServerLink link;
    std::unique_ptr<ServerConnection> server;
};

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

bool joinPc(Pc &pc, ServerConnection &admin, TokenStore &keychain, const TestData &data, bool first,
            const QString &name)
{
    pc.temp = std::make_unique<TempStore>();
    if (!pc.temp->isValid() || (first && !data.saveTo(pc.temp->store())))
        return false;
    const auto enrolled = DeviceEnrolment::enrol(admin, data.salon.id, name);
    if (!enrolled)
        return false;
    const Result<ServerLink> link = ServerJoin::join(enrolled->code, pc.temp->store(), keychain);
    if (!link) {
        std::fprintf(stderr, "%s\n", qPrintable(link.error().message));
        return false;
    }
    pc.link = *link;
    auto server = SyncConnection::open(pc.temp->store(), keychain);
    if (!server) {
        std::fprintf(stderr, "%s\n", qPrintable(server.error().message));
        return false;
    }
    pc.server = std::move(*server);
    return SyncRound::run(pc.temp->store(), *pc.server).ok();
}

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size())));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("chairside.*.info=false"));
    if (qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_URL")) {
        std::fprintf(stderr, "run through postgres-cluster.sh run DIR with-keyring.sh ...\n");
        return 2;
    }
    testserver::FreshDatabase database(QStringLiteral("bench_sync"));
    auto admin = ServerConnection::open(*ServerUrl::parse(database.url().toString()));
    if (!database.ok() || !admin || !ServerSchema::migrate((*admin)->database()))
        return 1;
    TokenStore keychain;
    const TestData data = TestData::small(QStringLiteral("6e1d8f5a-9b3c-4d2e-8f4a-1b2c3d4e5f60"));
    Pc a;
    Pc b;
    if (!joinPc(a, **admin, keychain, data, true, QStringLiteral("A"))
        || !joinPc(b, **admin, keychain, data, false, QStringLiteral("B")))
        return 1;
    std::printf("load average before: %s\n", qPrintable(loadAverage()));

    // 1. 1000 offline mutations (500 visits, 500 client edits), one push.
    for (int i = 0; i < 500; ++i) {
        if (!a.temp->store().save(data.appointment(QStringLiteral("bench-%1").arg(i),
                                                   friday9 + qint64(i) * 3600, {{0, 0}})))
            return 1;
        Client client = data.clients.at(i % 2);
        client.notes = QStringLiteral("offline %1").arg(i);
        if (!a.temp->store().save(client))
            return 1;
    }
    QElapsedTimer timer;
    timer.start();
    const Result<PushSummary> pushed = OutboxPush::run(*a.server, a.temp->store(), a.link);
    const double pushMs = double(timer.nsecsElapsed()) / 1e6;
    if (!pushed)
        return 1;
    std::printf("1000 offline mutations pushed and acknowledged: %.0f ms (%d applied, %d "
                "conflicts; target <= 1000 ms)\n",
                pushMs, pushed->applied, pushed->conflicts);
    if (!SyncRound::run(b.temp->store(), *b.server))
        return 1;

    // 2. A change on A in B's store: A's round, then B's rounds until it is there.
    QList<double> latencies;
    const QString clientId = data.clients.at(0).id;
    for (int i = 0; i < 1000; ++i) {
        Client client = data.clients.at(0);
        client.notes = QStringLiteral("change %1").arg(i);
        timer.restart();
        if (!a.temp->store().save(client) || !SyncRound::run(a.temp->store(), *a.server))
            return 1;
        for (int tries = 0;; ++tries) {
            if (!SyncRound::run(b.temp->store(), *b.server) || tries > 100)
                return 1;
            const auto seen = b.temp->store().client(clientId);
            if (seen && *seen && (*seen)->notes == client.notes)
                break;
        }
        latencies.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("change on PC A in PC B's store (1000 changes, polling rounds): p50 %.1f ms, "
                "p99 %.1f ms (targets 10 / 50 ms)\n",
                percentile(latencies, 0.5), percentile(latencies, 0.99));

    // 3. The same with the engines, as the window runs them.
    SyncEngine engineA(&a.temp->store(), &keychain);
    SyncEngine engineB(&b.temp->store(), &keychain);
    QEventLoop loop;
    QTimer giveUp;
    giveUp.setSingleShot(true);
    QObject::connect(&giveUp, &QTimer::timeout, &loop, [&loop] { loop.exit(1); });
    auto upToDate = [](const SyncEngine &engine) {
        return engine.facts().state == SyncFacts::State::UpToDate;
    };
    for (SyncEngine *engine : {&engineA, &engineB})
        QObject::connect(engine, &SyncEngine::factsChanged, &loop, [&] {
            if (upToDate(engineA) && upToDate(engineB))
                loop.exit(0);
        });
    engineA.start();
    engineB.start();
    giveUp.start(30000);
    if (loop.exec() != 0) {
        std::fprintf(stderr, "the engines did not come up: %s / %s\n",
                     qPrintable(engineA.facts().lastError), qPrintable(engineB.facts().lastError));
        return 1;
    }
    for (SyncEngine *engine : {&engineA, &engineB})
        QObject::disconnect(engine, &SyncEngine::factsChanged, &loop, nullptr);
    QString expected;
    QObject::connect(&engineB, &SyncEngine::roundFinished, &loop, [&](bool ok, bool wrote) {
        if (!ok || !wrote)
            return;
        const auto seen = b.temp->store().client(clientId);
        if (seen && *seen && (*seen)->notes == expected)
            loop.exit(0);
    });
    QList<double> engineLatencies;
    for (int i = 0; i < 1000; ++i) {
        Client client = data.clients.at(0);
        client.notes = QStringLiteral("engine change %1").arg(i);
        expected = client.notes;
        giveUp.start(5000);
        timer.restart();
        if (!a.temp->store().save(client) || loop.exec() != 0) {
            std::fprintf(stderr, "change %d did not reach PC B\n", i);
            return 1;
        }
        engineLatencies.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("change on PC A in PC B's store (1000 changes, sync engines: push on write, "
                "LISTEN/NOTIFY): p50 %.1f ms, p99 %.1f ms (targets 10 / 50 ms)\n",
                percentile(engineLatencies, 0.5), percentile(engineLatencies, 0.99));
    std::printf("load average after: %s\n", qPrintable(loadAverage()));
    // The cluster is the bench's own (started and stopped around it).
    return 0;
}
