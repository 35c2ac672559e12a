#pragma once

#include "changeset.h"

#include "domain/appointment.h"
#include "domain/client.h"
#include "domain/error.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/service.h"
#include "domain/shift.h"
#include "domain/staff.h"
#include "domain/waitlistentry.h"

#include <QObject>
#include <QString>

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

// The local SQLite store: the one place every screen reads from and writes to.
//
// Every save/remove is one transaction that writes the rows and appends the
// mutation to the outbox, then emits changed(). Reads never touch the network.
// One Store per thread (it owns its own QSqlDatabase connection).
class Store : public QObject
{
    Q_OBJECT
public:
    // Opens (creating if needed) the store file, runs migrations, turns on WAL
    // and checks the file with PRAGMA quick_check. Refuses a file that is not
    // a Chairside store, is damaged, or cannot be written, with a clear error.
    static Result<std::unique_ptr<Store>> open(const QString &path);
    // The store file in the user's data dir (QStandardPaths::AppDataLocation).
    static QString defaultPath();
    // The store file inside dataDir (what --data-dir means).
    static QString pathIn(const QString &dataDir);

    ~Store() override;

    QString path() const;
    int schemaVersion() const;

    // --- reads -----------------------------------------------------------
    QList<Salon> salons() const;
    std::optional<Salon> salon(const QString &id) const;
    QList<Staff> staff(const QString &salonId) const;
    QList<Service> services(const QString &salonId) const;
    QList<Resource> resources(const QString &salonId) const;
    // Clients whose name or phone contains `search` (case-insensitive;
    // digits of a phone match with or without spaces). Empty search: all.
    QList<Client> clients(const QString &salonId, const QString &search = {}, int limit = -1) const;
    std::optional<Client> client(const QString &id) const;
    QList<Shift> shifts(const QString &salonId) const;
    QList<ShiftException> shiftExceptions(const QString &salonId, const QDate &from, const QDate &to) const;
    QList<TimeOff> timeOff(const QString &salonId, qint64 from, qint64 to) const;
    QList<StandingAppointment> standingAppointments(const QString &salonId) const;
    // Appointments of the salon with any part in [from, to) (UTC seconds),
    // optionally only those with a line for `staffId`. Sorted by start.
    QList<Appointment> appointments(const QString &salonId, qint64 from, qint64 to,
                                    const QString &staffId = {}) const;
    std::optional<Appointment> appointment(const QString &id) const;
    QList<WaitlistEntry> waitlist(const QString &salonId) const;

    QList<OutboxEntry> outbox(int limit = -1) const;
    qint64 outboxCount() const;

    StoreContents contents() const;

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
    // Several appointments in one transaction (a standing appointment's
    // occurrences): all or none.
    Result<void> save(const QList<Appointment> &appointments, const StandingAppointment *standing = nullptr);
    Result<void> remove(Entity entity, const QString &id);

    // Adds everything in `contents` in one transaction with prepared
    // statements (demo data, import). `withOutbox` false writes no outbox rows.
    Result<void> insertAll(const StoreContents &contents, bool withOutbox);
    // Empties the store and inserts `contents`, in one transaction (import).
    Result<void> replaceAll(const StoreContents &contents, bool withOutbox);

    // Test seam: make the Nth statement executed from now on fail as if the
    // disk had failed (0 = off). Lets tests interrupt a change at every point.
    void failAfterStatements(int n);

signals:
    void changed(const chairside::ChangeSet &changes);

private:
    Store();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace chairside
