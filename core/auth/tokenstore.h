#pragma once

#include "domain/error.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace chairside {

// Sign-in secrets (refresh tokens and the like) in the system keychain via
// QtKeychain: service "Chairside", one entry per account and secret, never a
// plaintext fallback. Every call answers later with exactly one signal.
//
// Outcomes a caller must tell apart:
// - Error::Code::NotFound: the keychain works but holds no such secret
//   (the account has to be connected again).
// - Error::Code::Unavailable: the keychain cannot be used right now (no
//   session bus, no Secret Service, access denied); the message says what to
//   do, and trying again later may succeed. A *locked* Secret Service keyring
//   answers reads with "entry not found" (QtKeychain 0.13), so a read can say
//   NotFound while a write of the same entry says Unavailable.
// - Error::Code::Corrupt: the stored chunks do not add up (e.g. the app
//   stopped half-way through a write); connect again.
//
// QtKeychain 0.13 keeps at most 2560 bytes per Windows credential, so values
// longer than chunkSize are split into "<key>#0", "<key>#1", ... and the
// entry "<key>" holds a small header. Calls for the same account and secret
// run one after the other in call order; other entries do not wait for them.
// Use one TokenStore per process.
class TokenStore : public QObject
{
    Q_OBJECT

public:
    explicit TokenStore(QObject *parent = nullptr);
    ~TokenStore() override;

    // The largest value kept in a single keychain entry (plus a 1-byte tag).
    static constexpr int chunkSize = 2000;

    static QString service();
    // "account/<accountId>/<secretName>"; '%', '/' and '#' in either part are
    // percent-encoded so that two accounts can never share an entry.
    static QString entryKey(const QString &accountId, const QString &secretName);
    static QString chunkKey(const QString &entryKey, int index);

    void write(const QString &accountId, const QString &secretName, const QByteArray &value);
    void read(const QString &accountId, const QString &secretName);
    // Removing a secret that is not there succeeds.
    void remove(const QString &accountId, const QString &secretName);

Q_SIGNALS:
    void written(const QString &accountId, const QString &secretName,
                 const chairside::Result<void> &result);
    void secretRead(const QString &accountId, const QString &secretName,
                    const chairside::Result<QByteArray> &result);
    void removed(const QString &accountId, const QString &secretName,
                 const chairside::Result<void> &result);

private:
    struct Entry;
    using EntryDone = std::function<void(const Entry &)>;

    void enqueue(const QString &key, std::function<void()> operation);
    void finish(const QString &key);

    void startWrite(const QString &accountId, const QString &secretName, const QByteArray &value);
    void startRead(const QString &accountId, const QString &secretName);
    void startRemove(const QString &accountId, const QString &secretName);

    void readEntry(const QString &key, EntryDone done);
    void writeEntry(const QString &key, const QByteArray &data, EntryDone done);
    void deleteEntry(const QString &key, EntryDone done);
    void writeChunks(const QString &key, QList<QByteArray> chunks, int index, EntryDone done);
    void readChunks(const QString &key, int count, int index, QByteArray collected,
                    std::function<void(const Entry &, const QByteArray &)> done);
    void deleteChunks(const QString &key, int from, int to, EntryDone done);

    static std::optional<Error> invalidName(const QString &accountId, const QString &secretName);

    QHash<QString, QList<std::function<void()>>> m_waiting; // per entry key; present while busy
};

} // namespace chairside
