#include "tokenstore.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QMetaObject>

#include <qt6keychain/keychain.h>

namespace chairside {

namespace {

// An entry is tagged so that a value can never be mistaken for a header:
// "I<value>" holds the value itself, "C<count>:<length>:<sha256 prefix>" says
// the value lives in <count> chunks. The checksum catches a write that
// stopped between overwriting the chunks and switching the header.
constexpr char inlineTag = 'I';
constexpr char chunkedTag = 'C';

struct Header
{
    int chunks = 0; // 0: the value is inline
    qsizetype length = 0;
    QByteArray checksum;
    QByteArray inlineValue;
    bool valid = false;
};

QByteArray checksumOf(const QByteArray &value)
{
    return QCryptographicHash::hash(value, QCryptographicHash::Sha256).toHex().left(16);
}

Header parseHeader(const QByteArray &data)
{
    Header header;
    if (data.startsWith(inlineTag)) {
        header.inlineValue = data.mid(1);
        header.length = header.inlineValue.size();
        header.valid = true;
        return header;
    }
    if (!data.startsWith(chunkedTag))
        return header;
    const QList<QByteArray> parts = data.mid(1).split(':');
    if (parts.size() != 3)
        return header;
    bool countOk = false;
    bool lengthOk = false;
    header.chunks = parts.at(0).toInt(&countOk);
    header.length = parts.at(1).toLongLong(&lengthOk);
    header.checksum = parts.at(2);
    header.valid = countOk && lengthOk && header.chunks > 0 && header.length > 0;
    if (!header.valid)
        header.chunks = 0;
    return header;
}

QString escapedPart(const QString &part)
{
    QString escaped = part;
    escaped.replace(QLatin1Char('%'), QLatin1String("%25"));
    escaped.replace(QLatin1Char('/'), QLatin1String("%2F"));
    escaped.replace(QLatin1Char('#'), QLatin1String("%23"));
    return escaped;
}

Error unavailableError(QKeychain::Error code, const QString &detail)
{
    switch (code) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {Error::Code::Unavailable,
                TokenStore::tr("Chairside was not allowed to use the system keychain. Unlock "
                               "your keyring or log in to the desktop session, allow Chairside "
                               "access, then try again.")};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {Error::Code::Unavailable,
                TokenStore::tr("No system keychain is available to keep sign-ins safe. Log in "
                               "to a desktop session with a keyring (such as GNOME Keyring or "
                               "KWallet) and unlock it, then try again.")};
    default:
        // OtherError covers "Cannot autolaunch D-Bus" (no session bus) and a
        // keyring that is locked or missing when writing.
        return {Error::Code::Unavailable,
                TokenStore::tr("The system keychain cannot be used right now (%1). Unlock your "
                               "keyring or log in to the desktop session, then try again.")
                        .arg(detail)};
    }
}

Error notFoundError()
{
    return Error::notFound(
            TokenStore::tr("No saved sign-in was found for this account. Connect the account "
                           "again."));
}

Error corruptError()
{
    return {Error::Code::Corrupt,
            TokenStore::tr("The saved sign-in for this account is damaged. Connect the account "
                           "again.")};
}

} // namespace

// The outcome of one QtKeychain job.
struct TokenStore::Entry
{
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data;

    bool ok() const { return error == QKeychain::NoError; }
    bool notFound() const { return error == QKeychain::EntryNotFound; }
    Error toError(const QString &secretName) const
    {
        if (notFound())
            return notFoundError();
        // The key holds the account id (often an e-mail address): log the
        // secret's name and QtKeychain's error only.
        qCWarning(lcAuth) << "keychain failed for secret" << secretName << "error" << int(error)
                          << errorString;
        return unavailableError(error, errorString);
    }
};

TokenStore::TokenStore(QObject *parent) : QObject(parent) {}

TokenStore::~TokenStore() = default;

QString TokenStore::service()
{
    return QStringLiteral("Chairside");
}

QString TokenStore::entryKey(const QString &accountId, const QString &secretName)
{
    return QStringLiteral("account/%1/%2").arg(escapedPart(accountId), escapedPart(secretName));
}

QString TokenStore::chunkKey(const QString &entryKey, int index)
{
    return entryKey + QLatin1Char('#') + QString::number(index);
}

std::optional<Error> TokenStore::invalidName(const QString &accountId, const QString &secretName)
{
    if (accountId.isEmpty() || secretName.isEmpty())
        return Error::invalid(tr("A saved sign-in needs an account and a name."));
    return std::nullopt;
}

void TokenStore::write(const QString &accountId, const QString &secretName, const QByteArray &value)
{
    if (auto error = invalidName(accountId, secretName)) {
        QMetaObject::invokeMethod(
                this, [=, this] { emit written(accountId, secretName, *error); },
                Qt::QueuedConnection);
        return;
    }
    enqueue(entryKey(accountId, secretName),
            [=, this] { startWrite(accountId, secretName, value); });
}

void TokenStore::read(const QString &accountId, const QString &secretName)
{
    if (auto error = invalidName(accountId, secretName)) {
        QMetaObject::invokeMethod(
                this, [=, this] { emit secretRead(accountId, secretName, *error); },
                Qt::QueuedConnection);
        return;
    }
    enqueue(entryKey(accountId, secretName), [=, this] { startRead(accountId, secretName); });
}

void TokenStore::remove(const QString &accountId, const QString &secretName)
{
    if (auto error = invalidName(accountId, secretName)) {
        QMetaObject::invokeMethod(
                this, [=, this] { emit removed(accountId, secretName, *error); },
                Qt::QueuedConnection);
        return;
    }
    enqueue(entryKey(accountId, secretName), [=, this] { startRemove(accountId, secretName); });
}

// One operation per entry at a time, so a write's chunks never interleave
// with another write or a removal of the same secret.
void TokenStore::enqueue(const QString &key, std::function<void()> operation)
{
    auto it = m_waiting.find(key);
    if (it != m_waiting.end()) {
        it->append(std::move(operation));
        return;
    }
    m_waiting.insert(key, {});
    operation();
}

void TokenStore::finish(const QString &key)
{
    auto it = m_waiting.find(key);
    if (it == m_waiting.end())
        return;
    if (it->isEmpty()) {
        m_waiting.erase(it);
        return;
    }
    const std::function<void()> next = it->takeFirst();
    next();
}

void TokenStore::startWrite(const QString &accountId, const QString &secretName,
                            const QByteArray &value)
{
    const QString key = entryKey(accountId, secretName);
    auto done = [=, this](const Result<void> &result) {
        emit written(accountId, secretName, result);
        finish(key);
    };

    // The old header says how many chunks may become stale.
    readEntry(key, [=, this](const Entry &old) {
        if (!old.ok() && !old.notFound()) {
            done(old.toError(secretName));
            return;
        }
        const int oldChunks = old.ok() ? parseHeader(old.data).chunks : 0;

        QList<QByteArray> chunks;
        if (value.size() > chunkSize) {
            for (qsizetype at = 0; at < value.size(); at += chunkSize)
                chunks.append(value.mid(at, chunkSize));
        }
        const int newChunks = int(chunks.size());

        // The new value is complete (header last) before stale chunks go.
        auto removeStale = [=, this](const Entry &stored) {
            if (!stored.ok()) {
                done(stored.toError(secretName));
                return;
            }
            if (oldChunks <= newChunks) {
                done({});
                return;
            }
            deleteChunks(key, newChunks, oldChunks, [=](const Entry &deleted) {
                // The new value is stored; leftover chunks are only untidy.
                if (!deleted.ok())
                    qCWarning(lcAuth) << "could not remove stale chunks of secret" << secretName
                                      << "error" << int(deleted.error);
                done({});
            });
        };

        if (chunks.isEmpty()) {
            writeEntry(key, inlineTag + value, removeStale);
            return;
        }
        const QByteArray header = chunkedTag + QByteArray::number(newChunks) + ':'
                + QByteArray::number(value.size()) + ':' + checksumOf(value);
        writeChunks(key, chunks, 0, [=, this](const Entry &chunksWritten) {
            if (!chunksWritten.ok()) {
                done(chunksWritten.toError(secretName));
                return;
            }
            writeEntry(key, header, removeStale);
        });
    });
}

void TokenStore::startRead(const QString &accountId, const QString &secretName)
{
    const QString key = entryKey(accountId, secretName);
    auto done = [=, this](const Result<QByteArray> &result) {
        emit secretRead(accountId, secretName, result);
        finish(key);
    };

    readEntry(key, [=, this](const Entry &entry) {
        if (!entry.ok()) {
            done(entry.toError(secretName));
            return;
        }
        const Header header = parseHeader(entry.data);
        if (!header.valid) {
            done(corruptError());
            return;
        }
        if (header.chunks == 0) {
            done(header.inlineValue);
            return;
        }
        readChunks(key, header.chunks, 0, {}, [=](const Entry &last, const QByteArray &value) {
            if (last.notFound())
                done(corruptError()); // the header names a chunk that is gone
            else if (!last.ok())
                done(last.toError(secretName));
            else if (value.size() != header.length || checksumOf(value) != header.checksum)
                done(corruptError());
            else
                done(value);
        });
    });
}

void TokenStore::startRemove(const QString &accountId, const QString &secretName)
{
    const QString key = entryKey(accountId, secretName);
    auto done = [=, this](const Result<void> &result) {
        emit removed(accountId, secretName, result);
        finish(key);
    };
    auto deleteHeader = [=, this](const Entry &chunksDeleted) {
        if (!chunksDeleted.ok()) {
            done(chunksDeleted.toError(secretName));
            return;
        }
        deleteEntry(key, [=](const Entry &deleted) {
            if (!deleted.ok() && !deleted.notFound())
                done(deleted.toError(secretName));
            else
                done({});
        });
    };

    // Chunks before the header: if this stops half-way, the header still
    // leads the next removal to whatever is left.
    readEntry(key, [=, this](const Entry &entry) {
        if (!entry.ok() && !entry.notFound()) {
            done(entry.toError(secretName));
            return;
        }
        // "Not found" may also be a locked keyring: still ask to delete, so
        // that case reports Unavailable instead of a false success.
        const int chunks = entry.ok() ? parseHeader(entry.data).chunks : 0;
        deleteChunks(key, 0, chunks, deleteHeader);
    });
}

// QtKeychain runs one job at a time. Jobs have no parent and delete
// themselves; the connection's context drops the callback if this store
// is destroyed first.
template <typename JobType>
static JobType *makeJob(const QString &key)
{
    auto *job = new JobType(TokenStore::service());
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plaintext in a settings file
    job->setKey(key);
    return job;
}

void TokenStore::readEntry(const QString &key, EntryDone done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        done({j->error(), j->errorString(),
              static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData()});
    });
    job->start();
}

void TokenStore::writeEntry(const QString &key, const QByteArray &data, EntryDone done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(key);
    job->setBinaryData(data);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        done({j->error(), j->errorString(), {}});
    });
    job->start();
}

void TokenStore::deleteEntry(const QString &key, EntryDone done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        done({j->error(), j->errorString(), {}});
    });
    job->start();
}

void TokenStore::writeChunks(const QString &key, QList<QByteArray> chunks, int index,
                             EntryDone done)
{
    if (index == chunks.size()) {
        done({});
        return;
    }
    const QByteArray chunk = chunks.at(index);
    writeEntry(chunkKey(key, index), chunk,
               [=, this, chunks = std::move(chunks)](const Entry &written) {
                   if (!written.ok())
                       done(written);
                   else
                       writeChunks(key, chunks, index + 1, done);
               });
}

void TokenStore::readChunks(const QString &key, int count, int index, QByteArray collected,
                            std::function<void(const Entry &, const QByteArray &)> done)
{
    if (index == count) {
        done({}, collected);
        return;
    }
    readEntry(chunkKey(key, index),
              [=, this, collected = std::move(collected)](const Entry &chunk) {
                  if (!chunk.ok())
                      done(chunk, {});
                  else
                      readChunks(key, count, index + 1, collected + chunk.data, done);
              });
}

void TokenStore::deleteChunks(const QString &key, int from, int to, EntryDone done)
{
    if (from >= to) {
        done({});
        return;
    }
    deleteEntry(chunkKey(key, from), [=, this](const Entry &deleted) {
        if (!deleted.ok() && !deleted.notFound())
            done(deleted);
        else
            deleteChunks(key, from + 1, to, done);
    });
}

} // namespace chairside
