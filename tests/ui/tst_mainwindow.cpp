#include "conflictpanel.h"
#include "dayview.h"
#include "mainwindow.h"
#include "syncstatus.h"
#include "testsupport.h"

#include "demo/demosalon.h"

#include <QLabel>
#include <QSet>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>
#include <QUuid>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

// A Tuesday; the demo salon is generated around it.
const QDate Day(2026, 12, 1);

QSet<QString> columnIds(const DayView *view)
{
    QSet<QString> ids;
    for (const DaySheet::Column &column : view->sheet().columns)
        ids.insert(column.staffId);
    return ids;
}

QSet<QString> blockIds(const DayView *view)
{
    QSet<QString> ids;
    for (const DaySheet::Column &column : view->sheet().columns) {
        for (const DaySheet::Block &block : column.blocks)
            ids.insert(block.appointmentId);
    }
    return ids;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void columnsAreWorkingStylists_data();
    void columnsAreWorkingStylists();
    void showsTheDaysAppointments();
    void storeChangeRefreshesView();
    void rotaChangeRefreshesView();
    void dayButtonsMoveTheDate();
    void clickingABlockNamesTheAppointment();
    void emptyStoreShowsEmptyState();
    void importReplacesTheBook();
    void readFailureKeepsTheDay();
    void conflictInboxMadeAfterTheFirstPaint();

private:
    // The stylists who work on `date` by the store's shifts, exceptions and
    // time off: what the day view must show, worked out independently.
    QSet<QString> expectedColumns(const QDate &date);
    MainWindow *openWindow();

    std::unique_ptr<TempStore> m_store;
    QString m_salonId;
};

void TestMainWindow::initTestCase()
{
    m_store = std::make_unique<TempStore>();
    QVERIFY2(m_store->isValid(), qPrintable(m_store->errorString()));
    DemoSalon::Options options;
    options.today = Day;
    const Result<QString> salonId = DemoSalon::write(m_store->store(), options);
    QVERIFY2(salonId.ok(), salonId.ok() ? "" : qPrintable(salonId.error().message));
    m_salonId = *salonId;
}

QSet<QString> TestMainWindow::expectedColumns(const QDate &date)
{
    Store &store = m_store->store();
    const QTimeZone zone(VALUE_OF(store.salon(m_salonId), {})->timeZone.toUtf8());
    const qint64 dayStart = QDateTime(date, QTime(0, 0), zone).toSecsSinceEpoch();
    const qint64 dayEnd = QDateTime(date.addDays(1), QTime(0, 0), zone).toSecsSinceEpoch();
    const QList<Shift> shifts = VALUE_OF(store.shifts(m_salonId), {});
    const QList<ShiftException> exceptions =
            VALUE_OF(store.shiftExceptions(m_salonId, date, date), {});
    const QList<TimeOff> timeOff = VALUE_OF(store.timeOff(m_salonId, dayStart, dayEnd), {});
    QSet<QString> ids;
    for (const Staff &staff : VALUE_OF(store.staff(m_salonId), {})) {
        if (staff.role == StaffRole::FrontDesk)
            continue;
        std::optional<bool> working;
        for (const ShiftException &e : exceptions) {
            if (e.staffId == staff.id && e.date == date)
                working = e.working;
        }
        if (!working) {
            working = std::any_of(shifts.begin(), shifts.end(), [&](const Shift &s) {
                return s.staffId == staff.id && s.appliesOn(date);
            });
        }
        for (const TimeOff &off : timeOff) {
            if (off.staffId == staff.id && off.startsAt <= dayStart && off.endsAt >= dayEnd)
                working = false;
        }
        if (*working)
            ids.insert(staff.id);
    }
    return ids;
}

MainWindow *TestMainWindow::openWindow()
{
    auto *window = new MainWindow(&m_store->store());
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->showDate(Day);
    window->show();
    return window;
}

void TestMainWindow::columnsAreWorkingStylists_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("minimumColumns");

    QTest::addRow("today, a Tuesday") << Day << 4;
    QTest::addRow("Wednesday") << Day.addDays(1) << 3;
    QTest::addRow("late Thursday") << Day.addDays(2) << 3;
    QTest::addRow("Saturday") << Day.addDays(4) << 3;
    QTest::addRow("Sunday, closed") << Day.addDays(5) << 0;
    QTest::addRow("Monday, a wedding party") << Day.addDays(6) << 1;
    QTest::addRow("two weeks on, someone on holiday") << Day.addDays(14) << 3;
}

void TestMainWindow::columnsAreWorkingStylists()
{
    QFETCH(QDate, date);
    QFETCH(int, minimumColumns);

    std::unique_ptr<MainWindow> window(openWindow());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->showDate(date);
    auto *view = window->findChild<DayView *>(QStringLiteral("dayView"));
    QVERIFY(view);
    QCOMPARE(columnIds(view), expectedColumns(date));
    QVERIFY(view->columnCount() >= minimumColumns);

    // Every column is headed by the stylist's name and colour.
    for (const DaySheet::Column &column : view->sheet().columns) {
        const std::optional<Staff> staff = [&]() -> std::optional<Staff> {
            for (const Staff &s : VALUE_OF(m_store->store().staff(m_salonId), std::nullopt)) {
                if (s.id == column.staffId)
                    return s;
            }
            return std::nullopt;
        }();
        QVERIFY(staff);
        QCOMPARE(column.name, staff->name);
        QCOMPARE(column.colour, staff->colour);
    }
    auto *summary = window->findChild<QLabel *>(QStringLiteral("summaryLabel"));
    QVERIFY(summary);
    QCOMPARE(summary->text().contains(QStringLiteral("closed")), view->columnCount() == 0);
}

void TestMainWindow::showsTheDaysAppointments()
{
    std::unique_ptr<MainWindow> window(openWindow());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    auto *view = window->findChild<DayView *>(QStringLiteral("dayView"));
    QVERIFY(view);

    const QTimeZone zone(VALUE_OF(m_store->store().salon(m_salonId))->timeZone.toUtf8());
    const QList<Appointment> appointments = VALUE_OF(m_store->store().appointments(
            m_salonId, QDateTime(Day, QTime(0, 0), zone).toSecsSinceEpoch(),
            QDateTime(Day.addDays(1), QTime(0, 0), zone).toSecsSinceEpoch()));
    QSet<QString> expected;
    for (const Appointment &a : appointments) {
        if (a.status != AppointmentStatus::Cancelled)
            expected.insert(a.id);
    }
    QVERIFY2(expected.size() >= 10, "the demo salon books a busy day");
    QCOMPARE(blockIds(view), expected);

    // Processing time is drawn, and blocks sit inside the rows shown.
    bool processing = false;
    for (const DaySheet::Column &column : view->sheet().columns) {
        for (const DaySheet::Block &block : column.blocks) {
            QVERIFY(block.startMinute >= view->sheet().firstMinute);
            QVERIFY(block.endMinute <= view->sheet().lastMinute);
            QVERIFY(!block.services.isEmpty());
            for (const DaySheet::Part &part : block.parts)
                processing = processing || part.kind == SegmentKind::Processing;
        }
    }
    QVERIFY(processing);
    auto *status = window->findChild<QLabel *>(QStringLiteral("salonLabel"));
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("Chairside Demo Salon"));
}

void TestMainWindow::storeChangeRefreshesView()
{
    std::unique_ptr<MainWindow> window(openWindow());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    auto *view = window->findChild<DayView *>(QStringLiteral("dayView"));
    SyncStatus *sync = window->syncStatus();
    QVERIFY(view);
    QVERIFY(sync);
    const qint64 waiting = VALUE_OF(m_store->store().outboxPending(Store::serverConsumer));
    QCOMPARE(sync->facts().pending, waiting);
    QVERIFY2(sync->text().startsWith(QStringLiteral("Not joined")), qPrintable(sync->text()));

    // A fringe trim after closing time, for the first stylist on the day.
    Store &store = m_store->store();
    const DaySheet::Column column = view->sheet().columns.constFirst();
    QString fringe;
    for (const Service &service : VALUE_OF(store.services(m_salonId))) {
        if (service.name == QStringLiteral("Fringe Trim"))
            fringe = service.id;
    }
    QVERIFY(!fringe.isEmpty());
    const QTimeZone zone(VALUE_OF(store.salon(m_salonId))->timeZone.toUtf8());
    const qint64 start = QDateTime(Day, QTime(20, 30), zone).toSecsSinceEpoch();
    Appointment a;
    a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.salonId = m_salonId;
    a.clientId = VALUE_OF(store.clients(m_salonId, {}, 1)).constFirst().id;
    a.createdBy = QStringLiteral("tst_mainwindow");
    a.createdAt = start - 3600;
    a.changedBy = a.createdBy;
    a.changedAt = a.createdAt;
    ServiceLine line;
    line.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    line.serviceId = fringe;
    line.staffId = column.staffId;
    line.segments.append({SegmentKind::Busy, start, start + 15 * 60, {}});
    a.lines.append(line);

    QVERIFY(!blockIds(view).contains(a.id));
    const Result<void> saved = store.save(a);
    QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
    QTRY_VERIFY(blockIds(view).contains(a.id));
    QVERIFY(view->sheet().lastMinute >= 20 * 60 + 45); // the rows grew to show it
    QTRY_COMPARE(sync->facts().pending, waiting + 1);  // the status bar counts at once

    // Cancelling takes it off the book again.
    a.status = AppointmentStatus::Cancelled;
    QVERIFY(store.save(a).ok());
    QTRY_VERIFY(!blockIds(view).contains(a.id));

    // On another day, the visit is not there.
    window->showDate(Day.addDays(1));
    QCOMPARE(window->date(), Day.addDays(1));
    QVERIFY(!blockIds(view).isEmpty());
    QVERIFY(!blockIds(view).contains(a.id));
}

void TestMainWindow::rotaChangeRefreshesView()
{
    // The window keeps who works when in memory from day to day; a change to
    // the rota shows at once, on the day shown and on a day shown later.
    std::unique_ptr<MainWindow> window(openWindow());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    auto *view = window->findChild<DayView *>(QStringLiteral("dayView"));
    QVERIFY(view);
    Store &store = m_store->store();
    const DaySheet::Column first = view->sheet().columns.constFirst();
    QVERIFY(!first.working.isEmpty());
    auto columnOf = [view](const QString &staffId) -> std::optional<DaySheet::Column> {
        for (const DaySheet::Column &column : view->sheet().columns) {
            if (column.staffId == staffId)
                return column;
        }
        return std::nullopt;
    };
    auto workingOf = [&](const QString &staffId) {
        const std::optional<DaySheet::Column> column = columnOf(staffId);
        return column ? column->working : QList<DaySheet::Span>();
    };
    auto same = [](const QList<DaySheet::Span> &a, const QList<DaySheet::Span> &b) {
        return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                          [](const DaySheet::Span &x, const DaySheet::Span &y) {
                              return x.startMinute == y.startMinute && x.endMinute == y.endMinute;
                          });
    };

    // A day off on the day shown, then taken back.
    ShiftException off;
    off.id = QStringLiteral("tst-day-off");
    off.staffId = first.staffId;
    off.date = Day;
    off.reason = QStringLiteral("Dentist");
    QVERIFY(store.save(off).ok());
    QVERIFY(workingOf(first.staffId).isEmpty()); // no column, or one for their clients alone
    QVERIFY(store.remove(Entity::ShiftException, off.id).ok());
    QVERIFY(same(workingOf(first.staffId), first.working));

    // Time off in the middle of the day, saved while another day is shown.
    window->showDate(Day.addDays(1));
    const std::optional<Salon> salon = VALUE_OF(store.salon(m_salonId));
    QVERIFY(salon);
    const QTimeZone zone(salon->timeZone.toUtf8());
    // An hour inside the first span of work.
    const int middle = (first.working.constFirst().startMinute + 60) / 60 * 60;
    QVERIFY(middle + 60 <= first.working.constFirst().endMinute);
    TimeOff leave;
    leave.id = QStringLiteral("tst-time-off");
    leave.staffId = first.staffId;
    leave.startsAt = QDateTime(Day, QTime(middle / 60, 0), zone).toSecsSinceEpoch();
    leave.endsAt = leave.startsAt + 3600;
    QVERIFY(store.save(leave).ok());
    window->showDate(Day);
    const QList<DaySheet::Span> around = workingOf(first.staffId);
    QVERIFY(!same(around, first.working));
    QVERIFY(std::none_of(around.cbegin(), around.cend(), [&](const DaySheet::Span &span) {
        return span.startMinute < middle + 60 && span.endMinute > middle;
    }));
    QVERIFY(store.remove(Entity::TimeOff, leave.id).ok());
    QVERIFY(same(workingOf(first.staffId), first.working));

    // A stylist renamed: the column's heading follows.
    std::optional<Staff> member;
    const QList<Staff> staff = VALUE_OF(store.staff(m_salonId));
    for (const Staff &s : staff) {
        if (s.id == first.staffId)
            member = s;
    }
    QVERIFY(member);
    const QString name = member->name;
    member->name = name + QStringLiteral(" Jr");
    QVERIFY(store.save(*member).ok());
    QCOMPARE(columnOf(first.staffId)->name, member->name);
    member->name = name;
    QVERIFY(store.save(*member).ok());
    QCOMPARE(columnOf(first.staffId)->name, name);
}

void TestMainWindow::dayButtonsMoveTheDate()
{
    std::unique_ptr<MainWindow> window(openWindow());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    auto *next = window->findChild<QToolButton *>(QStringLiteral("nextDayButton"));
    auto *previous = window->findChild<QToolButton *>(QStringLiteral("previousDayButton"));
    auto *today = window->findChild<QToolButton *>(QStringLiteral("todayButton"));
    auto *label = window->findChild<QLabel *>(QStringLiteral("dateLabel"));
    QVERIFY(next && previous && today && label);

    QCOMPARE(window->date(), Day);
    const QString firstLabel = label->text();
    QVERIFY(firstLabel.contains(QStringLiteral("2026")));
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(window->date(), Day.addDays(1));
    QVERIFY(label->text() != firstLabel);
    QTest::mouseClick(previous, Qt::LeftButton);
    QTest::mouseClick(previous, Qt::LeftButton);
    QCOMPARE(window->date(), Day.addDays(-1));
    QTest::mouseClick(today, Qt::LeftButton);
    QCOMPARE(window->date(),
             QDateTime::currentDateTime().toTimeZone(QTimeZone("Europe/London")).date());
    QVERIFY(label->text().startsWith(QStringLiteral("Today")));
}

void TestMainWindow::clickingABlockNamesTheAppointment()
{
    std::unique_ptr<MainWindow> window(openWindow());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->resize(1400, 900);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    auto *view = window->findChild<DayView *>(QStringLiteral("dayView"));
    QVERIFY(view);
    QVERIFY(view->columnCount() > 0);
    int column = -1;
    for (int c = 0; c < view->columnCount() && column < 0; ++c) {
        if (!view->sheet().columns.at(c).blocks.isEmpty())
            column = c;
    }
    QVERIFY(column >= 0);
    const DaySheet::Block &block = view->sheet().columns.at(column).blocks.constFirst();
    QSignalSpy clicked(view, &DayView::appointmentClicked);
    QTest::mouseClick(view, Qt::LeftButton, {}, view->blockRect(column, 0).center());
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.at(0).at(0).toString(), block.appointmentId);
    QCOMPARE(view->appointmentAt(QPoint(2, 2)), QString()); // the time column

    // The desk sees who it is and how to reach them.
    const std::optional<Appointment> appointment =
            VALUE_OF(m_store->store().appointment(block.appointmentId));
    QVERIFY(appointment);
    const QString details = window->statusBar()->currentMessage();
    if (appointment->clientId.isEmpty()) {
        QVERIFY(details.startsWith(QStringLiteral("Walk-in")));
    } else {
        const std::optional<Client> client =
                VALUE_OF(m_store->store().client(appointment->clientId));
        QVERIFY(client);
        QVERIFY2(details.startsWith(client->name), qPrintable(details));
        QVERIFY(details.contains(client->phone));
    }
}

void TestMainWindow::emptyStoreShowsEmptyState()
{
    TempStore empty;
    QVERIFY(empty.isValid());
    MainWindow window(&empty.store());
    window.show();
    auto *pages = window.findChild<QStackedWidget *>();
    auto *label = window.findChild<QLabel *>(QStringLiteral("emptyStateLabel"));
    QVERIFY(pages && label);
    QCOMPARE(pages->currentWidget(), label);
    QVERIFY(label->text().contains(QStringLiteral("--demo")));
    QVERIFY(!window.findChild<QToolButton *>(QStringLiteral("nextDayButton"))->isEnabled());

    // A salon arriving in the store replaces the empty state.
    Salon salon;
    salon.id = QStringLiteral("salon-x");
    salon.name = QStringLiteral("New Salon");
    salon.timeZone = QStringLiteral("Europe/London");
    QVERIFY(empty.store().save(salon).ok());
    QTRY_VERIFY(pages->currentWidget() != label);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("salonLabel"))->text(), salon.name);
}

void TestMainWindow::importReplacesTheBook()
{
    TempStore temp;
    QVERIFY(temp.isValid());
    DemoSalon::Options options;
    options.today = Day;
    QVERIFY(DemoSalon::write(temp.store(), options).ok());
    MainWindow window(&temp.store());
    window.showDate(Day);
    auto *view = window.findChild<DayView *>(QStringLiteral("dayView"));
    QVERIFY(view);
    const QSet<QString> before = blockIds(view);
    QVERIFY(!before.isEmpty());

    // What `chairside-cli import` does: the whole store replaced at once.
    options.seed = 7;
    options.name = QStringLiteral("Imported Salon");
    QVERIFY(temp.store().replaceAll(DemoSalon::generate(options), false).ok());
    QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("salonLabel"))->text(), options.name);
    QVERIFY(!blockIds(view).isEmpty());
    QVERIFY(!blockIds(view).intersects(before));
}

// A read that fails while a day is shown: the day stays on screen as it was
// (blocks, date), and the status bar says what failed.
void TestMainWindow::readFailureKeepsTheDay()
{
    std::unique_ptr<MainWindow> window(openWindow());
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    auto *view = window->findChild<DayView *>(QStringLiteral("dayView"));
    auto *next = window->findChild<QToolButton *>(QStringLiteral("nextDayButton"));
    auto *label = window->findChild<QLabel *>(QStringLiteral("dateLabel"));
    QVERIFY(view && next && label);
    const QSet<QString> blocks = blockIds(view);
    const QSet<QString> columns = columnIds(view);
    QVERIFY(!blocks.isEmpty());
    const QString dateText = label->text();

    MissingTable missing(m_store->path(), QStringLiteral("appointments"));
    QVERIFY2(missing.errorString().isEmpty(), qPrintable(missing.errorString()));
    const QString expected =
            QStringLiteral("The appointment book could not be read: no such table: appointments");
    // The next day cannot be read: this one stays, and so does its date.
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(window->statusBar()->currentMessage(), expected);
    QCOMPARE(blockIds(view), blocks);
    QCOMPARE(columnIds(view), columns);
    QCOMPARE(window->date(), Day);
    QCOMPARE(label->text(), dateText);
    // Nor the same day again, when another program is said to have written.
    window->statusBar()->clearMessage();
    emit m_store->store().contentsReplaced();
    QCOMPARE(window->statusBar()->currentMessage(), expected);
    QCOMPARE(blockIds(view), blocks);

    QVERIFY2(missing.restore(), qPrintable(missing.errorString()));
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(window->date(), Day.addDays(1));
    QVERIFY(blockIds(view) != blocks);
}

// The conflict inbox (a table view and a date editor) is not part of a cold
// start: made once the day has painted, with its count in the status bar,
// or at once when asked for.
void TestMainWindow::conflictInboxMadeAfterTheFirstPaint()
{
    MainWindow window(&m_store->store(), CalendarAccountsSource{}, Day);
    QVERIFY(!window.findChild<ConflictPanel *>(QStringLiteral("conflicts")));
    auto *count = window.findChild<QToolButton *>(QStringLiteral("conflictCountButton"));
    QVERIFY(count);
    QVERIFY(count->isHidden()); // not counted yet
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ConflictPanel *panel = nullptr;
    QTRY_VERIFY((panel = window.findChild<ConflictPanel *>(QStringLiteral("conflicts"))));
    QCOMPARE(window.conflictPanel(), panel);
    QCOMPARE(panel->openCount(), 0);
    QVERIFY(count->isHidden()); // none to resolve

    MainWindow asked(&m_store->store(), CalendarAccountsSource{}, Day);
    QVERIFY(asked.conflictPanel());
    QCOMPARE(asked.findChild<ConflictPanel *>(QStringLiteral("conflicts")), asked.conflictPanel());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
