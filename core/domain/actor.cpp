#include "actor.h"

#include <QtGlobal>

namespace chairside {

QString actorName(const QString &given, const QString &fallback)
{
    if (!given.trimmed().isEmpty())
        return given.trimmed();
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? fallback : user;
}

} // namespace chairside
