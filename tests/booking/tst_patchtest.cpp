// When a visit's services need a patch test the client's test does not
// cover: none on record, taken too close to the visit, too long before it,
// or after it. Times are the salon's (Europe/London, with its clock changes).

#include "booking/patchtest.h"
#include "domain/salontime.h"

#include <QTest>

using namespace chairside;

namespace {

Service service(const QString &name, bool needsPatchTest)
{
    Service s;
    s.id = name.toLower();
    s.salonId = QStringLiteral("salon-1");
    s.name = name;
    s.needsPatchTest = needsPatchTest;
    return s;
}

} // namespace

class TestPatchTest : public QObject
{
    Q_OBJECT

private slots:
    void warning_data();
    void warning();
};

void TestPatchTest::warning_data()
{
    QTest::addColumn<QStringList>("services"); // "Name" or "Name*" when it needs a test
    QTest::addColumn<QDate>("tested");         // the client's patch test, or none
    QTest::addColumn<QString>("visit");        // salon time
    QTest::addColumn<int>("minHours");
    QTest::addColumn<int>("maxDays");
    QTest::addColumn<QString>("expected"); // empty: no warning

    const QDate march1(2026, 3, 1);
    const QStringList colour{QStringLiteral("Full Head Colour*")};
    QTest::addRow("nothing needs one, no test on record")
            << QStringList{QStringLiteral("Cut & Finish")} << QDate() << "2026-03-03T10:00" << 48
            << 183 << QString();
    QTest::addRow("no test on record")
            << colour << QDate() << "2026-03-03T10:00" << 48 << 183
            << "Anna Lee has no patch test on record; Full Head Colour needs one taken at least "
               "48 hours before.";
    QTest::addRow("a cut and a colour, no test")
            << QStringList{QStringLiteral("Cut & Finish"), QStringLiteral("Full Head Colour*")}
            << QDate() << "2026-03-03T10:00" << 48 << 183
            << "Anna Lee has no patch test on record; Full Head Colour needs one taken at least "
               "48 hours before.";
    QTest::addRow("two services need one")
            << QStringList{QStringLiteral("Full Head Colour*"), QStringLiteral("Toner*")} << QDate()
            << "2026-03-03T10:00" << 48 << 183
            << "Anna Lee has no patch test on record; Full Head Colour, Toner each need one "
               "taken at least 48 hours before.";
    QTest::addRow("two days before")
            << colour << march1 << "2026-03-03T10:00" << 48 << 183 << QString();
    QTest::addRow("exactly 48 hours before (from the start of its day)")
            << colour << march1 << "2026-03-03T00:00" << 48 << 183 << QString();
    QTest::addRow("a minute short of 48 hours")
            << colour << march1 << "2026-03-02T23:59" << 48 << 183
            << "Anna Lee's patch test of 2026-03-01 was taken less than 48 hours before; Full "
               "Head Colour needs one taken at least 48 hours before.";
    QTest::addRow("the same day")
            << colour << march1 << "2026-03-01T17:00" << 48 << 183
            << "Anna Lee's patch test of 2026-03-01 was taken less than 48 hours before";
    QTest::addRow("the same day, for a salon that asks for no wait")
            << colour << march1 << "2026-03-01T17:00" << 0 << 183 << QString();
    // The clocks go forward on 29 March: two calendar days are 47 hours.
    QTest::addRow("across the clock change, an hour short")
            << colour << QDate(2026, 3, 28) << "2026-03-30T00:30" << 48 << 183
            << "Anna Lee's patch test of 2026-03-28 was taken less than 48 hours before";
    QTest::addRow("across the clock change, enough")
            << colour << QDate(2026, 3, 28) << "2026-03-30T01:00" << 48 << 183 << QString();
    QTest::addRow("183 days before")
            << colour << march1 << "2026-08-31T17:00" << 48 << 183 << QString();
    QTest::addRow("184 days before")
            << colour << march1 << "2026-09-01T09:00" << 48 << 183
            << "Anna Lee's patch test of 2026-03-01 is older than 183 days; Full Head Colour "
               "needs one taken at most 183 days before.";
    QTest::addRow("a salon that keeps a test for a year")
            << colour << march1 << "2026-09-01T09:00" << 48 << 365 << QString();
    QTest::addRow("valid for one day, the next day")
            << colour << march1 << "2026-03-02T18:00" << 0 << 1 << QString();
    QTest::addRow("valid for one day, two days later")
            << colour << march1 << "2026-03-03T09:00" << 0 << 1
            << "Anna Lee's patch test of 2026-03-01 is older than 1 days";
    QTest::addRow("a test dated after the visit")
            << colour << QDate(2026, 3, 5) << "2026-03-03T10:00" << 48 << 183
            << "Anna Lee's patch test of 2026-03-05 is after the visit; Full Head Colour needs "
               "one taken at least 48 hours before.";
    QTest::addRow("a test dated after the visit, no wait asked")
            << colour << QDate(2026, 3, 5) << "2026-03-03T10:00" << 0 << 183
            << "Anna Lee's patch test of 2026-03-05 is after the visit; Full Head Colour needs "
               "one taken before the visit.";
    QTest::addRow("no test on record, no wait asked")
            << colour << QDate() << "2026-03-03T10:00" << 0 << 183
            << "Anna Lee has no patch test on record; Full Head Colour needs one taken before "
               "the visit.";
}

void TestPatchTest::warning()
{
    QFETCH(QStringList, services);
    QFETCH(QDate, tested);
    QFETCH(QString, visit);
    QFETCH(int, minHours);
    QFETCH(int, maxDays);
    QFETCH(QString, expected);

    Salon salon;
    salon.id = QStringLiteral("salon-1");
    salon.name = QStringLiteral("Test Salon");
    salon.timeZone = QStringLiteral("Europe/London");
    salon.patchTestMinHours = minHours;
    salon.patchTestMaxDays = maxDays;
    Client anna;
    anna.id = QStringLiteral("anna");
    anna.salonId = salon.id;
    anna.name = QStringLiteral("Anna Lee");
    anna.patchTestDate = tested;
    QList<Service> menu;
    for (const QString &name : services) {
        const bool needs = name.endsWith(QLatin1Char('*'));
        menu.append(service(needs ? name.chopped(1) : name, needs));
    }
    const Result<qint64> startsAt =
            SalonTime::parseDateTime(visit, QTimeZone(salon.timeZone.toUtf8()));
    QVERIFY(startsAt.ok());

    const std::optional<QString> warning = PatchTest::warning(salon, anna, menu, *startsAt);
    if (expected.isEmpty()) {
        QVERIFY2(!warning, qPrintable(warning.value_or(QString())));
        return;
    }
    QVERIFY2(warning, "no warning");
    QVERIFY2(warning->startsWith(expected), qPrintable(*warning));

    // Names are kept as written, even with what looks like a placeholder.
    anna.name = QStringLiteral("Ann %2 %1 Lee");
    const std::optional<QString> named = PatchTest::warning(salon, anna, menu, *startsAt);
    QVERIFY(named);
    QVERIFY2(named->startsWith(QStringLiteral("Ann %2 %1 Lee")), qPrintable(*named));
}

QTEST_GUILESS_MAIN(TestPatchTest)
#include "tst_patchtest.moc"
