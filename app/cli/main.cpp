#include "cli.h"
#include "clicontext.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

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
    if (!rulesGiven && !QCoreApplication::arguments().contains(QStringLiteral("--verbose")))
        QLoggingCategory::setFilterRules(
                QStringLiteral("chairside.*.debug=false\nchairside.*.info=false"));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("chairside"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    return chairside::cli::Cli().run(argc, argv);
}
