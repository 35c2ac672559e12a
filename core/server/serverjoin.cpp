#include "serverjoin.h"

#include "auth/pkce.h"
#include "auth/tokenstore.h"
#include "deviceenrolment.h"
#include "enrolmentcode.h"
#include "logging.h"
#include "serverconnection.h"
#include "store/store.h"

#include <QEventLoop>
#include <QVariant>

#include <optional>

namespace chairside {

namespace {

const QString newCodeHint = QStringLiteral("chairside-cli server enroll-device");

// TokenStore answers with a signal; the join waits for it. The keychain
// may live in another thread (the window's, when the join runs on a worker:
// libsecret must stay on one thread): the call is then queued there, and
// its answer comes back to this thread's loop.
template <typename Value, typename Signal, typename Start>
Result<Value> waitFor(TokenStore &keychain, Signal signal, const QString &account, Start start)
{
    QEventLoop loop;
    std::optional<Result<Value>> outcome;
    const QMetaObject::Connection connection = QObject::connect(
            &keychain, signal, &loop,
            [&](const QString &answered, const QString &, const Result<Value> &result) {
                if (answered != account)
                    return;
                outcome = result;
                loop.quit();
            });
    QMetaObject::invokeMethod(&keychain, start);
    if (!outcome)
        loop.exec();
    QObject::disconnect(connection);
    return *outcome;
}

Result<void> writePassword(TokenStore &keychain, const QString &account, const QByteArray &value)
{
    return waitFor<void>(keychain, &TokenStore::written, account,
                         [&] { keychain.write(account, ServerJoin::passwordSecret(), value); });
}

void removePassword(TokenStore &keychain, const QString &account)
{
    const Result<void> removed = waitFor<void>(keychain, &TokenStore::removed, account, [&] {
        keychain.remove(account, ServerJoin::passwordSecret());
    });
    if (!removed)
        qCWarning(lcServer) << "could not remove the keychain entry of" << account;
}

// claim_device()'s own SQLSTATEs (003_enrolment.sql).
Error claimError(const QSqlError &error)
{
    const QString state = error.nativeErrorCode();
    if (state == QLatin1String("CS002"))
        return Error::invalid(ServerJoin::tr("This PC has been revoked on the server; its code "
                                             "no longer works. Ask for a new code (%1).")
                                      .arg(newCodeHint));
    if (state == QLatin1String("CS003"))
        return Error::invalid(ServerJoin::tr("This enrolment code has been used already. Each "
                                             "code joins one PC once; ask for a new one (%1).")
                                      .arg(newCodeHint));
    if (state == QLatin1String("CS004"))
        return Error::invalid(ServerJoin::tr("This enrolment code has expired (codes last %1 "
                                             "hours). Ask for a new one (%2).")
                                      .arg(EnrolmentCode::validHours)
                                      .arg(newCodeHint));
    if (state == QLatin1String("CS001"))
        return Error::notFound(ServerJoin::tr("The server does not know this code's PC. Ask for a "
                                              "new code (%1).")
                                       .arg(newCodeHint));
    return ServerConnection::queryError(error, ServerJoin::tr("Joining the server"));
}

// The store holds the book of the code's salon, or no book yet.
Result<void> checkSalon(Store &store, const QString &salonId)
{
    const Result<QList<Salon>> salons = store.salons();
    if (!salons)
        return salons.error();
    if (salons->isEmpty())
        return {};
    QStringList names;
    for (const Salon &salon : *salons) {
        if (salon.id == salonId)
            return {};
        names.append(ServerJoin::tr("%1 (%2)").arg(salon.name, salon.id));
    }
    return Error::invalid(ServerJoin::tr("This code is for the salon %1, but this PC's book holds "
                                         "%2. Ask for a code for this PC's salon, or join with an "
                                         "empty data folder (--data-dir). Nothing was changed.")
                                  .arg(salonId, names.join(QLatin1String(", "))));
}

} // namespace

QString ServerJoin::keychainAccount(const QString &deviceId)
{
    return QStringLiteral("server:") + deviceId;
}

QString ServerJoin::passwordSecret()
{
    return QStringLiteral("password");
}

Result<QByteArray> ServerJoin::readPassword(TokenStore &keychain, const QString &deviceId)
{
    const QString account = keychainAccount(deviceId);
    const Result<QByteArray> password =
            waitFor<QByteArray>(keychain, &TokenStore::secretRead, account,
                                [&] { keychain.read(account, passwordSecret()); });
    if (password)
        return password;
    return passwordReadError(password.error());
}

Error ServerJoin::passwordReadError(const Error &read)
{
    // A locked Secret Service answers "not found" (TokenStore's note).
    if (read.code == Error::Code::NotFound)
        return Error::unavailable(
                tr("This PC's server password is not in the keychain: the keychain may be "
                   "locked (unlock it and try again), or the PC joined with another user "
                   "account (join again with a new code). The book on this PC is unchanged."));
    return Error::unavailable(tr("This PC's server password could not be read from the keychain: "
                                 "%1 The book on this PC is unchanged.")
                                      .arg(read.message));
}

Result<ServerLink> ServerJoin::join(const EnrolmentCode &code, Store &store, TokenStore &keychain,
                                    Names *names)
{
    const QDateTime now = store.clock().now();
    if (code.expiresAt < now)
        return Error::invalid(tr("This enrolment code expired at %1 (codes last %2 hours). Ask "
                                 "for a new one (%3).")
                                      .arg(code.expiresAt.toLocalTime().toString(
                                              QStringLiteral("yyyy-MM-dd HH:mm")))
                                      .arg(EnrolmentCode::validHours)
                                      .arg(newCodeHint));
    const Result<std::optional<ServerLink>> previous = store.serverLink();
    if (!previous)
        return previous.error();

    ServerUrl url = code.server;
    url.setPassword(code.secret);
    auto connected = ServerConnection::open(
            url,
            tr("The server refused this enrolment code: it has been used already, has expired "
               "(codes last %1 hours), or the PC was revoked. Ask for a new one (%2).")
                    .arg(EnrolmentCode::validHours)
                    .arg(newCodeHint));
    if (!connected)
        return connected.error();
    ServerConnection &server = **connected;
    const Result<int> schema = server.requireSchema(DeviceEnrolment::schemaVersion);
    if (!schema)
        return schema.error();
    // The key of the one-time secret: behind PgBouncer's shared pool (the
    // server sees another login than the code's) the PC proves with it who
    // it is (docs/server.md, "Many PCs").
    const QByteArray secretKey = ServerConnection::deviceKeyOf(code.secret.toUtf8());
    const bool keyed = *schema >= ServerConnection::keyedSchemaVersion;
    if (keyed) {
        const Result<QList<QByteArrayList>> seen =
                server.run(QByteArrayLiteral("SELECT session_user::text"), {},
                           tr("Reading this PC's enrolment"));
        if (!seen)
            return seen.error();
        if (seen->value(0).value(0) != url.user().toUtf8())
            server.setDeviceKey(secretKey);
    }

    // Plain statements and unnamed ones only (run): the PC may reach the
    // server through PgBouncer in transaction-pooling mode.
    const Result<QList<QByteArrayList>> enrolment = server.run(
            server.keyed(QByteArrayLiteral("SELECT d.device_id::text, d.salon_id, d.name, s.name "
                                           "FROM devices d LEFT JOIN salons s USING (salon_id) "
                                           "WHERE d.login_role = current_user"),
                         QByteArrayLiteral("SELECT device_id::text, salon_id, name, salon_name "
                                           "FROM joining_device($1)")),
            server.withKey({}), tr("Reading this PC's enrolment"));
    if (!enrolment)
        return enrolment.error();
    if (enrolment->isEmpty())
        return Error::notFound(tr("The server does not know this code's PC. Ask for a new "
                                  "code (%1).")
                                       .arg(newCodeHint));
    const QByteArrayList &enrolled = enrolment->constFirst();
    const QString deviceId = QString::fromUtf8(enrolled.value(0));
    const Names found{QString::fromUtf8(enrolled.value(2)), QString::fromUtf8(enrolled.value(3))};
    if (const Result<void> salon = checkSalon(store, QString::fromUtf8(enrolled.value(1))); !salon)
        return salon.error();

    const QByteArray password = Pkce::randomToken(32);
    const Result<QString> verifier = server.passwordVerifier(url.user(), password);
    if (!verifier)
        return verifier.error();
    const QString account = keychainAccount(deviceId);
    if (const Result<void> kept = writePassword(keychain, account, password); !kept)
        return kept.error();

    // Until COMMIT the server still takes the one-time secret: anything
    // failing before then leaves the code usable.
    const auto undo = [&](const Error &error) {
        server.database().rollback();
        removePassword(keychain, account);
        return error;
    };
    if (!server.database().transaction())
        return undo(ServerConnection::queryError(server.database().lastError(),
                                                 tr("Joining the server")));
    QSqlError claimFailure;
    // From schema 7 the claim also keeps the hash of this PC's new device
    // key, replacing the secret's.
    const Result<ServerConnection::Rows> claimed = server.execParams(
            QStringLiteral("SELECT device_id::text, salon_id, first_of_salon, "
                           "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
                           "FROM ")
                    + (keyed ? QStringLiteral("claim_device($1, $2, $3)")
                             : QStringLiteral("claim_device($1)")),
            keyed ? QStringList{*verifier,
                                QString::fromLatin1(ServerConnection::deviceKeyOf(password)),
                                QString::fromLatin1(secretKey)}
                  : QStringList{*verifier},
            tr("Joining the server"), &claimFailure);
    if (!claimed)
        return undo(claimError(claimFailure));
    if (claimed->size() != 1 || claimed->constFirst().size() != 4)
        return undo(Error::storage(tr("Joining the server failed: the server gave no answer.")));
    const QStringList &row = claimed->constFirst();
    const ServerLink link{url.toDisplayString(),
                          row.at(0),
                          url.user(),
                          row.at(1),
                          row.at(2) == QLatin1String("t"),
                          QDateTime::fromString(row.at(3), Qt::ISODateWithMs)};
    if (const Result<void> saved = store.saveServerLink(link); !saved)
        return undo(saved.error());
    if (!server.database().commit()) {
        const Error error = ServerConnection::queryError(server.database().lastError(),
                                                         tr("Joining the server"));
        const Result<void> restored =
                *previous ? store.saveServerLink(**previous) : store.forgetServerLink();
        if (!restored)
            qCWarning(lcServer) << "could not take the server link back after a failed join";
        return undo(error);
    }
    if (*previous && (*previous)->deviceId != link.deviceId)
        removePassword(keychain, keychainAccount((*previous)->deviceId));
    qCInfo(lcServer) << "joined as device" << link.deviceId << "of salon" << link.salonId;
    if (names) {
        *names = found;
        if (names->salon.isEmpty()) {
            // Not on the server yet: this PC brings it, so its book has the name.
            const Result<QList<Salon>> salons = store.salons();
            for (const Salon &salon : salons ? *salons : QList<Salon>()) {
                if (salon.id == link.salonId)
                    names->salon = salon.name;
            }
        }
    }
    return link;
}

} // namespace chairside
