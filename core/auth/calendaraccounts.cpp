#include "calendaraccounts.h"

#include "accountmanager.h"
#include "accountsettings.h"
#include "logging.h"
#include "oidcdiscovery.h"
#include "signin.h"
#include "tokenstore.h"

#include <QNetworkAccessManager>
#include <QSettings>

namespace chairside {

CalendarAccounts::CalendarAccounts(const QString &settingsPath, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsPath, QSettings::IniFormat))
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_tokens(std::make_unique<TokenStore>())
    , m_manager(std::make_unique<AccountManager>(m_settings.get(), m_tokens.get(), m_network.get(),
                                                 clock))
    , m_signIn(std::make_unique<SignIn>(m_network.get(), m_tokens.get(), clock))
{
    connect(m_signIn.get(), &SignIn::authorizationUrlReady, this,
            &CalendarAccounts::authorizationUrlReady);
    connect(m_signIn.get(), &SignIn::stepChanged, this, [this](SignIn::Step step) {
        if (step == SignIn::Step::ExchangingCode)
            emit callbackReceived();
    });
    connect(m_signIn.get(), &SignIn::finished, this, [this](const Result<SignedInAccount> &result) {
        if (!m_provider) // not ours: cancelled while the sign-in wound down
            return;
        if (!result) {
            finishConnect(result.error());
            return;
        }
        m_manager->addSignedIn(*result, m_staffId, *m_provider);
        const std::optional<Account> account = m_manager->account(result->accountId);
        if (!account) {
            finishConnect(
                    Error::storage(tr("The account was signed in but could not be recorded.")));
            return;
        }
        finishConnect(*account);
    });
}

CalendarAccounts::~CalendarAccounts()
{
    // The sign-in and the manager talk to the keychain and the network: they go first.
    m_signIn.reset();
    m_manager.reset();
}

QString CalendarAccounts::settingsPathIn(const QString &dataDir)
{
    return AccountSettings::pathIn(dataDir);
}

bool CalendarAccounts::isConnecting() const
{
    return m_provider.has_value();
}

Result<void> CalendarAccounts::connectAccount(const ConnectRequest &request)
{
    if (isConnecting())
        return Error::invalid(tr("A calendar account is being connected already. Finish or "
                                 "cancel that sign-in first."));
    if (request.staffId.isEmpty())
        return Error::usage(tr("Say which stylist's calendar to connect."));
    Result<Provider> provider = Provider::fromName(request.provider, request.tenantOrIssuer,
                                                   request.clientId, *m_settings);
    if (!provider)
        return provider.error();
    // A provider that needs discovery can only be checked fully after it;
    // a missing client id is said before any network traffic.
    if (!provider->needsDiscovery() || provider->clientId().isEmpty()) {
        if (const Result<void> valid = provider->validate(); !valid)
            return valid;
    }

    m_provider = *provider;
    m_staffId = request.staffId;
    if (!m_provider->needsDiscovery()) {
        const Result<void> started = startSignIn();
        if (!started) {
            m_provider.reset();
            m_staffId.clear();
        }
        return started;
    }
    m_discovery = new OidcDiscovery(m_network.get(), this);
    connect(m_discovery, &OidcDiscovery::finished, this, &CalendarAccounts::onDiscovered);
    m_discovery->discover(m_provider->endpoints().issuer);
    return {};
}

void CalendarAccounts::onDiscovered()
{
    OidcDiscovery *discovery = m_discovery;
    if (!discovery || !m_provider)
        return;
    discovery->deleteLater();
    m_discovery = nullptr;
    if (!discovery->result()) {
        finishConnect(discovery->result().error());
        return;
    }
    m_provider->setEndpoints(*discovery->result());
    if (const Result<void> valid = m_provider->validate(); !valid) {
        finishConnect(valid.error());
        return;
    }
    if (const Result<void> started = startSignIn(); !started)
        finishConnect(started.error());
}

Result<void> CalendarAccounts::startSignIn()
{
    const Provider &provider = *m_provider;
    SignInConfig config;
    config.provider = provider.name();
    config.callbackPath = provider.callbackPath();
    config.endpoints = provider.endpoints();
    config.otherIssuers = provider.legacyIdTokenIssuers();
    config.clientId = provider.clientId();
    config.clientSecret = provider.clientSecret();
    config.scopes = provider.scopes();
    config.extraParameters = provider.extraParameters();
    config.alsoIpv6 = provider.alsoIpv6();
    return m_signIn->start(config);
}

void CalendarAccounts::cancelConnect()
{
    if (!isConnecting())
        return;
    if (m_discovery) {
        m_discovery->disconnect(this);
        m_discovery->abort();
        m_discovery->deleteLater();
        m_discovery = nullptr;
        finishConnect(Error::invalid(tr("The sign-in was cancelled.")));
        return;
    }
    // SignIn answers with finished(cancelled), which ends the connect.
    m_signIn->cancel();
    if (isConnecting()) // the sign-in had not started
        finishConnect(Error::invalid(tr("The sign-in was cancelled.")));
}

void CalendarAccounts::finishConnect(const Result<Account> &result)
{
    m_provider.reset();
    m_staffId.clear();
    if (result)
        qCInfo(lcAuth) << "calendar account connected:" << result->id;
    else
        qCInfo(lcAuth) << "connecting a calendar account ended without one";
    emit connectFinished(result);
}

} // namespace chairside
