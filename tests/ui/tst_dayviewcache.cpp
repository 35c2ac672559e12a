// The day view keeps what it has drawn (laid-out text, each block's image)
// so a repaint is mostly copies. Whatever changes what a block looks like
// must show at once: a change in the store, the palette, the colouring, the
// selection, the size, another day. Each case paints the day until the
// blocks are kept as images, makes the change and reads the pixels.

#include "dayview.h"
#include "desksettings.h"
#include "mainwindow.h"
#include "statusstyle.h"
#include "testsupport.h"

#include "booking/appointmentbook.h"

#include <QAction>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const QDate Day(2026, 12, 1);

enum class Trigger {
    StoreStatus,
    StoreMove,
    Palette,
    Colouring,
    Selection,
    Size,
    OtherDay,
    WaitingToSync
};

DaySheet::Block visit(const QString &id, int from, int to, int lane = 0,
                      QList<DaySheet::Part> parts = {})
{
    DaySheet::Block block;
    block.appointmentId = id;
    block.clientName = QStringLiteral("Client %1").arg(id);
    block.services = QStringLiteral("Cut & Finish");
    block.startMinute = from;
    block.endMinute = to;
    block.lane = lane;
    block.parts = parts.isEmpty() ? QList<DaySheet::Part>{{SegmentKind::Busy, from, to}} : parts;
    return block;
}

// Two stylists with visits back to back, at odd minutes, into a break,
// with processing time and a visit inside it, overbooked, short, and up
// to the last row.
DaySheet sheetOfCells()
{
    DaySheet sheet;
    sheet.salonId = QStringLiteral("salon-1");
    sheet.date = Day;
    DaySheet::Column ann;
    ann.staffId = QStringLiteral("ann");
    ann.name = QStringLiteral("Ann");
    ann.colour = QStringLiteral("#1e88e5");
    ann.working = {{9 * 60, 13 * 60}, {14 * 60, 18 * 60}};
    ann.blocks = {visit(QStringLiteral("a1"), 9 * 60, 9 * 60 + 45),
                  visit(QStringLiteral("a2"), 9 * 60 + 45, 10 * 60 + 45, 0,
                        {{SegmentKind::Busy, 9 * 60 + 45, 10 * 60},
                         {SegmentKind::Processing, 10 * 60, 10 * 60 + 30},
                         {SegmentKind::Busy, 10 * 60 + 30, 10 * 60 + 45}}),
                  visit(QStringLiteral("a3"), 10 * 60 + 5, 10 * 60 + 25, 1),
                  visit(QStringLiteral("a4"), 10 * 60 + 50, 11 * 60 + 35),
                  visit(QStringLiteral("a5"), 12 * 60 + 30, 13 * 60 + 30),
                  visit(QStringLiteral("a6"), 14 * 60, 15 * 60),
                  visit(QStringLiteral("a7"), 15 * 60, 15 * 60 + 45)};
    ann.blocks[5].overbooked = true; // a thicker border, then one right after it
    DaySheet::Column bo = ann;
    bo.staffId = QStringLiteral("bo");
    bo.name = QStringLiteral("Bo");
    bo.colour = QStringLiteral("#43a047");
    bo.working = {{9 * 60, 18 * 60}};
    bo.blocks = {visit(QStringLiteral("b1"), 9 * 60, 10 * 60),
                 visit(QStringLiteral("b2"), 11 * 60, 11 * 60 + 15),
                 visit(QStringLiteral("b3"), 17 * 60, 18 * 60)};
    sheet.columns = {ann, bo};
    sheet.visitCount = 10;
    return sheet;
}

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    return dark;
}

} // namespace

class TestDayViewCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void changeShowsAtOnce_data();
    void changeShowsAtOnce();
    void newFontPaintsAsAFreshView();
    void cellsKeepTheGridUnderThem_data();
    void cellsKeepTheGridUnderThem();

private:
    // The block's fill (right of its bar, left of its text) and its border.
    QColor fillOf(const QImage &image, const QString &appointmentId) const;
    QColor borderOf(const QImage &image, const QString &appointmentId) const;
    // Painted often enough that every block is drawn from its kept image.
    QImage paintedAgain() const;

    QTemporaryDir m_settings;
    FixedClock m_clock{QDateTime(Day, QTime(7, 0), QTimeZone::utc())};
    std::unique_ptr<TempStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    DayView *m_view = nullptr;
    TestData m_data;
    QString m_cut;   // 10:00 with the first stylist
    QString m_other; // 10:00 with the second, left alone
};

void TestDayViewCache::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
}

void TestDayViewCache::init()
{
    deskSettings()->clear();
    m_store = std::make_unique<TempStore>(m_clock);
    QVERIFY2(m_store->isValid(), qPrintable(m_store->errorString()));
    m_data = TestData::small();
    StoreContents contents = m_data.contents();
    const qint64 ten = QDateTime(Day, QTime(10, 0), QTimeZone("Europe/London")).toSecsSinceEpoch();
    contents.appointments.append(m_data.appointment(QStringLiteral("appt-cut"), ten, {{0, 0}}));
    contents.appointments.append(m_data.appointment(QStringLiteral("appt-other"), ten, {{1, 0}}));
    m_cut = QStringLiteral("appt-cut");
    m_other = QStringLiteral("appt-other");
    const Result<void> inserted = (*m_store)->insertAll(contents, false);
    QVERIFY2(inserted.ok(), inserted.ok() ? "" : qPrintable(inserted.error().message));

    m_window = std::make_unique<MainWindow>(&m_store->store());
    m_window->resize(1200, 900);
    m_window->showDate(Day);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_view = m_window->findChild<DayView *>(QStringLiteral("dayView"));
    QVERIFY(m_view);
    QVERIFY(m_view->findBlock(m_cut).first >= 0);
    m_window->findChild<QAction *>(QStringLiteral("colourByStatusAction"))->trigger();
}

void TestDayViewCache::cleanup()
{
    m_window.reset();
    m_view = nullptr;
    m_store.reset();
}

QImage TestDayViewCache::paintedAgain() const
{
    // The first paint draws each block, the second keeps it, the third copies it.
    m_view->grab();
    m_view->grab();
    return m_view->grab().toImage();
}

QColor TestDayViewCache::fillOf(const QImage &image, const QString &appointmentId) const
{
    const QPair<int, int> block = m_view->findBlock(appointmentId);
    if (block.first < 0)
        return {};
    const QRect rect = m_view->blockRect(block.first, block.second);
    return image.pixelColor(rect.left() + 6, rect.center().y());
}

QColor TestDayViewCache::borderOf(const QImage &image, const QString &appointmentId) const
{
    const QPair<int, int> block = m_view->findBlock(appointmentId);
    if (block.first < 0)
        return {};
    const QRect rect = m_view->blockRect(block.first, block.second);
    return image.pixelColor(rect.left(), rect.center().y());
}

void TestDayViewCache::changeShowsAtOnce_data()
{
    QTest::addColumn<Trigger>("trigger");
    QTest::addRow("status changed in the store") << Trigger::StoreStatus;
    QTest::addRow("moved in the store") << Trigger::StoreMove;
    QTest::addRow("dark palette") << Trigger::Palette;
    QTest::addRow("coloured by stylist") << Trigger::Colouring;
    QTest::addRow("selected") << Trigger::Selection;
    QTest::addRow("window made shorter") << Trigger::Size;
    QTest::addRow("another day and back") << Trigger::OtherDay;
    QTest::addRow("waiting to sync, then pushed") << Trigger::WaitingToSync;
}

void TestDayViewCache::changeShowsAtOnce()
{
    QFETCH(Trigger, trigger);
    const QPalette palette = m_view->palette();
    const QColor booked = StatusStyle::of(AppointmentStatus::Booked, palette).fill;
    QImage image = paintedAgain();
    QCOMPARE(fillOf(image, m_cut).rgb(), booked.rgb());
    const QRect before =
            m_view->blockRect(m_view->findBlock(m_cut).first, m_view->findBlock(m_cut).second);
    AppointmentBook book(m_store->store());

    switch (trigger) {
    case Trigger::StoreStatus: {
        QVERIFY(book.setStatus(m_cut, AppointmentStatus::Confirmed, QStringLiteral("test")).ok());
        QTRY_COMPARE(m_view->sheet()
                             .columns.at(m_view->findBlock(m_cut).first)
                             .blocks.at(m_view->findBlock(m_cut).second)
                             .status,
                     AppointmentStatus::Confirmed);
        image = paintedAgain();
        QCOMPARE(fillOf(image, m_cut).rgb(),
                 StatusStyle::of(AppointmentStatus::Confirmed, palette).fill.rgb());
        break;
    }
    case Trigger::StoreMove: {
        const qint64 two =
                QDateTime(Day, QTime(14, 0), QTimeZone("Europe/London")).toSecsSinceEpoch();
        // Overbooked: nobody is on the rota in this salon.
        QVERIFY(book.shift(m_cut, two, {}, {}, true, QStringLiteral("test")).ok());
        QTRY_COMPARE(m_view->sheet()
                             .columns.at(m_view->findBlock(m_cut).first)
                             .blocks.at(m_view->findBlock(m_cut).second)
                             .startMinute,
                     14 * 60);
        image = paintedAgain();
        QCOMPARE(fillOf(image, m_cut).rgb(), booked.rgb());
        // Where it was: no trace of the block.
        QVERIFY(image.pixelColor(before.left() + 6, before.center().y()).rgb() != booked.rgb());
        break;
    }
    case Trigger::Palette: {
        const QPalette dark = darkPalette();
        m_view->setPalette(dark);
        image = paintedAgain();
        QCOMPARE(fillOf(image, m_cut).rgb(),
                 StatusStyle::of(AppointmentStatus::Booked, dark).fill.rgb());
        break;
    }
    case Trigger::Colouring: {
        m_window->findChild<QAction *>(QStringLiteral("colourByStylistAction"))->trigger();
        QCOMPARE(m_view->colouring(), DayView::Colouring::ByStylist);
        image = paintedAgain();
        QVERIFY(fillOf(image, m_cut).rgb() != booked.rgb());
        break;
    }
    case Trigger::Selection: {
        QVERIFY(borderOf(image, m_cut).rgb() != palette.color(QPalette::Highlight).rgb());
        m_view->selectAppointment(m_cut);
        image = paintedAgain();
        QCOMPARE(borderOf(image, m_cut).rgb(), palette.color(QPalette::Highlight).rgb());
        break;
    }
    case Trigger::Size: {
        m_window->resize(1200, 600);
        QTRY_VERIFY(
                m_view->blockRect(m_view->findBlock(m_cut).first, m_view->findBlock(m_cut).second)
                != before);
        image = paintedAgain();
        QCOMPARE(fillOf(image, m_cut).rgb(), booked.rgb());
        break;
    }
    case Trigger::OtherDay: {
        // Changed while another day is shown, then back: drawn as it is now.
        m_window->showNextDay();
        QCOMPARE(m_view->findBlock(m_cut).first, -1);
        paintedAgain();
        QVERIFY(book.setStatus(m_cut, AppointmentStatus::Arrived, QStringLiteral("test")).ok());
        m_window->showPreviousDay();
        image = paintedAgain();
        QCOMPARE(fillOf(image, m_cut).rgb(),
                 StatusStyle::of(AppointmentStatus::Arrived, palette).fill.rgb());
        break;
    }
    case Trigger::WaitingToSync: {
        // The PC has joined a server (none is needed: nothing goes out here)
        // and the visit is saved again as it is: only its standing with the
        // server differs, and that must show.
        Store &store = m_store->store();
        ServerLink link;
        link.url = QStringLiteral("postgresql://127.0.0.1:1/chairside");
        link.deviceId = QStringLiteral("7f0e2a1c-0000-4000-8000-000000000001");
        link.loginRole = QStringLiteral("chairside_pc_test");
        link.salonId = m_data.salon.id;
        link.joinedAt = m_clock.now();
        QVERIFY(store.saveServerLink(link).ok());
        const QRect rect =
                m_view->blockRect(m_view->findBlock(m_cut).first, m_view->findBlock(m_cut).second);
        const QImage plain = image.copy(rect);
        const Appointment same = *VALUE_OF(store.appointment(m_cut));
        QVERIFY(store.save(same).ok());
        const auto waiting = [this] {
            const QPair<int, int> at = m_view->findBlock(m_cut);
            return m_view->sheet().columns.at(at.first).blocks.at(at.second).waitingToSync;
        };
        QTRY_VERIFY(waiting());
        image = paintedAgain();
        QVERIFY(image.copy(rect) != plain);
        // The push acknowledged (as the sync round records it): as before.
        const QList<OutboxEntry> queued = VALUE_OF(store.outbox());
        QCOMPARE(queued.size(), 1);
        PushOutcome applied;
        applied.entry = queued.constFirst();
        applied.version = 1;
        QVERIFY(store.recordPushOutcomes({applied}).ok());
        QTRY_VERIFY(!waiting());
        image = paintedAgain();
        QCOMPARE(image.copy(rect), plain);
        break;
    }
    }
    // The block nobody changed is drawn as before (from what was kept).
    const QColor other = fillOf(image, m_other);
    if (trigger == Trigger::StoreStatus || trigger == Trigger::StoreMove
        || trigger == Trigger::Selection || trigger == Trigger::Size || trigger == Trigger::OtherDay
        || trigger == Trigger::WaitingToSync)
        QCOMPARE(other.rgb(), booked.rgb());
}

void TestDayViewCache::newFontPaintsAsAFreshView()
{
    // Lines of text used twice are kept as images (stamps) keyed by words,
    // colour and font role: a new font must not bring back the old ones.
    DayView kept;
    kept.setSheet(m_view->sheet());
    kept.resize(900, 700);
    kept.grab();
    kept.setSheet(DaySheet()); // the blocks drawn afresh, from their stamps
    kept.setSheet(m_view->sheet());
    const QImage stamped = kept.grab().toImage();
    QFont bigger = kept.font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.5);
    kept.setFont(bigger);

    DayView fresh;
    fresh.setFont(bigger);
    fresh.setSheet(m_view->sheet());
    fresh.resize(kept.size());
    const QImage expected = fresh.grab().toImage();
    QVERIFY(expected != stamped);
    QCOMPARE(kept.grab().toImage(), expected);
}

void TestDayViewCache::cellsKeepTheGridUnderThem_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addRow("wide columns") << QSize(700, 900) << false;
    QTest::addRow("narrow columns") << QSize(150, 700) << false;
    QTest::addRow("dark palette") << QSize(700, 900) << true;
}

void TestDayViewCache::cellsKeepTheGridUnderThem()
{
    // A block kept with its stretch of the column (its cell: the grid
    // lines and background beside it) is copied over what is under it, so
    // the cell must hold exactly what the grid has there, and the same
    // pixels whether the block is drawn for the first time or copied.
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    const DaySheet sheet = sheetOfCells();
    DaySheet empty = sheet;
    for (DaySheet::Column &column : empty.columns)
        column.blocks.clear();
    DayView grid;
    DayView view;
    for (DayView *v : {&grid, &view}) {
        if (dark)
            v->setPalette(darkPalette());
        v->resize(size);
    }
    grid.setSheet(empty);
    const QImage lines = grid.grab().toImage();
    view.setSheet(sheet);
    view.grab(); // lines of text used twice are stamped from then on
    view.setSheet(DaySheet());
    view.setSheet(sheet);
    const QImage first = view.grab().toImage(); // every block drawn
    view.grab();                                // each block kept
    const QImage copied = view.grab().toImage();
    // Cells are exact; a block drawn over what is under it (on top of
    // another, into a break, a thicker border) is an image blended there,
    // which may round its antialiased corners one level differently.
    QList<QRect> blended;
    for (const QPair<int, int> &at : {qMakePair(0, 2), qMakePair(0, 4), qMakePair(0, 5)})
        blended.append(view.blockRect(at.first, at.second).adjusted(-1, -1, 1, 1));
    const auto near = [](QRgb a, QRgb b) {
        return std::abs(qRed(a) - qRed(b)) <= 1 && std::abs(qGreen(a) - qGreen(b)) <= 1
                && std::abs(qBlue(a) - qBlue(b)) <= 1 && qAlpha(a) == qAlpha(b);
    };
    for (int y = 0; y < first.height(); ++y) {
        for (int x = 0; x < first.width(); ++x) {
            const QRgb a = first.pixel(x, y);
            const QRgb b = copied.pixel(x, y);
            const bool inBlended = std::any_of(blended.cbegin(), blended.cend(),
                                               [&](const QRect &r) { return r.contains(x, y); });
            QVERIFY2(a == b || (inBlended && near(a, b)),
                     qPrintable(QStringLiteral("at %1,%2: drawn %3, copied %4")
                                        .arg(x)
                                        .arg(y)
                                        .arg(a, 8, 16)
                                        .arg(b, 8, 16)));
        }
    }

    // Beside each first-lane block, across its column from the row above
    // it to its last: the grid as it is without the visits.
    int compared = 0;
    for (int c = 0; c < view.columnCount(); ++c) {
        const QRect col = view.columnRect(c);
        const QList<DaySheet::Block> &blocks = sheet.columns.at(c).blocks;
        for (int b = 0; b < blocks.size(); ++b) {
            if (blocks.at(b).lane > 0 || (c == 0 && (b == 5 || b == 6)))
                continue; // on top of another; a thicker border and the one below it
            const QRect rect = view.blockRect(c, b);
            for (int y = rect.top() - 1; y <= rect.bottom(); ++y) {
                for (int x = col.left(); x <= col.right(); ++x) {
                    // Not the block, nor what the visit in its processing time covers.
                    if (rect.contains(x, y) || (c == 0 && b == 1 && x >= rect.left()))
                        continue;
                    ++compared;
                    QVERIFY2(copied.pixel(x, y) == lines.pixel(x, y),
                             qPrintable(QStringLiteral("stylist %1 visit %2 at %3,%4: %5, grid %6")
                                                .arg(c)
                                                .arg(b)
                                                .arg(x)
                                                .arg(y)
                                                .arg(copied.pixel(x, y), 8, 16)
                                                .arg(lines.pixel(x, y), 8, 16)));
                }
            }
        }
    }
    QVERIFY(compared > 1000);
}

QTEST_MAIN(TestDayViewCache)
#include "tst_dayviewcache.moc"
