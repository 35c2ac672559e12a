#pragma once

#include <QString>

namespace chairside {

// Where the calendar accounts of a book are kept, read without the network
// half of core/auth: the desktop app asks this before it loads the calendar
// accounts module (ui/calendaraccountsmodule.h).
class AccountSettings
{
public:
    // The settings file beside the appointment book in `dataDir`: provider
    // overrides under auth/, connected accounts under accounts/.
    static QString pathIn(const QString &dataDir);
    // Whether the file at `settingsPath` records any connected account
    // (AccountManager's "accounts" group).
    static bool hasAccounts(const QString &settingsPath);
};

} // namespace chairside
