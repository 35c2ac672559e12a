#pragma once

#include "domain/error.h"

#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QDialog;
class QWidget;

namespace chairside {

class Store;

// What the main window needs of the PC's calendar accounts: their dialog,
// how many wait for a reconnect, and two calls back. The window holds them
// behind this interface so that what stands behind it (core/auth's sign-in,
// token refresh and ID token checks, which need QtNetwork and libcrypto)
// can sit in a module the app loads when it is first needed
// (CalendarAccountsModule), and a start does not load those libraries.
// Staff sign-in and the calendar sync join the module the same way
// (docs/decisions.md, "Modules loaded on first use").
class CalendarAccountsPart
{
public:
    // Opens the sign-in address in a browser; false when that failed.
    using UrlOpener = std::function<bool(const QUrl &)>;

    struct Hooks
    {
        // An account was added, changed or removed: the window recounts.
        std::function<void()> accountsChanged;
        // The browser came back with a sign-in's answer: the window comes
        // to the front.
        std::function<void()> callbackReceived;
    };

    virtual ~CalendarAccountsPart() = default;

    // The accounts dialog, a child of the window; made on the first call.
    virtual QDialog *dialog() = 0;
    // The salon whose stylists the dialog lists.
    virtual void setSalon(const QString &salonId) = 0;
    // Default: QDesktopServices::openUrl.
    virtual void setUrlOpener(UrlOpener opener) = 0;
    virtual int accountsToReconnect() const = 0;
};

// How a window gets its part: `make` is called once, when the part is first
// needed. `store` and `window` outlive the part; the hooks are called on the
// window's thread.
struct CalendarAccountsSource
{
    using Maker = std::function<Result<std::unique_ptr<CalendarAccountsPart>>(
            Store *store, QWidget *window, CalendarAccountsPart::Hooks hooks)>;

    Maker make; // empty: the window has no calendar accounts
    // Accounts are connected: the part is made right after the window's
    // first paint, for their refreshes and the reconnect warning. Otherwise
    // only when the dialog is opened.
    bool hasAccounts = false;

    explicit operator bool() const { return bool(make); }
};

} // namespace chairside
