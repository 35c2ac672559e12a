#include "store.h"

#include "migrations.h"
#include "storelogging.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaMethod>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QVariant>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <iterator>
#include <tuple>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcStore, "chairside.store")

namespace chairside {

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

const QString fileName = QStringLiteral("chairside.sqlite");

// Text columns are NOT NULL: a null QString is written as ''.
QVariant text(const QString &s)
{
    static const QString empty = QString::fromLatin1("", 0);
    return s.isNull() ? QVariant(empty) : QVariant(s);
}

// appointment_segments.kind stores SegmentKind as these numbers.
static_assert(int(SegmentKind::Busy) == 0 && int(SegmentKind::Processing) == 1
              && int(SegmentKind::Buffer) == 2);

// NULL for empty text, where a column is mostly empty (binding NULL is cheap).
QVariant optionalText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QVariant date(const QDate &d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate))
                       : QVariant(QMetaType::fromType<QString>());
}

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

// --- validation: cheap structural checks; the booking rules live in scheduling.

template <typename... Texts>
bool anyTooLong(const Texts &...texts)
{
    return ((texts.size() > Store::maxTextLength) || ...);
}

std::optional<Error> checkRow(Entity entity, const QString &id, const QString &salonId,
                              bool tooLong)
{
    if (id.isEmpty())
        return Error::invalid(
                QCoreApplication::translate("chairside", "The %1 has no id, so it cannot be saved.")
                        .arg(entityNoun(entity)));
    if (salonId.isEmpty())
        return Error::invalid(
                QCoreApplication::translate("chairside",
                                            "The %1 %2 belongs to no salon, so it cannot be saved.")
                        .arg(entityNoun(entity), id));
    if (tooLong)
        return Error::invalid(QCoreApplication::translate("chairside",
                                                          "A text of the %1 %2 is longer than %3 "
                                                          "characters; shorten it and save again.")
                                      .arg(entityNoun(entity), id)
                                      .arg(Store::maxTextLength));
    return std::nullopt;
}

std::optional<Error> check(const Salon &s)
{
    return checkRow(Entity::Salon, s.id, s.id, anyTooLong(s.name, s.timeZone));
}
std::optional<Error> check(const Staff &s)
{
    return checkRow(Entity::Staff, s.id, s.salonId, anyTooLong(s.name, s.colour));
}
std::optional<Error> check(const Service &s)
{
    return checkRow(Entity::Service, s.id, s.salonId, anyTooLong(s.name, s.category));
}
std::optional<Error> check(const Resource &r)
{
    return checkRow(Entity::Resource, r.id, r.salonId, anyTooLong(r.name, r.kind));
}
std::optional<Error> check(const Client &c)
{
    return checkRow(Entity::Client, c.id, c.salonId, anyTooLong(c.name, c.phone, c.email, c.notes));
}
std::optional<Error> check(const StandingAppointment &s)
{
    return checkRow(Entity::StandingAppointment, s.id, s.salonId, anyTooLong(s.rrule));
}
std::optional<Error> check(const WaitlistEntry &w)
{
    return checkRow(Entity::WaitlistEntry, w.id, w.salonId, anyTooLong(w.notes));
}

// Shifts, exceptions and time off name their stylist, whose salon they take.
std::optional<Error> checkStaffRow(Entity entity, const QString &id, const QString &staffId,
                                   bool tooLong)
{
    if (staffId.isEmpty())
        return Error::invalid(
                QCoreApplication::translate(
                        "chairside", "The %1 %2 names no staff member, so it cannot be saved.")
                        .arg(entityNoun(entity), id));
    return checkRow(entity, id, staffId, tooLong);
}
std::optional<Error> check(const Shift &s)
{
    return checkStaffRow(Entity::Shift, s.id, s.staffId, false);
}
std::optional<Error> check(const ShiftException &e)
{
    return checkStaffRow(Entity::ShiftException, e.id, e.staffId, anyTooLong(e.reason));
}
std::optional<Error> check(const TimeOff &t)
{
    return checkStaffRow(Entity::TimeOff, t.id, t.staffId, anyTooLong(t.reason));
}

std::optional<Error> check(const Appointment &a)
{
    if (auto error = checkRow(Entity::Appointment, a.id, a.salonId,
                              anyTooLong(a.notes, a.overbookReason, a.createdBy, a.changedBy)))
        return error;
    if (a.lines.isEmpty())
        return Error::invalid(
                QCoreApplication::translate(
                        "chairside", "The appointment %1 has no service, so it cannot be saved.")
                        .arg(a.id));
    for (const ServiceLine &line : a.lines) {
        if (line.segments.isEmpty())
            return Error::invalid(
                    QCoreApplication::translate(
                            "chairside",
                            "A service of the appointment %1 has no times, so it cannot be saved.")
                            .arg(a.id));
        for (const BookedSegment &segment : line.segments) {
            if (segment.endsAt < segment.startsAt)
                return Error::invalid(
                        QCoreApplication::translate(
                                "chairside", "A part of the appointment %1 ends before it starts.")
                                .arg(a.id));
        }
    }
    const auto [start, end] = visitSpan(a);
    if (end <= start)
        return Error::invalid(
                QCoreApplication::translate(
                        "chairside", "The appointment %1 takes no time, so it cannot be saved.")
                        .arg(a.id));
    return std::nullopt;
}

// --- reading rows

Salon salonFrom(const QSqlQuery &q)
{
    Salon s;
    s.id = q.value(0).toString();
    s.name = q.value(1).toString();
    s.timeZone = q.value(2).toString();
    s.openingHours = openingHoursFromJson(q.value(3).toString());
    return s;
}
const QString salonColumns = QStringLiteral("id, name, time_zone, opening_hours");

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
    return s;
}
const QString serviceColumns = QStringLiteral(
        "salon_id, id, name, category, price_cents, segments, buffer_after_minutes, active");

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
    return a;
}
const QString appointmentColumns =
        QStringLiteral("a.id, a.salon_id, a.client_id, a.status, a.walk_in, a.notes, "
                       "a.deposit_cents, a.overbooked, "
                       "a.overbook_reason, a.series_id, a.created_by, a.created_at, a.changed_by, "
                       "a.changed_at, a.row");
constexpr int appointmentRowColumn = 14;

// --- writing rows

const QString insertSalonSql = QStringLiteral(
        "INSERT INTO salons (id, name, time_zone, opening_hours) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, "
        "opening_hours = excluded.opening_hours");
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
        "buffer_after_minutes, active) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (salon_id, id) DO UPDATE SET name = excluded.name, category = "
        "excluded.category, "
        "price_cents = excluded.price_cents, segments = excluded.segments, "
        "buffer_after_minutes = excluded.buffer_after_minutes, active = excluded.active");
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
                       "changed_at, starts_at, ends_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
// IMMEDIATE: take the write lock up front, so a second connection waits
// (busy_timeout) instead of failing halfway through the change.
const QString beginSql = QStringLiteral("BEGIN IMMEDIATE");
const QString commitSql = QStringLiteral("COMMIT");

// The statements every write runs, prepared once per Store and found by
// index: looking a long SQL text up in a hash for each of 700k rows costs
// more than SQLite's work.
enum class Sql {
    InsertSalon,
    InsertStaff,
    DeleteSkills,
    InsertSkill,
    InsertService,
    InsertResource,
    InsertClient,
    InsertShift,
    InsertShiftException,
    InsertTimeOff,
    InsertStanding,
    InsertWaitlist,
    InsertAppointment,
    InsertLine,
    InsertSegment,
    OldAppointment,
    DeleteAppointment,
    WidenSpan,
    InsertOutbox,
    StaffSalon,
    Begin,
    Commit,
    Count
};

const QString &sqlText(Sql sql)
{
    static const QString *const texts[] = {
            &insertSalonSql,
            &insertStaffSql,
            &deleteSkillsSql,
            &insertSkillSql,
            &insertServiceSql,
            &insertResourceSql,
            &insertClientSql,
            &insertShiftSql,
            &insertShiftExceptionSql,
            &insertTimeOffSql,
            &insertStandingSql,
            &insertWaitlistSql,
            &insertAppointmentSql,
            &insertLineSql,
            &insertSegmentSql,
            &oldAppointmentSql,
            &deleteAppointmentSql,
            &widenSpanSql,
            &insertOutboxSql,
            &staffSalonSql,
            &beginSql,
            &commitSql,
    };
    static_assert(std::size(texts) == size_t(Sql::Count));
    return *texts[size_t(sql)];
}

QAtomicInt connectionCounter;

} // namespace

// ---------------------------------------------------------------------------

struct Store::Private
{
    QString path;
    QString connectionName;
    QSqlDatabase db;
    int schemaVersion = 0;
    int failCountdown = 0;     // failAfterStatements(): statements left until the fault
    QSqlError lastError;       // of the statement that failed last
    bool selectFailed = false; // whether the last select() failed
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> statements;
    std::array<QSqlQuery *, size_t(Sql::Count)> writeStatements{};
    // What each write statement has bound now. QSqlQuery keeps bound values
    // between runs, and binding costs Qt a string and a hash lookup per value,
    // so only values that changed are bound again (a visit's salon and row
    // stay the same for all its lines and segments).
    std::array<QVariantList, size_t(Sql::Count)> boundNow;
    std::array<QStringList, size_t(Sql::Count)> placeholderNames;
    std::unique_ptr<QThread> checkThread; // open(..., Check::InBackground)

    // A statement prepared once and reused; nullptr (and lastError) if SQLite refused it.
    QSqlQuery *prepared(const QString &sql);
    QSqlQuery *prepared(Sql sql);
    void forgetStatements();
    // Bind and run; every statement goes through them, so the fault seam sees all.
    QSqlQuery *exec(const QString &sql, std::initializer_list<QVariant> values);
    QSqlQuery *exec(Sql sql, std::initializer_list<QVariant> values);
    bool run(Sql sql, std::initializer_list<QVariant> values)
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
    Error failure() const;

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

    template <typename T, typename RowReader>
    QList<T> select(const QString &sql, std::initializer_list<QVariant> values, RowReader reader);
    QList<Appointment> loadAppointments(const QString &where,
                                        std::initializer_list<QVariant> values,
                                        const QString &order);
    void attachSkills(QList<Staff> &staff, const QString &where,
                      std::initializer_list<QVariant> values);
};

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

bool Store::Private::appendOutbox(Entity entity, Change::Op op, const QString &id,
                                  const QString &salonId, const QString &payload)
{
    return run(Sql::InsertOutbox,
               {entityName(entity), changeOpName(op), text(id), text(salonId), text(payload),
                QDateTime::currentSecsSinceEpoch()});
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
               {s.id, text(s.name), text(s.timeZone), openingHoursToJson(s.openingHours)});
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
                compact(segmentsToJson(s.segments)), s.bufferAfterMinutes, s.active});
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
    QSqlQuery *inserted = exec(Sql::InsertAppointment,
                               {a.salonId, a.id, optionalText(a.clientId),
                                appointmentStatusName(a.status), a.walkIn, optionalText(a.notes),
                                a.depositCents, a.overbooked, optionalText(a.overbookReason),
                                optionalText(a.seriesId), optionalText(a.createdBy), a.createdAt,
                                optionalText(a.changedBy), a.changedAt, startsAt, endsAt});
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

template <typename Row>
Result<void> Store::Private::saveRow(Entity entity, const Row &row, const QString &salonId,
                                     bool (Private::*writer)(const Row &), ChangeSet &changes)
{
    if (!(this->*writer)(row)
        || !appendOutbox(entity, Change::Op::Upserted, row.id, salonId, compact(row.toJson())))
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
                        .arg(row.staffId, entityNoun(entity)));
    if (!(this->*writer)(row, *salonId)
        || !appendOutbox(entity, Change::Op::Upserted, row.id, *salonId, compact(row.toJson())))
        return failure();
    changes.append({entity, Change::Op::Upserted, row.id, *salonId});
    return {};
}

template <typename T, typename RowReader>
QList<T> Store::Private::select(const QString &sql, std::initializer_list<QVariant> values,
                                RowReader reader)
{
    QList<T> rows;
    QSqlQuery *query = exec(sql, values);
    selectFailed = query == nullptr;
    if (!query)
        return rows;
    while (query->next())
        rows.append(reader(*query));
    query->finish();
    return rows;
}

// Three queries whatever the number of visits: the visits, then all their
// lines, then all their segments, each selected by the same condition.
QList<Appointment> Store::Private::loadAppointments(const QString &where,
                                                    std::initializer_list<QVariant> values,
                                                    const QString &order)
{
    QList<qint64> rowOf;
    QList<Appointment> appointments =
            select<Appointment>(QStringLiteral("SELECT %1 FROM appointments a WHERE %2 ORDER BY %3")
                                        .arg(appointmentColumns, where, order),
                                values, [&rowOf](const QSqlQuery &q) {
                                    rowOf.append(q.value(appointmentRowColumn).toLongLong());
                                    return appointmentFrom(q);
                                });
    if (appointments.isEmpty())
        return appointments;
    QHash<qint64, qsizetype> index;
    index.reserve(appointments.size());
    for (qsizetype i = 0; i < appointments.size(); ++i)
        index.insert(rowOf.at(i), i);

    QSqlQuery *lines = exec(
            QStringLiteral("SELECT l.appointment_row, l.position, l.id, l.service_id, l.staff_id "
                           "FROM appointments a JOIN appointment_lines l "
                           "ON l.salon_id = a.salon_id AND l.appointment_row = a.row WHERE %1")
                    .arg(where),
            values);
    if (!lines)
        return {};
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

    QSqlQuery *segments =
            exec(QStringLiteral("SELECT s.appointment_row, s.line_position, s.position, s.kind, "
                                "s.starts_at, s.ends_at, s.resource_ids "
                                "FROM appointments a JOIN appointment_segments s "
                                "ON s.salon_id = a.salon_id AND s.appointment_row = a.row WHERE %1")
                         .arg(where),
                 values);
    if (!segments)
        return {};
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
    return appointments;
}

void Store::Private::attachSkills(QList<Staff> &staff, const QString &where,
                                  std::initializer_list<QVariant> values)
{
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < staff.size(); ++i)
        index.insert(staff.at(i).id, i);
    QSqlQuery *query =
            exec(QStringLiteral("SELECT staff_id, service_id, segments_override FROM staff_skills "
                                "WHERE %1 ORDER BY salon_id, staff_id, position")
                         .arg(where),
                 values);
    if (!query)
        return;
    while (query->next()) {
        const qsizetype at = index.value(query->value(0).toString(), -1);
        if (at < 0)
            continue;
        staff[at].skills.append({query->value(1).toString(),
                                 segmentsFromJson(toArray(query->value(2).toString()))});
    }
    query->finish();
}

// ---------------------------------------------------------------------------

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

QString Store::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1Char('/')
            + fileName;
}

QString Store::pathIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(fileName);
}

namespace {

// Write permission as the file's mode says, not only as access() says: a file
// marked read-only stays untouched even when the app runs as root.
bool markedWritable(const QFileInfo &info)
{
    constexpr auto anyWrite =
            QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    return info.isWritable() && (info.permissions() & anyWrite);
}

Error readOnlyError(const QString &what)
{
    return {Error::Code::ReadOnly,
            QCoreApplication::translate(
                    "chairside",
                    "%1 cannot be written, so Chairside cannot keep its appointment book there. "
                    "Make it writable or choose another data folder.")
                    .arg(QDir::toNativeSeparators(what))};
}

Error notOursError(const QString &path)
{
    return {Error::Code::Corrupt,
            QCoreApplication::translate("chairside",
                                        "%1 is not a Chairside store (it belongs to another "
                                        "program or is not a database). "
                                        "It was left untouched; choose another data folder.")
                    .arg(QDir::toNativeSeparators(path))};
}

// Checks made before SQLite sees the file, so nothing is ever written to a
// file that is read-only or not a database.
std::optional<Error> checkFile(const QString &path)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QFileInfo::exists(dir) && !QDir().mkpath(dir))
        return readOnlyError(dir);
    // WAL keeps two files next to the store, so the folder must be writable too.
    if (!markedWritable(QFileInfo(dir)))
        return readOnlyError(dir);
    if (!info.exists())
        return std::nullopt;
    if (!info.isFile())
        return notOursError(path);
    if (!markedWritable(info))
        return readOnlyError(path);
    if (info.size() == 0)
        return std::nullopt; // an empty file is a new database to SQLite
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return readOnlyError(path);
    static const QByteArray sqliteHeader("SQLite format 3\0", 16);
    if (file.read(16) != sqliteHeader)
        return notOursError(path);
    return std::nullopt;
}

// What PRAGMA quick_check said, as an error when it found damage.
std::optional<Error> quickCheckError(const QString &path, const QString &result)
{
    if (result == QLatin1String("ok"))
        return std::nullopt;
    qCWarning(lcStore) << "quick_check failed:" << result;
    // The first problem is enough to show; the log has them all.
    QString first;
    const QStringList problems = result.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &problem : problems) {
        if (!problem.startsWith(QLatin1String("***"))) {
            first = problem.left(200);
            break;
        }
    }
    return Error{Error::Code::Corrupt,
                 QCoreApplication::translate("chairside",
                                             "The store file %1 is damaged (%2). Restore it from a "
                                             "backup or import an export.")
                         .arg(QDir::toNativeSeparators(path), first)};
}

} // namespace

// quick_check reads every page, a few hundred ms for 100k appointments: here
// it runs on its own read-only connection in a thread while the book shows.
void Store::startQuickCheck()
{
    const QString path = d->path;
    const QString connection =
            QStringLiteral("chairside-check-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    d->checkThread.reset(QThread::create([this, path, connection] {
        QString result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
            QSqlQuery query(db);
            if (!db.open())
                result = db.lastError().text();
            else if (!query.exec(QStringLiteral("PRAGMA quick_check")) || !query.next())
                result = query.lastError().text();
            else
                result = query.value(0).toString();
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        const std::optional<Error> damage = quickCheckError(path, result);
        // ~Store waits for this thread, so `this` is alive to queue to.
        QMetaObject::invokeMethod(
                this,
                [this, damage] {
                    emit quickCheckFinished(!damage, damage ? damage->message : QString());
                },
                Qt::QueuedConnection);
    }));
    d->checkThread->start(QThread::LowPriority);
}

Result<std::unique_ptr<Store>> Store::open(const QString &path, Check check)
{
    if (path.isEmpty())
        return Error::usage(QCoreApplication::translate("chairside", "No store file was given."));
    if (auto error = checkFile(path))
        return *error;

    std::unique_ptr<Store> store(new Store);
    Private &d = *store->d;
    d.path = QFileInfo(path).absoluteFilePath();
    d.connectionName =
            QStringLiteral("chairside-store-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    d.db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d.connectionName);
    d.db.setDatabaseName(d.path);
    d.db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!d.db.open()) {
        d.lastError = d.db.lastError();
        return d.failure();
    }

    // Reads first: nothing is written until the file is known to be ours.
    auto pragma = [&d](const QString &sql) -> std::optional<QVariant> {
        QSqlQuery *query = d.exec(sql, {});
        if (!query)
            return std::nullopt;
        const QVariant value = query->next() ? query->value(0) : QVariant();
        query->finish();
        return value;
    };
    const auto applicationId = pragma(QStringLiteral("PRAGMA application_id"));
    const auto version = pragma(QStringLiteral("PRAGMA user_version"));
    const auto tables = pragma(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!applicationId || !version || !tables)
        return d.failure();
    if (applicationId->toInt() != Migrations::applicationId
        && (applicationId->toInt() != 0 || tables->toInt() > 0)) {
        qCWarning(lcStore) << "refused a SQLite file with application_id" << applicationId->toInt();
        return notOursError(d.path);
    }
    if (version->toInt() > Migrations::latestVersion()) {
        return Error::storage(
                QCoreApplication::translate("chairside",
                                            "The store file %1 was written by a newer version of "
                                            "Chairside (schema %2; this "
                                            "version knows up to %3). Update Chairside to open it.")
                        .arg(QDir::toNativeSeparators(d.path))
                        .arg(version->toInt())
                        .arg(Migrations::latestVersion()));
    }
    if (check == Check::BeforeOpening) {
        const auto checked = pragma(QStringLiteral("PRAGMA quick_check"));
        if (!checked)
            return d.failure();
        if (auto damage = quickCheckError(d.path, checked->toString()))
            return *damage;
    }

    const auto journal = pragma(QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!journal)
        return d.failure();
    if (journal->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        qCWarning(lcStore) << "journal mode is" << journal->toString() << "instead of WAL";
    for (const QString &setting :
         {QStringLiteral("PRAGMA synchronous = NORMAL"), QStringLiteral("PRAGMA foreign_keys = ON"),
          QStringLiteral("PRAGMA busy_timeout = 5000"),
          QStringLiteral("PRAGMA cache_size = -65536"),
          QStringLiteral("PRAGMA temp_store = MEMORY")}) {
        if (!pragma(setting))
            return d.failure();
    }

    if (auto migrated = Migrations::apply(d.db, version->toInt()); !migrated.ok())
        return migrated.error();
    d.schemaVersion = Migrations::latestVersion();
    // Migrations change the schema: statements prepared before are stale.
    d.forgetStatements();
    qCDebug(lcStore) << "opened store, schema" << d.schemaVersion;
    if (check == Check::InBackground)
        store->startQuickCheck();
    return store;
}

QString Store::path() const
{
    return d->path;
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

QList<Salon> Store::salons() const
{
    return d->select<Salon>(
            QStringLiteral("SELECT %1 FROM salons ORDER BY name, id").arg(salonColumns), {},
            salonFrom);
}

std::optional<Salon> Store::salon(const QString &id) const
{
    const QList<Salon> rows =
            d->select<Salon>(QStringLiteral("SELECT %1 FROM salons WHERE id = ?").arg(salonColumns),
                             {id}, salonFrom);
    return rows.isEmpty() ? std::nullopt : std::optional<Salon>(rows.constFirst());
}

QList<Staff> Store::staff(const QString &salonId) const
{
    QList<Staff> staff = d->select<Staff>(
            QStringLiteral("SELECT %1 FROM staff WHERE salon_id = ? ORDER BY name, id")
                    .arg(staffColumns),
            {salonId}, staffFrom);
    d->attachSkills(staff, QStringLiteral("salon_id = ?"), {salonId});
    return staff;
}

QList<Service> Store::services(const QString &salonId) const
{
    return d->select<Service>(
            QStringLiteral("SELECT %1 FROM services WHERE salon_id = ? ORDER BY category, name, id")
                    .arg(serviceColumns),
            {salonId}, serviceFrom);
}

QList<Resource> Store::resources(const QString &salonId) const
{
    return d->select<Resource>(
            QStringLiteral("SELECT %1 FROM resources WHERE salon_id = ? ORDER BY name, id")
                    .arg(resourceColumns),
            {salonId}, resourceFrom);
}

QList<Client> Store::clients(const QString &salonId, const QString &search, int limit) const
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
    return d->select<Client>(
            QStringLiteral(
                    "SELECT %1 FROM clients WHERE salon_id = ? AND (name_key LIKE ? ESCAPE '\\' "
                    "OR (? <> '' AND phone_digits LIKE ? ESCAPE '\\')) ORDER BY name_key, id LIMIT "
                    "?")
                    .arg(clientColumns),
            {salonId, likeContains(key), text(digits), likeContains(digits), limit}, clientFrom);
}

std::optional<Client> Store::client(const QString &id) const
{
    const QList<Client> rows = d->select<Client>(
            QStringLiteral("SELECT %1 FROM clients WHERE id = ?").arg(clientColumns), {id},
            clientFrom);
    return rows.isEmpty() ? std::nullopt : std::optional<Client>(rows.constFirst());
}

QList<Shift> Store::shifts(const QString &salonId) const
{
    return d->select<Shift>(QStringLiteral("SELECT %1 FROM shifts WHERE salon_id = ? ORDER BY "
                                           "staff_id, weekday, start_minute, id")
                                    .arg(shiftColumns),
                            {salonId}, shiftFrom);
}

QList<ShiftException> Store::shiftExceptions(const QString &salonId, const QDate &from,
                                             const QDate &to) const
{
    return d->select<ShiftException>(QStringLiteral("SELECT %1 FROM shift_exceptions WHERE "
                                                    "salon_id = ? AND date >= ? AND date <= ? "
                                                    "ORDER BY date, staff_id, id")
                                             .arg(shiftExceptionColumns),
                                     {salonId, date(from), date(to)}, shiftExceptionFrom);
}

QList<TimeOff> Store::timeOff(const QString &salonId, qint64 from, qint64 to) const
{
    return d->select<TimeOff>(
            QStringLiteral(
                    "SELECT %1 FROM time_off WHERE salon_id = ? AND starts_at < ? AND ends_at > ? "
                    "ORDER BY starts_at, id")
                    .arg(timeOffColumns),
            {salonId, to, from}, timeOffFrom);
}

QList<StandingAppointment> Store::standingAppointments(const QString &salonId) const
{
    return d->select<StandingAppointment>(
            QStringLiteral("SELECT %1 FROM standing_appointments WHERE salon_id = ? ORDER BY "
                           "first_starts_at, id")
                    .arg(standingColumns),
            {salonId}, standingFrom);
}

QList<Appointment> Store::appointments(const QString &salonId, qint64 from, qint64 to,
                                       const QString &staffId) const
{
    // Visits that started up to the longest stored visit before `from` may
    // still run into the range; anything earlier cannot.
    qint64 longest = 0;
    if (QSqlQuery *span = d->exec(
                QStringLiteral("SELECT max_seconds FROM salon_visit_span WHERE salon_id = ?"),
                {salonId})) {
        if (span->next())
            longest = span->value(0).toLongLong();
        span->finish();
    } else {
        return {};
    }
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

std::optional<Appointment> Store::appointment(const QString &id) const
{
    const QList<Appointment> rows =
            d->loadAppointments(QStringLiteral("a.id = ?"), {id}, QStringLiteral("a.id"));
    return rows.isEmpty() ? std::nullopt : std::optional<Appointment>(rows.constFirst());
}

QList<WaitlistEntry> Store::waitlist(const QString &salonId) const
{
    return d->select<WaitlistEntry>(
            QStringLiteral("SELECT %1 FROM waitlist WHERE salon_id = ? ORDER BY created_at, id")
                    .arg(waitlistColumns),
            {salonId}, waitlistFrom);
}

QList<OutboxEntry> Store::outbox(int limit) const
{
    return d->select<OutboxEntry>(QStringLiteral("SELECT sequence, entity, op, entity_id, "
                                                 "salon_id, payload, created_at FROM outbox "
                                                 "ORDER BY sequence LIMIT ?"),
                                  {limit}, [](const QSqlQuery &q) {
                                      OutboxEntry entry;
                                      entry.sequence = q.value(0).toLongLong();
                                      entityFromName(q.value(1).toString(), &entry.entity);
                                      entry.op = q.value(2).toString()
                                                      == changeOpName(Change::Op::Removed)
                                              ? Change::Op::Removed
                                              : Change::Op::Upserted;
                                      entry.entityId = q.value(3).toString();
                                      entry.salonId = q.value(4).toString();
                                      entry.payload = q.value(5).toString().toUtf8();
                                      entry.createdAt = q.value(6).toLongLong();
                                      return entry;
                                  });
}

qint64 Store::outboxCount() const
{
    const QList<qint64> count =
            d->select<qint64>(QStringLiteral("SELECT count(*) FROM outbox"), {},
                              [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
    return count.isEmpty() ? 0 : count.constFirst();
}

StoreContents Store::contents() const
{
    StoreContents c;
    c.salons = d->select<Salon>(
            QStringLiteral("SELECT %1 FROM salons ORDER BY id").arg(salonColumns), {}, salonFrom);
    c.staff = d->select<Staff>(
            QStringLiteral("SELECT %1 FROM staff ORDER BY salon_id, id").arg(staffColumns), {},
            staffFrom);
    d->attachSkills(c.staff, QStringLiteral("1"), {});
    c.services = d->select<Service>(
            QStringLiteral("SELECT %1 FROM services ORDER BY salon_id, id").arg(serviceColumns), {},
            serviceFrom);
    c.resources = d->select<Resource>(
            QStringLiteral("SELECT %1 FROM resources ORDER BY salon_id, id").arg(resourceColumns),
            {}, resourceFrom);
    c.clients = d->select<Client>(
            QStringLiteral("SELECT %1 FROM clients ORDER BY salon_id, id").arg(clientColumns), {},
            clientFrom);
    c.shifts = d->select<Shift>(
            QStringLiteral("SELECT %1 FROM shifts ORDER BY salon_id, id").arg(shiftColumns), {},
            shiftFrom);
    c.shiftExceptions = d->select<ShiftException>(
            QStringLiteral("SELECT %1 FROM shift_exceptions ORDER BY salon_id, id")
                    .arg(shiftExceptionColumns),
            {}, shiftExceptionFrom);
    c.timeOff = d->select<TimeOff>(
            QStringLiteral("SELECT %1 FROM time_off ORDER BY salon_id, id").arg(timeOffColumns), {},
            timeOffFrom);
    c.standingAppointments = d->select<StandingAppointment>(
            QStringLiteral("SELECT %1 FROM standing_appointments ORDER BY salon_id, id")
                    .arg(standingColumns),
            {}, standingFrom);
    c.appointments = d->loadAppointments(QStringLiteral("1"), {},
                                         QStringLiteral("a.salon_id, a.starts_at, a.id"));
    c.waitlist = d->select<WaitlistEntry>(
            QStringLiteral("SELECT %1 FROM waitlist ORDER BY salon_id, id").arg(waitlistColumns),
            {}, waitlistFrom);
    return c;
}

// --- writes ----------------------------------------------------------------

// One transaction around `body`; changed() only after the commit succeeded.
template <typename Body>
Result<void> Store::write(Body body)
{
    ChangeSet changes;
    if (!d->run(Sql::Begin, {}))
        return d->failure();
    Result<void> result = body(changes);
    if (result.ok() && !d->run(Sql::Commit, {}))
        result = d->failure();
    if (!result.ok()) {
        d->rollback();
        return result;
    }
    if (!changes.isEmpty())
        emit changed(changes);
    return result;
}

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
                         const StandingAppointment *standing)
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
        return {};
    });
}

Result<void> Store::remove(Entity entity, const QString &id)
{
    const QString table = tableOf(entity);
    const QString salonColumn =
            entity == Entity::Salon ? QStringLiteral("id") : QStringLiteral("salon_id");
    return write([&](ChangeSet &changes) -> Result<void> {
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
        // Rows that belong to it (lines, skills, a salon's whole book) go by ON DELETE CASCADE.
        const QString sql = entity == Entity::Salon
                ? QStringLiteral("DELETE FROM salons WHERE id = ?")
                : QStringLiteral("DELETE FROM %1 WHERE salon_id = ? AND id = ?").arg(table);
        const bool deleted = entity == Entity::Salon ? d->run(sql, {id})
                        && d->run(QStringLiteral("DELETE FROM salon_visit_span WHERE salon_id = ?"),
                                  {id})
                                                     : d->run(sql, {change.salonId, id});
        if (!deleted
            || !d->appendOutbox(entity, Change::Op::Removed, id, change.salonId, QString()))
            return d->failure();
        changes.append(change);
        return {};
    });
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
    const QList<QString> storedSalons =
            d->select<QString>(QStringLiteral("SELECT id FROM salons"), {},
                               [](const QSqlQuery &q) { return q.value(0).toString(); });
    if (d->selectFailed)
        return d->failure();
    for (const QString &id : storedSalons)
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

Result<void> Store::insertAll(const StoreContents &contents, bool withOutbox)
{
    // A ChangeSet of 100k rows is only worth building for a listener.
    const bool listened = isSignalConnected(QMetaMethod::fromSignal(&Store::changed));
    return writeInBulk([&](ChangeSet &changes) {
        return insertRows(contents, withOutbox, listened ? &changes : nullptr);
    });
}

Result<void> Store::replaceAll(const StoreContents &contents, bool withOutbox)
{
    const Result<void> result = writeInBulk([&](ChangeSet &) -> Result<void> {
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

} // namespace chairside
