#pragma once

// Shared by the tests and benchmarks: a store in a temporary folder and a
// small builder for salon data.

#include "store/store.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

// The value of a Result a test needs (a store read, a booking): when there is
// none, the test fails with the error's sentence and returns at once, so
// `VALUE_OF(store->appointments(...)).size()` never reads a value that is not
// there. In a helper that returns something, give what it returns then:
// `VALUE_OF(store.salon(id), {})`.
#define VALUE_OF(expression, ...) \
    __extension__({ \
        auto chairsideResult_ = (expression); \
        if (!chairsideResult_.ok()) { \
            QTest::qFail(qPrintable(chairsideResult_.error().message), __FILE__, __LINE__); \
            return __VA_ARGS__; \
        } \
        std::move(*chairsideResult_); \
    })

namespace chairside::testsupport {

// A clock that stands still at a time the test sets, and moves when told.
class FixedClock : public Clock
{
public:
    explicit FixedClock(const QDateTime &now = QDateTime(QDate(2026, 12, 1), QTime(8, 0),
                                                         QTimeZone::utc()))
        : m_now(now)
    {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

// A Store opened in a fresh temporary folder that is deleted with it. It
// runs on `clock`, which must outlive it.
class TempStore
{
public:
    explicit TempStore(const Clock &clock = Clock::system());
    ~TempStore();

    // False when the folder or the store could not be made; errorString() says why.
    bool isValid() const;
    QString errorString() const;

    Store &store() { return *m_store; }
    Store *operator->() { return m_store.get(); }
    QString dir() const { return m_dir.path(); }
    QString path() const { return Store::pathIn(m_dir.path()); }

    // Closes the store (as when the app quits) and opens the same file again.
    bool reopen();
    void close();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QString m_error;
    const Clock &m_clock;
};

// A table of the store file taken away by another connection (renamed to
// "<table>_away"), as a damaged or foreign writer might: every read of it
// fails for real, in SQLite. Put back by restore() or when destroyed.
class MissingTable
{
public:
    MissingTable(const QString &storePath, const QString &table);
    ~MissingTable();
    MissingTable(const MissingTable &) = delete;
    MissingTable &operator=(const MissingTable &) = delete;

    // Empty when the table is away (or back, after restore()); else why not.
    QString errorString() const { return m_error; }
    bool restore();

private:
    bool rename(const QString &from, const QString &to);

    QString m_connection;
    QString m_table;
    bool m_away = false;
    QString m_error;
};

// "2026-12-01T10:00:00Z" → UTC seconds since the epoch (0 when malformed).
qint64 utc(const QString &iso);

// Locks the login keyring of with-keyring.sh's Secret Service (dbus-send
// ... Secret.Service.Lock): writes fail, reads find nothing. It cannot be
// unlocked again without a prompt, so a test that calls it runs last. Empty
// when it is locked; else why not.
QString lockKeyring();

// Builds consistent salon data: a salon, stylists who do every service,
// services, resources and clients, and appointments made of their parts.
// Ids are readable ("salon-1", "staff-2", "appt-7") and deterministic.
class TestData
{
public:
    explicit TestData(const QString &salonId = QStringLiteral("salon-1"));

    Salon salon;
    QList<Staff> staff;
    QList<Service> services;
    QList<Resource> resources;
    QList<Client> clients;

    // A stylist; by default able to do every service added so far or later.
    Staff &addStylist(const QString &name);
    Service &addService(const QString &name, const QList<ServiceSegment> &segments,
                        int bufferAfterMinutes = 0);
    Resource &addResource(const QString &name, const QString &kind, int count);
    Client &addClient(const QString &name, const QString &phone = {});

    // One line per (stylist, service) pair, run one after the other from
    // startsAt; segments follow each service's timing, buffer included.
    Appointment appointment(const QString &id, qint64 startsAt,
                            const QList<std::pair<int, int>> &staffAndService) const;

    // Stylist `stylist`'s weekly shift on `weekday` (1 = Monday), id
    // "shift-<stylist>-<weekday>".
    Shift shift(int stylist, int weekday, int startMinute, int endMinute,
                const QList<Break> &breaks = {}) const;

    // The salon data (no appointments) as StoreContents, ready for insertAll().
    StoreContents contents() const;
    // Saves the salon data one save() at a time; false on the first failure.
    bool saveTo(Store &store) const;

    // A typical salon: 3 stylists, cut (45 busy) / colour (30 busy, 35
    // processing, 30 busy at a basin) / blow-dry (30 busy, 10 buffer), a basin
    // and 2 clients.
    static TestData small(const QString &salonId = QStringLiteral("salon-1"));

private:
    QString m_prefix;
};

ServiceSegment segment(SegmentKind kind, int minutes, const QStringList &resourceIds = {});

} // namespace chairside::testsupport

namespace chairside::testsupport {

// Empty when equal; otherwise which list differs first and where ("appointments[3]").
QString contentsDifference(const StoreContents &a, const StoreContents &b);

} // namespace chairside::testsupport
