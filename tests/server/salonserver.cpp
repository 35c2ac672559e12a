#include "salonserver.h"

#include "auth/tokenstore.h"
#include "server/deviceenrolment.h"
#include "server/serverconnection.h"
#include "server/serverjoin.h"
#include "server/serverschema.h"
#include "server/serverurl.h"

#include <QTest>

using namespace chairside;

namespace testserver {

bool SalonServer::underCtest()
{
    return !qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_PG_URL")
            && !qEnvironmentVariableIsEmpty("CHAIRSIDE_TEST_KEYRING_HOME");
}

SalonServer::SalonServer(const QString &name) : m_database(std::make_unique<FreshDatabase>(name))
{
    if (!m_database->ok())
        return;
    auto admin = ServerConnection::open(*ServerUrl::parse(m_database->url().toString()));
    if (!admin) {
        QTest::qFail(qPrintable(admin.error().message), __FILE__, __LINE__);
        return;
    }
    const auto migrated = ServerSchema::migrate((*admin)->database());
    if (!migrated) {
        QTest::qFail(qPrintable(migrated.error().message), __FILE__, __LINE__);
        return;
    }
    m_keychain = std::make_unique<TokenStore>();
    m_admin = std::move(*admin);
}

SalonServer::~SalonServer()
{
    QStringList roles;
    if (m_admin) {
        QSqlQuery query(m_admin->database());
        query.exec(QStringLiteral("SELECT login_role FROM devices"));
        while (query.next())
            roles.append(query.value(0).toString());
    }
    m_admin.reset();
    // The roles belong to the cluster, and the database holds their
    // privileges: drop it first, then them, from the owner's database.
    m_database.reset();
    {
        QSqlDatabase owner = connect(ownerUrl(), QStringLiteral("roles"));
        QSqlQuery drop(owner);
        for (const QString &role : std::as_const(roles))
            drop.exec(QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(role));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("roles"));
}

std::unique_ptr<Pc> SalonServer::join(const QString &salon, const QString &name,
                                      const std::function<bool(Store &)> &prepare,
                                      const Clock &clock)
{
    auto pc = std::make_unique<Pc>();
    pc->temp = std::make_unique<testsupport::TempStore>(clock);
    if (!pc->temp->isValid()) {
        qWarning("%s", qPrintable(pc->temp->errorString()));
        return nullptr;
    }
    if (prepare && !prepare(pc->store())) {
        qWarning("could not fill the store of %s", qPrintable(name));
        return nullptr;
    }
    const auto enrolled = DeviceEnrolment::enrol(*m_admin, salon, name);
    if (!enrolled) {
        qWarning("%s", qPrintable(enrolled.error().message));
        return nullptr;
    }
    const Result<ServerLink> link = ServerJoin::join(enrolled->code, pc->store(), *m_keychain);
    if (!link) {
        qWarning("%s", qPrintable(link.error().message));
        return nullptr;
    }
    pc->link = *link;
    const Result<SyncSummary> synced = sync(*pc);
    if (!synced) {
        qWarning("first sync: %s", qPrintable(synced.error().message));
        return nullptr;
    }
    return pc;
}

std::unique_ptr<Pc> SalonServer::join(const testsupport::TestData &data, const QString &name,
                                      bool first)
{
    if (!first)
        return join(data.salon.id, name);
    return join(data.salon.id, name, [&data](Store &store) { return data.saveTo(store); });
}

Result<SyncSummary> SalonServer::sync(Pc &pc)
{
    return SyncRound::run(pc.store(), *m_keychain);
}

QString message(const Result<SyncSummary> &result)
{
    return result ? QString() : result.error().message;
}

} // namespace testserver
