// The week view against the store: every cell holds exactly the visits the
// store has for that stylist and day (all stylists, and one), Ctrl+2 / Ctrl+1
// switch views, and clicking a day opens it in the day view.

#include "demobook.h"
#include "mainwindow.h"
#include "weekmodel.h"
#include "weekview.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTime>
#include <QHeaderView>
#include <QScrollArea>
#include <QSet>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <cstdlib>

using namespace chairside;
using namespace chairside::testsupport;

class TestWeekView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cellsAreTheStore_data();
    void cellsAreTheStore();
    void clickingADayOpensIt();
    void shortcutsSwitchViews();

private:
    // Non-cancelled visits of `staffId` on `date`, as the store has them.
    QSet<QString> expectedIds(const QString &staffId, const QDate &date);

    std::unique_ptr<DemoBook> m_book;
};

void TestWeekView::initTestCase()
{
    m_book = std::make_unique<DemoBook>();
    const QString error = m_book->open();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QSet<QString> TestWeekView::expectedIds(const QString &staffId, const QDate &date)
{
    QSet<QString> ids;
    for (const Appointment &a :
         VALUE_OF(m_book->store().appointments(m_book->salon.id, m_book->at(date, QTime(0, 0)),
                                               m_book->at(date.addDays(1), QTime(0, 0)), staffId),
                  {})) {
        if (a.status != AppointmentStatus::Cancelled)
            ids.insert(a.id);
    }
    return ids;
}

void TestWeekView::cellsAreTheStore_data()
{
    QTest::addColumn<int>("weeksAhead");
    QTest::addColumn<bool>("oneStylist");

    QTest::addRow("this week, all stylists") << 0 << false;
    QTest::addRow("this week, one stylist") << 0 << true;
    QTest::addRow("last week, all stylists") << -1 << false;
    QTest::addRow("last week, one stylist") << -1 << true;
    QTest::addRow("next week (not booked yet), all stylists") << 1 << false;
}

void TestWeekView::cellsAreTheStore()
{
    QFETCH(int, weeksAhead);
    QFETCH(bool, oneStylist);

    MainWindow window(&m_book->store());
    window.showDate(DemoBook::Day);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QVERIFY(window.isShowingWeek());
    auto *week = window.findChild<WeekView *>(QStringLiteral("weekView"));
    auto *table = window.findChild<QTableView *>(QStringLiteral("weekTable"));
    auto *combo = window.findChild<QComboBox *>(QStringLiteral("weekStylistCombo"));
    auto *next = window.findChild<QToolButton *>(QStringLiteral("nextWeekButton"));
    auto *previous = window.findChild<QToolButton *>(QStringLiteral("previousWeekButton"));
    QVERIFY(week && table && combo && next && previous);
    QVERIFY(week->isVisible());
    QAbstractItemModelTester tester(table->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < std::abs(weeksAhead); ++i)
        QTest::mouseClick(weeksAhead > 0 ? next : previous, Qt::LeftButton);

    const QDate first = week->firstDate();
    QVERIFY(first.isValid());
    const qint64 offset = first.daysTo(DemoBook::Day.addDays(7 * weeksAhead));
    QVERIFY2(offset >= 0 && offset < 7, qPrintable(first.toString(Qt::ISODate)));

    // The stylists: all of them, or the second in the list.
    QStringList wanted;
    if (oneStylist) {
        QVERIFY(combo->count() > 2);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentIndex(), 2);
        wanted = {combo->currentData().toString()};
    }
    const QAbstractItemModel *model = table->model();
    QCOMPARE(model->columnCount(), 7);
    if (oneStylist)
        QCOMPARE(model->rowCount(), 1);

    QSet<QString> shownStaff;
    int visits = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString staffId = model->index(row, 0).data(WeekModel::StaffIdRole).toString();
        shownStaff.insert(staffId);
        if (oneStylist)
            QCOMPARE(staffId, wanted.constFirst());
        for (int column = 0; column < 7; ++column) {
            const QModelIndex cell = model->index(row, column);
            const QDate date = first.addDays(column);
            QCOMPARE(cell.data(WeekModel::DateRole).toDate(), date);
            const QStringList ids = cell.data(WeekModel::AppointmentIdsRole).toStringList();
            const QSet<QString> shown(ids.cbegin(), ids.cend());
            QCOMPARE(shown, expectedIds(staffId, date));
            visits += int(ids.size());
            // Every visit is named in the cell's text: time and client.
            for (const QString &id : ids) {
                const std::optional<Appointment> a = VALUE_OF(m_book->store().appointment(id));
                const QString time = QDateTime::fromSecsSinceEpoch(a->startsAt(), m_book->zone)
                                             .time()
                                             .toString(QStringLiteral("HH:mm"));
                QVERIFY2(cell.data().toString().contains(time), qPrintable(cell.data().toString()));
            }
        }
    }
    // The demo books the weeks up to Day's and leaves the next one empty.
    if (weeksAhead <= 0)
        QVERIFY2(visits > 10, qPrintable(QString::number(visits)));
    // Nobody with visits that week is left out.
    if (!oneStylist) {
        for (const Staff &staff : VALUE_OF(m_book->store().staff(m_book->salon.id))) {
            for (int column = 0; column < 7; ++column) {
                if (!expectedIds(staff.id, first.addDays(column)).isEmpty())
                    QVERIFY2(shownStaff.contains(staff.id), qPrintable(staff.name));
            }
        }
    }
}

void TestWeekView::clickingADayOpensIt()
{
    MainWindow window(&m_book->store());
    window.resize(1400, 900);
    window.showDate(DemoBook::Day);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    // Made when first shown, not with the window.
    QVERIFY(!window.findChild<WeekView *>());
    window.showWeekView();
    auto *week = window.findChild<WeekView *>(QStringLiteral("weekView"));
    auto *table = window.findChild<QTableView *>(QStringLiteral("weekTable"));
    auto *pages = window.findChild<QStackedWidget *>();
    QVERIFY(week && table && pages);
    QCOMPARE(pages->currentWidget(), week);

    // A day's heading.
    QHeaderView *header = table->horizontalHeader();
    const int section = 4;
    const QDate expected = week->firstDate().addDays(section);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(section) + 10, header->height() / 2));
    QCOMPARE(window.date(), expected);
    QVERIFY(!window.isShowingWeek());
    QCOMPARE(pages->currentWidget(),
             window.findChild<QScrollArea *>(QStringLiteral("dayScrollArea")));

    // A cell of the day.
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(pages->currentWidget(), week);
    const QModelIndex cell = table->model()->index(0, 2);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
    QCOMPARE(window.date(), week->firstDate().addDays(2));
    QVERIFY(!window.isShowingWeek());
}

void TestWeekView::shortcutsSwitchViews()
{
    MainWindow window(&m_book->store());
    window.showDate(DemoBook::Day);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *pages = window.findChild<QStackedWidget *>();
    QVERIFY(pages);
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    // Made when first shown.
    auto *week = window.findChild<WeekView *>(QStringLiteral("weekView"));
    QVERIFY(week);
    QCOMPARE(pages->currentWidget(), week);
    // Moving a day on keeps the week view, on the week of the new day.
    window.showDate(DemoBook::Day.addDays(7));
    QCOMPARE(pages->currentWidget(), week);
    QVERIFY(week->firstDate().daysTo(DemoBook::Day.addDays(7)) < 7);
    QVERIFY(week->firstDate() <= DemoBook::Day.addDays(7));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(pages->currentWidget(),
             window.findChild<QScrollArea *>(QStringLiteral("dayScrollArea")));
    QCOMPARE(window.date(), DemoBook::Day.addDays(7));
}

QTEST_MAIN(TestWeekView)
#include "tst_weekview.moc"
