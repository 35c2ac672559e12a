#pragma once

#include "domain/error.h"
#include "serverurl.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>

#include <memory>

// libpq's connection (PGconn), without its header.
struct pg_conn;

namespace chairside {

// One open connection to a salon's PostgreSQL server through QPSQL, closed
// and removed when this goes. open() says in one sentence why a connection
// failed, and what to do: the server cannot be reached, the login or
// password is wrong, the server's certificate cannot be trusted, the
// database does not exist.
class ServerConnection
{
    Q_DECLARE_TR_FUNCTIONS(ServerConnection)

public:
    // `loginRefused`, when given, replaces the sentence for a login the
    // server refuses (a used enrolment code says so better than "wrong
    // password").
    static Result<std::unique_ptr<ServerConnection>> open(const ServerUrl &url,
                                                          const QString &loginRefused = {});
    ~ServerConnection();
    ServerConnection(const ServerConnection &) = delete;
    ServerConnection &operator=(const ServerConnection &) = delete;

    QSqlDatabase &database() { return m_db; }
    const ServerUrl &url() const { return m_url; }

    // Refuses a server whose schema is older than `minimum` (run `server
    // migrate`) or newer than this Chairside knows (update Chairside).
    Result<int> requireSchema(int minimum);

    // The SCRAM-SHA-256 verifier of `password`, made here by libpq
    // (PQencryptPasswordConn): the server stores it and never sees the
    // password itself.
    Result<QString> passwordVerifier(const QString &user, const QByteArray &password);

    // libpq's connection under QPSQL, for what QPSQL cannot do (COPY). Whoever
    // uses it leaves it idle again (a COPY finished, every result read)
    // before QPSQL runs the next statement.
    Result<pg_conn *> libpqConnection();

    // A failed statement, as a sentence naming what was being done.
    static Error queryError(const QSqlError &error, const QString &doing);
    // Why a connection to `url` failed (libpq's own words included: they
    // name the host and the login, never the password).
    static Error connectionError(const ServerUrl &url, const QSqlError &error,
                                 const QString &loginRefused = {});

private:
    ServerConnection(QString name, ServerUrl url);

    QString m_name;
    ServerUrl m_url;
    QSqlDatabase m_db;
};

} // namespace chairside
