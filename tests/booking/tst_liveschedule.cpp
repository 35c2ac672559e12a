// LiveSchedule: after any sequence of changes (book, move, cancel, shift
// edits, exceptions, time off), the schedule it keeps up to date answers
// exactly like one read from the store from scratch, without reading the
// whole range again.

#include "testsupport.h"

#include "booking/appointmentbook.h"
#include "booking/liveschedule.h"
#include "booking/scheduleloader.h"
#include "scheduling/availabilityfinder.h"
#include "scheduling/conflictchecker.h"
#include "scheduling/schedule.h"

#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const QTimeZone London("Europe/London");
// Two weeks from a Monday; London leaves summer time on Sunday 25 October.
const QDate FirstDay(2026, 10, 19);
constexpr int Days = 14;

qint64 at(const QDate &date, int minute)
{
    return QDateTime(date, QTime(0, 0), London).addSecs(qint64(minute) * 60).toSecsSinceEpoch();
}

// Problems in an order that does not depend on how the timelines were built.
BookingProblems sorted(BookingProblems problems)
{
    std::sort(problems.begin(), problems.end(),
              [](const BookingProblem &a, const BookingProblem &b) {
                  return std::tie(a.kind, a.staffId, a.resourceId, a.otherAppointmentId, a.startsAt,
                                  a.endsAt)
                          < std::tie(b.kind, b.staffId, b.resourceId, b.otherAppointmentId,
                                     b.startsAt, b.endsAt);
              });
    return problems;
}

} // namespace

class TestLiveSchedule : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void answersLikeAScheduleReadFromScratch_data();
    void answersLikeAScheduleReadFromScratch();
    void aStaffChangeReadsTheRangeAgain();
    void anotherSalonsChangeIsIgnored();
    void rotaOnlyFollowsTheRotaAlone();

private:
    // One random change through the booking service or the store; says what it did.
    QString change(QRandomGenerator &random);
    // Empty when the live schedule answers like a fresh one; else the first difference.
    QString difference(const Schedule &live) const;

    QDate randomDate(QRandomGenerator &random) const;
    QString randomStaff(QRandomGenerator &random) const;
    QString randomAppointment(QRandomGenerator &random) const;

    FixedClock m_clock{QDateTime(QDate(2026, 10, 1), QTime(8, 0), QTimeZone::utc())};
    std::unique_ptr<TempStore> m_temp;
    TestData m_data = TestData::small();
    qint64 m_from = 0;
    qint64 m_to = 0;
    int m_made = 0;
};

void TestLiveSchedule::init()
{
    m_temp = std::make_unique<TempStore>(m_clock);
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->errorString()));
    m_data = TestData::small();
    QVERIFY(m_data.saveTo(m_temp->store()));
    for (int s = 0; s < m_data.staff.size(); ++s) {
        for (int weekday = 2; weekday <= 6; ++weekday) {
            const Shift shift = m_data.shift(s, weekday, 9 * 60, 17 * 60,
                                             {{(12 + s) * 60, (12 + s) * 60 + 30}});
            QVERIFY(m_temp->store().save(shift).ok());
        }
    }
    m_from = at(FirstDay, 0);
    m_to = at(FirstDay.addDays(Days), 0);
    m_made = 0;
}

void TestLiveSchedule::cleanup()
{
    m_temp.reset();
}

QDate TestLiveSchedule::randomDate(QRandomGenerator &random) const
{
    // Mostly inside the range asked about, sometimes just outside it or far off.
    return FirstDay.addDays(random.bounded(-3, Days + 20));
}

QString TestLiveSchedule::randomStaff(QRandomGenerator &random) const
{
    return m_data.staff.at(random.bounded(int(m_data.staff.size()))).id;
}

QString TestLiveSchedule::randomAppointment(QRandomGenerator &random) const
{
    const QList<Appointment> all =
            VALUE_OF(m_temp->store().appointments(m_data.salon.id, at(FirstDay.addDays(-5), 0),
                                                  at(FirstDay.addDays(Days + 25), 0)),
                     {});
    QStringList ids;
    for (const Appointment &a : all) {
        if (holdsTime(a.status))
            ids.append(a.id);
    }
    return ids.isEmpty() ? QString() : ids.at(random.bounded(int(ids.size())));
}

QString TestLiveSchedule::change(QRandomGenerator &random)
{
    Store &store = m_temp->store();
    AppointmentBook book(store);
    const QString by = QStringLiteral("test");
    const int roll = random.bounded(100);
    const qint64 start = at(randomDate(random), random.bounded(7 * 4, 20 * 4) * 15);

    if (roll < 30) {
        BookingRequest request;
        request.salonId = m_data.salon.id;
        request.clientId = m_data.clients.at(random.bounded(int(m_data.clients.size()))).id;
        const int lines = random.bounded(1, 3);
        for (int i = 0; i < lines; ++i) {
            request.lines.append(
                    {m_data.services.at(random.bounded(int(m_data.services.size()))).id,
                     randomStaff(random)});
        }
        request.startsAt = start;
        request.overbook = true; // clashes too: the timelines must hold them
        request.by = by;
        const Result<QList<Appointment>> booked = book.book(request);
        return booked ? QStringLiteral("book %1").arg(booked->constFirst().id)
                      : QStringLiteral("book refused: %1").arg(booked.error().message);
    }
    const QString id = randomAppointment(random);
    if (roll < 50 && !id.isEmpty()) {
        const QString staff = random.bounded(2) ? randomStaff(random) : QString();
        const Result<Appointment> moved = book.move(id, start, staff, true, by);
        return moved ? QStringLiteral("move %1 to %2 %3").arg(id).arg(start).arg(staff)
                     : QStringLiteral("move refused: %1").arg(moved.error().message);
    }
    if (roll < 60 && !id.isEmpty()) {
        const Result<Appointment> cancelled = book.cancel(id, by);
        return QStringLiteral("cancel %1%2")
                .arg(id, cancelled ? QString() : QStringLiteral(" refused"));
    }
    if (roll < 70) {
        QList<Shift> shifts = VALUE_OF(store.shifts(m_data.salon.id), {});
        if (shifts.isEmpty() || random.bounded(4) == 0) {
            Shift shift;
            shift.id = QStringLiteral("shift-r%1").arg(++m_made);
            shifts = {shift};
        }
        Shift shift = shifts.at(random.bounded(int(shifts.size())));
        shift.staffId = randomStaff(random);
        shift.weekday = random.bounded(1, 8);
        // Now and then a late shift that runs past midnight.
        shift.startMinute = random.bounded(4) == 0 ? 20 * 60 : random.bounded(7, 12) * 60;
        shift.endMinute = shift.startMinute + random.bounded(4, 10) * 60;
        shift.breaks = {{shift.startMinute + 120, shift.startMinute + 150}};
        shift.everyWeeks = random.bounded(1, 3);
        shift.anchorDate = FirstDay;
        return store.save(shift) ? QStringLiteral("shift %1 saved").arg(shift.id)
                                 : QStringLiteral("shift refused");
    }
    if (roll < 75) {
        const QList<Shift> shifts = VALUE_OF(store.shifts(m_data.salon.id), {});
        if (shifts.isEmpty())
            return QStringLiteral("no shift to remove");
        const QString shiftId = shifts.at(random.bounded(int(shifts.size()))).id;
        return store.remove(Entity::Shift, shiftId)
                ? QStringLiteral("shift %1 removed").arg(shiftId)
                : QStringLiteral("shift removal refused");
    }
    if (roll < 85) {
        const QList<ShiftException> all =
                VALUE_OF(store.shiftExceptions(m_data.salon.id, FirstDay.addDays(-5),
                                               FirstDay.addDays(Days + 25)),
                         {});
        ShiftException e;
        e.id = QStringLiteral("exception-r%1").arg(++m_made);
        if (!all.isEmpty() && random.bounded(2) == 0)
            e = all.at(random.bounded(int(all.size())));
        if (random.bounded(3) == 0 && !all.isEmpty()) {
            return store.remove(Entity::ShiftException, e.id)
                    ? QStringLiteral("exception %1 removed").arg(e.id)
                    : QStringLiteral("exception removal refused");
        }
        e.staffId = randomStaff(random);
        e.date = randomDate(random);
        e.working = random.bounded(2) == 0;
        e.startMinute = random.bounded(6, 13) * 60;
        e.endMinute = e.startMinute + random.bounded(3, 9) * 60;
        e.breaks = {};
        return store.save(e) ? QStringLiteral("exception %1 saved").arg(e.id)
                             : QStringLiteral("exception refused");
    }
    const QList<TimeOff> all = VALUE_OF(store.timeOff(m_data.salon.id, at(FirstDay.addDays(-5), 0),
                                                      at(FirstDay.addDays(Days + 25), 0)),
                                        {});
    TimeOff off;
    off.id = QStringLiteral("timeoff-r%1").arg(++m_made);
    if (!all.isEmpty() && random.bounded(2) == 0)
        off = all.at(random.bounded(int(all.size())));
    if (random.bounded(4) == 0 && !all.isEmpty()) {
        return store.remove(Entity::TimeOff, off.id)
                ? QStringLiteral("time off %1 removed").arg(off.id)
                : QStringLiteral("time off removal refused");
    }
    off.staffId = randomStaff(random);
    off.startsAt = start;
    off.endsAt = start + random.bounded(1, 72) * 3600;
    return store.save(off) ? QStringLiteral("time off %1 saved").arg(off.id)
                           : QStringLiteral("time off refused");
}

QString TestLiveSchedule::difference(const Schedule &live) const
{
    const Store &store = m_temp->store();
    const std::unique_ptr<Schedule> fresh = VALUE_OF(
            ScheduleLoader::load(store, *VALUE_OF(store.salon(m_data.salon.id), {}), m_from, m_to),
            {});

    for (const Staff &staff : m_data.staff) {
        for (QDate date = FirstDay.addDays(-1); date < FirstDay.addDays(Days);
             date = date.addDays(1)) {
            if (live.workingSpans(staff.id, date) != fresh->workingSpans(staff.id, date))
                return QStringLiteral("working time of %1 on %2")
                        .arg(staff.id, date.toString(Qt::ISODate));
        }
    }

    const QString cut = m_data.services.at(0).id;
    const QString colour = m_data.services.at(1).id;
    const QString blowDry = m_data.services.at(2).id;
    QList<VisitRequest> requests = {{{cut}, {}}, {{colour}, {}}, {{colour, blowDry}, {}}};
    for (const Staff &staff : m_data.staff)
        requests.append({{cut, colour}, staff.id});
    for (const VisitRequest &request : requests) {
        if (AvailabilityFinder(live).freeSlots(request, m_from, m_to)
            != AvailabilityFinder(*fresh).freeSlots(request, m_from, m_to))
            return QStringLiteral("free slots for %1 with %2")
                    .arg(request.serviceIds.join(QLatin1Char('+')), request.staffId);
    }

    // Every booked visit checked against both: the same clashes, stylists and basins.
    for (const Appointment &a : VALUE_OF(store.appointments(m_data.salon.id, m_from, m_to), {})) {
        if (!holdsTime(a.status))
            continue;
        if (!live.appointment(a.id))
            return QStringLiteral("%1 missing").arg(a.id);
        if (sorted(ConflictChecker(live).check(a)) != sorted(ConflictChecker(*fresh).check(a)))
            return QStringLiteral("problems of %1").arg(a.id);
    }
    return {};
}

void TestLiveSchedule::answersLikeAScheduleReadFromScratch_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 2u, 3u, 4u})
        QTest::addRow("seed %u", seed) << seed;
}

void TestLiveSchedule::answersLikeAScheduleReadFromScratch()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    LiveSchedule live(m_temp->store(), m_data.salon.id);
    QVERIFY(live.schedule(m_from, m_to));

    QStringList done;
    for (int step = 0; step < 150; ++step) {
        done.append(change(random));
        const Result<const Schedule *> schedule = live.schedule(m_from, m_to);
        QVERIFY(schedule);
        const QString differs = difference(**schedule);
        QVERIFY2(differs.isEmpty(),
                 qPrintable(QStringLiteral("after step %1 (%2): %3 differs")
                                    .arg(step)
                                    .arg(done.mid(std::max<qsizetype>(0, done.size() - 5))
                                                 .join(QStringLiteral("; ")),
                                         differs)));
    }
    // Not one of those changes read the whole range again.
    QCOMPARE(live.loads(), 1);
}

void TestLiveSchedule::aStaffChangeReadsTheRangeAgain()
{
    LiveSchedule live(m_temp->store(), m_data.salon.id);
    QVERIFY(live.schedule(m_from, m_to));
    Staff tom = m_data.staff.at(1);
    tom.skills.removeFirst(); // no more cuts
    QVERIFY(m_temp->store().save(tom).ok());

    const Result<QList<Slot>> found =
            live.freeSlots({{m_data.services.at(0).id}, tom.id}, m_from, m_to);
    QVERIFY(found);
    QVERIFY(found->isEmpty());
    QCOMPARE(live.loads(), 2);
}

void TestLiveSchedule::anotherSalonsChangeIsIgnored()
{
    TestData other = TestData::small(QStringLiteral("salon-2"));
    QVERIFY(other.saveTo(m_temp->store()));
    LiveSchedule live(m_temp->store(), m_data.salon.id);
    QVERIFY(live.schedule(m_from, m_to));
    Staff stylist = other.staff.at(0);
    stylist.name = QStringLiteral("Renamed");
    QVERIFY(m_temp->store().save(stylist).ok());

    QVERIFY(live.schedule(m_from, m_to));
    QCOMPARE(live.loads(), 1);
}

void TestLiveSchedule::rotaOnlyFollowsTheRotaAlone()
{
    // The day view's kind: who works when, in step with every change to the
    // rota; visits neither held nor a reason to read again.
    QRandomGenerator random(5);
    const Store &store = m_temp->store();
    LiveSchedule live(m_temp->store(), m_data.salon.id, ScheduleLoader::Appointments::Leave);
    QVERIFY(live.schedule(m_from, m_to));
    for (int step = 0; step < 150; ++step) {
        const QString done = change(random);
        // One day at a time, as the day view asks.
        const QDate date = FirstDay.addDays(step % Days);
        const Result<const Schedule *> schedule =
                live.schedule(at(date, 0), at(date.addDays(1), 0));
        QVERIFY(schedule);
        const std::optional<Salon> salon = VALUE_OF(store.salon(m_data.salon.id));
        QVERIFY(salon);
        const std::unique_ptr<Schedule> fresh = VALUE_OF(ScheduleLoader::load(
                store, *salon, m_from, m_to, ScheduleLoader::Appointments::Leave));
        for (const Staff &staff : m_data.staff) {
            for (QDate day = FirstDay; day < FirstDay.addDays(Days); day = day.addDays(1)) {
                QVERIFY2((*schedule)->workingSpans(staff.id, day)
                                 == fresh->workingSpans(staff.id, day),
                         qPrintable(QStringLiteral("after step %1 (%2): working time of %3 on %4")
                                            .arg(step)
                                            .arg(done, staff.id, day.toString(Qt::ISODate))));
            }
        }
        const QList<Appointment> booked =
                VALUE_OF(store.appointments(m_data.salon.id, m_from, m_to));
        for (const Appointment &a : booked)
            QVERIFY(!(*schedule)->appointment(a.id));
    }
    QCOMPARE(live.loads(), 1);
}

QTEST_GUILESS_MAIN(TestLiveSchedule)
#include "tst_liveschedule.moc"
