// The PC side of sync end to end (issue 9): PCs with their own stores and
// data folders join a real PostgreSQL server (postgres fixture), keep their
// passwords in a real Secret Service (with-keyring.sh), and sync round by
// round. Convergence, conflicts, long offline periods, interrupted rounds,
// revoked PCs, wrong passwords, a restored server and the CLI verbs.

#include "auth/tokenstore.h"
#include "booking/appointmentchange.h"
#include "clirunner.h"
#include "salonserver.h"
#include "server/deviceenrolment.h"
#include "server/serverconnection.h"
#include "server/serverjoin.h"
#include "server/serverschema.h"
#include "server/serverurl.h"
#include "store/store.h"
#include "sync/conflictresolution.h"
#include "sync/syncconnection.h"
#include "sync/syncround.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;
using testserver::message;
using testserver::Pc;
using testserver::SalonServer;

namespace {

const qint64 monday9 = 1796374800; // 2026-12-04T09:00:00Z, a Friday morning

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void threePcsConverge();
    void sameStylistSameTimeOneWins();
    void settlingAConflictKeepsLaterEdits();
    void offlineFiveHundredEditsArriveOnce();
    void interruptedRoundNothingLostNothingDoubled();
    void killedConnectionSaysSoAndRecovers();
    void pulledRowsDoNotEcho();
    void unpushedChangeSurvivesAPull();
    void revokedPcKeepsItsBook();
    void wrongPasswordIsOneSentence();
    void restoredServerResyncsKeepingTheOutbox();
    void cliSyncStatusConflictsAndHistory();
    void cliJoinRunsTheFirstSync();

private:
    // A PC joined to the server: the first brings the small salon's book.
    std::unique_ptr<Pc> join(const QString &name, bool first)
    {
        return m_server->join(m_data, name, first);
    }
    Result<SyncSummary> sync(Pc &pc);
    // Rounds for every PC until nothing moves (at most three passes).
    void settle(const QList<Pc *> &pcs);
    // The server's rows of the salon (not deleted) as PC `pc` reads them.
    QHash<QString, QByteArray> serverAppointments(Pc &pc);
    qint64 ownerCount(const QString &sql);

    TestData m_data = TestData::small(QStringLiteral("5d0c7f4e-8a2b-4c1d-9e3f-0a1b2c3d4e5f"));
    std::unique_ptr<SalonServer> m_server;
};

void TestSync::initTestCase()
{
    QVERIFY2(SalonServer::underCtest(),
             "run this through ctest (postgres fixture, with-keyring.sh)");
}

void TestSync::init()
{
    m_server = std::make_unique<SalonServer>(QStringLiteral("sync_")
                                             + QString::fromLatin1(QTest::currentTestFunction()));
    QVERIFY(m_server->ok());
}

void TestSync::cleanup()
{
    m_server.reset();
}

Result<SyncSummary> TestSync::sync(Pc &pc)
{
    return m_server->sync(pc);
}

void TestSync::settle(const QList<Pc *> &pcs)
{
    for (int pass = 0; pass < 2; ++pass) {
        for (Pc *pc : pcs) {
            const Result<SyncSummary> round = sync(*pc);
            QVERIFY2(round, qPrintable(message(round)));
        }
    }
}

QHash<QString, QByteArray> TestSync::serverAppointments(Pc &pc)
{
    QHash<QString, QByteArray> rows;
    auto server = SyncConnection::open(pc.store(), m_server->keychain());
    if (!server) {
        qWarning("%s", qPrintable(server.error().message));
        return rows;
    }
    const auto read = (*server)->run(
            QByteArrayLiteral("SELECT id, payload::text FROM book_changes(0) WHERE entity = "
                              "'appointment' AND NOT deleted"),
            {}, QStringLiteral("test"));
    if (read) {
        for (const QByteArrayList &row : *read)
            rows.insert(QString::fromUtf8(row.value(0)), row.value(1));
    }
    return rows;
}

qint64 TestSync::ownerCount(const QString &sql)
{
    QSqlQuery query(m_server->admin().database());
    if (!query.exec(sql) || !query.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return -1;
    }
    return query.value(0).toLongLong();
}

// Three PCs book, move, cancel and edit clients (seeded random mix, with
// rounds in between); after every PC has synced twice they hold the same
// book, and it is the server's.
void TestSync::threePcsConverge()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    auto c = join(QStringLiteral("Colour bar"), false);
    QVERIFY(c);
    QCOMPARE(contentsDifference(VALUE_OF(b->store().contents()), VALUE_OF(a->store().contents())),
             QString());

    QRandomGenerator random(20261204);
    const QList<Pc *> pcs{a.get(), b.get(), c.get()};
    int booked = 0;
    for (int step = 0; step < 60; ++step) {
        Pc &pc = *pcs.at(random.bounded(3));
        const QList<Appointment> visits = VALUE_OF(
                pc.store().appointments(m_data.salon.id, monday9 - 86400, monday9 + 7 * 86400));
        const int what = visits.isEmpty() ? 0 : random.bounded(5);
        const qint64 slot = monday9 + random.bounded(20) * 1800 + random.bounded(3) * 86400;
        if (what == 0) {
            const Appointment visit =
                    m_data.appointment(QStringLiteral("mix-%1").arg(++booked), slot,
                                       {{random.bounded(int(m_data.staff.size())), 0}});
            QVERIFY(pc.store().save(visit));
        } else if (what == 1 || what == 2) {
            Appointment visit = visits.at(random.bounded(int(visits.size())));
            if (visit.status != AppointmentStatus::Booked)
                continue;
            const qint64 shift = slot - visit.startsAt();
            for (ServiceLine &line : visit.lines) {
                for (BookedSegment &segment : line.segments) {
                    segment.startsAt += shift;
                    segment.endsAt += shift;
                }
            }
            QVERIFY(pc.store().save(visit));
        } else if (what == 3) {
            Appointment visit = visits.at(random.bounded(int(visits.size())));
            visit.status = AppointmentStatus::Cancelled;
            visit.cancelReason = QStringLiteral("test");
            QVERIFY(pc.store().save(visit));
        } else {
            Client client = m_data.clients.at(random.bounded(int(m_data.clients.size())));
            client = *VALUE_OF(pc.store().client(client.id));
            client.notes = QStringLiteral("step %1").arg(step);
            QVERIFY(pc.store().save(client));
        }
        if (random.bounded(3) == 0) {
            const Result<SyncSummary> round = sync(pc);
            QVERIFY2(round, qPrintable(message(round)));
        }
    }
    settle(pcs);

    const StoreContents book = VALUE_OF(a->store().contents());
    QCOMPARE(contentsDifference(VALUE_OF(b->store().contents()), book), QString());
    QCOMPARE(contentsDifference(VALUE_OF(c->store().contents()), book), QString());
    // The book is the server's, visit by visit.
    const QHash<QString, QByteArray> server = serverAppointments(*a);
    QCOMPARE(server.size(), book.appointments.size());
    for (const Appointment &visit : book.appointments) {
        QVERIFY2(server.contains(visit.id), qPrintable(visit.id));
        QCOMPARE(Appointment::fromJson(QJsonDocument::fromJson(server.value(visit.id)).object()),
                 visit);
    }
    // Nothing waits, and nothing was dropped: every change is on the server
    // or in its PC's conflict inbox.
    int inboxes = 0;
    for (Pc *pc : pcs) {
        QCOMPARE(VALUE_OF(pc->store().outboxPending(Store::serverConsumer)), 0);
        inboxes += int(VALUE_OF(pc->store().conflicts(true)).size());
    }
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM audit_log WHERE outcome <> "
                                       "'applied'")),
             inboxes);
}

// Two PCs book Mia at the same time while apart: the first to arrive wins;
// the other has its visit in the inbox, and the winner's in its book.
void TestSync::sameStylistSameTimeOneWins()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    const Appointment fromA =
            m_data.appointment(QStringLiteral("from-a"), monday9 + 3600, {{0, 0}});
    const Appointment fromB =
            m_data.appointment(QStringLiteral("from-b"), monday9 + 3600, {{0, 0}});
    QVERIFY(a->store().save(fromA));
    QVERIFY(b->store().save(fromB));
    const Result<SyncSummary> first = sync(*a);
    QVERIFY2(first, qPrintable(message(first)));
    QCOMPARE(first->push.applied, 1);
    const Result<SyncSummary> second = sync(*b);
    QVERIFY2(second, qPrintable(message(second)));
    QCOMPARE(second->push.conflicts, 1);

    const QList<SyncConflict> inbox = VALUE_OF(b->store().conflicts());
    QCOMPARE(inbox.size(), 1);
    QCOMPARE(inbox.at(0).entityId, fromB.id);
    QCOMPARE(inbox.at(0).reason, QStringLiteral("stylist-busy"));
    QCOMPARE(Appointment::fromJson(QJsonDocument::fromJson(inbox.at(0).localPayload).object()),
             fromB);
    const QJsonObject detail = QJsonDocument::fromJson(inbox.at(0).detail).object();
    QCOMPARE(detail.value(QLatin1String("appointmentId")).toString(), fromA.id);
    // B's book shows what the server holds: A's visit, not its own.
    QVERIFY(!VALUE_OF(b->store().appointment(fromB.id)).has_value());
    QCOMPARE(*VALUE_OF(b->store().appointment(fromA.id)), fromA);
    QCOMPARE(serverAppointments(*b).keys(), QList<QString>{fromA.id});
    QVERIFY(VALUE_OF(a->store().conflicts()).isEmpty());
}

// A conflict settled after the front desk has edited the visit again: the
// edit made since the refusal stays, on this PC and on the server.
void TestSync::settlingAConflictKeepsLaterEdits()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    const Appointment visit = m_data.appointment(QStringLiteral("visit"), monday9 + 3600, {{0, 0}});
    QVERIFY(a->store().save(visit));
    QVERIFY(sync(*a));
    QVERIFY(sync(*b));
    // A moves it to 11:00 first; B, not having pulled that, to 12:00.
    QVERIFY(a->store().save(*AppointmentChange::moved(visit, monday9 + 2 * 3600)));
    QVERIFY(sync(*a));
    Appointment onB = *AppointmentChange::moved(visit, monday9 + 3 * 3600);
    onB.notes = QStringLiteral("from the refused move");
    QVERIFY(b->store().save(onB));
    const Result<SyncSummary> refused = sync(*b);
    QVERIFY2(refused, qPrintable(message(refused)));
    QCOMPARE(refused->push.conflicts, 1);
    const QList<SyncConflict> inbox = VALUE_OF(b->store().conflicts());
    QCOMPARE(inbox.size(), 1);
    QCOMPARE(inbox.at(0).reason, QStringLiteral("changed-elsewhere"));

    // B's desk writes a note on the visit as the server has it, then settles.
    Appointment edited = *VALUE_OF(b->store().appointment(visit.id));
    QCOMPARE(edited.startsAt(), monday9 + 2 * 3600);
    edited.notes = QStringLiteral("Bring the colour chart");
    QVERIFY(b->store().save(edited));
    const Result<void> settled = ConflictResolution::resolve(b->store(), inbox.at(0).id,
                                                             ConflictResolution::Choice::MoveTo,
                                                             QTimeZone::utc(), monday9 + 5 * 3600);
    QVERIFY2(settled, qPrintable(settled ? QString() : settled.error().message));
    const Appointment onBNow = *VALUE_OF(b->store().appointment(visit.id));
    QCOMPARE(onBNow.startsAt(), monday9 + 5 * 3600);
    QCOMPARE(onBNow.notes, QStringLiteral("Bring the colour chart"));

    QVERIFY(sync(*b));
    QVERIFY(sync(*a));
    const Appointment onA = *VALUE_OF(a->store().appointment(visit.id));
    QCOMPARE(onA.startsAt(), monday9 + 5 * 3600);
    QCOMPARE(onA.notes, QStringLiteral("Bring the colour chart"));
}

void TestSync::offlineFiveHundredEditsArriveOnce()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    // 250 visits (each in its own hour) and 250 client edits, offline.
    for (int i = 0; i < 250; ++i) {
        QVERIFY(b->store().save(m_data.appointment(QStringLiteral("offline-%1").arg(i),
                                                   monday9 + qint64(i) * 3600, {{1, 0}})));
        Client client = *VALUE_OF(b->store().client(m_data.clients.at(i % 2).id));
        client.notes = QStringLiteral("edit %1").arg(i);
        QVERIFY(b->store().save(client));
    }
    QCOMPARE(VALUE_OF(b->store().outboxPending(Store::serverConsumer)), 500);
    const Result<SyncSummary> round = sync(*b);
    QVERIFY2(round, qPrintable(message(round)));
    QCOMPARE(round->push.pushed, 500);
    QCOMPARE(round->push.applied, 500);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM applied_mutations m JOIN devices d "
                                       "USING (salon_id, device_id) WHERE d.device_id = '%1'")
                                .arg(b->link.deviceId)),
             500);
    // Again: nothing to send, nothing new on the server.
    const Result<SyncSummary> again = sync(*b);
    QVERIFY2(again, qPrintable(message(again)));
    QCOMPARE(again->push.pushed, 0);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments WHERE id LIKE "
                                       "'offline-%' AND NOT deleted")),
             250);
    const Result<SyncSummary> pulled = sync(*a);
    QVERIFY2(pulled, qPrintable(message(pulled)));
    QCOMPARE(VALUE_OF(a->store().appointments(m_data.salon.id, monday9, monday9 + 250 * 3600))
                     .size(),
             250);
    QCOMPARE(VALUE_OF(a->store().client(m_data.clients.at(1).id))->notes,
             QStringLiteral("edit 249"));
}

// The store fails at every statement in turn while the round records what
// the server answered; after each failure the retry sends the same entries
// again (SYNC.md 4, 5), and in the end each is on the server once.
void TestSync::interruptedRoundNothingLostNothingDoubled()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    for (int i = 0; i < 5; ++i)
        QVERIFY(a->store().save(m_data.appointment(QStringLiteral("retry-%1").arg(i),
                                                   monday9 + qint64(i) * 3600, {{2, 0}})));
    const qint64 pending = VALUE_OF(a->store().outboxPending(Store::serverConsumer));
    QCOMPARE(pending, 5);
    auto server = SyncConnection::open(a->store(), m_server->keychain());
    QVERIFY(server);
    int failures = 0;
    for (int n = 1; n < 400; ++n) {
        a->store().failAfterStatements(n);
        const Result<SyncSummary> round = SyncRound::run(a->store(), **server);
        a->store().failAfterStatements(0);
        if (round)
            break;
        ++failures;
        // Nothing local was lost: the visits are there, still queued or answered.
        QCOMPARE(
                VALUE_OF(a->store().appointments(m_data.salon.id, monday9, monday9 + 86400)).size(),
                5);
    }
    QVERIFY(failures > 0);
    QCOMPARE(VALUE_OF(a->store().outboxPending(Store::serverConsumer)), 0);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments WHERE id LIKE "
                                       "'retry-%'")),
             5);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity_id LIKE "
                                       "'retry-%'")),
             5);
}

// The server ends the PC's session (pg_terminate_backend as the superuser):
// the round says so in one sentence, keeps everything; the next round on a
// new connection delivers it once.
void TestSync::killedConnectionSaysSoAndRecovers()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    QVERIFY(a->store().save(m_data.appointment(QStringLiteral("dropped"), monday9, {{0, 0}})));
    auto server = SyncConnection::open(a->store(), m_server->keychain());
    QVERIFY(server);
    {
        QSqlDatabase super =
                testserver::connect(QUrl(qEnvironmentVariable("CHAIRSIDE_TEST_PG_SUPERUSER_URL")),
                                    QStringLiteral("super"));
        QSqlQuery kill(super);
        QVERIFY(kill.exec(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM "
                                         "pg_stat_activity WHERE usename = '%1'")
                                  .arg(a->link.loginRole)));
        QVERIFY(kill.next());
        QCOMPARE(kill.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("super"));
    const Result<SyncSummary> lost = SyncRound::run(a->store(), **server);
    QVERIFY(!lost);
    QVERIFY2(lost.error().message.contains(QLatin1String("connection")),
             qPrintable(lost.error().message));
    QCOMPARE(VALUE_OF(a->store().outboxPending(Store::serverConsumer)), 1);
    QCOMPARE(VALUE_OF(a->store().syncState()).lastError, lost.error().message);
    // Again on the dead connection: still one sentence, said once.
    const Result<SyncSummary> still = SyncRound::run(a->store(), **server);
    QVERIFY(!still);
    QCOMPARE(still.error().message.count(QLatin1String("lost")), 1);
    QVERIFY2(!still.error().message.contains(QLatin1Char('(')), qPrintable(still.error().message));
    const Result<SyncSummary> again = sync(*a);
    QVERIFY2(again, qPrintable(message(again)));
    QCOMPARE(again->push.applied, 1);
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments WHERE id = "
                                       "'dropped'")),
             1);
    QVERIFY(VALUE_OF(a->store().syncState()).lastError.isEmpty());
    QVERIFY(VALUE_OF(a->store().outboxAttempts(Store::serverConsumer)).isEmpty());
}

void TestSync::pulledRowsDoNotEcho()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    const qint64 outbox = VALUE_OF(b->store().outboxCount());
    QVERIFY(a->store().save(m_data.appointment(QStringLiteral("echo"), monday9, {{0, 0}})));
    QVERIFY(sync(*a));
    const Result<SyncSummary> pulled = sync(*b);
    QVERIFY2(pulled, qPrintable(message(pulled)));
    QCOMPARE(pulled->pull.written, 1);
    QVERIFY(VALUE_OF(b->store().appointment(QStringLiteral("echo"))).has_value());
    QCOMPARE(VALUE_OF(b->store().outboxCount()), outbox);
    // And A hears its own change as nothing new.
    const Result<SyncSummary> back = sync(*a);
    QVERIFY2(back, qPrintable(message(back)));
    QCOMPARE(back->pull.written, 0);
    QCOMPARE(back->push.pushed, 0);
}

// A row B changed but has not pushed is not overwritten by the pull; the
// round pushes it first, so the server gets B's change.
void TestSync::unpushedChangeSurvivesAPull()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    const QString id = m_data.clients.at(0).id;
    Client fromA = *VALUE_OF(a->store().client(id));
    fromA.notes = QStringLiteral("A's note");
    QVERIFY(a->store().save(fromA));
    QVERIFY(sync(*a));
    Client fromB = *VALUE_OF(b->store().client(id));
    fromB.notes = QStringLiteral("B's note");
    QVERIFY(b->store().save(fromB));
    auto server = SyncConnection::open(b->store(), m_server->keychain());
    QVERIFY(server);
    const Result<PullSummary> pulled = BookPull::run(**server, b->store());
    QVERIFY(pulled);
    QCOMPARE(pulled->waiting, 1);
    QCOMPARE(VALUE_OF(b->store().client(id))->notes, fromB.notes);
    QVERIFY(SyncRound::run(b->store(), **server));
    QVERIFY(sync(*a));
    QCOMPARE(VALUE_OF(a->store().client(id))->notes, fromB.notes);
    QCOMPARE(VALUE_OF(b->store().client(id))->notes, fromB.notes);
}

void TestSync::revokedPcKeepsItsBook()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    QVERIFY(a->store().save(m_data.appointment(QStringLiteral("kept"), monday9, {{0, 0}})));
    const StoreContents before = VALUE_OF(a->store().contents());
    const auto revoked = DeviceEnrolment::revoke(m_server->admin(), a->link.deviceId);
    QVERIFY(revoked);
    const Result<SyncSummary> round = sync(*a);
    QVERIFY(!round);
    QVERIFY2(round.error().message.contains(QLatin1String("revoked")),
             qPrintable(round.error().message));
    QCOMPARE(contentsDifference(VALUE_OF(a->store().contents()), before), QString());
    QCOMPARE(VALUE_OF(a->store().outboxPending(Store::serverConsumer)), 1);
}

void TestSync::wrongPasswordIsOneSentence()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    bool written = false;
    connect(&m_server->keychain(), &TokenStore::written, this, [&] { written = true; });
    m_server->keychain().write(ServerJoin::keychainAccount(a->link.deviceId),
                               ServerJoin::passwordSecret(), QByteArrayLiteral("not-the-password"));
    QTRY_VERIFY_WITH_TIMEOUT(written, 15000);
    const Result<SyncSummary> round = sync(*a);
    QVERIFY(!round);
    QVERIFY2(round.error().message.contains(QLatin1String("refused this PC's login")),
             qPrintable(round.error().message));
    QVERIFY(!round.error().message.contains(QLatin1String("not-the-password")));
    QCOMPARE(VALUE_OF(a->store().syncState()).lastError, round.error().message);
}

// A server restored from a backup has another epoch: the PC takes the whole
// book again and keeps (then sends) what it had not sent.
void TestSync::restoredServerResyncsKeepingTheOutbox()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    QVERIFY(a->store().save(m_data.appointment(QStringLiteral("unsent"), monday9, {{0, 0}})));
    QSqlQuery restore(m_server->admin().database());
    QVERIFY(restore.exec(QStringLiteral("UPDATE server_epoch SET epoch = gen_random_uuid()")));
    const QString before = VALUE_OF(a->store().syncState()).epoch;
    const Result<SyncSummary> round = sync(*a);
    QVERIFY2(round, qPrintable(message(round)));
    QVERIFY(round->pull.fromScratch);
    QCOMPARE(round->push.applied, 1);
    QVERIFY(VALUE_OF(a->store().syncState()).epoch != before);
    QVERIFY(VALUE_OF(a->store().appointment(QStringLiteral("unsent"))).has_value());
    QCOMPARE(ownerCount(QStringLiteral("SELECT count(*) FROM appointments WHERE id = 'unsent'")),
             1);
}

void TestSync::cliSyncStatusConflictsAndHistory()
{
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    auto b = join(QStringLiteral("Back office"), false);
    QVERIFY(b);
    QVERIFY(a->store().save(m_data.appointment(QStringLiteral("cli-a"), monday9, {{0, 0}})));
    QVERIFY(b->store().save(m_data.appointment(QStringLiteral("cli-b"), monday9, {{0, 0}})));
    CliRunner cliA(a->temp->dir());
    CliRunner cliB(b->temp->dir());
    const QString day = QStringLiteral("2026-12-04");

    // Waiting to sync until the server has it.
    CliResult listed = cliA.json({QStringLiteral("list"), QStringLiteral("--from"), day});
    QVERIFY2(listed.exitCode == 0, listed.describe());
    QCOMPARE(listed.json.value(QLatin1String("appointments"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("waitingToSync")),
             QJsonValue(true));
    CliResult status = cliA.json({QStringLiteral("sync"), QStringLiteral("status")});
    QVERIFY2(status.exitCode == 0, status.describe());
    QCOMPARE(status.json.value(QLatin1String("online")), QJsonValue(true));
    QCOMPARE(status.json.value(QLatin1String("pending")).toInt(), 1);
    QCOMPARE(status.json.value(QLatin1String("name")).toString(), QStringLiteral("Front desk"));

    CliResult synced = cliA.json({QStringLiteral("sync")});
    QVERIFY2(synced.exitCode == 0, synced.describe());
    QCOMPARE(synced.json.value(QLatin1String("applied")).toInt(), 1);
    listed = cliA.json({QStringLiteral("list"), QStringLiteral("--from"), day});
    QCOMPARE(listed.json.value(QLatin1String("appointments"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("waitingToSync")),
             QJsonValue(false));

    synced = cliB.json({QStringLiteral("sync")});
    QVERIFY2(synced.exitCode == 0, synced.describe());
    QCOMPARE(synced.json.value(QLatin1String("conflicts")).toInt(), 1);
    const CliResult conflicts = cliB.json({QStringLiteral("conflicts"), QStringLiteral("list")});
    QVERIFY2(conflicts.exitCode == 0, conflicts.describe());
    const QJsonObject conflict =
            conflicts.json.value(QLatin1String("conflicts")).toArray().at(0).toObject();
    QCOMPARE(conflict.value(QLatin1String("reason")).toString(), QStringLiteral("stylist-busy"));
    QVERIFY(conflict.value(QLatin1String("reasonText"))
                    .toString()
                    .contains(m_data.staff.at(0).name));
    QCOMPARE(conflict.value(QLatin1String("mine")).toObject().value(QLatin1String("id")),
             QJsonValue(QStringLiteral("cli-b")));

    // Moved to the afternoon, it goes out with the next round and applies.
    const CliResult resolved =
            cliB.json({QStringLiteral("conflicts"), QStringLiteral("resolve"),
                       QString::number(conflict.value(QLatin1String("id")).toInt()),
                       QStringLiteral("--move-to"), QStringLiteral("2026-12-04 15:00")});
    QVERIFY2(resolved.exitCode == 0, resolved.describe());
    synced = cliB.json({QStringLiteral("sync")});
    QVERIFY2(synced.exitCode == 0, synced.describe());
    QCOMPARE(synced.json.value(QLatin1String("applied")).toInt(), 1);
    QVERIFY(cliB.json({QStringLiteral("conflicts"), QStringLiteral("list")})
                    .json.value(QLatin1String("conflicts"))
                    .toArray()
                    .isEmpty());

    const CliResult history = cliB.json({QStringLiteral("history"), QStringLiteral("cli-b")});
    QVERIFY2(history.exitCode == 0, history.describe());
    const QJsonArray trail = history.json.value(QLatin1String("history")).toArray();
    QCOMPARE(trail.size(), 2);
    QCOMPARE(trail.at(0).toObject().value(QLatin1String("outcome")).toString(),
             QStringLiteral("conflict"));
    QCOMPARE(trail.at(1).toObject().value(QLatin1String("outcome")).toString(),
             QStringLiteral("applied"));
    QCOMPARE(trail.at(1).toObject().value(QLatin1String("device")).toString(),
             QStringLiteral("Back office"));
}

void TestSync::cliJoinRunsTheFirstSync()
{
    // The salon's book is on the server (the first PC brought it).
    auto a = join(QStringLiteral("Front desk"), true);
    QVERIFY(a);
    QVERIFY(a->store().save(m_data.appointment(QStringLiteral("join-a"), monday9, {{0, 0}})));
    const Result<SyncSummary> brought = sync(*a);
    QVERIFY2(brought, qPrintable(message(brought)));
    const auto enrolled = DeviceEnrolment::enrol(m_server->admin(), m_data.salon.id,
                                                 QStringLiteral("Colour bar"));
    QVERIFY2(enrolled, qPrintable(enrolled ? QString() : enrolled.error().message));

    // A new PC, empty: `join` brings the book with it, progress on stderr.
    QTemporaryDir dir;
    CliRunner cli(dir.path());
    const CliResult joined = cli.json({QStringLiteral("join"), enrolled->code.toString()});
    QVERIFY2(joined.exitCode == 0, joined.describe());
    const QJsonObject first = joined.json.value(QLatin1String("firstSync")).toObject();
    QCOMPARE(first.value(QLatin1String("ok")), QJsonValue(true));
    QVERIFY(first.value(QLatin1String("received")).toInt() > 0);
    QVERIFY2(joined.errorText().contains(QLatin1String("First sync: 0 of")), joined.describe());
    const CliResult listed = cli.json(
            {QStringLiteral("list"), QStringLiteral("--from"), QStringLiteral("2026-12-04")});
    QVERIFY2(listed.exitCode == 0, listed.describe());
    const QJsonArray appointments = listed.json.value(QLatin1String("appointments")).toArray();
    QCOMPARE(appointments.size(), 1);
    QCOMPARE(appointments.at(0).toObject().value(QLatin1String("id")),
             QJsonValue(QStringLiteral("join-a")));
    const CliResult status = cli.json({QStringLiteral("sync"), QStringLiteral("status")});
    QVERIFY2(status.exitCode == 0, status.describe());
    QCOMPARE(status.json.value(QLatin1String("wakeUp")), QJsonValue(QStringLiteral("listen")));
    QCOMPARE(status.json.value(QLatin1String("name")), QJsonValue(QStringLiteral("Colour bar")));
    QVERIFY(cli.json({QStringLiteral("sync"), QStringLiteral("wake-up"), QStringLiteral("poll")})
                    .exitCode
            == 0);
    QCOMPARE(cli.json({QStringLiteral("sync"), QStringLiteral("status")})
                     .json.value(QLatin1String("wakeUp")),
             QJsonValue(QStringLiteral("poll")));
    QCOMPARE(cli.json({QStringLiteral("sync"), QStringLiteral("wake-up"), QStringLiteral("often")})
                     .exitCode,
             2);

    // A first sync that fails keeps the join and says it will retry.
    const auto second =
            DeviceEnrolment::enrol(m_server->admin(), m_data.salon.id, QStringLiteral("Tablet"));
    QVERIFY(second);
    QTemporaryDir otherDir;
    CliRunner other(otherDir.path());
    // The server lets the PC join but not read the book (book_head()).
    QSqlQuery grants(m_server->admin().database());
    QVERIFY(grants.exec(QStringLiteral(
            "REVOKE EXECUTE ON FUNCTION book_head() FROM PUBLIC, chairside_device")));
    const CliResult failed = other.json({QStringLiteral("join"), second->code.toString()});
    QVERIFY(grants.exec(
            QStringLiteral("GRANT EXECUTE ON FUNCTION book_head() TO chairside_device")));
    QVERIFY2(failed.exitCode == 0, failed.describe());
    QCOMPARE(failed.json.value(QLatin1String("firstSync")).toObject().value(QLatin1String("ok")),
             QJsonValue(false));
    QVERIFY2(failed.errorText().contains(QLatin1String("stays joined")), failed.describe());
    const CliResult retried = other.json({QStringLiteral("sync")});
    QVERIFY2(retried.exitCode == 0, retried.describe());
    QVERIFY(retried.json.value(QLatin1String("pulled")).toInt() > 0);
}

QTEST_MAIN(TestSync)
#include "tst_sync.moc"
