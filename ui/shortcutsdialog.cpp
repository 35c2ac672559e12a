#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace chairside {

ShortcutsDialog::ShortcutsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(600, 560);
}

void ShortcutsDialog::setShortcuts(const QList<Row> &rows, const QList<QAction *> &actions)
{
    QList<Row> all = rows;
    for (const QAction *action : actions) {
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        if (keys.isEmpty())
            continue;
        QString what = action->text();
        what.remove(QLatin1Char('&'));
        if (what.endsWith(QStringLiteral("…")))
            what.chop(1);
        all.append({what, keys.join(tr(" or "))});
    }
    m_table->setRowCount(int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(all.at(i).what));
        m_table->setItem(i, 1, new QTableWidgetItem(all.at(i).keys));
    }
}

int ShortcutsDialog::rowCount() const
{
    return m_table->rowCount();
}

} // namespace chairside
