#include "salonfixture.h"

#include "domain/salontime.h"

#include <QTest>

using namespace chairside;
using namespace chairside::fixture;

class TestSchedule : public QObject
{
    Q_OBJECT

private slots:
    void workingSpans_data();
    void workingSpans();
    void toUtcOnDaylightSavingDays_data();
    void toUtcOnDaylightSavingDays();
    void midnightSkipped();
    void toUtcKeepsTheSalonTimePolicy_data();
    void toUtcKeepsTheSalonTimePolicy();
    void appointmentsComeAndGo();
    void lookups();
};

// Spans as "HH:mm-HH:mm" in London time, comma separated.
static QString describe(const QList<Schedule::Span> &spans)
{
    QStringList parts;
    for (const Schedule::Span &s : spans) {
        parts.append(
                QDateTime::fromSecsSinceEpoch(s.start, london()).toString(QStringLiteral("HH:mm"))
                + QLatin1Char('-')
                + QDateTime::fromSecsSinceEpoch(s.end, london()).toString(QStringLiteral("HH:mm")));
    }
    return parts.join(QLatin1Char(','));
}

static qint64 seconds(const QList<Schedule::Span> &spans)
{
    qint64 total = 0;
    for (const Schedule::Span &s : spans)
        total += s.end - s.start;
    return total;
}

void TestSchedule::workingSpans_data()
{
    QTest::addColumn<QString>("staffId");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("hours");      // real hours worked (in UTC terms)
    QTest::addColumn<QString>("change"); // what the row adds to the salon

    QTest::addRow("weekday with a break")
            << "mia" << QDate(2026, 12, 1) << "09:00-13:00,13:30-17:00" << 0 << "";
    QTest::addRow("no shift on Monday") << "mia" << QDate(2026, 11, 30) << "" << 0 << "";
    QTest::addRow("day off exception") << "mia" << QDate(2026, 12, 1) << "" << 0 << "dayoff";
    QTest::addRow("changed hours exception")
            << "mia" << QDate(2026, 12, 1) << "12:00-15:00,15:15-20:00" << 0 << "changed";
    QTest::addRow("exception on another day leaves this one")
            << "mia" << QDate(2026, 12, 2) << "09:00-13:00,13:30-17:00" << 0 << "dayoff";
    QTest::addRow("time off takes the whole day") << "tom" << QDate(2026, 12, 15) << "" << 0 << "";
    QTest::addRow("part-day time off") << "mia" << QDate(2026, 12, 1)
                                       << "09:00-13:00,13:30-14:00,16:00-17:00" << 0 << "timeoff";
    QTest::addRow("fortnightly: on week")
            << "zoe" << QDate(2026, 12, 5) << "10:00-16:00" << 6 << "";
    QTest::addRow("fortnightly: off week") << "zoe" << QDate(2026, 12, 12) << "" << 0 << "";
    QTest::addRow("fortnightly: on again")
            << "zoe" << QDate(2026, 12, 19) << "10:00-16:00" << 6 << "";
    QTest::addRow("fortnightly: before the anchor week")
            << "zoe" << QDate(2026, 11, 21) << "10:00-16:00" << 6 << "";
    QTest::addRow("valid until ends the pattern")
            << "mia" << QDate(2026, 12, 8) << "" << 0 << "until";
    QTest::addRow("23-hour day keeps 8 hours")
            << "ava" << QDate(2026, 3, 29) << "09:00-17:00" << 8 << "";
    QTest::addRow("25-hour day keeps 8 hours")
            << "ava" << QDate(2026, 10, 25) << "09:00-17:00" << 8 << "";
    QTest::addRow("ordinary Sunday") << "ava" << QDate(2026, 11, 29) << "09:00-17:00" << 8 << "";
    QTest::addRow("across midnight") << "ava" << QDate(2026, 12, 4) << "20:00-02:00" << 6 << "";
    QTest::addRow("across midnight into summer time")
            << "ava" << QDate(2026, 3, 28) << "22:00-06:00" << 7 << "";
    QTest::addRow("across midnight into winter time")
            << "ava" << QDate(2026, 10, 24) << "22:00-06:00" << 9 << "";
    QTest::addRow("unknown stylist") << "nobody" << QDate(2026, 12, 1) << "" << 0 << "";
}

void TestSchedule::workingSpans()
{
    QFETCH(QString, staffId);
    QFETCH(QDate, date);
    QFETCH(QString, expected);
    QFETCH(int, hours);
    QFETCH(QString, change);

    const Schedule schedule(withChanges({change}));
    const QList<Schedule::Span> spans = schedule.workingSpans(staffId, date);
    QCOMPARE(describe(spans), expected);
    if (hours > 0)
        QCOMPARE(seconds(spans), qint64(hours) * 3600);
    for (qsizetype i = 1; i < spans.size(); ++i)
        QVERIFY(spans[i - 1].end < spans[i].start);
}

void TestSchedule::toUtcOnDaylightSavingDays_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("minute");
    QTest::addColumn<QString>("utc");

    QTest::addRow("winter") << QDate(2026, 12, 1) << 10 * 60 << "2026-12-01T10:00:00Z";
    QTest::addRow("summer") << QDate(2026, 7, 1) << 10 * 60 << "2026-07-01T09:00:00Z";
    QTest::addRow("spring day, before the change")
            << QDate(2026, 3, 29) << 30 << "2026-03-29T00:30:00Z";
    QTest::addRow("spring day, skipped hour moves forward")
            << QDate(2026, 3, 29) << 90 << "2026-03-29T01:30:00Z";
    QTest::addRow("spring day, after the change")
            << QDate(2026, 3, 29) << 9 * 60 << "2026-03-29T08:00:00Z";
    QTest::addRow("autumn day, repeated hour takes the first")
            << QDate(2026, 10, 25) << 90 << "2026-10-25T00:30:00Z";
    QTest::addRow("autumn day, after the change")
            << QDate(2026, 10, 25) << 9 * 60 << "2026-10-25T09:00:00Z";
    QTest::addRow("past midnight") << QDate(2026, 3, 28) << 30 * 60 << "2026-03-29T05:00:00Z";
}

void TestSchedule::toUtcOnDaylightSavingDays()
{
    QFETCH(QDate, date);
    QFETCH(int, minute);
    QFETCH(QString, utc);
    const Schedule schedule(salon());
    QCOMPARE(QDateTime::fromSecsSinceEpoch(schedule.toUtc(date, minute), Qt::UTC)
                     .toString(Qt::ISODate),
             utc);
    // Twice, to read the cached day.
    QCOMPARE(QDateTime::fromSecsSinceEpoch(schedule.toUtc(date, minute), Qt::UTC)
                     .toString(Qt::ISODate),
             utc);
}

void TestSchedule::midnightSkipped()
{
    // Santiago moves from 00:00 straight to 01:00 on 6 September 2026: the
    // day starts at 01:00 and has 23 hours.
    Schedule::Inputs in = salon();
    in.salon.timeZone = QStringLiteral("America/Santiago");
    const Schedule schedule(in);
    const QTimeZone santiago("America/Santiago");
    const QDate day(2026, 9, 6);
    QCOMPARE(schedule.toLocal(schedule.toUtc(day, 0)).time(), QTime(1, 0));
    QCOMPARE(schedule.toLocal(schedule.toUtc(day, 9 * 60)).time(), QTime(9, 0));
    QCOMPARE(schedule.toUtc(day, 9 * 60) - schedule.toUtc(day.addDays(-1), 9 * 60), 23 * 3600);
    QCOMPARE(seconds(schedule.workingSpans(QStringLiteral("ava"), day)), 8 * 3600);
    QCOMPARE(schedule.localDate(schedule.toUtc(day, 0)), day);
    QVERIFY(santiago.isValid());
}

void TestSchedule::toUtcKeepsTheSalonTimePolicy_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDate>("date");
    QTest::addRow("London spring") << "Europe/London" << QDate(2026, 3, 29);
    QTest::addRow("London autumn") << "Europe/London" << QDate(2026, 10, 25);
    QTest::addRow("New York spring") << "America/New_York" << QDate(2026, 3, 8);
    QTest::addRow("Santiago midnight") << "America/Santiago" << QDate(2026, 9, 6);
    QTest::addRow("Lord Howe half hour") << "Australia/Lord_Howe" << QDate(2026, 10, 4);
}

void TestSchedule::toUtcKeepsTheSalonTimePolicy()
{
    // The schedule's cached conversion is a fast copy of SalonTime's policy
    // for generated times: the two agree on every minute of a change day.
    QFETCH(QString, zone);
    QFETCH(QDate, date);
    Schedule::Inputs in = salon();
    in.salon.timeZone = zone;
    const Schedule schedule(in);
    const QTimeZone tz(zone.toUtf8());
    for (int minute = 0; minute < 1440; ++minute) {
        const qint64 expected = SalonTime::ruleInstant(date, QTime(minute / 60, minute % 60), tz);
        if (schedule.toUtc(date, minute) != expected)
            QFAIL(qPrintable(QStringLiteral("%1 minute %2: %3, SalonTime says %4")
                                     .arg(zone)
                                     .arg(minute)
                                     .arg(schedule.toUtc(date, minute))
                                     .arg(expected)));
    }
}

void TestSchedule::appointmentsComeAndGo()
{
    Schedule::Inputs in = salon();
    Appointment cancelled = visit(in, QStringLiteral("a2"), QStringLiteral("mia"),
                                  QStringLiteral("cut"), QStringLiteral("2026-12-01T11:00"));
    cancelled.status = AppointmentStatus::Cancelled;
    in.appointments = {visit(in, QStringLiteral("a1"), QStringLiteral("mia"), QStringLiteral("cut"),
                             QStringLiteral("2026-12-01T10:00")),
                       cancelled};
    Schedule schedule(in);
    QVERIFY(schedule.appointment(QStringLiteral("a1")));
    QVERIFY(!schedule.appointment(QStringLiteral("a2")));

    Appointment moved = *schedule.appointment(QStringLiteral("a1"));
    moved.lines[0].segments[0].startsAt += 3600;
    moved.lines[0].segments[0].endsAt += 3600;
    schedule.addAppointment(moved);
    QCOMPARE(schedule.appointment(QStringLiteral("a1"))->lines[0].segments[0].startsAt,
             at(QStringLiteral("2026-12-01T11:00")));

    moved.status = AppointmentStatus::NoShow;
    schedule.addAppointment(moved);
    QVERIFY(!schedule.appointment(QStringLiteral("a1")));

    schedule.addAppointment(visit(in, QStringLiteral("a3"), QStringLiteral("tom"),
                                  QStringLiteral("cut"), QStringLiteral("2026-12-01T10:00")));
    QVERIFY(schedule.appointment(QStringLiteral("a3")));
    schedule.removeAppointment(QStringLiteral("a3"));
    QVERIFY(!schedule.appointment(QStringLiteral("a3")));
    schedule.removeAppointment(QStringLiteral("never-there"));
}

void TestSchedule::lookups()
{
    const Schedule schedule(salon());
    QCOMPARE(schedule.timeZone().id(), QByteArray("Europe/London"));
    QCOMPARE(schedule.staff().size(), 5);
    QCOMPARE(schedule.staffMember(QStringLiteral("mia"))->name, QStringLiteral("Mia"));
    QVERIFY(!schedule.staffMember(QStringLiteral("nobody")));
    QCOMPARE(schedule.service(QStringLiteral("colour"))->name, QStringLiteral("Colour"));
    QCOMPARE(schedule.resource(QStringLiteral("basin"))->count, 1);
    QCOMPARE(schedule.localDate(at(QStringLiteral("2026-10-25T00:30"))), QDate(2026, 10, 25));
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
