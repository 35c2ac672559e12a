#include "domain/salontime.h"

#include "testsupport.h"

#include <QTest>

using namespace chairside;
using chairside::testsupport::FixedClock;

namespace {

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

} // namespace

// Salon time: the zone, "today" from the injected clock, and the one policy
// for wall-clock times a clock change skips or repeats.
class TestSalonTime : public QObject
{
    Q_OBJECT
private slots:
    void todayIsTheSalonsDate_data();
    void todayIsTheSalonsDate();
    void skippedTimesAreRefused_data();
    void skippedTimesAreRefused();
    void repeatedTimesTakeTheFirst();
    void rulesMoveSkippedTimesForward_data();
    void rulesMoveSkippedTimesForward();
    void daysAreAsLongAsTheClocksSay_data();
    void daysAreAsLongAsTheClocksSay();
    void minutesCountWallClockTime();
    void unknownZoneIsUtc();
};

void TestSalonTime::todayIsTheSalonsDate_data()
{
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDate>("today");
    QTest::addRow("London evening")
            << at("2026-11-29T23:30:00Z") << "Europe/London" << QDate(2026, 11, 29);
    QTest::addRow("Auckland is tomorrow")
            << at("2026-11-29T23:30:00Z") << "Pacific/Auckland" << QDate(2026, 11, 30);
    QTest::addRow("Los Angeles is yesterday")
            << at("2026-11-30T03:00:00Z") << "America/Los_Angeles" << QDate(2026, 11, 29);
    QTest::addRow("London summer midnight")
            << at("2026-06-30T23:00:00Z") << "Europe/London" << QDate(2026, 7, 1);
}

void TestSalonTime::todayIsTheSalonsDate()
{
    QFETCH(QDateTime, now);
    QFETCH(QString, zone);
    QFETCH(QDate, today);
    const FixedClock clock(now);
    const SalonTime time(QTimeZone(zone.toUtf8()), clock);
    QCOMPARE(time.today(), today);
    QCOMPARE(time.now(), now.toSecsSinceEpoch());
}

void TestSalonTime::skippedTimesAreRefused_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("minute");
    QTest::addRow("London spring 01:30") << "Europe/London" << QDate(2026, 3, 29) << 90;
    QTest::addRow("New York spring 02:15") << "America/New_York" << QDate(2026, 3, 8) << 135;
    QTest::addRow("past midnight, 25:30 the day before")
            << "Europe/London" << QDate(2026, 3, 28) << 25 * 60 + 30;
}

void TestSalonTime::skippedTimesAreRefused()
{
    QFETCH(QString, zone);
    QFETCH(QDate, date);
    QFETCH(int, minute);
    const SalonTime time(QTimeZone(zone.toUtf8()), Clock::system());
    const Result<qint64> instant = time.at(date, minute);
    QVERIFY(!instant);
    QCOMPARE(instant.error().code, Error::Code::Invalid);
    QVERIFY2(instant.error().message.contains(QStringLiteral("clocks change")),
             qPrintable(instant.error().message));
    // The same text typed at the command line gets the same answer.
    const QDateTime local(date, QTime(0, 0));
    const QString text = local.addSecs(minute * 60).toString(QStringLiteral("yyyy-MM-ddTHH:mm"));
    QCOMPARE(SalonTime::parseDateTime(text, time.zone()).error().message, instant.error().message);
    // A minute after the gap is fine.
    QVERIFY(time.at(date, minute + 60).ok());
}

void TestSalonTime::repeatedTimesTakeTheFirst()
{
    const SalonTime time(QTimeZone("Europe/London"), Clock::system());
    // 01:30 on 25 October 2026 happens twice: first in BST (00:30 UTC).
    const Result<qint64> instant = time.at(QDate(2026, 10, 25), 90);
    QVERIFY(instant.ok());
    QCOMPARE(*instant, at("2026-10-25T00:30:00Z").toSecsSinceEpoch());
}

void TestSalonTime::rulesMoveSkippedTimesForward_data()
{
    skippedTimesAreRefused_data();
}

void TestSalonTime::rulesMoveSkippedTimesForward()
{
    QFETCH(QString, zone);
    QFETCH(QDate, date);
    QFETCH(int, minute);
    const QTimeZone tz(zone.toUtf8());
    const SalonTime time(tz, Clock::system());
    const QDateTime local = QDateTime(date, QTime(0, 0), QTimeZone::utc()).addSecs(minute * 60);
    // A weekly shift or a standing visit at a skipped time still happens
    // that day, moved forward by the gap (one hour in these zones).
    QCOMPARE(SalonTime::ruleInstant(local.date(), local.time(), tz), *time.at(date, minute + 60));
    QCOMPARE(time.dateOf(SalonTime::ruleInstant(local.date(), local.time(), tz)), local.date());
    // Times that exist are read exactly as a person's are.
    QCOMPARE(SalonTime::ruleInstant(local.date(), local.time().addSecs(-3600), tz),
             *time.at(date, minute - 60));
    QCOMPARE(SalonTime::ruleInstant(QDate(2026, 10, 25), QTime(1, 30), QTimeZone("Europe/London")),
             at("2026-10-25T00:30:00Z").toSecsSinceEpoch());
}

void TestSalonTime::daysAreAsLongAsTheClocksSay_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("hours");
    QTest::addRow("spring") << QDate(2026, 3, 29) << 23;
    QTest::addRow("autumn") << QDate(2026, 10, 25) << 25;
    QTest::addRow("ordinary") << QDate(2026, 12, 1) << 24;
}

void TestSalonTime::daysAreAsLongAsTheClocksSay()
{
    QFETCH(QDate, date);
    QFETCH(int, hours);
    const SalonTime time(QTimeZone("Europe/London"), Clock::system());
    QCOMPARE(time.dayEnd(date) - time.dayStart(date), qint64(hours) * 3600);
    QCOMPARE(time.dateOf(time.dayStart(date)), date);
    QCOMPARE(time.dateOf(time.dayEnd(date) - 1), date);
}

void TestSalonTime::minutesCountWallClockTime()
{
    const SalonTime time(QTimeZone("Europe/London"), Clock::system());
    const QDate spring(2026, 3, 29);
    // 09:00 is the 540th minute on the wall clock, even on a 23-hour day.
    const qint64 nine = *time.at(spring, 9 * 60);
    QCOMPARE(time.minuteOfDay(nine, spring), 9 * 60);
    QCOMPARE(nine - time.dayStart(spring), qint64(8 * 3600));
    // The next morning's 02:00 counts on past midnight.
    QCOMPARE(time.minuteOfDay(*time.at(spring.addDays(1), 120), spring), 26 * 60);
}

void TestSalonTime::unknownZoneIsUtc()
{
    Salon salon;
    salon.timeZone = QStringLiteral("Mars/Olympus_Mons");
    const FixedClock clock(at("2026-11-29T23:30:00Z"));
    const SalonTime time(salon, clock);
    QCOMPARE(time.zone(), QTimeZone::utc());
    QCOMPARE(time.today(), QDate(2026, 11, 29));
}

QTEST_GUILESS_MAIN(TestSalonTime)
#include "tst_salontime.moc"
