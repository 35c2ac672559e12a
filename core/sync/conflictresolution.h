#pragma once

#include "domain/error.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace chairside {

// What a person does with an entry of the conflict inbox. Each choice but
// "keep the server's" is a new local write through the store, so it goes out
// with the next push like any other change; the entry is then marked
// resolved. The window and chairside-cli both use this.
class ConflictResolution
{
    Q_DECLARE_TR_FUNCTIONS(ConflictResolution)

public:
    enum class Choice {
        MoveTo,     // this PC's visit, moved to another time
        Overbook,   // this PC's visit as it was, booked knowingly over the clash
        Cancel,     // this PC's visit, kept as cancelled
        KeepServer, // the server's version stands (it is what the book shows already)
    };

    static Result<void> resolve(Store &store, qint64 conflictId, Choice choice,
                                const QTimeZone &zone, qint64 moveToUtc = 0);

    // The reason in the user's language, from the code and its fields
    // (docs/sync.md); the server's English sentence when the code is unknown.
    // Times in `zone` (the salon's).
    static QString reasonInWords(const SyncConflict &conflict, const QTimeZone &zone);
    // One line for a version of the row ("Ann Smith, Tue 1 Dec 10:00–11:00
    // with mia (booked)"); "nothing" for an empty payload.
    static QString describe(const Store &store, Entity entity, const QByteArray &payload,
                            const QTimeZone &zone);
};

} // namespace chairside
