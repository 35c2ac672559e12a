#pragma once

#include "domain/error.h"
#include "serverurl.h"

#include <QByteArrayList>
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
    // The server's schema version as requireSchema() last read it (0 before).
    int schemaVersion() const { return m_schemaVersion; }

    // One statement as libpq's unnamed statement (PQexecParams, text
    // parameters and values): how a PC talks to its server, so it works
    // through PgBouncer in transaction pooling (no named PREPARE). Returns
    // each row's values; SQL NULL is a null QByteArray. `doing` names the
    // work in the error sentence. A login the server refuses as a PC
    // (SQLSTATE 42501: revoked, not enrolled) gives Error::Code::Invalid with
    // the server's sentence; a lost connection Error::Code::Unavailable.
    // On failure `failure`, when given, gets the server's error (its SQLSTATE
    // in nativeErrorCode()), and the caller words a refusal itself.
    Result<QList<QByteArrayList>> run(const QByteArray &sql, const QByteArrayList &params,
                                      const QString &doing, QSqlError *failure = nullptr);
    // Whether libpq still has the connection.
    bool isConnected() const;

    // Rows of text values (a NULL is a null QString).
    using Rows = QList<QStringList>;
    // run() with text in and out. Both work through PgBouncer in
    // transaction-pooling mode, where QSqlQuery::prepare does not: QPSQL
    // sends a named SQL PREPARE, and the EXECUTE after it may run on another
    // server connection (docs/server.md, tst_serverpooling).
    Result<Rows> execParams(const QString &sql, const QStringList &params, const QString &doing,
                            QSqlError *failure = nullptr);

    // Behind a PgBouncer that logs in to the server as one shared login for
    // all PCs (docs/server.md, "Many PCs"), the server cannot tell the PCs
    // apart by their login, so each transaction carries the PC's device key,
    // a secret derived from its password, as a bind parameter (never in the
    // SQL text, never logged). Set by SyncConnection when the server's
    // session_user is not the PC's login; empty otherwise.
    static QByteArray deviceKeyOf(const QByteArray &password);
    // The server schema with device keys (007_pooled_devices.sql).
    static constexpr int keyedSchemaVersion = 7;
    void setDeviceKey(const QByteArray &key) { m_deviceKey = key; }
    bool isPooled() const { return !m_deviceKey.isEmpty(); }
    // `params` with the device key after them when pooled: for the keyed
    // variants of the PC's functions (schema 7), which take it last.
    QByteArrayList withKey(QByteArrayList params) const;
    // `direct`, or behind the pool `keyed`.
    QByteArray keyed(const QByteArray &direct, const QByteArray &keyed) const
    {
        return isPooled() ? keyed : direct;
    }

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
    // QPSQL's libpq connection, or null.
    pg_conn *pgConn() const;

    QString m_name;
    ServerUrl m_url;
    QSqlDatabase m_db;
    QByteArray m_deviceKey;
    int m_schemaVersion = 0;
};

} // namespace chairside
