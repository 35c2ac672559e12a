// Which waitlist entries freed time can serve (WaitlistFit), and what time a
// change to a visit frees (WaitlistOffers::freedBy).

#include "booking/waitlistoffers.h"
#include "scheduling/waitlistfit.h"

#include <QDateTime>
#include <QTest>

Q_DECLARE_METATYPE(chairside::WaitlistEntry)
Q_DECLARE_METATYPE(chairside::Slot)
Q_DECLARE_METATYPE(chairside::FreedTime)
Q_DECLARE_METATYPE(chairside::Change)

using namespace chairside;

namespace {

const QTimeZone London("Europe/London");
const QDate Day(2026, 12, 1);

qint64 at(int dayOffset, int hour, int minute = 0)
{
    return QDateTime(Day.addDays(dayOffset), QTime(hour, minute), London).toSecsSinceEpoch();
}

WaitlistEntry entry(const QString &staffId, int fromOffset, int toOffset)
{
    WaitlistEntry e;
    e.id = QStringLiteral("wait-1");
    e.salonId = QStringLiteral("salon-1");
    e.clientId = QStringLiteral("client-1");
    e.serviceIds = {QStringLiteral("cut")};
    e.staffId = staffId;
    e.earliest = Day.addDays(fromOffset);
    e.latest = Day.addDays(toOffset);
    return e;
}

// Anna's 14:00–15:00 on Day, given back.
FreedTime annasAfternoon(const QStringList &staffIds = {QStringLiteral("anna")})
{
    return {QStringLiteral("salon-1"), staffIds, at(0, 14), at(0, 15)};
}

} // namespace

class TestWaitlistFit : public QObject
{
    Q_OBJECT

private slots:
    void fits_data();
    void fits();
    void couldFit_data();
    void couldFit();
    void freedBy_data();
    void freedBy();
};

void TestWaitlistFit::fits_data()
{
    QTest::addColumn<WaitlistEntry>("entry");
    QTest::addColumn<Slot>("slot");
    QTest::addColumn<FreedTime>("freed");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<bool>("expected");

    const QString anna = QStringLiteral("anna");
    const QString ben = QStringLiteral("ben");
    const qint64 morning = at(0, 8);
    QTest::addRow("anyone, at the start of the freed time")
            << entry({}, 0, 3) << Slot{at(0, 14), at(0, 14, 45), anna} << annasAfternoon()
            << morning << true;
    QTest::addRow("the stylist asked for")
            << entry(anna, 0, 3) << Slot{at(0, 14, 30), at(0, 15, 15), anna} << annasAfternoon()
            << morning << true;
    QTest::addRow("another stylist asked for")
            << entry(ben, 0, 3) << Slot{at(0, 14), at(0, 14, 45), anna} << annasAfternoon()
            << morning << false;
    QTest::addRow("a slot of someone whose time was not freed")
            << entry({}, 0, 3) << Slot{at(0, 14), at(0, 14, 45), ben} << annasAfternoon() << morning
            << false;
    QTest::addRow("whose time unknown (a move): anyone's slot")
            << entry({}, 0, 3) << Slot{at(0, 14), at(0, 14, 45), ben} << annasAfternoon({})
            << morning << true;
    QTest::addRow("starts before the freed time")
            << entry({}, 0, 3) << Slot{at(0, 13, 45), at(0, 14, 30), anna} << annasAfternoon()
            << morning << false;
    QTest::addRow("starts as the freed time ends")
            << entry({}, 0, 3) << Slot{at(0, 15), at(0, 15, 45), anna} << annasAfternoon()
            << morning << false;
    QTest::addRow("last day of the window")
            << entry({}, -3, 0) << Slot{at(0, 14), at(0, 14, 45), anna} << annasAfternoon()
            << morning << true;
    QTest::addRow("window starts the day after")
            << entry({}, 1, 5) << Slot{at(0, 14), at(0, 14, 45), anna} << annasAfternoon()
            << morning << false;
    QTest::addRow("window ended the day before")
            << entry({}, -5, -1) << Slot{at(0, 14), at(0, 14, 45), anna} << annasAfternoon()
            << morning << false;
    QTest::addRow("already started") << entry({}, 0, 3) << Slot{at(0, 14), at(0, 14, 45), anna}
                                     << annasAfternoon() << at(0, 14, 10) << false;
    WaitlistEntry otherSalon = entry({}, 0, 3);
    otherSalon.salonId = QStringLiteral("salon-2");
    QTest::addRow("another salon's entry") << otherSalon << Slot{at(0, 14), at(0, 14, 45), anna}
                                           << annasAfternoon() << morning << false;
}

void TestWaitlistFit::fits()
{
    QFETCH(WaitlistEntry, entry);
    QFETCH(Slot, slot);
    QFETCH(FreedTime, freed);
    QFETCH(qint64, now);
    QFETCH(bool, expected);
    QCOMPARE(WaitlistFit::fits(entry, slot, freed, London, now), expected);
}

void TestWaitlistFit::couldFit_data()
{
    QTest::addColumn<WaitlistEntry>("entry");
    QTest::addColumn<FreedTime>("freed");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<bool>("expected");

    const qint64 morning = at(0, 8);
    QTest::addRow("window holds the day") << entry({}, 0, 0) << annasAfternoon() << morning << true;
    QTest::addRow("window misses the day")
            << entry({}, 1, 2) << annasAfternoon() << morning << false;
    QTest::addRow("the stylist freed")
            << entry(QStringLiteral("anna"), 0, 0) << annasAfternoon() << morning << true;
    QTest::addRow("another stylist")
            << entry(QStringLiteral("ben"), 0, 0) << annasAfternoon() << morning << false;
    QTest::addRow("freed time over") << entry({}, 0, 0) << annasAfternoon() << at(0, 15) << false;
    QTest::addRow("half of it left")
            << entry({}, 0, 0) << annasAfternoon() << at(0, 14, 30) << true;
    WaitlistEntry noServices = entry({}, 0, 0);
    noServices.serviceIds.clear();
    QTest::addRow("no services") << noServices << annasAfternoon() << morning << false;
}

void TestWaitlistFit::couldFit()
{
    QFETCH(WaitlistEntry, entry);
    QFETCH(FreedTime, freed);
    QFETCH(qint64, now);
    QFETCH(bool, expected);
    QCOMPARE(WaitlistFit::couldFit(entry, freed, London, now), expected);
}

void TestWaitlistFit::freedBy_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<int>("status"); // -1: the appointment is gone
    QTest::addColumn<bool>("frees");
    QTest::addColumn<qint64>("startsAt");
    QTest::addColumn<QStringList>("staffIds");

    auto change = [](Change::Op op, qint64 start, qint64 end, qint64 previousStart,
                     qint64 previousEnd) {
        Change c;
        c.entity = Entity::Appointment;
        c.op = op;
        c.id = QStringLiteral("appt-1");
        c.salonId = QStringLiteral("salon-1");
        c.startsAt = start;
        c.endsAt = end;
        c.previousStartsAt = previousStart;
        c.previousEndsAt = previousEnd;
        return c;
    };
    const Change same = change(Change::Op::Upserted, at(0, 14), at(0, 15), at(0, 14), at(0, 15));
    const QStringList anna = {QStringLiteral("anna")};
    QTest::addRow("cancelled") << same << int(AppointmentStatus::Cancelled) << true << at(0, 14)
                               << anna;
    QTest::addRow("no-show") << same << int(AppointmentStatus::NoShow) << true << at(0, 14) << anna;
    QTest::addRow("confirmed, same time")
            << same << int(AppointmentStatus::Confirmed) << false << qint64(0) << QStringList();
    QTest::addRow("moved later") << change(Change::Op::Upserted, at(1, 10), at(1, 11), at(0, 14),
                                           at(0, 15))
                                 << int(AppointmentStatus::Booked) << true << at(0, 14)
                                 << QStringList();
    QTest::addRow("new booking") << change(Change::Op::Upserted, at(0, 14), at(0, 15), 0, 0)
                                 << int(AppointmentStatus::Booked) << false << qint64(0)
                                 << QStringList();
    QTest::addRow("removed") << change(Change::Op::Removed, 0, 0, at(0, 14), at(0, 15)) << -1
                             << true << at(0, 14) << QStringList();
    Change client = same;
    client.entity = Entity::Client;
    QTest::addRow("a client saved") << client << -1 << false << qint64(0) << QStringList();
}

void TestWaitlistFit::freedBy()
{
    QFETCH(Change, change);
    QFETCH(int, status);
    QFETCH(bool, frees);
    QFETCH(qint64, startsAt);
    QFETCH(QStringList, staffIds);

    std::optional<Appointment> appointment;
    if (status >= 0) {
        Appointment a;
        a.id = change.id;
        a.salonId = change.salonId;
        a.status = AppointmentStatus(status);
        ServiceLine line;
        line.serviceId = QStringLiteral("cut");
        line.staffId = QStringLiteral("anna");
        line.segments.append({SegmentKind::Busy, change.startsAt, change.endsAt, {}});
        a.lines.append(line);
        appointment = a;
    }
    const std::optional<FreedTime> freed = WaitlistOffers::freedBy(change, appointment);
    QCOMPARE(freed.has_value(), frees);
    if (freed) {
        QCOMPARE(freed->startsAt, startsAt);
        QCOMPARE(freed->staffIds, staffIds);
        QCOMPARE(freed->salonId, QStringLiteral("salon-1"));
    }
}

QTEST_GUILESS_MAIN(TestWaitlistFit)
#include "tst_waitlistfit.moc"
