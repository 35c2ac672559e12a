#pragma once

#include "domain/error.h"
#include "serverurl.h"

#include <QCoreApplication>
#include <QDateTime>

namespace chairside {

// What an admin hands to a PC so that it can join the salon's server once:
// the server's address (hosts, ports, database, TLS settings, the PC's own
// login role — never the admin's password), the one-time secret, and when
// it runs out. Written as "CHAIRSIDE1-" and the base64url of a small JSON
// object, one word to paste.
struct EnrolmentCode
{
    Q_DECLARE_TR_FUNCTIONS(EnrolmentCode)

public:
    ServerUrl server; // user is the PC's login role; no password
    QString secret;
    QDateTime expiresAt;

    // How long a code may be used after it was made.
    static constexpr int validHours = 24;

    QString toString() const;
    // A code cut short, mistyped or not a code at all → Error::usage.
    static Result<EnrolmentCode> parse(const QString &text);

    // The keywords of the admin's address that the PC needs too: where the
    // server is and how to trust it (not the admin's client certificate,
    // password file or application name).
    static ServerUrl serverForPc(const ServerUrl &admin, const QString &loginRole);
};

} // namespace chairside
