#include "joincommand.h"

#include "clicontext.h"

#include "auth/tokenstore.h"
#include "server/enrolmentcode.h"
#include "server/serverjoin.h"
#include "store/store.h"
#include "sync/firstsync.h"
#include "sync/syncconnection.h"

#include <QJsonObject>

#include <limits>

namespace chairside::cli {

JoinCommand::JoinCommand()
{
    const auto options = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Join this PC to its salon's server with the one-time code from “chairside-cli "
                   "server enroll-device”. The PC's own password is kept in this computer's "
                   "keychain only."));
        parser.addPositionalArgument(QStringLiteral("code"), tr("The enrolment code."));
    };
    addVerb({.options = options,
             .words = Words::One,
             .what = tr("enrolment code"),
             // A code cut short is a usage error before the store is opened.
             .check = [](const QCommandLineParser &parser) -> Result<void> {
                 const QStringList words = parser.positionalArguments();
                 if (words.size() != 1)
                     return {};
                 const Result<EnrolmentCode> code = EnrolmentCode::parse(words.constFirst());
                 if (!code)
                     return code.error();
                 return {};
             }},
            &JoinCommand::join);
}

QString JoinCommand::summary() const
{
    return tr("Join this PC to its salon's server with an enrolment code.");
}

Result<void> JoinCommand::join(CliContext &context, const QCommandLineParser &parser, Store &store)
{
    const Result<EnrolmentCode> code = EnrolmentCode::parse(word(parser));
    if (!code)
        return code.error();
    TokenStore keychain;
    const Result<ServerLink> link = ServerJoin::join(*code, store, keychain);
    if (!link)
        return link.error();
    // A PC joining a salon that is on the server takes its book now (the
    // first PC brings the book with its first "sync" instead). Stopped
    // halfway, the store is as before, and the next sync takes it again.
    std::optional<FirstSyncSummary> firstSync;
    if (!link->firstOfSalon) {
        auto server = SyncConnection::open(store, keychain);
        const Result<FirstSyncSummary> synced = server
                ? FirstSync::run(store, **server,
                                 [&context](qint64 done, qint64 total) {
                                     context.printProgress(
                                             tr("Taking the salon's book: %1 of %n row(s).", "",
                                                int(std::min<qint64>(
                                                        total, std::numeric_limits<int>::max())))
                                                     .arg(done));
                                 })
                : Result<FirstSyncSummary>(server.error());
        if (!synced)
            return Error{synced.error().code,
                         tr("This PC joined the salon, but taking its book failed: %1 Run "
                            "“chairside-cli sync” to take it.")
                                 .arg(synced.error().message)};
        firstSync = *synced;
    }
    context.print({{QStringLiteral("joined"),
                    QJsonObject{{QStringLiteral("server"), link->url},
                                {QStringLiteral("deviceId"), link->deviceId},
                                {QStringLiteral("loginRole"), link->loginRole},
                                {QStringLiteral("salonId"), link->salonId},
                                {QStringLiteral("firstOfSalon"), link->firstOfSalon},
                                {QStringLiteral("joinedAt"),
                                 link->joinedAt.toUTC().toString(Qt::ISODate)}}},
                   {QStringLiteral("rows"), firstSync ? firstSync->written : 0}},
                  tr("Joined %1 as device %2 of salon %3. Its password is in this computer's "
                     "keychain.%4")
                          .arg(link->url, link->deviceId, link->salonId,
                               link->firstOfSalon
                                       ? tr(" The salon is not on the server yet: this PC's "
                                            "book will bring it with its first sync.")
                                       : tr(" It took the salon's book: %n row(s).", "",
                                            int(firstSync ? firstSync->written : 0))));
    return {};
}

} // namespace chairside::cli
