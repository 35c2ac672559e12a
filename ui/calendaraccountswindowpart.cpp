#include "calendaraccountswindowpart.h"

#include "auth/accountmanager.h"
#include "auth/calendaraccounts.h"
#include "calendaraccountsdialog.h"

#include <algorithm>

namespace chairside {

CalendarAccountsWindowPart::CalendarAccountsWindowPart(CalendarAccounts *accounts, Store *store,
                                                       QWidget *window, Hooks hooks)
    : m_accounts(accounts), m_store(store), m_window(window)
{
    AccountManager *manager = m_accounts->manager();
    if (hooks.accountsChanged) {
        m_connections << QObject::connect(manager, &AccountManager::accountChanged, window,
                                          [changed = hooks.accountsChanged] { changed(); });
        m_connections << QObject::connect(manager, &AccountManager::accountRemoved, window,
                                          [changed = hooks.accountsChanged] { changed(); });
    }
    if (hooks.callbackReceived)
        m_connections << QObject::connect(m_accounts, &CalendarAccounts::callbackReceived, window,
                                          std::move(hooks.callbackReceived));
}

CalendarAccountsWindowPart::CalendarAccountsWindowPart(std::unique_ptr<CalendarAccounts> accounts,
                                                       Store *store, QWidget *window, Hooks hooks)
    : CalendarAccountsWindowPart(accounts.get(), store, window, std::move(hooks))
{
    m_owned = std::move(accounts);
}

CalendarAccountsWindowPart::~CalendarAccountsWindowPart()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        QObject::disconnect(connection);
    delete m_dialog; // it talks to the accounts as it goes
}

CalendarAccountsSource CalendarAccountsWindowPart::source(CalendarAccounts *accounts)
{
    CalendarAccountsSource source;
    source.hasAccounts = !accounts->manager()->accounts().isEmpty();
    source.make = [accounts](Store *store, QWidget *window,
                             Hooks hooks) -> Result<std::unique_ptr<CalendarAccountsPart>> {
        return std::unique_ptr<CalendarAccountsPart>(
                new CalendarAccountsWindowPart(accounts, store, window, std::move(hooks)));
    };
    return source;
}

QDialog *CalendarAccountsWindowPart::dialog()
{
    if (!m_dialog) {
        m_dialog = new CalendarAccountsDialog(m_accounts, m_store, m_window);
        if (m_opener)
            m_dialog->setUrlOpener(m_opener);
        m_dialog->setSalon(m_salonId);
    }
    return m_dialog;
}

void CalendarAccountsWindowPart::setSalon(const QString &salonId)
{
    m_salonId = salonId;
    if (m_dialog)
        m_dialog->setSalon(salonId);
}

void CalendarAccountsWindowPart::setUrlOpener(UrlOpener opener)
{
    m_opener = opener;
    if (m_dialog)
        m_dialog->setUrlOpener(std::move(opener));
}

int CalendarAccountsWindowPart::accountsToReconnect() const
{
    const QList<Account> accounts = m_accounts->manager()->accounts();
    return int(std::count_if(accounts.begin(), accounts.end(), [](const Account &account) {
        return account.state == Account::State::NeedsReconnect;
    }));
}

} // namespace chairside
