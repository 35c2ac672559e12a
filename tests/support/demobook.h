#pragma once

// The demo salon in a temporary folder, on a clock that stands still at a
// time the test sets (08:00 on a Tuesday unless told): what is "upcoming",
// which freed time has not passed and when a walk-in starts must not
// depend on when the test runs. The editor, walk-in, rebook and panel tests
// book into it.

#include "testsupport.h"

#include "domain/salon.h"

#include <QDate>
#include <QTime>
#include <QTimeZone>

#include <memory>

namespace chairside::testsupport {

class DemoBook
{
public:
    // A Tuesday; the demo salon is generated around it.
    static inline const QDate Day{2026, 12, 1};

    // Writes the demo salon into a fresh store and stops the clock at `now`
    // on Day, salon time. Empty on success, otherwise what failed.
    QString open(const QTime &now = QTime(8, 0));

    Store &store() const { return m_temp->store(); }
    QString dir() const { return m_temp->dir(); }
    // Moves the clock to `time` on `date`, salon time.
    void setNow(const QDate &date, const QTime &time);
    // `time` on `date` in the salon, as UTC seconds.
    qint64 at(const QDate &date, const QTime &time) const;

    FixedClock clock;
    Salon salon; // as written
    QTimeZone zone;

private:
    std::unique_ptr<TempStore> m_temp; // after the clock: closed before it goes
};

} // namespace chairside::testsupport
