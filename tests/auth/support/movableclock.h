#pragma once

#include "domain/clock.h"

namespace chairside::testsupport {

// The real time, moved forward by hand: expiry and refresh deadlines without
// waiting for them.
class MovableClock : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc().addSecs(m_offset); }
    void advance(qint64 seconds) { m_offset += seconds; }

private:
    qint64 m_offset = 0;
};

} // namespace chairside::testsupport
