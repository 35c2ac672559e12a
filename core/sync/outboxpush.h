#pragma once

#include "domain/error.h"

#include <QCoreApplication>

namespace chairside {

class ServerConnection;
class Store;
struct ServerLink;

// What one push did.
struct PushSummary
{
    int pushed = 0; // outbox entries sent and answered
    int applied = 0;
    int conflicts = 0;
    int refused = 0;
    int uploaded = 0; // rows of the first PC's book upload
};

// The outbox to the server (docs/sync.md, wire format): batches of
// push_mutations in outbox order, each entry with the row's base version
// from row_versions, when it happened and who made it. Every answered entry
// is recorded (Store::recordPushOutcomes) and acknowledged; a batch without
// an answer stays, with its attempt and error counted (SYNC.md 5). The
// salon's first PC first uploads its whole book (upload_book, in batches),
// then pushes only what came after.
class OutboxPush
{
    Q_DECLARE_TR_FUNCTIONS(OutboxPush)

public:
    static constexpr int batchSize = 250;

    static Result<PushSummary> run(ServerConnection &server, Store &store, const ServerLink &link,
                                   int batch = batchSize);

private:
    static Result<int> uploadBook(ServerConnection &server, Store &store);
};

} // namespace chairside
