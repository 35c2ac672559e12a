#include "cli.h"
#include "clicontext.h"
#include "translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The same name as the desktop app, so both find the same data folder.
    QCoreApplication::setApplicationName(QStringLiteral("chairside"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHAIRSIDE_VERSION));

    // Logs are for whoever asks (--verbose or QT_LOGGING_RULES); otherwise
    // stderr holds only the one sentence that says what went wrong, which a
    // script reads. Warnings from Qt or a module stay out of it too.
    static QtMessageHandler qtHandler = nullptr;
    static const bool rulesGiven = !qEnvironmentVariableIsEmpty("QT_LOGGING_RULES");
    qtHandler = qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext &context, const QString &message) {
                if (type == QtFatalMsg || rulesGiven || chairside::cli::CliContext::logsWanted())
                    qtHandler(type, context, message);
            });
    // --verbose: everything Chairside logs, debug included (categories
    // start at info, core/logging.h).
    if (!rulesGiven) {
        QLoggingCategory::setFilterRules(
                QCoreApplication::arguments().contains(QStringLiteral("--verbose"))
                        ? QStringLiteral("chairside.*.debug=true")
                        : QStringLiteral("chairside.*.debug=false\nchairside.*.info=false"));
    }

    chairside::installTranslations(app);

    return chairside::cli::Cli().run(argc, argv);
}
