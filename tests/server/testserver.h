#pragma once

#include "store/changeset.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QUrl>

#include <optional>

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

// Runs `sql`; when it fails, says which statement and why (for QVERIFY).
bool exec(QSqlQuery &query, const QString &sql);

// A PC of `salon` enrolled by hand, as the owner (enrolment is tested
// elsewhere): its login `role`, a member of chairside_device, with
// `password`, and its devices row, revoked when asked. The salon's clock
// row must exist.
bool addDevice(QSqlDatabase owner, const QString &role, const QString &salon,
               const QString &password, bool revoked = false);

// A mutation as the sync engine sends an outbox entry (docs/sync.md), made
// by "Ann" on 1 December 2026; and a removal.
QJsonObject mutation(chairside::Entity entity, const QString &id, const QJsonObject &payload,
                     std::optional<qint64> baseVersion = {});
QJsonObject removal(chairside::Entity entity, const QString &id,
                    std::optional<qint64> baseVersion = {});

// A row as a PC makes it of a payload: through its domain type and back.
QJsonObject throughDomain(chairside::Entity entity, const QJsonObject &json);

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
