#pragma once

#include "account.h"
#include "domain/clock.h"
#include "domain/error.h"
#include "oidcdiscovery.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <optional>

class QNetworkAccessManager;
class QSettings;

namespace chairside {

class Provider;
class TokenClient;
class TokenReply;
class TokenStore;
struct SignedInAccount;
struct TokenSet;

// The connected calendar accounts of this PC and their tokens.
//
// Metadata (Account plus the token and revocation endpoints) is kept in the
// QSettings passed in, group "accounts/<percent-encoded id>". It is
// device-local: the refresh tokens it refers to live in this PC's keychain,
// so copying the settings to another PC does not copy a working account.
// Secrets never touch the settings: refresh tokens only via TokenStore,
// access tokens only in memory.
//
// Refreshes run shortly before the access token expires (5 minutes before,
// or at 80% of its lifetime when that is shorter), one at a time per
// account; the rotated refresh token is stored before the old one is
// forgotten. A dead grant (invalid_grant) puts the account in
// NeedsReconnect with a message the app and the CLI show.
class AccountManager : public QObject
{
    Q_OBJECT

public:
    // `settings`, `store`, `network` and `clock` must outlive the manager.
    AccountManager(QSettings *settings, TokenStore *store, QNetworkAccessManager *network,
                   const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~AccountManager() override;

    QList<Account> accounts() const;
    std::optional<Account> account(const QString &id) const;

    // After SignIn::finished: records the account (replacing one with the
    // same id), keeps the access token in memory and schedules its refresh.
    void addSignedIn(const SignedInAccount &signedIn, const QString &staffId,
                     const Provider &provider);

    // Answers with refreshFinished(id, ...). A call while a refresh of the
    // same account runs joins it: no second request, one refreshFinished().
    void refresh(const QString &id);
    bool isRefreshing(const QString &id) const;
    // Whether disconnecting asks the provider to end the access (RFC 7009);
    // Microsoft offers no endpoint for it.
    bool canRevoke(const QString &id) const;

    // The in-memory access token while it is valid; otherwise empty, and a
    // refresh starts (watch refreshFinished()).
    QByteArray accessToken(const QString &id);

    // Revokes the refresh token where the provider offers it (RFC 7009;
    // Microsoft has no endpoint), then removes the keychain entry and the
    // metadata: accountRemoved(id), then disconnectFinished(id, result).
    // A failed revocation still removes the local data; the result says so.
    // Named so as not to hide QObject::disconnect.
    void disconnectAccount(const QString &id);

    // Accounts whose refresh (or retry) is due on the clock now. The timer
    // calls checkRefreshes(); tests call it after moving their clock.
    QStringList refreshDueAccounts() const;
    void checkRefreshes();

    // When a refresh is due: before expiry by min(5 minutes, 20% of the lifetime).
    static QDateTime refreshDueAt(const QDateTime &issuedAt, const QDateTime &expiresAt);

signals:
    void accountChanged(const QString &id);
    void accountRemoved(const QString &id);
    void refreshFinished(const QString &id, const chairside::Result<void> &result);
    void disconnectFinished(const QString &id, const chairside::Result<void> &result);

private:
    enum class Phase {
        Idle,
        ReadingToken,
        Requesting,
        WritingToken,
        Disconnecting,
        Revoking,
        Removing
    };

    struct Entry
    {
        Account account;
        OidcConfiguration endpoints; // token and revocation endpoints
        QByteArray accessToken;      // memory only
        // A rotated refresh token the keychain has not taken yet: used for
        // the next refresh, since the server may already refuse the old one.
        QByteArray unsavedRefreshToken;
        QByteArray newRefreshToken; // while WritingToken
        QByteArray oldRefreshToken; // while Requesting / Revoking
        QDateTime pendingExpiry;
        QByteArray pendingAccessToken;
        Phase phase = Phase::Idle;
        QPointer<TokenClient> client;
        QPointer<TokenReply> reply;
        QDateTime retryAt;
        int failures = 0;
        std::optional<Error> revocationError;
    };

    void load();
    void save(const Entry &entry);
    void removeMetadata(const QString &id);
    static QString group(const QString &id);

    TokenClient *clientFor(Entry &entry);
    void request(const QString &id, const QByteArray &refreshToken);
    void onSecretRead(const QString &id, const QString &secret, const Result<QByteArray> &result);
    void onReplyFinished(const QString &id);
    void onWritten(const QString &id, const QString &secret, const Result<void> &result);
    void onRemoved(const QString &id, const QString &secret, const Result<void> &result);
    void revoke(const QString &id, const QByteArray &refreshToken);
    void onRevoked(const QString &id);
    void finishRefresh(const QString &id, const Result<void> &result);
    void retryLater(Entry &entry, int retryAfterSeconds);
    void reschedule();

    QString displayName(const Account &account) const;

    QSettings *m_settings;
    TokenStore *m_store;
    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    QHash<QString, Entry> m_entries;
    QTimer m_timer;
};

} // namespace chairside
