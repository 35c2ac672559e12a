#include "mainwindow.h"

namespace chairside {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Chairside"));
}

} // namespace chairside
