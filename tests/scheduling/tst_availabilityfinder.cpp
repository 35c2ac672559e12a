#include "salonfixture.h"
#include "scheduling/availabilityfinder.h"
#include "scheduling/conflictchecker.h"
#include "scheduling/visitplanner.h"

#include <QTest>

using namespace chairside;
using namespace chairside::fixture;

class TestAvailabilityFinder : public QObject
{
    Q_OBJECT

private slots:
    void freeSlots_data();
    void freeSlots();
    void slotShape_data();
    void slotShape();
    void sortedAndLimited();
    void nothingToOffer_data();
    void nothingToOffer();
    void agreesWithChecker_data();
    void agreesWithChecker();
    void followsChanges();
};

static QStringList keys(const QList<Slot> &offeredSlots)
{
    QStringList out;
    for (const Slot &s : offeredSlots)
        out.append(local(s.startsAt) + QLatin1Char(' ') + s.staffId);
    return out;
}

void TestAvailabilityFinder::freeSlots_data()
{
    QTest::addColumn<QStringList>("services");
    QTest::addColumn<QString>("staffId");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("changes");
    QTest::addColumn<QStringList>("present"); // "yyyy-MM-ddTHH:mm staff"
    QTest::addColumn<QStringList>("absent");
    QTest::addColumn<int>("count"); // -1: not checked

    const QString tue = QStringLiteral("2026-12-01T");
    auto on = [](const QString &day, std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *item : items)
            out.append(day + QLatin1String(item));
        return out;
    };
    const QStringList cut{QStringLiteral("cut")};
    const QStringList colour{QStringLiteral("colour")};
    const QStringList fringe{QStringLiteral("fringe")};
    const QString mia = QStringLiteral("mia");

    QTest::addRow("a plain day with a break")
            << cut << mia << tue + QLatin1String("00:00") << QStringLiteral("2026-12-02T00:00")
            << QStringList() << on(tue, {"09:00 mia", "12:15 mia", "13:30 mia", "16:15 mia"})
            << on(tue, {"08:45 mia", "12:30 mia", "13:15 mia", "16:30 mia"}) << 26;
    QTest::addRow("a second client fits in the first's processing time")
            << fringe << mia << tue + QLatin1String("08:00") << tue + QLatin1String("18:00")
            << QStringList{QStringLiteral("mia:colour@2026-12-01T10:00")}
            << on(tue, {"09:45 mia", "10:30 mia", "10:45 mia", "11:45 mia"})
            << on(tue, {"10:00 mia", "10:15 mia", "11:00 mia", "11:30 mia"}) << -1;
    QTest::addRow("a cut is too long for the processing time")
            << cut << mia << tue + QLatin1String("08:00") << tue + QLatin1String("18:00")
            << QStringList{QStringLiteral("mia:colour@2026-12-01T10:00")}
            << on(tue, {"09:15 mia", "11:45 mia"})
            << on(tue, {"09:30 mia", "10:30 mia", "11:30 mia"}) << -1;
    QTest::addRow("back-to-back is allowed")
            << cut << mia << tue + QLatin1String("08:00") << tue + QLatin1String("18:00")
            << QStringList{QStringLiteral("mia:cut@2026-12-01T10:00")}
            << on(tue, {"09:15 mia", "10:45 mia"})
            << on(tue, {"09:30 mia", "10:00 mia", "10:30 mia"}) << -1;
    QTest::addRow("another visit's buffer keeps the stylist")
            << cut << mia << tue + QLatin1String("08:00") << tue + QLatin1String("18:00")
            << QStringList{QStringLiteral("mia:washcut@2026-12-01T10:00")}
            << on(tue, {"09:15 mia", "10:45 mia"}) << on(tue, {"10:30 mia"}) << -1;
    QTest::addRow("the visit's own buffer must fit the shift")
            << QStringList{QStringLiteral("washcut")} << mia << tue + QLatin1String("08:00")
            << tue + QLatin1String("18:00") << QStringList() << on(tue, {"12:15 mia", "16:15 mia"})
            << on(tue, {"12:30 mia", "16:30 mia"}) << -1;
    QTest::addRow("one basin, taken")
            << colour << mia << tue + QLatin1String("08:00") << tue + QLatin1String("18:00")
            << QStringList{QStringLiteral("tom:colour@2026-12-01T10:00")}
            << on(tue, {"09:30 mia", "10:30 mia"})
            << on(tue, {"09:45 mia", "10:00 mia", "10:15 mia"}) << -1;
    QTest::addRow("two basins, one taken")
            << colour << mia << tue + QLatin1String("08:00") << tue + QLatin1String("18:00")
            << QStringList{QStringLiteral("tom:colour@2026-12-01T10:00"), QStringLiteral("basin2")}
            << on(tue, {"09:45 mia", "10:00 mia", "10:15 mia"}) << QStringList() << -1;
    QTest::addRow("two basins, both taken")
            << colour << mia << tue + QLatin1String("08:00") << tue + QLatin1String("18:00")
            << QStringList{QStringLiteral("tom:colour@2026-12-01T10:00"),
                           QStringLiteral("ivy:colour@2026-12-01T10:00"), QStringLiteral("basin2")}
            << on(tue, {"09:30 mia", "10:30 mia"})
            << on(tue, {"09:45 mia", "10:00 mia", "10:15 mia"}) << -1;
    QTest::addRow("processing holds its resource")
            << QStringList{QStringLiteral("toner")} << mia << tue + QLatin1String("08:00")
            << tue + QLatin1String("18:00")
            << QStringList{QStringLiteral("tom:toner@2026-12-01T10:00")}
            << on(tue, {"09:30 mia", "10:30 mia"})
            << on(tue, {"09:45 mia", "10:00 mia", "10:15 mia"}) << -1;
    QTest::addRow("day off exception")
            << cut << mia << tue + QLatin1String("00:00") << QStringLiteral("2026-12-02T00:00")
            << QStringList{QStringLiteral("dayoff")} << QStringList() << QStringList() << 0;
    QTest::addRow("changed hours exception")
            << cut << mia << tue + QLatin1String("00:00") << QStringLiteral("2026-12-02T00:00")
            << QStringList{QStringLiteral("changed")}
            << on(tue, {"12:00 mia", "14:15 mia", "15:15 mia", "19:15 mia"})
            << on(tue, {"09:00 mia", "11:45 mia", "14:30 mia", "15:00 mia", "19:30 mia"}) << -1;
    QTest::addRow("fortnightly rota, on week")
            << cut << QStringLiteral("zoe") << QStringLiteral("2026-12-05T00:00")
            << QStringLiteral("2026-12-06T00:00") << QStringList()
            << on(QStringLiteral("2026-12-05T"), {"10:00 zoe", "15:15 zoe"})
            << on(QStringLiteral("2026-12-05T"), {"15:30 zoe"}) << 22;
    QTest::addRow("fortnightly rota, off week")
            << cut << QStringLiteral("zoe") << QStringLiteral("2026-12-12T00:00")
            << QStringLiteral("2026-12-13T00:00") << QStringList() << QStringList() << QStringList()
            << 0;
    QTest::addRow("time off") << cut << QStringLiteral("tom") << QStringLiteral("2026-12-15T00:00")
                              << QStringLiteral("2026-12-16T00:00") << QStringList()
                              << QStringList() << QStringList() << 0;
    QTest::addRow("23-hour day, local grid")
            << cut << QStringLiteral("ava") << QStringLiteral("2026-03-29T08:00")
            << QStringLiteral("2026-03-29T18:00") << QStringList()
            << on(QStringLiteral("2026-03-29T"), {"09:00 ava", "16:15 ava"})
            << on(QStringLiteral("2026-03-29T"), {"08:45 ava", "16:30 ava"}) << 30;
    QTest::addRow("25-hour day, local grid")
            << cut << QStringLiteral("ava") << QStringLiteral("2026-10-25T08:00")
            << QStringLiteral("2026-10-25T18:00") << QStringList()
            << on(QStringLiteral("2026-10-25T"), {"09:00 ava", "16:15 ava"})
            << on(QStringLiteral("2026-10-25T"), {"08:45 ava", "16:30 ava"}) << 30;
    QTest::addRow("night shift into summer time")
            << cut << QStringLiteral("ava") << QStringLiteral("2026-03-28T20:00")
            << QStringLiteral("2026-03-29T08:00") << QStringList()
            << QStringList{QStringLiteral("2026-03-28T22:00 ava"),
                           QStringLiteral("2026-03-29T00:45 ava"),
                           QStringLiteral("2026-03-29T02:00 ava"),
                           QStringLiteral("2026-03-29T05:15 ava")}
            << QStringList{QStringLiteral("2026-03-29T05:30 ava")} << 26;
    QTest::addRow("shift across midnight")
            << cut << QStringLiteral("ava") << QStringLiteral("2026-12-04T18:00")
            << QStringLiteral("2026-12-05T06:00") << QStringList()
            << QStringList{QStringLiteral("2026-12-04T20:00 ava"),
                           QStringLiteral("2026-12-04T23:45 ava"),
                           QStringLiteral("2026-12-05T01:15 ava")}
            << QStringList{QStringLiteral("2026-12-05T01:30 ava")} << 22;
    QTest::addRow("any stylist: only those with the skill")
            << colour << QString() << tue + QLatin1String("08:00") << tue + QLatin1String("18:00")
            << QStringList() << on(tue, {"09:00 mia"}) << on(tue, {"09:00 tom", "09:00 ivy"}) << -1;
    QTest::addRow("given stylist without the skill")
            << colour << QStringLiteral("tom") << tue + QLatin1String("08:00")
            << tue + QLatin1String("18:00") << QStringList() << QStringList() << QStringList() << 0;
    QTest::addRow("stylist's own timing")
            << cut << QString() << tue + QLatin1String("08:00") << tue + QLatin1String("18:00")
            << QStringList() << on(tue, {"16:30 tom", "16:15 mia"})
            << on(tue, {"16:30 mia", "09:00 ivy"}) << -1;
    QTest::addRow("inactive stylist asked by name")
            << cut << QStringLiteral("ivy") << tue + QLatin1String("08:00")
            << tue + QLatin1String("18:00") << QStringList() << QStringList() << QStringList() << 0;
    QTest::addRow("two services; processing may run over a break")
            << QStringList{QStringLiteral("colour"), QStringLiteral("cut")} << mia
            << tue + QLatin1String("08:00") << tue + QLatin1String("18:00") << QStringList()
            << on(tue, {"09:00 mia", "12:30 mia", "14:30 mia"})
            << on(tue, {"11:15 mia", "11:45 mia", "12:15 mia", "14:45 mia"}) << -1;
}

void TestAvailabilityFinder::freeSlots()
{
    QFETCH(QStringList, services);
    QFETCH(QString, staffId);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, changes);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    QFETCH(int, count);

    const Schedule schedule(withChanges(changes));
    const QList<Slot> offeredSlots =
            AvailabilityFinder(schedule).freeSlots({services, staffId}, at(from), at(to), 15);
    const QStringList found = keys(offeredSlots);
    for (const QString &key : std::as_const(present))
        QVERIFY2(found.contains(key),
                 qPrintable(key + QLatin1String(" missing from ") + found.join(u',')));
    for (const QString &key : std::as_const(absent))
        QVERIFY2(!found.contains(key), qPrintable(key + QLatin1String(" should not be offered")));
    if (count >= 0)
        QCOMPARE(offeredSlots.size(), count);
    for (const Slot &slot : offeredSlots) {
        QVERIFY(slot.startsAt >= at(from) && slot.startsAt < at(to));
        QCOMPARE(QDateTime::fromSecsSinceEpoch(slot.startsAt, london()).time().minute() % 15, 0);
    }
}

void TestAvailabilityFinder::slotShape_data()
{
    QTest::addColumn<QStringList>("services");
    QTest::addColumn<QString>("staffId");
    QTest::addColumn<int>("minutes");

    QTest::addRow("buffer not included")
            << QStringList{QStringLiteral("washcut")} << QStringLiteral("mia") << 30;
    QTest::addRow("own timing") << QStringList{QStringLiteral("cut")} << QStringLiteral("tom")
                                << 30;
    QTest::addRow("service's timing")
            << QStringList{QStringLiteral("cut")} << QStringLiteral("mia") << 45;
    QTest::addRow("two services") << QStringList{QStringLiteral("colour"), QStringLiteral("cut")}
                                  << QStringLiteral("mia") << 140;
    QTest::addRow("buffer between services counts")
            << QStringList{QStringLiteral("washcut"), QStringLiteral("fringe")}
            << QStringLiteral("mia") << 60;
}

void TestAvailabilityFinder::slotShape()
{
    QFETCH(QStringList, services);
    QFETCH(QString, staffId);
    QFETCH(int, minutes);
    const Schedule schedule(salon());
    const QList<Slot> offeredSlots = AvailabilityFinder(schedule).freeSlots(
            {services, staffId}, at(QStringLiteral("2026-12-01T00:00")),
            at(QStringLiteral("2026-12-02T00:00")));
    QVERIFY(!offeredSlots.isEmpty());
    QCOMPARE(local(offeredSlots.first().startsAt), QStringLiteral("2026-12-01T09:00"));
    for (const Slot &slot : offeredSlots)
        QCOMPARE(slot.endsAt - slot.startsAt, qint64(minutes) * 60);
}

void TestAvailabilityFinder::sortedAndLimited()
{
    const Schedule schedule(salon());
    const AvailabilityFinder finder(schedule);
    const VisitRequest cut{{QStringLiteral("cut")}, {}};
    const qint64 from = at(QStringLiteral("2026-12-01T00:00"));
    const qint64 to = at(QStringLiteral("2026-12-08T00:00"));
    const QList<Slot> all = finder.freeSlots(cut, from, to);
    const QList<Slot> five = finder.freeSlots(cut, from, to, 15, 5);
    QCOMPARE(keys(five),
             (QStringList{
                     QStringLiteral("2026-12-01T09:00 mia"), QStringLiteral("2026-12-01T09:00 tom"),
                     QStringLiteral("2026-12-01T09:15 mia"), QStringLiteral("2026-12-01T09:15 tom"),
                     QStringLiteral("2026-12-01T09:30 mia")}));
    QCOMPARE(all.mid(0, 5), five);
    for (qsizetype i = 1; i < all.size(); ++i)
        QVERIFY(all[i - 1].startsAt <= all[i].startsAt);
    // Hourly grid: fewer, all on the hour.
    const QList<Slot> hourly = finder.freeSlots(cut, from, to, 60);
    QVERIFY(!hourly.isEmpty() && hourly.size() < all.size());
    for (const Slot &slot : hourly)
        QCOMPARE(QDateTime::fromSecsSinceEpoch(slot.startsAt, london()).time().minute(), 0);
}

void TestAvailabilityFinder::nothingToOffer_data()
{
    QTest::addColumn<QStringList>("services");
    QTest::addColumn<QString>("staffId");
    QTest::addColumn<int>("step");
    QTest::addColumn<bool>("inactiveService");

    QTest::addRow("no services") << QStringList() << QString() << 15 << false;
    QTest::addRow("unknown service")
            << QStringList{QStringLiteral("perm")} << QString() << 15 << false;
    QTest::addRow("unknown stylist")
            << QStringList{QStringLiteral("cut")} << QStringLiteral("bob") << 15 << false;
    QTest::addRow("no grid") << QStringList{QStringLiteral("cut")} << QString() << 0 << false;
    QTest::addRow("service no longer offered")
            << QStringList{QStringLiteral("cut")} << QString() << 15 << true;
}

void TestAvailabilityFinder::nothingToOffer()
{
    QFETCH(QStringList, services);
    QFETCH(QString, staffId);
    QFETCH(int, step);
    QFETCH(bool, inactiveService);
    Schedule::Inputs in = salon();
    in.services[0].active = !inactiveService;
    const Schedule schedule(in);
    QVERIFY(AvailabilityFinder(schedule)
                    .freeSlots({services, staffId}, at(QStringLiteral("2026-12-01T00:00")),
                               at(QStringLiteral("2026-12-08T00:00")), step)
                    .isEmpty());
}

void TestAvailabilityFinder::agreesWithChecker_data()
{
    QTest::addColumn<QStringList>("services");
    QTest::addColumn<QString>("staffId");
    QTest::addColumn<QString>("day");
    QTest::addColumn<QStringList>("changes");

    const QStringList busyDay{QStringLiteral("mia:colour@2026-12-01T10:00"),
                              QStringLiteral("mia:washcut@2026-12-01T14:00"),
                              QStringLiteral("tom:colour@2026-12-01T11:00"),
                              QStringLiteral("tom:cut@2026-12-01T15:30"),
                              QStringLiteral("tom:toner@2026-12-01T09:00")};
    for (const char *staff : {"mia", "tom"}) {
        for (const QStringList &services :
             {QStringList{QStringLiteral("cut")}, QStringList{QStringLiteral("fringe")},
              QStringList{QStringLiteral("colour"), QStringLiteral("cut")},
              QStringList{QStringLiteral("washcut"), QStringLiteral("fringe")},
              QStringList{QStringLiteral("toner"), QStringLiteral("colour")}}) {
            QTest::addRow("%s %s", staff, qPrintable(services.join(u'+')))
                    << services << QString::fromLatin1(staff) << QStringLiteral("2026-12-01")
                    << busyDay;
        }
    }
    QTest::addRow("night shift, 23-hour day")
            << QStringList{QStringLiteral("cut")} << QStringLiteral("ava")
            << QStringLiteral("2026-03-28") << QStringList();
    QTest::addRow("25-hour day") << QStringList{QStringLiteral("cut")} << QStringLiteral("ava")
                                 << QStringLiteral("2026-10-25") << QStringList();
}

// Every grid start of the day: offered exactly when the checker finds no problem.
void TestAvailabilityFinder::agreesWithChecker()
{
    QFETCH(QStringList, services);
    QFETCH(QString, staffId);
    QFETCH(QString, day);
    QFETCH(QStringList, changes);

    const Schedule schedule(withChanges(changes));
    const qint64 from = at(day + QLatin1String("T00:00"));
    const qint64 to = at(QDate::fromString(day, Qt::ISODate).addDays(1).toString(Qt::ISODate)
                         + QLatin1String("T00:00"));
    const QList<Slot> offeredSlots =
            AvailabilityFinder(schedule).freeSlots({services, staffId}, from, to, 5);
    QList<qint64> offered;
    for (const Slot &s : offeredSlots)
        offered.append(s.startsAt);

    QList<VisitPlanner::LineRequest> lines;
    for (const QString &service : services)
        lines.append({service, staffId});
    const VisitPlanner planner(schedule);
    const ConflictChecker checker(schedule);
    int fits = 0;
    for (qint64 t = from; t < to; t += 5 * 60) {
        const auto planned = planner.plan(lines, t);
        QVERIFY(planned.ok());
        Appointment proposed;
        proposed.id = QStringLiteral("proposed");
        proposed.lines = *planned;
        const BookingProblems problems = checker.check(proposed);
        const bool free = problems.isEmpty();
        fits += free;
        QVERIFY2(free == offered.contains(t),
                 qPrintable(
                         local(t)
                         + (free ? QLatin1String(" fits but is not offered")
                                 : QLatin1String(" is offered but: ") + problems.first().message)));
    }
    QCOMPARE(fits, offered.size());
}

void TestAvailabilityFinder::followsChanges()
{
    Schedule::Inputs in = salon();
    Schedule schedule(in);
    const AvailabilityFinder finder(schedule);
    const VisitRequest cut{{QStringLiteral("cut")}, QStringLiteral("mia")};
    const qint64 from = at(QStringLiteral("2026-12-01T10:00"));
    const qint64 to = at(QStringLiteral("2026-12-01T10:15"));
    QCOMPARE(finder.freeSlots(cut, from, to).size(), 1);
    schedule.addAppointment(visit(in, QStringLiteral("x"), QStringLiteral("mia"),
                                  QStringLiteral("cut"), QStringLiteral("2026-12-01T10:30")));
    QCOMPARE(finder.freeSlots(cut, from, to).size(), 0);
    schedule.removeAppointment(QStringLiteral("x"));
    QCOMPARE(finder.freeSlots(cut, from, to).size(), 1);

    // The basin is freed when the visit using it goes.
    const VisitRequest colour{{QStringLiteral("colour")}, QStringLiteral("mia")};
    schedule.addAppointment(visit(in, QStringLiteral("y"), QStringLiteral("tom"),
                                  QStringLiteral("colour"), QStringLiteral("2026-12-01T10:00")));
    QCOMPARE(finder.freeSlots(colour, from, to).size(), 0);
    Appointment cancelled = *schedule.appointment(QStringLiteral("y"));
    cancelled.status = AppointmentStatus::Cancelled;
    schedule.addAppointment(cancelled);
    QCOMPARE(finder.freeSlots(colour, from, to).size(), 1);
}

QTEST_GUILESS_MAIN(TestAvailabilityFinder)
#include "tst_availabilityfinder.moc"
