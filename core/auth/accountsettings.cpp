#include "accountsettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace chairside {

QString AccountSettings::pathIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("settings.ini"));
}

bool AccountSettings::hasAccounts(const QString &settingsPath)
{
    if (!QFileInfo::exists(settingsPath))
        return false;
    QSettings settings(settingsPath, QSettings::IniFormat);
    settings.beginGroup(QStringLiteral("accounts"));
    return !settings.childGroups().isEmpty();
}

} // namespace chairside
