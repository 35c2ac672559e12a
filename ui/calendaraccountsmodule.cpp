#include "calendaraccountsmodule.h"

#include "auth/accountsettings.h"
#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

namespace chairside {

const char CalendarAccountsModule::fileName[] = CHAIRSIDE_ACCOUNTS_MODULE_FILE;
const char CalendarAccountsModule::entryPoint[] = "chairside_calendar_accounts_part_v1";

QStringList CalendarAccountsModule::searchPath()
{
    QStringList dirs;
    const QString fromEnvironment = qEnvironmentVariable("CHAIRSIDE_MODULE_DIR");
    if (!fromEnvironment.isEmpty())
        dirs << fromEnvironment;
    const QString binDir = QCoreApplication::applicationDirPath();
    dirs << binDir
         << QDir::cleanPath(binDir + QLatin1Char('/')
                            + QStringLiteral(CHAIRSIDE_MODULE_DIR_FROM_BIN));
    return dirs;
}

CalendarAccountsSource CalendarAccountsModule::source(const QString &settingsPath)
{
    CalendarAccountsSource source;
    source.hasAccounts = AccountSettings::hasAccounts(settingsPath);
    source.make = [settingsPath](Store *store, QWidget *window, CalendarAccountsPart::Hooks hooks) {
        return make(settingsPath, store, window, std::move(hooks));
    };
    return source;
}

Result<std::unique_ptr<CalendarAccountsPart>>
CalendarAccountsModule::make(const QString &settingsPath, Store *store, QWidget *window,
                             CalendarAccountsPart::Hooks hooks)
{
    // Loaded once and never unloaded: the parts it made live in it.
    static EntryPoint entry = nullptr;
    if (!entry) {
        QStringList tried;
        for (const QString &dir : searchPath()) {
            const QString path = QDir(dir).filePath(QString::fromLatin1(fileName));
            if (!QFileInfo::exists(path))
                continue;
            QLibrary library(path);
            entry = reinterpret_cast<EntryPoint>(library.resolve(entryPoint));
            if (entry)
                break;
            tried << library.errorString();
        }
        if (!entry) {
            const QString reason = tried.isEmpty()
                    ? QCoreApplication::translate("chairside", "%1 was not found in %2.")
                              .arg(QString::fromLatin1(fileName),
                                   searchPath().join(QStringLiteral(", ")))
                    : tried.join(QStringLiteral("; "));
            qCWarning(lcUi).noquote() << "Cannot load the calendar accounts module:" << reason;
            return Error::unavailable(
                    QCoreApplication::translate("chairside",
                                                "The calendar accounts cannot be opened: %1 "
                                                "Reinstall Chairside to mend this.")
                            .arg(reason));
        }
    }
    return std::unique_ptr<CalendarAccountsPart>(
            entry(settingsPath, store, window, std::move(hooks)));
}

} // namespace chairside
