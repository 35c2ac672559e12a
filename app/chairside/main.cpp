#include "afterfirstpaint.h"
#include "calendaraccountsmodule.h"
#include "deferrediconstyle.h"
#include "firstpaintexit.h"
#include "mainwindow.h"

#include "logging.h"

#include "auth/accountsettings.h"
#include "demo/demosalon.h"
#include "store/store.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

using namespace chairside;

namespace {

int fail(const QString &message)
{
    qCCritical(lcUi).noquote() << message;
    QMessageBox::critical(nullptr, QApplication::translate("chairside", "Chairside"), message);
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // The style asked for (-style, QT_STYLE_OVERRIDE, the desktop's), with
    // the menu bar's extension icon made only if it is ever shown.
    QApplication::setStyle(new DeferredIconStyle(QApplication::style()->name()));
    // Same name as chairside-cli, so both find the same store.
    QApplication::setApplicationName(QStringLiteral("chairside"));
    QApplication::setApplicationDisplayName(QStringLiteral("Chairside"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("chairside"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("chairside"))); // once installed
    installTranslations(app, QLocale(), /*withQt*/ true);

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QApplication::translate("chairside", "The appointment book for the salon front desk."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(
            QStringLiteral("demo"),
            QApplication::translate("chairside", "Open a demo salon (created on first use)."));
    const QCommandLineOption dataDirOption(
            QStringLiteral("data-dir"),
            QApplication::translate("chairside", "Keep the appointment book in <dir>."),
            QApplication::translate("chairside", "dir"));
    const QCommandLineOption dateOption(
            QStringLiteral("date"),
            QApplication::translate("chairside", "Show <date> (YYYY-MM-DD) instead of today."),
            QApplication::translate("chairside", "date"));
    // For timing a cold start (tests/bench/bench_coldstart): prints "first
    // paint" and quits once the day view has painted. Not for people.
    QCommandLineOption exitAfterPaintOption(
            QStringLiteral("exit-after-first-paint"),
            QStringLiteral("Quit after the day view's first paint."));
    exitAfterPaintOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({demoOption, dataDirOption, dateOption, exitAfterPaintOption});
    parser.process(app);

    const bool demo = parser.isSet(demoOption);
    QString dataDir = parser.value(dataDirOption);
    // An empty folder would quietly open the user's own book.
    if (parser.isSet(dataDirOption) && dataDir.trimmed().isEmpty())
        return fail(QApplication::translate("chairside",
                                            "--data-dir needs a folder; it cannot be empty."));
    // The demo lives in its own folder, so it never mixes with a real book.
    if (dataDir.isEmpty() && demo)
        dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                + QStringLiteral("/demo");
    const QString path = dataDir.isEmpty() ? Store::defaultPath() : Store::pathIn(dataDir);

    QDate date;
    if (parser.isSet(dateOption)) {
        date = QDate::fromString(parser.value(dateOption), Qt::ISODate);
        if (!date.isValid()) {
            return fail(QApplication::translate(
                                "chairside", "“%1” is not a date; use YYYY-MM-DD, e.g. 2026-12-01.")
                                .arg(parser.value(dateOption)));
        }
    }

    // The window comes up at once; the full-file check (a few hundred ms on a
    // big book) runs in the background once the day is painted, and speaks
    // up only if it finds damage.
    Result<std::unique_ptr<Store>> opened = Store::open(path, Store::Check::InBackground);
    if (!opened)
        return fail(opened.error().message);
    Store &store = **opened;

    bool createDemo = false;
    if (demo) {
        const Result<QList<Salon>> salons = store.salons();
        if (!salons)
            return fail(salons.error().message);
        createDemo = salons->isEmpty();
    }
    if (createDemo) {
        DemoSalon::Options options; // today in the salon, by the store's clock
        const Result<QString> written = DemoSalon::write(store, options);
        if (!written)
            return fail(written.error().message);
        qCInfo(lcUi).noquote() << "Created a demo salon in" << path;
    }

    // The calendar accounts sit beside the book they belong to. Their code
    // (sign-in, QtNetwork, libcrypto) is a module loaded when first needed.
    MainWindow window(
            &store,
            CalendarAccountsModule::source(AccountSettings::pathIn(QFileInfo(path).absolutePath())),
            date); // an invalid date: today
    QObject::connect(&store, &Store::quickCheckFinished, &window,
                     [&window](bool ok, const QString &message) {
                         if (ok)
                             return;
                         QMessageBox::critical(
                                 &window, QApplication::translate("chairside", "Chairside"),
                                 QApplication::translate(
                                         "chairside",
                                         "The appointment book file is damaged: %1\n\nKeep "
                                         "working only to read what you need, and restore the "
                                         "book from your last export (File → Restore from an "
                                         "export…).")
                                         .arg(message));
                     });
    if (parser.isSet(exitAfterPaintOption))
        FirstPaintExit::install(window.dayView());
    else // sync with the salon's server, when this PC has joined one (the
         // status bar paints whatever page the window shows)
        AfterFirstPaint::install(window.statusBar(), [&window] { window.startSync(); });
    window.show();
    return app.exec();
}
