#include "salonfixture.h"
#include "scheduling/visitplanner.h"

#include <QTest>

using namespace chairside;
using namespace chairside::fixture;

class TestVisitPlanner : public QObject
{
    Q_OBJECT

private slots:
    void layout_data();
    void layout();
    void refuses_data();
    void refuses();
};

// "kind start-end" per segment, lines separated by " | ", times in London.
static QString describe(const QList<ServiceLine> &lines)
{
    QStringList out;
    for (const ServiceLine &line : lines) {
        QStringList parts;
        for (const BookedSegment &s : line.segments) {
            parts.append(QStringLiteral("%1 %2-%3 %4")
                                 .arg(segmentKindName(s.kind), local(s.startsAt).mid(11),
                                      local(s.endsAt).mid(11), s.resourceIds.join(QLatin1Char('+')))
                                 .trimmed());
        }
        out.append(line.staffId + QLatin1Char(':') + line.serviceId + QLatin1Char(' ')
                   + parts.join(QStringLiteral(", ")));
    }
    return out.join(QStringLiteral(" | "));
}

void TestVisitPlanner::layout_data()
{
    QTest::addColumn<QStringList>("lines"); // "staff:service"
    QTest::addColumn<QString>("expected");

    QTest::addRow("one service") << QStringList{QStringLiteral("mia:cut")}
                                 << QStringLiteral("mia:cut busy 10:00-10:45");
    QTest::addRow("processing and a basin")
            << QStringList{QStringLiteral("mia:colour")}
            << QStringLiteral("mia:colour busy 10:00-10:30, processing 10:30-11:05, busy "
                              "11:05-11:35 basin");
    QTest::addRow("buffer after") << QStringList{QStringLiteral(
            "mia:washcut")} << QStringLiteral("mia:washcut busy 10:00-10:30, buffer 10:30-10:45");
    QTest::addRow("next service starts after the buffer")
            << QStringList{QStringLiteral("mia:washcut"), QStringLiteral("mia:fringe")}
            << QStringLiteral("mia:washcut busy 10:00-10:30, buffer 10:30-10:45 | mia:fringe busy "
                              "10:45-11:00");
    QTest::addRow("two services, two stylists")
            << QStringList{QStringLiteral("mia:colour"), QStringLiteral("tom:cut")}
            << QStringLiteral(
                       "mia:colour busy 10:00-10:30, processing 10:30-11:05, busy 11:05-11:35 basin"
                       " | tom:cut busy 11:35-12:05");
    QTest::addRow("stylist's own timing")
            << QStringList{QStringLiteral("tom:cut")} << QStringLiteral("tom:cut busy 10:00-10:30");
}

void TestVisitPlanner::layout()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, expected);
    const Schedule schedule(salon());
    QList<VisitPlanner::LineRequest> requests;
    for (const QString &line : lines)
        requests.append({line.section(QLatin1Char(':'), 1), line.section(QLatin1Char(':'), 0, 0)});
    const auto planned =
            VisitPlanner(schedule).plan(requests, at(QStringLiteral("2026-12-01T10:00")));
    QVERIFY2(planned.ok(), qPrintable(planned.ok() ? QString() : planned.error().message));
    QCOMPARE(describe(*planned), expected);
}

void TestVisitPlanner::refuses_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("change");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");

    const int notFound = int(Error::Code::NotFound);
    const int invalid = int(Error::Code::Invalid);
    QTest::addRow("no lines") << QStringList{} << QString() << invalid
                              << QStringLiteral("at least one service");
    QTest::addRow("unknown service") << QStringList{QStringLiteral("mia:perm")} << QString()
                                     << notFound << QStringLiteral("no service “perm”");
    QTest::addRow("unknown stylist") << QStringList{QStringLiteral("bob:cut")} << QString()
                                     << notFound << QStringLiteral("no stylist “bob”");
    QTest::addRow("no segments") << QStringList{QStringLiteral("mia:cut")}
                                 << QStringLiteral("empty") << invalid
                                 << QStringLiteral("Cut has no duration");
    QTest::addRow("zero minutes") << QStringList{QStringLiteral("mia:cut")}
                                  << QStringLiteral("zero") << invalid
                                  << QStringLiteral("step of 0 minutes");
    QTest::addRow("negative minutes")
            << QStringList{QStringLiteral("mia:cut")} << QStringLiteral("negative") << invalid
            << QStringLiteral("step of -5 minutes");
    QTest::addRow("negative buffer")
            << QStringList{QStringLiteral("mia:cut")} << QStringLiteral("buffer") << invalid
            << QStringLiteral("negative clean-up");
}

void TestVisitPlanner::refuses()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, change);
    QFETCH(int, code);
    QFETCH(QString, message);

    Schedule::Inputs in = salon();
    Service &cut = in.services[0];
    if (change == QLatin1String("empty"))
        cut.segments.clear();
    else if (change == QLatin1String("zero"))
        cut.segments[0].minutes = 0;
    else if (change == QLatin1String("negative"))
        cut.segments[0].minutes = -5;
    else if (change == QLatin1String("buffer"))
        cut.bufferAfterMinutes = -10;
    const Schedule schedule(in);
    QList<VisitPlanner::LineRequest> requests;
    for (const QString &line : lines)
        requests.append({line.section(QLatin1Char(':'), 1), line.section(QLatin1Char(':'), 0, 0)});
    const auto planned =
            VisitPlanner(schedule).plan(requests, at(QStringLiteral("2026-12-01T10:00")));
    QVERIFY(!planned.ok());
    QCOMPARE(int(planned.error().code), code);
    QVERIFY2(planned.error().message.contains(message), qPrintable(planned.error().message));
}

QTEST_GUILESS_MAIN(TestVisitPlanner)
#include "tst_visitplanner.moc"
