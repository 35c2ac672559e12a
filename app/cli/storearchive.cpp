#include "storearchive.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace chairside::cli {

namespace {

const QString formatName = QStringLiteral("chairside-export");

template <typename T>
QJsonArray rows(QList<T> list)
{
    std::sort(list.begin(), list.end(), [](const T &a, const T &b) { return a.id < b.id; });
    QJsonArray array;
    for (const T &row : std::as_const(list))
        array.append(row.toJson());
    return array;
}

// Collects what is wrong with a document, with where it is.
class Problems
{
public:
    void add(const QString &where, const QString &what)
    {
        if (m_list.size() < 10)
            m_list.append(QStringLiteral("%1: %2").arg(where, what));
        ++m_count;
    }
    bool isEmpty() const { return m_count == 0; }
    QString text() const
    {
        QString text = m_list.join(QLatin1Char('\n'));
        if (m_count > m_list.size())
            text += QLatin1Char('\n')
                    + QCoreApplication::translate("chairside", "… and %1 more.")
                              .arg(m_count - m_list.size());
        return text;
    }

private:
    QStringList m_list;
    int m_count = 0;
};

template <typename T>
QList<T> readRows(const QJsonObject &root, const QString &key, Problems &problems)
{
    QList<T> list;
    const QJsonValue value = root.value(key);
    if (value.isUndefined())
        return list;
    if (!value.isArray()) {
        problems.add(key, QCoreApplication::translate("chairside", "should be a list"));
        return list;
    }
    const QJsonArray array = value.toArray();
    QSet<QString> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(key).arg(i);
        if (!array.at(i).isObject()) {
            problems.add(where, QCoreApplication::translate("chairside", "should be an object"));
            continue;
        }
        T row = T::fromJson(array.at(i).toObject());
        if (row.id.trimmed().isEmpty())
            problems.add(where, QCoreApplication::translate("chairside", "has no id"));
        else if (ids.contains(row.id))
            problems.add(where,
                         QCoreApplication::translate("chairside", "repeats the id %1").arg(row.id));
        ids.insert(row.id);
        list.append(row);
    }
    return list;
}

template <typename T>
QSet<QString> idsOf(const QList<T> &list)
{
    QSet<QString> ids;
    for (const T &row : list)
        ids.insert(row.id);
    return ids;
}

bool validInstant(const QJsonValue &value)
{
    return value.isDouble() || QDateTime::fromString(value.toString(), Qt::ISODate).isValid();
}

} // namespace

QJsonObject StoreArchive::toJson(const StoreContents &contents)
{
    return {{QStringLiteral("format"), formatName},
            {QStringLiteral("version"), formatVersion},
            {QStringLiteral("salons"), rows(contents.salons)},
            {QStringLiteral("staff"), rows(contents.staff)},
            {QStringLiteral("services"), rows(contents.services)},
            {QStringLiteral("resources"), rows(contents.resources)},
            {QStringLiteral("clients"), rows(contents.clients)},
            {QStringLiteral("shifts"), rows(contents.shifts)},
            {QStringLiteral("shiftExceptions"), rows(contents.shiftExceptions)},
            {QStringLiteral("timeOff"), rows(contents.timeOff)},
            {QStringLiteral("standingAppointments"), rows(contents.standingAppointments)},
            {QStringLiteral("appointments"), rows(contents.appointments)},
            {QStringLiteral("waitlist"), rows(contents.waitlist)}};
}

bool StoreArchive::isEmpty(const StoreContents &contents)
{
    return contents.salons.isEmpty() && contents.staff.isEmpty() && contents.services.isEmpty()
            && contents.resources.isEmpty() && contents.clients.isEmpty()
            && contents.shifts.isEmpty() && contents.shiftExceptions.isEmpty()
            && contents.timeOff.isEmpty() && contents.standingAppointments.isEmpty()
            && contents.appointments.isEmpty() && contents.waitlist.isEmpty();
}

Result<StoreContents> StoreArchive::fromJson(const QByteArray &document)
{
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(document, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error::invalid(
                tr("The file is not valid JSON (at byte %1: %2). Nothing was imported.")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    }
    const QJsonObject root = json.object();
    if (!json.isObject() || root.value(QStringLiteral("format")).toString() != formatName)
        return Error::invalid(tr("The file is not a Chairside export (it has no \"format\": "
                                 "\"%1\"). Nothing was imported.")
                                      .arg(formatName));
    if (root.value(QStringLiteral("version")).toInt() != formatVersion) {
        return Error::invalid(
                tr("The file is a Chairside export of version %1; this Chairside reads version %2. "
                   "Nothing was imported.")
                        .arg(root.value(QStringLiteral("version")).toVariant().toString())
                        .arg(formatVersion));
    }

    Problems problems;
    StoreContents contents;
    contents.salons = readRows<Salon>(root, QStringLiteral("salons"), problems);
    contents.staff = readRows<Staff>(root, QStringLiteral("staff"), problems);
    contents.services = readRows<Service>(root, QStringLiteral("services"), problems);
    contents.resources = readRows<Resource>(root, QStringLiteral("resources"), problems);
    contents.clients = readRows<Client>(root, QStringLiteral("clients"), problems);
    contents.shifts = readRows<Shift>(root, QStringLiteral("shifts"), problems);
    contents.shiftExceptions =
            readRows<ShiftException>(root, QStringLiteral("shiftExceptions"), problems);
    contents.timeOff = readRows<TimeOff>(root, QStringLiteral("timeOff"), problems);
    contents.standingAppointments =
            readRows<StandingAppointment>(root, QStringLiteral("standingAppointments"), problems);
    contents.appointments = readRows<Appointment>(root, QStringLiteral("appointments"), problems);
    contents.waitlist = readRows<WaitlistEntry>(root, QStringLiteral("waitlist"), problems);

    const QSet<QString> salons = idsOf(contents.salons);
    const QSet<QString> staff = idsOf(contents.staff);
    const QSet<QString> services = idsOf(contents.services);
    const QSet<QString> resources = idsOf(contents.resources);
    const QSet<QString> clients = idsOf(contents.clients);
    const QSet<QString> series = idsOf(contents.standingAppointments);
    auto where = [](const char *key, qsizetype i) {
        return QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i);
    };
    auto unknown = [](const char *what, const QString &id) {
        return tr("refers to an unknown %1 “%2”").arg(QLatin1String(what), id);
    };

    for (qsizetype i = 0; i < contents.salons.size(); ++i) {
        const Salon &salon = contents.salons.at(i);
        if (salon.name.trimmed().isEmpty())
            problems.add(where("salons", i), tr("has no name"));
        if (!QTimeZone::isTimeZoneIdAvailable(salon.timeZone.toUtf8()))
            problems.add(where("salons", i),
                         tr("has an unknown time zone “%1”").arg(salon.timeZone));
    }
    for (qsizetype i = 0; i < contents.staff.size(); ++i) {
        const Staff &person = contents.staff.at(i);
        if (!salons.contains(person.salonId))
            problems.add(where("staff", i), unknown("salon", person.salonId));
        for (const Skill &skill : person.skills) {
            if (!services.contains(skill.serviceId))
                problems.add(where("staff", i), unknown("service", skill.serviceId));
        }
    }
    for (qsizetype i = 0; i < contents.services.size(); ++i) {
        const Service &service = contents.services.at(i);
        if (!salons.contains(service.salonId))
            problems.add(where("services", i), unknown("salon", service.salonId));
        if (service.segments.isEmpty() || service.bufferAfterMinutes < 0)
            problems.add(where("services", i), tr("has no steps or a negative buffer"));
        for (const ServiceSegment &segment : service.segments) {
            if (segment.minutes <= 0)
                problems.add(where("services", i),
                             tr("has a step of %1 minutes").arg(segment.minutes));
            for (const QString &id : segment.resourceIds) {
                if (!resources.contains(id))
                    problems.add(where("services", i), unknown("resource", id));
            }
        }
    }
    for (qsizetype i = 0; i < contents.resources.size(); ++i) {
        if (!salons.contains(contents.resources.at(i).salonId))
            problems.add(where("resources", i), unknown("salon", contents.resources.at(i).salonId));
        if (contents.resources.at(i).count < 1)
            problems.add(where("resources", i), tr("has a count below 1"));
    }
    for (qsizetype i = 0; i < contents.clients.size(); ++i) {
        if (!salons.contains(contents.clients.at(i).salonId))
            problems.add(where("clients", i), unknown("salon", contents.clients.at(i).salonId));
    }
    for (qsizetype i = 0; i < contents.shifts.size(); ++i) {
        const Shift &shift = contents.shifts.at(i);
        if (!staff.contains(shift.staffId))
            problems.add(where("shifts", i), unknown("stylist", shift.staffId));
        if (shift.weekday < 1 || shift.weekday > 7 || shift.endMinute <= shift.startMinute
            || shift.everyWeeks < 1 || shift.everyWeeks > 4)
            problems.add(where("shifts", i), tr("has a day, hours or repeat that cannot be"));
    }
    for (qsizetype i = 0; i < contents.shiftExceptions.size(); ++i) {
        const ShiftException &exception = contents.shiftExceptions.at(i);
        if (!staff.contains(exception.staffId))
            problems.add(where("shiftExceptions", i), unknown("stylist", exception.staffId));
        if (!exception.date.isValid()
            || (exception.working && exception.endMinute <= exception.startMinute))
            problems.add(where("shiftExceptions", i), tr("has a date or hours that cannot be"));
    }
    for (qsizetype i = 0; i < contents.timeOff.size(); ++i) {
        const TimeOff &off = contents.timeOff.at(i);
        if (!staff.contains(off.staffId))
            problems.add(where("timeOff", i), unknown("stylist", off.staffId));
        if (off.endsAt <= off.startsAt)
            problems.add(where("timeOff", i), tr("ends before it starts"));
    }
    for (qsizetype i = 0; i < contents.standingAppointments.size(); ++i) {
        const StandingAppointment &standing = contents.standingAppointments.at(i);
        if (!salons.contains(standing.salonId))
            problems.add(where("standingAppointments", i), unknown("salon", standing.salonId));
        if (standing.rrule.trimmed().isEmpty())
            problems.add(where("standingAppointments", i), tr("has no repeat rule"));
    }
    const QJsonArray rawAppointments = root.value(QStringLiteral("appointments")).toArray();
    for (qsizetype i = 0; i < contents.appointments.size(); ++i) {
        const Appointment &appointment = contents.appointments.at(i);
        const QJsonObject raw = rawAppointments.at(i).toObject();
        AppointmentStatus status;
        if (!appointmentStatusFromName(raw.value(QStringLiteral("status")).toString(), &status))
            problems.add(where("appointments", i), tr("has an unknown status"));
        if (!salons.contains(appointment.salonId))
            problems.add(where("appointments", i), unknown("salon", appointment.salonId));
        if (!appointment.clientId.isEmpty() && !clients.contains(appointment.clientId))
            problems.add(where("appointments", i), unknown("client", appointment.clientId));
        if (!appointment.seriesId.isEmpty() && !series.contains(appointment.seriesId))
            problems.add(where("appointments", i),
                         unknown("standing appointment", appointment.seriesId));
        if (appointment.lines.isEmpty())
            problems.add(where("appointments", i), tr("has no services"));
        const QJsonArray rawLines = raw.value(QStringLiteral("lines")).toArray();
        for (qsizetype l = 0; l < appointment.lines.size(); ++l) {
            const ServiceLine &line = appointment.lines.at(l);
            if (!services.contains(line.serviceId))
                problems.add(where("appointments", i), unknown("service", line.serviceId));
            if (!staff.contains(line.staffId))
                problems.add(where("appointments", i), unknown("stylist", line.staffId));
            if (line.segments.isEmpty())
                problems.add(where("appointments", i), tr("has a service without times"));
            const QJsonArray rawSegments =
                    rawLines.at(l).toObject().value(QStringLiteral("segments")).toArray();
            for (qsizetype s = 0; s < line.segments.size(); ++s) {
                const BookedSegment &segment = line.segments.at(s);
                const QJsonObject rawSegment = rawSegments.at(s).toObject();
                SegmentKind kind;
                if (!validInstant(rawSegment.value(QStringLiteral("startsAt")))
                    || !validInstant(rawSegment.value(QStringLiteral("endsAt")))
                    || segment.endsAt <= segment.startsAt
                    || !segmentKindFromName(rawSegment.value(QStringLiteral("kind")).toString(),
                                            &kind))
                    problems.add(where("appointments", i),
                                 tr("has a segment with times or a kind that cannot be"));
                for (const QString &id : segment.resourceIds) {
                    if (!resources.contains(id))
                        problems.add(where("appointments", i), unknown("resource", id));
                }
            }
        }
    }
    for (qsizetype i = 0; i < contents.waitlist.size(); ++i) {
        const WaitlistEntry &entry = contents.waitlist.at(i);
        if (!salons.contains(entry.salonId))
            problems.add(where("waitlist", i), unknown("salon", entry.salonId));
        if (!clients.contains(entry.clientId))
            problems.add(where("waitlist", i), unknown("client", entry.clientId));
    }

    if (!problems.isEmpty())
        return Error::invalid(
                tr("The file is not a valid Chairside export; nothing was imported:\n%1")
                        .arg(problems.text()));
    return contents;
}

} // namespace chairside::cli
