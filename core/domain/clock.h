#pragma once

#include <QDateTime>

namespace chairside {

// The time as Chairside sees it. One clock is handed to the store when it is
// opened, and everything that asks "what time is it" (the booking service,
// the window, the CLI, sign-in) asks it, so tests can set or advance the
// time instead of waiting for it. Nothing else reads the system clock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const { return QDateTime::currentDateTimeUtc(); }
    // UTC seconds since the epoch, as rows store instants.
    qint64 secondsNow() const { return now().toSecsSinceEpoch(); }

    static const Clock &system();
};

} // namespace chairside
