#pragma once

#include "domain/error.h"
#include "enrolmentcode.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <optional>

namespace chairside {

class ServerConnection;

// A PC as the server knows it (the devices table).
struct EnrolledDevice
{
    QString id;
    QString salonId;
    QString name;
    QString loginRole;
    bool firstOfSalon = false; // its first upload brings the salon to the server
    QDateTime codeExpiresAt;
    QDateTime joinedAt;  // invalid until the PC joined
    QDateTime revokedAt; // invalid unless revoked
};

// What an admin does to the salon's PCs, logged in as the database owner
// (who may create roles): enrol one, list them, revoke one. The rules live in
// the server's functions (resources/sql/server/003_enrolment.sql).
class DeviceEnrolment
{
    Q_DECLARE_TR_FUNCTIONS(DeviceEnrolment)

public:
    // The server schema that has enrol_device() and claim_device(), and the
    // pull functions a PC needs right after joining (its first sync): a PC
    // is not enrolled on, and does not join, a server it could not sync with.
    static constexpr int schemaVersion = 4;

    struct Enrolled
    {
        EnrolledDevice device;
        EnrolmentCode code;
    };
    // `salon` is a salon on the server, by id or name, or the id of a salon
    // not there yet (its first PC will bring it). The code sends the PC to
    // `pcServer` when given (PgBouncer's shared pool, say: docs/server.md
    // "Many PCs"), else to the admin's address. From schema 7 the server
    // also keeps the SHA-256 of the one-time secret's device key, so that
    // the PC can join through a shared pool.
    static Result<Enrolled> enrol(ServerConnection &admin, const QString &salon,
                                  const QString &name,
                                  const std::optional<ServerUrl> &pcServer = {});

    static Result<QList<EnrolledDevice>> devices(ServerConnection &admin);

    struct Revoked
    {
        EnrolledDevice device;
        bool alreadyRevoked = false;
        int sessionsEnded = 0;
    };
    // `device` by id, or by name when one PC that is not revoked has it.
    // The login stops working and device_salon() gives nothing for it at
    // once; then its open sessions are ended.
    static Result<Revoked> revoke(ServerConnection &admin, const QString &device);

private:
    static Result<QString> salonId(ServerConnection &admin, const QString &salon);
    static Result<EnrolledDevice> find(ServerConnection &admin, const QString &device);
};

} // namespace chairside
