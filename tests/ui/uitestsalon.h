#pragma once

// The demo salon around a fixed day, in a store whose clock the test sets:
// what the editor, walk-in and rebook tests book into.

#include "testsupport.h"

#include "demo/demosalon.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTimeZone>

#include <memory>

namespace chairside::testsupport {

struct UiTestSalon
{
    // A Tuesday; the demo salon is generated around it.
    static inline const QDate Day{2026, 12, 1};

    QTemporaryDir dir;
    FixedClock clock;
    std::unique_ptr<Store> store;
    Salon salon;
    QTimeZone zone;

    // Opens the store with the clock at `now` (salon time) and writes the demo.
    QString open(const QTime &now = QTime(8, 0))
    {
        if (!dir.isValid())
            return dir.errorString();
        Result<std::unique_ptr<Store>> opened =
                Store::open(Store::pathIn(dir.path()), Store::Check::BeforeOpening, clock);
        if (!opened)
            return opened.error().message;
        store = std::move(*opened);
        DemoSalon::Options options;
        options.today = Day;
        const Result<QString> id = DemoSalon::write(*store, options);
        if (!id)
            return id.error().message;
        salon = *store->salon(*id);
        zone = QTimeZone(salon.timeZone.toUtf8());
        setNow(Day, now);
        return {};
    }

    void setNow(const QDate &date, const QTime &time) { clock.set(QDateTime(date, time, zone)); }

    qint64 at(const QDate &date, const QTime &time) const
    {
        return QDateTime(date, time, zone).toSecsSinceEpoch();
    }
};

} // namespace chairside::testsupport
