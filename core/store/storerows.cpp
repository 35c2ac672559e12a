#include "storerows.h"
#include "store.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSqlQuery>

#include <iterator>

namespace chairside::storedetail {

QDate toDate(const QVariant &v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonArray toArray(const QString &json)
{
    return json.isEmpty() ? QJsonArray() : QJsonDocument::fromJson(json.toUtf8()).array();
}

// Empty for an empty list: most segments hold no resource. Plain ids (the
// usual case) are written directly; a JSON document per segment showed up
// in bulk writes.
QString idsToJson(const QStringList &ids)
{
    if (ids.isEmpty())
        return {};
    QString json = QStringLiteral("[");
    for (const QString &id : ids) {
        for (QChar c : id) {
            if (c == u'"' || c == u'\\' || c.unicode() < 0x20)
                return compact(QJsonArray::fromStringList(ids));
        }
        if (json.size() > 1)
            json += QLatin1Char(',');
        json += QLatin1Char('"') + id + QLatin1Char('"');
    }
    return json + QLatin1Char(']');
}

QStringList idsFromJson(const QString &json)
{
    QStringList ids;
    const QJsonArray array = toArray(json);
    ids.reserve(array.size());
    for (const QJsonValue &value : array)
        ids.append(value.toString());
    return ids;
}

QString openingHoursToJson(const std::array<DayHours, 7> &hours)
{
    QJsonArray array;
    for (const DayHours &day : hours)
        array.append(QJsonArray{day.openMinute, day.closeMinute});
    return compact(array);
}

std::array<DayHours, 7> openingHoursFromJson(const QString &json)
{
    std::array<DayHours, 7> hours;
    const QJsonArray array = toArray(json);
    for (qsizetype i = 0; i < array.size() && i < 7; ++i) {
        const QJsonArray day = array.at(i).toArray();
        hours[size_t(i)] = {day.at(0).toInt(-1), day.at(1).toInt(-1)};
    }
    return hours;
}

// Case- and accent-folded, spaces collapsed: "Zoë  LEE" and "zoe lee" match.
QString searchKey(const QString &s)
{
    const QString decomposed = s.simplified().normalized(QString::NormalizationForm_KD);
    QString key;
    key.reserve(decomposed.size());
    for (QChar c : decomposed) {
        const QChar::Category category = c.category();
        if (category != QChar::Mark_NonSpacing && category != QChar::Mark_SpacingCombining
            && category != QChar::Mark_Enclosing)
            key.append(c);
    }
    return key.toCaseFolded();
}

QString phoneDigits(const QString &s)
{
    QString digits;
    for (QChar c : s) {
        if (c.isDigit())
            digits.append(QChar(u'0' + c.digitValue()));
    }
    return digits;
}

// A search made only of digits and the punctuation people type in phone
// numbers ("+44 (0)20 7946-0018") is also matched against phones.
bool looksLikePhone(const QString &s)
{
    bool anyDigit = false;
    for (QChar c : s) {
        if (c.isDigit())
            anyDigit = true;
        else if (!c.isSpace() && !QStringLiteral("+-()./").contains(c))
            return false;
    }
    return anyDigit;
}

QString likeContains(const QString &s)
{
    QString escaped = s;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// The whole visit, buffers included: what a day view must show.
std::pair<qint64, qint64> visitSpan(const Appointment &appointment)
{
    qint64 start = 0;
    qint64 end = 0;
    bool first = true;
    for (const ServiceLine &line : appointment.lines) {
        for (const BookedSegment &segment : line.segments) {
            if (first || segment.startsAt < start)
                start = segment.startsAt;
            if (first || segment.endsAt > end)
                end = segment.endsAt;
            first = false;
        }
    }
    return {start, end};
}

QString entityNoun(Entity entity)
{
    switch (entity) {
    case Entity::Salon: return QCoreApplication::translate("chairside", "salon");
    case Entity::Staff: return QCoreApplication::translate("chairside", "staff member");
    case Entity::Service: return QCoreApplication::translate("chairside", "service");
    case Entity::Resource: return QCoreApplication::translate("chairside", "resource");
    case Entity::Client: return QCoreApplication::translate("chairside", "client");
    case Entity::Shift: return QCoreApplication::translate("chairside", "shift");
    case Entity::ShiftException: return QCoreApplication::translate("chairside", "shift exception");
    case Entity::TimeOff: return QCoreApplication::translate("chairside", "time off");
    case Entity::Appointment: return QCoreApplication::translate("chairside", "appointment");
    case Entity::StandingAppointment:
        return QCoreApplication::translate("chairside", "standing appointment");
    case Entity::WaitlistEntry: return QCoreApplication::translate("chairside", "waitlist entry");
    }
    return {};
}

QString tableOf(Entity entity)
{
    switch (entity) {
    case Entity::Salon: return QStringLiteral("salons");
    case Entity::Staff: return QStringLiteral("staff");
    case Entity::Service: return QStringLiteral("services");
    case Entity::Resource: return QStringLiteral("resources");
    case Entity::Client: return QStringLiteral("clients");
    case Entity::Shift: return QStringLiteral("shifts");
    case Entity::ShiftException: return QStringLiteral("shift_exceptions");
    case Entity::TimeOff: return QStringLiteral("time_off");
    case Entity::Appointment: return QStringLiteral("appointments");
    case Entity::StandingAppointment: return QStringLiteral("standing_appointments");
    case Entity::WaitlistEntry: return QStringLiteral("waitlist");
    }
    return {};
}

// --- reading rows

OutboxEntry outboxEntryFrom(const QSqlQuery &q)
{
    OutboxEntry entry;
    entry.sequence = q.value(0).toLongLong();
    entityFromName(q.value(1).toString(), &entry.entity);
    entry.op = q.value(2).toString() == changeOpName(Change::Op::Removed) ? Change::Op::Removed
                                                                          : Change::Op::Upserted;
    entry.entityId = q.value(3).toString();
    entry.salonId = q.value(4).toString();
    entry.payload = q.value(5).toString().toUtf8();
    entry.createdAt = q.value(6).toLongLong();
    return entry;
}

Salon salonFrom(const QSqlQuery &q)
{
    Salon s;
    s.id = q.value(0).toString();
    s.name = q.value(1).toString();
    s.timeZone = q.value(2).toString();
    s.openingHours = openingHoursFromJson(q.value(3).toString());
    s.patchTestMinHours = q.value(4).toInt();
    s.patchTestMaxDays = q.value(5).toInt();
    return s;
}
const QString salonColumns = QStringLiteral(
        "id, name, time_zone, opening_hours, patch_test_min_hours, patch_test_max_days");

Staff staffFrom(const QSqlQuery &q)
{
    Staff s;
    s.salonId = q.value(0).toString();
    s.id = q.value(1).toString();
    s.name = q.value(2).toString();
    staffRoleFromName(q.value(3).toString(), &s.role);
    s.colour = q.value(4).toString();
    s.active = q.value(5).toBool();
    return s;
}
const QString staffColumns = QStringLiteral("salon_id, id, name, role, colour, active");

Service serviceFrom(const QSqlQuery &q)
{
    Service s;
    s.salonId = q.value(0).toString();
    s.id = q.value(1).toString();
    s.name = q.value(2).toString();
    s.category = q.value(3).toString();
    s.priceCents = q.value(4).toLongLong();
    s.segments = segmentsFromJson(toArray(q.value(5).toString()));
    s.bufferAfterMinutes = q.value(6).toInt();
    s.active = q.value(7).toBool();
    s.rebookWeeks = q.value(8).toInt();
    s.needsPatchTest = q.value(9).toBool();
    return s;
}
const QString serviceColumns =
        QStringLiteral("salon_id, id, name, category, price_cents, segments, "
                       "buffer_after_minutes, active, rebook_weeks, needs_patch_test");

Resource resourceFrom(const QSqlQuery &q)
{
    Resource r;
    r.salonId = q.value(0).toString();
    r.id = q.value(1).toString();
    r.name = q.value(2).toString();
    r.kind = q.value(3).toString();
    r.count = q.value(4).toInt();
    return r;
}
const QString resourceColumns = QStringLiteral("salon_id, id, name, kind, count");

Client clientFrom(const QSqlQuery &q)
{
    Client c;
    c.salonId = q.value(0).toString();
    c.id = q.value(1).toString();
    c.name = q.value(2).toString();
    c.phone = q.value(3).toString();
    c.email = q.value(4).toString();
    c.notes = q.value(5).toString();
    c.patchTestDate = toDate(q.value(6));
    c.noShowCount = q.value(7).toInt();
    c.consentSms = q.value(8).toBool();
    c.consentEmail = q.value(9).toBool();
    c.consentPhotos = q.value(10).toBool();
    return c;
}
const QString clientColumns =
        QStringLiteral("salon_id, id, name, phone, email, notes, patch_test_date, no_show_count, "
                       "consent_sms, consent_email, consent_photos");

Shift shiftFrom(const QSqlQuery &q)
{
    Shift s;
    s.id = q.value(0).toString();
    s.staffId = q.value(1).toString();
    s.weekday = q.value(2).toInt();
    s.startMinute = q.value(3).toInt();
    s.endMinute = q.value(4).toInt();
    s.breaks = breaksFromJson(toArray(q.value(5).toString()));
    s.everyWeeks = q.value(6).toInt();
    s.anchorDate = toDate(q.value(7));
    s.validFrom = toDate(q.value(8));
    s.validUntil = toDate(q.value(9));
    return s;
}
const QString shiftColumns =
        QStringLiteral("id, staff_id, weekday, start_minute, end_minute, breaks, every_weeks, "
                       "anchor_date, valid_from, valid_until");

ShiftException shiftExceptionFrom(const QSqlQuery &q)
{
    ShiftException e;
    e.id = q.value(0).toString();
    e.staffId = q.value(1).toString();
    e.date = toDate(q.value(2));
    e.working = q.value(3).toBool();
    e.startMinute = q.value(4).toInt();
    e.endMinute = q.value(5).toInt();
    e.breaks = breaksFromJson(toArray(q.value(6).toString()));
    e.reason = q.value(7).toString();
    return e;
}
const QString shiftExceptionColumns =
        QStringLiteral("id, staff_id, date, working, start_minute, end_minute, breaks, reason");

TimeOff timeOffFrom(const QSqlQuery &q)
{
    TimeOff t;
    t.id = q.value(0).toString();
    t.staffId = q.value(1).toString();
    t.startsAt = q.value(2).toLongLong();
    t.endsAt = q.value(3).toLongLong();
    t.reason = q.value(4).toString();
    return t;
}
const QString timeOffColumns = QStringLiteral("id, staff_id, starts_at, ends_at, reason");

StandingAppointment standingFrom(const QSqlQuery &q)
{
    StandingAppointment s;
    s.salonId = q.value(0).toString();
    s.id = q.value(1).toString();
    s.clientId = q.value(2).toString();
    s.rrule = q.value(3).toString();
    s.firstStartsAt = q.value(4).toLongLong();
    return s;
}
const QString standingColumns = QStringLiteral("salon_id, id, client_id, rrule, first_starts_at");

WaitlistEntry waitlistFrom(const QSqlQuery &q)
{
    WaitlistEntry w;
    w.salonId = q.value(0).toString();
    w.id = q.value(1).toString();
    w.clientId = q.value(2).toString();
    w.serviceIds = idsFromJson(q.value(3).toString());
    w.staffId = q.value(4).toString();
    w.earliest = toDate(q.value(5));
    w.latest = toDate(q.value(6));
    w.notes = q.value(7).toString();
    w.createdAt = q.value(8).toLongLong();
    return w;
}
const QString waitlistColumns = QStringLiteral(
        "salon_id, id, client_id, service_ids, staff_id, earliest, latest, notes, created_at");

Appointment appointmentFrom(const QSqlQuery &q)
{
    Appointment a;
    a.id = q.value(0).toString();
    a.salonId = q.value(1).toString();
    a.clientId = q.value(2).toString();
    appointmentStatusFromName(q.value(3).toString(), &a.status);
    a.walkIn = q.value(4).toBool();
    a.notes = q.value(5).toString();
    a.depositCents = q.value(6).toLongLong();
    a.overbooked = q.value(7).toBool();
    a.overbookReason = q.value(8).toString();
    a.seriesId = q.value(9).toString();
    a.createdBy = q.value(10).toString();
    a.createdAt = q.value(11).toLongLong();
    a.changedBy = q.value(12).toString();
    a.changedAt = q.value(13).toLongLong();
    // 14 is the visit's row (appointmentRowColumn)
    a.cancelReason = q.value(15).toString();
    return a;
}
const QString appointmentColumns =
        QStringLiteral("a.id, a.salon_id, a.client_id, a.status, a.walk_in, a.notes, "
                       "a.deposit_cents, a.overbooked, "
                       "a.overbook_reason, a.series_id, a.created_by, a.created_at, a.changed_by, "
                       "a.changed_at, a.row, a.cancel_reason");

// --- writing rows

namespace {

const QString insertSalonSql = QStringLiteral(
        "INSERT INTO salons (id, name, time_zone, opening_hours, patch_test_min_hours, "
        "patch_test_max_days) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, "
        "opening_hours = excluded.opening_hours, "
        "patch_test_min_hours = excluded.patch_test_min_hours, "
        "patch_test_max_days = excluded.patch_test_max_days");
const QString insertStaffSql = QStringLiteral(
        "INSERT INTO staff (salon_id, id, name, role, colour, active) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (salon_id, id) DO UPDATE SET name = excluded.name, role = excluded.role, "
        "colour = excluded.colour, active = excluded.active");
const QString deleteSkillsSql =
        QStringLiteral("DELETE FROM staff_skills WHERE salon_id = ? AND staff_id = ?");
const QString insertSkillSql =
        QStringLiteral("INSERT INTO staff_skills (salon_id, staff_id, position, service_id, "
                       "segments_override) VALUES (?, ?, ?, ?, ?)");
const QString insertServiceSql = QStringLiteral(
        "INSERT INTO services (salon_id, id, name, category, price_cents, segments, "
        "buffer_after_minutes, active, rebook_weeks, needs_patch_test) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (salon_id, id) DO UPDATE SET name = excluded.name, category = "
        "excluded.category, "
        "price_cents = excluded.price_cents, segments = excluded.segments, "
        "buffer_after_minutes = excluded.buffer_after_minutes, active = excluded.active, "
        "rebook_weeks = excluded.rebook_weeks, needs_patch_test = excluded.needs_patch_test");
const QString insertResourceSql = QStringLiteral(
        "INSERT INTO resources (salon_id, id, name, kind, count) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (salon_id, id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
        "count = excluded.count");
const QString insertClientSql = QStringLiteral(
        "INSERT INTO clients (salon_id, id, name, phone, email, notes, patch_test_date, "
        "no_show_count, "
        "consent_sms, consent_email, consent_photos, name_key, phone_digits) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (salon_id, id) DO UPDATE SET name = excluded.name, phone = excluded.phone, "
        "email = excluded.email, notes = excluded.notes, patch_test_date = "
        "excluded.patch_test_date, "
        "no_show_count = excluded.no_show_count, consent_sms = excluded.consent_sms, "
        "consent_email = excluded.consent_email, consent_photos = excluded.consent_photos, "
        "name_key = excluded.name_key, phone_digits = excluded.phone_digits");
const QString insertShiftSql = QStringLiteral(
        "INSERT INTO shifts (salon_id, id, staff_id, weekday, start_minute, end_minute, breaks, "
        "every_weeks, "
        "anchor_date, valid_from, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (salon_id, id) DO UPDATE SET staff_id = excluded.staff_id, weekday = "
        "excluded.weekday, "
        "start_minute = excluded.start_minute, end_minute = excluded.end_minute, breaks = "
        "excluded.breaks, "
        "every_weeks = excluded.every_weeks, anchor_date = excluded.anchor_date, "
        "valid_from = excluded.valid_from, valid_until = excluded.valid_until");
const QString insertShiftExceptionSql =
        QStringLiteral("INSERT INTO shift_exceptions (salon_id, id, staff_id, date, working, "
                       "start_minute, end_minute, breaks, reason) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (salon_id, id) DO UPDATE SET staff_id = excluded.staff_id, "
                       "date = excluded.date, "
                       "working = excluded.working, start_minute = excluded.start_minute, "
                       "end_minute = excluded.end_minute, "
                       "breaks = excluded.breaks, reason = excluded.reason");
const QString insertTimeOffSql =
        QStringLiteral("INSERT INTO time_off (salon_id, id, staff_id, starts_at, ends_at, reason) "
                       "VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (salon_id, id) DO UPDATE SET staff_id = excluded.staff_id, "
                       "starts_at = excluded.starts_at, "
                       "ends_at = excluded.ends_at, reason = excluded.reason");
const QString insertStandingSql =
        QStringLiteral("INSERT INTO standing_appointments (salon_id, id, client_id, rrule, "
                       "first_starts_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (salon_id, id) DO UPDATE SET client_id = excluded.client_id, "
                       "rrule = excluded.rrule, "
                       "first_starts_at = excluded.first_starts_at");
const QString insertWaitlistSql = QStringLiteral(
        "INSERT INTO waitlist (salon_id, id, client_id, service_ids, staff_id, earliest, latest, "
        "notes, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (salon_id, id) DO UPDATE SET client_id = excluded.client_id, service_ids = "
        "excluded.service_ids, "
        "staff_id = excluded.staff_id, earliest = excluded.earliest, latest = excluded.latest, "
        "notes = excluded.notes, created_at = excluded.created_at");
const QString insertAppointmentSql =
        QStringLiteral("INSERT INTO appointments (salon_id, id, client_id, status, walk_in, notes, "
                       "deposit_cents, overbooked, "
                       "overbook_reason, series_id, created_by, created_at, changed_by, "
                       "changed_at, starts_at, ends_at, cancel_reason) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
const QString insertLineSql = QStringLiteral("INSERT INTO appointment_lines (salon_id, "
                                             "appointment_row, position, id, service_id, staff_id) "
                                             "VALUES (?, ?, ?, ?, ?, ?)");
const QString insertSegmentSql =
        QStringLiteral("INSERT INTO appointment_segments (salon_id, appointment_row, "
                       "line_position, position, staff_id, kind, "
                       "starts_at, ends_at, resource_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
const QString oldAppointmentSql =
        QStringLiteral("SELECT salon_id, starts_at, ends_at FROM appointments WHERE id = ?");
const QString deleteAppointmentSql = QStringLiteral("DELETE FROM appointments WHERE id = ?");
const QString widenSpanSql =
        QStringLiteral("INSERT INTO salon_visit_span (salon_id, max_seconds) VALUES (?, ?) "
                       "ON CONFLICT (salon_id) DO UPDATE SET max_seconds = MAX(max_seconds, "
                       "excluded.max_seconds)");
const QString insertOutboxSql =
        QStringLiteral("INSERT INTO outbox (entity, op, entity_id, salon_id, payload, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
const QString staffSalonSql = QStringLiteral("SELECT salon_id FROM staff WHERE id = ?");
const QString bumpGenerationSql =
        QStringLiteral("UPDATE book_generation SET value = value + 1 WHERE only_row = 1");
// IMMEDIATE: take the write lock up front, so a second connection waits
// (busy_timeout) instead of failing halfway through the change.
const QString beginSql = QStringLiteral("BEGIN IMMEDIATE");
const QString commitSql = QStringLiteral("COMMIT");

} // namespace

const QString &sqlText(Sql sql)
{
    static const QString *const texts[] = {
            &insertSalonSql,          &insertStaffSql,    &deleteSkillsSql,   &insertSkillSql,
            &insertServiceSql,        &insertResourceSql, &insertClientSql,   &insertShiftSql,
            &insertShiftExceptionSql, &insertTimeOffSql,  &insertStandingSql, &insertWaitlistSql,
            &insertAppointmentSql,    &insertLineSql,     &insertSegmentSql,  &oldAppointmentSql,
            &deleteAppointmentSql,    &widenSpanSql,      &insertOutboxSql,   &staffSalonSql,
            &bumpGenerationSql,       &beginSql,          &commitSql,
    };
    static_assert(std::size(texts) == size_t(Sql::Count));
    return *texts[size_t(sql)];
}

} // namespace chairside::storedetail
