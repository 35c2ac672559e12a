#include "fielderror.h"

#include <QEvent>

namespace chairside {

FieldError::FieldError(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
    recolour();
}

void FieldError::setError(const QString &message)
{
    setText(message);
    setAccessibleDescription(message);
    setVisible(!message.isEmpty());
}

void FieldError::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_recolouring)
        recolour();
}

void FieldError::recolour()
{
    // Both reds keep at least 4.5:1 contrast against their background.
    const QColor background = palette().color(QPalette::Window);
    const bool dark = background.lightness() < 128;
    QPalette p = palette();
    p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e));
    m_recolouring = true;
    setPalette(p);
    m_recolouring = false;
}

} // namespace chairside
