#include "cli.h"

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

    // Module logs are for whoever asks (QT_LOGGING_RULES); stderr is kept for
    // the one sentence that says what went wrong.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(
                QStringLiteral("chairside.*.debug=false\nchairside.*.info=false"));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("chairside"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    return chairside::cli::Cli().run(argc, argv);
}
