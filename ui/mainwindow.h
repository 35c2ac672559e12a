#pragma once

#include <QMainWindow>

namespace chairside {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace chairside
