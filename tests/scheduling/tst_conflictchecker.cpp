#include "salonfixture.h"
#include "scheduling/conflictchecker.h"

#include <QLocale>
#include <QTest>

using namespace chairside;
using namespace chairside::fixture;

class TestConflictChecker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void check_data();
    void check();
    void invalid_data();
    void invalid();
    void movingIgnoresItself();
    void reportsEvenWhenOverbooked();
};

static QString kindName(BookingProblem::Kind kind)
{
    using K = BookingProblem::Kind;
    switch (kind) {
    case K::OutsideShift: return QStringLiteral("outside");
    case K::OnBreak: return QStringLiteral("break");
    case K::TimeOff: return QStringLiteral("timeoff");
    case K::Overlap: return QStringLiteral("overlap");
    case K::MissingSkill: return QStringLiteral("skill");
    case K::ResourceFull: return QStringLiteral("resource");
    case K::Inactive: return QStringLiteral("inactive");
    case K::Invalid: return QStringLiteral("invalid");
    }
    return {};
}

// One appointment from "staff:service@local start" lines.
static Appointment proposal(const Schedule::Inputs &in, const QStringList &lines)
{
    Appointment a;
    a.id = QStringLiteral("proposed");
    a.salonId = in.salon.id;
    for (const QString &line : lines) {
        const QString who = line.section(QLatin1Char('@'), 0, 0);
        const Appointment one =
                visit(in, a.id, who.section(QLatin1Char(':'), 0, 0),
                      who.section(QLatin1Char(':'), 1), line.section(QLatin1Char('@'), 1));
        a.lines.append(one.lines);
    }
    return a;
}

void TestConflictChecker::initTestCase()
{
    // Messages are in the user's locale; pin one so the words can be compared.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
}

void TestConflictChecker::check_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QStringList>("changes");
    QTest::addColumn<QStringList>("kinds");
    QTest::addColumn<QStringList>("messages");

    auto list = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *item : items)
            out.append(QString::fromUtf8(item));
        return out;
    };

    QTest::addRow("fits") << list({"mia:cut@2026-12-01T10:00"}) << QStringList() << QStringList()
                          << QStringList();
    QTest::addRow("not working in the evening")
            << list({"mia:cut@2026-12-01T19:00"}) << QStringList() << list({"outside"})
            << list({"Mia is not working at 19:00 on Tuesday 1 December"});
    QTest::addRow("runs past the end of the shift")
            << list({"mia:cut@2026-12-01T16:30"}) << QStringList() << list({"outside"})
            << list({"Mia is not working at 17:00 on Tuesday 1 December"});
    QTest::addRow("on a break") << list({"mia:cut@2026-12-01T12:45"}) << QStringList()
                                << list({"break"}) << list({"Mia is on a break 13:00–13:30"});
    QTest::addRow("time off") << list({"tom:cut@2026-12-15T10:00"}) << QStringList()
                              << list({"timeoff"})
                              << list({"Tom is on time off (Holiday) 14–18 December"});
    QTest::addRow("with another client")
            << list({"mia:cut@2026-12-01T10:30"}) << list({"mia:cut@2026-12-01T10:00"})
            << list({"overlap"}) << list({"Mia is with another client 10:00–10:45"});
    QTest::addRow("back-to-back after")
            << list({"mia:cut@2026-12-01T10:45"}) << list({"mia:cut@2026-12-01T10:00"})
            << QStringList() << QStringList();
    QTest::addRow("back-to-back before")
            << list({"mia:cut@2026-12-01T09:15"}) << list({"mia:cut@2026-12-01T10:00"})
            << QStringList() << QStringList();
    QTest::addRow("in another client's processing time")
            << list({"mia:fringe@2026-12-01T10:30"}) << list({"mia:colour@2026-12-01T10:00"})
            << QStringList() << QStringList();
    QTest::addRow("across both busy parts of a colour")
            << list({"mia:cut@2026-12-01T10:25"}) << list({"mia:colour@2026-12-01T10:00"})
            << list({"overlap", "overlap"})
            << list({"Mia is with another client 10:00–10:30",
                     "Mia is with another client 11:05–11:35"});
    QTest::addRow("into another client's buffer")
            << list({"mia:cut@2026-12-01T10:30"}) << list({"mia:washcut@2026-12-01T10:00"})
            << list({"overlap"}) << list({"Mia is with another client 10:00–10:45"});
    QTest::addRow("own buffer past the shift")
            << list({"mia:washcut@2026-12-01T16:30"}) << QStringList() << list({"outside"})
            << list({"Mia is not working at 17:00 on Tuesday 1 December"});
    QTest::addRow("another stylist is no clash")
            << list({"tom:cut@2026-12-01T10:00"}) << list({"mia:cut@2026-12-01T10:00"})
            << QStringList() << QStringList();
    QTest::addRow("skill") << list({"tom:colour@2026-12-01T10:00"}) << QStringList()
                           << list({"skill"}) << list({"Tom does not do Colour"});
    QTest::addRow("no basin free")
            << list({"mia:colour@2026-12-01T10:00"}) << list({"tom:colour@2026-12-01T10:00"})
            << list({"resource"}) << list({"No basin free at 11:05"});
    QTest::addRow("no basin free, part way")
            << list({"mia:colour@2026-12-01T10:15"}) << list({"tom:colour@2026-12-01T10:00"})
            << list({"resource"}) << list({"No basin free at 11:20"});
    QTest::addRow("basin back-to-back")
            << list({"mia:colour@2026-12-01T10:30"}) << list({"tom:colour@2026-12-01T10:00"})
            << QStringList() << QStringList();
    QTest::addRow("two basins") << list({"mia:colour@2026-12-01T10:00"})
                                << list({"tom:colour@2026-12-01T10:00", "basin2"}) << QStringList()
                                << QStringList();
    QTest::addRow("two basins, both taken")
            << list({"mia:colour@2026-12-01T10:00"})
            << list({"tom:colour@2026-12-01T10:00", "ivy:colour@2026-12-01T10:00", "basin2"})
            << list({"resource"}) << list({"No basin free at 11:05"});
    QTest::addRow("processing holds its resource")
            << list({"mia:toner@2026-12-01T10:10"}) << list({"tom:toner@2026-12-01T10:00"})
            << list({"resource"}) << list({"No dryer free at 10:25"});
    QTest::addRow("no longer active") << list({"ivy:cut@2026-12-01T10:00"}) << QStringList()
                                      << list({"inactive"}) << list({"Ivy is no longer active"});
    QTest::addRow("service no longer offered")
            << list({"mia:fringe@2026-12-01T10:00"}) << list({"retired:fringe"})
            << list({"inactive"}) << list({"Fringe trim is no longer offered"});
    QTest::addRow("one service of a visit no longer offered")
            << list({"mia:colour@2026-12-01T10:00", "tom:cut@2026-12-01T11:35"})
            << list({"retired:cut"}) << list({"inactive"}) << list({"Cut is no longer offered"});
    QTest::addRow("service no longer offered, by an inactive stylist")
            << list({"ivy:cut@2026-12-01T10:00"}) << list({"retired:cut"})
            << list({"inactive", "inactive"})
            << list({"Ivy is no longer active", "Cut is no longer offered"});
    QTest::addRow("another service retired is no problem")
            << list({"mia:cut@2026-12-01T10:00"}) << list({"retired:fringe"}) << QStringList()
            << QStringList();
    QTest::addRow("day off") << list({"mia:cut@2026-12-01T10:00"}) << list({"dayoff"})
                             << list({"outside"})
                             << list({"Mia is not working at 10:00 on Tuesday 1 December"});
    QTest::addRow("changed hours: inside") << list({"mia:cut@2026-12-01T18:00"})
                                           << list({"changed"}) << QStringList() << QStringList();
    QTest::addRow("changed hours: before")
            << list({"mia:cut@2026-12-01T11:00"}) << list({"changed"}) << list({"outside"})
            << list({"Mia is not working at 11:00 on Tuesday 1 December"});
    QTest::addRow("changed hours: their break")
            << list({"mia:cut@2026-12-01T14:45"}) << list({"changed"}) << list({"break"})
            << list({"Mia is on a break 15:00–15:15"});
    QTest::addRow("several problems at once")
            << list({"tom:colour@2026-12-01T16:30"}) << QStringList() << list({"skill", "outside"})
            << list({"Tom does not do Colour",
                     "Tom is not working at 17:35 on Tuesday 1 December"});
    QTest::addRow("two stylists in one visit")
            << list({"mia:colour@2026-12-01T10:00", "tom:cut@2026-12-01T11:35"}) << QStringList()
            << QStringList() << QStringList();
    QTest::addRow("two stylists, one clashes")
            << list({"mia:colour@2026-12-01T10:00", "tom:cut@2026-12-01T11:35"})
            << list({"tom:fringe@2026-12-01T11:45"}) << list({"overlap"})
            << list({"Tom is with another client 11:45–12:00"});
    QTest::addRow("23-hour day") << list({"ava:cut@2026-03-29T16:30"}) << QStringList()
                                 << list({"outside"})
                                 << list({"Ava is not working at 17:00 on Sunday 29 March"});
    QTest::addRow("25-hour day") << list({"ava:cut@2026-10-25T16:15"}) << QStringList()
                                 << QStringList() << QStringList();
    QTest::addRow("shift across midnight") << list({"ava:cut@2026-12-05T01:00"}) << QStringList()
                                           << QStringList() << QStringList();
    QTest::addRow("past the end of a night shift")
            << list({"ava:cut@2026-12-05T01:30"}) << QStringList() << list({"outside"})
            << list({"Ava is not working at 02:00 on Saturday 5 December"});
    QTest::addRow("overbooked visits still hold the time")
            << list({"mia:cut@2026-12-01T10:00"})
            << list({"mia:cut@2026-12-01T10:00", "mia:cut@2026-12-01T10:15"})
            << list({"overlap", "overlap"})
            << list({"Mia is with another client 10:00–10:45",
                     "Mia is with another client 10:15–11:00"});
}

void TestConflictChecker::check()
{
    QFETCH(QStringList, lines);
    QFETCH(QStringList, changes);
    QFETCH(QStringList, kinds);
    QFETCH(QStringList, messages);

    const Schedule::Inputs in = withChanges(changes);
    const Schedule schedule(in);
    const BookingProblems problems = ConflictChecker(schedule).check(proposal(in, lines));
    QStringList foundKinds;
    QStringList foundMessages;
    for (const BookingProblem &p : problems) {
        foundKinds.append(kindName(p.kind));
        foundMessages.append(p.message);
        QVERIFY(p.endsAt > p.startsAt);
        if (p.kind == BookingProblem::Kind::Overlap)
            QVERIFY(p.otherAppointmentId.startsWith(QLatin1String("booked")));
        if (p.kind == BookingProblem::Kind::ResourceFull)
            QVERIFY(p.resourceId == QLatin1String("basin")
                    || p.resourceId == QLatin1String("dryer"));
        else if (p.kind != BookingProblem::Kind::Inactive)
            QVERIFY(!p.staffId.isEmpty());
    }
    QCOMPARE(foundMessages, messages);
    QCOMPARE(foundKinds, kinds);
}

void TestConflictChecker::invalid_data()
{
    QTest::addColumn<QString>("defect");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");

    const int invalid = int(Error::Code::Invalid);
    const int notFound = int(Error::Code::NotFound);
    QTest::addRow("no lines") << "nolines" << invalid << "no services";
    QTest::addRow("no segments") << "nosegments" << invalid << "Cut has no time booked";
    QTest::addRow("end before start") << "backwards" << invalid << "ends before it starts";
    QTest::addRow("zero length") << "zero" << invalid << "lasts no time";
    QTest::addRow("steps overlap") << "overlapping" << invalid << "overlap each other";
    QTest::addRow("unknown stylist") << "staff" << notFound << "no stylist “bob”";
    QTest::addRow("unknown service") << "service" << notFound << "no service “perm”";
    QTest::addRow("unknown resource") << "resource" << notFound << "no resource “sink”";
}

void TestConflictChecker::invalid()
{
    QFETCH(QString, defect);
    QFETCH(int, code);
    QFETCH(QString, message);

    const Schedule::Inputs in = salon();
    const Schedule schedule(in);
    Appointment a = proposal(in, {QStringLiteral("mia:colour@2026-12-01T10:00")});
    a.lines[0].serviceId = QStringLiteral("cut"); // keep the colour's steps, name it Cut
    QList<BookedSegment> &segments = a.lines[0].segments;
    if (defect == QLatin1String("nolines"))
        a.lines.clear();
    else if (defect == QLatin1String("nosegments"))
        segments.clear();
    else if (defect == QLatin1String("backwards"))
        std::swap(segments[0].startsAt, segments[0].endsAt);
    else if (defect == QLatin1String("zero"))
        segments[1].endsAt = segments[1].startsAt;
    else if (defect == QLatin1String("overlapping"))
        segments[1].startsAt -= 600;
    else if (defect == QLatin1String("staff"))
        a.lines[0].staffId = QStringLiteral("bob");
    else if (defect == QLatin1String("service"))
        a.lines[0].serviceId = QStringLiteral("perm");
    else if (defect == QLatin1String("resource"))
        segments[2].resourceIds = {QStringLiteral("sink")};

    const ConflictChecker checker(schedule);
    const Result<void> valid = checker.validate(a);
    QVERIFY(!valid.ok());
    QCOMPARE(int(valid.error().code), code);
    QVERIFY2(valid.error().message.contains(message), qPrintable(valid.error().message));

    const BookingProblems problems = checker.check(a);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().kind, BookingProblem::Kind::Invalid);
    QCOMPARE(problems.first().message, valid.error().message);
}

void TestConflictChecker::movingIgnoresItself()
{
    Schedule::Inputs in = salon();
    in.appointments = {visit(in, QStringLiteral("proposed"), QStringLiteral("mia"),
                             QStringLiteral("colour"), QStringLiteral("2026-12-01T10:00"))};
    const Schedule schedule(in);
    const ConflictChecker checker(schedule);
    // The same visit a quarter of an hour later: neither its stylist time nor its basin clash
    // with itself.
    const Appointment moved = proposal(in, {QStringLiteral("mia:colour@2026-12-01T10:15")});
    QVERIFY(checker.validate(moved).ok());
    QCOMPARE(checker.check(moved), BookingProblems());

    Appointment another = moved;
    another.id = QStringLiteral("another");
    const BookingProblems problems = checker.check(another);
    QCOMPARE(problems.size(), 3); // both busy parts, and the basin
    QCOMPARE(problems.last().message, QStringLiteral("No basin free at 11:20"));
}

void TestConflictChecker::reportsEvenWhenOverbooked()
{
    // Overbooking is the caller's decision: the checker still says what is wrong.
    const Schedule::Inputs in = withChanges({QStringLiteral("mia:cut@2026-12-01T10:00")});
    const Schedule schedule(in);
    Appointment a = proposal(in, {QStringLiteral("mia:cut@2026-12-01T10:00")});
    a.overbooked = true;
    a.overbookReason = QStringLiteral("Regular client, Mia agreed");
    const BookingProblems problems = ConflictChecker(schedule).check(a);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().kind, BookingProblem::Kind::Overlap);
}

QTEST_GUILESS_MAIN(TestConflictChecker)
#include "tst_conflictchecker.moc"
