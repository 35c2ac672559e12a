#pragma once

// Mapping between domain values and the store's rows: the small value
// converters, the readers of a selected row, the column lists they read and
// the texts of the statements every write runs.

#include "changeset.h"

#include "domain/appointment.h"
#include "domain/client.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/service.h"
#include "domain/shift.h"
#include "domain/staff.h"
#include "domain/waitlistentry.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <array>
#include <utility>

class QSqlQuery;

namespace chairside {
struct OutboxEntry;
}

namespace chairside::storedetail {

// --- values. The three converters below are inline: bulk writes call them
// for every value they bind.

// Text columns are NOT NULL: a null QString is written as ''.
inline QVariant text(const QString &s)
{
    static const QString empty = QString::fromLatin1("", 0);
    return s.isNull() ? QVariant(empty) : QVariant(s);
}

// NULL for empty text, where a column is mostly empty (binding NULL is cheap).
inline QVariant optionalText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

inline QVariant date(const QDate &d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate))
                       : QVariant(QMetaType::fromType<QString>());
}

QDate toDate(const QVariant &v);
QString compact(const QJsonArray &array);
QString compact(const QJsonObject &object);
QJsonArray toArray(const QString &json);
QString idsToJson(const QStringList &ids);
QStringList idsFromJson(const QString &json);
QString openingHoursToJson(const std::array<DayHours, 7> &hours);
std::array<DayHours, 7> openingHoursFromJson(const QString &json);
QString searchKey(const QString &s);
QString phoneDigits(const QString &s);
bool looksLikePhone(const QString &s);
QString likeContains(const QString &s);
std::pair<qint64, qint64> visitSpan(const Appointment &appointment);
QString entityNoun(Entity entity);
QString tableOf(Entity entity);

// --- reading rows: each reader reads the columns of its list, in order

// sequence, entity, op, entity_id, salon_id, payload, created_at
OutboxEntry outboxEntryFrom(const QSqlQuery &q);
Salon salonFrom(const QSqlQuery &q);
Staff staffFrom(const QSqlQuery &q);
Service serviceFrom(const QSqlQuery &q);
Resource resourceFrom(const QSqlQuery &q);
Client clientFrom(const QSqlQuery &q);
Shift shiftFrom(const QSqlQuery &q);
ShiftException shiftExceptionFrom(const QSqlQuery &q);
TimeOff timeOffFrom(const QSqlQuery &q);
StandingAppointment standingFrom(const QSqlQuery &q);
WaitlistEntry waitlistFrom(const QSqlQuery &q);
Appointment appointmentFrom(const QSqlQuery &q);

extern const QString salonColumns;
extern const QString staffColumns;
extern const QString serviceColumns;
extern const QString resourceColumns;
extern const QString clientColumns;
extern const QString shiftColumns;
extern const QString shiftExceptionColumns;
extern const QString timeOffColumns;
extern const QString standingColumns;
extern const QString waitlistColumns;
// Selected from "appointments a"; the last column is the visit's row.
extern const QString appointmentColumns;
constexpr int appointmentRowColumn = 14;

// --- writing rows

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
    BumpGeneration,
    Begin,
    Commit,
    Count
};

const QString &sqlText(Sql sql);

} // namespace chairside::storedetail
