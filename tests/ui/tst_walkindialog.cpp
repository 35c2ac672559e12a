#include "demobook.h"
#include "fielderror.h"
#include "mainwindow.h"
#include "testsupport.h"
#include "walkindialog.h"

#include "booking/appointmentbook.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const QDate Day = DemoBook::Day;

} // namespace

class TestWalkInDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void bookedWithAFreeStylistNow();
    void nobodyFreeSaysWhenSomeoneIs();

private:
    WalkInDialog *openDialog();
    // Ticks the service by keyboard, as the desk would.
    void tick(WalkInDialog *dialog, const QString &serviceId);

    DemoBook m_book;
    Service m_service;
    std::unique_ptr<MainWindow> m_window;
};

void TestWalkInDialog::initTestCase()
{
    const QString error = m_book.open();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const Service &service : VALUE_OF(m_book.store().services(m_book.salon.id))) {
        if (service.active && service.segments.size() == 1
            && service.segments.constFirst().kind == SegmentKind::Busy) {
            m_service = service;
            break;
        }
    }
    QVERIFY(!m_service.id.isEmpty());
}

void TestWalkInDialog::init()
{
    m_window = std::make_unique<MainWindow>(&m_book.store());
    m_window->showDate(Day);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestWalkInDialog::cleanup()
{
    m_window.reset();
}

WalkInDialog *TestWalkInDialog::openDialog()
{
    QTest::keyClick(m_window.get(), Qt::Key_W, Qt::ControlModifier);
    return m_window->findChild<WalkInDialog *>(QStringLiteral("walkInDialog"));
}

void TestWalkInDialog::tick(WalkInDialog *dialog, const QString &serviceId)
{
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("walkInServiceList"));
    QVERIFY(list);
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->data(Qt::UserRole).toString() == serviceId) {
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                              list->visualItemRect(list->item(row)).center());
            list->setCurrentRow(row);
            list->setFocus();
            if (list->item(row)->checkState() != Qt::Checked)
                QTest::keyClick(list, Qt::Key_Space);
            QCOMPARE(list->item(row)->checkState(), Qt::Checked);
            return;
        }
    }
    QFAIL("service not listed");
}

void TestWalkInDialog::bookedWithAFreeStylistNow()
{
    // The first minute from mid-morning with someone free for the service;
    // the clock a few seconds past it: the visit starts at the minute.
    AppointmentBook book(m_book.store());
    const Result<QList<Slot>> first =
            book.freeSlots(m_book.salon.id, {{m_service.id}, {}}, m_book.at(Day, QTime(10, 3)),
                           m_book.at(Day, QTime(17, 0)), 1, 1);
    QVERIFY(first.ok() && !first->isEmpty());
    const qint64 minute = first->constFirst().startsAt;
    m_book.clock.set(QDateTime::fromSecsSinceEpoch(minute + 27));
    const Result<QList<Slot>> free =
            book.freeSlots(m_book.salon.id, {{m_service.id}, {}}, minute, minute + 60, 1);
    QVERIFY(free.ok() && !free->isEmpty());

    WalkInDialog *dialog = openDialog();
    QVERIFY(dialog);
    auto *bookButton = dialog->findChild<QPushButton *>(QStringLiteral("bookWalkInButton"));
    QVERIFY(!bookButton->isEnabled()); // nothing ticked yet
    tick(dialog, m_service.id);

    auto *stylists = dialog->findChild<QListWidget *>(QStringLiteral("walkInStylistList"));
    QCOMPARE(stylists->count(), int(free->size()));
    for (int row = 0; row < stylists->count(); ++row)
        QCOMPARE(stylists->item(row)->data(Qt::UserRole).toString(), free->at(row).staffId);
    QCOMPARE(dialog->chosenStylist(), free->constFirst().staffId);
    QVERIFY(bookButton->isEnabled());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("walkInNameEdit")),
                     QStringLiteral("Sam"));
    QTest::mouseClick(bookButton, Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());

    const QList<Appointment> booked = VALUE_OF(m_book.store().appointments(
            m_book.salon.id, minute, minute + 60, free->constFirst().staffId));
    const auto walkIn = std::find_if(booked.begin(), booked.end(),
                                     [](const Appointment &a) { return a.walkIn; });
    QVERIFY(walkIn != booked.end());
    QCOMPARE(walkIn->startsAt(), minute);
    QVERIFY(walkIn->clientId.isEmpty());
    QCOMPARE(walkIn->notes, QStringLiteral("Sam"));
    QCOMPARE(walkIn->lines.constFirst().serviceId, m_service.id);
    QVERIFY(!walkIn->overbooked);
    QVERIFY(m_book.store().remove(Entity::Appointment, walkIn->id).ok());
}

void TestWalkInDialog::nobodyFreeSaysWhenSomeoneIs()
{
    // Before opening: nobody works, but someone will later in the day.
    m_book.setNow(Day, QTime(6, 0));
    WalkInDialog *dialog = openDialog();
    QVERIFY(dialog);
    tick(dialog, m_service.id);
    QCOMPARE(dialog->findChild<QListWidget *>(QStringLiteral("walkInStylistList"))->count(), 0);
    const QString status = dialog->findChild<QLabel *>(QStringLiteral("walkInStatus"))->text();
    QVERIFY2(status.startsWith(QStringLiteral("Nobody is free now")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("Next free: ")), qPrintable(status));
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("bookWalkInButton"))->isEnabled());
    const qint64 before = VALUE_OF(m_book.store().outboxCount());
    dialog->accept();
    QCOMPARE(VALUE_OF(m_book.store().outboxCount()), before);
}

QTEST_MAIN(TestWalkInDialog)
#include "tst_walkindialog.moc"
