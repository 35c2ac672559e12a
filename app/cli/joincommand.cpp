#include "joincommand.h"

#include "clicontext.h"

#include "auth/tokenstore.h"
#include "server/enrolmentcode.h"
#include "server/serverjoin.h"
#include "store/store.h"
#include "sync/syncround.h"

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
    QString text =
            tr("Joined %1 as device %2 of salon %3. Its password is in this computer's "
               "keychain.%4")
                    .arg(link->url, link->deviceId, link->salonId,
                         link->firstOfSalon ? tr(" The salon is not on the server yet: this PC's "
                                                 "book brings it with its first sync.")
                                            : QString());

    // The first sync, at once: the first PC's book goes up, the salon's book
    // comes down (by COPY), with its progress on stderr.
    qint64 shown = -1;
    const Result<SyncSummary> synced =
            SyncRound::run(store, keychain, [&](qint64 done, qint64 total) {
                if (done == shown)
                    return;
                shown = done;
                context.printProgress(
                        tr("First sync: %1 of %n row(s)", nullptr, int(total)).arg(done));
            });
    QJsonObject firstSync{{QStringLiteral("ok"), synced.ok()}};
    if (synced) {
        firstSync.insert(QStringLiteral("uploaded"), synced->push.uploaded);
        firstSync.insert(QStringLiteral("pushed"), synced->push.pushed);
        firstSync.insert(QStringLiteral("received"), synced->pull.received);
        firstSync.insert(QStringLiteral("written"), synced->pull.written);
        firstSync.insert(QStringLiteral("cursor"), synced->pull.cursor);
        text += QLatin1Char(' ')
                + tr("First sync done: %n row(s) from the server.", nullptr, synced->pull.received);
    } else {
        // The join stands: the password and the link are kept, and the
        // next round (the app, or `chairside-cli sync`) tries again.
        firstSync.insert(QStringLiteral("error"), synced.error().message);
        context.printWarning(tr("The first sync failed: %1 The PC stays joined; the sync "
                                "tries again (the app does by itself, or run “chairside-cli "
                                "sync”).")
                                     .arg(synced.error().message));
        text += QLatin1Char(' ') + tr("The first sync will be tried again.");
    }
    context.print({{QStringLiteral("joined"),
                    QJsonObject{{QStringLiteral("server"), link->url},
                                {QStringLiteral("deviceId"), link->deviceId},
                                {QStringLiteral("loginRole"), link->loginRole},
                                {QStringLiteral("salonId"), link->salonId},
                                {QStringLiteral("firstOfSalon"), link->firstOfSalon},
                                {QStringLiteral("joinedAt"),
                                 link->joinedAt.toUTC().toString(Qt::ISODate)}}},
                   {QStringLiteral("firstSync"), firstSync}},
                  text);
    return {};
}

} // namespace chairside::cli
