#include "servercommand.h"

#include "clicontext.h"

#include "server/deviceenrolment.h"
#include "server/serverconnection.h"
#include "server/serverschema.h"

#include <QJsonObject>

namespace chairside::cli {

namespace {

const QString urlOption = QStringLiteral("url");
const QString nameOption = QStringLiteral("name");
const QString deviceOption = QStringLiteral("device");

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
}

QString ServerCommand::summary() const
{
    return tr("The salon's server: migrate, enroll-device, revoke-device, new-epoch.");
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
    auto connection = open(parser);
    if (!connection)
        return connection.error();
    const Result<DeviceEnrolment::Enrolled> enrolled =
            DeviceEnrolment::enrol(**connection, salon, *name);
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

} // namespace chairside::cli
