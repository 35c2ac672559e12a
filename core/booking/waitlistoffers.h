#pragma once

#include "appointmentbook.h"

#include "scheduling/waitlistfit.h"

#include "domain/waitlistentry.h"
#include "store/changeset.h"

#include <QCoreApplication>

#include <optional>

namespace chairside {

class Store;

// A waitlist entry and the free slot it can have.
struct WaitlistOffer
{
    WaitlistEntry entry;
    Slot slot;
};

// The waitlist over the store: which entries freed time can serve (the
// rules of WaitlistFit, the slots of AppointmentBook::freeSlots) and
// booking one of them.
class WaitlistOffers
{
    Q_DECLARE_TR_FUNCTIONS(WaitlistOffers)
public:
    explicit WaitlistOffers(Store &store);

    // The time a committed change gives back: a visit now cancelled or
    // no-show (`appointment` is the row after the change), moved elsewhere,
    // or removed. Nothing for other changes.
    static std::optional<FreedTime> freedBy(const Change &change,
                                            const std::optional<Appointment> &appointment);

    // For each entry of the salon's waitlist, the first slot that fits it in
    // any of `freed`, earliest first. Entries nothing fits are left out.
    Result<QList<WaitlistOffer>> offersFor(const QString &salonId, const QList<FreedTime> &freed);

    // Books the entry into the slot and takes it off the waitlist, in one
    // store transaction: both or neither.
    Result<QList<Appointment>> offer(const WaitlistOffer &offer, const QString &by);

private:
    Store &m_store;
};

} // namespace chairside
