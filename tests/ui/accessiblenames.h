#pragma once

// What a screen reader says for each control of a window, asked of Qt's own
// accessibility (QAccessible), so a label buddy counts exactly as Qt counts it.

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QLineEdit>
#include <QStringList>
#include <QWidget>

namespace chairside::testsupport {

// A control a person can reach, by Tab or by clicking. Qt's own parts of a
// control (a combo box's list, a spin box's text field, a line edit's clear
// button, a table's corner button, "qt_" children such as a dock's title
// buttons) are Qt's to name and are read as part of it.
inline bool isControl(const QWidget *widget)
{
    if (widget->objectName().startsWith(QLatin1String("qt_")))
        return false;
    for (const QWidget *p = widget->parentWidget(); p; p = p->parentWidget()) {
        if (qobject_cast<const QComboBox *>(p) || qobject_cast<const QAbstractSpinBox *>(p)
            || qobject_cast<const QLineEdit *>(p) || qobject_cast<const QAbstractItemView *>(p))
            return false;
    }
    return qobject_cast<const QAbstractButton *>(widget) || (widget->focusPolicy() & Qt::TabFocus);
}

// The controls in `window` (itself included) that a screen reader has no name
// for: no accessible name with a word in it ("◀" is not one). Qt 6.4 on Linux
// names a combo box after its current item, even when it has an accessible
// name of its own (QAccessibleComboBox::text), so screen readers such as
// Orca can only say what a combo box is for from a label buddy or a titled
// group box around it (what Qt reports as its Label relation).
// Each as "objectName (Class)", or "(Class) under parentName" without one.
inline QStringList unnamedControls(QWidget *window)
{
    QList<QWidget *> widgets = window->findChildren<QWidget *>();
    widgets.prepend(window);
    QStringList unnamed;
    for (QWidget *widget : std::as_const(widgets)) {
        if (!isControl(widget))
            continue;
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        const QString name = accessible ? accessible->text(QAccessible::Name) : QString();
        bool named = std::any_of(name.begin(), name.end(), [](QChar c) { return c.isLetter(); });
        if (named && qobject_cast<QComboBox *>(widget))
            named = !accessible->relations(QAccessible::Label).isEmpty();
        if (named)
            continue;
        const QString className = QString::fromLatin1(widget->metaObject()->className());
        unnamed.append(widget->objectName().isEmpty()
                               ? QStringLiteral("(%1) under %2")
                                         .arg(className,
                                              widget->parentWidget()
                                                      ? widget->parentWidget()->objectName()
                                                      : QString())
                               : QStringLiteral("%1 (%2)").arg(widget->objectName(), className));
    }
    return unnamed;
}

} // namespace chairside::testsupport
