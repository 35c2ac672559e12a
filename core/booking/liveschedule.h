#pragma once

#include "scheduleloader.h"

#include "scheduling/slot.h"

#include "domain/error.h"
#include "store/changeset.h"

#include <QObject>

#include <memory>

namespace chairside {

class Schedule;
class Store;

// One salon's Schedule kept in memory for a range of days and in step with
// the store, for the screens that ask again after every change (the slot
// finder). The store's changed() is noted; the next question first applies
// what changed: a booked, moved or cancelled visit replaces that visit's
// segments (its old stylist and resources lose them, the new ones gain
// them); a shift, exception or time off replaces that row and forgets the
// stylist's work days it touched, old and new. Only a change to the salon,
// its staff, services or resources, a bulk write or a replaced store reads
// the whole range again.
//
// Rota only (Appointments::Leave, the day view's): visits are neither read
// nor followed, and weeks either side of the range asked for are read at
// once (a rota costs the same to read for a day as for two months), so
// stepping through the days reads nothing again.
class LiveSchedule : public QObject
{
    Q_OBJECT
public:
    // More changes than this at once (an import) are cheaper to read again whole.
    static constexpr int changesAppliedOneByOne = 500;

    // How far either side of the range asked for a rota-only schedule reads.
    static constexpr qint64 rotaReachSeconds = 28 * 86400;

    LiveSchedule(Store &store, const QString &salonId, QObject *parent = nullptr);
    LiveSchedule(Store &store, const QString &salonId, ScheduleLoader::Appointments appointments,
                 QObject *parent = nullptr);
    ~LiveSchedule() override;

    // The schedule for at least [from, to) (UTC seconds), up to date with
    // every change the store has reported. Valid until the next call.
    Result<const Schedule *> schedule(qint64 from, qint64 to);
    // AppointmentBook::freeSlots on the schedule held here.
    Result<QList<Slot>> freeSlots(const VisitRequest &request, qint64 from, qint64 to,
                                  int stepMinutes = 15, int limit = -1);

    const QString &salonId() const { return m_salonId; }
    // Follow another salon from now on; its schedule is read when next asked for.
    void setSalon(const QString &salonId);

    // How many times the whole range was read from the store (the tests and
    // bench_slots look: a change must not cost a reload).
    int loads() const { return m_loads; }

private:
    void note(const ChangeSet &changes);
    // A read that fails while catching up drops the schedule (the next
    // question reads it whole) and gives the error.
    Result<void> catchUp();
    Result<void> applyAppointment(const Change &change);
    Result<void> applyRota(const QList<Change> &changes);

    Store &m_store;
    QString m_salonId;
    ScheduleLoader::Appointments m_appointments = ScheduleLoader::Appointments::Include;
    std::unique_ptr<Schedule> m_schedule;
    qint64 m_from = 0; // what m_schedule covers
    qint64 m_to = 0;
    ChangeSet m_pending;
    bool m_stale = false; // read the whole range again before the next answer
    int m_loads = 0;
};

} // namespace chairside
