#include "joincommand.h"

#include "clicontext.h"

#include "auth/tokenstore.h"
#include "server/enrolmentcode.h"
#include "server/serverjoin.h"
#include "store/store.h"

#include <QJsonObject>

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
    context.print({{QStringLiteral("joined"),
                    QJsonObject{{QStringLiteral("server"), link->url},
                                {QStringLiteral("deviceId"), link->deviceId},
                                {QStringLiteral("loginRole"), link->loginRole},
                                {QStringLiteral("salonId"), link->salonId},
                                {QStringLiteral("firstOfSalon"), link->firstOfSalon},
                                {QStringLiteral("joinedAt"),
                                 link->joinedAt.toUTC().toString(Qt::ISODate)}}}},
                  tr("Joined %1 as device %2 of salon %3. Its password is in this computer's "
                     "keychain.%4")
                          .arg(link->url, link->deviceId, link->salonId,
                               link->firstOfSalon
                                       ? tr(" The salon is not on the server yet: this PC's "
                                            "book will bring it with its first sync.")
                                       : QString()));
    return {};
}

} // namespace chairside::cli
