#include "cli.h"

#include "logging.h"

#include "accountcommand.h"
#include "appointmentcommand.h"
#include "bookcommand.h"
#include "clicontext.h"
#include "clientscommand.h"
#include "conflictscommand.h"
#include "democommand.h"
#include "exportcommand.h"
#include "historycommand.h"
#include "importcommand.h"
#include "infocommand.h"
#include "joincommand.h"
#include "listcommand.h"
#include "resourcescommand.h"
#include "salonscommand.h"
#include "servercommand.h"
#include "servicescommand.h"
#include "shiftscommand.h"
#include "slotscommand.h"
#include "staffcommand.h"
#include "synccommand.h"
#include "waitlistcommand.h"

#include <QStringDecoder>

namespace chairside::cli {

Cli::Cli(const Clock &clock) : m_clock(clock)
{
    m_commands.push_back(std::make_unique<DemoCommand>());
    m_commands.push_back(std::make_unique<InfoCommand>());
    m_commands.push_back(std::make_unique<SalonsCommand>());
    m_commands.push_back(std::make_unique<StaffCommand>());
    m_commands.push_back(std::make_unique<ServicesCommand>());
    m_commands.push_back(std::make_unique<ResourcesCommand>());
    m_commands.push_back(std::make_unique<ClientsCommand>());
    m_commands.push_back(std::make_unique<ShiftsCommand>());
    m_commands.push_back(std::make_unique<BookCommand>());
    m_commands.push_back(std::make_unique<AppointmentCommand>(AppointmentCommand::Action::Move));
    m_commands.push_back(std::make_unique<AppointmentCommand>(AppointmentCommand::Action::Cancel));
    m_commands.push_back(std::make_unique<AppointmentCommand>(AppointmentCommand::Action::Status));
    m_commands.push_back(std::make_unique<ListCommand>());
    m_commands.push_back(std::make_unique<SlotsCommand>());
    m_commands.push_back(std::make_unique<WaitlistCommand>());
    m_commands.push_back(std::make_unique<ExportCommand>());
    m_commands.push_back(std::make_unique<ImportCommand>());
    m_commands.push_back(std::make_unique<AccountCommand>());
    m_commands.push_back(std::make_unique<ServerCommand>());
    m_commands.push_back(std::make_unique<JoinCommand>());
    m_commands.push_back(std::make_unique<SyncCommand>());
    m_commands.push_back(std::make_unique<ConflictsCommand>());
    m_commands.push_back(std::make_unique<HistoryCommand>());
}

Cli::~Cli() = default;

QString Cli::helpText() const
{
    QString text = tr(
            "Usage: chairside-cli [--data-dir DIR] [--json] [--salon SALON] COMMAND [options]\n\n"
            "The salon's appointment book from the command line, on the local store.\n\n"
            "Global options (before or after the command):\n"
            "  --data-dir DIR   keep the store in DIR (default: the user's data folder)\n"
            "  --json           print results as JSON (see docs/cli.md)\n"
            "  --salon SALON    the salon to work on (id or name), when there are several\n"
            "  --verbose        print the modules' logs on stderr\n"
            "  -h, --help       show help; “chairside-cli COMMAND --help” for a command\n"
            "  -v, --version    show the version\n\n"
            "Commands:\n");
    for (const auto &command : m_commands)
        text += QStringLiteral("  %1%2\n")
                        .arg(command->name().leftJustified(11), command->summary());
    text += tr("\nExit status: 0 done, 2 usage error, 3 refused (validation, conflict, not found), "
               "1 other failure (storage, damaged file).\n");
    return text;
}

void Cli::setOutput(QIODevice *out, QIODevice *err)
{
    m_out = out;
    m_err = err;
}

int Cli::run(int argc, char **argv)
{
    CliContext context(m_clock, m_out, m_err);

    // Qt would quietly turn bytes that are not text into U+FFFD; a name or a
    // note saved that way is damaged for good, so refuse it up front.
    for (int i = 1; i < argc; ++i) {
        // Stateless: a sequence cut short at the end is an error too.
        QStringDecoder decoder(QStringDecoder::System, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder(QByteArrayView(argv[i]));
        if (!decoder.hasError())
            continue;
        for (int j = 1; j < argc; ++j) {
            if (QByteArrayView(argv[j]) == "--json")
                context.setJson(true);
        }
        const Error error =
                Error::usage(tr("Argument %1 is not valid text in this system's encoding "
                                "(UTF-8): “%2”. Nothing was changed.")
                                     .arg(i)
                                     .arg(decoded));
        context.printError(error);
        return exitCodeFor(error);
    }
    return run(QCoreApplication::arguments());
}

int Cli::run(const QStringList &arguments)
{
    CliContext context(m_clock, m_out, m_err);
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    CliContext::addGlobalOptions(parser);
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           tr("Show the version."));
    parser.addOption(versionOption);
    if (!parser.parse(arguments)) {
        context.noticeJson(arguments);
        const Error error =
                Error::usage(tr("%1 See “chairside-cli --help”.").arg(parser.errorText()));
        context.printError(error);
        return exitCodeFor(error);
    }
    context.applyGlobalOptions(parser);
    if (const Result<void> filled = CliContext::checkEmptyValues(parser); !filled) {
        context.printError(filled.error());
        return exitCodeFor(filled.error());
    }
    if (parser.isSet(versionOption)) {
        context.printHelp(
                QStringLiteral("chairside-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    const QStringList rest = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("help"))) {
        context.printHelp(helpText());
        return 0;
    }
    if (rest.isEmpty()) {
        // With --json, stdout holds only the error object.
        if (!context.json())
            context.printHelp(helpText());
        const Error error = Error::usage(tr("Name a command, e.g. “chairside-cli list”."));
        context.printError(error);
        return exitCodeFor(error);
    }

    for (const auto &command : m_commands) {
        if (command->name() != rest.constFirst())
            continue;
        // Only the command: its arguments may hold clients' names and phones.
        qCDebug(lcCli) << "running" << rest.constFirst();
        const Result<void> result = command->run(context, rest);
        if (result)
            return 0;
        context.printError(result.error());
        return exitCodeFor(result.error());
    }
    const Error error = Error::usage(
            tr("“%1” is not a command. See “chairside-cli --help”.").arg(rest.constFirst()));
    context.printError(error);
    return exitCodeFor(error);
}

} // namespace chairside::cli
