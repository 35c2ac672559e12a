#pragma once

#include "domain/error.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace chairside {

// Where a salon's PostgreSQL server is and how to log in to it, read as libpq
// reads it: a URI (postgresql:// or postgres://, with several hosts, user,
// password, database and query parameters, all percent-decoded) or a
// key=value connection string. Held as libpq's own keywords ("host" may list
// several hosts, "port" their ports), so what libpq does with them (trying the
// hosts in order, target_session_attrs, sslmode) is what happens.
class ServerUrl
{
    Q_DECLARE_TR_FUNCTIONS(ServerUrl)

public:
    struct Host
    {
        QString name; // a host name, an IP address or a unix socket directory
        QString port; // empty: the default (5432)
        bool operator==(const Host &) const = default;
    };

    ServerUrl() = default;

    // Refuses what libpq would refuse (and a few values it would accept but
    // Chairside cannot pass on), with Error::usage and a sentence naming the
    // problem. The password never appears in a message.
    static Result<ServerUrl> parse(const QString &text);

    // The libpq keywords this accepts (and "ssl" in a URI, as libpq does).
    static const QStringList &keywords();
    static const QStringList &sslModes();

    QList<Host> hosts() const;
    QString user() const { return value(QStringLiteral("user")); }
    QString password() const { return value(QStringLiteral("password")); }
    QString database() const { return value(QStringLiteral("dbname")); }
    QString sslMode() const { return value(QStringLiteral("sslmode")); }
    // Any keyword's value, empty when not given.
    QString value(const QString &keyword) const { return m_values.value(keyword); }
    bool has(const QString &keyword) const { return m_values.contains(keyword); }
    const QMap<QString, QString> &values() const { return m_values; }

    void setUser(const QString &user) { set(QStringLiteral("user"), user); }
    void setPassword(const QString &password) { set(QStringLiteral("password"), password); }
    void set(const QString &keyword, const QString &value);
    void remove(const QString &keyword) { m_values.remove(keyword); }

    // What the QPSQL driver needs. It builds its libpq connection string from
    // hostName (quoted, so a list of hosts passes), one numeric port, the
    // database, user and password, and appends connectOptions as they are
    // after turning every ';' into a space. So several ports (and every other
    // keyword) go through connectOptions, each value quoted as libpq wants.
    void applyTo(QSqlDatabase &db) const;
    QString connectOptions() const;

    // postgresql://user@host:port,host:port/db?key=value — never with the
    // password (nor sslpassword): for messages, logs and the local store.
    QString toDisplayString() const;

    bool operator==(const ServerUrl &) const = default;

private:
    static Result<ServerUrl> parseUri(const QString &text, qsizetype schemeLength);
    static Result<ServerUrl> parseKeywords(const QString &text);
    Result<void> store(const QString &keyword, const QString &value);
    Result<void> check() const;

    QMap<QString, QString> m_values;
};

} // namespace chairside
