#pragma once

#include "domain/error.h"
#include "server/serverconnection.h"
#include "store/serverlink.h"

#include <QCoreApplication>

#include <memory>

namespace chairside {

class Store;
class TokenStore;

// This PC's connection to its salon's server, as the PC: the link "join"
// recorded, the password from the keychain, the schema checked. The one place
// the sync round (and later the background engine, on its own thread) opens
// it. Each failure is one sentence saying what to do, and nothing local
// changes: not joined, a locked keychain, a revoked PC or a changed password,
// a server with another schema version, a server that cannot be reached.
class SyncConnection
{
    Q_DECLARE_TR_FUNCTIONS(SyncConnection)

public:
    // The server schema the sync needs: book_changes() (004), and
    // book_head() with the purge horizon and book_history() (005).
    static constexpr int schemaVersion = 5;

    // The link, or a sentence saying this PC has not joined a server.
    static Result<ServerLink> link(const Store &store);
    // Behind a PgBouncer that logs in to the server as one shared login
    // (the server's session_user is not this PC's login), the connection
    // sends this PC's device key with every transaction. Straight to the
    // server (or through a PgBouncer pool of its own login), it tells the
    // server its key, once, so that it may later sync through a shared pool.
    // Waits for the keychain in a local event loop. `connectTimeout`
    // seconds (0: libpq's default, or the address's connect_timeout) bound
    // the wait for a server that does not answer.
    static Result<std::unique_ptr<ServerConnection>> open(const Store &store, TokenStore &keychain,
                                                          int connectTimeout = 0);
    static Result<std::unique_ptr<ServerConnection>>
    open(const ServerLink &link, const QByteArray &password, int connectTimeout = 0);

    // Whether `error` (from open() or a round) is the server refusing this
    // PC: its login refused (revoked, or its password changed), or a PC's
    // function answering SQLSTATE 42501. Trying again cannot help; the user
    // must act (join again).
    static bool refusesThisPc(const Error &error, const ServerLink &link);

private:
    static QString loginRefused(const ServerLink &link);
};

} // namespace chairside
