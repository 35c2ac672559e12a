#pragma once

#include <QStyledItemDelegate>

namespace chairside {

// Draws a week cell as the day view draws a day, only smaller: the hours on
// the rota, then a chip per visit in the stylist's colour with the time and
// the client (and the services, when there is room for one stylist's week).
class WeekCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit WeekCellDelegate(QObject *parent = nullptr);

    // Services on a second line in each chip.
    void setDetailed(bool detailed) { m_detailed = detailed; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int chipHeight(const QFontMetrics &metrics) const;

    bool m_detailed = false;
};

} // namespace chairside
