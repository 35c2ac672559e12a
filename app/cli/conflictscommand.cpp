#include "conflictscommand.h"

#include "clicontext.h"

#include "domain/salontime.h"
#include "store/store.h"
#include "sync/conflictresolution.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chairside::cli {

namespace {

const QString moveToOption = QStringLiteral("move-to");
const QString overbookOption = QStringLiteral("overbook");
const QString cancelOption = QStringLiteral("cancel");
const QString keepServerOption = QStringLiteral("keep-server");

QJsonValue jsonOf(const QByteArray &payload)
{
    if (payload.isEmpty())
        return QJsonValue();
    return QJsonDocument::fromJson(payload).object();
}

} // namespace

ConflictsCommand::ConflictsCommand()
{
    addVerb({.name = QStringLiteral("list"),
             .summary = tr("Changes the server did not take, with both versions."),
             .options =
                     [](QCommandLineParser &parser) {
                         parser.setApplicationDescription(
                                 tr("The conflict inbox: each change of this PC that the server "
                                    "did not apply, with this PC's version, the server's, and "
                                    "the reason."));
                         parser.addOption({QStringLiteral("all"), tr("Resolved ones too.")});
                     },
             .what = tr("“conflicts list” takes options only.")},
            &ConflictsCommand::list);
    addVerb({.name = QStringLiteral("resolve"),
             .summary = tr("Settle one conflict."),
             .options =
                     [](QCommandLineParser &parser) {
                         parser.setApplicationDescription(
                                 tr("Settle a conflict: move this PC's visit to another time, "
                                    "book it knowingly over the clash, keep it as cancelled, or "
                                    "keep the server's version. The choice goes to the server "
                                    "with the next sync."));
                         parser.addPositionalArgument(QStringLiteral("id"),
                                                      tr("The conflict's number."));
                         parser.addOption({moveToOption,
                                           tr("Move this PC's visit to start at TIME."),
                                           tr("TIME")});
                         parser.addOption({overbookOption,
                                           tr("Book this PC's visit anyway (a manager's call).")});
                         parser.addOption({cancelOption, tr("Keep this PC's visit as cancelled.")});
                         parser.addOption({keepServerOption, tr("Keep the server's version.")});
                     },
             .words = Words::One,
             .what = tr("conflict number"),
             .check = [](const QCommandLineParser &parser) -> Result<void> {
                 const int chosen = int(parser.isSet(moveToOption))
                         + int(parser.isSet(overbookOption)) + int(parser.isSet(cancelOption))
                         + int(parser.isSet(keepServerOption));
                 if (chosen != 1)
                     return Error::usage(tr("Say how to settle it with exactly one of "
                                            "--move-to TIME, --overbook, --cancel or "
                                            "--keep-server."));
                 bool number = false;
                 word(parser).toLongLong(&number);
                 if (!number)
                     return Error::usage(tr("“%1” is not a conflict number (see “chairside-cli "
                                            "conflicts list”).")
                                                 .arg(word(parser)));
                 return {};
             }},
            &ConflictsCommand::resolve);
}

QString ConflictsCommand::summary() const
{
    return tr("The conflict inbox: list, and resolve one.");
}

Result<void> ConflictsCommand::list(CliContext &context, const QCommandLineParser &parser,
                                    const OpenBook &book)
{
    const Result<QList<SyncConflict>> conflicts =
            book.store.conflicts(parser.isSet(QStringLiteral("all")));
    if (!conflicts)
        return conflicts.error();
    const QTimeZone &zone = book.time.zone();
    QJsonArray json;
    QStringList lines;
    for (const SyncConflict &c : *conflicts) {
        const QString reason = ConflictResolution::reasonInWords(c, zone);
        const QString mine = c.localOp == Change::Op::Removed
                ? tr("removed")
                : ConflictResolution::describe(book.store, c.entity, c.localPayload, zone);
        const QString theirs = c.serverDeleted
                ? tr("removed")
                : ConflictResolution::describe(book.store, c.entity, c.serverPayload, zone);
        json.append(
                QJsonObject{{QStringLiteral("id"), c.id},
                            {QStringLiteral("entity"), entityName(c.entity)},
                            {QStringLiteral("entityId"), c.entityId},
                            {QStringLiteral("outcome"),
                             c.refused ? QStringLiteral("refused") : QStringLiteral("conflict")},
                            {QStringLiteral("reason"), c.reason},
                            {QStringLiteral("reasonText"), reason},
                            {QStringLiteral("serverMessage"), c.message},
                            {QStringLiteral("mine"), jsonOf(c.localPayload)},
                            {QStringLiteral("mineOp"), changeOpName(c.localOp)},
                            {QStringLiteral("server"), jsonOf(c.serverPayload)},
                            {QStringLiteral("serverVersion"),
                             c.serverVersion ? QJsonValue(*c.serverVersion) : QJsonValue()},
                            {QStringLiteral("serverDeleted"), c.serverDeleted},
                            {QStringLiteral("happenedAt"), SalonTime::iso(c.happenedAt, zone)},
                            {QStringLiteral("recordedAt"), SalonTime::iso(c.recordedAt, zone)},
                            {QStringLiteral("resolution"),
                             c.resolvedAt ? QJsonValue(c.resolution) : QJsonValue()}});
        lines.append(tr("#%1 %2 %3: %4\n    this PC: %5\n    server:  %6%7")
                             .arg(c.id)
                             .arg(entityName(c.entity), c.entityId, reason, mine, theirs,
                                  c.resolvedAt ? tr("\n    resolved: %1").arg(c.resolution)
                                               : QString()));
    }
    if (lines.isEmpty())
        lines.append(tr("No conflicts."));
    context.print({{QStringLiteral("conflicts"), json}}, lines.join(QLatin1Char('\n')));
    return {};
}

Result<void> ConflictsCommand::resolve(CliContext &context, const QCommandLineParser &parser,
                                       const OpenBook &book)
{
    const qint64 id = word(parser).toLongLong();
    ConflictResolution::Choice choice = ConflictResolution::Choice::KeepServer;
    qint64 moveTo = 0;
    if (parser.isSet(moveToOption)) {
        const Result<qint64> at =
                SalonTime::parseDateTime(parser.value(moveToOption), book.time.zone());
        if (!at)
            return at.error();
        choice = ConflictResolution::Choice::MoveTo;
        moveTo = *at;
    } else if (parser.isSet(overbookOption)) {
        choice = ConflictResolution::Choice::Overbook;
    } else if (parser.isSet(cancelOption)) {
        choice = ConflictResolution::Choice::Cancel;
    }
    if (const Result<void> done =
                ConflictResolution::resolve(book.store, id, choice, book.time.zone(), moveTo);
        !done)
        return done;
    const Result<std::optional<SyncConflict>> resolved = book.store.conflict(id);
    const QString how = resolved && *resolved ? (*resolved)->resolution : QString();
    context.print({{QStringLiteral("resolved"), id}, {QStringLiteral("resolution"), how}},
                  choice == ConflictResolution::Choice::KeepServer
                          ? tr("Conflict %1 resolved: the server's version stands.").arg(id)
                          : tr("Conflict %1 resolved (%2); the change goes to the server with "
                               "the next sync.")
                                    .arg(id)
                                    .arg(how));
    return {};
}

} // namespace chairside::cli
