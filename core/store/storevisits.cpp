// Store::visitsToDraw: the day view's read of a day, straight from SQLite.
//
// A day switch read 600 visits as whole appointments: three statements over
// the same range (visits, lines, segments), every cell a QVariant cached by
// QSQLITE, text asked for as UTF-16 (SQLite converting each value), then the
// clients' names in a fourth. That was most of a switch (docs/desktop.md, "How
// the next day loads quickly"). Here it is one statement, kept prepared, with
// the client's name joined in, run on QSQLITE's own sqlite3 connection
// (QSqlDriver::handle()) with sqlite3_step/column_*: no QVariant per cell,
// text read as the UTF-8 it is stored in, and the stylists' and services' ids
// made into strings once per read, not once per row.
//
// Debian's QSQLITE links the system libsqlite3, so its functions are found
// at run time in the library the plugin has loaded (as core/server/libpq.cpp
// does for libpq), never linked or loaded a second time: two SQLite copies
// must not share a connection. Where they cannot be found (a QSQLITE with
// its own SQLite built in), or with CHAIRSIDE_SQLITE_THROUGH_QT=1, the same
// outlines come from appointments() and clientsWithIds().

#include "storeprivate.h"

#include "logging.h"

#include <QSqlDriver>

#include <sqlite3.h>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <dlfcn.h>
#endif

namespace chairside {

namespace {

// The SQLite functions this file calls, from the library QSQLITE loaded.
struct LibSqlite
{
    decltype(&::sqlite3_prepare_v3) prepare = nullptr;
    decltype(&::sqlite3_bind_text) bindText = nullptr;
    decltype(&::sqlite3_bind_int64) bindInt64 = nullptr;
    decltype(&::sqlite3_step) step = nullptr;
    decltype(&::sqlite3_reset) reset = nullptr;
    decltype(&::sqlite3_finalize) finalize = nullptr;
    decltype(&::sqlite3_column_type) columnType = nullptr;
    decltype(&::sqlite3_column_int64) columnInt64 = nullptr;
    decltype(&::sqlite3_column_text) columnText = nullptr;
    decltype(&::sqlite3_column_bytes) columnBytes = nullptr;
    decltype(&::sqlite3_errmsg) errorMessage = nullptr;
    decltype(&::sqlite3_extended_errcode) errorCode = nullptr;

    // Null when no libsqlite3 is loaded in this process, or it lacks one.
    static const LibSqlite *get();
};

const LibSqlite *LibSqlite::get()
{
    static const std::optional<LibSqlite> lib = []() -> std::optional<LibSqlite> {
        // A switch to rule the direct read out, should a platform's QSQLITE
        // and libsqlite3 ever disagree (and the test of the other way).
        if (qEnvironmentVariableIntValue("CHAIRSIDE_SQLITE_THROUGH_QT") == 1) {
            qCInfo(lcStore) << "CHAIRSIDE_SQLITE_THROUGH_QT: the day is read through QSQLITE";
            return std::nullopt;
        }
#ifdef Q_OS_UNIX
        // RTLD_NOLOAD: only the copy already loaded (by QSQLITE), never another.
        void *library = dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_NOLOAD);
        if (!library) {
            qCInfo(lcStore) << "no libsqlite3 loaded: the day is read through QSQLITE";
            return std::nullopt;
        }
        LibSqlite f;
        bool found = true;
        auto resolve = [&](auto &function, const char *name) {
            function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(
                    dlsym(library, name));
            found = found && function;
        };
        resolve(f.prepare, "sqlite3_prepare_v3");
        resolve(f.bindText, "sqlite3_bind_text");
        resolve(f.bindInt64, "sqlite3_bind_int64");
        resolve(f.step, "sqlite3_step");
        resolve(f.reset, "sqlite3_reset");
        resolve(f.finalize, "sqlite3_finalize");
        resolve(f.columnType, "sqlite3_column_type");
        resolve(f.columnInt64, "sqlite3_column_int64");
        resolve(f.columnText, "sqlite3_column_text");
        resolve(f.columnBytes, "sqlite3_column_bytes");
        resolve(f.errorMessage, "sqlite3_errmsg");
        resolve(f.errorCode, "sqlite3_extended_errcode");
        if (found)
            return f;
        qCWarning(lcStore) << "libsqlite3 lacks a function: the day is read through QSQLITE";
#endif
        return std::nullopt;
    }();
    return lib ? &*lib : nullptr;
}

// Visits that started up to the longest stored visit before the range may
// still run into it (as in Store::appointments). One row per segment, a
// line without segments once (its segment columns NULL), a visit without
// lines once; a visit's rows together, lines and segments in order. The
// index on (salon_id, starts_at) and the three keys give that order without
// a sort.
constexpr char visitsSql[] =
        "SELECT a.row, a.id, a.status, a.walk_in, a.overbooked, c.name, a.starts_at, "
        "l.position, l.staff_id, l.service_id, s.kind, s.starts_at, s.ends_at "
        "FROM appointments a "
        "LEFT JOIN clients c ON c.id = a.client_id "
        "LEFT JOIN appointment_lines l ON l.salon_id = a.salon_id AND l.appointment_row = a.row "
        "LEFT JOIN appointment_segments s ON s.salon_id = l.salon_id "
        "AND s.appointment_row = l.appointment_row AND s.line_position = l.position "
        "WHERE a.salon_id = ?1 "
        "AND a.starts_at >= ?2 - coalesce((SELECT max_seconds FROM salon_visit_span "
        "WHERE salon_id = ?1), 0) "
        "AND a.starts_at < ?3 AND a.ends_at > ?2 "
        "ORDER BY a.starts_at, a.row, l.position, s.position";

enum Column {
    Row,
    Id,
    Status,
    WalkIn,
    Overbooked,
    ClientName,
    StartsAt,
    LinePosition,
    StaffId,
    ServiceId,
    Kind,
    SegmentStart,
    SegmentEnd
};

// Status names as stored, to compare with SQLite's UTF-8 without a QString.
const QList<std::pair<QByteArray, AppointmentStatus>> &statusNames()
{
    static const QList<std::pair<QByteArray, AppointmentStatus>> names = [] {
        QList<std::pair<QByteArray, AppointmentStatus>> list;
        for (int s = int(AppointmentStatus::Booked); s <= int(AppointmentStatus::NoShow); ++s)
            list.append(
                    {appointmentStatusName(AppointmentStatus(s)).toUtf8(), AppointmentStatus(s)});
        return list;
    }();
    return names;
}

// The order appointments() gives: by start, then id (the statement orders
// by row, which equal starts may have the other way round).
void sortLikeAppointments(QList<VisitOutline> &visits)
{
    auto before = [](const VisitOutline &a, const VisitOutline &b) {
        return a.startsAt < b.startsAt || (a.startsAt == b.startsAt && a.id < b.id);
    };
    if (!std::is_sorted(visits.cbegin(), visits.cend(), before))
        std::stable_sort(visits.begin(), visits.end(), before);
}

// The same outlines from the general reads, where SQLite cannot be reached.
Result<QList<VisitOutline>> outlinesFromAppointments(const Store &store, const QString &salonId,
                                                     qint64 from, qint64 to)
{
    const Result<QList<Appointment>> appointments = store.appointments(salonId, from, to);
    if (!appointments)
        return appointments.error();
    QStringList clientIds;
    for (const Appointment &a : *appointments) {
        if (!a.clientId.isEmpty())
            clientIds.append(a.clientId);
    }
    clientIds.removeDuplicates();
    const Result<QList<Client>> clients = store.clientsWithIds(clientIds);
    if (!clients)
        return clients.error();
    QHash<QString, QString> names;
    for (const Client &client : *clients)
        names.insert(client.id, client.name);
    QList<VisitOutline> visits;
    visits.reserve(appointments->size());
    for (const Appointment &a : *appointments) {
        VisitOutline visit{
                a.id, names.value(a.clientId), a.status, a.walkIn, a.overbooked, a.startsAt(), {}};
        for (qsizetype l = 0; l < a.lines.size(); ++l) {
            const ServiceLine &line = a.lines.at(l);
            VisitOutline::Part part{
                    line.staffId, line.serviceId, int(l), false, SegmentKind::Busy, 0, 0};
            if (line.segments.isEmpty())
                visit.parts.append(part);
            for (const BookedSegment &segment : line.segments) {
                part.timed = true;
                part.kind = segment.kind;
                part.startsAt = segment.startsAt;
                part.endsAt = segment.endsAt;
                visit.parts.append(part);
            }
        }
        visits.append(std::move(visit));
    }
    return visits;
}

} // namespace

void FinalizeSqliteStatement::operator()(sqlite3_stmt *statement) const
{
    if (const LibSqlite *lib = LibSqlite::get())
        lib->finalize(statement);
}

Result<QList<VisitOutline>> Store::visitsToDraw(const QString &salonId, qint64 from,
                                                qint64 to) const
{
    const LibSqlite *lib = LibSqlite::get();
    const QVariant handle = d->db.driver()->handle();
    if (!lib || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return outlinesFromAppointments(*this, salonId, from, to);
    sqlite3 *db = *static_cast<sqlite3 *const *>(handle.constData());
    // A statement that failed: its words as QSQLITE gives them, so the error
    // (a damaged file, a read that failed) is the one every read gives.
    auto failed = [&]() -> Error {
        d->lastError = QSqlError(QStringLiteral("Unable to fetch row"),
                                 QString::fromUtf8(lib->errorMessage(db)),
                                 QSqlError::StatementError, QString::number(lib->errorCode(db)));
        return d->readFailure();
    };
    if (d->faultNow())
        return d->readFailure();
    if (!d->visitsStatement) {
        sqlite3_stmt *prepared = nullptr;
        if (lib->prepare(db, visitsSql, int(sizeof visitsSql), SQLITE_PREPARE_PERSISTENT, &prepared,
                         nullptr)
            != SQLITE_OK)
            return failed();
        d->visitsStatement.reset(prepared);
    }
    sqlite3_stmt *statement = d->visitsStatement.get();
    const QByteArray salon = salonId.toUtf8();
    lib->bindText(statement, 1, salon.constData(), int(salon.size()), SQLITE_TRANSIENT);
    lib->bindInt64(statement, 2, from);
    lib->bindInt64(statement, 3, to);

    auto bytes = [&](int column) {
        const char *text = reinterpret_cast<const char *>(lib->columnText(statement, column));
        return QByteArrayView(text, text ? lib->columnBytes(statement, column) : 0);
    };
    auto string = [&](int column) {
        return QString::fromUtf8(bytes(column));
    };
    // A day has a few dozen stylists and services: each id becomes a
    // string once, and the parts share it.
    QHash<QByteArray, QString> ids;
    auto id = [&](int column) {
        const QByteArrayView text = bytes(column);
        const QByteArray key = QByteArray::fromRawData(text.data(), text.size());
        const auto known = ids.constFind(key);
        if (known != ids.constEnd())
            return *known;
        return *ids.insert(text.toByteArray(), QString::fromUtf8(text));
    };

    QList<VisitOutline> visits;
    qint64 row = -1;
    int result = SQLITE_ROW;
    while ((result = lib->step(statement)) == SQLITE_ROW) {
        if (visits.isEmpty() || lib->columnInt64(statement, Row) != row) {
            row = lib->columnInt64(statement, Row);
            VisitOutline visit;
            visit.id = string(Id);
            const QByteArrayView status = bytes(Status);
            for (const auto &[name, value] : statusNames()) {
                if (name == status)
                    visit.status = value;
            }
            visit.walkIn = lib->columnInt64(statement, WalkIn) != 0;
            visit.overbooked = lib->columnInt64(statement, Overbooked) != 0;
            visit.clientName = string(ClientName);
            visit.startsAt = lib->columnInt64(statement, StartsAt);
            visits.append(std::move(visit));
        }
        if (lib->columnType(statement, LinePosition) == SQLITE_NULL)
            continue; // a visit without lines
        VisitOutline::Part part;
        part.staffId = id(StaffId);
        part.serviceId = id(ServiceId);
        part.line = int(lib->columnInt64(statement, LinePosition));
        part.timed = lib->columnType(statement, Kind) != SQLITE_NULL;
        if (part.timed) {
            const qint64 kind = lib->columnInt64(statement, Kind);
            if (kind >= int(SegmentKind::Busy) && kind <= int(SegmentKind::Buffer))
                part.kind = SegmentKind(kind);
            part.startsAt = lib->columnInt64(statement, SegmentStart);
            part.endsAt = lib->columnInt64(statement, SegmentEnd);
        }
        visits.last().parts.append(std::move(part));
    }
    // Done or failed, the statement lets go of its read (a statement left
    // stepping would hold the WAL snapshot).
    if (result != SQLITE_DONE) {
        const Error error = failed();
        lib->reset(statement);
        return error;
    }
    lib->reset(statement);
    sortLikeAppointments(visits);
    return visits;
}

} // namespace chairside
