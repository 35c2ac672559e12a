#pragma once

#include <QProxyStyle>

namespace chairside {

// The app's own style, except that the tool bar extension icons are made
// when first drawn. QMenuBar asks for its extension button's icon when it
// is constructed, and a start never shows that button (it appears only
// when the menus do not fit): making the icon reads its image files, which
// starts Qt's image reader and its plugin lookup, about 1.5% of a start's
// instructions (docs/desktop.md "Starting"). The icon drawn is the style's
// own, pixel for pixel.
class DeferredIconStyle : public QProxyStyle
{
public:
    // `key` as QStyleFactory names styles; the app passes its current one.
    explicit DeferredIconStyle(const QString &key);

    QIcon standardIcon(StandardPixmap standardIcon, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;

    // Whether `icon` is one of this style's that has not been made yet.
    static bool isDeferred(const QIcon &icon);
};

} // namespace chairside
