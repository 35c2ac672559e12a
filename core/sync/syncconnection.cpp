#include "syncconnection.h"

#include "server/serverjoin.h"
#include "store/store.h"

namespace chairside {

Result<ServerLink> SyncConnection::link(const Store &store)
{
    const Result<std::optional<ServerLink>> link = store.serverLink();
    if (!link)
        return link.error();
    if (!*link)
        return Error::notFound(tr("This PC has not joined a salon's server, so there is nothing "
                                  "to sync. Join with “chairside-cli join CODE” (a code from "
                                  "“chairside-cli server enroll-device”)."));
    return **link;
}

Result<std::unique_ptr<ServerConnection>>
SyncConnection::open(const Store &store, TokenStore &keychain, int connectTimeout)
{
    const Result<ServerLink> joined = link(store);
    if (!joined)
        return joined.error();
    const Result<QByteArray> password = ServerJoin::readPassword(keychain, joined->deviceId);
    if (!password)
        return password.error();
    return open(*joined, *password, connectTimeout);
}

Result<std::unique_ptr<ServerConnection>>
SyncConnection::open(const ServerLink &link, const QByteArray &password, int connectTimeout)
{
    Result<ServerUrl> url = ServerUrl::parse(link.url);
    if (!url)
        return url.error();
    url->setUser(link.loginRole);
    url->setPassword(QString::fromUtf8(password));
    if (connectTimeout > 0 && !url->has(QStringLiteral("connect_timeout")))
        url->set(QStringLiteral("connect_timeout"), QString::number(connectTimeout));
    auto connection = ServerConnection::open(*url, loginRefused(link));
    if (!connection)
        return connection.error();
    const Result<int> schema = (*connection)->requireSchema(schemaVersion);
    if (!schema)
        return schema.error();
    ServerConnection &server = **connection;
    const Result<QList<QByteArrayList>> seen =
            server.run(QByteArrayLiteral("SELECT session_user::text"), {},
                       tr("Reading which login the server sees"));
    if (!seen)
        return seen.error();
    const QByteArray key = ServerConnection::deviceKeyOf(password);
    if (seen->value(0).value(0) != link.loginRole.toUtf8()) {
        if (const Result<int> pooled = server.requireSchema(ServerConnection::keyedSchemaVersion);
            !pooled)
            return pooled.error();
        server.setDeviceKey(key);
    } else if (*schema >= ServerConnection::keyedSchemaVersion) {
        // The same key again writes nothing.
        const Result<QList<QByteArrayList>> told =
                server.run(QByteArrayLiteral("SELECT set_device_key($1)"), {key},
                           tr("Telling the server this PC's device key"));
        if (!told)
            return told.error();
    }
    return connection;
}

QString SyncConnection::loginRefused(const ServerLink &link)
{
    return tr("The server %1 refused this PC's login: the PC has been revoked, or its password "
              "was changed. Ask the salon's admin for a new code and join again. This PC keeps "
              "its book and its unsent changes.")
            .arg(link.url);
}

bool SyncConnection::refusesThisPc(const Error &error, const ServerLink &link)
{
    if (error.code != Error::Code::Invalid)
        return false;
    if (error.message == loginRefused(link))
        return true;
    // ServerConnection::run()'s sentence for SQLSTATE 42501, up to the
    // server's own words.
    const QString refused = ServerConnection::tr("The server refused this PC: %1 This PC keeps "
                                                 "its book; nothing was changed.")
                                    .section(QStringLiteral("%1"), 0, 0);
    return !refused.isEmpty() && error.message.startsWith(refused);
}

} // namespace chairside
