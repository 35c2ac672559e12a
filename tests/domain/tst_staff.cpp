#include "domain/staff.h"

#include <QTest>

using namespace chairside;

// Who takes clients (Staff::takesClients): the day view's columns, the week
// view's rows and the editor's, walk-in's and slot finder's stylists.
class TestStaff : public QObject
{
    Q_OBJECT

private slots:
    void takesClients_data();
    void takesClients();
};

void TestStaff::takesClients_data()
{
    QTest::addColumn<StaffRole>("role");
    QTest::addColumn<bool>("active");
    QTest::addColumn<bool>("skilled");
    QTest::addColumn<bool>("takesClients");

    QTest::addRow("stylist") << StaffRole::Stylist << true << true << true;
    QTest::addRow("owner who cuts") << StaffRole::Owner << true << true << true;
    QTest::addRow("manager who cuts") << StaffRole::Manager << true << true << true;
    QTest::addRow("front desk, even with skills") << StaffRole::FrontDesk << true << true << false;
    QTest::addRow("stylist who has left") << StaffRole::Stylist << false << true << false;
    QTest::addRow("stylist with no service yet") << StaffRole::Stylist << true << false << false;
}

void TestStaff::takesClients()
{
    QFETCH(StaffRole, role);
    QFETCH(bool, active);
    QFETCH(bool, skilled);
    QFETCH(bool, takesClients);

    Staff staff;
    staff.role = role;
    staff.active = active;
    if (skilled)
        staff.skills.append(Skill{QStringLiteral("service-1"), {}});
    QCOMPARE(staff.takesClients(), takesClients);
}

QTEST_GUILESS_MAIN(TestStaff)
#include "tst_staff.moc"
