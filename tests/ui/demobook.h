#pragma once

// The demo salon in a temporary folder and a clock that stands still, for
// the panel tests: what is "upcoming" and which freed time has not passed
// must not depend on when the test runs. The panels are handed the clock
// (setClock) until the store carries one.

#include "demo/demosalon.h"
#include "domain/clock.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTimeZone>

#include <memory>

namespace chairside::testsupport {

class FixedClock : public Clock
{
public:
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now.toUTC(); }

private:
    QDateTime m_now;
};

// A Tuesday; the demo salon is generated around it and the clock reads
// 08:00 that morning in the salon.
class DemoBook
{
public:
    static inline const QDate Day{2026, 12, 1};

    // Empty on success, otherwise what failed.
    QString open()
    {
        if (!m_dir.isValid())
            return m_dir.errorString();
        zone = QTimeZone("Europe/London");
        clock.set(QDateTime(Day, QTime(8, 0), zone));
        auto opened = Store::open(Store::pathIn(m_dir.path()));
        if (!opened)
            return opened.error().message;
        m_store = std::move(*opened);
        DemoSalon::Options options;
        options.today = Day;
        const Result<QString> salon = DemoSalon::write(*m_store, options);
        if (!salon)
            return salon.error().message;
        salonId = *salon;
        return {};
    }

    Store &store() { return *m_store; }
    QString dir() const { return m_dir.path(); }
    qint64 at(const QDate &date, const QTime &time) const
    {
        return QDateTime(date, time, zone).toSecsSinceEpoch();
    }

    FixedClock clock;
    QTimeZone zone;
    QString salonId;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store; // last: closed before the folder goes
};

} // namespace chairside::testsupport
