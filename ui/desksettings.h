#pragma once

#include <QSettings>

#include <memory>

namespace chairside {

// The desktop's own preferences (window geometry and state, grid step,
// colouring): $XDG_CONFIG_HOME/chairside/desktop.conf on Linux. Named here
// rather than through the application's organisation name, which would
// also move the data folder (QStandardPaths::AppDataLocation).
inline std::unique_ptr<QSettings> deskSettings()
{
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
                                       QStringLiteral("chairside"), QStringLiteral("desktop"));
}

} // namespace chairside
