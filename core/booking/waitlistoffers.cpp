#include "waitlistoffers.h"

#include "domain/salontime.h"
#include "store/store.h"

#include <QHash>

namespace chairside {

WaitlistOffers::WaitlistOffers(Store &store) : m_store(store) {}

std::optional<FreedTime> WaitlistOffers::freedBy(const Change &change,
                                                 const std::optional<Appointment> &appointment)
{
    if (change.entity != Entity::Appointment)
        return std::nullopt;
    FreedTime freed;
    freed.salonId = change.salonId;
    if (change.op == Change::Op::Upserted && appointment
        && (appointment->status == AppointmentStatus::Cancelled
            || appointment->status == AppointmentStatus::NoShow)) {
        freed.salonId = appointment->salonId;
        for (const ServiceLine &line : appointment->lines) {
            if (!freed.staffIds.contains(line.staffId))
                freed.staffIds.append(line.staffId);
        }
        freed.startsAt = appointment->startsAt();
        freed.endsAt = appointment->endsAt();
    } else if (change.previousEndsAt > change.previousStartsAt
               && (change.op == Change::Op::Removed || change.previousStartsAt != change.startsAt
                   || change.previousEndsAt != change.endsAt)) {
        // Whose time it was is not kept with the change: anyone's may be free.
        freed.startsAt = change.previousStartsAt;
        freed.endsAt = change.previousEndsAt;
    } else {
        return std::nullopt;
    }
    if (freed.salonId.isEmpty() || freed.endsAt <= freed.startsAt)
        return std::nullopt;
    return freed;
}

Result<QList<WaitlistOffer>> WaitlistOffers::offersFor(const QString &salonId,
                                                       const QList<FreedTime> &freed)
{
    const Result<std::optional<Salon>> salon = m_store.salon(salonId);
    if (!salon)
        return salon.error();
    if (!*salon)
        return Error::notFound(tr("There is no salon “%1”.").arg(salonId));
    const QTimeZone zone = SalonTime::zoneOf(**salon);
    const qint64 now = m_store.clock().secondsNow();
    AppointmentBook book(m_store);
    QList<WaitlistOffer> offers;
    const Result<QList<WaitlistEntry>> entries = m_store.waitlist(salonId);
    if (!entries)
        return entries.error();
    for (const WaitlistEntry &entry : *entries) {
        std::optional<Slot> best;
        for (const FreedTime &time : freed) {
            if (!WaitlistFit::couldFit(entry, time, zone, now))
                continue;
            const Result<QList<Slot>> found =
                    book.freeSlots(salonId, VisitRequest{entry.serviceIds, entry.staffId},
                                   std::max(time.startsAt, now), time.endsAt);
            if (!found) {
                // A service or stylist gone since the entry was made: it
                // simply cannot be offered; anything else is a real failure.
                if (found.error().code == Error::Code::NotFound)
                    continue;
                return found.error();
            }
            for (const Slot &slot : *found) {
                if (WaitlistFit::fits(entry, slot, time, zone, now)) {
                    if (!best || slot.startsAt < best->startsAt)
                        best = slot;
                    break;
                }
            }
        }
        if (best)
            offers.append({entry, *best});
    }
    return offers;
}

Result<QList<Appointment>> WaitlistOffers::offer(const WaitlistOffer &offer, const QString &by)
{
    BookingRequest request;
    request.salonId = offer.entry.salonId;
    request.clientId = offer.entry.clientId;
    for (const QString &serviceId : offer.entry.serviceIds)
        request.lines.append({serviceId, offer.slot.staffId});
    request.startsAt = offer.slot.startsAt;
    request.by = by;
    request.waitlistEntryId = offer.entry.id; // off the waitlist in the same transaction
    Result<QList<Appointment>> booked = AppointmentBook(m_store).book(request);
    if (!booked && booked.error().code == Error::Code::NotFound) {
        return Error{booked.error().code,
                     tr("The visit was not booked, because the client could not be taken off the "
                        "waitlist: %1")
                             .arg(booked.error().message)};
    }
    return booked;
}

} // namespace chairside
