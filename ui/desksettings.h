#pragma once

#include "domain/actor.h"

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

// Who this desk's changes are recorded as (createdBy / changedBy) until staff
// sign in: the "recordChangesAs" preference when an admin set one, else the
// operating system's login name.
inline QString deskActor()
{
    return actorName(deskSettings()->value(QStringLiteral("recordChangesAs")).toString(),
                     QStringLiteral("chairside"));
}

} // namespace chairside
