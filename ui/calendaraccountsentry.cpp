// The calendar accounts module's one entry point (CalendarAccountsModule).
// The module and the executable come from one build: the entry point's name
// carries the interface's version.

#include "auth/calendaraccounts.h"
#include "calendaraccountswindowpart.h"

extern "C" Q_DECL_EXPORT chairside::CalendarAccountsPart *
chairside_calendar_accounts_part_v1(const QString &settingsPath, chairside::Store *store,
                                    QWidget *window, chairside::CalendarAccountsPart::Hooks hooks)
{
    using namespace chairside;
    return new CalendarAccountsWindowPart(std::make_unique<CalendarAccounts>(settingsPath), store,
                                          window, std::move(hooks));
}
