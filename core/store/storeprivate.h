#pragma once

#include "logging.h"
#include "store.h"
#include "storerows.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <array>
#include <initializer_list>
#include <memory>
#include <optional>
#include <unordered_map>

struct sqlite3_stmt;

namespace chairside {

// Finalizes a statement prepared straight on SQLite (storevisits.cpp).
struct FinalizeSqliteStatement
{
    void operator()(sqlite3_stmt *statement) const;
};

// The store's connection and what runs on it: prepared statements, the fault
// seam, failure sentences, the outbox and the per-entity writers and loaders.
struct Store::Private
{
    QString path;
    const Clock *clock = &Clock::system();
    QString connectionName;
    QSqlDatabase db;
    int schemaVersion = 0;
    int failCountdown = 0; // failAfterStatements(): statements left until the fault
    QSqlError lastError;   // of the statement that failed last
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> statements;
    std::array<QSqlQuery *, size_t(storedetail::Sql::Count)> writeStatements{};
    // What each write statement has bound now. QSqlQuery keeps bound values
    // between runs, and binding costs Qt a string and a hash lookup per value,
    // so only values that changed are bound again (a visit's salon and row
    // stay the same for all its lines and segments).
    std::array<QVariantList, size_t(storedetail::Sql::Count)> boundNow;
    std::array<QStringList, size_t(storedetail::Sql::Count)> placeholderNames;
    // Store::visitsToDraw()'s statement, prepared on QSQLITE's own sqlite3
    // connection; finalized with the other statements.
    std::unique_ptr<sqlite3_stmt, FinalizeSqliteStatement> visitsStatement;
    std::unique_ptr<QThread> checkThread; // open(..., Check::InBackground)
    QTimer *watchTimer = nullptr;         // watchOtherWriters()
    qint64 dataVersion = -1;              // PRAGMA data_version when last polled
    qint64 generation = -1;               // book_generation when last polled (or written)
    // Whether the write in progress changes the book (then it moves
    // book_generation): set by write() before the body, cleared by bodies
    // that only keep the sync engine's bookkeeping.
    bool touchesBook = true;
    // Writing rows the server sent (storesync.cpp): no outbox entries (they
    // must not go back, SYNC.md 8) and no removal rules (the server decided).
    bool fromServer = false;

    // A statement prepared once and reused; nullptr (and lastError) if SQLite refused it.
    QSqlQuery *prepared(const QString &sql);
    QSqlQuery *prepared(storedetail::Sql sql);
    void forgetStatements();
    // Bind and run; every statement goes through them, so the fault seam sees all.
    QSqlQuery *exec(const QString &sql, std::initializer_list<QVariant> values);
    QSqlQuery *exec(storedetail::Sql sql, std::initializer_list<QVariant> values);
    bool run(storedetail::Sql sql, std::initializer_list<QVariant> values)
    {
        return exec(sql, values) != nullptr;
    }
    bool run(const QString &sql, std::initializer_list<QVariant> values)
    {
        return exec(sql, values) != nullptr;
    }
    bool faultNow();
    QSqlQuery *bindAndRun(QSqlQuery *query, std::initializer_list<QVariant> values,
                          QVariantList *bound = nullptr, const QStringList *names = nullptr);
    void rollback();
    // The error of the statement that failed last: what a write returns.
    Error failure() const;
    // The one way a read runs its query: the query, ready for next(), or the
    // error that says the book could not be read (logged under chairside.store).
    Result<QSqlQuery *> read(const QString &sql, std::initializer_list<QVariant> values);
    // The error a read gives when its statement failed (lastError).
    Error readFailure() const;

    bool appendOutbox(Entity entity, Change::Op op, const QString &id, const QString &salonId,
                      const QString &payload);
    std::optional<QString> salonOfStaff(const QString &staffId);

    bool writeSalon(const Salon &s);
    bool writeStaff(const Staff &s);
    bool writeService(const Service &s);
    bool writeResource(const Resource &r);
    bool writeClient(const Client &c);
    bool writeShift(const Shift &s, const QString &salonId);
    bool writeShiftException(const ShiftException &e, const QString &salonId);
    bool writeTimeOff(const TimeOff &t, const QString &salonId);
    bool writeStanding(const StandingAppointment &s);
    bool writeWaitlist(const WaitlistEntry &w);
    bool writeAppointmentRows(const Appointment &a, qint64 startsAt, qint64 endsAt);
    Result<void> saveAppointment(const Appointment &a, bool withOutbox, ChangeSet &changes);
    Result<void> saveStanding(const StandingAppointment &s, ChangeSet &changes);
    // Rows that carry their salon: the row, its outbox entry, its change.
    template <typename Row>
    Result<void> saveRow(Entity entity, const Row &row, const QString &salonId,
                         bool (Private::*writer)(const Row &), ChangeSet &changes);
    // Shifts, exceptions and time off: the row goes to the stylist's salon.
    template <typename Row, typename Writer>
    Result<void> saveStaffRow(Entity entity, const Row &row, Writer writer, ChangeSet &changes);

    // Every row of a read(), each made by `reader`.
    template <typename T, typename RowReader>
    Result<QList<T>> select(const QString &sql, std::initializer_list<QVariant> values,
                            RowReader reader);
    Result<QList<Appointment>> loadAppointments(const QString &where,
                                                std::initializer_list<QVariant> values,
                                                const QString &order);
    Result<QList<Staff>> attachSkills(QList<Staff> staff, const QString &where,
                                      std::initializer_list<QVariant> values);
};

template <typename Row>
Result<void> Store::Private::saveRow(Entity entity, const Row &row, const QString &salonId,
                                     bool (Private::*writer)(const Row &), ChangeSet &changes)
{
    if (!(this->*writer)(row)
        || !appendOutbox(entity, Change::Op::Upserted, row.id, salonId,
                         storedetail::compact(row.toJson())))
        return failure();
    changes.append({entity, Change::Op::Upserted, row.id, salonId});
    return {};
}

template <typename Row, typename Writer>
Result<void> Store::Private::saveStaffRow(Entity entity, const Row &row, Writer writer,
                                          ChangeSet &changes)
{
    const std::optional<QString> salonId = salonOfStaff(row.staffId);
    if (!salonId)
        return failure();
    if (salonId->isEmpty())
        return Error::notFound(
                QCoreApplication::translate(
                        "chairside",
                        "There is no staff member with id %1, so the %2 was not saved.")
                        .arg(row.staffId, storedetail::entityNoun(entity)));
    if (!(this->*writer)(row, *salonId)
        || !appendOutbox(entity, Change::Op::Upserted, row.id, *salonId,
                         storedetail::compact(row.toJson())))
        return failure();
    changes.append({entity, Change::Op::Upserted, row.id, *salonId});
    return {};
}

template <typename T, typename RowReader>
Result<QList<T>> Store::Private::select(const QString &sql, std::initializer_list<QVariant> values,
                                        RowReader reader)
{
    const Result<QSqlQuery *> read = this->read(sql, values);
    if (!read)
        return read.error();
    QSqlQuery *query = *read;
    QList<T> rows;
    while (query->next())
        rows.append(reader(*query));
    query->finish();
    return rows;
}

// Store's write templates, here so that every store source can use them.

// One transaction around `body`; changed() only after the commit succeeded.
// Unless the body says it touched no row (touchesBook), the book's
// generation moves in the same transaction: other windows reload for it.
template <typename Body>
Result<void> Store::write(Body body)
{
    ChangeSet changes;
    if (!d->run(storedetail::Sql::Begin, {}))
        return d->failure();
    d->touchesBook = true;
    Result<void> result = body(changes);
    const bool bumped = result.ok() && d->touchesBook;
    if (bumped && !d->run(storedetail::Sql::BumpGeneration, {}))
        result = d->failure();
    if (result.ok() && !d->run(storedetail::Sql::Commit, {}))
        result = d->failure();
    if (!result.ok()) {
        d->rollback();
        return result;
    }
    // Our own step is no news to our watcher; another writer's still is.
    if (bumped && d->generation >= 0)
        ++d->generation;
    if (!changes.isEmpty())
        emit changed(changes);
    return result;
}

// insertRows() checks what the foreign keys would (every row's salon and
// stylist exist; it builds lines and segments itself), so bulk writes turn
// SQLite's per-row lookups off: they were a fifth of the time.
template <typename Body>
Result<void> Store::writeInBulk(Body body)
{
    if (!d->run(QStringLiteral("PRAGMA foreign_keys = OFF"), {}))
        return d->failure();
    const Result<void> result = write(body);
    // Outside the fault seam: the store must never stay without its checks.
    QSqlQuery on(d->db);
    if (!on.exec(QStringLiteral("PRAGMA foreign_keys = ON")))
        qCWarning(lcStore) << "could not turn foreign keys back on:" << on.lastError().text();
    return result;
}

} // namespace chairside
