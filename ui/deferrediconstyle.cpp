#include "deferrediconstyle.h"

#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPointer>
#include <QStyleOption>
#include <QWidget>

#include <functional>
#include <memory>

namespace chairside {

namespace {

const QString DeferredKey = QStringLiteral("chairside.deferred");

// An icon made on first use: every question is put to it.
class DeferredIconEngine : public QIconEngine
{
public:
    explicit DeferredIconEngine(std::function<QIcon()> make)
        : m_state(std::make_shared<State>(State{std::move(make), {}, false}))
    {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        icon().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().pixmap(size, mode, state);
    }
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        return icon().pixmap(size, scale, mode, state);
    }
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().actualSize(size, mode, state);
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return icon().availableSizes(mode, state);
    }
    bool isNull() override { return m_state->made ? m_state->icon.isNull() : false; }
    QString iconName() override { return m_state->made ? m_state->icon.name() : DeferredKey; }
    QString key() const override { return DeferredKey; }
    QIconEngine *clone() const override { return new DeferredIconEngine(*this); }

private:
    struct State
    {
        std::function<QIcon()> make;
        QIcon icon;
        bool made;
    };

    const QIcon &icon()
    {
        if (!m_state->made) {
            m_state->icon = m_state->make();
            m_state->made = true;
        }
        return m_state->icon;
    }

    std::shared_ptr<State> m_state; // shared by copies: made once
};

} // namespace

DeferredIconStyle::DeferredIconStyle(const QString &key) : QProxyStyle(key) {}

QIcon DeferredIconStyle::standardIcon(StandardPixmap standardIcon, const QStyleOption *option,
                                      const QWidget *widget) const
{
    if (standardIcon != SP_ToolBarHorizontalExtensionButton
        && standardIcon != SP_ToolBarVerticalExtensionButton)
        return QProxyStyle::standardIcon(standardIcon, option, widget);
    // What the icon depends on (the arrow's direction) is taken now; the
    // widget may be gone when it is made.
    QStyleOption now;
    if (option)
        now = *option;
    else
        now.direction = widget ? widget->layoutDirection() : QGuiApplication::layoutDirection();
    QPointer<QStyle> base = baseStyle(); // gone with the app's style
    return QIcon(new DeferredIconEngine([base, standardIcon, now] {
        return base ? base->standardIcon(standardIcon, &now, nullptr) : QIcon();
    }));
}

bool DeferredIconStyle::isDeferred(const QIcon &icon)
{
    return icon.name() == DeferredKey;
}

} // namespace chairside
