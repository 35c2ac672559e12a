#pragma once

#include "changeset.h"
#include "pulledrow.h"
#include "serverlink.h"

#include "domain/appointment.h"
#include "domain/client.h"
#include "domain/clock.h"
#include "domain/error.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/service.h"
#include "domain/shift.h"
#include "domain/staff.h"
#include "domain/waitlistentry.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace chairside {

// One row of the outbox: a committed local change waiting to be pushed.
struct OutboxEntry
{
    qint64 sequence = 0;
    Entity entity = Entity::Appointment;
    Change::Op op = Change::Op::Upserted;
    QString entityId;
    QString salonId;
    QByteArray payload; // compact JSON of the row as written (empty for removals)
    qint64 createdAt = 0;
};

// A consumer's tries at one outbox entry that has no known outcome yet.
struct OutboxAttempt
{
    qint64 sequence = 0;
    int attempts = 0;
    QString lastError;
    qint64 lastAttemptAt = 0; // UTC seconds
};

// What the server answered for one pushed outbox entry (docs/sync.md).
struct PushOutcome
{
    enum class Kind { Applied, Conflict, Refused };
    OutboxEntry entry; // what was pushed
    Kind kind = Kind::Applied;
    std::optional<qint64> version; // applied: the row's new version (none: nothing to remove)
    bool kept = false;             // applied: the server kept guarded fields; pull the row again
    QString reason;                // conflict, refused: the code
    QString message;               // the server's sentence
    QByteArray serverRow;          // the server's row (toJson), empty when it has none
    std::optional<qint64> serverVersion;
    bool serverDeleted = false;
    QByteArray detail; // the whole outcome, compact JSON
};

// One entry of the conflict inbox: a push the server did not apply.
struct SyncConflict
{
    qint64 id = 0;
    std::optional<qint64> sequence;
    Entity entity = Entity::Appointment;
    QString entityId;
    QString salonId;
    bool refused = false; // "refused" rather than "conflict"
    QString reason;
    QString message;
    Change::Op localOp = Change::Op::Upserted;
    QByteArray localPayload;
    QByteArray serverPayload; // empty: the server has no such row
    std::optional<qint64> serverVersion;
    bool serverDeleted = false;
    QByteArray detail;
    qint64 happenedAt = 0;
    qint64 recordedAt = 0;
    std::optional<qint64> resolvedAt;
    QString resolution;
};

// The sync engine's facts (sync_state): where the pull stands and how the
// last round went.
struct SyncState
{
    qint64 cursor = 0;
    QString epoch;
    std::optional<qint64> lastSyncAt; // UTC seconds of the last round that finished
    QString lastError;                // empty after a good round
    bool bookUploaded = false;        // the first PC's book is on the server
    // How the sync engine learns of other PCs' changes: LISTEN on the
    // server (true, the default) or polling only (false: behind PgBouncer in
    // transaction pooling, where LISTEN needs a session of its own).
    bool listen = true;
};

// What applyPulled() did.
struct PullApplied
{
    int written = 0; // rows written or removed
    int older = 0;   // not newer than what this PC has
    int waiting = 0; // rows with unpushed local changes, left alone
};

// What the day view draws of a visit (Store::visitsToDraw): its lines'
// stylists, services and segments, and the client's name, without notes,
// history, resources or ids it does not show.
struct VisitOutline
{
    struct Part
    {
        QString staffId;    // the line's stylist
        QString serviceId;  // the line's service
        int line = 0;       // the line's position in the visit
        bool timed = false; // false: a line without segments (kind and times unset)
        SegmentKind kind = SegmentKind::Busy;
        qint64 startsAt = 0;
        qint64 endsAt = 0;
    };

    QString id;
    QString clientName; // empty: no client (a walk-in), or one that is gone
    AppointmentStatus status = AppointmentStatus::Booked;
    bool walkIn = false;
    bool overbooked = false;
    qint64 startsAt = 0;
    QList<Part> parts; // line by line, each line's segments in order
};

// The whole store as plain data: what `export` writes and `import` restores.
struct StoreContents
{
    QList<Salon> salons;
    QList<Staff> staff;
    QList<Service> services;
    QList<Resource> resources;
    QList<Client> clients;
    QList<Shift> shifts;
    QList<ShiftException> shiftExceptions;
    QList<TimeOff> timeOff;
    QList<StandingAppointment> standingAppointments;
    QList<Appointment> appointments;
    QList<WaitlistEntry> waitlist;
};

// Calls visit(entity, rows) for each kind of row in `contents`, a salon's
// rows before what refers to them (the order an upload or import needs).
template <typename Visit>
void forEachKind(const StoreContents &contents, Visit visit)
{
    visit(Entity::Salon, contents.salons);
    visit(Entity::Staff, contents.staff);
    visit(Entity::Service, contents.services);
    visit(Entity::Resource, contents.resources);
    visit(Entity::Client, contents.clients);
    visit(Entity::Shift, contents.shifts);
    visit(Entity::ShiftException, contents.shiftExceptions);
    visit(Entity::TimeOff, contents.timeOff);
    visit(Entity::StandingAppointment, contents.standingAppointments);
    visit(Entity::Appointment, contents.appointments);
    visit(Entity::WaitlistEntry, contents.waitlist);
}

// The local SQLite store: the one place every screen reads from and writes to.
//
// Every save/remove is one transaction that writes the rows and appends the
// mutation to the outbox, then emits changed(). Reads never touch the network.
// One Store per thread (it owns its own QSqlDatabase connection).
class Store : public QObject
{
    Q_OBJECT
public:
    // When open() runs PRAGMA quick_check, which reads the whole file (a few
    // hundred ms for 100k appointments).
    enum class Check {
        BeforeOpening, // a damaged file is refused by open() (CLI, import)
        InBackground,  // open() returns at once; quickCheckFinished() follows (desktop)
    };

    // Opens (creating if needed) the store file, runs migrations, turns on WAL
    // and checks the file with PRAGMA quick_check. Refuses a file that is not
    // a Chairside store, is damaged, or cannot be written, with a clear error.
    // `clock` (which must outlive the store) stamps the outbox and is the
    // clock of everything built on this store (Store::clock()).
    static Result<std::unique_ptr<Store>> open(const QString &path,
                                               Check check = Check::BeforeOpening,
                                               const Clock &clock = Clock::system());
    // The store file in the user's data dir (QStandardPaths::AppDataLocation).
    static QString defaultPath();
    // The store file inside dataDir (what --data-dir means).
    static QString pathIn(const QString &dataDir);

    ~Store() override;

    // The longest text (notes, names) a row may hold, in UTF-16 code units;
    // longer text is refused with Error::Code::Invalid and nothing is written.
    static constexpr int maxTextLength = 1 << 20;
    // Instants a row may hold: those an ISO 8601 date can write (years 1900
    // to 9999), so every row can be exported and read back.
    static constexpr qint64 earliestInstant = -2208988800LL; // 1900-01-01T00:00:00Z
    static constexpr qint64 latestInstant = 253402300799LL;  // 9999-12-31T23:59:59Z
    // The ranges `resources` and `services` accept, checked again on save.
    static constexpr int maxResourceCount = 1000;
    static constexpr int maxBufferMinutes = 240;
    // "Rebook in N weeks" (0: no suggestion) and the patch-test window a
    // salon may set, checked on save: a year ahead at most, a test at most
    // a month before it counts, and valid for at most ten years.
    static constexpr int maxRebookWeeks = 52;
    static constexpr int maxPatchTestMinHours = 720;
    static constexpr int maxPatchTestMaxDays = 3650;

    QString path() const;
    int schemaVersion() const;
    // The clock the store was opened with: the one time source of the book.
    const Clock &clock() const;

    // --- reads -----------------------------------------------------------
    // Each read says when it fails: a SQLite error gives Error::Code::Storage
    // (or Corrupt) with a sentence, never an empty list that would look like
    // an empty book.
    Result<QList<Salon>> salons() const;
    Result<std::optional<Salon>> salon(const QString &id) const;
    Result<QList<Staff>> staff(const QString &salonId) const;
    Result<QList<Service>> services(const QString &salonId) const;
    Result<QList<Resource>> resources(const QString &salonId) const;
    // Clients whose name or phone contains `search` (case and accents
    // ignored; a search of digits and phone punctuation matches the phone's
    // digits, with or without spaces). Empty search: all. Sorted by name.
    Result<QList<Client>> clients(const QString &salonId, const QString &search = {},
                                  int limit = -1) const;
    Result<std::optional<Client>> client(const QString &id) const;
    // The clients among `ids` that exist, in no particular order: one read
    // for many (a day's clients), not one per id.
    Result<QList<Client>> clientsWithIds(const QStringList &ids) const;
    Result<QList<Shift>> shifts(const QString &salonId) const;
    // Exceptions dated from `from` to `to`, both included.
    Result<QList<ShiftException>> shiftExceptions(const QString &salonId, const QDate &from,
                                                  const QDate &to) const;
    // Time off overlapping [from, to) (UTC seconds).
    Result<QList<TimeOff>> timeOff(const QString &salonId, qint64 from, qint64 to) const;
    Result<QList<StandingAppointment>> standingAppointments(const QString &salonId) const;
    // Appointments of the salon with any part in [from, to) (UTC seconds),
    // optionally only those with a line for `staffId`. Sorted by start.
    Result<QList<Appointment>> appointments(const QString &salonId, qint64 from, qint64 to,
                                            const QString &staffId = {}) const;
    Result<std::optional<Appointment>> appointment(const QString &id) const;
    // The same visits as appointments(salonId, from, to), in the same order,
    // as the day view draws them: one read with the clients' names, kept
    // prepared, straight from SQLite (storevisits.cpp; a day switch's read).
    Result<QList<VisitOutline>> visitsToDraw(const QString &salonId, qint64 from, qint64 to) const;
    Result<QList<WaitlistEntry>> waitlist(const QString &salonId) const;

    Result<QList<OutboxEntry>> outbox(int limit = -1) const;
    Result<qint64> outboxCount() const;

    // The outbox's readers each keep their own position: the last sequence
    // they have handed on. The server sync is serverConsumer.
    static inline const QString serverConsumer = QStringLiteral("server");
    // Moves `consumer` up to `sequence`; never back.
    Result<void> acknowledgeOutbox(const QString &consumer, qint64 sequence);
    // Nothing when the consumer has never acknowledged anything.
    Result<std::optional<qint64>> outboxPosition(const QString &consumer) const;
    // Up to `limit` entries after `consumer`'s position, in order (limit < 0: all).
    Result<QList<OutboxEntry>> outboxBatch(const QString &consumer, int limit) const;
    // The last sequence queued (0: the outbox is empty).
    Result<qint64> outboxHead() const;
    // Entries after `consumer`'s position: the changes waiting for it.
    Result<qint64> outboxPending(const QString &consumer) const;
    // The ids of `entity` rows with changes waiting for `consumer`.
    Result<QSet<QString>> pendingIds(const QString &consumer, Entity entity) const;
    // The ids of `entity` rows the salon's server has not confirmed yet:
    // with changes waiting for the server consumer on a PC that has joined
    // a server; none on a PC that has not (it has nothing to wait for).
    Result<QSet<QString>> waitingToSync(Entity entity) const;
    // A try at handing `sequences` on that got no outcome: counts it and keeps `error`.
    Result<void> recordOutboxAttempt(const QString &consumer, const QList<qint64> &sequences,
                                     const QString &error);
    Result<QList<OutboxAttempt>> outboxAttempts(const QString &consumer) const;

    // Whether the book has been shared: the server has acknowledged changes,
    // so it holds rows a replace must remove there too.
    Result<bool> isShared() const;

    Result<StoreContents> contents() const;

    // --- the link to the salon's server (chairside-cli join) ---------------
    // Nothing when this PC has not joined a server; an error when the store
    // cannot be read (never "not joined" on a read error).
    Result<std::optional<ServerLink>> serverLink() const;
    // Replaces the link (a PC joins one server). Not queued for sync.
    Result<void> saveServerLink(const ServerLink &link);
    Result<void> forgetServerLink();

    // --- the salon's server: what sync keeps (storesync.cpp) ---------------
    // The server version of a row this PC has from the server (none: never had it).
    Result<std::optional<qint64>> rowVersion(Entity entity, const QString &id) const;
    Result<SyncState> syncState() const;
    // How the round ended: `finishedAt` when it finished (else only the error).
    Result<void> recordSyncRound(std::optional<qint64> finishedAt, const QString &error);
    // SyncState::listen (`chairside-cli sync wake-up listen|poll`).
    Result<void> setSyncListen(bool listen);
    // The first PC's book is on the server: everything queued up to
    // `sequence` is in it, so the server consumer moves there. Emits
    // contentsReplaced(): none of the book waits to sync any more.
    Result<void> recordBookUploaded(qint64 sequence);
    // Another server epoch (a restored backup): forgets the cursor and every
    // row version, so the next pull takes the whole book. The outbox stays.
    Result<void> startOver(const QString &epoch);
    // Acknowledged outbox entries are kept this long (by when they were
    // made), then go: long enough to push them again after a restore, no
    // longer than the server keeps their records (purge_book, SYNC.md 3).
    static constexpr int keepAcknowledgedDays = 90;
    // A restored server (another epoch) may lack changes the old one
    // acknowledged: the server consumer moves back so that the kept ones go
    // again, those this PC pushed itself (not the first PC's book upload),
    // made within keepAcknowledgedDays. The server's (device, sequence)
    // records decide which were applied (SYNC.md 11).
    Result<void> queueAcknowledgedAgain();
    // Rows from the server, in one transaction with the new cursor and epoch
    // (SYNC.md 2): written without outbox entries (8); a row is written only
    // when its version is above the one kept here, and never over a row with
    // changes still waiting for the server (7); a tombstone removes the row
    // without the removal rules. changed() names what changed.
    Result<PullApplied> applyPulled(const QList<PulledRow> &rows, qint64 cursor,
                                    const QString &epoch);
    // The server's answers to one pushed batch, in one transaction: applied
    // rows take their version; a conflict or refusal goes to the conflict
    // inbox and the row becomes the server's (or goes, when the server has
    // none), without outbox; the server consumer is acknowledged up to the
    // last outcome. changed() names the rows that changed, each applied
    // row with Change::Kind::SyncState (no longer waiting to sync) and each
    // conflict or refusal with Change::Kind::Conflict (a new inbox entry).
    Result<void> recordPushOutcomes(const QList<PushOutcome> &outcomes);
    // The conflict inbox: open entries (or all), oldest first.
    Result<QList<SyncConflict>> conflicts(bool includeResolved = false) const;
    Result<std::optional<SyncConflict>> conflict(qint64 id) const;
    // Each names the entry's row in changed() with Change::Kind::Conflict.
    Result<void> markConflictResolved(qint64 id, const QString &resolution);
    // Back in the inbox, unresolved (the window's Undo of a resolution).
    Result<void> markConflictOpen(qint64 id);

    // --- writes: one transaction each, rows + outbox ----------------------
    Result<void> save(const Salon &salon);
    Result<void> save(const Staff &staff);
    Result<void> save(const Service &service);
    Result<void> save(const Resource &resource);
    Result<void> save(const Client &client);
    Result<void> save(const Shift &shift);
    Result<void> save(const ShiftException &exception);
    Result<void> save(const TimeOff &timeOff);
    Result<void> save(const StandingAppointment &standing);
    Result<void> save(const Appointment &appointment);
    Result<void> save(const WaitlistEntry &entry);
    // An appointment and its client together (a no-show counts against the
    // client in the same transaction that marks the visit).
    Result<void> save(const Appointment &appointment, const Client &client);
    // Several appointments in one transaction (a standing appointment's
    // occurrences): all or none. With `waitlistEntryId`, the visit was
    // offered to that waitlist entry, which goes in the same transaction.
    Result<void> save(const QList<Appointment> &appointments,
                      const StandingAppointment *standing = nullptr,
                      const QString &waitlistEntryId = {});
    // Removes the row and what belongs to it (a visit's lines, a stylist's
    // skills and shifts, a salon's whole book). Unknown id: NotFound. The
    // book stays whole (Error::Code::Invalid, nothing removed): a stylist,
    // service or client with upcoming visits stays, and so does a resource a
    // service still uses.
    Result<void> remove(Entity entity, const QString &id);

    // Adds everything in `contents` in one transaction with prepared
    // statements (demo data, import). `withOutbox` false writes no outbox rows.
    // An appointment id already in the store is refused (nothing is
    // written); other rows with known ids are replaced. Emits changed() with
    // every row written, if anyone listens.
    Result<void> insertAll(const StoreContents &contents, bool withOutbox);
    // Empties the store and inserts `contents`, in one transaction (import,
    // demo --replace). Afterwards the outbox describes the book as it now is
    // (docs/decisions.md): the changes still waiting are dropped; a shared
    // book queues the removal of every row that is gone and, with
    // `withOutbox`, every new row; a book never shared queues only the new
    // rows. A shared book refuses contents without outbox (demo data must
    // never reach a salon's server). Emits contentsReplaced(), not changed().
    Result<void> replaceAll(const StoreContents &contents, bool withOutbox);

    // --- the first sync with the salon's server (storefirstsync.cpp) -------
    struct ServerBookCounts
    {
        qint64 written = 0;   // server rows written (tombstones are not)
        qint64 keptLocal = 0; // rows kept as this PC has them: their changes wait to be pushed
    };
    // Replaces salon `salonId`'s book with the server's, in one transaction
    // (the first sync, and a resync after a new server epoch). `next` fills
    // in the server's rows one at a time and returns false after the last;
    // each is written without an outbox entry, with its version in
    // row_versions, and `cursor` and `epoch` go into sync_state in the same
    // transaction. Tombstones are skipped. A row with outbox entries the
    // server has not acknowledged stays as this PC has it (its change is
    // pushed again), with the server's version as its base. An error from
    // `next` or from SQLite leaves the store as it was. Emits
    // contentsReplaced().
    Result<ServerBookCounts>
    replaceWithServerBook(const QString &salonId, const QString &epoch, qint64 cursor,
                          const std::function<Result<bool>(PulledRow &)> &next);

    // Another process (chairside-cli, a second window) writing the same file:
    // while watching, the store polls SQLite's PRAGMA data_version every
    // `intervalMs` and, when someone else committed, emits
    // contentsReplaced() (it cannot know which rows changed). Off by default;
    // the desktop turns it on.
    void watchOtherWriters(bool on, int intervalMs = 300);
    bool isWatchingOtherWriters() const;

    // Test seam: make the Nth statement executed from now on fail as if the
    // disk had failed (0 = off). Lets tests interrupt a change at every point.
    void failAfterStatements(int n);

signals:
    // After a committed write, never after a failed one.
    void changed(const chairside::ChangeSet &changes);
    // After replaceAll(): anything may have changed; reload everything.
    void contentsReplaced();
    // After open(..., Check::InBackground), from the event loop: whether
    // quick_check found the file sound, and if not a sentence saying so.
    void quickCheckFinished(bool ok, const QString &message);

private:
    Store();
    template <typename Body>
    Result<void> write(Body body);
    template <typename Body>
    Result<void> writeInBulk(Body body);
    Result<void> insertRows(const StoreContents &contents, bool withOutbox, ChangeSet *changes);
    Result<void> queueRemovals(const StoreContents &replacement);
    // remove()'s work inside a transaction already open.
    Result<void> removeIn(Entity entity, const QString &id, ChangeSet &changes);
    // Why the row may not go (Error::Code::Invalid), or the read that failed.
    Result<void> removalRefused(Entity entity, const QString &id, const QString &salonId) const;
    void startQuickCheck();
    // A row as the server has it, written or removed without outbox.
    Result<void> writeServerRow(const PulledRow &row, ChangeSet &changes);
    Result<void> keepRowVersion(Entity entity, const QString &id, qint64 version, bool deleted);
    Result<void> setConflictResolution(qint64 id, std::optional<qint64> resolvedAt,
                                       const QString &resolution);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace chairside
