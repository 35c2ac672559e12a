#include "storearchive.h"

#include "storechecks.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace chairside {

namespace {

const QString formatName = QStringLiteral("chairside-export");

// The tables in the order they are written and read.
const QStringList tableKeys = {QStringLiteral("salons"),
                               QStringLiteral("staff"),
                               QStringLiteral("services"),
                               QStringLiteral("resources"),
                               QStringLiteral("clients"),
                               QStringLiteral("shifts"),
                               QStringLiteral("shiftExceptions"),
                               QStringLiteral("timeOff"),
                               QStringLiteral("standingAppointments"),
                               QStringLiteral("appointments"),
                               QStringLiteral("waitlist")};

template <typename T>
QJsonArray rows(QList<T> list)
{
    std::sort(list.begin(), list.end(), [](const T &a, const T &b) { return a.id < b.id; });
    QJsonArray array;
    for (const T &row : std::as_const(list))
        array.append(row.toJson());
    return array;
}

// What is wrong with a document, with where it is; the first few are named.
class Problems
{
public:
    void add(const QString &where, const QString &what)
    {
        // The store's rules are whole sentences; here they are one of a list.
        QString text = what;
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
        if (m_list.size() < maxListed)
            m_list.append(QStringLiteral("%1: %2").arg(where, text));
        ++m_count;
    }
    int count() const { return m_count; }
    // One line: a script reads one line of stderr per failure.
    QString text() const
    {
        QString text = m_list.join(QStringLiteral("; "));
        if (m_count > m_list.size())
            text += QLatin1Char(' ')
                    + StoreArchive::tr("(and %n more)", nullptr, m_count - int(m_list.size()));
        return text;
    }

private:
    static constexpr int maxListed = 5;
    QStringList m_list;
    int m_count = 0;
};

QString where(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString where(const QString &path, qsizetype index)
{
    return QStringLiteral("%1[%2]").arg(path).arg(index);
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return StoreArchive::tr("null");
    case QJsonValue::Bool: return StoreArchive::tr("true or false");
    case QJsonValue::Double: return StoreArchive::tr("a number");
    case QJsonValue::String: return StoreArchive::tr("text");
    case QJsonValue::Array: return StoreArchive::tr("a list");
    case QJsonValue::Object: return StoreArchive::tr("an object");
    case QJsonValue::Undefined: break;
    }
    return StoreArchive::tr("nothing");
}

bool isInstantKey(const QString &key)
{
    return key.endsWith(QLatin1String("At"));
}

bool isDateKey(const QString &key)
{
    static const QSet<QString> keys = {QStringLiteral("patchTestDate"), QStringLiteral("date"),
                                       QStringLiteral("anchorDate"),    QStringLiteral("validFrom"),
                                       QStringLiteral("validUntil"),    QStringLiteral("earliest"),
                                       QStringLiteral("latest")};
    return keys.contains(key);
}

// The names a field of a fixed set of values takes, for the message.
QString allowedNames(const QString &key)
{
    if (key == QLatin1String("status"))
        return QStringLiteral(
                "booked, confirmed, arrived, in-service, completed, cancelled, no-show");
    if (key == QLatin1String("kind"))
        return QStringLiteral("busy, processing, buffer");
    if (key == QLatin1String("role"))
        return QStringLiteral("owner, manager, front-desk, stylist");
    return {};
}

void compare(const QJsonValue &given, const QJsonValue &readBack, const QString &path,
             const QString &key, Problems &problems);

// Fields the file has that Chairside does not read, fields it lacks, and
// then each shared field in turn.
void compareObjects(const QJsonObject &given, const QJsonObject &readBack, const QString &path,
                    Problems &problems)
{
    for (auto it = given.begin(); it != given.end(); ++it) {
        if (readBack.contains(it.key()))
            continue;
        const bool emptyList = it.value().isArray() && it.value().toArray().isEmpty();
        problems.add(where(path, it.key()),
                     emptyList ? StoreArchive::tr("is an empty list; leave it out")
                               : StoreArchive::tr("is not a field Chairside knows"));
    }
    for (auto it = readBack.begin(); it != readBack.end(); ++it) {
        if (!given.contains(it.key()))
            problems.add(where(path, it.key()), StoreArchive::tr("is missing"));
        else
            compare(given.value(it.key()), it.value(), where(path, it.key()), it.key(), problems);
    }
}

// What a field of a known kind (a time, a date, a status, opening hours)
// should look like; empty for other fields.
QString expectedForm(const QJsonValue &given, const QJsonValue &readBack, const QString &path,
                     const QString &key)
{
    if (isInstantKey(key)) {
        // A visit's startsAt and endsAt are its services' times, written
        // for people reading the file; a canonical time that differs is
        // the visit's own, not a misspelling.
        const bool derived = !path.contains(QLatin1String("lines["))
                && (key == QLatin1String("startsAt") || key == QLatin1String("endsAt"));
        const bool canonical = given.isString() && given.toString().endsWith(QLatin1Char('Z'))
                && QDateTime::fromString(given.toString(), Qt::ISODate).isValid();
        if (derived && canonical && readBack.isString())
            return StoreArchive::tr("does not match the times of its services (%1)")
                    .arg(readBack.toString());
        return StoreArchive::tr("should be a time in UTC written as 2026-12-01T10:00:00Z");
    }
    if (isDateKey(key))
        return StoreArchive::tr("should be a date written as 2026-12-01, or null");
    if (const QString names = allowedNames(key); !names.isEmpty())
        return StoreArchive::tr("should be one of %1").arg(names);
    if (key == QLatin1String("openingHours") || path.contains(QLatin1String("openingHours[")))
        return StoreArchive::tr("should be null (closed) or [open, close] in minutes from "
                                "midnight, opening before closing");
    return {};
}

// Why `given` (from the file) is not what Chairside reads from it and would
// write back (`readBack`). `key` is the field's name, for messages about
// kinds of fields (times, dates, statuses).
void compare(const QJsonValue &given, const QJsonValue &readBack, const QString &path,
             const QString &key, Problems &problems)
{
    if (given == readBack)
        return;
    if (given.isObject() && readBack.isObject())
        return compareObjects(given.toObject(), readBack.toObject(), path, problems);
    if (const QString form = expectedForm(given, readBack, path, key); !form.isEmpty())
        return problems.add(path, form);
    if (given.isArray() && readBack.isArray()) {
        const QJsonArray a = given.toArray();
        const QJsonArray b = readBack.toArray();
        if (a.size() != b.size())
            return problems.add(path,
                                StoreArchive::tr("should have %n entries", nullptr, int(b.size())));
        for (qsizetype i = 0; i < a.size(); ++i)
            compare(a.at(i), b.at(i), where(path, i), key, problems);
        return;
    }
    if (given.type() != readBack.type())
        return problems.add(
                path,
                StoreArchive::tr("should be %1, not %2").arg(typeName(readBack), typeName(given)));
    if (given.isDouble()) {
        const double value = given.toDouble();
        return problems.add(path,
                            value != std::floor(value)
                                    ? StoreArchive::tr("should be a whole number")
                                    : StoreArchive::tr("is out of range"));
    }
    problems.add(path, StoreArchive::tr("cannot be read back as written"));
}

// One table: each row read with the domain type's own fromJson, accepted
// only if writing it back gives the same JSON, then checked with the rules
// every save obeys.
template <typename T>
QList<T> readTable(const QJsonObject &root, const QString &key, Problems &problems)
{
    QList<T> list;
    const QJsonValue value = root.value(key);
    if (!value.isArray()) {
        problems.add(key,
                     value.isUndefined() ? StoreArchive::tr("is missing (write [] for none)")
                                         : StoreArchive::tr("should be a list"));
        return list;
    }
    const QJsonArray array = value.toArray();
    QSet<QString> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = where(key, i);
        if (!array.at(i).isObject()) {
            problems.add(path, StoreArchive::tr("should be an object"));
            continue;
        }
        const QJsonObject given = array.at(i).toObject();
        const T row = T::fromJson(given);
        const int before = problems.count();
        compare(given, row.toJson(), path, QString(), problems);
        if (problems.count() == before) {
            if (const std::optional<Error> broken = storedetail::check(row))
                problems.add(path, broken->message);
        }
        if (ids.contains(row.id))
            problems.add(path, StoreArchive::tr("repeats the id %1").arg(row.id));
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

QString unknown(const char *what, const QString &id)
{
    return StoreArchive::tr("refers to an unknown %1 “%2”").arg(StoreArchive::tr(what), id);
}

// Every row's salon, stylist, service, resource, client and standing
// appointment is in the document.
void checkReferences(const StoreContents &c, Problems &problems)
{
    const QSet<QString> salons = idsOf(c.salons);
    const QSet<QString> staff = idsOf(c.staff);
    const QSet<QString> services = idsOf(c.services);
    const QSet<QString> resources = idsOf(c.resources);
    const QSet<QString> clients = idsOf(c.clients);
    const QSet<QString> series = idsOf(c.standingAppointments);
    auto salonOf = [&](const char *table, const auto &rows) {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (!salons.contains(rows.at(i).salonId))
                problems.add(where(QLatin1String(table), i), unknown("salon", rows.at(i).salonId));
        }
    };
    auto stylistOf = [&](const char *table, const auto &rows) {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (!staff.contains(rows.at(i).staffId))
                problems.add(where(QLatin1String(table), i),
                             unknown("stylist", rows.at(i).staffId));
        }
    };
    auto resourcesOf = [&](const QString &path, const QStringList &ids) {
        for (const QString &id : ids) {
            if (!resources.contains(id))
                problems.add(path, unknown("resource", id));
        }
    };
    salonOf("staff", c.staff);
    salonOf("services", c.services);
    salonOf("resources", c.resources);
    salonOf("clients", c.clients);
    salonOf("standingAppointments", c.standingAppointments);
    salonOf("appointments", c.appointments);
    salonOf("waitlist", c.waitlist);
    stylistOf("shifts", c.shifts);
    stylistOf("shiftExceptions", c.shiftExceptions);
    stylistOf("timeOff", c.timeOff);

    for (qsizetype i = 0; i < c.staff.size(); ++i) {
        for (const Skill &skill : c.staff.at(i).skills) {
            if (!services.contains(skill.serviceId))
                problems.add(where(QStringLiteral("staff"), i),
                             unknown("service", skill.serviceId));
            for (const ServiceSegment &segment : skill.segmentsOverride)
                resourcesOf(where(QStringLiteral("staff"), i), segment.resourceIds);
        }
    }
    for (qsizetype i = 0; i < c.services.size(); ++i) {
        for (const ServiceSegment &segment : c.services.at(i).segments)
            resourcesOf(where(QStringLiteral("services"), i), segment.resourceIds);
    }
    for (qsizetype i = 0; i < c.standingAppointments.size(); ++i) {
        const QString &client = c.standingAppointments.at(i).clientId;
        if (!client.isEmpty() && !clients.contains(client))
            problems.add(where(QStringLiteral("standingAppointments"), i),
                         unknown("client", client));
    }
    for (qsizetype i = 0; i < c.appointments.size(); ++i) {
        const Appointment &appointment = c.appointments.at(i);
        const QString path = where(QStringLiteral("appointments"), i);
        if (!appointment.clientId.isEmpty() && !clients.contains(appointment.clientId))
            problems.add(path, unknown("client", appointment.clientId));
        if (!appointment.seriesId.isEmpty() && !series.contains(appointment.seriesId))
            problems.add(path, unknown("standing appointment", appointment.seriesId));
        QSet<QString> lineIds;
        for (const ServiceLine &line : appointment.lines) {
            if (line.id.isEmpty() || lineIds.contains(line.id))
                problems.add(path, StoreArchive::tr("has a service without an id of its own"));
            lineIds.insert(line.id);
            if (!services.contains(line.serviceId))
                problems.add(path, unknown("service", line.serviceId));
            if (!staff.contains(line.staffId))
                problems.add(path, unknown("stylist", line.staffId));
            for (const BookedSegment &segment : line.segments)
                resourcesOf(path, segment.resourceIds);
        }
    }
    for (qsizetype i = 0; i < c.waitlist.size(); ++i) {
        const WaitlistEntry &entry = c.waitlist.at(i);
        const QString path = where(QStringLiteral("waitlist"), i);
        if (!clients.contains(entry.clientId))
            problems.add(path, unknown("client", entry.clientId));
        if (!entry.staffId.isEmpty() && !staff.contains(entry.staffId))
            problems.add(path, unknown("stylist", entry.staffId));
        for (const QString &service : entry.serviceIds) {
            if (!services.contains(service))
                problems.add(path, unknown("service", service));
        }
    }
}

// A field a later version of the format added, with the value every row
// written before it meant: the domain type's default, so the two cannot
// drift apart.
struct AddedField
{
    QString table;
    QString key;
    QJsonValue before;
    int version;
};

const QList<AddedField> &addedFields()
{
    static const QList<AddedField> fields = [] {
        const QJsonObject salon = Salon().toJson();
        const QJsonObject service = Service().toJson();
        const QJsonObject appointment = Appointment().toJson();
        auto field = [](const char *table, const char *key, const QJsonObject &defaults) {
            const QString name = QLatin1String(key);
            return AddedField{QLatin1String(table), name, defaults.value(name), 2};
        };
        return QList<AddedField>{field("salons", "patchTestMinHours", salon),
                                 field("salons", "patchTestMaxDays", salon),
                                 field("services", "rebookWeeks", service),
                                 field("services", "needsPatchTest", service),
                                 field("appointments", "cancelReason", appointment)};
    }();
    return fields;
}

// An older document as the current version writes it: each row gets the
// fields added since, with the value they had before. A row that already has
// such a field was not written by that version, and is refused.
QJsonObject upgraded(QJsonObject root, int version, Problems &problems)
{
    for (const AddedField &field : addedFields()) {
        if (field.version <= version || !root.value(field.table).isArray())
            continue;
        QJsonArray rows = root.value(field.table).toArray();
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (!rows.at(i).isObject())
                continue; // readTable says so
            QJsonObject row = rows.at(i).toObject();
            if (row.contains(field.key))
                problems.add(where(where(field.table, i), field.key),
                             StoreArchive::tr("is not part of a version %1 export").arg(version));
            else
                row.insert(field.key, field.before);
            rows.replace(i, row);
        }
        root.insert(field.table, rows);
    }
    return root;
}

Result<QJsonObject> parseHeader(const QByteArray &document)
{
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(document, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error::invalid(
                StoreArchive::tr(
                        "The file is not valid JSON (at byte %1: %2). Nothing was imported.")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    }
    const QJsonObject root = json.object();
    if (!json.isObject() || root.value(QStringLiteral("format")) != formatName)
        return Error::invalid(StoreArchive::tr("The file is not a Chairside export (it has no "
                                               "\"format\": \"%1\"). Nothing was imported.")
                                      .arg(formatName));
    const QJsonValue version = root.value(QStringLiteral("version"));
    const bool known = version.isDouble() && version.toDouble() == std::floor(version.toDouble())
            && version.toDouble() >= StoreArchive::oldestFormatVersion
            && version.toDouble() <= StoreArchive::formatVersion;
    if (!known) {
        return Error::invalid(
                StoreArchive::tr("The file is a Chairside export of version %1; this Chairside "
                                 "reads versions %2 to %3. Nothing was imported.")
                        .arg(version.toVariant().toString())
                        .arg(StoreArchive::oldestFormatVersion)
                        .arg(StoreArchive::formatVersion));
    }
    return root;
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

QByteArray StoreArchive::toDocument(const StoreContents &contents)
{
    return QJsonDocument(toJson(contents)).toJson(QJsonDocument::Indented);
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
    const Result<QJsonObject> header = parseHeader(document);
    if (!header)
        return header.error();

    Problems problems;
    const int version = header->value(QStringLiteral("version")).toInt();
    // An older version is read as the current one writes it.
    const QJsonObject root = upgraded(*header, version, problems);
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != QLatin1String("format") && it.key() != QLatin1String("version")
            && !tableKeys.contains(it.key()))
            problems.add(it.key(), tr("is not part of a Chairside export"));
    }
    StoreContents c;
    c.salons = readTable<Salon>(root, QStringLiteral("salons"), problems);
    c.staff = readTable<Staff>(root, QStringLiteral("staff"), problems);
    c.services = readTable<Service>(root, QStringLiteral("services"), problems);
    c.resources = readTable<Resource>(root, QStringLiteral("resources"), problems);
    c.clients = readTable<Client>(root, QStringLiteral("clients"), problems);
    c.shifts = readTable<Shift>(root, QStringLiteral("shifts"), problems);
    c.shiftExceptions =
            readTable<ShiftException>(root, QStringLiteral("shiftExceptions"), problems);
    c.timeOff = readTable<TimeOff>(root, QStringLiteral("timeOff"), problems);
    c.standingAppointments =
            readTable<StandingAppointment>(root, QStringLiteral("standingAppointments"), problems);
    c.appointments = readTable<Appointment>(root, QStringLiteral("appointments"), problems);
    c.waitlist = readTable<WaitlistEntry>(root, QStringLiteral("waitlist"), problems);
    checkReferences(c, problems);

    if (problems.count() > 0)
        return Error::invalid(tr("The file is not a valid Chairside export; nothing was "
                                 "imported: %1.")
                                      .arg(problems.text()));
    return c;
}

Result<StoreContents> StoreArchive::readFile(const QString &path)
{
    // Bigger than any salon's book; a larger file is surely not an export.
    constexpr qint64 maxBytes = 2LL * 1024 * 1024 * 1024;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::notFound(
                tr("Cannot read %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    if (file.size() > maxBytes)
        return Error::invalid(tr("%1 is too large to be a Chairside export.")
                                      .arg(QDir::toNativeSeparators(path)));
    return fromJson(file.readAll());
}

Result<void> StoreArchive::writeFile(const StoreContents &contents, const QString &path)
{
    const QByteArray document = toDocument(contents);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size()
        || !file.commit()) {
        return Error::storage(
                tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    return {};
}

} // namespace chairside
