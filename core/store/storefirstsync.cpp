// The store's side of the first sync: the salon's book replaced by the
// server's, in one transaction, without outbox entries (docs/sync.md).

#include "store.h"

#include "logging.h"
#include "storeprivate.h"
#include "storerows.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace chairside {

using namespace storedetail;

namespace {

// The book's tables that hold one entity each and name their salon in
// salon_id; appointments (with their lines) and salons go their own way.
constexpr Entity plainEntities[] = {
        Entity::Staff,        Entity::Service,        Entity::Resource, Entity::Client,
        Entity::Shift,        Entity::ShiftException, Entity::TimeOff,  Entity::StandingAppointment,
        Entity::WaitlistEntry};

QString keyOf(Entity entity, const QString &id)
{
    return entityName(entity) + QLatin1Char('/') + id;
}

} // namespace

Result<Store::ServerBookCounts>
Store::replaceWithServerBook(const QString &salonId, const QString &epoch, qint64 cursor,
                             const std::function<Result<bool>(PulledRow &)> &next)
{
    const Result<std::optional<qint64>> position = outboxPosition(serverConsumer);
    if (!position)
        return position.error();
    const qint64 pushed = position->value_or(0);
    ServerBookCounts counts;

    // The rows whose changes the server has not acknowledged: they stay as
    // this PC has them, and their changes are pushed again (SYNC.md 7, 11).
    const Result<QList<QString>> waiting = d->select<QString>(
            QStringLiteral("SELECT DISTINCT entity || '/' || entity_id FROM outbox "
                           "WHERE sequence > ?"),
            {pushed}, [](const QSqlQuery &q) { return q.value(0).toString(); });
    if (!waiting)
        return waiting.error();
    const QSet<QString> kept(waiting->cbegin(), waiting->cend());

    // Everything of the salon goes but those rows. Foreign keys are off in a
    // bulk write, so nothing cascades: children go first, by hand.
    auto removeBook = [&]() -> bool {
        const QString unlessWaiting = QStringLiteral(
                " AND id NOT IN (SELECT entity_id FROM outbox WHERE sequence > ? AND entity = ?)");
        const QString keptVisits =
                QStringLiteral("(SELECT row FROM appointments WHERE salon_id = ? AND id IN "
                               "(SELECT entity_id FROM outbox WHERE sequence > ? AND entity = ?))");
        const QString appointment = entityName(Entity::Appointment);
        if (!d->run(QStringLiteral("DELETE FROM appointment_segments WHERE salon_id = ? AND "
                                   "appointment_row NOT IN ")
                            + keptVisits,
                    {salonId, salonId, pushed, appointment})
            || !d->run(QStringLiteral("DELETE FROM appointment_lines WHERE salon_id = ? AND "
                                      "appointment_row NOT IN ")
                               + keptVisits,
                       {salonId, salonId, pushed, appointment})
            || !d->run(QStringLiteral("DELETE FROM appointments WHERE salon_id = ?")
                               + unlessWaiting,
                       {salonId, pushed, appointment}))
            return false;
        for (const Entity entity : plainEntities) {
            if (!d->run(QStringLiteral("DELETE FROM %1 WHERE salon_id = ?").arg(tableOf(entity))
                                + unlessWaiting,
                        {salonId, pushed, entityName(entity)}))
                return false;
        }
        // Skills of the stylists that went (a stylist written below gets its own).
        return d->run(QStringLiteral("DELETE FROM staff_skills WHERE salon_id = ? AND staff_id "
                                     "NOT IN (SELECT id FROM staff WHERE salon_id = ?)"),
                      {salonId, salonId})
                && d->run(QStringLiteral("DELETE FROM row_versions"), {});
    };

    qint64 longestVisit = 0;
    auto writeRow = [&](const PulledRow &row) -> Result<void> {
        const QJsonObject json = QJsonDocument::fromJson(row.payload).object();
        if (json.isEmpty())
            return Error::invalid(
                    QCoreApplication::translate("chairside",
                                                "The server sent the %1 %2 in a form this PC "
                                                "cannot read, so nothing was changed here.")
                            .arg(entityNoun(row.entity), row.id));
        bool written = false;
        switch (row.entity) {
        case Entity::Salon: written = d->writeSalon(Salon::fromJson(json)); break;
        case Entity::Staff: written = d->writeStaff(Staff::fromJson(json)); break;
        case Entity::Service: written = d->writeService(Service::fromJson(json)); break;
        case Entity::Resource: written = d->writeResource(Resource::fromJson(json)); break;
        case Entity::Client: written = d->writeClient(Client::fromJson(json)); break;
        case Entity::Shift: written = d->writeShift(Shift::fromJson(json), salonId); break;
        case Entity::ShiftException:
            written = d->writeShiftException(ShiftException::fromJson(json), salonId);
            break;
        case Entity::TimeOff: written = d->writeTimeOff(TimeOff::fromJson(json), salonId); break;
        case Entity::StandingAppointment:
            written = d->writeStanding(StandingAppointment::fromJson(json));
            break;
        case Entity::WaitlistEntry:
            written = d->writeWaitlist(WaitlistEntry::fromJson(json));
            break;
        case Entity::Appointment: {
            const Appointment a = Appointment::fromJson(json);
            const auto [startsAt, endsAt] = visitSpan(a);
            longestVisit = std::max(longestVisit, endsAt - startsAt);
            written = d->writeAppointmentRows(a, startsAt, endsAt);
            break;
        }
        }
        if (!written)
            return d->failure();
        return {};
    };
    auto writeVersion = [&](const PulledRow &row) {
        return d->run(QStringLiteral("INSERT OR REPLACE INTO row_versions (entity, id, version, "
                                     "deleted) VALUES (?, ?, ?, ?)"),
                      {entityName(row.entity), row.id, row.version, row.deleted});
    };

    const Result<void> result = writeInBulk([&](ChangeSet &) -> Result<void> {
        if (!removeBook())
            return d->failure();
        PulledRow row;
        for (;;) {
            const Result<bool> more = next(row);
            if (!more)
                return more.error();
            if (!*more)
                break;
            const bool waits = kept.contains(keyOf(row.entity, row.id));
            if (row.deleted && !waits)
                continue; // the book is being replaced: nothing to remove
            if (!waits) {
                if (const Result<void> written = writeRow(row); !written)
                    return written;
                ++counts.written;
            }
            if (!writeVersion(row))
                return d->failure();
        }
        counts.keptLocal = kept.size();
        if (longestVisit > 0 && !d->run(Sql::WidenSpan, {salonId, longestVisit}))
            return d->failure();
        for (const auto &[key, value] :
             {std::pair{QStringLiteral("cursor"), QString::number(cursor)},
              std::pair{QStringLiteral("epoch"), epoch}}) {
            if (!d->run(QStringLiteral(
                                "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"),
                        {key, value}))
                return d->failure();
        }
        return {};
    });
    if (!result)
        return result.error();
    qCInfo(lcStore) << "replaced the book with the server's:" << counts.written << "rows,"
                    << counts.keptLocal << "kept with changes to push";
    emit contentsReplaced();
    return counts;
}

} // namespace chairside
