#pragma once

#include "domain/error.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace chairside {

class ServerConnection;
class Store;

// What a first sync did.
struct FirstSyncSummary
{
    qint64 received = 0;  // rows the server sent, tombstones included
    qint64 written = 0;   // rows written to this PC's store
    qint64 keptLocal = 0; // rows kept as this PC has them: their changes wait to be pushed
    qint64 cursor = 0;    // the server version the store now has every row up to
    QString epoch;        // the server epoch that cursor belongs to
};

// The first sync of a PC that joined a salon (and the resync after a new
// server epoch): the salon's whole book from the server into the local
// store, replacing what the store had (docs/sync.md, "The first sync").
// The rows stream with COPY through libpq (book_rows(0) on the server,
// read in one REPEATABLE READ transaction with book_head()) straight into
// prepared inserts in ONE local transaction, without outbox entries, with
// each row's version, the cursor and the epoch. The book is never held in
// memory whole. Rows with changes not yet pushed stay as this PC has them.
// A failure anywhere (a dropped connection, a full disk) leaves the store
// as it was; running it again starts over.
class FirstSync
{
    Q_DECLARE_TR_FUNCTIONS(FirstSync)

public:
    // The server schema that has book_changes() and book_head().
    static constexpr int requiredSchema = 4;

    // `progress` is called with the rows received so far and the total the
    // server counted first (for the Join dialog's progress bar), from the
    // calling thread, every few thousand rows and at the end.
    static Result<FirstSyncSummary>
    run(Store &store, ServerConnection &server,
        std::function<void(qint64 done, qint64 total)> progress = {});
};

} // namespace chairside
