#include "afterfirstpaint.h"

#include <QEvent>
#include <QTimer>
#include <QWidget>

namespace chairside {

AfterFirstPaint::AfterFirstPaint(QObject *parent, std::function<void()> then)
    : QObject(parent), m_then(std::move(then))
{}

void AfterFirstPaint::install(QWidget *widget, std::function<void()> then)
{
    widget->installEventFilter(new AfterFirstPaint(widget, std::move(then)));
}

bool AfterFirstPaint::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint) {
        watched->removeEventFilter(this);
        QTimer::singleShot(0, this, [this] {
            m_then();
            deleteLater();
        });
    }
    return false;
}

} // namespace chairside
