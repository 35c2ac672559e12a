#pragma once

#include "domain/error.h"
#include "store/serverlink.h"

#include <QByteArray>
#include <QCoreApplication>

namespace chairside {

class Store;
class TokenStore;
struct EnrolmentCode;

// A PC joining its salon's server with the code an admin gave it: logs in
// with the code's one-time secret, sets a new password that only this PC
// knows (the server stores its SCRAM verifier; the password itself goes to
// the OS keychain and nowhere else), marks the code used, and records the
// link in the local store for the sync engine.
//
// Either all of that happens or none of it: the server's claim stays open in
// a transaction until the keychain and the store have what they need, and
// what was written is taken back if anything after it fails. A used,
// expired or revoked code, a locked keychain, a store that holds another
// salon: a clear sentence, and nothing changes here or there.
class ServerJoin
{
    Q_DECLARE_TR_FUNCTIONS(ServerJoin)

public:
    // The keychain entry of a PC's server password (TokenStore's account
    // and secret names).
    static QString keychainAccount(const QString &deviceId);
    static QString passwordSecret();

    // This PC's server password, from the keychain (waits for it in a local
    // event loop). A locked keychain or a missing entry: Error::Code::Unavailable
    // with a sentence saying what to do.
    static Result<QByteArray> readPassword(TokenStore &keychain, const QString &deviceId);
    // What readPassword says when the keychain's read failed, for a caller
    // that reads it without waiting (TokenStore::read, then secretRead).
    static Error passwordUnreadable(const Error &error);

    // What a person calls the PC and the salon it joined, for the window to
    // say (the salon's name is empty while its book is not on the server).
    struct Names
    {
        QString pc;
        QString salon;
    };

    // Waits for the keychain (TokenStore answers later) in a local event loop.
    // It may run on a worker thread with a Store of that thread and the
    // window's TokenStore, whose thread must keep its event loop running
    // (JoinSalonDialog does: libsecret works from one thread only). `names`,
    // when given, gets the names.
    static Result<ServerLink> join(const EnrolmentCode &code, Store &store, TokenStore &keychain,
                                   Names *names = nullptr);
};

} // namespace chairside
