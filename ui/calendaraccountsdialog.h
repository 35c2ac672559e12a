#pragma once

#include "auth/account.h"
#include "calendaraccountspart.h"
#include "domain/error.h"
#include "domain/staff.h"

#include <QDialog>
#include <QHash>
#include <QPointer>
#include <QUrl>

#include <functional>

class QGridLayout;
class QLabel;
class QScrollArea;

namespace chairside {

class CalendarAccounts;
class Store;

// Where each stylist connects their own Google or Microsoft calendar: one
// row per active stylist with the state of their account (not connected,
// connected as …, needs reconnect, the last error) and the buttons that
// change it. Kept current from the AccountManager's signals.
//
// The sign-in runs in the system browser; this dialog opens the address,
// says it is waiting, and offers Cancel. When opening the browser fails the
// address is shown so it can be copied. Every outcome that is not visible
// from the state (an error, a finished disconnect) stays written under the
// stylist's name until the next action on that row.
class CalendarAccountsDialog : public QDialog
{
    Q_OBJECT
public:
    // Opens the sign-in address in a browser; false when that failed.
    using UrlOpener = CalendarAccountsPart::UrlOpener;

    // `accounts` and `store` must outlive the dialog.
    CalendarAccountsDialog(CalendarAccounts *accounts, Store *store, QWidget *parent = nullptr);
    ~CalendarAccountsDialog() override;

    // The salon whose stylists are listed.
    void setSalon(const QString &salonId);
    // Default: QDesktopServices::openUrl.
    void setUrlOpener(UrlOpener opener);

    // The stylist whose calendar is being connected, or empty.
    QString connectingStaffId() const { return m_connectingStaffId; }

public slots:
    void rebuild();

private:
    struct Note
    {
        QString text;
        bool warning = false;
    };

    void startConnect(const QString &staffId, const QString &provider,
                      const QString &tenantOrIssuer = {}, const QString &clientId = {});
    void cancelConnect();
    void confirmDisconnect(const QString &accountId);
    void onAuthorizationUrlReady(const QUrl &url);
    void onConnectFinished(const Result<Account> &result);
    void onDisconnectFinished(const QString &accountId, const Result<void> &result);

    QString introText() const;
    int addStylist(int row, const QString &staffId, const QString &name,
                   const QList<Account> &accounts);
    QLabel *addLabel(int row, int column, const QString &staffId, const QString &name,
                     const QString &text, bool warning = false);
    void setNote(const QString &staffId, const QString &text, bool warning);
    static QString providerName(const Account &account);
    static QString accountName(const Account &account);

    CalendarAccounts *m_accounts;
    Store *m_store;
    QString m_salonId;
    UrlOpener m_opener;

    QString m_connectingStaffId;
    QUrl m_unopenedUrl; // the sign-in address the browser could not be given
    bool m_cancelled = false;
    QHash<QString, QString> m_disconnecting; // account id → staff id
    QHash<QString, Note> m_notes;            // staff id → last outcome

    QLabel *m_introLabel = nullptr;
    QScrollArea *m_scrollArea = nullptr;
    QPointer<QWidget> m_rows;
    QGridLayout *m_grid = nullptr;
};

} // namespace chairside
