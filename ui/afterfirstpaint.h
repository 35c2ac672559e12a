#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace chairside {

// Runs `then` once `widget` has painted for the first time (queued, after
// the paint): what must not slow down the cold start waits for it.
class AfterFirstPaint : public QObject
{
public:
    // Watches `widget`; the watcher goes with it, or once it has run.
    static void install(QWidget *widget, std::function<void()> then);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    AfterFirstPaint(QObject *parent, std::function<void()> then);
    std::function<void()> m_then;
};

} // namespace chairside
