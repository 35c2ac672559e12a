#include "exportcommand.h"

#include "clicontext.h"
#include "store/storearchive.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

namespace chairside::cli {

QString ExportCommand::summary() const
{
    return tr("Write the whole store as JSON (stdout or --output).");
}

Result<void> ExportCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Write the whole store (every salon, every appointment with its segments) "
               "as one JSON document. “import” restores it."));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      tr("Write to FILE instead of stdout."),
                      tr("FILE")});
    const Result<bool> parsed =
            parseOptionsOnly(context, parser, arguments, tr("Use --output FILE."));
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<Store *> store = context.store();
    if (!store)
        return store.error();
    const StoreContents contents = (*store)->contents();
    if (!parser.isSet(QStringLiteral("output"))) {
        const QByteArray document = StoreArchive::toDocument(contents);
        // The export is the document on stdout, with or without --json.
        std::fwrite(document.constData(), 1, size_t(document.size()), stdout);
        std::fflush(stdout);
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
