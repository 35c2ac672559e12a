#pragma once

#include <QDateTime>

namespace chairside {

// The time as the auth code sees it. Tests pass a clock they can advance
// (expiry of a sign-in attempt, refresh shortly before a token expires).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const { return QDateTime::currentDateTimeUtc(); }

    static const Clock &system();
};

} // namespace chairside
