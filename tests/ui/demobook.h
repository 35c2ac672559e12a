#pragma once

// The demo salon in a temporary folder, on a clock that stands still at
// 08:00 on a Tuesday, for the panel tests: what is "upcoming" and which
// freed time has not passed must not depend on when the test runs.

#include "testsupport.h"

#include "demo/demosalon.h"

#include <QTimeZone>

#include <memory>

namespace chairside::testsupport {

class DemoBook
{
public:
    // A Tuesday; the demo salon is generated around it.
    static inline const QDate Day{2026, 12, 1};

    // Empty on success, otherwise what failed.
    QString open()
    {
        zone = QTimeZone("Europe/London");
        clock.set(QDateTime(Day, QTime(8, 0), zone).toUTC());
        m_temp = std::make_unique<TempStore>(clock);
        if (!m_temp->isValid())
            return m_temp->errorString();
        DemoSalon::Options options;
        options.today = Day;
        const Result<QString> salon = DemoSalon::write(m_temp->store(), options);
        if (!salon)
            return salon.error().message;
        salonId = *salon;
        return {};
    }

    Store &store() { return m_temp->store(); }
    QString dir() const { return m_temp->dir(); }
    qint64 at(const QDate &date, const QTime &time) const
    {
        return QDateTime(date, time, zone).toSecsSinceEpoch();
    }

    FixedClock clock;
    QTimeZone zone;
    QString salonId;

private:
    std::unique_ptr<TempStore> m_temp; // after the clock: closed before it goes
};

} // namespace chairside::testsupport
