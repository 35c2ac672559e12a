#pragma once

#include <QString>

namespace chairside {

// Who a change is recorded as (an appointment's createdBy / changedBy, the
// server's audit log) until staff sign in: the name given, else the
// operating system's login name, else `fallback`.
QString actorName(const QString &given, const QString &fallback);

} // namespace chairside
