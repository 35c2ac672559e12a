#pragma once

#include "calendaraccountspart.h"

#include <QList>
#include <QMetaObject>
#include <QPointer>

#include <memory>

namespace chairside {

class CalendarAccounts;
class CalendarAccountsDialog;

// The calendar accounts part behind CalendarAccountsPart: CalendarAccounts
// (core/auth) and its dialog. The app makes it inside the calendar accounts
// module (calendaraccountsentry.cpp); tests make it in-process (source()).
class CalendarAccountsWindowPart : public CalendarAccountsPart
{
public:
    // `accounts` must outlive the part, unless the part owns it.
    CalendarAccountsWindowPart(CalendarAccounts *accounts, Store *store, QWidget *window,
                               Hooks hooks);
    CalendarAccountsWindowPart(std::unique_ptr<CalendarAccounts> accounts, Store *store,
                               QWidget *window, Hooks hooks);
    ~CalendarAccountsWindowPart() override;

    // A window's source for parts over `accounts`, without the module (for
    // tests; `accounts` must outlive the window).
    static CalendarAccountsSource source(CalendarAccounts *accounts);

    QDialog *dialog() override;
    void setSalon(const QString &salonId) override;
    void setUrlOpener(UrlOpener opener) override;
    int accountsToReconnect() const override;

private:
    std::unique_ptr<CalendarAccounts> m_owned;
    CalendarAccounts *m_accounts;
    Store *m_store;
    QWidget *m_window;
    QList<QMetaObject::Connection> m_connections;
    QPointer<CalendarAccountsDialog> m_dialog;
    QString m_salonId;
    UrlOpener m_opener;
};

} // namespace chairside
