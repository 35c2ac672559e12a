#include "testsupport.h"

#include "translations.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace chairside::testsupport {

namespace {

// Tests read what an English-speaking user reads: "1 upcoming appointment",
// not the source text "1 upcoming appointment(s)".
void installEnglish()
{
    installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
}
Q_COREAPP_STARTUP_FUNCTION(installEnglish)

} // namespace

MissingTable::MissingTable(const QString &storePath, const QString &table)
    : m_connection(QUuid::createUuid().toString(QUuid::WithoutBraces)), m_table(table)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(storePath);
    if (!db.open()) {
        m_error = db.lastError().text();
        return;
    }
    m_away = rename(m_table, m_table + QStringLiteral("_away"));
}

MissingTable::~MissingTable()
{
    restore();
    QSqlDatabase::database(m_connection).close();
    QSqlDatabase::removeDatabase(m_connection);
}

bool MissingTable::restore()
{
    if (m_away && rename(m_table + QStringLiteral("_away"), m_table))
        m_away = false;
    return !m_away && m_error.isEmpty();
}

bool MissingTable::rename(const QString &from, const QString &to)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    if (query.exec(QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(from, to))) {
        m_error.clear();
        return true;
    }
    m_error = query.lastError().text();
    return false;
}

TempStore::TempStore(const Clock &clock) : m_clock(clock)
{
    if (!m_dir.isValid()) {
        m_error = m_dir.errorString();
        return;
    }
    reopen();
}

TempStore::~TempStore() = default;

bool TempStore::isValid() const
{
    return m_store != nullptr;
}

QString TempStore::errorString() const
{
    return m_error;
}

bool TempStore::reopen()
{
    m_store.reset();
    auto opened = Store::open(path(), Store::Check::BeforeOpening, m_clock);
    if (!opened.ok()) {
        m_error = opened.error().message;
        return false;
    }
    m_store = std::move(*opened);
    m_error.clear();
    return true;
}

void TempStore::close()
{
    m_store.reset();
}

QString lockKeyring()
{
    QProcess lock;
    lock.start(QStringLiteral("dbus-send"),
               {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                QStringLiteral("--dest=org.freedesktop.secrets"),
                QStringLiteral("/org/freedesktop/secrets"),
                QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
    if (!lock.waitForFinished(15000))
        return QStringLiteral("dbus-send did not finish: ") + lock.errorString();
    if (lock.exitStatus() != QProcess::NormalExit || lock.exitCode() != 0)
        return QStringLiteral("dbus-send failed: ")
                + QString::fromLocal8Bit(lock.readAllStandardError());
    return {};
}

qint64 utc(const QString &iso)
{
    QDateTime dt = QDateTime::fromString(iso, Qt::ISODate);
    if (!dt.isValid())
        return 0;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // a time without zone is taken as UTC
    return dt.toSecsSinceEpoch();
}

ServiceSegment segment(SegmentKind kind, int minutes, const QStringList &resourceIds)
{
    ServiceSegment s;
    s.kind = kind;
    s.minutes = minutes;
    s.resourceIds = resourceIds;
    return s;
}

TestData::TestData(const QString &salonId)
    : m_prefix(salonId == QLatin1String("salon-1") ? QString() : salonId + QLatin1Char('-'))
{
    salon.id = salonId;
    salon.name = QStringLiteral("Salon %1").arg(salonId);
    salon.timeZone = QStringLiteral("Europe/London");
    for (int day = 1; day < 6; ++day) // Tuesday to Saturday, 09:00-18:00
        salon.openingHours[size_t(day)] = {9 * 60, 18 * 60};
}

Staff &TestData::addStylist(const QString &name)
{
    Staff s;
    s.id = QStringLiteral("%1staff-%2").arg(m_prefix).arg(staff.size() + 1);
    s.salonId = salon.id;
    s.name = name;
    s.role = StaffRole::Stylist;
    s.colour = QStringLiteral("#%1").arg(0x336699 + 0x111111 * int(staff.size() % 8), 6, 16,
                                         QLatin1Char('0'));
    for (const Service &service : std::as_const(services))
        s.skills.append({service.id, {}});
    staff.append(s);
    return staff.last();
}

Service &TestData::addService(const QString &name, const QList<ServiceSegment> &segments,
                              int bufferAfterMinutes)
{
    Service s;
    s.id = QStringLiteral("%1service-%2").arg(m_prefix).arg(services.size() + 1);
    s.salonId = salon.id;
    s.name = name;
    s.category = QStringLiteral("Hair");
    s.priceCents = 2500 + 1000 * services.size();
    s.segments = segments;
    s.bufferAfterMinutes = bufferAfterMinutes;
    services.append(s);
    for (Staff &member : staff)
        member.skills.append({s.id, {}});
    return services.last();
}

Resource &TestData::addResource(const QString &name, const QString &kind, int count)
{
    Resource r;
    r.id = QStringLiteral("%1resource-%2").arg(m_prefix).arg(resources.size() + 1);
    r.salonId = salon.id;
    r.name = name;
    r.kind = kind;
    r.count = count;
    resources.append(r);
    return resources.last();
}

Client &TestData::addClient(const QString &name, const QString &phone)
{
    Client c;
    c.id = QStringLiteral("%1client-%2").arg(m_prefix).arg(clients.size() + 1);
    c.salonId = salon.id;
    c.name = name;
    c.phone = phone;
    clients.append(c);
    return clients.last();
}

Shift TestData::shift(int stylist, int weekday, int startMinute, int endMinute,
                      const QList<Break> &breaks) const
{
    Shift s;
    s.id = QStringLiteral("shift-%1-%2").arg(stylist).arg(weekday);
    s.staffId = staff.at(stylist).id;
    s.weekday = weekday;
    s.startMinute = startMinute;
    s.endMinute = endMinute;
    s.breaks = breaks;
    return s;
}

Appointment TestData::appointment(const QString &id, qint64 startsAt,
                                  const QList<std::pair<int, int>> &staffAndService) const
{
    Appointment a;
    a.id = id;
    a.salonId = salon.id;
    a.clientId = clients.isEmpty() ? QString() : clients.constFirst().id;
    a.createdBy = QStringLiteral("test");
    a.createdAt = startsAt - 86400;
    qint64 at = startsAt;
    for (qsizetype i = 0; i < staffAndService.size(); ++i) {
        const Staff &member = staff.at(staffAndService.at(i).first);
        const Service &service = services.at(staffAndService.at(i).second);
        ServiceLine line;
        line.id = QStringLiteral("%1-line-%2").arg(id).arg(i + 1);
        line.serviceId = service.id;
        line.staffId = member.id;
        for (const ServiceSegment &s : member.segmentsFor(service)) {
            line.segments.append({s.kind, at, at + s.minutes * 60, s.resourceIds});
            at += s.minutes * 60;
        }
        if (service.bufferAfterMinutes > 0) {
            line.segments.append(
                    {SegmentKind::Buffer, at, at + service.bufferAfterMinutes * 60, {}});
            at += service.bufferAfterMinutes * 60;
        }
        a.lines.append(line);
    }
    return a;
}

StoreContents TestData::contents() const
{
    StoreContents c;
    c.salons = {salon};
    c.staff = staff;
    c.services = services;
    c.resources = resources;
    c.clients = clients;
    return c;
}

bool TestData::saveTo(Store &store) const
{
    auto saved = [](const Result<void> &result) {
        if (!result.ok())
            qWarning("TestData::saveTo: %s", qPrintable(result.error().message));
        return result.ok();
    };
    if (!saved(store.save(salon)))
        return false;
    for (const Resource &r : resources) {
        if (!saved(store.save(r)))
            return false;
    }
    for (const Service &s : services) {
        if (!saved(store.save(s)))
            return false;
    }
    for (const Staff &s : staff) {
        if (!saved(store.save(s)))
            return false;
    }
    for (const Client &c : clients) {
        if (!saved(store.save(c)))
            return false;
    }
    return true;
}

TestData TestData::small(const QString &salonId)
{
    TestData data(salonId);
    const QString basin = data.addResource(QStringLiteral("Basin"), QStringLiteral("basin"), 2).id;
    data.addService(QStringLiteral("Cut & Finish"), {segment(SegmentKind::Busy, 45)});
    data.addService(QStringLiteral("Colour"),
                    {segment(SegmentKind::Busy, 30), segment(SegmentKind::Processing, 35),
                     segment(SegmentKind::Busy, 30, {basin})});
    data.addService(QStringLiteral("Blow-dry"), {segment(SegmentKind::Busy, 30)}, 10);
    data.addStylist(QStringLiteral("Mia"));
    data.addStylist(QStringLiteral("Tom"));
    data.addStylist(QStringLiteral("Ava"));
    data.addClient(QStringLiteral("Ann Lee"), QStringLiteral("07700 900123"));
    data.addClient(QStringLiteral("Bob Stone"), QStringLiteral("+44 20 7946 0018"));
    return data;
}

} // namespace chairside::testsupport

namespace chairside::testsupport {

namespace {

template <typename T>
QString listDifference(const char *name, const QList<T> &a, const QList<T> &b)
{
    if (a.size() != b.size())
        return QStringLiteral("%1: %2 vs %3 rows")
                .arg(QLatin1String(name))
                .arg(a.size())
                .arg(b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!(a.at(i) == b.at(i)))
            return QStringLiteral("%1[%2] (id %3) differs")
                    .arg(QLatin1String(name))
                    .arg(i)
                    .arg(a.at(i).id);
    }
    return {};
}

} // namespace

QString contentsDifference(const StoreContents &a, const StoreContents &b)
{
    const QString differences[] = {
            listDifference("salons", a.salons, b.salons),
            listDifference("staff", a.staff, b.staff),
            listDifference("services", a.services, b.services),
            listDifference("resources", a.resources, b.resources),
            listDifference("clients", a.clients, b.clients),
            listDifference("shifts", a.shifts, b.shifts),
            listDifference("shiftExceptions", a.shiftExceptions, b.shiftExceptions),
            listDifference("timeOff", a.timeOff, b.timeOff),
            listDifference("standingAppointments", a.standingAppointments, b.standingAppointments),
            listDifference("appointments", a.appointments, b.appointments),
            listDifference("waitlist", a.waitlist, b.waitlist),
    };
    for (const QString &difference : differences) {
        if (!difference.isEmpty())
            return difference;
    }
    return {};
}

} // namespace chairside::testsupport
