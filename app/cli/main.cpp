#include "cli.h"
#include "clicontext.h"
#include "translations.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QLoggingCategory>

#include <cstdio>

namespace {

// The time CHAIRSIDE_NOW names, standing still.
class StoppedClock : public chairside::Clock
{
public:
    explicit StoppedClock(const QDateTime &now) : m_now(now.toUTC()) {}
    QDateTime now() const override { return m_now; }

private:
    QDateTime m_now;
};

} // namespace

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

    // CHAIRSIDE_NOW (ISO 8601, e.g. 2026-12-01T08:00:00Z) stops the clock
    // at that time: tests and demos of "upcoming" and "today" (docs/cli.md).
    const QByteArray fixedNow = qgetenv("CHAIRSIDE_NOW");
    if (!fixedNow.isEmpty()) {
        const QDateTime now = QDateTime::fromString(QString::fromUtf8(fixedNow), Qt::ISODate);
        if (!now.isValid()) {
            std::fputs(qPrintable(QCoreApplication::translate(
                               "chairside",
                               "chairside-cli: CHAIRSIDE_NOW is not a date and time; write it "
                               "as 2026-12-01T08:00:00Z.\n")),
                       stderr);
            return 2;
        }
        const StoppedClock clock(now);
        return chairside::cli::Cli(clock).run(argc, argv);
    }
    return chairside::cli::Cli().run(argc, argv);
}
