#include "synccommand.h"

#include "clicontext.h"

#include "auth/tokenstore.h"
#include "server/serverconnection.h"
#include "store/store.h"
#include "sync/syncconnection.h"
#include "sync/syncfacts.h"
#include "sync/syncround.h"

#include <QDateTime>
#include <QJsonObject>

namespace chairside::cli {

namespace {

// How long `sync status` waits for a server that does not answer.
constexpr int statusTimeoutSeconds = 5;

QJsonValue instantOrNull(std::optional<qint64> seconds)
{
    if (!seconds)
        return QJsonValue();
    return QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

SyncCommand::SyncCommand()
{
    addVerb({.name = QStringLiteral("now"),
             .summary = tr("Send this PC's changes and take the others' (one round)."),
             .options =
                     [](QCommandLineParser &parser) {
                         parser.setApplicationDescription(
                                 tr("One round of sync with the salon's server: this PC's "
                                    "changes go up, then the changes of the other PCs come "
                                    "down. Prints what moved."));
                     },
             .what = tr("“sync” takes options only.")},
            &SyncCommand::round);
    addVerb({.name = QStringLiteral("status"),
             .summary = tr("Online or offline, changes waiting, the last good sync."),
             .options =
                     [](QCommandLineParser &parser) {
                         parser.setApplicationDescription(
                                 tr("Whether the salon's server answers now, how many changes "
                                    "wait to be sent, the last good sync, the server, this PC's "
                                    "name and the last error."));
                     },
             .what = tr("“sync status” takes options only.")},
            &SyncCommand::status);
    addVerb({.name = QStringLiteral("wake-up"),
             .summary = tr("How the app hears of other PCs' changes: listen (default) or poll."),
             .options =
                     [](QCommandLineParser &parser) {
                         parser.setApplicationDescription(
                                 tr("“listen”: the server tells the app at once (LISTEN/NOTIFY), "
                                    "and it polls as well. “poll”: it only polls, quickly after "
                                    "something changed and more slowly while nothing does; for a "
                                    "server reached through PgBouncer in transaction pooling, "
                                    "where LISTEN does not work."));
                         parser.addPositionalArgument(QStringLiteral("mode"), tr("listen or poll"));
                     },
             .words = Words::One,
             .what = tr("wake-up mode (listen or poll)"),
             .check = [](const QCommandLineParser &parser) -> Result<void> {
                 const QString mode = parser.positionalArguments().value(0);
                 if (mode != QLatin1String("listen") && mode != QLatin1String("poll"))
                     return Error::usage(
                             tr("“%1” is not a wake-up mode; use “listen” or “poll”.").arg(mode));
                 return {};
             }},
            &SyncCommand::wakeUp);
}

QString SyncCommand::summary() const
{
    return tr("Sync this PC's book with the salon's server (“sync status”: how it stands).");
}

Result<void> SyncCommand::run(CliContext &context, const QStringList &arguments)
{
    const QString verb = arguments.value(1);
    if (verb == QLatin1String("status") || verb == QLatin1String("now")
        || verb == QLatin1String("wake-up") || verb == QLatin1String("-h")
        || verb == QLatin1String("--help"))
        return Command::run(context, arguments);
    // `sync` alone, or with options: the round.
    return Command::run(context,
                        QStringList{arguments.value(0), QStringLiteral("now")} + arguments.mid(1));
}

Result<void> SyncCommand::round(CliContext &context, const QCommandLineParser &, Store &store)
{
    TokenStore keychain;
    const Result<SyncSummary> done = SyncRound::run(store, keychain);
    if (!done)
        return done.error();
    const PushSummary &push = done->push;
    const PullSummary &pull = done->pull;
    QString text = tr("Sent %n change(s): ", nullptr, push.pushed)
            + tr("%n applied, ", nullptr, push.applied)
            + tr("%n in conflict, ", nullptr, push.conflicts)
            + tr("%n refused.", nullptr, push.refused);
    if (push.uploaded > 0)
        text += QLatin1Char(' ')
                + tr("Uploaded this PC's book (%n row(s)).", nullptr, push.uploaded);
    text += QLatin1Char(' ') + tr("Took %n change(s) from the server", nullptr, pull.received)
            + QLatin1Char(' ') + tr("(%n written here).", nullptr, pull.written);
    if (pull.missedPurge)
        text += QLatin1Char(' ')
                + tr("This PC had been away longer than the server keeps removed rows, so it "
                     "took the salon's whole book again.");
    if (pull.waiting > 0)
        text += QLatin1Char(' ')
                + tr("%n row(s) with changes of this PC wait for the next round.", nullptr,
                     pull.waiting);
    if (push.conflicts + push.refused > 0)
        text += QLatin1Char(' ') + tr("See “chairside-cli conflicts list”.");
    context.print({{QStringLiteral("pushed"), push.pushed},
                   {QStringLiteral("applied"), push.applied},
                   {QStringLiteral("conflicts"), push.conflicts},
                   {QStringLiteral("refused"), push.refused},
                   {QStringLiteral("uploaded"), push.uploaded},
                   {QStringLiteral("pulled"), pull.received},
                   {QStringLiteral("written"), pull.written},
                   {QStringLiteral("waiting"), pull.waiting},
                   {QStringLiteral("cursor"), pull.cursor},
                   {QStringLiteral("fromScratch"), pull.fromScratch},
                   {QStringLiteral("missedPurge"), pull.missedPurge}},
                  text);
    return {};
}

Result<void> SyncCommand::status(CliContext &context, const QCommandLineParser &, Store &store)
{
    // What the window's status bar shows too (SyncFacts).
    const Result<SyncFacts> read = SyncFacts::read(store);
    if (!read)
        return read.error();
    if (!read->joined())
        return SyncConnection::link(store).error();
    const SyncFacts &facts = *read;

    // Online: the server answers this PC's login now.
    TokenStore keychain;
    auto server = SyncConnection::open(store, keychain, statusTimeoutSeconds);
    QString name;
    QString offlineBecause;
    if (server) {
        if (const Result<QString> named = SyncFacts::deviceName(**server); named)
            name = *named;
    } else {
        offlineBecause = server.error().message;
    }
    const bool online = server.ok();
    QStringList lines;
    lines.append(online ? tr("Online: %1").arg(facts.link.url)
                        : tr("Offline: %1").arg(offlineBecause));
    lines.append(tr("This PC: %1 (device %2)")
                         .arg(name.isEmpty() ? tr("name not known while offline") : name,
                              facts.link.deviceId));
    lines.append(tr("%n change(s) waiting to be sent.", nullptr, int(facts.pending)));
    lines.append(facts.lastSyncAt
                         ? tr("Last good sync: %1")
                                   .arg(QDateTime::fromSecsSinceEpoch(*facts.lastSyncAt)
                                                .toLocalTime()
                                                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                         : tr("Never synced yet."));
    lines.append(facts.listen ? tr("Wake-ups: the server's notifications (LISTEN), and a poll.")
                              : tr("Wake-ups: polling only (“chairside-cli sync wake-up listen” to "
                                   "listen again)."));
    if (!facts.lastError.isEmpty())
        lines.append(tr("Last error: %1").arg(facts.lastError));
    if (facts.conflicts > 0)
        lines.append(tr("%n conflict(s) to resolve (chairside-cli conflicts list).", nullptr,
                        int(facts.conflicts)));
    context.print(
            {{QStringLiteral("online"), online},
             {QStringLiteral("offlineReason"), online ? QJsonValue() : QJsonValue(offlineBecause)},
             {QStringLiteral("server"), facts.link.url},
             {QStringLiteral("deviceId"), facts.link.deviceId},
             {QStringLiteral("name"), name.isEmpty() ? QJsonValue() : QJsonValue(name)},
             {QStringLiteral("salonId"), facts.link.salonId},
             {QStringLiteral("pending"), facts.pending},
             {QStringLiteral("conflicts"), facts.conflicts},
             {QStringLiteral("cursor"), facts.cursor},
             {QStringLiteral("wakeUp"), SyncFacts::wakeUpName(facts.listen)},
             {QStringLiteral("lastSyncAt"), instantOrNull(facts.lastSyncAt)},
             {QStringLiteral("lastError"),
              facts.lastError.isEmpty() ? QJsonValue() : QJsonValue(facts.lastError)}},
            lines.join(QLatin1Char('\n')));
    return {};
}

Result<void> SyncCommand::wakeUp(CliContext &context, const QCommandLineParser &parser,
                                 Store &store)
{
    const bool listen = word(parser) == QLatin1String("listen");
    if (const Result<void> saved = store.setSyncListen(listen); !saved)
        return saved.error();
    context.print({{QStringLiteral("wakeUp"), SyncFacts::wakeUpName(listen)}},
                  listen ? tr("The app listens for the server's notifications, and polls as "
                              "well.")
                         : tr("The app polls the server only (no LISTEN): for PgBouncer in "
                              "transaction pooling."));
    return {};
}

} // namespace chairside::cli
