#pragma once

#include <QObject>

class QWidget;

namespace chairside {

// Prints FirstPaintExit::line on stdout and quits the application once a
// widget has painted for the first time: how a cold start is timed
// (`chairside --exit-after-first-paint`, tests/bench/bench_coldstart).
class FirstPaintExit : public QObject
{
public:
    static constexpr const char *line = "first paint";

    // Watches `widget`; the watcher goes with it.
    static void install(QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
};

} // namespace chairside
