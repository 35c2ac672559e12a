#include "serverconnection.h"

#include "libpq.h"
#include "logging.h"
#include "serverschema.h"

#include <QAtomicInteger>
#include <QMessageAuthenticationCode>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

namespace chairside {

namespace {

// libpq's message on one line, without its "FATAL:" prefixes.
QString serverWords(const QSqlError &error)
{
    QString text = error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
    text.replace(QLatin1String("FATAL:  "), QString());
    text.replace(QLatin1String("ERROR:  "), QString());
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    QStringList trimmed;
    for (const QString &line : lines)
        trimmed.append(line.trimmed());
    return trimmed.join(u' ');
}

bool mentions(const QString &text, std::initializer_list<const char *> phrases)
{
    return std::any_of(phrases.begin(), phrases.end(), [&](const char *phrase) {
        return text.contains(QLatin1String(phrase), Qt::CaseInsensitive);
    });
}

} // namespace

ServerConnection::ServerConnection(QString name, ServerUrl url)
    : m_name(std::move(name)), m_url(std::move(url))
{}

ServerConnection::~ServerConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

Result<std::unique_ptr<ServerConnection>> ServerConnection::open(const ServerUrl &url,
                                                                 const QString &loginRefused)
{
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("chairside-server-%1").arg(++counter);
    std::unique_ptr<ServerConnection> connection(new ServerConnection(name, url));
    connection->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    if (!connection->m_db.isValid())
        return Error::unavailable(tr("Chairside cannot reach PostgreSQL servers on this computer: "
                                     "the Qt PostgreSQL driver is missing. Install the package "
                                     "libqt6sql6-psql."));
    url.applyTo(connection->m_db);
    qCInfo(lcServer) << "connecting to" << url.toDisplayString();
    if (!connection->m_db.open())
        return connectionError(url, connection->m_db.lastError(), loginRefused);
    return connection;
}

Error ServerConnection::connectionError(const ServerUrl &url, const QSqlError &error,
                                        const QString &loginRefused)
{
    const QString words = serverWords(error);
    const QString server = url.toDisplayString();
    qCWarning(lcServer) << "connection to" << server << "failed:" << words;
    if (mentions(words,
                 {"password authentication failed", "no password supplied",
                  "not permitted to log in", "authentication failed",
                  // PgBouncer's auth_query finds no such login (or one that may not log in)
                  "no such user"})) {
        if (!loginRefused.isEmpty())
            return Error::invalid(loginRefused);
        return Error::invalid(tr("The server %1 refused the login “%2”: the login or its password "
                                 "is wrong, has expired or has been revoked. (The server said: %3)")
                                      .arg(server, url.user(), words));
    }
    if (mentions(words, {"does not match host name"}))
        return Error::invalid(tr("The server's certificate is not for the host in %1, so it "
                                 "cannot be trusted. Use the host name the certificate was made "
                                 "for. (%2)")
                                      .arg(server, words));
    if (mentions(words,
                 {"certificate verify failed", "root certificate", "certificate", "SSL error"}))
        return Error::invalid(tr("The server's certificate cannot be trusted with the CA in "
                                 "sslrootcert of %1: check that sslrootcert names the CA that "
                                 "signed the server's certificate. (%2)")
                                      .arg(server, words));
    if (mentions(words, {"pg_hba.conf"}))
        return Error::invalid(tr("The server %1 does not accept this connection (its pg_hba.conf "
                                 "refuses it): a login that must use TLS needs sslmode=require or "
                                 "stricter, or the server has not been opened to this computer. "
                                 "(%2)")
                                      .arg(server, words));
    if (mentions(words, {"does not support SSL"}))
        return Error::invalid(tr("The server %1 does not offer TLS, but the address asks for it "
                                 "(sslmode). Turn ssl on at the server. (%2)")
                                      .arg(server, words));
    if (mentions(words, {"database \"", "does not exist"}))
        return Error::notFound(tr("The server %1 has no such database. (%2)").arg(server, words));
    return Error::unavailable(tr("Could not reach the server %1: it may be down, or the address "
                                 "or port is wrong, or the network is out. Try again later. (%2)")
                                      .arg(server, words));
}

Error ServerConnection::queryError(const QSqlError &error, const QString &doing)
{
    const QString words = serverWords(error);
    qCWarning(lcServer) << "query failed:" << error.nativeErrorCode() << words;
    if (mentions(words,
                 {"permission denied to create role", "must have CREATEROLE", "permission denied"}))
        return Error::invalid(tr("%1 failed: this login may not do it. Use the login that owns "
                                 "the Chairside database and may create roles (CREATEROLE). (%2)")
                                      .arg(doing, words));
    if (error.type() == QSqlError::ConnectionError
        || mentions(words, {"server closed", "terminat", "connection"}))
        // One sentence: libpq's words (logged above) only repeat it.
        return Error::unavailable(
                tr("%1 stopped because the connection to the server was lost; try again.")
                        .arg(doing));
    return Error::storage(tr("%1 failed on the server: %2").arg(doing, words));
}

Result<int> ServerConnection::requireSchema(int minimum)
{
    const Result<int> version = ServerSchema::version(m_db);
    if (!version)
        return version.error();
    m_schemaVersion = *version;
    if (*version > ServerSchema::latestVersion())
        return Error::unavailable(
                tr("The server's database has schema version %1, made by a newer Chairside; this "
                   "one knows versions up to %2. Update Chairside on this PC first. Nothing was "
                   "changed.")
                        .arg(*version)
                        .arg(ServerSchema::latestVersion()));
    if (*version < minimum)
        return Error::invalid(tr("The server's database is at schema version %1; this needs "
                                 "version %2. Run “chairside-cli server migrate --url …” with the "
                                 "database owner's address first.")
                                      .arg(*version)
                                      .arg(minimum));
    return *version;
}

PGconn *ServerConnection::pgConn() const
{
    // QPSQL hands its PGconn* out in a QVariant (Qt's QSqlDriver::handle
    // docs); the type is registered as "pg_conn*", the struct behind PGconn.
    if (!m_db.isOpen() || !LibPq::get())
        return nullptr;
    const QVariant handle = m_db.driver()->handle();
    const bool isConnection = handle.isValid()
            && (qstrcmp(handle.typeName(), "pg_conn*") == 0
                || qstrcmp(handle.typeName(), "PGconn*") == 0);
    if (!isConnection)
        qCWarning(lcServer) << "no libpq handle:" << handle.typeName();
    return isConnection ? *static_cast<PGconn *const *>(handle.constData()) : nullptr;
}

bool ServerConnection::isConnected() const
{
    PGconn *conn = pgConn();
    return conn && LibPq::get()->status(conn) == CONNECTION_OK;
}

Result<QList<QByteArrayList>> ServerConnection::run(const QByteArray &sql,
                                                    const QByteArrayList &params,
                                                    const QString &doing, QSqlError *failure)
{
    PGconn *conn = pgConn();
    if (!conn || LibPq::get()->status(conn) != CONNECTION_OK) {
        const QSqlError lost(tr("The connection to the server was lost."), {},
                             QSqlError::ConnectionError);
        if (failure)
            *failure = lost;
        return queryError(lost, doing);
    }
    const LibPq &pq = *LibPq::get(); // there when pgConn() is
    QList<const char *> values;
    values.reserve(params.size());
    for (const QByteArray &param : params)
        values.append(param.isNull() ? nullptr : param.constData());
    PGresult *result = pq.execParams(conn, sql.constData(), int(params.size()), nullptr,
                                     values.constData(), nullptr, nullptr, 0);
    const auto clear = qScopeGuard([&] { pq.clear(result); });
    const ExecStatusType status = result ? pq.resultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        const QString state = result
                ? QString::fromLatin1(pq.resultErrorField(result, PG_DIAG_SQLSTATE))
                : QString();
        const QString primary = result
                ? QString::fromUtf8(pq.resultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))
                : QString();
        const bool lost = pq.status(conn) != CONNECTION_OK;
        const QString words = QString::fromUtf8(pq.errorMessage(conn)).trimmed();
        const QSqlError error(words, primary.isEmpty() ? words : primary,
                              lost ? QSqlError::ConnectionError : QSqlError::StatementError, state);
        if (failure)
            *failure = error;
        if (state == QLatin1String("42501") && !primary.isEmpty() && !failure) {
            qCWarning(lcServer) << "the server refused this PC:" << state;
            return Error::invalid(tr("The server refused this PC: %1 This PC keeps its book; "
                                     "nothing was changed.")
                                          .arg(primary));
        }
        return queryError(error, doing);
    }
    QList<QByteArrayList> rows;
    const int columns = pq.nfields(result);
    const int count = pq.ntuples(result);
    rows.reserve(count);
    for (int row = 0; row < count; ++row) {
        QByteArrayList values;
        values.reserve(columns);
        for (int column = 0; column < columns; ++column)
            values.append(pq.getisnull(result, row, column)
                                  ? QByteArray()
                                  : QByteArray(pq.getvalue(result, row, column),
                                               pq.getlength(result, row, column)));
        rows.append(values);
    }
    return rows;
}

Result<ServerConnection::Rows> ServerConnection::execParams(const QString &sql,
                                                            const QStringList &params,
                                                            const QString &doing,
                                                            QSqlError *failure)
{
    QByteArrayList bytes;
    bytes.reserve(params.size());
    for (const QString &param : params)
        bytes.append(param.isNull() ? QByteArray() : param.toUtf8());
    QSqlError error;
    const Result<QList<QByteArrayList>> ran = run(sql.toUtf8(), bytes, doing, &error);
    if (!ran) {
        if (failure)
            *failure = error;
        return ran.error();
    }
    Rows rows;
    rows.reserve(ran->size());
    for (const QByteArrayList &row : *ran) {
        QStringList values;
        values.reserve(row.size());
        for (const QByteArray &value : row)
            values.append(value.isNull() ? QString() : QString::fromUtf8(value));
        rows.append(values);
    }
    return rows;
}

QByteArray ServerConnection::deviceKeyOf(const QByteArray &password)
{
    // One-way: the key (which the server hashes again) never gives the
    // password, which also logs the PC in.
    return QMessageAuthenticationCode::hash(QByteArrayLiteral("chairside device key"), password,
                                            QCryptographicHash::Sha256)
            .toHex();
}

QByteArrayList ServerConnection::withKey(QByteArrayList params) const
{
    if (isPooled())
        params.append(m_deviceKey);
    return params;
}

Result<pg_conn *> ServerConnection::libpqConnection()
{
    PGconn *conn = pgConn();
    if (!conn)
        return Error::unavailable(tr("The connection to the server was lost. Try again."));
    return conn;
}

Result<QString> ServerConnection::passwordVerifier(const QString &user, const QByteArray &password)
{
    PGconn *conn = pgConn();
    if (!conn)
        return Error::unavailable(tr("The connection to the server was lost. Try again."));
    const LibPq &pq = *LibPq::get(); // there when pgConn() is
    const QByteArray userBytes = user.toUtf8();
    char *verifier = pq.encryptPasswordConn(conn, password.constData(), userBytes.constData(),
                                            "scram-sha-256");
    if (!verifier)
        return Error::unavailable(tr("Could not prepare the password for the server: %1")
                                          .arg(QString::fromUtf8(pq.errorMessage(conn)).trimmed()));
    const QString result = QString::fromLatin1(verifier);
    pq.freemem(verifier);
    return result;
}

} // namespace chairside
