#include "accountmanager.h"

#include "logging.h"
#include "provider.h"
#include "signin.h"
#include "tokenclient.h"
#include "tokenreply.h"
#include "tokenstore.h"

#include <QSettings>
#include <QUrl>

#include <algorithm>

namespace chairside {

namespace {

constexpr qint64 maxLeadSeconds = 5 * 60;
// Backoff for transient failures: 30 s doubling up to an hour.
constexpr int firstBackoffSeconds = 30;
constexpr int maxBackoffSeconds = 60 * 60;
// The timer wakes at least this often, so a suspended PC catches up.
constexpr int maxTimerMs = 60 * 1000;
// An access token this close to expiry is not handed out any more.
constexpr qint64 validityMarginSeconds = 30;

QString stateName(Account::State state)
{
    return state == Account::State::NeedsReconnect ? QStringLiteral("needsReconnect")
                                                   : QStringLiteral("connected");
}

Account::State stateFromName(const QString &name)
{
    return name == QLatin1String("needsReconnect") ? Account::State::NeedsReconnect
                                                   : Account::State::Connected;
}

} // namespace

AccountManager::AccountManager(QSettings *settings, TokenStore *store,
                               QNetworkAccessManager *network, const Clock &clock, QObject *parent)
    : QObject(parent), m_settings(settings), m_store(store), m_network(network), m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AccountManager::checkRefreshes);
    connect(m_store, &TokenStore::secretRead, this, &AccountManager::onSecretRead);
    connect(m_store, &TokenStore::written, this, &AccountManager::onWritten);
    connect(m_store, &TokenStore::removed, this, &AccountManager::onRemoved);
    load();
    reschedule();
}

AccountManager::~AccountManager()
{
    for (Entry &entry : m_entries) {
        if (entry.reply) {
            entry.reply->disconnect(this);
            entry.reply->abort();
            entry.reply->deleteLater();
        }
    }
}

QList<Account> AccountManager::accounts() const
{
    QList<Account> result;
    for (const Entry &entry : m_entries)
        result.append(entry.account);
    std::sort(result.begin(), result.end(),
              [](const Account &a, const Account &b) { return a.id < b.id; });
    return result;
}

std::optional<Account> AccountManager::account(const QString &id) const
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.constEnd())
        return std::nullopt;
    return it->account;
}

void AccountManager::addSignedIn(const SignedInAccount &signedIn, const QString &staffId,
                                 const Provider &provider)
{
    const QDateTime now = m_clock.now();
    Entry &entry = m_entries[signedIn.accountId];
    if (entry.reply) {
        entry.reply->disconnect(this);
        entry.reply->abort();
        entry.reply->deleteLater();
    }
    if (entry.client)
        entry.client->deleteLater();
    entry = Entry();
    Account &account = entry.account;
    account.id = signedIn.accountId;
    account.staffId = staffId;
    account.provider = signedIn.provider.isEmpty() ? provider.name() : signedIn.provider;
    account.tenantOrIssuer =
            provider.kind() == Provider::Kind::Microsoft ? provider.tenant() : signedIn.issuer;
    account.clientId = provider.clientId();
    account.subject = signedIn.subject;
    account.email = signedIn.email;
    account.connectedAt = now;
    account.lastRefreshAt = now;
    account.accessTokenExpiresAt = signedIn.expiresAt;
    entry.endpoints = provider.endpoints();
    entry.accessToken = signedIn.accessToken;
    save(entry);
    qCInfo(lcAuth) << "account connected:" << account.id << "provider" << account.provider;
    emit accountChanged(account.id);
    reschedule();
}

bool AccountManager::isRefreshing(const QString &id) const
{
    const auto it = m_entries.constFind(id);
    return it != m_entries.constEnd() && it->phase != Phase::Idle;
}

bool AccountManager::canRevoke(const QString &id) const
{
    const auto it = m_entries.constFind(id);
    return it != m_entries.constEnd() && !it->endpoints.revocationEndpoint.isEmpty();
}

void AccountManager::refresh(const QString &id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        emit refreshFinished(id,
                             Error::notFound(tr("There is no connected account \"%1\".").arg(id)));
        return;
    }
    Entry &entry = *it;
    if (entry.phase == Phase::Disconnecting || entry.phase == Phase::Revoking
        || entry.phase == Phase::Removing) {
        emit refreshFinished(id, Error::invalid(tr("The account is being disconnected.")));
        return;
    }
    if (entry.phase != Phase::Idle)
        return; // joins the running refresh: its refreshFinished() answers this call too
    qCDebug(lcAuth) << "refreshing account" << id << "provider" << entry.account.provider;
    if (!entry.unsavedRefreshToken.isEmpty()) {
        request(id, entry.unsavedRefreshToken);
        return;
    }
    entry.phase = Phase::ReadingToken;
    m_store->read(id, SignIn::refreshTokenSecret());
}

QByteArray AccountManager::accessToken(const QString &id)
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.constEnd())
        return {};
    if (!it->accessToken.isEmpty()
        && (!it->account.accessTokenExpiresAt.isValid()
            || it->account.accessTokenExpiresAt > m_clock.now().addSecs(validityMarginSeconds)))
        return it->accessToken;
    if (it->account.state == Account::State::Connected)
        refresh(id);
    return {};
}

TokenClient *AccountManager::clientFor(Entry &entry)
{
    if (!entry.client) {
        entry.client = new TokenClient(entry.endpoints, entry.account.clientId, m_network, this);
        entry.client->setClock(m_clock);
        // Google's desktop "secret" is not secret and not stored with the account.
        if (entry.account.provider == QLatin1String("google")) {
            const auto google = Provider::google(*m_settings);
            if (google.ok())
                entry.client->setClientSecret(google->clientSecret());
        }
    }
    return entry.client;
}

void AccountManager::request(const QString &id, const QByteArray &refreshToken)
{
    Entry &entry = m_entries[id];
    entry.phase = Phase::Requesting;
    entry.oldRefreshToken = refreshToken;
    TokenReply *reply = clientFor(entry)->refresh(refreshToken);
    entry.reply = reply;
    connect(reply, &TokenReply::finished, this, [this, id] { onReplyFinished(id); });
}

void AccountManager::onSecretRead(const QString &id, const QString &secret,
                                  const Result<QByteArray> &result)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || secret != SignIn::refreshTokenSecret())
        return;
    Entry &entry = *it;
    if (entry.phase == Phase::Disconnecting) {
        if (result.ok() && !result->isEmpty() && !entry.endpoints.revocationEndpoint.isEmpty()) {
            revoke(id, *result);
        } else {
            if (!result.ok() && result.error().code == Error::Code::Unavailable)
                entry.revocationError = result.error();
            entry.phase = Phase::Removing;
            m_store->remove(id, SignIn::refreshTokenSecret());
        }
        return;
    }
    if (entry.phase != Phase::ReadingToken)
        return;

    if (result.ok() && !result->isEmpty()) {
        request(id, *result);
        return;
    }
    entry.phase = Phase::Idle;
    if (!result.ok() && result.error().code == Error::Code::Unavailable) {
        // Nothing is lost: keep the state, say why, try again later.
        entry.account.lastError = tr("The keychain of this computer cannot be used right now, so "
                                     "the %1 account could not be refreshed: %2")
                                          .arg(displayName(entry.account), result.error().message);
        qCWarning(lcAuth) << "keychain unavailable for account" << id;
        save(entry);
        retryLater(entry, -1);
        emit accountChanged(id);
        finishRefresh(id, Error{Error::Code::Unavailable, entry.account.lastError});
        return;
    }
    entry.account.state = Account::State::NeedsReconnect;
    entry.account.lastError = tr("Chairside's access to the %1 account %2 is missing from this "
                                 "computer's keychain: connect again.")
                                      .arg(displayName(entry.account), entry.account.email);
    qCWarning(lcAuth) << "no refresh token in the keychain for account" << id;
    save(entry);
    emit accountChanged(id);
    finishRefresh(id, Error::notFound(entry.account.lastError));
}

void AccountManager::onReplyFinished(const QString &id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->reply)
        return;
    Entry &entry = *it;
    TokenReply *reply = entry.reply;
    entry.reply = nullptr;
    reply->deleteLater();

    if (entry.phase == Phase::Revoking) {
        if (!reply->result().ok())
            entry.revocationError = reply->result().error();
        onRevoked(id);
        return;
    }
    if (entry.phase != Phase::Requesting)
        return;

    if (reply->result().ok()) {
        const TokenSet &tokens = *reply->result();
        entry.pendingAccessToken = tokens.accessToken;
        entry.pendingExpiry = tokens.expiresAt;
        // The new token goes into the keychain before the old one is
        // forgotten; without rotation the token we have stays valid (and is
        // stored now if an earlier write failed).
        const QByteArray toStore =
                tokens.hasRefreshToken() ? tokens.refreshToken : entry.unsavedRefreshToken;
        if (!toStore.isEmpty()) {
            entry.phase = Phase::WritingToken;
            entry.newRefreshToken = toStore;
            m_store->write(id, SignIn::refreshTokenSecret(), toStore);
            return;
        }
        onWritten(id, SignIn::refreshTokenSecret(), Result<void>());
        return;
    }

    entry.phase = Phase::Idle;
    const Error error = reply->result().error();
    if (reply->needsReconnect()) {
        entry.account.state = Account::State::NeedsReconnect;
        entry.account.lastError =
                tr("%1 no longer accepts Chairside's access for %2: connect again.")
                        .arg(displayName(entry.account), entry.account.email);
        entry.accessToken.clear();
        entry.unsavedRefreshToken.clear();
        entry.oldRefreshToken.clear();
        entry.retryAt = QDateTime();
        qCWarning(lcAuth) << "grant refused (invalid_grant) for account" << id << "provider"
                          << entry.account.provider << ": needs reconnect";
        save(entry);
        emit accountChanged(id);
        finishRefresh(id, Error::invalid(entry.account.lastError));
        return;
    }
    entry.oldRefreshToken.clear();
    entry.account.lastError =
            tr("The %1 account could not be refreshed; Chairside will try again: %2")
                    .arg(displayName(entry.account), error.message);
    qCWarning(lcAuth) << "refresh failed for account" << id << "provider" << entry.account.provider
                      << "transient" << reply->isTransient() << "status" << reply->httpStatus();
    retryLater(entry, reply->isTransient() ? reply->retryAfterSeconds() : -1);
    save(entry);
    emit accountChanged(id);
    finishRefresh(id, Error{error.code, entry.account.lastError});
}

void AccountManager::onWritten(const QString &id, const QString &secret, const Result<void> &result)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || secret != SignIn::refreshTokenSecret())
        return;
    Entry &entry = *it;
    if (entry.phase != Phase::WritingToken && entry.phase != Phase::Requesting)
        return;

    entry.phase = Phase::Idle;
    entry.accessToken = entry.pendingAccessToken;
    entry.pendingAccessToken.clear();
    entry.account.accessTokenExpiresAt = entry.pendingExpiry;
    entry.account.lastRefreshAt = m_clock.now();
    entry.account.state = Account::State::Connected;
    if (result.ok()) {
        // Only now is the old refresh token forgotten.
        entry.unsavedRefreshToken.clear();
        entry.oldRefreshToken.clear();
        entry.newRefreshToken.clear();
        entry.account.lastError.clear();
        entry.failures = 0;
        entry.retryAt = QDateTime();
        qCInfo(lcAuth) << "account refreshed:" << id << "provider" << entry.account.provider;
        save(entry);
        emit accountChanged(id);
        reschedule();
        finishRefresh(id, Result<void>());
        return;
    }
    // The server has rotated and may refuse the old token now: keep the new
    // one in memory for the next attempt, which also stores it again.
    if (!entry.newRefreshToken.isEmpty())
        entry.unsavedRefreshToken = entry.newRefreshToken;
    entry.newRefreshToken.clear();
    entry.oldRefreshToken.clear();
    entry.account.lastError = tr("The %1 account was refreshed, but the keychain of this computer "
                                 "could not store it: %2")
                                      .arg(displayName(entry.account), result.error().message);
    qCWarning(lcAuth) << "could not store the rotated refresh token of account" << id;
    retryLater(entry, -1);
    save(entry);
    emit accountChanged(id);
    finishRefresh(id, Error{result.error().code, entry.account.lastError});
}

void AccountManager::disconnectAccount(const QString &id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        emit disconnectFinished(
                id, Error::notFound(tr("There is no connected account \"%1\".").arg(id)));
        return;
    }
    Entry &entry = *it;
    if (entry.phase == Phase::Disconnecting || entry.phase == Phase::Revoking
        || entry.phase == Phase::Removing)
        return;
    const bool wasRefreshing = entry.phase != Phase::Idle;
    if (entry.reply) {
        entry.reply->disconnect(this);
        entry.reply->abort();
        entry.reply->deleteLater();
        entry.reply = nullptr;
    }
    const QByteArray inMemory = !entry.unsavedRefreshToken.isEmpty() ? entry.unsavedRefreshToken
                                                                     : entry.newRefreshToken;
    entry.phase = Phase::Disconnecting;
    entry.revocationError.reset();
    qCInfo(lcAuth) << "disconnecting account" << id << "provider" << entry.account.provider;
    if (wasRefreshing)
        finishRefresh(id, Error::invalid(tr("The account is being disconnected.")));
    if (!inMemory.isEmpty() && !entry.endpoints.revocationEndpoint.isEmpty())
        revoke(id, inMemory);
    else
        m_store->read(id, SignIn::refreshTokenSecret());
}

void AccountManager::revoke(const QString &id, const QByteArray &refreshToken)
{
    Entry &entry = m_entries[id];
    entry.phase = Phase::Revoking;
    TokenReply *reply = clientFor(entry)->revoke(refreshToken);
    entry.reply = reply;
    connect(reply, &TokenReply::finished, this, [this, id] { onReplyFinished(id); });
}

void AccountManager::onRevoked(const QString &id)
{
    Entry &entry = m_entries[id];
    if (entry.revocationError)
        qCWarning(lcAuth) << "revocation failed for account" << id << "provider"
                          << entry.account.provider;
    entry.phase = Phase::Removing;
    m_store->remove(id, SignIn::refreshTokenSecret());
}

void AccountManager::onRemoved(const QString &id, const QString &secret, const Result<void> &result)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || secret != SignIn::refreshTokenSecret()
        || it->phase != Phase::Removing)
        return;
    Entry &entry = *it;
    if (!result.ok()) {
        // The token is still in the keychain: keep the account so that
        // disconnecting can be tried again rather than orphan the secret.
        entry.phase = Phase::Idle;
        entry.account.lastError = tr("The %1 account could not be disconnected: %2")
                                          .arg(displayName(entry.account), result.error().message);
        qCWarning(lcAuth) << "keychain entry not removed for account" << id;
        save(entry);
        emit accountChanged(id);
        emit disconnectFinished(id, Error{result.error().code, entry.account.lastError});
        return;
    }
    const std::optional<Error> revocationError = entry.revocationError;
    const QString name = displayName(entry.account);
    if (entry.client)
        entry.client->deleteLater();
    m_entries.erase(it);
    removeMetadata(id);
    qCInfo(lcAuth) << "account removed:" << id;
    emit accountRemoved(id);
    reschedule();
    if (revocationError) {
        emit disconnectFinished(
                id,
                Error{revocationError->code,
                      tr("The %1 account was removed from this computer, but %1 could not be "
                         "told to revoke Chairside's access: %2")
                              .arg(name, revocationError->message)});
    } else {
        emit disconnectFinished(id, Result<void>());
    }
}

void AccountManager::finishRefresh(const QString &id, const Result<void> &result)
{
    emit refreshFinished(id, result);
    reschedule();
}

void AccountManager::retryLater(Entry &entry, int retryAfterSeconds)
{
    int seconds = retryAfterSeconds;
    if (seconds < 0) {
        seconds = firstBackoffSeconds << std::min(entry.failures, 7);
        seconds = std::min(seconds, maxBackoffSeconds);
    }
    ++entry.failures;
    entry.retryAt = m_clock.now().addSecs(std::max(seconds, 1));
}

QDateTime AccountManager::refreshDueAt(const QDateTime &issuedAt, const QDateTime &expiresAt)
{
    if (!expiresAt.isValid())
        return {};
    qint64 lead = maxLeadSeconds;
    if (issuedAt.isValid()) {
        const qint64 lifetime = issuedAt.secsTo(expiresAt);
        lead = std::clamp<qint64>(lifetime / 5, 0, maxLeadSeconds);
    }
    return expiresAt.addSecs(-lead);
}

QStringList AccountManager::refreshDueAccounts() const
{
    const QDateTime now = m_clock.now();
    QStringList due;
    for (const Entry &entry : m_entries) {
        if (entry.phase != Phase::Idle || entry.account.state != Account::State::Connected)
            continue;
        QDateTime at = entry.retryAt;
        // Without an access token in memory (after a restart) nothing needs
        // refreshing until someone asks for one.
        if (!at.isValid() && !entry.accessToken.isEmpty())
            at = refreshDueAt(entry.account.lastRefreshAt, entry.account.accessTokenExpiresAt);
        if (at.isValid() && at <= now)
            due.append(entry.account.id);
    }
    due.sort();
    return due;
}

void AccountManager::checkRefreshes()
{
    const QStringList due = refreshDueAccounts();
    for (const QString &id : due)
        refresh(id);
    reschedule();
}

void AccountManager::reschedule()
{
    const QDateTime now = m_clock.now();
    qint64 nextMs = -1;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.phase != Phase::Idle || entry.account.state != Account::State::Connected)
            continue;
        QDateTime at = entry.retryAt;
        if (!at.isValid() && !entry.accessToken.isEmpty())
            at = refreshDueAt(entry.account.lastRefreshAt, entry.account.accessTokenExpiresAt);
        if (!at.isValid())
            continue;
        const qint64 ms = std::max<qint64>(0, now.msecsTo(at));
        nextMs = nextMs < 0 ? ms : std::min(nextMs, ms);
    }
    if (nextMs < 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::min<qint64>(nextMs, maxTimerMs)));
}

QString AccountManager::displayName(const Account &account) const
{
    return Provider::displayName(account.provider, account.tenantOrIssuer);
}

QString AccountManager::group(const QString &id)
{
    // Ids may hold '/' ("oidc:<subject>"), which QSettings would read as a subgroup.
    return QStringLiteral("accounts/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

void AccountManager::save(const Entry &entry)
{
    const Account &a = entry.account;
    m_settings->beginGroup(group(a.id));
    m_settings->setValue(QStringLiteral("id"), a.id);
    m_settings->setValue(QStringLiteral("staffId"), a.staffId);
    m_settings->setValue(QStringLiteral("provider"), a.provider);
    m_settings->setValue(QStringLiteral("tenantOrIssuer"), a.tenantOrIssuer);
    m_settings->setValue(QStringLiteral("clientId"), a.clientId);
    m_settings->setValue(QStringLiteral("subject"), a.subject);
    m_settings->setValue(QStringLiteral("email"), a.email);
    m_settings->setValue(QStringLiteral("state"), stateName(a.state));
    m_settings->setValue(QStringLiteral("lastError"), a.lastError);
    m_settings->setValue(QStringLiteral("connectedAt"), a.connectedAt);
    m_settings->setValue(QStringLiteral("lastRefreshAt"), a.lastRefreshAt);
    m_settings->setValue(QStringLiteral("accessTokenExpiresAt"), a.accessTokenExpiresAt);
    m_settings->setValue(QStringLiteral("tokenEndpoint"), entry.endpoints.tokenEndpoint);
    m_settings->setValue(QStringLiteral("revocationEndpoint"), entry.endpoints.revocationEndpoint);
    m_settings->endGroup();
    m_settings->sync();
}

void AccountManager::removeMetadata(const QString &id)
{
    m_settings->remove(group(id));
    m_settings->sync();
}

void AccountManager::load()
{
    m_settings->beginGroup(QStringLiteral("accounts"));
    const QStringList groups = m_settings->childGroups();
    m_settings->endGroup();
    for (const QString &g : groups) {
        m_settings->beginGroup(QStringLiteral("accounts/") + g);
        Entry entry;
        Account &a = entry.account;
        a.id = m_settings->value(QStringLiteral("id")).toString();
        a.staffId = m_settings->value(QStringLiteral("staffId")).toString();
        a.provider = m_settings->value(QStringLiteral("provider")).toString();
        a.tenantOrIssuer = m_settings->value(QStringLiteral("tenantOrIssuer")).toString();
        a.clientId = m_settings->value(QStringLiteral("clientId")).toString();
        a.subject = m_settings->value(QStringLiteral("subject")).toString();
        a.email = m_settings->value(QStringLiteral("email")).toString();
        a.state = stateFromName(m_settings->value(QStringLiteral("state")).toString());
        a.lastError = m_settings->value(QStringLiteral("lastError")).toString();
        a.connectedAt = m_settings->value(QStringLiteral("connectedAt")).toDateTime();
        a.lastRefreshAt = m_settings->value(QStringLiteral("lastRefreshAt")).toDateTime();
        a.accessTokenExpiresAt =
                m_settings->value(QStringLiteral("accessTokenExpiresAt")).toDateTime();
        entry.endpoints.tokenEndpoint = m_settings->value(QStringLiteral("tokenEndpoint")).toUrl();
        entry.endpoints.revocationEndpoint =
                m_settings->value(QStringLiteral("revocationEndpoint")).toUrl();
        entry.endpoints.issuer = a.provider == QLatin1String("oidc") ? a.tenantOrIssuer : QString();
        m_settings->endGroup();
        if (a.id.isEmpty())
            continue;
        m_entries.insert(a.id, entry);
    }
}

} // namespace chairside
