#pragma once

#include "domain/client.h"
#include "domain/salon.h"
#include "domain/service.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace chairside {

// Whether a client's patch test covers a visit: a service that needs one
// (Service::needsPatchTest) wants a test taken at least the salon's
// patchTestMinHours before the visit and at most its patchTestMaxDays
// before it. The front desk is warned, not refused: the test may have been
// done and not yet recorded.
//
// A test is recorded as a date, so it counts as taken at the start of that
// day in the salon's time zone: with 48 hours, a test on Monday covers a
// visit any time from Wednesday (docs/decisions.md).
class PatchTest
{
    Q_DECLARE_TR_FUNCTIONS(PatchTest)
public:
    // A sentence for the front desk when the visit's services need a patch
    // test the client does not have; nothing when none needs one or the
    // test is valid. `startsAt` is the visit's start, UTC seconds.
    static std::optional<QString> warning(const Salon &salon, const Client &client,
                                          const QList<Service> &services, qint64 startsAt);
};

} // namespace chairside
