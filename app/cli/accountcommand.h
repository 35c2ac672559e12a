#pragma once

#include "command.h"

#include "auth/account.h"

#include <QHash>
#include <QJsonObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace chairside {
class AccountManager;
class CalendarAccounts;
} // namespace chairside

namespace chairside::cli {

// account connect|list|refresh|disconnect: the stylists' Google, Microsoft
// or OpenID Connect calendar accounts connected on this computer, through
// CalendarAccounts (the same settings file and keychain as the desktop app).
// Unlike every other command these wait on the network, and `connect` on a
// person signing in in a browser.
class AccountCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    AccountCommand();
    QString name() const override { return QStringLiteral("account"); }
    QString summary() const override;

private:
    Result<void> connectAccount(CliContext &context, const QCommandLineParser &parser,
                                const OpenBook &book);
    Result<void> list(CliContext &context, const QCommandLineParser &parser, Store &store);
    Result<void> refresh(CliContext &context, const QCommandLineParser &parser, Store &store);
    Result<void> disconnectAccount(CliContext &context, const QCommandLineParser &parser,
                                   Store &store);
    // connect's options, checked before the store is opened.
    static Result<void> checkConnect(const QCommandLineParser &parser);
    static void addAccountArgument(QCommandLineParser &parser);

    // ACCOUNT as refresh and disconnect take it: the account's id, its
    // email, or a stylist with exactly one account.
    static Result<Account> findAccount(CliContext &context, const CalendarAccounts &accounts,
                                       const QString &text);
    // What refresh and disconnect share: their one ACCOUNT argument found,
    // with the stylists' names.
    struct Chosen
    {
        Account account;
        QHash<QString, QString> names;
    };
    static Result<Chosen> chooseAccount(CliContext &context, Store &store, const QString &which,
                                        const CalendarAccounts &accounts);
    // Runs `start` and waits for the manager's answer about account `id`
    // (refreshFinished or disconnectFinished).
    static Result<void> waitFor(AccountManager *manager,
                                void (AccountManager::*finished)(const QString &,
                                                                 const Result<void> &),
                                const QString &id, const std::function<void()> &start);
    // Every stylist of every salon in the store, id → name.
    static Result<QHash<QString, QString>> staffNames(Store &store);
    // staffName is null when the stylist is no longer in the store.
    static QJsonObject accountJson(const Account &account, const QHash<QString, QString> &names);
    static QString providerName(const Account &account);
    static QString stylistText(const Account &account, const QHash<QString, QString> &names);
    // The sign-in address for the person (with --json: the first JSON line),
    // after starting the browser on it unless --no-browser.
    static void showAddress(const CliContext &context, const QUrl &url, const QUrl &redirectUri,
                            const QString &stylist, bool tryBrowser);
    // Starts the system browser on `url` without waiting for it.
    static bool openBrowser(const QUrl &url);
};

} // namespace chairside::cli
