#pragma once

#include "domain/error.h"
#include "store/serverlink.h"

#include <QCoreApplication>
#include <QMetaType>

#include <optional>

namespace chairside {

class ServerConnection;
class Store;

// How this PC's sync stands: what `chairside-cli sync status` prints and
// what the window's status bar shows live (SyncEngine). One reader for both.
struct SyncFacts
{
    Q_DECLARE_TR_FUNCTIONS(SyncFacts)

public:
    enum class State {
        NotJoined,  // no server link: nothing to sync
        Offline,    // the server cannot be reached now; retrying
        Connecting, // opening the connection
        Syncing,    // a round is running
        UpToDate,   // the last round finished
        Error,      // the last round failed (lastError says why); retrying
        Revoked,    // the server refused this PC: no retries until the user acts
        Stopped,    // this PC cannot go on (lastError says why: the keychain, the
                    // book's file); no retries until asked again (Sync now)
    };

    State state = State::NotJoined;
    ServerLink link;                  // empty when not joined
    QString name;                     // this PC's name on the server; empty while not known
    qint64 pending = 0;               // changes waiting to be sent
    qint64 conflicts = 0;             // conflicts to resolve
    qint64 cursor = 0;                // the server version the book has
    std::optional<qint64> lastSyncAt; // UTC seconds of the last good round
    QString lastError;                // empty after a good round
    bool listen = true;               // LISTEN wake-ups (false: polling only)

    bool joined() const { return !link.deviceId.isEmpty(); }

    // What the store knows (state NotJoined or Offline: the caller knows
    // better once it has tried the server).
    static Result<SyncFacts> read(const Store &store);
    // This PC's name, as the server knows it (devices.name).
    static Result<QString> deviceName(ServerConnection &server);
    // "listen" or "poll", as `sync wake-up` takes it.
    static QString wakeUpName(bool listen);
};

} // namespace chairside

Q_DECLARE_METATYPE(chairside::SyncFacts)
