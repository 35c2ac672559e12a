// Benchmark: the day view (issue 8).
//   paint    a full repaint of one day, 40 stylists × 12 h, 600 visits,
//            into a QImage                                target <= 4 ms median
//            (also: one screen of it, the first paint, the image's fill and
//            copy floors, and the whole day at the default scale, 4858 px wide)
//   fitted   the same day fitted to a 1920x1080 window (View > Fit all
//            stylists): all of the day in the window, every pixel drawn; the
//            figure held to the 4 ms target
//   switch   the next day: load from the store, lay out, paint  <= 16 ms median
//   drag     with 20k appointments stored, the conflict check and its reason
//            for one mouse position                        <= 1 ms median
//   other    chairside-cli books while the window is open: from the CLI's exit
//            to the block in the window                    <= 1 s
// Run from build/release (it finds chairside-cli there, or in $CHAIRSIDE_CLI).

#include "appointmentdrag.h"
#include "dayview.h"
#include "mainwindow.h"
#include "testsupport.h"

#include "booking/daysheet.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPaintEvent>
#include <QPainter>
#include <QProcess>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

constexpr int Stylists = 40;
constexpr int PerStylistPerDay = 15; // 600 a day
constexpr int SwitchedDays = 21;     // each to a day not shown before
const QDate FirstDay(2026, 12, 1);

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// The wall clock and this thread's CPU time: on the shared build machine the
// wall clock also counts the time other programs had the CPU.
class Stopwatch
{
public:
    Stopwatch() { restart(); }
    void restart()
    {
        m_wall.start();
        m_cpu = cpuNow();
    }
    double wallMs() const { return m_wall.nsecsElapsed() / 1e6; }
    double cpuMs() const { return cpuNow() - m_cpu; }

private:
    static double cpuNow()
    {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
    }
    QElapsedTimer m_wall;
    double m_cpu = 0;
};

// 40 stylists working 08:00–20:00 every day, `days` days of 600 visits each.
bool fill(Store &store, TestData &data, int days)
{
    data = TestData(QStringLiteral("salon-1"));
    data.addService(QStringLiteral("Cut & Finish"), {segment(SegmentKind::Busy, 45)});
    data.addService(QStringLiteral("Colour"),
                    {segment(SegmentKind::Busy, 30), segment(SegmentKind::Processing, 20),
                     segment(SegmentKind::Busy, 15)});
    for (int i = 0; i < Stylists; ++i)
        data.addStylist(QStringLiteral("Stylist %1").arg(i + 1, 2, 10, QLatin1Char('0')));
    data.addClient(QStringLiteral("Ann Lee"), QStringLiteral("07700 900123"));
    for (int d = 0; d < 7; ++d)
        data.salon.openingHours[size_t(d)] = {8 * 60, 20 * 60};
    StoreContents contents = data.contents();
    for (int s = 0; s < Stylists; ++s) {
        for (int weekday = 1; weekday <= 7; ++weekday)
            contents.shifts.append(data.shift(s, weekday, 8 * 60, 20 * 60));
    }
    const QTimeZone zone("Europe/London");
    for (int d = 0; d < days; ++d) {
        const QDate date = FirstDay.addDays(d);
        for (int s = 0; s < Stylists; ++s) {
            for (int v = 0; v < PerStylistPerDay; ++v) {
                const qint64 start =
                        QDateTime(date, QTime(8, 0), zone).toSecsSinceEpoch() + v * 45 * 60;
                contents.appointments.append(
                        data.appointment(QStringLiteral("a-%1-%2-%3").arg(d).arg(s).arg(v), start,
                                         {{s, v % 3 == 0 ? 1 : 0}}));
            }
        }
    }
    const Result<void> inserted = store.insertAll(contents, false);
    if (!inserted)
        std::fprintf(stderr, "%s\n", qPrintable(inserted.error().message));
    return inserted.ok();
}

QSize daySize(const DaySheet &sheet)
{
    return {58 + int(sheet.columns.size()) * 120,
            50 + (sheet.lastMinute - sheet.firstMinute) / 15 * 22};
}

void benchPaint(Store &store, const Salon &salon)
{
    DayView view;
    view.setSheet(VALUE_OF(DaySheet::load(store, salon, FirstDay)));
    view.resize(daySize(view.sheet()));
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    QList<double> ms;
    QList<double> cpuMs;
    for (int i = 0; i < 31; ++i) {
        const Stopwatch timer;
        view.render(&image);
        ms.append(timer.wallMs());
        cpuMs.append(timer.cpuMs());
    }
    // What a screen shows of it: the window repaints only what is exposed.
    QImage screen(QSize(1600, 1000), QImage::Format_ARGB32_Premultiplied);
    QList<double> screenMs;
    for (int i = 0; i < 31; ++i) {
        const Stopwatch timer;
        view.render(&screen, QPoint(), QRegion(0, 0, 1600, 1000));
        screenMs.append(timer.wallMs());
    }
    std::printf("paint:  one screen of it (1600x1000 px, the scrolled-to part): median %.2f ms\n",
                median(screenMs));
    // The first paint of a day: nothing kept yet (a new view of the same day).
    QList<double> firstMs;
    QList<double> firstCpuMs;
    for (int i = 0; i < 5; ++i) {
        DayView fresh;
        fresh.setSheet(view.sheet());
        fresh.resize(view.size());
        fresh.render(&image); // fonts, glyphs and text layouts once
        fresh.setSheet(DaySheet());
        fresh.setSheet(view.sheet());
        const Stopwatch timer;
        fresh.render(&image);
        firstMs.append(timer.wallMs());
        firstCpuMs.append(timer.cpuMs());
    }
    std::printf("paint:  the first paint of the day (every block drawn, none kept yet): median "
                "%.2f ms (CPU %.2f ms)\n",
                median(firstMs), median(firstCpuMs));

    // Where the time goes: the same size with the visits left out.
    DaySheet empty = view.sheet();
    for (DaySheet::Column &column : empty.columns)
        column.blocks.clear();
    DayView grid;
    grid.setSheet(empty);
    grid.resize(view.size());
    QList<double> gridMs;
    for (int i = 0; i < 11; ++i) {
        QElapsedTimer timer;
        timer.start();
        grid.render(&image);
        gridMs.append(timer.nsecsElapsed() / 1e6);
    }
    // The floor on this machine: filling the image once, nothing drawn.
    QList<double> fillMs;
    for (int i = 0; i < 11; ++i) {
        QElapsedTimer timer;
        timer.start();
        image.fill(Qt::white);
        fillMs.append(timer.nsecsElapsed() / 1e6);
    }
    std::printf("paint:  filling the image alone: median %.2f ms; grid and headers alone: median "
                "%.2f ms\n",
                median(fillMs), median(gridMs));
    // The floor for writing every pixel from kept images: one copy of an
    // image of the day's size over another.
    const QImage source = image.copy();
    QList<double> copyMs;
    for (int i = 0; i < 11; ++i) {
        QElapsedTimer timer;
        timer.start();
        std::memcpy(image.bits(), source.constBits(), size_t(image.sizeInBytes()));
        copyMs.append(timer.nsecsElapsed() / 1e6);
    }
    std::printf("paint:  %d stylists, %d visits, the whole day at the default scale (%dx%d px): "
                "median %.2f ms (CPU %.2f ms; target <= 4: %s); copying an image that size "
                "alone (the memory floor): median %.2f ms\n",
                view.columnCount(), view.sheet().visitCount, view.width(), view.height(),
                median(ms), median(cpuMs), median(ms) <= 4 ? "met" : "missed", median(copyMs));
}

// View -> Fit all stylists in a 1920x1080 window: the whole salon's day in
// the window, so a full repaint of the view is a full repaint of what the
// front desk sees.
void benchFitted(Store &store)
{
    MainWindow window(&store);
    window.resize(1920, 1080);
    window.show();
    window.findChild<QAction *>(QStringLiteral("fitStylistsAction"))->setChecked(true);
    window.showDate(FirstDay);
    QCoreApplication::processEvents(); // laid out and shown
    DayView *view = window.dayView();
    const bool whole = view->visibleRegion() == QRegion(view->rect());
    QImage image(view->size(), QImage::Format_ARGB32_Premultiplied);
    QList<double> ms;
    QList<double> cpuMs;
    const int renders = qEnvironmentVariableIntValue("BENCH_RENDERS") > 0
            ? qEnvironmentVariableIntValue("BENCH_RENDERS")
            : 31; // more for a profiler
    for (int i = 0; i < renders; ++i) {
        const Stopwatch timer;
        view->render(&image);
        ms.append(timer.wallMs());
        cpuMs.append(timer.cpuMs());
    }
    std::printf("paint:  %d stylists, %d visits, the whole day fitted to a 1920x1080 window "
                "(View > Fit all stylists; %dx%d px, %s): median %.2f ms (CPU %.2f ms; target "
                "<= 4: %s)\n",
                view->columnCount(), view->sheet().visitCount, view->width(), view->height(),
                whole ? "all of it in the window" : "NOT all in the window", median(ms),
                median(cpuMs), median(ms) <= 4 ? "met" : "missed");
    window.findChild<QAction *>(QStringLiteral("fitStylistsAction"))->setChecked(false);
}

// What the window does on "next day": the day is loaded and laid out, the
// scroll area sizes the view, and the window paints what is exposed (the
// day view's visible part, 1600x1000 window) into its backing store. The
// whole day drawn into an image of its size is printed beside it: no window
// ever paints that on a switch.
class PaintCounter : public QObject
{
public:
    PaintCounter(int *count, QRect *rect) : m_count(count), m_rect(rect) {}
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++*m_count;
            *m_rect = static_cast<QPaintEvent *>(event)->rect();
        }
        return false;
    }

private:
    int *m_count;
    QRect *m_rect;
};

void benchSwitch(Store &store)
{
    MainWindow window(&store);
    window.resize(1600, 1000);
    window.show();
    window.showDate(FirstDay);
    QCoreApplication::processEvents();
    DayView *view = window.dayView();
    int painted = 0;
    QRect paintedRect;
    PaintCounter counter(&painted, &paintedRect);
    view->installEventFilter(&counter);
    QList<double> ms;
    QList<double> cpuMs;
    QList<double> loadMs;
    // Forward through days never shown before: nothing of the day is kept
    // (the window keeps the rota, read once for weeks around the first day).
    for (int i = 0; i < SwitchedDays; ++i) {
        const int before = painted;
        const Stopwatch timer;
        window.showNextDay();
        loadMs.append(timer.cpuMs());
        QCoreApplication::sendPostedEvents(); // the layout: the scroll area sizes the view
        window.repaint();                     // the next frame, painted now
        ms.append(timer.wallMs());
        cpuMs.append(timer.cpuMs());
        if (painted == before)
            std::fprintf(stderr, "switch: the day view was not painted\n");
    }
    std::printf("switch: next day loaded, laid out and painted as the window does (%dx%d px of "
                "the day view exposed): median %.2f ms (CPU %.2f ms, of which loading %.2f ms; "
                "target <= 16: %s)\n",
                paintedRect.width(), paintedRect.height(), median(ms), median(cpuMs),
                median(loadMs), median(ms) <= 16 ? "met" : "missed");
    view->removeEventFilter(&counter);

    // The same days again (only the rota is kept between days).
    window.showDate(FirstDay);
    QList<double> wholeMs;
    for (int i = 0; i < SwitchedDays; ++i) {
        const Stopwatch timer;
        window.showNextDay();
        view->resize(daySize(view->sheet()));
        QImage image(view->size(), QImage::Format_ARGB32_Premultiplied);
        view->render(&image);
        wholeMs.append(timer.wallMs());
    }
    std::printf("switch: next day with the whole day drawn into an image of its size (more than "
                "a window shows): median %.2f ms\n",
                median(wholeMs));
}

void benchDrag(Store &store, const Salon &salon, const TestData &data, int stored)
{
    const QDate date = FirstDay.addDays(10);
    QElapsedTimer startTimer;
    startTimer.start();
    Result<std::unique_ptr<AppointmentDrag>> drag =
            AppointmentDrag::start(store, salon, date, QStringLiteral("a-10-0-3"));
    const double startMs = startTimer.nsecsElapsed() / 1e6;
    if (!drag) {
        std::fprintf(stderr, "%s\n", qPrintable(drag.error().message));
        return;
    }
    QList<double> ms;
    int problems = 0;
    for (int i = 0; i < 2000; ++i) {
        DayView::Drop drop;
        drop.appointmentId = QStringLiteral("a-10-0-3");
        drop.fromStaffId = data.staff.at(0).id;
        drop.toStaffId = data.staff.at(i % Stylists).id;
        drop.startMinute = 8 * 60 + (i * 5) % (11 * 60);
        drop.endMinute = drop.startMinute + 45;
        QElapsedTimer timer;
        timer.start();
        const DayView::DropCheck check = (*drag)->check(drop);
        const QString words = check.reasons.join(QLatin1Char('\n')); // the text shown
        ms.append(timer.nsecsElapsed() / 1e6);
        problems += words.isEmpty() ? 0 : 1;
    }
    std::printf("drag:   %d appointments stored; schedule built once in %.1f ms; check + reason "
                "per mouse position: median %.3f ms, worst %.3f ms (target <= 1; %d of 2000 with "
                "problems)\n",
                stored, startMs, median(ms), *std::max_element(ms.cbegin(), ms.cend()), problems);
}

void benchOtherProcess(Store &store, const QString &dataDir)
{
    QString cli = qEnvironmentVariable("CHAIRSIDE_CLI");
    if (cli.isEmpty())
        cli = QCoreApplication::applicationDirPath()
                + QStringLiteral("/../../app/cli/chairside-cli");
    MainWindow window(&store);
    window.showDate(FirstDay);
    QList<double> ms;
    for (int i = 0; i < 5; ++i) {
        QProcess process;
        process.start(cli,
                      {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--json"),
                       QStringLiteral("book"), QStringLiteral("--staff"),
                       QStringLiteral("Stylist %1").arg(i + 1, 2, 10, QLatin1Char('0')),
                       QStringLiteral("--service"), QStringLiteral("Cut & Finish"),
                       QStringLiteral("--client"), QStringLiteral("Ann"), QStringLiteral("--start"),
                       QStringLiteral("2026-12-01T19:15")});
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            std::fprintf(stderr, "chairside-cli failed: %s\n",
                         process.readAllStandardError().constData());
            return;
        }
        QElapsedTimer timer;
        timer.start();
        const int before = window.dayView()->sheet().visitCount;
        while (window.dayView()->sheet().visitCount == before && timer.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
        ms.append(timer.nsecsElapsed() / 1e6);
    }
    std::printf("other:  a booking by chairside-cli shown in the window: median %.0f ms, worst "
                "%.0f ms after the CLI exits (target <= 1000; polling every 300 ms)\n",
                median(ms), *std::max_element(ms.cbegin(), ms.cend()));
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // One part alone (for a profiler): paint, fitted, switch, drag or other.
    const QString only = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    auto wanted = [&only](const char *part) {
        return only.isEmpty() || only == QLatin1String(part);
    };
    if (wanted("paint") || wanted("fitted") || wanted("switch") || wanted("other")) {
        TempStore temp;
        TestData data;
        if (!temp.isValid() || !fill(temp.store(), data, 1 + SwitchedDays))
            return 1;
        const Salon salon = *VALUE_OF(temp->salon(data.salon.id), 1);
        if (wanted("paint"))
            benchPaint(temp.store(), salon);
        if (wanted("paint") || wanted("fitted"))
            benchFitted(temp.store());
        if (wanted("switch"))
            benchSwitch(temp.store());
        if (wanted("other"))
            benchOtherProcess(temp.store(), temp.dir());
    }
    if (!wanted("drag"))
        return 0;
    {
        TempStore temp;
        TestData data;
        const int days = 34; // 20,400 appointments
        if (!temp.isValid() || !fill(temp.store(), data, days))
            return 1;
        benchDrag(temp.store(), *VALUE_OF(temp->salon(data.salon.id), 1), data,
                  days * Stylists * PerStylistPerDay);
    }
    return 0;
}
