#pragma once

#include "booking/daysheet.h"

#include <QWidget>

namespace chairside {

// The day's book as the front desk reads it: a column per working stylist,
// a row every 15 minutes, each visit a block in the stylist's colour with
// processing time lighter (the stylist is free then), breaks and time off
// shaded.
class DayView : public QWidget
{
    Q_OBJECT
public:
    explicit DayView(QWidget *parent = nullptr);

    void setSheet(DaySheet sheet);
    const DaySheet &sheet() const { return m_sheet; }

    // The minute of the day shown by the current-time line (-1: none).
    void setNowMinute(int minute);

    int columnCount() const { return int(m_sheet.columns.size()); }
    QRect columnRect(int column) const;
    QRect blockRect(int column, int block) const;
    // The appointment drawn at `pos`, if any.
    QString appointmentAt(const QPoint &pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void appointmentClicked(const QString &appointmentId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    int rowCount() const;
    double rowHeight() const;
    int yForMinute(int minute) const;
    void paintHeader(QPainter &painter) const;
    void paintGrid(QPainter &painter) const;
    void paintBlock(QPainter &painter, const DaySheet::Column &column, const DaySheet::Block &block,
                    const QRect &rect) const;

    DaySheet m_sheet;
    int m_nowMinute = -1;
};

} // namespace chairside
