#include "syncfacts.h"

#include "server/serverconnection.h"
#include "store/store.h"

namespace chairside {

Result<SyncFacts> SyncFacts::read(const Store &store)
{
    SyncFacts facts;
    const Result<std::optional<ServerLink>> link = store.serverLink();
    if (!link)
        return link.error();
    if (*link) {
        facts.link = **link;
        facts.state = State::Offline;
    }
    const Result<qint64> pending = store.outboxPending(Store::serverConsumer);
    if (!pending)
        return pending.error();
    facts.pending = *pending;
    const Result<SyncState> state = store.syncState();
    if (!state)
        return state.error();
    facts.cursor = state->cursor;
    facts.lastSyncAt = state->lastSyncAt;
    facts.lastError = state->lastError;
    facts.listen = state->listen;
    const Result<QList<SyncConflict>> conflicts = store.conflicts();
    if (!conflicts)
        return conflicts.error();
    facts.conflicts = conflicts->size();
    return facts;
}

Result<QString> SyncFacts::deviceName(ServerConnection &server)
{
    const Result<QList<QByteArrayList>> rows = server.run(
            server.keyed(
                    QByteArrayLiteral("SELECT name FROM devices WHERE login_role = session_user"),
                    QByteArrayLiteral("SELECT device_name($1)")),
            server.withKey({}), tr("Reading this PC's name"));
    if (!rows)
        return rows.error();
    return rows->isEmpty() ? QString() : QString::fromUtf8(rows->constFirst().value(0));
}

QString SyncFacts::wakeUpName(bool listen)
{
    return listen ? QStringLiteral("listen") : QStringLiteral("poll");
}

} // namespace chairside
