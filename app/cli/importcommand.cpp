#include "importcommand.h"

#include "clicontext.h"
#include "store/storearchive.h"

#include <QDir>
#include <QFile>

namespace chairside::cli {

QString ImportCommand::summary() const
{
    return tr("Restore the store from an export.");
}

ImportCommand::ImportCommand()
{
    const auto options = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Restore the store from a file written by “export” (use - for stdin). A store "
                   "that already has data is only replaced with --replace."));
        parser.addPositionalArgument(QStringLiteral("file"), tr("The export to restore."));
        parser.addOption({QStringLiteral("replace"), tr("Replace everything in the store.")});
    };
    addVerb({.options = options, .words = Words::One, .what = tr("file to import")},
            &ImportCommand::importFile);
}

Result<void> ImportCommand::importFile(CliContext &context, const QCommandLineParser &parser)
{
    const QString path = word(parser);

    Result<StoreContents> contents = StoreContents();
    if (path == QLatin1String("-")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly))
            return Error::notFound(
                    tr("Cannot read the standard input: %1.").arg(input.errorString()));
        contents = StoreArchive::fromJson(input.readAll());
    } else {
        contents = StoreArchive::readFile(path);
    }
    if (!contents)
        return contents.error();

    const Result<Store *> opened = context.store();
    if (!opened)
        return opened.error();
    Store &store = **opened;

    const bool replace = parser.isSet(QStringLiteral("replace"));
    const Result<QList<Salon>> salons = store.salons();
    if (!salons)
        return salons.error();
    if (!replace && !salons->isEmpty())
        return Error::invalid(tr(
                "The store already has data; add --replace to replace all of it with the file."));
    // Every restored row goes to the outbox too: a restore is a change the
    // shared book must hear about, like any other.
    const Result<void> written =
            replace ? store.replaceAll(*contents, true) : store.insertAll(*contents, true);
    if (!written)
        return written;
    context.print({{QStringLiteral("imported"),
                    QJsonObject{{QStringLiteral("salons"), contents->salons.size()},
                                {QStringLiteral("staff"), contents->staff.size()},
                                {QStringLiteral("services"), contents->services.size()},
                                {QStringLiteral("clients"), contents->clients.size()},
                                {QStringLiteral("appointments"), contents->appointments.size()}}}},
                  tr("Imported %1 salons, %2 staff, %3 clients and %4 appointments.")
                          .arg(contents->salons.size())
                          .arg(contents->staff.size())
                          .arg(contents->clients.size())
                          .arg(contents->appointments.size()));
    return {};
}

} // namespace chairside::cli
