#include "testserver.h"

#include <QSqlError>
#include <QSqlQuery>
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
