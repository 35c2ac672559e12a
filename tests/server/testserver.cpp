#include "testserver.h"

#include "domain/appointment.h"
#include "domain/client.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/service.h"
#include "domain/shift.h"
#include "domain/staff.h"
#include "domain/waitlistentry.h"

#include <QSqlError>
#include <QTest>

namespace testserver {

QUrl ownerUrl()
{
    return QUrl(qEnvironmentVariable("CHAIRSIDE_TEST_PG_URL"));
}

QSqlDatabase connect(const QUrl &url, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setDatabaseName(url.path().mid(1));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    if (!db.open())
        qWarning("cannot connect to %s: %s", qPrintable(url.toDisplayString(QUrl::RemovePassword)),
                 qPrintable(db.lastError().text()));
    return db;
}

QUrl withDatabase(QUrl url, const QString &database)
{
    url.setPath(QLatin1Char('/') + database);
    return url;
}

QUrl withLogin(QUrl url, const QString &user, const QString &password)
{
    url.setUserName(user);
    url.setPassword(password);
    return url;
}

bool exec(QSqlQuery &query, const QString &sql)
{
    if (query.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql.left(300)), qPrintable(query.lastError().text()));
    return false;
}

bool addDevice(QSqlDatabase owner, const QString &role, const QString &salon,
               const QString &password, bool revoked)
{
    QSqlQuery query(owner);
    return exec(query, QStringLiteral("DROP ROLE IF EXISTS %1").arg(role))
            && exec(query,
                    QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2' IN ROLE chairside_device")
                            .arg(role, password))
            && exec(query,
                    QStringLiteral("INSERT INTO devices (salon_id, name, login_role, revoked_at) "
                                   "VALUES ('%1', '%2', '%2', %3)")
                            .arg(salon, role,
                                 revoked ? QStringLiteral("now()") : QStringLiteral("NULL")));
}

QJsonObject mutation(chairside::Entity entity, const QString &id, const QJsonObject &payload,
                     std::optional<qint64> baseVersion)
{
    using namespace chairside;
    QJsonObject m{{QStringLiteral("entity"), entityName(entity)},
                  {QStringLiteral("op"), changeOpName(Change::Op::Upserted)},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("happenedAt"), QStringLiteral("2026-12-01T09:00:00Z")},
                  {QStringLiteral("changedBy"), QStringLiteral("Ann")},
                  {QStringLiteral("payload"), payload}};
    m.insert(QStringLiteral("baseVersion"),
             baseVersion ? QJsonValue(*baseVersion) : QJsonValue(QJsonValue::Null));
    return m;
}

QJsonObject removal(chairside::Entity entity, const QString &id, std::optional<qint64> baseVersion)
{
    QJsonObject m = mutation(entity, id, {}, baseVersion);
    m.insert(QStringLiteral("op"), chairside::changeOpName(chairside::Change::Op::Removed));
    m.remove(QStringLiteral("payload"));
    return m;
}

QJsonObject throughDomain(chairside::Entity entity, const QJsonObject &json)
{
    using namespace chairside;
    switch (entity) {
    case Entity::Salon: return Salon::fromJson(json).toJson();
    case Entity::Staff: return Staff::fromJson(json).toJson();
    case Entity::Service: return Service::fromJson(json).toJson();
    case Entity::Resource: return Resource::fromJson(json).toJson();
    case Entity::Client: return Client::fromJson(json).toJson();
    case Entity::Shift: return Shift::fromJson(json).toJson();
    case Entity::ShiftException: return ShiftException::fromJson(json).toJson();
    case Entity::TimeOff: return TimeOff::fromJson(json).toJson();
    case Entity::Appointment: return Appointment::fromJson(json).toJson();
    case Entity::StandingAppointment: return StandingAppointment::fromJson(json).toJson();
    case Entity::WaitlistEntry: return WaitlistEntry::fromJson(json).toJson();
    }
    return {};
}

FreshDatabase::FreshDatabase(const QString &name) : m_name(name.toLower())
{
    if (ownerUrl().isEmpty()) {
        qWarning("CHAIRSIDE_TEST_PG_URL is not set: run this test through ctest");
        return;
    }
    m_ok = run(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_name))
            && run(QStringLiteral("CREATE DATABASE \"%1\"").arg(m_name));
}

FreshDatabase::~FreshDatabase()
{
    // Connections of this process first: DROP ... WITH (FORCE) ends them,
    // and Qt would warn about connections still in use.
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &connection : names) {
        if (connection.startsWith(m_name + QLatin1Char('.')))
            QSqlDatabase::removeDatabase(connection);
    }
    if (m_ok)
        run(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_name));
}

QSqlDatabase FreshDatabase::connect(const QString &connection) const
{
    return testserver::connect(url(), m_name + QLatin1Char('.') + connection);
}

QSqlDatabase FreshDatabase::owner(const QString &connection) const
{
    QSqlDatabase db = QSqlDatabase::database(m_name + QLatin1Char('.') + connection);
    return db.isValid() ? db : connect(connection);
}

QSqlDatabase FreshDatabase::login(const QString &role, const QString &password) const
{
    const QString name = m_name + QLatin1Char('.') + role;
    QSqlDatabase db = QSqlDatabase::database(name);
    return db.isValid() ? db : testserver::connect(withLogin(url(), role, password), name);
}

bool FreshDatabase::run(const QString &sql) const
{
    const QString connection = m_name + QStringLiteral("-admin");
    bool done = false;
    {
        QSqlDatabase db = testserver::connect(ownerUrl(), connection);
        QSqlQuery query(db);
        // No NOTICE that a database to drop was not there.
        done = db.isOpen() && query.exec(QStringLiteral("SET client_min_messages = warning"))
                && query.exec(sql);
        if (!done)
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(connection);
    return done;
}

} // namespace testserver
