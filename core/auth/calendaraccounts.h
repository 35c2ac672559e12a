#pragma once

#include "account.h"
#include "domain/clock.h"
#include "domain/error.h"
#include "provider.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QSettings;

namespace chairside {

class AccountManager;
class OidcDiscovery;
class SignIn;
class TokenStore;

// The calendar accounts of this PC as the desktop app and chairside-cli use
// them: the settings file (provider overrides under auth/, connected accounts
// under accounts/), the keychain, the AccountManager, and connecting a new
// account for a stylist: discovery when the provider needs it, the sign-in,
// then the manager records the account.
//
// The settings file lives next to the appointment book (settingsPathIn()),
// so a data folder carries its own accounts and a test's folder is its own
// world. The refresh tokens it refers to stay in this PC's keychain.
class CalendarAccounts : public QObject
{
    Q_OBJECT

public:
    // `clock` must outlive the object.
    explicit CalendarAccounts(const QString &settingsPath, const Clock &clock = Clock::system(),
                              QObject *parent = nullptr);
    ~CalendarAccounts() override;

    static QString settingsPathIn(const QString &dataDir);

    AccountManager *manager() const { return m_manager.get(); }
    QSettings *settings() const { return m_settings.get(); }
    SignIn *signIn() const { return m_signIn.get(); }

    struct ConnectRequest
    {
        QString provider;       // "google", "microsoft", "oidc"
        QString tenantOrIssuer; // Microsoft tenant (empty: common) or the OpenID issuer
        QString clientId;       // empty: the build default or settings
        QString staffId;        // the stylist whose calendar this is
    };

    // Starts connecting an account; the answer is connectFinished(), after
    // authorizationUrlReady() (open it in the browser, or print it). Fails at
    // once, emitting nothing, for a provider that cannot work (unknown name,
    // no client id, a bad issuer), no stylist, or while a connect runs; and
    // for no free loopback port, except after discovery, when that failure
    // comes as connectFinished() like every later one.
    // Signing in to an account that is connected already replaces it: that
    // is how "needs reconnect" is mended, and how an account moves to
    // another stylist.
    Result<void> connectAccount(const ConnectRequest &request);
    // Ends a running connect with connectFinished(error); nothing is kept.
    void cancelConnect();
    bool isConnecting() const;

signals:
    void authorizationUrlReady(const QUrl &url);
    // The browser came back with this attempt's answer: time to bring the
    // app's window to the front.
    void callbackReceived();
    void connectFinished(const chairside::Result<chairside::Account> &result);

private:
    void onDiscovered();
    Result<void> startSignIn();
    void finishConnect(const Result<Account> &result);

    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<AccountManager> m_manager;
    std::unique_ptr<SignIn> m_signIn;

    // The connect in progress.
    std::optional<Provider> m_provider;
    QString m_staffId;
    QPointer<OidcDiscovery> m_discovery;
};

} // namespace chairside
