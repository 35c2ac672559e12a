#pragma once

#include "store/serverlink.h"
#include "sync/syncround.h"
#include "testserver.h"
#include "testsupport.h"

#include <functional>
#include <memory>

namespace chairside {
class ServerConnection;
class TokenStore;
} // namespace chairside

namespace testserver {

// One PC of a test: its own data folder and store, joined to a SalonServer.
struct Pc
{
    std::unique_ptr<chairside::testsupport::TempStore> temp;
    chairside::ServerLink link;
    chairside::Store &store() { return temp->store(); }
};

// What the sync tests stand on: a fresh database on the test cluster,
// migrated, its owner's connection, and the real keychain of
// with-keyring.sh. It enrolls and joins PCs as `chairside-cli join` does
// (the first sync included), and drops their login roles when it goes.
class SalonServer
{
public:
    // Whether ctest started the cluster and the keychain (postgres fixture,
    // with-keyring.sh).
    static bool underCtest();

    // The database is named `name`; check ok() (QTest has failed when not).
    explicit SalonServer(const QString &name);
    ~SalonServer();
    SalonServer(const SalonServer &) = delete;
    SalonServer &operator=(const SalonServer &) = delete;

    bool ok() const { return m_admin != nullptr; }
    FreshDatabase &database() { return *m_database; }
    chairside::ServerConnection &admin() { return *m_admin; }
    chairside::TokenStore &keychain() { return *m_keychain; }

    // A PC of `salon` named `name`, its store made on `clock`; `prepare`
    // fills that store before it joins (the salon's first PC brings its
    // book). Null, with the reason in a warning, when a step failed.
    std::unique_ptr<Pc> join(const QString &salon, const QString &name,
                             const std::function<bool(chairside::Store &)> &prepare = {},
                             const chairside::Clock &clock = chairside::Clock::system());
    // A PC of `data`'s salon; the first brings `data` as its book.
    std::unique_ptr<Pc> join(const chairside::testsupport::TestData &data, const QString &name,
                             bool first);
    // One sync round of `pc` with this server's keychain.
    chairside::Result<chairside::SyncSummary> sync(Pc &pc);

private:
    std::unique_ptr<FreshDatabase> m_database;
    std::unique_ptr<chairside::ServerConnection> m_admin;
    std::unique_ptr<chairside::TokenStore> m_keychain;
};

// The error message of a failed round, or nothing (for QVERIFY2).
QString message(const chairside::Result<chairside::SyncSummary> &result);

} // namespace testserver
