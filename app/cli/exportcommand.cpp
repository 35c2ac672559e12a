#include "exportcommand.h"

#include "clicontext.h"
#include "store/storearchive.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace chairside::cli {

QString ExportCommand::summary() const
{
    return tr("Write the whole store as JSON (stdout or --output).");
}

ExportCommand::ExportCommand()
{
    const auto options = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Write the whole store (every salon, every appointment with its segments) as "
                   "one JSON document. “import” restores it."));
        parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                          tr("Write to FILE instead of stdout."),
                          tr("FILE")});
    };
    addVerb({.options = options, .what = tr("Use --output FILE.")}, &ExportCommand::exportStore);
}

Result<void> ExportCommand::exportStore(CliContext &context, const QCommandLineParser &parser,
                                        Store &store)
{
    const Result<StoreContents> read = store.contents();
    if (!read)
        return read.error();
    const StoreContents &contents = *read;
    if (!parser.isSet(QStringLiteral("output"))) {
        // The export is the document on stdout, with or without --json.
        context.printDocument(StoreArchive::toDocument(contents));
        return {};
    }
    const QString path = parser.value(QStringLiteral("output"));
    if (const Result<void> written = StoreArchive::writeFile(contents, path); !written)
        return written;
    context.print({{QStringLiteral("output"), QDir(path).absolutePath()},
                   {QStringLiteral("bytes"), QFileInfo(path).size()}},
                  tr("Wrote %1.").arg(QDir::toNativeSeparators(path)));
    return {};
}

} // namespace chairside::cli
