#include "testsupport.h"

#include "demo/demosalon.h"
#include "scheduling/conflictchecker.h"
#include "scheduling/schedule.h"

#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace chairside;

namespace {

const QDate Today(2026, 12, 1);

DemoSalon::Options options(quint32 seed, int stylists, int appointments)
{
    DemoSalon::Options o;
    o.seed = seed;
    o.stylists = stylists;
    o.appointments = appointments;
    o.today = Today;
    return o;
}

const Service *serviceNamed(const StoreContents &c, const QString &name)
{
    for (const Service &s : c.services) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

QString problemsText(const BookingProblems &problems)
{
    QStringList lines;
    for (const BookingProblem &p : problems)
        lines.append(p.message);
    return lines.join(QStringLiteral("; "));
}

} // namespace

class TestDemoSalon : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameSalon_data();
    void sameSeedSameSalon();
    void looksLikeASalon();
    void bookKeepsTheRules_data();
    void bookKeepsTheRules();
    void writesToTheStore();
};

void TestDemoSalon::sameSeedSameSalon_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("stylists");
    QTest::addColumn<int>("appointments");

    QTest::addRow("default") << 1u << 6 << 400;
    QTest::addRow("one stylist") << 7u << 1 << 50;
    QTest::addRow("thirty stylists") << 42u << 30 << 5000;
    QTest::addRow("nobody") << 3u << 0 << 100;
}

void TestDemoSalon::sameSeedSameSalon()
{
    QFETCH(quint32, seed);
    QFETCH(int, stylists);
    QFETCH(int, appointments);

    const StoreContents a = DemoSalon::generate(options(seed, stylists, appointments));
    const StoreContents b = DemoSalon::generate(options(seed, stylists, appointments));
    QCOMPARE(testsupport::contentsDifference(a, b), QString());
    QCOMPARE(a.appointments.size(), stylists > 0 ? appointments : 0);

    const StoreContents other = DemoSalon::generate(options(seed + 1, stylists, appointments));
    QVERIFY(a.salons.constFirst().id != other.salons.constFirst().id);
}

void TestDemoSalon::looksLikeASalon()
{
    const StoreContents c = DemoSalon::generate(options(1, 6, 400));
    QCOMPARE(c.salons.size(), 1);
    const Salon &salon = c.salons.constFirst();
    QCOMPARE(salon.timeZone, QStringLiteral("Europe/London"));
    QVERIFY(!salon.openingHours[0].isOpen()); // Monday
    QVERIFY(!salon.openingHours[6].isOpen()); // Sunday
    QCOMPARE(salon.openingHours[1].openMinute, 9 * 60);
    QCOMPARE(salon.openingHours[3].closeMinute, 20 * 60); // late Thursday

    QList<StaffRole> roles;
    for (const Staff &s : c.staff)
        roles.append(s.role);
    QCOMPARE(roles.count(StaffRole::Owner), 1);
    QCOMPARE(roles.count(StaffRole::Manager), 1);
    QCOMPARE(roles.count(StaffRole::FrontDesk), 1);
    QCOMPARE(roles.count(StaffRole::Stylist), 4);

    const Service *colour = serviceNamed(c, QStringLiteral("Full Head Colour"));
    QVERIFY(colour);
    QCOMPARE(colour->segments.size(), 4);
    QCOMPARE(colour->segments.at(1).kind, SegmentKind::Processing);
    QCOMPARE(colour->segments.at(1).minutes, 35);
    QCOMPARE(colour->durationMinutes(), 30 + 35 + 15 + 30);
    QVERIFY(serviceNamed(c, QStringLiteral("Cut & Finish")));
    QCOMPARE(c.resources.size(), 3);

    // What the front desk offers on completion, and who needs a patch test.
    QCOMPARE(salon.patchTestMinHours, 48);
    QCOMPARE(salon.patchTestMaxDays, 183);
    for (const Service &service : c.services) {
        const bool colourService = service.category == QLatin1String("Colour");
        QVERIFY2(service.needsPatchTest == colourService, qPrintable(service.name));
        if (colourService)
            QVERIFY2(service.rebookWeeks == 6, qPrintable(service.name));
        else if (service.category == QLatin1String("Cuts"))
            QVERIFY2(service.rebookWeeks >= 5 && service.rebookWeeks <= 6,
                     qPrintable(service.name));
    }

    // Walk-ins happen today or in the past, never in the future.
    const qint64 endOfToday =
            QDateTime(Today.addDays(1), QTime(0, 0), QTimeZone("Europe/London")).toSecsSinceEpoch();
    int multiService = 0, walkIns = 0, deposits = 0, withSeries = 0, cancelReasons = 0;
    for (const Appointment &a : c.appointments) {
        QVERIFY(a.cancelReason.isEmpty() || a.status == AppointmentStatus::Cancelled);
        cancelReasons += !a.cancelReason.isEmpty();
        multiService += a.lines.size() > 1;
        walkIns += a.walkIn;
        deposits += a.depositCents > 0;
        withSeries += !a.seriesId.isEmpty();
        QVERIFY(!a.walkIn || a.startsAt() < endOfToday);
    }
    QVERIFY(multiService > 10);
    QVERIFY(walkIns > 5);
    QVERIFY(deposits > 0);
    QVERIFY(cancelReasons > 0);
    QCOMPARE(c.standingAppointments.size(), 2);
    QVERIFY(withSeries >= 2);
    QVERIFY(c.waitlist.size() >= 3);
    QVERIFY(!c.shiftExceptions.isEmpty());
    QVERIFY(!c.timeOff.isEmpty());
    const bool rota = std::any_of(c.shifts.begin(), c.shifts.end(),
                                  [](const Shift &s) { return s.everyWeeks == 2; });
    QVERIFY(rota);
}

void TestDemoSalon::bookKeepsTheRules_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("stylists");
    QTest::addColumn<int>("appointments");

    QTest::addRow("default") << 1u << 6 << 400;
    QTest::addRow("busy salon") << 5u << 12 << 3000;
}

// Every visit that holds time passes the real conflict checker: inside
// shifts, off breaks and time off, no double booking, resources free.
void TestDemoSalon::bookKeepsTheRules()
{
    QFETCH(quint32, seed);
    QFETCH(int, stylists);
    QFETCH(int, appointments);

    const StoreContents c = DemoSalon::generate(options(seed, stylists, appointments));
    Schedule::Inputs inputs;
    inputs.salon = c.salons.constFirst();
    inputs.staff = c.staff;
    inputs.services = c.services;
    inputs.resources = c.resources;
    inputs.shifts = c.shifts;
    inputs.shiftExceptions = c.shiftExceptions;
    inputs.timeOff = c.timeOff;
    inputs.appointments = c.appointments;
    const Schedule schedule(std::move(inputs));
    const ConflictChecker checker(schedule);
    int checked = 0;
    for (const Appointment &a : c.appointments) {
        if (!holdsTime(a.status))
            continue;
        const BookingProblems problems = checker.check(a);
        QVERIFY2(problems.isEmpty(), qPrintable(problemsText(problems)));
        ++checked;
    }
    QVERIFY(checked > appointments / 2);
}

void TestDemoSalon::writesToTheStore()
{
    testsupport::TempStore temp;
    QVERIFY2(temp.isValid(), qPrintable(temp.errorString()));
    const DemoSalon::Options o = options(1, 6, 400);
    const Result<QString> salonId = DemoSalon::write(temp.store(), o);
    QVERIFY2(salonId.ok(), salonId.ok() ? "" : qPrintable(salonId.error().message));
    QCOMPARE(VALUE_OF(temp->outboxCount()), 0); // demo data never syncs
    QCOMPARE(testsupport::contentsDifference(VALUE_OF(temp->contents()), DemoSalon::generate(o)),
             QString());
}

QTEST_GUILESS_MAIN(TestDemoSalon)
#include "tst_demosalon.moc"
