#include "servercommand.h"

#include "clicontext.h"

#include "server/deviceenrolment.h"
#include "server/serverconnection.h"
#include "server/serverschema.h"

#include <QJsonArray>
#include <QJsonObject>

namespace chairside::cli {

namespace {

const QString urlOption = QStringLiteral("url");
const QString nameOption = QStringLiteral("name");
const QString deviceOption = QStringLiteral("device");
const QString olderThanOption = QStringLiteral("older-than");
const QString pcUrlOption = QStringLiteral("pc-url");

// --older-than: whole days, "90" or "90d"; at least Store's 90 (the SQL
// function refuses less, and says why).
Result<int> olderThanDays(const QCommandLineParser &parser)
{
    QString value = parser.value(olderThanOption).trimmed();
    if (value.endsWith(u'd'))
        value.chop(1);
    bool ok = false;
    const int days = value.toInt(&ok);
    if (!parser.isSet(olderThanOption) || !ok || days <= 0)
        return Error::usage(QCoreApplication::translate(
                "chairside", "Say how old with --older-than, in days, e.g. --older-than 90d."));
    return days;
}

QJsonValue utc(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString localTime(const QDateTime &at)
{
    return at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

ServerCommand::ServerCommand()
{
    const auto migrateOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Install or update Chairside's schema in the salon's PostgreSQL database. "
                   "Running it again changes nothing."));
        addUrlOption(parser);
    };
    const auto enrollOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Enrol a PC: make its own login on the server and print a one-time code (valid "
                   "for 24 hours) to give to “chairside-cli join” on that PC. The salon is "
                   "--salon, by id or name; a salon not on the server yet by its id."));
        addUrlOption(parser);
        parser.addOption({nameOption, tr("What to call the PC, e.g. “Front desk”."), tr("NAME")});
        parser.addOption({pcUrlOption,
                          tr("The address the PC syncs with, when it is not --url's: PgBouncer's "
                             "shared pool, say (docs/server.md, “Many PCs”). No login or password "
                             "in it."),
                          tr("URL")});
    };
    const auto revokeOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Lock a PC out at once: its login stops working, its open sessions end, and it "
                   "sees no salon's rows any more."));
        addUrlOption(parser);
        parser.addOption({deviceOption, tr("The PC, by id or by the name it was enrolled with."),
                          tr("DEVICE")});
    };
    const auto epochOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("After restoring the server's database from a backup: give it a new epoch, so "
                   "that every PC resyncs fully at its next sync and pushes again what the "
                   "backup lacks."));
        addUrlOption(parser);
    };
    const auto purgeOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Remove what the server keeps only for PCs that were away: tombstones of "
                   "removed rows, the records of applied changes, and audit rows, older than "
                   "--older-than (at least 90 days, the longest a PC may be offline). A PC that "
                   "was away longer takes the whole book again at its next sync."));
        addUrlOption(parser);
        parser.addOption({olderThanOption, tr("How old, in days: 90d or more."), tr("DAYS")});
    };
    addVerb({.name = QStringLiteral("migrate"),
             .summary = tr("Install or update the schema on the server."),
             .options = migrateOptions,
             .what = tr("“server migrate” takes options only."),
             .check = &ServerCommand::checkUrl},
            &ServerCommand::migrate);
    addVerb({.name = QStringLiteral("enroll-device"),
             .summary = tr("Enrol a PC and print its one-time code."),
             .options = enrollOptions,
             .what = tr("“server enroll-device” takes options only."),
             .check = &ServerCommand::checkUrl},
            &ServerCommand::enrollDevice);
    addVerb({.name = QStringLiteral("revoke-device"),
             .summary = tr("Lock a PC out of the server at once."),
             .options = revokeOptions,
             .what = tr("“server revoke-device” takes options only."),
             .check = [](const QCommandLineParser &parser) -> Result<void> {
                 if (!parser.isSet(deviceOption))
                     return Error::usage(tr("Say which PC with --device."));
                 return checkUrl(parser);
             }},
            &ServerCommand::revokeDevice);
    addVerb({.name = QStringLiteral("new-epoch"),
             .summary = tr("Give a restored database a new epoch (PCs resync fully)."),
             .options = epochOptions,
             .what = tr("“server new-epoch” takes options only."),
             .check = &ServerCommand::checkUrl},
            &ServerCommand::newEpoch);
    addVerb({.name = QStringLiteral("purge"),
             .summary = tr("Remove tombstones and records older than --older-than (90d or more)."),
             .options = purgeOptions,
             .what = tr("“server purge” takes options only."),
             .check = [](const QCommandLineParser &parser) -> Result<void> {
                 if (const Result<int> days = olderThanDays(parser); !days)
                     return days.error();
                 return checkUrl(parser);
             }},
            &ServerCommand::purge);
}

QString ServerCommand::summary() const
{
    return tr("The salon's server: migrate, enroll-device, revoke-device, new-epoch, purge.");
}

void ServerCommand::addUrlOption(QCommandLineParser &parser)
{
    parser.addOption({urlOption,
                      tr("The server, as the database owner: postgresql://USER:PASSWORD@HOST:PORT/"
                         "DATABASE?sslmode=verify-full&sslrootcert=CA.crt (or libpq's key=value "
                         "pairs; PGPASSWORD and ~/.pgpass work as in psql)."),
                      tr("URL")});
}

Result<ServerUrl> ServerCommand::url(const QCommandLineParser &parser)
{
    if (!parser.isSet(urlOption))
        return Error::usage(tr("Say which server with --url, e.g. --url "
                               "postgresql://chairside_owner@db.example.com/chairside."));
    return ServerUrl::parse(parser.value(urlOption));
}

Result<std::unique_ptr<ServerConnection>> ServerCommand::open(const QCommandLineParser &parser)
{
    const Result<ServerUrl> server = url(parser);
    if (!server)
        return server.error();
    return ServerConnection::open(*server);
}

Result<void> ServerCommand::checkUrl(const QCommandLineParser &parser)
{
    const Result<ServerUrl> parsed = url(parser);
    if (!parsed)
        return parsed.error();
    return {};
}

QJsonObject ServerCommand::deviceJson(const EnrolledDevice &device)
{
    return {{QStringLiteral("id"), device.id},
            {QStringLiteral("salonId"), device.salonId},
            {QStringLiteral("name"), device.name},
            {QStringLiteral("loginRole"), device.loginRole},
            {QStringLiteral("firstOfSalon"), device.firstOfSalon},
            {QStringLiteral("codeExpiresAt"), utc(device.codeExpiresAt)},
            {QStringLiteral("joinedAt"), utc(device.joinedAt)},
            {QStringLiteral("revokedAt"), utc(device.revokedAt)}};
}

Result<void> ServerCommand::migrate(CliContext &context, const QCommandLineParser &parser)
{
    auto connection = open(parser);
    if (!connection)
        return connection.error();
    const Result<ServerSchema::Upgrade> upgrade = ServerSchema::migrate((*connection)->database());
    if (!upgrade)
        return upgrade.error();
    const QString where = (*connection)->url().toDisplayString();
    context.print({{QStringLiteral("server"), where},
                   {QStringLiteral("fromVersion"), upgrade->fromVersion},
                   {QStringLiteral("toVersion"), upgrade->toVersion}},
                  upgrade->fromVersion == upgrade->toVersion
                          ? tr("The database at %1 already has schema version %2; nothing to do.")
                                    .arg(where)
                                    .arg(upgrade->toVersion)
                          : tr("The database at %1 went from schema version %2 to %3.")
                                    .arg(where)
                                    .arg(upgrade->fromVersion)
                                    .arg(upgrade->toVersion));
    return {};
}

Result<void> ServerCommand::enrollDevice(CliContext &context, const QCommandLineParser &parser)
{
    const QString salon = context.salonArgument().trimmed();
    if (salon.isEmpty())
        return Error::usage(tr("Say which salon the PC is for with --salon (its id, or its name "
                               "when the salon is on the server already)."));
    const Result<QString> name =
            text(parser.value(nameOption), tr("The PC's name"), maxNameLength, false);
    if (!name)
        return name.error();
    std::optional<ServerUrl> pcServer;
    if (parser.isSet(pcUrlOption)) {
        Result<ServerUrl> parsed = ServerUrl::parse(parser.value(pcUrlOption));
        if (!parsed)
            return parsed.error();
        pcServer = std::move(*parsed);
    }
    auto connection = open(parser);
    if (!connection)
        return connection.error();
    const Result<DeviceEnrolment::Enrolled> enrolled =
            DeviceEnrolment::enrol(**connection, salon, *name, pcServer);
    if (!enrolled)
        return enrolled.error();
    const QString code = enrolled->code.toString();
    const EnrolledDevice &device = enrolled->device;
    context.print({{QStringLiteral("code"), code},
                   {QStringLiteral("expiresAt"), utc(enrolled->code.expiresAt)},
                   {QStringLiteral("device"), deviceJson(device)}},
                  tr("Enrolled %1 (device %2) for salon %3%4.\n"
                     "On that PC run, before %5 (the code works once):\n"
                     "  chairside-cli join %6")
                          .arg(device.name.isEmpty() ? tr("a PC") : u'“' + device.name + u'”',
                               device.id, device.salonId,
                               device.firstOfSalon ? tr(", which is not on the server yet: this "
                                                        "PC's book will bring it")
                                                   : QString(),
                               localTime(enrolled->code.expiresAt), code));
    return {};
}

Result<void> ServerCommand::revokeDevice(CliContext &context, const QCommandLineParser &parser)
{
    auto connection = open(parser);
    if (!connection)
        return connection.error();
    const Result<DeviceEnrolment::Revoked> revoked =
            DeviceEnrolment::revoke(**connection, parser.value(deviceOption).trimmed());
    if (!revoked)
        return revoked.error();
    const EnrolledDevice &device = revoked->device;
    const QString who =
            device.name.isEmpty() ? device.id : tr("“%1” (%2)").arg(device.name, device.id);
    context.print({{QStringLiteral("revoked"), deviceJson(device)},
                   {QStringLiteral("alreadyRevoked"), revoked->alreadyRevoked},
                   {QStringLiteral("sessionsEnded"), revoked->sessionsEnded}},
                  (revoked->alreadyRevoked
                           ? tr("%1 was already revoked (at %2); its login stays locked.")
                                     .arg(who, localTime(device.revokedAt))
                           : tr("Revoked %1: its login %2 no longer works and it sees no "
                                "salon's rows.")
                                     .arg(who, device.loginRole))
                          + u' ' + tr("%n open session(s) ended.", "", revoked->sessionsEnded));
    return {};
}

Result<void> ServerCommand::newEpoch(CliContext &context, const QCommandLineParser &parser)
{
    auto connection = open(parser);
    if (!connection)
        return connection.error();
    const Result<ServerSchema::Epoch> epoch = ServerSchema::newEpoch((*connection)->database());
    if (!epoch)
        return epoch.error();
    const QString where = (*connection)->url().toDisplayString();
    context.print({{QStringLiteral("server"), where},
                   {QStringLiteral("epochBefore"), epoch->before},
                   {QStringLiteral("epoch"), epoch->after}},
                  tr("The database at %1 has a new epoch, %2 (it was %3). Each PC resyncs fully "
                     "at its next sync and pushes again what it has not seen confirmed.")
                          .arg(where, epoch->after, epoch->before));
    return {};
}

Result<void> ServerCommand::purge(CliContext &context, const QCommandLineParser &parser)
{
    const Result<int> days = olderThanDays(parser);
    if (!days)
        return days.error();
    auto connection = open(parser);
    if (!connection)
        return connection.error();
    if (const Result<int> schema = (*connection)->requireSchema(5); !schema)
        return schema.error();
    const Result<QList<QByteArrayList>> rows =
            (*connection)
                    ->run(QByteArrayLiteral("SELECT salon_id, tombstones, records, audit_rows, "
                                            "purged_version "
                                            "FROM purge_book(make_interval(days => $1::integer))"),
                          {QByteArray::number(*days)}, tr("Purging the server"));
    if (!rows)
        return rows.error();
    QJsonArray salons;
    QStringList lines;
    for (const QByteArrayList &row : *rows) {
        const QString salon = QString::fromUtf8(row.value(0));
        const int tombstones = row.value(1).toInt();
        const int records = row.value(2).toInt();
        const int audit = row.value(3).toInt();
        salons.append(QJsonObject{{QStringLiteral("salonId"), salon},
                                  {QStringLiteral("tombstones"), tombstones},
                                  {QStringLiteral("records"), records},
                                  {QStringLiteral("auditRows"), audit},
                                  {QStringLiteral("purgedVersion"), row.value(4).toLongLong()}});
        lines.append(tr("Salon %1:").arg(salon) + u' ' + tr("%n tombstone(s),", "", tombstones)
                     + u' ' + tr("%n record(s) of applied changes,", "", records) + u' '
                     + tr("%n audit row(s) removed.", "", audit));
    }
    if (lines.isEmpty())
        lines.append(tr("Nothing on the server is older than %n day(s).", "", *days));
    context.print({{QStringLiteral("olderThanDays"), *days}, {QStringLiteral("salons"), salons}},
                  lines.join(u'\n'));
    return {};
}

} // namespace chairside::cli
