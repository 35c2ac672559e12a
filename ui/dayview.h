#pragma once

#include "booking/daysheet.h"

#include <QFont>
#include <QFontMetrics>
#include <QHash>
#include <QStaticText>
#include <QWidget>

#include <functional>

namespace chairside {

// The day's book as the front desk reads and changes it: a column per
// working stylist, a row every 15 minutes, each visit a block (processing
// time lighter: the stylist is free then), breaks and time off shaded.
//
// Mouse: click or drag on free time chooses it (freeTimeChosen); drag a
// block to move it, its bottom edge to make it longer or shorter. While
// dragging, the drop judge (set by the window) says on every move whether
// the drop fits, and why not, and the reason is shown beside the cursor.
// Keys: arrows move a cursor cell (stylist × grid step), Enter opens it.
class DayView : public QWidget
{
    Q_OBJECT
public:
    enum class Colouring { ByStylist, ByStatus, ByCategory };

    // A block dragged somewhere: where it would go, in the shown day's minutes.
    struct Drop
    {
        enum class Kind { Move, Resize };
        Kind kind = Kind::Move;
        QString appointmentId;
        QString fromStaffId;
        QString toStaffId;
        int startMinute = 0; // the stylist's block after the drop
        int endMinute = 0;
    };
    // What the judge says about a drop.
    struct DropCheck
    {
        enum class Outcome { Fits, Problems, Refused };
        Outcome outcome = Outcome::Fits;
        QStringList reasons; // in words, for the receptionist
    };
    using DropJudge = std::function<DropCheck(const Drop &)>;

    explicit DayView(QWidget *parent = nullptr);

    void setSheet(DaySheet sheet);
    const DaySheet &sheet() const { return m_sheet; }

    // The minute of the day shown by the current-time line (-1: none).
    void setNowMinute(int minute);

    // Minutes a click, a drag and the keyboard cursor snap to: 5, 10, 15 or 30.
    void setGridStep(int minutes);
    int gridStep() const { return m_step; }
    void setColouring(Colouring colouring);
    Colouring colouring() const { return m_colouring; }
    void setDropJudge(DropJudge judge) { m_judge = std::move(judge); }

    int columnCount() const { return int(m_sheet.columns.size()); }
    QRect columnRect(int column) const;
    QRect blockRect(int column, int block) const;
    // The appointment drawn at `pos`, if any.
    QString appointmentAt(const QPoint &pos) const;
    // Where `minute` of the day is drawn (the top of its row).
    int yForMinute(int minute) const;
    // The block of `appointmentId` in `staffId`'s column; {-1, -1} if none.
    QPair<int, int> findBlock(const QString &appointmentId, const QString &staffId = {}) const;

    // The appointment the status keys and the context menu act on.
    QString selectedAppointment() const { return m_selectedId; }
    void selectAppointment(const QString &appointmentId);
    // The keyboard cursor: a column and the minute of its cell.
    int cursorColumn() const { return m_cursorColumn; }
    int cursorMinute() const { return m_cursorMinute; }
    // While dragging: what the judge said about the drop under the cursor
    // (the text shown beside it); empty otherwise.
    QString dragFeedback() const { return m_feedback; }
    bool isDragging() const { return m_drag.active; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void appointmentClicked(const QString &appointmentId);
    // Free time chosen by a click, a drag or Enter: the editor opens there.
    void freeTimeChosen(const QString &staffId, int startMinute, int minutes);
    // A block is about to be dragged: the judge gets ready (once per drag).
    void dragStarted(const QString &appointmentId);
    void appointmentDropped(const chairside::DayView::Drop &drop);
    void selectionChanged(const QString &appointmentId);
    // Right click on a block (selected first) or the menu key.
    void contextMenuRequested(const QPoint &globalPos);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool event(QEvent *event) override;

private:
    enum class DragMode { None, Create, Move, Resize };
    struct DragState
    {
        DragMode mode = DragMode::None;
        bool active = false; // moved past the start distance
        QPoint pressPos;
        int column = -1;
        QString appointmentId;
        QString staffId;
        int blockStart = 0; // the block as it was
        int blockEnd = 0;
        int grabOffset = 0; // minutes from the block's start to the press
        int anchorMinute = 0;
        Drop drop; // where it would go now
        int createStart = 0;
        int createEnd = 0;
        DropCheck check;
    };

    int rowCount() const;
    double rowHeight() const;
    double minuteAtY(int y) const;
    int snapped(double minute) const;
    int columnAtX(int x) const;
    int findColumn(const QString &staffId) const;
    // Only the columns that meet `exposed` are drawn.
    void paintHeader(QPainter &painter, const QRect &exposed) const;
    void paintGrid(QPainter &painter, const QRect &exposed) const;
    void paintBlock(QPainter &painter, const DaySheet::Column &column, const DaySheet::Block &block,
                    const QRect &rect) const;
    void paintDrag(QPainter &painter) const;
    void paintCursor(QPainter &painter) const;
    void updateDrag(const QPoint &pos);
    void finishDrag();
    void cancelDrag();
    void moveCursor(int columns, int steps);
    // The accessible name (the cell under the cursor) and description (the day).
    void updateAccessibleText();
    void ensureCursor();

    enum class FontRole { Name, NameStruck, TinyName, TinyNameStruck, Small, SmallBold, Marker };
    // Made once per font, not once per block.
    struct Fonts
    {
        explicit Fonts(const QFont &font);
        const QFont &of(FontRole role) const;
        QFont base, name, small, smallBold, marker, nameStruck, tinyName, tinyNameStruck;
        QFontMetrics nameMetrics, smallMetrics, markerMetrics;
    };

    // `text` in `role`'s font, elided to `width` (-1: as it is), laid out once.
    const QStaticText &staticText(FontRole role, const QString &text, int width = -1) const;
    void drawCached(QPainter &painter, FontRole role, const QPoint &topLeft, const QString &text,
                    int width = -1) const;

    DaySheet m_sheet;
    Fonts m_fonts{QFont()};
    mutable QHash<QString, QStaticText> m_texts;
    int m_nowMinute = -1;
    int m_step = 15;
    Colouring m_colouring = Colouring::ByStylist;
    DropJudge m_judge;
    DragState m_drag;
    QPoint m_mousePos;
    QString m_feedback;
    QString m_selectedId;
    int m_cursorColumn = -1;
    int m_cursorMinute = -1;
};

} // namespace chairside

Q_DECLARE_METATYPE(chairside::DayView::Drop)
