#include "historycommand.h"

#include "clicontext.h"

#include "auth/tokenstore.h"
#include "server/serverconnection.h"
#include "store/store.h"
#include "sync/bookhistory.h"
#include "sync/syncconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chairside::cli {

HistoryCommand::HistoryCommand()
{
    addVerb({.options =
                     [](QCommandLineParser &parser) {
                         parser.setApplicationDescription(
                                 tr("The history of an appointment from the salon's server: "
                                    "who changed it, on which PC, when, and what changed."));
                         parser.addPositionalArgument(QStringLiteral("appointment"),
                                                      tr("The appointment's id."));
                     },
             .words = Words::One,
             .what = tr("appointment")},
            &HistoryCommand::history);
}

QString HistoryCommand::summary() const
{
    return tr("An appointment's history from the salon's server.");
}

Result<void> HistoryCommand::history(CliContext &context, const QCommandLineParser &parser,
                                     Store &store)
{
    const QString id = word(parser);
    TokenStore keychain;
    auto server = SyncConnection::open(store, keychain);
    if (!server)
        return server.error();
    const Result<QList<HistoryEntry>> entries = BookHistory::of(**server, Entity::Appointment, id);
    if (!entries)
        return entries.error();
    QJsonArray json;
    QStringList lines;
    for (const HistoryEntry &e : *entries) {
        const QJsonObject changes = QJsonDocument::fromJson(e.changes).object();
        json.append(QJsonObject{
                {QStringLiteral("receivedAt"), e.receivedAt.toUTC().toString(Qt::ISODate)},
                {QStringLiteral("happenedAt"), e.happenedAt.toUTC().toString(Qt::ISODate)},
                {QStringLiteral("changedBy"), e.changedBy},
                {QStringLiteral("device"), e.device},
                {QStringLiteral("deviceId"), e.deviceId},
                {QStringLiteral("outcome"), e.outcome},
                {QStringLiteral("version"), e.version ? QJsonValue(*e.version) : QJsonValue()},
                {QStringLiteral("changes"), changes}});
        lines.append(tr("%1  %2 on %3: %4 (%5)")
                             .arg(e.happenedAt.toLocalTime().toString(
                                          QStringLiteral("yyyy-MM-dd HH:mm")),
                                  e.changedBy.isEmpty() ? tr("someone") : e.changedBy, e.device,
                                  QStringList(changes.keys()).join(QLatin1String(", ")),
                                  e.outcome));
    }
    if (lines.isEmpty())
        lines.append(tr("The server has no history for %1.").arg(id));
    context.print({{QStringLiteral("appointment"), id}, {QStringLiteral("history"), json}},
                  lines.join(QLatin1Char('\n')));
    return {};
}

} // namespace chairside::cli
