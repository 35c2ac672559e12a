// The yardstick of bench_coldstart: a bare Qt main window, as big as
// Chairside's, that quits after its first paint as
// `chairside --exit-after-first-paint` does.

#include "firstpaintexit.h"

#include <QApplication>
#include <QMainWindow>
#include <QScreen>

#include <algorithm>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    auto *central = new QWidget(&window);
    window.setCentralWidget(central);
    const QSize available = window.screen() ? window.screen()->availableSize() : QSize(1400, 900);
    window.resize(std::min(1600, available.width() * 9 / 10),
                  std::min(1000, available.height() * 9 / 10));
    chairside::FirstPaintExit::install(central);
    window.show();
    return app.exec();
}
