#include "salonfixture.h"
#include "scheduling/recurrence.h"

#include <QTest>

using namespace chairside;
using namespace chairside::fixture;

class TestRecurrence : public QObject
{
    Q_OBJECT

private slots:
    void occurrences_data();
    void occurrences();
    void malformed_data();
    void malformed();
    void staysAtTheSameWallClockTime();
};

void TestRecurrence::occurrences_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("first");
    QTest::addColumn<int>("max");
    QTest::addColumn<QStringList>("expected"); // local starts; "..." ends a prefix
    QTest::addColumn<int>("count");

    QTest::addRow("every 6 weeks, COUNT")
            << "FREQ=WEEKLY;INTERVAL=6;COUNT=4"
            << "2026-12-01T10:00" << 52
            << QStringList{QStringLiteral("2026-12-01T10:00"), QStringLiteral("2027-01-12T10:00"),
                           QStringLiteral("2027-02-23T10:00"), QStringLiteral("2027-04-06T10:00")}
            << 4;
    QTest::addRow("RRULE: prefix")
            << "RRULE:FREQ=WEEKLY;INTERVAL=6;COUNT=2"
            << "2026-12-01T10:00" << 52
            << QStringList{QStringLiteral("2026-12-01T10:00"), QStringLiteral("2027-01-12T10:00")}
            << 2;
    QTest::addRow("UNTIL as a date, inclusive")
            << "FREQ=WEEKLY;UNTIL=20261215"
            << "2026-12-01T10:00" << 52
            << QStringList{QStringLiteral("2026-12-01T10:00"), QStringLiteral("2026-12-08T10:00"),
                           QStringLiteral("2026-12-15T10:00")}
            << 3;
    QTest::addRow("UNTIL in UTC, compared in UTC")
            << "FREQ=WEEKLY;UNTIL=20260405T085959Z"
            << "2026-03-22T10:00"
            << 52
            // 5 April 10:00 BST is 09:00 UTC: just after UNTIL.
            << QStringList{QStringLiteral("2026-03-22T10:00"), QStringLiteral("2026-03-29T10:00")}
            << 2;
    QTest::addRow("UNTIL in UTC, met exactly")
            << "FREQ=WEEKLY;UNTIL=20260405T090000Z"
            << "2026-03-22T10:00" << 52
            << QStringList{QStringLiteral("2026-03-22T10:00"), QStringLiteral("2026-03-29T10:00"),
                           QStringLiteral("2026-04-05T10:00")}
            << 3;
    QTest::addRow("endless, cut at the maximum")
            << "FREQ=WEEKLY;INTERVAL=4"
            << "2026-12-01T10:00" << 10
            << QStringList{QStringLiteral("2026-12-01T10:00"), QStringLiteral("2026-12-29T10:00"),
                           QStringLiteral("...")}
            << 10;
    QTest::addRow("COUNT above the maximum")
            << "FREQ=DAILY;COUNT=500"
            << "2026-12-01T10:00" << 52
            << QStringList{QStringLiteral("2026-12-01T10:00"), QStringLiteral("2026-12-02T10:00"),
                           QStringLiteral("...")}
            << 52;
    QTest::addRow("monthly on the second Tuesday")
            << "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"
            << "2026-12-08T14:30" << 52
            << QStringList{QStringLiteral("2026-12-08T14:30"), QStringLiteral("2027-01-12T14:30"),
                           QStringLiteral("2027-02-09T14:30")}
            << 3;
    QTest::addRow("across both changes")
            << "FREQ=WEEKLY;INTERVAL=26;COUNT=3"
            << "2026-03-22T10:00" << 52
            << QStringList{QStringLiteral("2026-03-22T10:00"), QStringLiteral("2026-09-20T10:00"),
                           QStringLiteral("2027-03-21T10:00")}
            << 3;
    QTest::addRow("a time skipped by the change moves forward")
            << "FREQ=DAILY;COUNT=3"
            << "2026-03-28T01:30" << 52
            << QStringList{QStringLiteral("2026-03-28T01:30"), QStringLiteral("2026-03-29T02:30"),
                           QStringLiteral("2026-03-30T01:30")}
            << 3;
    QTest::addRow("no more than none") << "FREQ=WEEKLY"
                                       << "2026-12-01T10:00" << 0 << QStringList() << 0;
}

void TestRecurrence::occurrences()
{
    QFETCH(QString, rule);
    QFETCH(QString, first);
    QFETCH(int, max);
    QFETCH(QStringList, expected);
    QFETCH(int, count);

    const auto starts = Recurrence::occurrences(rule, at(first), london(), max);
    QVERIFY2(starts.ok(), qPrintable(starts.ok() ? QString() : starts.error().message));
    QCOMPARE(starts->size(), count);
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (expected[i] == QLatin1String("..."))
            break;
        QCOMPARE(local(starts->at(i)), expected[i]);
    }
    for (qsizetype i = 1; i < starts->size(); ++i)
        QVERIFY(starts->at(i - 1) < starts->at(i));
}

void TestRecurrence::malformed_data()
{
    QTest::addColumn<QString>("rule");

    QTest::addRow("empty") << "";
    QTest::addRow("spaces") << "   ";
    QTest::addRow("no FREQ") << "INTERVAL=2;COUNT=3";
    QTest::addRow("unknown FREQ") << "FREQ=FORTNIGHTLY";
    QTest::addRow("not a rule") << "every six weeks";
    QTest::addRow("unknown part") << "FREQ=WEEKLY;EVERY=6";
    QTest::addRow("zero interval") << "FREQ=WEEKLY;INTERVAL=0";
    QTest::addRow("negative count") << "FREQ=WEEKLY;COUNT=-2";
    QTest::addRow("COUNT and UNTIL") << "FREQ=WEEKLY;COUNT=2;UNTIL=20270101T000000Z";
    QTest::addRow("bad weekday") << "FREQ=WEEKLY;BYDAY=XX";
    QTest::addRow("letters for a number") << "FREQ=WEEKLY;INTERVAL=six";
}

void TestRecurrence::malformed()
{
    QFETCH(QString, rule);
    const auto starts =
            Recurrence::occurrences(rule, at(QStringLiteral("2026-12-01T10:00")), london());
    QVERIFY(!starts.ok());
    QCOMPARE(starts.error().code, Error::Code::Invalid);
    QVERIFY2(starts.error().message.contains(QLatin1String("repeat rule")),
             qPrintable(starts.error().message));
    QVERIFY2(starts.error().message.contains(QLatin1String("FREQ=WEEKLY;INTERVAL=6")),
             qPrintable(starts.error().message));
}

void TestRecurrence::staysAtTheSameWallClockTime()
{
    // Weekly for a year from a winter Tuesday: every visit at 10:00 London time,
    // so the UTC gap is a week less or more an hour across each change.
    const auto starts = Recurrence::occurrences(QStringLiteral("FREQ=WEEKLY;COUNT=52"),
                                                at(QStringLiteral("2026-01-06T10:00")), london());
    QVERIFY(starts.ok());
    QCOMPARE(starts->size(), 52);
    int shorter = 0;
    int longer = 0;
    for (qsizetype i = 0; i < starts->size(); ++i) {
        QCOMPARE(local(starts->at(i)).mid(11), QStringLiteral("10:00"));
        if (i == 0)
            continue;
        const qint64 gap = starts->at(i) - starts->at(i - 1);
        shorter += gap == 7 * 86400 - 3600;
        longer += gap == 7 * 86400 + 3600;
        QVERIFY(gap == 7 * 86400 || gap == 7 * 86400 - 3600 || gap == 7 * 86400 + 3600);
    }
    QCOMPARE(shorter, 1);
    QCOMPARE(longer, 1);
}

QTEST_GUILESS_MAIN(TestRecurrence)
#include "tst_recurrence.moc"
