#include "firstpaintexit.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace chairside {

void FirstPaintExit::install(QWidget *widget)
{
    widget->installEventFilter(new FirstPaintExit(widget));
}

bool FirstPaintExit::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint) {
        watched->removeEventFilter(this);
        // Queued, so the paint event is handled (painted) first.
        QTimer::singleShot(0, qApp, [] {
            std::printf("%s\n", line);
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    }
    return false;
}

} // namespace chairside
