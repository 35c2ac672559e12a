// The store's side of sync without a server: the outbox as consumers read
// it, pulled rows (no echo, versions, unpushed changes, tombstones, the
// cursor in the same transaction) and push outcomes (the conflict inbox).

#include "testsupport.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const qint64 tuesday10 = 1796119200; // 2026-12-01T10:00:00Z

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

PulledRow pulled(const Client &client, qint64 version)
{
    return {Entity::Client, client.id, version, false, json(client.toJson())};
}

PulledRow pulled(const Appointment &appointment, qint64 version)
{
    return {Entity::Appointment, appointment.id, version, false, json(appointment.toJson())};
}

} // namespace

class tst_StoreSync : public QObject
{
    Q_OBJECT

private:
    FixedClock m_clock;
    std::unique_ptr<TempStore> m_temp;
    TestData m_data = TestData::small();

    Store &store() { return m_temp->store(); }

    // The small salon saved, and everything it queued acknowledged: what
    // the server has.
    bool sharedSalon()
    {
        m_temp = std::make_unique<TempStore>(m_clock);
        if (!m_temp->isValid() || !m_data.saveTo(store()))
            return false;
        const Result<QList<OutboxEntry>> all = store().outbox();
        return all.ok() && store().acknowledgeOutbox(Store::serverConsumer, all->last().sequence);
    }

private slots:
    void init() { QVERIFY(sharedSalon()); }
    void cleanup() { m_temp.reset(); }

    void consumersKeepTheirOwnPosition()
    {
        Client ann = m_data.clients.at(0);
        ann.notes = QStringLiteral("one");
        QVERIFY(store().save(ann));
        ann.notes = QStringLiteral("two");
        QVERIFY(store().save(ann));
        const QList<OutboxEntry> server = VALUE_OF(store().outboxBatch(Store::serverConsumer, 10));
        QCOMPARE(server.size(), 2);
        QVERIFY(server.at(0).sequence < server.at(1).sequence);
        QCOMPARE(VALUE_OF(store().outboxPending(Store::serverConsumer)), 2);
        // The calendar sync has read nothing yet: it sees the whole outbox.
        const qint64 all = VALUE_OF(store().outboxCount());
        QCOMPARE(VALUE_OF(store().outboxBatch(QStringLiteral("calendar"), -1)).size(), all);
        QCOMPARE(VALUE_OF(store().outboxBatch(Store::serverConsumer, 1)).constFirst().sequence,
                 server.at(0).sequence);
        QVERIFY(store().acknowledgeOutbox(Store::serverConsumer, server.at(0).sequence));
        QCOMPARE(VALUE_OF(store().outboxBatch(Store::serverConsumer, 10)).size(), 1);
        QCOMPARE(VALUE_OF(store().outboxBatch(QStringLiteral("calendar"), -1)).size(), all);
        QCOMPARE(VALUE_OF(store().pendingIds(Store::serverConsumer, Entity::Client)),
                 QSet<QString>{ann.id});
        QCOMPARE(VALUE_OF(store().pendingIds(Store::serverConsumer, Entity::Appointment)),
                 QSet<QString>{});
    }

    void attemptsAreCountedUntilAnOutcome()
    {
        Client ann = m_data.clients.at(0);
        ann.notes = QStringLiteral("offline");
        QVERIFY(store().save(ann));
        const OutboxEntry entry =
                VALUE_OF(store().outboxBatch(Store::serverConsumer, 1)).constFirst();
        QVERIFY(store().recordOutboxAttempt(Store::serverConsumer, {entry.sequence},
                                            QStringLiteral("first")));
        m_clock.advance(60);
        QVERIFY(store().recordOutboxAttempt(Store::serverConsumer, {entry.sequence},
                                            QStringLiteral("second")));
        QList<OutboxAttempt> attempts = VALUE_OF(store().outboxAttempts(Store::serverConsumer));
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.at(0).attempts, 2);
        QCOMPARE(attempts.at(0).lastError, QStringLiteral("second"));
        QCOMPARE(attempts.at(0).lastAttemptAt, m_clock.secondsNow());
        QVERIFY(VALUE_OF(store().outboxAttempts(QStringLiteral("calendar"))).isEmpty());

        PushOutcome applied;
        applied.entry = entry;
        applied.version = 7;
        QVERIFY(store().recordPushOutcomes({applied}));
        QVERIFY(VALUE_OF(store().outboxAttempts(Store::serverConsumer)).isEmpty());
        QCOMPARE(VALUE_OF(store().outboxPending(Store::serverConsumer)), 0);
        QCOMPARE(VALUE_OF(store().rowVersion(Entity::Client, ann.id)), std::optional<qint64>(7));
    }

    void pulledRowsDoNotEcho()
    {
        Client ann = m_data.clients.at(0);
        ann.phone = QStringLiteral("0400 000 111");
        const qint64 outbox = VALUE_OF(store().outboxCount());
        QSignalSpy changed(&store(), &Store::changed);
        const PullApplied applied =
                VALUE_OF(store().applyPulled({pulled(ann, 5)}, 5, QStringLiteral("epoch-1")));
        QCOMPARE(applied.written, 1);
        QCOMPARE(VALUE_OF(store().outboxCount()), outbox);
        QCOMPARE(VALUE_OF(store().outboxPending(Store::serverConsumer)), 0);
        QCOMPARE(VALUE_OF(store().client(ann.id))->phone, ann.phone);
        QCOMPARE(changed.size(), 1);
        const ChangeSet changes = changed.at(0).at(0).value<ChangeSet>();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).id, ann.id);
        const SyncState state = VALUE_OF(store().syncState());
        QCOMPARE(state.cursor, 5);
        QCOMPARE(state.epoch, QStringLiteral("epoch-1"));
    }

    void olderRowNeverOverwritesNewer()
    {
        Client newer = m_data.clients.at(0);
        newer.notes = QStringLiteral("version 9");
        Client older = m_data.clients.at(0);
        older.notes = QStringLiteral("version 4");
        QVERIFY(store().applyPulled({pulled(newer, 9)}, 9, QStringLiteral("e")));
        QSignalSpy changed(&store(), &Store::changed);
        const PullApplied applied =
                VALUE_OF(store().applyPulled({pulled(older, 4)}, 9, QStringLiteral("e")));
        QCOMPARE(applied.written, 0);
        QCOMPARE(applied.older, 1);
        QCOMPARE(VALUE_OF(store().client(newer.id))->notes, newer.notes);
        QCOMPARE(changed.size(), 0);
        // The same version again (a replay after a crash) changes nothing either.
        QCOMPARE(VALUE_OF(store().applyPulled({pulled(newer, 9)}, 9, QStringLiteral("e"))).older,
                 1);
    }

    void unpushedChangeIsNotOverwritten()
    {
        Client mine = m_data.clients.at(0);
        mine.notes = QStringLiteral("typed here, not pushed yet");
        QVERIFY(store().save(mine));
        Client theirs = m_data.clients.at(0);
        theirs.notes = QStringLiteral("from another PC");
        const PullApplied applied =
                VALUE_OF(store().applyPulled({pulled(theirs, 12)}, 12, QStringLiteral("e")));
        QCOMPARE(applied.waiting, 1);
        QCOMPARE(applied.written, 0);
        QCOMPARE(VALUE_OF(store().client(mine.id))->notes, mine.notes);
        QCOMPARE(VALUE_OF(store().syncState()).cursor, 12);
    }

    void tombstoneRemovesWithoutRules()
    {
        // A client with an upcoming visit may not be removed here, but the
        // server decided: the tombstone removes both, and queues nothing.
        const Appointment visit = m_data.appointment(QStringLiteral("appt-1"), tuesday10, {{0, 0}});
        QVERIFY(store().save(visit));
        const qint64 outbox = VALUE_OF(store().outbox()).last().sequence;
        QVERIFY(store().acknowledgeOutbox(Store::serverConsumer, outbox));
        const QString clientId = visit.clientId;
        QVERIFY(!clientId.isEmpty());
        QVERIFY(!store().remove(Entity::Client, clientId));
        const QList<PulledRow> rows{{Entity::Client, clientId, 20, true, {}},
                                    {Entity::Appointment, visit.id, 20, true, {}}};
        const PullApplied applied = VALUE_OF(store().applyPulled(rows, 20, QStringLiteral("e")));
        QCOMPARE(applied.written, 2);
        QVERIFY(!VALUE_OF(store().client(clientId)).has_value());
        QVERIFY(!VALUE_OF(store().appointment(visit.id)).has_value());
        QCOMPARE(VALUE_OF(store().outboxPending(Store::serverConsumer)), 0);
        // A tombstone of a row this PC never had is fine.
        QVERIFY(store().applyPulled({{Entity::Client, QStringLiteral("never-here"), 21, true, {}}},
                                    21, QStringLiteral("e")));
    }

    // Every statement of a pull can fail: then neither the rows nor the
    // cursor moved (SYNC.md 2), and the same pull applies whole afterwards.
    void cursorMovesOnlyWithItsRows()
    {
        Client ann = m_data.clients.at(0);
        ann.notes = QStringLiteral("pulled");
        const Appointment visit = m_data.appointment(QStringLiteral("appt-9"), tuesday10, {{1, 0}});
        const QList<PulledRow> rows{pulled(ann, 30), pulled(visit, 31)};
        const QString before = VALUE_OF(store().client(ann.id))->notes;
        for (int n = 1;; ++n) {
            store().failAfterStatements(n);
            const Result<PullApplied> applied = store().applyPulled(rows, 31, QStringLiteral("e"));
            store().failAfterStatements(0);
            if (applied.ok()) {
                QCOMPARE(applied->written, 2);
                break;
            }
            QCOMPARE(VALUE_OF(store().syncState()).cursor, 0);
            QCOMPARE(VALUE_OF(store().client(ann.id))->notes, before);
            QVERIFY(!VALUE_OF(store().appointment(visit.id)).has_value());
            QVERIFY2(n < 200, "the pull never got through");
        }
        QCOMPARE(VALUE_OF(store().syncState()).cursor, 31);
        QCOMPARE(VALUE_OF(store().appointment(visit.id))->lines, visit.lines);
    }

    void conflictGoesToTheInboxAndTheRowBecomesTheServers()
    {
        Appointment visit = m_data.appointment(QStringLiteral("appt-2"), tuesday10, {{0, 0}});
        QVERIFY(store().save(visit));
        const OutboxEntry entry =
                VALUE_OF(store().outboxBatch(Store::serverConsumer, 10)).constLast();
        QCOMPARE(entry.entityId, visit.id);

        // The server has none of it: the visit goes here too.
        PushOutcome busy;
        busy.entry = entry;
        busy.kind = PushOutcome::Kind::Conflict;
        busy.reason = QStringLiteral("stylist-busy");
        busy.message = QStringLiteral("Mia is already booked between 10:00 and 11:00.");
        busy.detail = R"({"outcome":"conflict"})";
        QSignalSpy changed(&store(), &Store::changed);
        QVERIFY(store().recordPushOutcomes({busy}));
        QVERIFY(!VALUE_OF(store().appointment(visit.id)).has_value());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(VALUE_OF(store().outboxPending(Store::serverConsumer)), 0);
        const QList<SyncConflict> inbox = VALUE_OF(store().conflicts());
        QCOMPARE(inbox.size(), 1);
        QCOMPARE(inbox.at(0).reason, busy.reason);
        QCOMPARE(inbox.at(0).localPayload, entry.payload);
        QVERIFY(inbox.at(0).serverPayload.isEmpty());
        // Heard again (a retried batch): recorded once.
        QVERIFY(store().recordPushOutcomes({busy}));
        QCOMPARE(VALUE_OF(store().conflicts()).size(), 1);

        // A stale move: the server's row, at the server's version, replaces it.
        QVERIFY(store().save(visit));
        const OutboxEntry move =
                VALUE_OF(store().outboxBatch(Store::serverConsumer, 10)).constLast();
        Appointment server = visit;
        server.lines = m_data.appointment(visit.id, tuesday10 + 7200, {{0, 0}}).lines;
        PushOutcome stale;
        stale.entry = move;
        stale.kind = PushOutcome::Kind::Conflict;
        stale.reason = QStringLiteral("changed-elsewhere");
        stale.serverRow = json(server.toJson());
        stale.serverVersion = 40;
        QVERIFY(store().recordPushOutcomes({stale}));
        QCOMPARE(VALUE_OF(store().appointment(visit.id))->startsAt(), tuesday10 + 7200);
        QCOMPARE(VALUE_OF(store().rowVersion(Entity::Appointment, visit.id)),
                 std::optional<qint64>(40));
        QCOMPARE(VALUE_OF(store().conflicts()).size(), 2);
        QVERIFY(store().markConflictResolved(inbox.at(0).id, QStringLiteral("keep-server")));
        QCOMPARE(VALUE_OF(store().conflicts()).size(), 1);
        QCOMPARE(VALUE_OF(store().conflicts(true)).size(), 2);
    }

    // What the window redraws after a push: the rows whose standing with
    // the server changed, and the conflict inbox's entries (docs/sync.md,
    // "What the window is told"); and "waiting to sync" only when joined.
    void standingWithTheServerIsTold()
    {
        const Appointment visit = m_data.appointment(QStringLiteral("appt-5"), tuesday10, {{0, 0}});
        QVERIFY(store().save(visit));
        // Not joined: queued all the same, but nothing waits.
        QVERIFY(VALUE_OF(store().waitingToSync(Entity::Appointment)).isEmpty());
        ServerLink link;
        link.url = QStringLiteral("postgresql://server.example/chairside");
        link.deviceId = QStringLiteral("0b1c2d3e-0000-4000-8000-000000000005");
        link.loginRole = QStringLiteral("chairside_pc_5");
        link.salonId = m_data.salon.id;
        QVERIFY(store().saveServerLink(link));
        QCOMPARE(VALUE_OF(store().waitingToSync(Entity::Appointment)), QSet<QString>{visit.id});

        const OutboxEntry entry =
                VALUE_OF(store().outboxBatch(Store::serverConsumer, 10)).constLast();
        PushOutcome applied;
        applied.entry = entry;
        applied.version = 3;
        QSignalSpy changed(&store(), &Store::changed);
        QVERIFY(store().recordPushOutcomes({applied}));
        QCOMPARE(changed.size(), 1);
        ChangeSet changes = changed.takeFirst().at(0).value<ChangeSet>();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).kind, Change::Kind::SyncState);
        QCOMPARE(changes.at(0).id, visit.id);
        QCOMPARE(changes.at(0).startsAt, visit.startsAt());
        QCOMPARE(changes.at(0).endsAt, visit.endsAt());
        QVERIFY(VALUE_OF(store().waitingToSync(Entity::Appointment)).isEmpty());

        // A conflict: the row becomes the server's, and the inbox says so.
        Appointment moved = visit;
        moved.notes = QStringLiteral("moved on this PC");
        QVERIFY(store().save(moved));
        PushOutcome busy;
        busy.entry = VALUE_OF(store().outboxBatch(Store::serverConsumer, 10)).constLast();
        busy.kind = PushOutcome::Kind::Conflict;
        busy.reason = QStringLiteral("changed-elsewhere");
        busy.serverRow = QJsonDocument(visit.toJson()).toJson(QJsonDocument::Compact);
        busy.serverVersion = 4;
        changed.clear();
        QVERIFY(store().recordPushOutcomes({busy}));
        changes = changed.takeFirst().at(0).value<ChangeSet>();
        const auto kinds = [](const ChangeSet &set) {
            QList<Change::Kind> list;
            for (const Change &change : set)
                list.append(change.kind);
            return list;
        };
        QVERIFY(kinds(changes).contains(Change::Kind::Row));
        QVERIFY(kinds(changes).contains(Change::Kind::Conflict));

        // Settled and put back (the window's undo): each is told.
        const qint64 id = VALUE_OF(store().conflicts()).constFirst().id;
        QVERIFY(store().markConflictResolved(id, QStringLiteral("keep-server")));
        QCOMPARE(kinds(changed.takeFirst().at(0).value<ChangeSet>()),
                 QList<Change::Kind>{Change::Kind::Conflict});
        QVERIFY(VALUE_OF(store().conflicts()).isEmpty());
        QVERIFY(store().markConflictOpen(id));
        QCOMPARE(kinds(changed.takeFirst().at(0).value<ChangeSet>()),
                 QList<Change::Kind>{Change::Kind::Conflict});
        const QList<SyncConflict> open = VALUE_OF(store().conflicts());
        QCOMPARE(open.size(), 1);
        QVERIFY(!open.at(0).resolvedAt.has_value());
        QVERIFY(open.at(0).resolution.isEmpty());
    }

    void startOverForgetsVersionsButKeepsTheOutbox()
    {
        Client ann = m_data.clients.at(0);
        QVERIFY(store().applyPulled({pulled(ann, 50)}, 50, QStringLiteral("old")));
        ann.notes = QStringLiteral("waiting");
        QVERIFY(store().save(ann));
        QVERIFY(store().startOver(QStringLiteral("new")));
        const SyncState state = VALUE_OF(store().syncState());
        QCOMPARE(state.cursor, 0);
        QCOMPARE(state.epoch, QStringLiteral("new"));
        QVERIFY(!VALUE_OF(store().rowVersion(Entity::Client, ann.id)).has_value());
        QCOMPARE(VALUE_OF(store().outboxPending(Store::serverConsumer)), 1);
    }

    // Acknowledged entries stay Store::keepAcknowledgedDays from when they
    // were made; after a restore the kept ones this PC pushed go again, the
    // first PC's book upload and older ones do not.
    void acknowledgedEntriesAreKeptToSendAgain()
    {
        QVERIFY(store().recordBookUploaded(VALUE_OF(store().outboxHead())));
        auto edit = [this](const QString &notes) {
            const Result<std::optional<Client>> found = store().client(m_data.clients.at(0).id);
            if (!found || !*found)
                return false;
            Client ann = **found;
            ann.notes = notes;
            return store().save(ann).ok();
        };
        // The server applies everything waiting.
        auto answerAll = [this]() -> qsizetype {
            const Result<QList<OutboxEntry>> batch =
                    store().outboxBatch(Store::serverConsumer, 100);
            if (!batch)
                return -1;
            QList<PushOutcome> outcomes;
            for (const OutboxEntry &entry : *batch) {
                PushOutcome applied;
                applied.entry = entry;
                applied.version = entry.sequence;
                outcomes.append(applied);
            }
            return store().recordPushOutcomes(outcomes).ok() ? batch->size() : -1;
        };
        QVERIFY(edit(QStringLiteral("in the spring")));
        QCOMPARE(answerAll(), 1);
        const qint64 all = VALUE_OF(store().outboxCount());
        QVERIFY(store().queueAcknowledgedAgain());
        QCOMPARE(VALUE_OF(store().outboxPending(Store::serverConsumer)), 1);
        QCOMPARE(VALUE_OF(store().outboxCount()), all);
        QCOMPARE(answerAll(), 1); // sent again

        // 91 days on, the next answered batch lets the old entries go.
        m_clock.advance(qint64(Store::keepAcknowledgedDays + 1) * 86400);
        QVERIFY(edit(QStringLiteral("in the summer")));
        QCOMPARE(answerAll(), 1);
        QCOMPARE(VALUE_OF(store().outboxCount()), 1);
        QVERIFY(store().queueAcknowledgedAgain());
        QCOMPARE(VALUE_OF(store().outboxPending(Store::serverConsumer)), 1);
        QCOMPARE(VALUE_OF(store().outboxBatch(Store::serverConsumer, 10)).constFirst().payload,
                 VALUE_OF(store().outbox()).constLast().payload);
    }
};

QTEST_GUILESS_MAIN(tst_StoreSync)
#include "tst_storesync.moc"
