#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QUrl>

// The throwaway PostgreSQL cluster that ctest starts (postgres-cluster.sh):
// connections from its URLs, and a fresh database per test.
namespace testserver {

// CHAIRSIDE_TEST_PG_URL: the owner, who may create databases and roles.
QUrl ownerUrl();

// A connection named `name` for a postgresql://user:password@host:port/db URL,
// open, or invalid with QTest failing.
QSqlDatabase connect(const QUrl &url, const QString &name);

// The same URL with another database or login.
QUrl withDatabase(QUrl url, const QString &database);
QUrl withLogin(QUrl url, const QString &user, const QString &password);

// An empty database named `name`, owned by the owner, dropped (with any
// connections to it) when this goes out of scope.
class FreshDatabase
{
public:
    explicit FreshDatabase(const QString &name);
    ~FreshDatabase();
    FreshDatabase(const FreshDatabase &) = delete;
    FreshDatabase &operator=(const FreshDatabase &) = delete;

    bool ok() const { return m_ok; }
    QString name() const { return m_name; }
    QUrl url() const { return withDatabase(ownerUrl(), m_name); }

    // A connection to it as the owner, named `name` (one per thread).
    QSqlDatabase connect(const QString &connection) const;
    // The owner's connection named `connection`, opened on first use.
    QSqlDatabase owner(const QString &connection = QStringLiteral("owner")) const;
    // A connection as `role` (a PC's login), named after it, opened on first use.
    QSqlDatabase login(const QString &role, const QString &password) const;

private:
    bool run(const QString &sql) const;

    QString m_name;
    bool m_ok = false;
};

} // namespace testserver
