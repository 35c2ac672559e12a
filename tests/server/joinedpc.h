#pragma once

#include "domain/error.h"
#include "server/serverconnection.h"
#include "server/serverurl.h"
#include "store/serverlink.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace chairside {
class Store;
}

namespace testserver {

// A PC as the sync engine finds it after `chairside-cli join`: enrolled by
// the owner at `ownerUrl` (DeviceEnrolment, so the enrolment code carries
// that address: several hosts, PgBouncer's port), joined with the code
// (ServerJoin, with the real keychain of with-keyring.sh), its store in a
// folder of its own. For the server tests of failover, restarts and
// PgBouncer, and for the sync engine's tests that run against them.
class JoinedPc
{
public:
    // Null, with the test failed, when enrolling or joining failed.
    // `pcUrl`, when given, is the address the code sends the PC to.
    static std::unique_ptr<JoinedPc> join(const chairside::ServerUrl &ownerUrl,
                                          const QString &salonId, const QString &name,
                                          const std::optional<chairside::ServerUrl> &pcUrl = {});
    ~JoinedPc();

    const chairside::ServerLink &link() const { return m_link; }
    chairside::Store &store() { return *m_store; }
    // The PC's address with its password from the keychain.
    chairside::ServerUrl url() const;
    // A new connection as the PC.
    chairside::Result<std::unique_ptr<chairside::ServerConnection>> connect() const;

    // The next `count` mutations of this PC's outbox: upserts of clients
    // (ids <prefix>-<sequence>), with the sequences an outbox gives.
    QJsonArray nextMutations(int count, const QString &prefix = QStringLiteral("client"));

private:
    JoinedPc() = default;

    QTemporaryDir m_dir;
    std::unique_ptr<chairside::Store> m_store;
    chairside::ServerLink m_link;
    QString m_password;
    qint64 m_sequence = 0;
};

// push_mutations(batch) as one unnamed statement (ServerConnection::execParams):
// what works through PgBouncer in transaction mode. The outcomes, or the error.
chairside::Result<QJsonArray> pushMutations(chairside::ServerConnection &connection,
                                            const QJsonArray &batch);
// upload_book(rows, finished), the same way.
chairside::Result<QJsonArray> uploadBook(chairside::ServerConnection &connection,
                                         const QJsonArray &rows, bool finished);

// The SQL answer of the first row and column, as the owner of `url`; empty on failure.
QString ownerValue(const chairside::ServerUrl &url, const QString &sql);

} // namespace testserver
