#pragma once

#include <QDateTime>
#include <QString>

namespace chairside {

// A calendar account connected on this PC, as AccountManager keeps it.
// Only non-secret metadata: the refresh token lives in this PC's keychain
// (TokenStore) and the access token in memory.
struct Account
{
    enum class State { Connected, NeedsReconnect };

    QString id;             // also the keychain entry's account
    QString staffId;        // the stylist whose calendar this is
    QString provider;       // "google", "microsoft", "oidc"
    QString tenantOrIssuer; // Microsoft tenant or OpenID issuer
    QString clientId;
    QString subject;
    QString email;
    State state = State::Connected;
    QString lastError; // translated; empty when the last refresh worked
    QDateTime connectedAt;
    QDateTime lastRefreshAt;
    QDateTime accessTokenExpiresAt;
};

} // namespace chairside
