#pragma once

#include <QDateTime>
#include <QString>

namespace chairside {

// How this PC reaches its salon's server, as "chairside-cli join" recorded
// it. The password is in the keychain, never here.
struct ServerLink
{
    QString url; // ServerUrl::toDisplayString(): no password
    QString deviceId;
    QString loginRole;
    QString salonId;
    bool firstOfSalon = false; // the salon was not on the server: this PC brings it
    QDateTime joinedAt;

    bool operator==(const ServerLink &) const = default;
};

} // namespace chairside
