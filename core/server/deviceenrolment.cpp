#include "deviceenrolment.h"

#include "auth/pkce.h"
#include "logging.h"
#include "serverconnection.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

namespace chairside {

namespace {

const QString deviceColumns = QStringLiteral(
        "device_id::text, salon_id, name, login_role, first_of_salon, code_expires_at, joined_at, "
        "revoked_at");

EnrolledDevice deviceFrom(const QSqlQuery &query)
{
    return {query.value(0).toString(),   query.value(1).toString(),  query.value(2).toString(),
            query.value(3).toString(),   query.value(4).toBool(),    query.value(5).toDateTime(),
            query.value(6).toDateTime(), query.value(7).toDateTime()};
}

bool isId(const QString &text)
{
    return !QUuid::fromString(text).isNull();
}

} // namespace

Result<QString> DeviceEnrolment::salonId(ServerConnection &admin, const QString &salon)
{
    QSqlQuery query(admin.database());
    query.prepare(QStringLiteral(
            "SELECT c.salon_id, coalesce(s.name, '') FROM salon_clock c "
            "LEFT JOIN salons s ON s.salon_id = c.salon_id AND NOT s.deleted "
            "WHERE c.salon_id = ? OR lower(s.name) = lower(?) ORDER BY c.salon_id = ? DESC"));
    query.addBindValue(salon);
    query.addBindValue(salon);
    query.addBindValue(salon);
    if (!query.exec())
        return ServerConnection::queryError(query.lastError(), tr("Looking up the salon"));
    QStringList found;
    while (query.next()) {
        if (query.value(0).toString() == salon)
            return salon;
        found.append(tr("%1 (%2)").arg(query.value(1).toString(), query.value(0).toString()));
    }
    if (found.size() == 1) {
        query.first();
        return query.value(0).toString();
    }
    if (found.size() > 1)
        return Error::notFound(tr("“%1” could be more than one salon on the server: %2. Give the "
                                  "salon's id.")
                                       .arg(salon, found.join(QLatin1String(", "))));
    if (isId(salon))
        return salon; // not on the server yet: its first PC brings it
    return Error::notFound(tr("The server has no salon named “%1”. For a salon that is not on the "
                              "server yet, give its id (“chairside-cli salons list” on the PC "
                              "that holds its book shows it).")
                                   .arg(salon));
}

Result<DeviceEnrolment::Enrolled> DeviceEnrolment::enrol(ServerConnection &admin,
                                                         const QString &salon, const QString &name,
                                                         const std::optional<ServerUrl> &pcServer)
{
    const Result<int> schema = admin.requireSchema(schemaVersion);
    if (!schema)
        return schema.error();
    const Result<QString> salonIdFound = salonId(admin, salon);
    if (!salonIdFound)
        return salonIdFound.error();

    const QByteArray secret = Pkce::randomToken(32);
    const Result<QString> verifier = admin.passwordVerifier(QString(), secret);
    if (!verifier)
        return verifier.error();
    QSqlQuery query(admin.database());
    query.prepare(QStringLiteral("SELECT device_id::text, login_role, first_of_salon, "
                                 "code_expires_at, current_database() FROM enrol_device(?, ?, ?)"));
    query.addBindValue(*salonIdFound);
    query.addBindValue(name);
    query.addBindValue(*verifier);
    if (!query.exec() || !query.next())
        return ServerConnection::queryError(query.lastError(), tr("Enrolling the PC"));
    const QString database = query.value(4).toString();
    if (*schema >= ServerConnection::keyedSchemaVersion) {
        // Only the key's hash: the key (a bind parameter) is never stored.
        const Result<QList<QByteArrayList>> kept = admin.run(
                QByteArrayLiteral("UPDATE devices SET key_hash = encode(sha256(convert_to($1, "
                                  "'UTF8')), 'hex') WHERE device_id = $2::uuid"),
                {ServerConnection::deviceKeyOf(secret), query.value(0).toString().toLatin1()},
                tr("Enrolling the PC"));
        if (!kept)
            return kept.error();
    }

    Enrolled enrolled;
    enrolled.device = {query.value(0).toString(),
                       *salonIdFound,
                       name,
                       query.value(1).toString(),
                       query.value(2).toBool(),
                       query.value(3).toDateTime(),
                       {},
                       {}};
    enrolled.code.server =
            EnrolmentCode::serverForPc(pcServer.value_or(admin.url()), enrolled.device.loginRole);
    // The address may leave the database out (libpq then takes the login's
    // name); the PC's login has another name.
    if (!pcServer || !pcServer->has(QStringLiteral("dbname")))
        enrolled.code.server.set(QStringLiteral("dbname"), database);
    enrolled.code.secret = QString::fromLatin1(secret);
    enrolled.code.expiresAt = enrolled.device.codeExpiresAt;
    qCInfo(lcServer) << "enrolled device" << enrolled.device.id << "for salon"
                     << enrolled.device.salonId
                     << "first of salon:" << enrolled.device.firstOfSalon;
    return enrolled;
}

Result<QList<EnrolledDevice>> DeviceEnrolment::devices(ServerConnection &admin)
{
    QSqlQuery query(admin.database());
    if (!query.exec(QStringLiteral("SELECT %1 FROM devices ORDER BY salon_id, created_at")
                            .arg(deviceColumns)))
        return ServerConnection::queryError(query.lastError(), tr("Reading the enrolled PCs"));
    QList<EnrolledDevice> list;
    while (query.next())
        list.append(deviceFrom(query));
    return list;
}

Result<EnrolledDevice> DeviceEnrolment::find(ServerConnection &admin, const QString &device)
{
    const Result<QList<EnrolledDevice>> all = devices(admin);
    if (!all)
        return all.error();
    QList<EnrolledDevice> named;
    for (const EnrolledDevice &candidate : *all) {
        if (candidate.id.compare(device, Qt::CaseInsensitive) == 0)
            return candidate;
        if (candidate.name.compare(device, Qt::CaseInsensitive) == 0
            && !candidate.revokedAt.isValid())
            named.append(candidate);
    }
    if (named.size() == 1)
        return named.constFirst();
    if (named.isEmpty())
        return Error::notFound(tr("No PC “%1” is enrolled on this server (give its id or the "
                                  "name it was enrolled with).")
                                       .arg(device));
    QStringList ids;
    for (const EnrolledDevice &candidate : std::as_const(named))
        ids.append(candidate.id);
    return Error::notFound(tr("More than one PC is called “%1”: %2. Give the id.")
                                   .arg(device, ids.join(QLatin1String(", "))));
}

Result<DeviceEnrolment::Revoked> DeviceEnrolment::revoke(ServerConnection &admin,
                                                         const QString &device)
{
    if (const Result<int> schema = admin.requireSchema(schemaVersion); !schema)
        return schema.error();
    const Result<EnrolledDevice> found = find(admin, device);
    if (!found)
        return found.error();
    Revoked revoked{*found, found->revokedAt.isValid(), 0};

    // First the revocation, committed: from then on the login fails and
    // device_salon() is empty for it. Only then end its sessions, so none
    // can start in between.
    QSqlQuery query(admin.database());
    query.prepare(QStringLiteral("SELECT revoked_at FROM revoke_device(?::uuid)"));
    query.addBindValue(found->id);
    if (!query.exec() || !query.next())
        return ServerConnection::queryError(query.lastError(), tr("Revoking the PC"));
    revoked.device.revokedAt = query.value(0).toDateTime();
    query.prepare(QStringLiteral("SELECT end_device_sessions(?)"));
    query.addBindValue(found->loginRole);
    if (!query.exec() || !query.next())
        return ServerConnection::queryError(query.lastError(),
                                            tr("Ending the revoked PC's open sessions"));
    revoked.sessionsEnded = query.value(0).toInt();
    qCInfo(lcServer) << "revoked device" << found->id << "sessions ended:" << revoked.sessionsEnded;
    return revoked;
}

} // namespace chairside
