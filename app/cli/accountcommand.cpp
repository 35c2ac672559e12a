#include "accountcommand.h"

#include "clicontext.h"

#include "auth/accountmanager.h"
#include "auth/calendaraccounts.h"
#include "auth/provider.h"
#include "auth/signin.h"
#include "store/store.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QUrl>

#include <algorithm>
#include <cstdio>

namespace chairside::cli {

namespace {

const QString staffOption = QStringLiteral("staff");
const QString providerOption = QStringLiteral("provider");
const QString tenantOption = QStringLiteral("tenant");
const QString issuerOption = QStringLiteral("issuer");
const QString clientIdOption = QStringLiteral("client-id");
const QString noBrowserOption = QStringLiteral("no-browser");

QJsonValue utc(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QString localTime(const QDateTime &at)
{
    return at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                        : QStringLiteral("—");
}

} // namespace

AccountCommand::AccountCommand()
{
    const auto connectOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Connect a stylist's Google, Microsoft or OpenID Connect calendar account: sign "
                   "in in the browser; Chairside keeps its access in this computer's keychain. "
                   "Waits for the sign-in, at most 10 minutes."));
        parser.addOption({staffOption, tr("The stylist whose calendar it is, by name or id."),
                          tr("STYLIST")});
        parser.addOption({providerOption, tr("google, microsoft or oidc."), tr("PROVIDER")});
        parser.addOption({tenantOption,
                          tr("Microsoft only: common (default), organizations, consumers, a tenant "
                             "id or domain."),
                          tr("TENANT")});
        parser.addOption({issuerOption,
                          tr("oidc only (and needed there): the OpenID Connect server's address."),
                          tr("URL")});
        parser.addOption(
                {clientIdOption,
                 tr("The app's client id at the provider (default: settings or the build's)."),
                 tr("ID")});
        parser.addOption(
                {noBrowserOption, tr("Only print the address to open; start no browser.")});
    };
    const auto listOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("The calendar accounts connected on this computer: whose they are, their state "
                   "and last error. No secret is ever shown."));
        parser.addOption({staffOption, tr("Only this stylist's accounts."), tr("STYLIST")});
    };
    const auto refreshOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(tr("Renew an account's access now (Chairside also does "
                                            "this on its own shortly before it runs out)."));
        addAccountArgument(parser);
    };
    const auto disconnectOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Disconnect an account: the provider is told to revoke Chairside's access where "
                   "it allows that, then the account and its keychain entry are removed from this "
                   "computer."));
        addAccountArgument(parser);
    };
    addVerb({.name = QStringLiteral("connect"),
             .summary = tr("Connect a stylist's calendar account (signs in in a browser)."),
             .options = connectOptions,
             .what = tr("“account connect” takes options only."),
             .check = &AccountCommand::checkConnect,
             // The sign-in address comes first, the account when the person has signed in.
             .jsonLines = true},
            &AccountCommand::connectAccount);
    addVerb({.name = QStringLiteral("list"),
             .summary = tr("The accounts connected on this computer and their state."),
             .options = listOptions,
             .what = tr("“account list” takes options only.")},
            &AccountCommand::list);
    addVerb({.name = QStringLiteral("refresh"),
             .summary = tr("Renew an account's access now."),
             .options = refreshOptions,
             .words = Words::One,
             .what = tr("account (id, email or stylist)")},
            &AccountCommand::refresh);
    addVerb({.name = QStringLiteral("disconnect"),
             .summary = tr("Revoke an account's access where the provider allows it, and forget it "
                           "here."),
             .options = disconnectOptions,
             .words = Words::One,
             .what = tr("account (id, email or stylist)")},
            &AccountCommand::disconnectAccount);
}

void AccountCommand::addAccountArgument(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("account"),
                                 tr("The account's id or email, or a stylist with one account."));
}

QString AccountCommand::summary() const
{
    return tr("Stylists' calendar accounts: connect, list, refresh, disconnect.");
}

Result<void> AccountCommand::connectAccount(CliContext &context, const QCommandLineParser &parser,
                                            const OpenBook &book)
{
    const QString provider = parser.value(providerOption).trimmed().toLower();
    const Result<Staff> staff = book.catalogue.findStaff(parser.value(staffOption));
    if (!staff)
        return staff.error();

    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(context.dataDir()));
    const bool tryBrowser = !parser.isSet(noBrowserOption);
    QObject::connect(&accounts, &CalendarAccounts::authorizationUrlReady, &accounts,
                     [&](const QUrl &url) {
                         showAddress(context, url, accounts.signIn()->redirectUri(), staff->name,
                                     tryBrowser);
                     });
    QEventLoop loop;
    std::optional<Result<Account>> outcome;
    QObject::connect(&accounts, &CalendarAccounts::connectFinished, &loop,
                     [&](const Result<Account> &result) {
                         outcome = result;
                         loop.quit();
                     });
    const Result<void> started = accounts.connectAccount(
            {provider,
             provider == QLatin1String("oidc") ? parser.value(issuerOption).trimmed()
                                               : parser.value(tenantOption).trimmed(),
             parser.value(clientIdOption).trimmed(), staff->id});
    if (!started)
        return started;
    // The attempt ends on its own after 10 minutes (SignIn's expiry), and
    // discovery and token requests have their own time limits.
    if (!outcome)
        loop.exec();
    if (!*outcome)
        return outcome->error();
    const Account &account = **outcome;
    context.print(
            {{QStringLiteral("account"), accountJson(account, {{staff->id, staff->name}})}},
            tr("Connected %1 for %2 (%3).").arg(account.email, staff->name, providerName(account)));
    return {};
}

Result<void> AccountCommand::checkConnect(const QCommandLineParser &parser)
{
    if (!parser.isSet(staffOption) || !parser.isSet(providerOption))
        return Error::usage(tr("Connecting an account needs --staff and --provider."));
    const QString provider = parser.value(providerOption).trimmed().toLower();
    if (provider != QLatin1String("google") && provider != QLatin1String("microsoft")
        && provider != QLatin1String("oidc"))
        return Error::usage(tr("“%1” is not a provider; use google, microsoft or oidc.")
                                    .arg(parser.value(providerOption)));
    if (parser.isSet(tenantOption) && provider != QLatin1String("microsoft"))
        return Error::usage(tr("--tenant is only for --provider microsoft."));
    if (parser.isSet(issuerOption) && provider != QLatin1String("oidc"))
        return Error::usage(tr("--issuer is only for --provider oidc; Google and Microsoft have "
                               "their own."));
    if (provider == QLatin1String("oidc") && parser.value(issuerOption).trimmed().isEmpty())
        return Error::usage(tr("--provider oidc needs --issuer, the address of the OpenID Connect "
                               "server (e.g. https://id.example.com)."));
    return {};
}

void AccountCommand::showAddress(const CliContext &context, const QUrl &url,
                                 const QUrl &redirectUri, const QString &stylist, bool tryBrowser)
{
    const QString address = url.toString(QUrl::FullyEncoded);
    const bool opened = tryBrowser && openBrowser(url);
    if (context.json()) {
        const QJsonObject line{{QStringLiteral("authorizationUrl"), address},
                               {QStringLiteral("redirectUri"), redirectUri.toString()}};
        context.printHelp(QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact))
                          + QLatin1Char('\n'));
        return;
    }
    QString text;
    if (opened)
        text = tr("Sign in for %1 in the browser that opened. If no browser appeared, open this "
                  "address:\n")
                       .arg(stylist);
    else if (tryBrowser)
        text = tr("No browser could be started. Open this address in a browser to sign in for "
                  "%1:\n")
                       .arg(stylist);
    else
        text = tr("Open this address in a browser to sign in for %1:\n").arg(stylist);
    context.printHelp(text + address + QLatin1Char('\n')
                      + tr("Waiting for the sign-in (at most 10 minutes; Ctrl+C gives up)…\n"));
}

Result<void> AccountCommand::list(CliContext &context, const QCommandLineParser &parser,
                                  Store &store)
{
    const Result<QHash<QString, QString>> read = staffNames(store);
    if (!read)
        return read.error();
    const QHash<QString, QString> &names = *read;
    QString onlyStaffId;
    if (parser.isSet(staffOption)) {
        const Result<Catalogue *> catalogue = context.catalogue();
        if (!catalogue)
            return catalogue.error();
        const Result<Staff> staff = (*catalogue)->findStaff(parser.value(staffOption));
        if (!staff)
            return staff.error();
        onlyStaffId = staff->id;
    }

    const CalendarAccounts accounts(CalendarAccounts::settingsPathIn(context.dataDir()));
    QList<Account> shown;
    const QList<Account> all = accounts.manager()->accounts();
    for (const Account &account : all) {
        if (onlyStaffId.isEmpty() || account.staffId == onlyStaffId)
            shown.append(account);
    }
    std::sort(shown.begin(), shown.end(), [&](const Account &a, const Account &b) {
        const QString first = stylistText(a, names);
        const QString second = stylistText(b, names);
        const int byStylist = first.localeAwareCompare(second);
        return byStylist != 0 ? byStylist < 0 : a.id < b.id;
    });

    QJsonArray json;
    for (const Account &account : std::as_const(shown))
        json.append(accountJson(account, names));
    if (shown.isEmpty()) {
        context.print({{QStringLiteral("accounts"), json}},
                      onlyStaffId.isEmpty()
                              ? tr("No calendar account is connected on this computer.")
                              : tr("%1 has no calendar account connected on this computer.")
                                        .arg(names.value(onlyStaffId)));
        return {};
    }

    const QStringList header{tr("Stylist"), tr("Provider"), tr("Account"), tr("State"),
                             tr("Access valid until")};
    QList<QStringList> rows;
    for (const Account &account : std::as_const(shown)) {
        const bool connected = account.state == Account::State::Connected;
        rows.append({stylistText(account, names), providerName(account), account.email,
                     connected ? tr("connected") : tr("needs reconnect"),
                     localTime(account.accessTokenExpiresAt)});
    }
    QList<qsizetype> widths(header.size());
    for (qsizetype column = 0; column < header.size(); ++column) {
        widths[column] = header.at(column).size();
        for (const QStringList &row : std::as_const(rows))
            widths[column] = std::max(widths[column], row.at(column).size());
    }
    const auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype column = 0; column < cells.size(); ++column)
            text += column + 1 < cells.size()
                    ? cells.at(column).leftJustified(widths.at(column) + 2)
                    : cells.at(column);
        return text + QLatin1Char('\n');
    };
    QString text = line(header);
    for (qsizetype i = 0; i < shown.size(); ++i) {
        const Account &account = shown.at(i);
        text += line(rows.at(i));
        // Needs reconnect must not be missed in a long list.
        if (account.state == Account::State::NeedsReconnect)
            text += tr("  ! needs reconnect: %1\n")
                            .arg(account.lastError.isEmpty() ? tr("connect the account again.")
                                                             : account.lastError);
        else if (!account.lastError.isEmpty())
            text += tr("  last error: %1\n").arg(account.lastError);
    }
    context.print({{QStringLiteral("accounts"), json}}, text);
    return {};
}

Result<void> AccountCommand::refresh(CliContext &context, const QCommandLineParser &parser,
                                     Store &store)
{
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(context.dataDir()));
    const Result<Chosen> chosen = chooseAccount(context, store, word(parser), accounts);
    if (!chosen)
        return chosen.error();
    const QString id = chosen->account.id;
    const QHash<QString, QString> &names = chosen->names;
    AccountManager *manager = accounts.manager();
    const Result<void> refreshed = waitFor(manager, &AccountManager::refreshFinished, id,
                                           [manager, id] { manager->refresh(id); });
    if (!refreshed)
        return refreshed;

    const Account account = manager->account(id).value_or(chosen->account);
    context.print({{QStringLiteral("account"), accountJson(account, names)}},
                  tr("Refreshed %1 (%2) for %3: access is valid until %4.")
                          .arg(account.email, providerName(account), stylistText(account, names),
                               localTime(account.accessTokenExpiresAt)));
    return {};
}

Result<void> AccountCommand::disconnectAccount(CliContext &context,
                                               const QCommandLineParser &parser, Store &store)
{
    CalendarAccounts accounts(CalendarAccounts::settingsPathIn(context.dataDir()));
    const Result<Chosen> chosen = chooseAccount(context, store, word(parser), accounts);
    if (!chosen)
        return chosen.error();
    const Account &account = chosen->account;
    const QHash<QString, QString> &names = chosen->names;
    AccountManager *manager = accounts.manager();
    const bool revocable = manager->canRevoke(account.id);
    const QString id = account.id;
    const Result<void> disconnected = waitFor(manager, &AccountManager::disconnectFinished, id,
                                              [manager, id] { manager->disconnectAccount(id); });
    if (!disconnected)
        return disconnected;

    QJsonObject json = accountJson(account, names);
    json.insert(QStringLiteral("revoked"), revocable);
    const QString message = revocable
            ? tr("Disconnected %1 (%2) for %3: the provider revoked Chairside's access, and the "
                 "account and its keychain entry are gone from this computer.")
            : tr("Disconnected %1 (%2) for %3: the account and its keychain entry are gone from "
                 "this computer. %2 offers no way to revoke Chairside's access from here; to end "
                 "it, remove Chairside from the account's app permissions.");
    context.print({{QStringLiteral("disconnected"), json}},
                  message.arg(account.email, providerName(account), stylistText(account, names)));
    return {};
}

Result<AccountCommand::Chosen> AccountCommand::chooseAccount(CliContext &context, Store &store,
                                                             const QString &which,
                                                             const CalendarAccounts &accounts)
{
    const Result<QHash<QString, QString>> names = staffNames(store);
    if (!names)
        return names.error();
    const Result<Account> found = findAccount(context, accounts, which);
    if (!found)
        return found.error();
    return Chosen{*found, *names};
}

Result<void> AccountCommand::waitFor(AccountManager *manager,
                                     void (AccountManager::*finished)(const QString &,
                                                                      const Result<void> &),
                                     const QString &id, const std::function<void()> &start)
{
    QEventLoop loop;
    std::optional<Result<void>> outcome;
    QObject::connect(manager, finished, &loop,
                     [&](const QString &about, const Result<void> &result) {
                         if (about != id)
                             return;
                         outcome = result;
                         loop.quit();
                     });
    start();
    // The manager answers every request; the network has its own time limits.
    if (!outcome)
        loop.exec();
    return *outcome;
}

Result<Account> AccountCommand::findAccount(CliContext &context, const CalendarAccounts &accounts,
                                            const QString &text)
{
    const QString wanted = text.trimmed();
    if (const std::optional<Account> byId = accounts.manager()->account(wanted))
        return *byId;
    const QList<Account> all = accounts.manager()->accounts();
    const auto describe = [](const QList<Account> &list) {
        QStringList parts;
        for (const Account &account : list)
            parts.append(QStringLiteral("%1 (%2)").arg(account.email, account.id));
        parts.sort();
        return parts.join(QStringLiteral(", "));
    };
    QList<Account> byEmail;
    for (const Account &account : all) {
        if (!wanted.isEmpty() && account.email.compare(wanted, Qt::CaseInsensitive) == 0)
            byEmail.append(account);
    }
    if (byEmail.size() == 1)
        return byEmail.constFirst();
    if (byEmail.size() > 1)
        return Error::invalid(tr("Several accounts use %1: %2. Give the account's id.")
                                      .arg(wanted, describe(byEmail)));

    const Error none = Error::notFound(
            tr("There is no calendar account “%1” on this computer. Give the account's id or "
               "email, or a stylist with one account (see “chairside-cli account list”).")
                    .arg(wanted));
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue) {
        // No salon to look in means no such account; a usage or read error says itself.
        const Error::Code code = catalogue.error().code;
        return code == Error::Code::NotFound || code == Error::Code::Invalid ? none
                                                                             : catalogue.error();
    }
    const Result<Staff> staff = (*catalogue)->findStaff(wanted);
    if (!staff) {
        // An ambiguous stylist name is worth its own message (it lists them).
        const bool ambiguous = std::any_of(
                (*catalogue)->staff().cbegin(), (*catalogue)->staff().cend(),
                [&](const Staff &s) { return s.name.startsWith(wanted, Qt::CaseInsensitive); });
        return ambiguous && !wanted.isEmpty() ? staff.error() : none;
    }
    QList<Account> theirs;
    for (const Account &account : all) {
        if (account.staffId == staff->id)
            theirs.append(account);
    }
    if (theirs.isEmpty())
        return Error::notFound(
                tr("%1 has no calendar account connected on this computer.").arg(staff->name));
    if (theirs.size() > 1)
        return Error::invalid(tr("%1 has several calendar accounts: %2. Give the account's id "
                                 "or email.")
                                      .arg(staff->name, describe(theirs)));
    return theirs.constFirst();
}

Result<QHash<QString, QString>> AccountCommand::staffNames(Store &store)
{
    QHash<QString, QString> names;
    const Result<QList<Salon>> salons = store.salons();
    if (!salons)
        return salons.error();
    for (const Salon &salon : *salons) {
        const Result<QList<Staff>> staff = store.staff(salon.id);
        if (!staff)
            return staff.error();
        for (const Staff &person : *staff)
            names.insert(person.id, person.name);
    }
    return names;
}

QJsonObject AccountCommand::accountJson(const Account &account,
                                        const QHash<QString, QString> &names)
{
    const auto staffName = names.constFind(account.staffId);
    const bool connected = account.state == Account::State::Connected;
    return {{QStringLiteral("id"), account.id},
            {QStringLiteral("staffId"), account.staffId},
            {QStringLiteral("staffName"),
             staffName != names.constEnd() ? QJsonValue(*staffName) : QJsonValue()},
            {QStringLiteral("provider"), account.provider},
            {QStringLiteral("tenantOrIssuer"), account.tenantOrIssuer},
            {QStringLiteral("email"), account.email},
            {QStringLiteral("state"),
             connected ? QStringLiteral("connected") : QStringLiteral("needs_reconnect")},
            {QStringLiteral("lastError"), account.lastError},
            {QStringLiteral("connectedAt"), utc(account.connectedAt)},
            {QStringLiteral("lastRefreshAt"), utc(account.lastRefreshAt)},
            {QStringLiteral("accessTokenExpiresAt"), utc(account.accessTokenExpiresAt)}};
}

QString AccountCommand::providerName(const Account &account)
{
    const QString name = Provider::displayName(account.provider, account.tenantOrIssuer);
    // A bare host name would not say what kind of account this is.
    if (account.provider == QLatin1String("oidc"))
        return tr("OpenID Connect at %1").arg(name);
    return name;
}

QString AccountCommand::stylistText(const Account &account, const QHash<QString, QString> &names)
{
    const auto name = names.constFind(account.staffId);
    if (name != names.constEnd())
        return *name;
    return tr("%1 (no longer in the store)").arg(account.staffId);
}

bool AccountCommand::openBrowser(const QUrl &url)
{
    QProcess browser;
#if defined(Q_OS_MACOS)
    browser.setProgram(QStringLiteral("open"));
    browser.setArguments({url.toString(QUrl::FullyEncoded)});
#elif defined(Q_OS_WIN)
    // Not `cmd /c start`: cmd would cut the address at its first '&'.
    browser.setProgram(QStringLiteral("rundll32"));
    browser.setArguments(
            {QStringLiteral("url.dll,FileProtocolHandler"), url.toString(QUrl::FullyEncoded)});
#else
    browser.setProgram(QStringLiteral("xdg-open"));
    browser.setArguments({url.toString(QUrl::FullyEncoded)});
#endif
    // Whatever the opener prints must not end up in our output (--json).
    browser.setStandardInputFile(QProcess::nullDevice());
    browser.setStandardOutputFile(QProcess::nullDevice());
    browser.setStandardErrorFile(QProcess::nullDevice());
    return browser.startDetached();
}

} // namespace chairside::cli
