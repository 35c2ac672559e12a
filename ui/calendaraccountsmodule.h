#pragma once

#include "calendaraccountspart.h"

#include <QString>
#include <QStringList>

namespace chairside {

// The calendar accounts module (chairside-calendar-accounts, a shared
// library with the network half of core/auth and the accounts dialog),
// loaded with QLibrary when the window first needs its calendar accounts.
// The executable does not link it, nor QtNetwork or libcrypto, so a start
// does not load them (docs/desktop.md "Starting").
class CalendarAccountsModule
{
public:
    // The module's file name, and the symbol that makes a part:
    // CalendarAccountsPart *entryPoint(const QString &settingsPath, Store *,
    // QWidget *window, CalendarAccountsPart::Hooks) (calendaraccountsentry.cpp).
    static const char fileName[];
    static const char entryPoint[];
    using EntryPoint = CalendarAccountsPart *(*)(const QString &settingsPath, Store *store,
                                                 QWidget *window,
                                                 CalendarAccountsPart::Hooks hooks);

    // Where the module is looked for, in order: $CHAIRSIDE_MODULE_DIR, the
    // executable's folder (the build tree), the installed modules folder
    // (<prefix>/lib/<arch>/chairside beside <prefix>/bin).
    static QStringList searchPath();
    // The accounts kept in `settingsPath` (AccountSettings::pathIn), made by
    // the module once the window needs them.
    static CalendarAccountsSource source(const QString &settingsPath);
    // Loads the module (once) and makes a part: a translated error when the
    // module cannot be found or loaded.
    static Result<std::unique_ptr<CalendarAccountsPart>> make(const QString &settingsPath,
                                                              Store *store, QWidget *window,
                                                              CalendarAccountsPart::Hooks hooks);
};

} // namespace chairside
