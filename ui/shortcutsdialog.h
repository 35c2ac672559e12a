#pragma once

#include <QDialog>
#include <QKeySequence>

class QAction;
class QTableWidget;

namespace chairside {

// Help → Keyboard shortcuts: every shortcut of the window in one table,
// read from the actions themselves so the list cannot fall behind.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Row
    {
        QString what;
        QString keys; // as shown, in the platform's words
    };

    explicit ShortcutsDialog(QWidget *parent = nullptr);

    // Replaces the table: `rows` first (keys that are not actions, such as
    // the day view's arrows), then every action with a shortcut.
    void setShortcuts(const QList<Row> &rows, const QList<QAction *> &actions);
    int rowCount() const;

private:
    QTableWidget *m_table = nullptr;
};

} // namespace chairside
