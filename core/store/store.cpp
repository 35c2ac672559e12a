#include "store.h"

#include "logging.h"
#include "storechecks.h"
#include "storeprivate.h"
#include "storerows.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaMethod>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace chairside {

using namespace storedetail;

Store::Store() : d(std::make_unique<Private>()) {}

Store::~Store()
{
    if (d->checkThread)
        d->checkThread->wait();
    d->forgetStatements();
    d->db.close();
    d->db = QSqlDatabase();
    QSqlDatabase::removeDatabase(d->connectionName);
}

QString Store::path() const
{
    return d->path;
}

const Clock &Store::clock() const
{
    return *d->clock;
}

int Store::schemaVersion() const
{
    return d->schemaVersion;
}

void Store::failAfterStatements(int n)
{
    d->failCountdown = std::max(0, n);
}

// --- reads -----------------------------------------------------------------

Result<QList<Salon>> Store::salons() const
{
    return d->select<Salon>(
            QStringLiteral("SELECT %1 FROM salons ORDER BY name, id").arg(salonColumns), {},
            salonFrom);
}

namespace {

// The one row a read by id found, if any.
template <typename T>
Result<std::optional<T>> firstOf(const Result<QList<T>> &rows)
{
    if (!rows)
        return rows.error();
    return rows->isEmpty() ? std::nullopt : std::optional<T>(rows->constFirst());
}

} // namespace

Result<std::optional<Salon>> Store::salon(const QString &id) const
{
    return firstOf(
            d->select<Salon>(QStringLiteral("SELECT %1 FROM salons WHERE id = ?").arg(salonColumns),
                             {id}, salonFrom));
}

Result<QList<Staff>> Store::staff(const QString &salonId) const
{
    const Result<QList<Staff>> staff = d->select<Staff>(
            QStringLiteral("SELECT %1 FROM staff WHERE salon_id = ? ORDER BY name, id")
                    .arg(staffColumns),
            {salonId}, staffFrom);
    if (!staff)
        return staff;
    return d->attachSkills(*staff, QStringLiteral("salon_id = ?"), {salonId});
}

Result<QList<Service>> Store::services(const QString &salonId) const
{
    return d->select<Service>(
            QStringLiteral("SELECT %1 FROM services WHERE salon_id = ? ORDER BY category, name, id")
                    .arg(serviceColumns),
            {salonId}, serviceFrom);
}

Result<QList<Resource>> Store::resources(const QString &salonId) const
{
    return d->select<Resource>(
            QStringLiteral("SELECT %1 FROM resources WHERE salon_id = ? ORDER BY name, id")
                    .arg(resourceColumns),
            {salonId}, resourceFrom);
}

namespace {

// Up to this many matches, a search reads them through the trigram index
// and sorts them; with more, walking the clients in name order finds the
// first few sooner (bench_clientsearch).
constexpr int sortedMatchesAtMost = 400;

// An FTS5 phrase: the trigram tokenizer matches it as a piece of the text.
QString textPhrase(QString text)
{
    return QLatin1Char('"') + text.replace(QLatin1Char('"'), QLatin1String("\"\""))
            + QLatin1Char('"');
}

} // namespace

Result<QList<Client>> Store::clients(const QString &salonId, const QString &search, int limit) const
{
    const QString key = searchKey(search);
    if (key.isEmpty()) {
        return d->select<Client>(
                QStringLiteral(
                        "SELECT %1 FROM clients WHERE salon_id = ? ORDER BY name_key, id LIMIT ?")
                        .arg(clientColumns),
                {salonId, limit}, clientFrom);
    }
    const QString digits = looksLikePhone(search) ? phoneDigits(search) : QString();

    // The trigram index (migration 6) knows pieces of three characters or more.
    if (key.toUcs4().size() >= 3 && (digits.isEmpty() || digits.size() >= 3)) {
        QString match = QStringLiteral("name_key : %1").arg(textPhrase(key));
        if (!digits.isEmpty())
            match += QStringLiteral(" OR phone_digits : %1").arg(textPhrase(digits));
        const Result<QList<qint64>> matches = d->select<qint64>(
                QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM clients_text WHERE "
                               "clients_text MATCH ? LIMIT ?)"),
                {match, sortedMatchesAtMost + 1},
                [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
        if (!matches)
            return matches.error();
        if (matches->value(0) <= sortedMatchesAtMost) {
            return d->select<Client>(
                    QStringLiteral("SELECT %1 FROM (SELECT rowid AS found FROM clients_text "
                                   "WHERE clients_text MATCH ?) CROSS JOIN clients ON "
                                   "clients.rowid = found WHERE salon_id = ? "
                                   "ORDER BY name_key, id LIMIT ?")
                            .arg(clientColumns),
                    {match, salonId, limit}, clientFrom);
        }
    }
    return d->select<Client>(
            QStringLiteral(
                    "SELECT %1 FROM clients WHERE salon_id = ? AND (name_key LIKE ? ESCAPE '\\' "
                    "OR (? <> '' AND phone_digits LIKE ? ESCAPE '\\')) ORDER BY name_key, id LIMIT "
                    "?")
                    .arg(clientColumns),
            {salonId, likeContains(key), text(digits), likeContains(digits), limit}, clientFrom);
}

Result<std::optional<Client>> Store::client(const QString &id) const
{
    return firstOf(d->select<Client>(
            QStringLiteral("SELECT %1 FROM clients WHERE id = ?").arg(clientColumns), {id},
            clientFrom));
}

Result<QList<Client>> Store::clientsWithIds(const QStringList &ids) const
{
    if (ids.isEmpty())
        return QList<Client>();
    // The ids as one JSON array: one statement (prepared once) for any count.
    const QString array = QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
    return d->select<Client>(
            QStringLiteral("SELECT %1 FROM clients WHERE id IN (SELECT value FROM json_each(?))")
                    .arg(clientColumns),
            {array}, clientFrom);
}

Result<QList<Shift>> Store::shifts(const QString &salonId) const
{
    return d->select<Shift>(QStringLiteral("SELECT %1 FROM shifts WHERE salon_id = ? ORDER BY "
                                           "staff_id, weekday, start_minute, id")
                                    .arg(shiftColumns),
                            {salonId}, shiftFrom);
}

Result<QList<ShiftException>> Store::shiftExceptions(const QString &salonId, const QDate &from,
                                                     const QDate &to) const
{
    return d->select<ShiftException>(QStringLiteral("SELECT %1 FROM shift_exceptions WHERE "
                                                    "salon_id = ? AND date >= ? AND date <= ? "
                                                    "ORDER BY date, staff_id, id")
                                             .arg(shiftExceptionColumns),
                                     {salonId, date(from), date(to)}, shiftExceptionFrom);
}

Result<QList<TimeOff>> Store::timeOff(const QString &salonId, qint64 from, qint64 to) const
{
    return d->select<TimeOff>(
            QStringLiteral(
                    "SELECT %1 FROM time_off WHERE salon_id = ? AND starts_at < ? AND ends_at > ? "
                    "ORDER BY starts_at, id")
                    .arg(timeOffColumns),
            {salonId, to, from}, timeOffFrom);
}

Result<QList<StandingAppointment>> Store::standingAppointments(const QString &salonId) const
{
    return d->select<StandingAppointment>(
            QStringLiteral("SELECT %1 FROM standing_appointments WHERE salon_id = ? ORDER BY "
                           "first_starts_at, id")
                    .arg(standingColumns),
            {salonId}, standingFrom);
}

Result<QList<Appointment>> Store::appointments(const QString &salonId, qint64 from, qint64 to,
                                               const QString &staffId) const
{
    // Visits that started up to the longest stored visit before `from` may
    // still run into the range; anything earlier cannot.
    const Result<QList<qint64>> span = d->select<qint64>(
            QStringLiteral("SELECT max_seconds FROM salon_visit_span WHERE salon_id = ?"),
            {salonId}, [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
    if (!span)
        return span.error();
    const qint64 longest = span->value(0);
    const QString range = QStringLiteral(
            "a.salon_id = ? AND a.starts_at >= ? AND a.starts_at < ? AND a.ends_at > ?");
    const QString order = QStringLiteral("a.starts_at, a.id");
    if (staffId.isEmpty())
        return d->loadAppointments(range, {salonId, from - longest, to, from}, order);
    return d->loadAppointments(
            range
                    + QStringLiteral(" AND EXISTS (SELECT 1 FROM appointment_lines x WHERE "
                                     "x.salon_id = a.salon_id AND x.appointment_row = a.row "
                                     "AND x.staff_id = ?)"),
            {salonId, from - longest, to, from, staffId}, order);
}

Result<std::optional<Appointment>> Store::appointment(const QString &id) const
{
    return firstOf(d->loadAppointments(QStringLiteral("a.id = ?"), {id}, QStringLiteral("a.id")));
}

Result<QList<WaitlistEntry>> Store::waitlist(const QString &salonId) const
{
    return d->select<WaitlistEntry>(
            QStringLiteral("SELECT %1 FROM waitlist WHERE salon_id = ? ORDER BY created_at, id")
                    .arg(waitlistColumns),
            {salonId}, waitlistFrom);
}

Result<QList<OutboxEntry>> Store::outbox(int limit) const
{
    return d->select<OutboxEntry>(QStringLiteral("SELECT sequence, entity, op, entity_id, "
                                                 "salon_id, payload, created_at FROM outbox "
                                                 "ORDER BY sequence LIMIT ?"),
                                  {limit}, outboxEntryFrom);
}

Result<qint64> Store::outboxCount() const
{
    const Result<QList<qint64>> count =
            d->select<qint64>(QStringLiteral("SELECT count(*) FROM outbox"), {},
                              [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
    if (!count)
        return count.error();
    return count->value(0);
}

Result<StoreContents> Store::contents() const
{
    StoreContents c;
    // Each list in turn; the first that cannot be read is the answer.
    std::optional<Error> failed;
    auto take = [&failed](auto &into, auto read) {
        if (failed)
            return;
        auto rows = read();
        if (rows)
            into = std::move(*rows);
        else
            failed = rows.error();
    };
    take(c.salons, [&] {
        return d->select<Salon>(
                QStringLiteral("SELECT %1 FROM salons ORDER BY id").arg(salonColumns), {},
                salonFrom);
    });
    take(c.staff, [&]() -> Result<QList<Staff>> {
        const Result<QList<Staff>> staff = d->select<Staff>(
                QStringLiteral("SELECT %1 FROM staff ORDER BY salon_id, id").arg(staffColumns), {},
                staffFrom);
        if (!staff)
            return staff;
        return d->attachSkills(*staff, QStringLiteral("1"), {});
    });
    take(c.services, [&] {
        return d->select<Service>(
                QStringLiteral("SELECT %1 FROM services ORDER BY salon_id, id").arg(serviceColumns),
                {}, serviceFrom);
    });
    take(c.resources, [&] {
        return d->select<Resource>(QStringLiteral("SELECT %1 FROM resources ORDER BY salon_id, id")
                                           .arg(resourceColumns),
                                   {}, resourceFrom);
    });
    take(c.clients, [&] {
        return d->select<Client>(
                QStringLiteral("SELECT %1 FROM clients ORDER BY salon_id, id").arg(clientColumns),
                {}, clientFrom);
    });
    take(c.shifts, [&] {
        return d->select<Shift>(
                QStringLiteral("SELECT %1 FROM shifts ORDER BY salon_id, id").arg(shiftColumns), {},
                shiftFrom);
    });
    take(c.shiftExceptions, [&] {
        return d->select<ShiftException>(
                QStringLiteral("SELECT %1 FROM shift_exceptions ORDER BY salon_id, id")
                        .arg(shiftExceptionColumns),
                {}, shiftExceptionFrom);
    });
    take(c.timeOff, [&] {
        return d->select<TimeOff>(
                QStringLiteral("SELECT %1 FROM time_off ORDER BY salon_id, id").arg(timeOffColumns),
                {}, timeOffFrom);
    });
    take(c.standingAppointments, [&] {
        return d->select<StandingAppointment>(
                QStringLiteral("SELECT %1 FROM standing_appointments ORDER BY salon_id, id")
                        .arg(standingColumns),
                {}, standingFrom);
    });
    take(c.appointments, [&] {
        return d->loadAppointments(QStringLiteral("1"), {},
                                   QStringLiteral("a.salon_id, a.starts_at, a.id"));
    });
    take(c.waitlist, [&] {
        return d->select<WaitlistEntry>(
                QStringLiteral("SELECT %1 FROM waitlist ORDER BY salon_id, id")
                        .arg(waitlistColumns),
                {}, waitlistFrom);
    });
    if (failed)
        return *failed;
    return c;
}

// --- writes ----------------------------------------------------------------

Result<void> Store::save(const Salon &salon)
{
    if (auto error = check(salon))
        return *error;
    return write([&](ChangeSet &changes) {
        return d->saveRow(Entity::Salon, salon, salon.id, &Private::writeSalon, changes);
    });
}

Result<void> Store::save(const Staff &staff)
{
    if (auto error = check(staff))
        return *error;
    return write([&](ChangeSet &changes) {
        return d->saveRow(Entity::Staff, staff, staff.salonId, &Private::writeStaff, changes);
    });
}

Result<void> Store::save(const Service &service)
{
    if (auto error = check(service))
        return *error;
    return write([&](ChangeSet &changes) {
        return d->saveRow(Entity::Service, service, service.salonId, &Private::writeService,
                          changes);
    });
}

Result<void> Store::save(const Resource &resource)
{
    if (auto error = check(resource))
        return *error;
    return write([&](ChangeSet &changes) {
        return d->saveRow(Entity::Resource, resource, resource.salonId, &Private::writeResource,
                          changes);
    });
}

Result<void> Store::save(const Client &client)
{
    if (auto error = check(client))
        return *error;
    return write([&](ChangeSet &changes) {
        return d->saveRow(Entity::Client, client, client.salonId, &Private::writeClient, changes);
    });
}

Result<void> Store::save(const WaitlistEntry &entry)
{
    if (auto error = check(entry))
        return *error;
    return write([&](ChangeSet &changes) {
        return d->saveRow(Entity::WaitlistEntry, entry, entry.salonId, &Private::writeWaitlist,
                          changes);
    });
}

Result<void> Store::save(const Shift &shift)
{
    if (auto error = check(shift))
        return *error;
    return write([&](ChangeSet &changes) {
        return d->saveStaffRow(Entity::Shift, shift, &Private::writeShift, changes);
    });
}

Result<void> Store::save(const ShiftException &exception)
{
    if (auto error = check(exception))
        return *error;
    return write([&](ChangeSet &changes) {
        return d->saveStaffRow(Entity::ShiftException, exception, &Private::writeShiftException,
                               changes);
    });
}

Result<void> Store::save(const TimeOff &timeOff)
{
    if (auto error = check(timeOff))
        return *error;
    return write([&](ChangeSet &changes) {
        return d->saveStaffRow(Entity::TimeOff, timeOff, &Private::writeTimeOff, changes);
    });
}

Result<void> Store::save(const StandingAppointment &standing)
{
    if (auto error = check(standing))
        return *error;
    return write([&](ChangeSet &changes) { return d->saveStanding(standing, changes); });
}

Result<void> Store::save(const Appointment &appointment)
{
    if (auto error = check(appointment))
        return *error;
    return write(
            [&](ChangeSet &changes) { return d->saveAppointment(appointment, true, changes); });
}

Result<void> Store::save(const Appointment &appointment, const Client &client)
{
    if (auto error = check(appointment))
        return *error;
    if (auto error = check(client))
        return *error;
    return write([&](ChangeSet &changes) -> Result<void> {
        if (auto saved = d->saveAppointment(appointment, true, changes); !saved.ok())
            return saved;
        return d->saveRow(Entity::Client, client, client.salonId, &Private::writeClient, changes);
    });
}

Result<void> Store::save(const QList<Appointment> &appointments,
                         const StandingAppointment *standing, const QString &waitlistEntryId)
{
    if (standing) {
        if (auto error = check(*standing))
            return *error;
    }
    for (const Appointment &appointment : appointments) {
        if (auto error = check(appointment))
            return *error;
    }
    return write([&](ChangeSet &changes) -> Result<void> {
        if (standing) {
            if (auto saved = d->saveStanding(*standing, changes); !saved.ok())
                return saved;
        }
        for (const Appointment &appointment : appointments) {
            if (auto saved = d->saveAppointment(appointment, true, changes); !saved.ok())
                return saved;
        }
        if (!waitlistEntryId.isEmpty())
            return removeIn(Entity::WaitlistEntry, waitlistEntryId, changes);
        return {};
    });
}

// A read that fails refuses the removal too: "could not check" is not "none".
Result<void> Store::removalRefused(Entity entity, const QString &id, const QString &salonId) const
{
    const auto nameIn = [&id](const auto &rows) -> QString {
        if (!rows)
            return id;
        const auto row = std::ranges::find(*rows, id, [](const auto &r) { return r.id; });
        return row == rows->end() ? id : row->name;
    };
    if (entity == Entity::Resource) {
        const Result<QList<Service>> salonServices = services(salonId);
        if (!salonServices)
            return salonServices.error();
        QStringList users;
        for (const Service &service : *salonServices) {
            for (const ServiceSegment &segment : service.segments) {
                if (segment.resourceIds.contains(id) && !users.contains(service.name))
                    users.append(service.name);
            }
        }
        if (users.isEmpty())
            return {};
        return Error::invalid(
                QCoreApplication::translate("chairside",
                                            "%1 is used by %2; change those services first.")
                        .arg(nameIn(resources(salonId)), users.join(QStringLiteral(", "))));
    }
    if (entity != Entity::Staff && entity != Entity::Service && entity != Entity::Client)
        return {};

    // Upcoming: holding time from now on (the same five years the CLI lists).
    const qint64 now = clock().secondsNow();
    const Result<QList<Appointment>> booked = appointments(salonId, now, now + 5LL * 366 * 86400);
    if (!booked)
        return booked.error();
    int upcoming = 0;
    for (const Appointment &appointment : *booked) {
        if (!holdsTime(appointment.status))
            continue;
        const bool involved = entity == Entity::Client
                ? appointment.clientId == id
                : std::ranges::any_of(appointment.lines, [&](const ServiceLine &line) {
                      return (entity == Entity::Staff ? line.staffId : line.serviceId) == id;
                  });
        upcoming += involved ? 1 : 0;
    }
    if (upcoming == 0)
        return {};
    // Only the name in the sentence is read below; without it the id will do.
    switch (entity) {
    case Entity::Staff:
        return Error::invalid(
                QCoreApplication::translate(
                        "chairside",
                        "%1 has %n upcoming appointment(s); move or cancel them first, "
                        "or make them inactive instead.",
                        nullptr, upcoming)
                        .arg(nameIn(staff(salonId))));
    case Entity::Service:
        return Error::invalid(
                QCoreApplication::translate(
                        "chairside",
                        "%1 is booked in %n upcoming appointment(s); make it inactive "
                        "to stop offering it.",
                        nullptr, upcoming)
                        .arg(nameIn(services(salonId))));
    default: {
        const Result<std::optional<Client>> row = client(id);
        return Error::invalid(
                QCoreApplication::translate("chairside",
                                            "%1 has %n upcoming appointment(s); cancel them first.",
                                            nullptr, upcoming)
                        .arg(row && *row ? (*row)->name : id));
    }
    }
}

Result<void> Store::remove(Entity entity, const QString &id)
{
    return write([&](ChangeSet &changes) { return removeIn(entity, id, changes); });
}

Result<void> Store::removeIn(Entity entity, const QString &id, ChangeSet &changes)
{
    const QString table = tableOf(entity);
    const QString salonColumn =
            entity == Entity::Salon ? QStringLiteral("id") : QStringLiteral("salon_id");
    Change change{entity, Change::Op::Removed, id, {}};
    const QString span = entity == Entity::Appointment ? QStringLiteral("starts_at, ends_at")
                                                       : QStringLiteral("0, 0");
    QSqlQuery *old = d->exec(
            QStringLiteral("SELECT %1, %2 FROM %3 WHERE id = ?").arg(salonColumn, span, table),
            {id});
    if (!old)
        return d->failure();
    const bool found = old->next();
    if (found) {
        change.salonId = old->value(0).toString();
        change.previousStartsAt = old->value(1).toLongLong();
        change.previousEndsAt = old->value(2).toLongLong();
    }
    old->finish();
    if (!found)
        return Error::notFound(
                QCoreApplication::translate("chairside",
                                            "There is no %1 with id %2; nothing was removed.")
                        .arg(entityNoun(entity), id));
    if (!d->fromServer) {
        if (const Result<void> refused = removalRefused(entity, id, change.salonId); !refused)
            return refused;
    }
    // Rows that belong to it (lines, skills, a salon's whole book) go by ON DELETE CASCADE.
    const QString sql = entity == Entity::Salon
            ? QStringLiteral("DELETE FROM salons WHERE id = ?")
            : QStringLiteral("DELETE FROM %1 WHERE salon_id = ? AND id = ?").arg(table);
    const bool deleted = entity == Entity::Salon ? d->run(sql, {id})
                    && d->run(QStringLiteral("DELETE FROM salon_visit_span WHERE salon_id = ?"),
                              {id})
                                                 : d->run(sql, {change.salonId, id});
    if (!deleted || !d->appendOutbox(entity, Change::Op::Removed, id, change.salonId, QString()))
        return d->failure();
    changes.append(change);
    return {};
}

Result<void> Store::insertRows(const StoreContents &c, bool withOutbox, ChangeSet *changes)
{
    // Checked up front so a bad row leaves the store untouched without
    // starting to write.
    auto checkAll = [](const auto &rows) -> std::optional<Error> {
        for (const auto &row : rows) {
            if (auto error = check(row))
                return error;
        }
        return std::nullopt;
    };
    for (auto error :
         {checkAll(c.salons), checkAll(c.staff), checkAll(c.services), checkAll(c.resources),
          checkAll(c.clients), checkAll(c.shifts), checkAll(c.shiftExceptions), checkAll(c.timeOff),
          checkAll(c.standingAppointments), checkAll(c.appointments), checkAll(c.waitlist)}) {
        if (error)
            return *error;
    }

    // What the salon foreign keys would check, once per row from a hash.
    QSet<QString> salonIds;
    for (const Salon &s : c.salons)
        salonIds.insert(s.id);
    const Result<QList<QString>> storedSalons =
            d->select<QString>(QStringLiteral("SELECT id FROM salons"), {},
                               [](const QSqlQuery &q) { return q.value(0).toString(); });
    if (!storedSalons)
        return storedSalons.error();
    for (const QString &id : *storedSalons)
        salonIds.insert(id);
    auto checkSalons = [&](Entity entity, const auto &rows) -> std::optional<Error> {
        for (const auto &row : rows) {
            if (!salonIds.contains(row.salonId))
                return Error::notFound(
                        QCoreApplication::translate(
                                "chairside",
                                "The %1 %2 belongs to a salon (%3) that is neither in the store "
                                "nor being added, so nothing was added.")
                                .arg(entityNoun(entity), row.id, row.salonId));
        }
        return std::nullopt;
    };
    for (auto error :
         {checkSalons(Entity::Staff, c.staff), checkSalons(Entity::Service, c.services),
          checkSalons(Entity::Resource, c.resources), checkSalons(Entity::Client, c.clients),
          checkSalons(Entity::StandingAppointment, c.standingAppointments),
          checkSalons(Entity::Appointment, c.appointments),
          checkSalons(Entity::WaitlistEntry, c.waitlist)}) {
        if (error)
            return *error;
    }

    auto add = [&](Entity entity, const auto &row, const QString &salonId) -> bool {
        if (withOutbox
            && !d->appendOutbox(entity, Change::Op::Upserted, row.id, salonId,
                                compact(row.toJson())))
            return false;
        if (changes)
            changes->append({entity, Change::Op::Upserted, row.id, salonId});
        return true;
    };
    for (const Salon &s : c.salons) {
        if (!d->writeSalon(s) || !add(Entity::Salon, s, s.id))
            return d->failure();
    }
    QHash<QString, QString> salonOfStaff;
    for (const Staff &s : c.staff) {
        salonOfStaff.insert(s.id, s.salonId);
        if (!d->writeStaff(s) || !add(Entity::Staff, s, s.salonId))
            return d->failure();
    }
    for (const Service &s : c.services) {
        if (!d->writeService(s) || !add(Entity::Service, s, s.salonId))
            return d->failure();
    }
    for (const Resource &r : c.resources) {
        if (!d->writeResource(r) || !add(Entity::Resource, r, r.salonId))
            return d->failure();
    }
    for (const Client &client : c.clients) {
        if (!d->writeClient(client) || !add(Entity::Client, client, client.salonId))
            return d->failure();
    }
    auto staffSalon = [&](Entity entity, const auto &row) -> Result<QString> {
        QString salonId = salonOfStaff.value(row.staffId);
        if (salonId.isEmpty()) {
            const std::optional<QString> stored = d->salonOfStaff(row.staffId);
            if (!stored)
                return d->failure();
            salonId = *stored;
        }
        if (salonId.isEmpty())
            return Error::notFound(
                    QCoreApplication::translate(
                            "chairside",
                            "There is no staff member with id %1, so the %2 %3 was not saved.")
                            .arg(row.staffId, entityNoun(entity), row.id));
        return salonId;
    };
    for (const Shift &s : c.shifts) {
        const Result<QString> salonId = staffSalon(Entity::Shift, s);
        if (!salonId.ok())
            return salonId.error();
        if (!d->writeShift(s, *salonId) || !add(Entity::Shift, s, *salonId))
            return d->failure();
    }
    for (const ShiftException &e : c.shiftExceptions) {
        const Result<QString> salonId = staffSalon(Entity::ShiftException, e);
        if (!salonId.ok())
            return salonId.error();
        if (!d->writeShiftException(e, *salonId) || !add(Entity::ShiftException, e, *salonId))
            return d->failure();
    }
    for (const TimeOff &t : c.timeOff) {
        const Result<QString> salonId = staffSalon(Entity::TimeOff, t);
        if (!salonId.ok())
            return salonId.error();
        if (!d->writeTimeOff(t, *salonId) || !add(Entity::TimeOff, t, *salonId))
            return d->failure();
    }
    for (const StandingAppointment &s : c.standingAppointments) {
        if (!d->writeStanding(s) || !add(Entity::StandingAppointment, s, s.salonId))
            return d->failure();
    }
    QHash<QString, qint64> longestVisit;
    for (const Appointment &a : c.appointments) {
        const auto [startsAt, endsAt] = visitSpan(a);
        if (!d->writeAppointmentRows(a, startsAt, endsAt)
            || (withOutbox
                && !d->appendOutbox(Entity::Appointment, Change::Op::Upserted, a.id, a.salonId,
                                    compact(a.toJson()))))
            return d->failure();
        qint64 &longest = longestVisit[a.salonId];
        longest = std::max(longest, endsAt - startsAt);
        if (changes)
            changes->append(
                    {Entity::Appointment, Change::Op::Upserted, a.id, a.salonId, startsAt, endsAt});
    }
    for (auto it = longestVisit.cbegin(); it != longestVisit.cend(); ++it) {
        if (!d->run(Sql::WidenSpan, {it.key(), it.value()}))
            return d->failure();
    }
    for (const WaitlistEntry &w : c.waitlist) {
        if (!d->writeWaitlist(w) || !add(Entity::WaitlistEntry, w, w.salonId))
            return d->failure();
    }
    return {};
}

Result<void> Store::insertAll(const StoreContents &contents, bool withOutbox)
{
    // A ChangeSet of 100k rows is only worth building for a listener.
    const bool listened = isSignalConnected(QMetaMethod::fromSignal(&Store::changed));
    return writeInBulk([&](ChangeSet &changes) {
        return insertRows(contents, withOutbox, listened ? &changes : nullptr);
    });
}

// The server holds the rows of a shared book: each one that the replacement
// does not have is queued for removal, children before their salon.
Result<void> Store::queueRemovals(const StoreContents &replacement)
{
    auto ids = [](const auto &rows) {
        QSet<QString> set;
        for (const auto &row : rows)
            set.insert(row.id);
        return set;
    };
    const std::pair<Entity, QSet<QString>> kept[] = {
            {Entity::WaitlistEntry, ids(replacement.waitlist)},
            {Entity::Appointment, ids(replacement.appointments)},
            {Entity::StandingAppointment, ids(replacement.standingAppointments)},
            {Entity::TimeOff, ids(replacement.timeOff)},
            {Entity::ShiftException, ids(replacement.shiftExceptions)},
            {Entity::Shift, ids(replacement.shifts)},
            {Entity::Client, ids(replacement.clients)},
            {Entity::Resource, ids(replacement.resources)},
            {Entity::Service, ids(replacement.services)},
            {Entity::Staff, ids(replacement.staff)},
            {Entity::Salon, ids(replacement.salons)}};
    for (const auto &[entity, keptIds] : kept) {
        const QString salonColumn =
                entity == Entity::Salon ? QStringLiteral("id") : QStringLiteral("salon_id");
        const Result<QList<QPair<QString, QString>>> stored = d->select<QPair<QString, QString>>(
                QStringLiteral("SELECT id, %1 FROM %2 ORDER BY id")
                        .arg(salonColumn, tableOf(entity)),
                {}, [](const QSqlQuery &q) {
                    return qMakePair(q.value(0).toString(), q.value(1).toString());
                });
        if (!stored)
            return stored.error();
        for (const auto &[id, salonId] : *stored) {
            if (!keptIds.contains(id)
                && !d->appendOutbox(entity, Change::Op::Removed, id, salonId, QString()))
                return d->failure();
        }
    }
    return {};
}

Result<void> Store::acknowledgeOutbox(const QString &consumer, qint64 sequence)
{
    return write([&](ChangeSet &) -> Result<void> {
        if (!d->run(QStringLiteral("INSERT INTO outbox_positions (consumer, acknowledged) "
                                   "VALUES (?, ?) ON CONFLICT (consumer) DO UPDATE SET "
                                   "acknowledged = max(acknowledged, excluded.acknowledged)"),
                    {consumer, sequence}))
            return d->failure();
        return {};
    });
}

Result<std::optional<qint64>> Store::outboxPosition(const QString &consumer) const
{
    return firstOf(d->select<qint64>(
            QStringLiteral("SELECT acknowledged FROM outbox_positions WHERE consumer = ?"),
            {consumer}, [](const QSqlQuery &q) { return q.value(0).toLongLong(); }));
}

Result<std::optional<ServerLink>> Store::serverLink() const
{
    return firstOf(d->select<ServerLink>(
            QStringLiteral("SELECT url, device_id, login_role, salon_id, first_of_salon, joined_at "
                           "FROM server_link"),
            {}, [](const QSqlQuery &q) {
                return ServerLink{q.value(0).toString(),
                                  q.value(1).toString(),
                                  q.value(2).toString(),
                                  q.value(3).toString(),
                                  q.value(4).toBool(),
                                  QDateTime::fromSecsSinceEpoch(q.value(5).toLongLong(), Qt::UTC)};
            }));
}

Result<void> Store::saveServerLink(const ServerLink &link)
{
    return write([&](ChangeSet &) -> Result<void> {
        if (!d->run(QStringLiteral("INSERT OR REPLACE INTO server_link (only_row, url, device_id, "
                                   "login_role, salon_id, first_of_salon, joined_at) "
                                   "VALUES (1, ?, ?, ?, ?, ?, ?)"),
                    {link.url, link.deviceId, link.loginRole, link.salonId, link.firstOfSalon,
                     link.joinedAt.toSecsSinceEpoch()}))
            return d->failure();
        return {};
    });
}

Result<void> Store::forgetServerLink()
{
    return write([&](ChangeSet &) -> Result<void> {
        if (!d->run(QStringLiteral("DELETE FROM server_link"), {}))
            return d->failure();
        return {};
    });
}

Result<bool> Store::isShared() const
{
    const Result<std::optional<qint64>> position = outboxPosition(serverConsumer);
    if (!position)
        return position.error();
    return position->has_value();
}

Result<void> Store::replaceAll(const StoreContents &contents, bool withOutbox)
{
    // The server's position: none for a book never shared.
    const Result<std::optional<qint64>> position = outboxPosition(serverConsumer);
    if (!position)
        return position.error();
    const std::optional<qint64> pushed = *position;
    const bool shared = pushed.has_value();
    if (shared && !withOutbox)
        return Error::invalid(QCoreApplication::translate(
                "chairside",
                "This book is shared with the salon's server, so it cannot be replaced by rows "
                "that are not to be shared (such as the demo salon). Keep the demo in a data "
                "folder of its own."));
    const Result<void> result = writeInBulk([&](ChangeSet &) -> Result<void> {
        // The changes still waiting describe the book that is going away.
        if (!d->run(QStringLiteral("DELETE FROM outbox WHERE sequence > ?"), {pushed.value_or(0)}))
            return d->failure();
        if (shared) {
            if (const Result<void> removed = queueRemovals(contents); !removed)
                return removed;
        }
        // Foreign keys are off here, so nothing cascades: every table is emptied.
        for (const char *table :
             {"appointment_segments", "appointment_lines", "appointments", "salon_visit_span",
              "staff_skills", "shifts", "shift_exceptions", "time_off", "standing_appointments",
              "waitlist", "clients", "services", "resources", "staff", "salons"}) {
            if (!d->run(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)), {}))
                return d->failure();
        }
        return insertRows(contents, withOutbox, nullptr);
    });
    if (result.ok())
        emit contentsReplaced();
    return result;
}

// --- other writers -----------------------------------------------------------

namespace {

// Changes whenever another connection commits to the file; our own commits
// leave it alone. -1 when it cannot be read.
qint64 dataVersionOf(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA data_version")) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// How often the book was written (010_book_generation.sql); -1 when it
// cannot be read.
qint64 generationOf(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT value FROM book_generation")) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

void Store::watchOtherWriters(bool on, int intervalMs)
{
    if (!on) {
        delete d->watchTimer;
        d->watchTimer = nullptr;
        return;
    }
    if (!d->watchTimer) {
        d->watchTimer = new QTimer(this);
        connect(d->watchTimer, &QTimer::timeout, this, [this] {
            const qint64 version = dataVersionOf(d->db);
            if (version < 0 || version == d->dataVersion)
                return;
            const bool first = d->dataVersion < 0;
            d->dataVersion = version;
            // Another writer's commit that left the book as it was (the sync
            // engine noting an idle round) is no reason to reload anything.
            const qint64 generation = generationOf(d->db);
            const bool bookMoved = generation < 0 || generation != d->generation;
            d->generation = generation;
            if (!first && bookMoved) {
                qCDebug(lcStore) << "another process wrote to the store";
                emit contentsReplaced();
            }
        });
    }
    d->dataVersion = dataVersionOf(d->db);
    d->generation = generationOf(d->db);
    d->watchTimer->start(std::max(10, intervalMs));
}

bool Store::isWatchingOtherWriters() const
{
    return d->watchTimer != nullptr;
}

} // namespace chairside
