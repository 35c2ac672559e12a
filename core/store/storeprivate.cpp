#include "storeprivate.h"

#include "logging.h"

#include <QDateTime>
#include <QDir>
#include <QHash>
#include <QJsonArray>

#include <tuple>

namespace chairside {

using namespace storedetail;

namespace {

// SQLite's primary result codes, as QSQLITE reports them in nativeErrorCode().
enum SqliteCode {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoError = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteConstraint = 19,
    SqliteNotADatabase = 26,
    SqliteForeignKeyConstraint = SqliteConstraint | (3 << 8),
};

// appointment_segments.kind stores SegmentKind as these numbers.
static_assert(int(SegmentKind::Busy) == 0 && int(SegmentKind::Processing) == 1
              && int(SegmentKind::Buffer) == 2);

} // namespace

QSqlQuery *Store::Private::prepared(const QString &sql)
{
    const auto found = statements.find(sql);
    if (found != statements.end())
        return found->second.get();
    auto query = std::make_unique<QSqlQuery>(db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        lastError = query->lastError();
        qCWarning(lcStore) << "could not prepare a statement:" << lastError.text();
        return nullptr;
    }
    return statements.emplace(sql, std::move(query)).first->second.get();
}

QSqlQuery *Store::Private::prepared(Sql sql)
{
    QSqlQuery *&slot = writeStatements[size_t(sql)];
    if (slot)
        return slot;
    // Binding by position makes Qt format a ":N" name for every value
    // (QString::arg, a sixth of a bulk write); named placeholders are looked
    // up as they are. So each '?' becomes ":p0", ":p1", ...
    QString named = sqlText(sql);
    QStringList &names = placeholderNames[size_t(sql)];
    names.clear();
    for (qsizetype at = named.indexOf(QLatin1Char('?')); at >= 0;
         at = named.indexOf(QLatin1Char('?'), at)) {
        names.append(QStringLiteral(":p%1").arg(names.size()));
        named.replace(at, 1, names.constLast());
    }
    slot = prepared(named);
    return slot;
}

void Store::Private::forgetStatements()
{
    writeStatements.fill(nullptr);
    boundNow.fill({});
    statements.clear();
    visitsStatement.reset();
}

bool Store::Private::faultNow()
{
    if (failCountdown <= 0 || --failCountdown > 0)
        return false;
    lastError = QSqlError(QStringLiteral("disk I/O error"),
                          QStringLiteral("disk I/O error (simulated)"), QSqlError::StatementError,
                          QString::number(SqliteIoError));
    qCInfo(lcStore) << "simulated a disk failure";
    return true;
}

QSqlQuery *Store::Private::exec(const QString &sql, std::initializer_list<QVariant> values)
{
    return faultNow() ? nullptr : bindAndRun(prepared(sql), values);
}

QSqlQuery *Store::Private::exec(Sql sql, std::initializer_list<QVariant> values)
{
    if (faultNow())
        return nullptr;
    QSqlQuery *query = prepared(sql);
    return bindAndRun(query, values, &boundNow[size_t(sql)], &placeholderNames[size_t(sql)]);
}

QSqlQuery *Store::Private::bindAndRun(QSqlQuery *query, std::initializer_list<QVariant> values,
                                      QVariantList *bound, const QStringList *names)
{
    if (!query)
        return nullptr;
    if (bound && names && names->size() == qsizetype(values.size())) {
        if (bound->size() != qsizetype(values.size()))
            *bound = QVariantList(values.size());
        QVariant *nowAll = bound->data(); // detached once, not per value
        int i = 0;
        for (const QVariant &value : values) {
            QVariant &now = nowAll[i];
            // Same type and value; a null never equals anything, so it is always bound.
            if (now.isNull() || value.isNull() || now.metaType() != value.metaType()
                || now != value) {
                query->bindValue(names->at(i), value);
                now = value;
            }
            ++i;
        }
    } else {
        int i = 0;
        for (const QVariant &value : values)
            query->bindValue(i++, value);
    }
    if (!query->exec()) {
        lastError = query->lastError();
        query->finish();
        qCWarning(lcStore) << "statement failed:" << lastError.nativeErrorCode()
                           << lastError.text();
        return nullptr;
    }
    return query;
}

void Store::Private::rollback()
{
    // Bypasses the fault seam: the rollback is what the seam tests.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStore) << "rollback failed:" << query.lastError().text();
}

Error Store::Private::failure() const
{
    const QString nativeFile = QDir::toNativeSeparators(path);
    const QString detail =
            lastError.databaseText().isEmpty() ? lastError.text() : lastError.databaseText();
    // QSQLITE reports extended codes (1299: NOT NULL constraint); the low byte is the primary one.
    switch (lastError.nativeErrorCode().toInt() & 0xff) {
    case SqliteReadOnly:
        return {Error::Code::ReadOnly,
                QCoreApplication::translate("chairside",
                                            "The store file %1 cannot be written. Check that the "
                                            "disk is not read-only and that "
                                            "you may change the file, then try again.")
                        .arg(nativeFile)};
    case SqliteCantOpen:
        return {Error::Code::ReadOnly,
                QCoreApplication::translate("chairside",
                                            "The store file %1 cannot be opened. Check that its "
                                            "folder exists and that you may write to it.")
                        .arg(nativeFile)};
    case SqliteCorrupt:
    case SqliteNotADatabase:
        return {Error::Code::Corrupt,
                QCoreApplication::translate("chairside",
                                            "The store file %1 is damaged (%2). Restore it from a "
                                            "backup or import an export.")
                        .arg(nativeFile, detail)};
    case SqliteFull:
        return Error::storage(
                QCoreApplication::translate(
                        "chairside", "The disk holding %1 is full. Free some space and try again.")
                        .arg(nativeFile));
    case SqliteBusy:
    case SqliteLocked:
        return Error::storage(
                QCoreApplication::translate(
                        "chairside",
                        "The store file %1 stayed locked by another program. Close other Chairside "
                        "windows using it and try again.")
                        .arg(nativeFile));
    case SqliteConstraint:
        if (lastError.nativeErrorCode().toInt() == SqliteForeignKeyConstraint)
            return Error::notFound(QCoreApplication::translate(
                    "chairside",
                    "The change refers to a salon or staff member that is not in the store. "
                    "Nothing was saved."));
        return Error::invalid(QCoreApplication::translate("chairside",
                                                          "The change clashes with what the store "
                                                          "already holds (%1). Nothing was saved.")
                                      .arg(detail));
    default:
        return Error::storage(
                QCoreApplication::translate(
                        "chairside", "Could not use the store file %1: %2. Nothing was saved.")
                        .arg(nativeFile, detail));
    }
}

Result<QSqlQuery *> Store::Private::read(const QString &sql, std::initializer_list<QVariant> values)
{
    if (QSqlQuery *query = exec(sql, values))
        return query;
    return readFailure();
}

Error Store::Private::readFailure() const
{
    const Error error = failure();
    qCWarning(lcStore) << "a read failed:" << lastError.nativeErrorCode();
    // A damaged file says so and what to do; anything else is a read that failed.
    if (error.code == Error::Code::Corrupt)
        return error;
    const QString detail =
            lastError.databaseText().isEmpty() ? lastError.text() : lastError.databaseText();
    return Error::storage(
            QCoreApplication::translate("chairside", "The appointment book could not be read: %1")
                    .arg(detail));
}

bool Store::Private::appendOutbox(Entity entity, Change::Op op, const QString &id,
                                  const QString &salonId, const QString &payload)
{
    if (fromServer)
        return true;
    return run(Sql::InsertOutbox,
               {entityName(entity), changeOpName(op), text(id), text(salonId), text(payload),
                clock->secondsNow()});
}

std::optional<QString> Store::Private::salonOfStaff(const QString &staffId)
{
    QSqlQuery *query = exec(Sql::StaffSalon, {staffId});
    if (!query)
        return std::nullopt;
    const QString salonId = query->next() ? query->value(0).toString() : QString();
    query->finish();
    return salonId;
}

bool Store::Private::writeSalon(const Salon &s)
{
    return run(Sql::InsertSalon,
               {s.id, text(s.name), text(s.timeZone), openingHoursToJson(s.openingHours),
                s.patchTestMinHours, s.patchTestMaxDays});
}

bool Store::Private::writeStaff(const Staff &s)
{
    if (!run(Sql::InsertStaff,
             {s.salonId, s.id, text(s.name), staffRoleName(s.role), text(s.colour), s.active})
        || !run(Sql::DeleteSkills, {s.salonId, s.id}))
        return false;
    for (qsizetype i = 0; i < s.skills.size(); ++i) {
        const Skill &skill = s.skills.at(i);
        const QString override = skill.segmentsOverride.isEmpty()
                ? QString()
                : compact(segmentsToJson(skill.segmentsOverride));
        if (!run(Sql::InsertSkill,
                 {s.salonId, s.id, qint64(i), text(skill.serviceId), text(override)}))
            return false;
    }
    return true;
}

bool Store::Private::writeService(const Service &s)
{
    return run(Sql::InsertService,
               {s.salonId, s.id, text(s.name), text(s.category), s.priceCents,
                compact(segmentsToJson(s.segments)), s.bufferAfterMinutes, s.active, s.rebookWeeks,
                s.needsPatchTest});
}

bool Store::Private::writeResource(const Resource &r)
{
    return run(Sql::InsertResource, {r.salonId, r.id, text(r.name), text(r.kind), r.count});
}

bool Store::Private::writeClient(const Client &c)
{
    return run(Sql::InsertClient,
               {c.salonId, c.id, text(c.name), text(c.phone), text(c.email), text(c.notes),
                date(c.patchTestDate), c.noShowCount, c.consentSms, c.consentEmail, c.consentPhotos,
                text(searchKey(c.name)), text(phoneDigits(c.phone))});
}

bool Store::Private::writeShift(const Shift &s, const QString &salonId)
{
    return run(Sql::InsertShift,
               {salonId, s.id, s.staffId, s.weekday, s.startMinute, s.endMinute,
                compact(breaksToJson(s.breaks)), s.everyWeeks, date(s.anchorDate),
                date(s.validFrom), date(s.validUntil)});
}

bool Store::Private::writeShiftException(const ShiftException &e, const QString &salonId)
{
    return run(Sql::InsertShiftException,
               {salonId, e.id, e.staffId, date(e.date), e.working, e.startMinute, e.endMinute,
                compact(breaksToJson(e.breaks)), text(e.reason)});
}

bool Store::Private::writeTimeOff(const TimeOff &t, const QString &salonId)
{
    return run(Sql::InsertTimeOff,
               {salonId, t.id, t.staffId, t.startsAt, t.endsAt, text(t.reason)});
}

bool Store::Private::writeStanding(const StandingAppointment &s)
{
    return run(Sql::InsertStanding,
               {s.salonId, s.id, text(s.clientId), text(s.rrule), s.firstStartsAt});
}

bool Store::Private::writeWaitlist(const WaitlistEntry &w)
{
    return run(Sql::InsertWaitlist,
               {w.salonId, w.id, text(w.clientId),
                compact(QJsonArray::fromStringList(w.serviceIds)), text(w.staffId),
                date(w.earliest), date(w.latest), text(w.notes), w.createdAt});
}

bool Store::Private::writeAppointmentRows(const Appointment &a, qint64 startsAt, qint64 endsAt)
{
    QSqlQuery *inserted =
            exec(Sql::InsertAppointment,
                 {a.salonId, a.id, optionalText(a.clientId), appointmentStatusName(a.status),
                  a.walkIn, optionalText(a.notes), a.depositCents, a.overbooked,
                  optionalText(a.overbookReason), optionalText(a.seriesId),
                  optionalText(a.createdBy), a.createdAt, optionalText(a.changedBy), a.changedAt,
                  startsAt, endsAt, optionalText(a.cancelReason)});
    if (!inserted)
        return false;
    const qint64 row = inserted->lastInsertId().toLongLong();
    for (qsizetype i = 0; i < a.lines.size(); ++i) {
        const ServiceLine &line = a.lines.at(i);
        if (!run(Sql::InsertLine,
                 {a.salonId, row, qint64(i), text(line.id), optionalText(line.serviceId),
                  optionalText(line.staffId)}))
            return false;
        for (qsizetype j = 0; j < line.segments.size(); ++j) {
            const BookedSegment &segment = line.segments.at(j);
            if (!run(Sql::InsertSegment,
                     {a.salonId, row, qint64(i), qint64(j), optionalText(line.staffId),
                      int(segment.kind), segment.startsAt, segment.endsAt,
                      optionalText(idsToJson(segment.resourceIds))}))
                return false;
        }
    }
    return true;
}

Result<void> Store::Private::saveAppointment(const Appointment &a, bool withOutbox,
                                             ChangeSet &changes)
{
    Change change{Entity::Appointment, Change::Op::Upserted, a.id, a.salonId};
    std::tie(change.startsAt, change.endsAt) = visitSpan(a);

    QSqlQuery *old = exec(Sql::OldAppointment, {a.id});
    if (!old)
        return failure();
    QString oldSalonId;
    if (old->next()) {
        oldSalonId = old->value(0).toString();
        change.previousStartsAt = old->value(1).toLongLong();
        change.previousEndsAt = old->value(2).toLongLong();
    }
    old->finish();
    // Lines and segments go with the visit (ON DELETE CASCADE) and are written anew.
    if (!oldSalonId.isNull() && !run(Sql::DeleteAppointment, {a.id}))
        return failure();
    if (!writeAppointmentRows(a, change.startsAt, change.endsAt)
        || !run(Sql::WidenSpan, {a.salonId, change.endsAt - change.startsAt}))
        return failure();
    if (withOutbox
        && !appendOutbox(Entity::Appointment, change.op, a.id, a.salonId, compact(a.toJson())))
        return failure();
    changes.append(change);
    return {};
}

Result<void> Store::Private::saveStanding(const StandingAppointment &s, ChangeSet &changes)
{
    if (!writeStanding(s)
        || !appendOutbox(Entity::StandingAppointment, Change::Op::Upserted, s.id, s.salonId,
                         compact(s.toJson())))
        return failure();
    changes.append({Entity::StandingAppointment, Change::Op::Upserted, s.id, s.salonId});
    return {};
}

// Three queries whatever the number of visits: the visits, then all their
// lines, then all their segments, each selected by the same condition.
Result<QList<Appointment>> Store::Private::loadAppointments(const QString &where,
                                                            std::initializer_list<QVariant> values,
                                                            const QString &order)
{
    QList<qint64> rowOf;
    Result<QList<Appointment>> selected =
            select<Appointment>(QStringLiteral("SELECT %1 FROM appointments a WHERE %2 ORDER BY %3")
                                        .arg(appointmentColumns, where, order),
                                values, [&rowOf](const QSqlQuery &q) {
                                    rowOf.append(q.value(appointmentRowColumn).toLongLong());
                                    return appointmentFrom(q);
                                });
    if (!selected || selected->isEmpty())
        return selected;
    QList<Appointment> &appointments = *selected;
    QHash<qint64, qsizetype> index;
    index.reserve(appointments.size());
    for (qsizetype i = 0; i < appointments.size(); ++i)
        index.insert(rowOf.at(i), i);

    const Result<QSqlQuery *> readLines = read(
            QStringLiteral("SELECT l.appointment_row, l.position, l.id, l.service_id, l.staff_id "
                           "FROM appointments a JOIN appointment_lines l "
                           "ON l.salon_id = a.salon_id AND l.appointment_row = a.row WHERE %1")
                    .arg(where),
            values);
    if (!readLines)
        return readLines.error();
    QSqlQuery *lines = *readLines;
    while (lines->next()) {
        const qsizetype at = index.value(lines->value(0).toLongLong(), -1);
        const qsizetype position = lines->value(1).toLongLong();
        if (at < 0 || position < 0)
            continue;
        QList<ServiceLine> &list = appointments[at].lines;
        if (list.size() <= position)
            list.resize(position + 1);
        ServiceLine &line = list[position];
        line.id = lines->value(2).toString();
        line.serviceId = lines->value(3).toString();
        line.staffId = lines->value(4).toString();
    }
    lines->finish();

    const Result<QSqlQuery *> readSegments =
            read(QStringLiteral("SELECT s.appointment_row, s.line_position, s.position, s.kind, "
                                "s.starts_at, s.ends_at, s.resource_ids "
                                "FROM appointments a JOIN appointment_segments s "
                                "ON s.salon_id = a.salon_id AND s.appointment_row = a.row WHERE %1")
                         .arg(where),
                 values);
    if (!readSegments)
        return readSegments.error();
    QSqlQuery *segments = *readSegments;
    while (segments->next()) {
        const qsizetype at = index.value(segments->value(0).toLongLong(), -1);
        const qsizetype linePosition = segments->value(1).toLongLong();
        const qsizetype position = segments->value(2).toLongLong();
        if (at < 0 || linePosition < 0 || linePosition >= appointments.at(at).lines.size()
            || position < 0)
            continue;
        QList<BookedSegment> &list = appointments[at].lines[linePosition].segments;
        if (list.size() <= position)
            list.resize(position + 1);
        BookedSegment &segment = list[position];
        const int kind = segments->value(3).toInt();
        if (kind >= int(SegmentKind::Busy) && kind <= int(SegmentKind::Buffer))
            segment.kind = SegmentKind(kind);
        segment.startsAt = segments->value(4).toLongLong();
        segment.endsAt = segments->value(5).toLongLong();
        segment.resourceIds = idsFromJson(segments->value(6).toString());
    }
    segments->finish();
    return selected;
}

Result<QList<Staff>> Store::Private::attachSkills(QList<Staff> staff, const QString &where,
                                                  std::initializer_list<QVariant> values)
{
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < staff.size(); ++i)
        index.insert(staff.at(i).id, i);
    const Result<QSqlQuery *> read =
            this->read(QStringLiteral("SELECT staff_id, service_id, segments_override FROM "
                                      "staff_skills WHERE %1 ORDER BY salon_id, staff_id, position")
                               .arg(where),
                       values);
    if (!read)
        return read.error();
    QSqlQuery *query = *read;
    while (query->next()) {
        const qsizetype at = index.value(query->value(0).toString(), -1);
        if (at < 0)
            continue;
        staff[at].skills.append({query->value(1).toString(),
                                 segmentsFromJson(toArray(query->value(2).toString()))});
    }
    query->finish();
    return staff;
}

} // namespace chairside
