#pragma once

#include "booking/daysheet.h"

#include <QFont>
#include <QFontMetrics>
#include <QHash>
#include <QImage>
#include <QStaticText>
#include <QWidget>

#include <functional>
#include <optional>

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
    // Columns as narrow as it takes for every stylist to fit the width the
    // view is given (a manager with many stylists sees the whole salon);
    // narrow columns draw each visit as the client's name only.
    void setFitToWidth(bool fit);
    bool fitsToWidth() const { return m_fitToWidth; }
    // A column too narrow for a visit's times, services and status.
    bool isCompact() const;

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
    void changeEvent(QEvent *event) override;
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

    // Everything a block's pixels depend on, worked out when the day, the
    // size, the palette, the font, the colouring or the selection change,
    // not on every paint. Two equal looks draw the same pixels, so a block
    // whose look is unchanged keeps its image (its face).
    struct BlockLook
    {
        struct Band // processing or buffer time inside the block
        {
            SegmentKind kind = SegmentKind::Busy;
            QRect rect;
            bool operator==(const Band &) const = default;
        };
        struct Text
        {
            FontRole role = FontRole::Small;
            QPointF at;
            QColor pen;
            QStaticText laidOut;
            bool clipped = true; // to the block (the marker may stand out of a tiny one)
            bool operator==(const Text &other) const;
        };
        QRect rect;
        QRect bounds; // the rect, the border's overhang and the marker
        QColor base, busy, processing, hatch, buffer, border;
        int borderWidth = 1;
        QList<Band> bands;
        QList<Text> texts;
        // A block that hides all of its stretch of the column is kept as
        // that stretch (its cell): the column's width, from the line at its
        // top to its bottom, with the background and grid lines under it.
        // Such a face is opaque and copied, not blended, and nothing is
        // drawn under it. Empty: the face holds the block alone.
        QRect cell;
        QList<int> cellLines;     // rows from the cell's top: quarter lines; -1 - row: hour lines
        bool closingLine = false; // the last column: the view's right-hand line
        QColor background, quarterLine, hourLine;
        bool operator==(const BlockLook &) const = default;
    };
    struct LaidOutBlock
    {
        QString key; // stylist and appointment
        BlockLook look;
        QImage face;        // the block as drawn, once it has been shown unchanged
        bool shown = false; // drawn since it was laid out
    };
    // A stylist's and a status's (or category's) colours on this palette.
    struct BlockColours
    {
        QColor base, busy, processing, hatch, ink, accent;
    };

    // What every block of a layout shares: worked out once, not per block.
    struct LayoutWords
    {
        QString span, walkIn, overbooked;
        QStringList statuses; // by AppointmentStatus
        QColor buffer;
    };
    // The grid's colours on this palette.
    struct GridColours
    {
        QColor base, closed, quarterLine, hourLine;
    };
    GridColours gridColours() const;
    void layOutBlocks();
    // Gives a first-lane block its cell when it hides all of it: nothing
    // of an earlier block (ending at row `covered`) in it, opaque colours,
    // a one-pixel border, working time all through (no shading).
    void setCell(BlockLook &look, int column, int covered, const GridColours &grid) const;
    // The lowest row of the view a block's drawing reaches.
    static int lowestRow(const BlockLook &look);
    // What the cells leave of the columns: the base colour there and the
    // columns' lines beside it (filled and then covered, they were most of
    // a repaint).
    void layOutBackground();
    // The background and grid lines a block's cell covers, as paintGrid
    // draws them there.
    void paintCellBackground(QPainter &painter, const BlockLook &look) const;
    // A cell's background and its block without the words: the same for
    // the blocks that look alike (a stylist's visits of one length and
    // status), so made once and copied, for a first paint and for a face.
    const QImage &frameOf(const BlockLook &look, int scale) const;
    BlockLook lookOf(int column, int block, const LayoutWords &words) const;
    const BlockColours &coloursOf(const DaySheet::Column &column,
                                  const DaySheet::Block &block) const;
    void paintBlocks(QPainter &painter, const QRect &exposed);
    void paintBlock(QPainter &painter, const BlockLook &look, std::optional<FontRole> &font) const;
    // The fill, bands, bar and border; then the lines of text.
    void paintBlockFrame(QPainter &painter, const BlockLook &look) const;
    void paintTexts(QPainter &painter, const BlockLook &look, std::optional<FontRole> &font) const;
    void paintFrame(QPainter &painter, const BlockLook &look, bool border) const;
    QImage faceOf(const BlockLook &look, int scale) const;
    void drawFace(QPainter &painter, const BlockLook &look, const QImage &face, int scale) const;
    // A small rounded block (fill or border) whose corners and edges are
    // copied onto big ones: an antialiased rounded rectangle per block is
    // most of a repaint.
    const QImage &frameModel(const QColor &colour, int borderWidth, int scale) const;
    // A line of a block's text drawn once into an image and copied from
    // then on (its second use on): the same words in the same font and
    // colour look the same everywhere, and copying an image is many times
    // faster than drawing glyph by glyph. Null: draw it as it is.
    const QImage *stampOf(const BlockLook::Text &text, int scale) const;
    // The processing stripes in `colour`, as a brush whose tile is made once.
    const QBrush &hatchBrush(const QColor &colour) const;
    // The stylist's dot in the header, drawn once per colour.
    const QImage &dotModel(const QColor &colour, int scale) const;
    // Made once per font, not once per block.
    struct Fonts
    {
        explicit Fonts(const QFont &font);
        const QFont &of(FontRole role) const;
        QFont base, name, small, smallBold, marker, nameStruck, tinyName, tinyNameStruck;
        QFontMetrics nameMetrics, smallMetrics, markerMetrics;
        int nameHeight = 0, smallHeight = 0, markerHeight = 0; // asked once, not per block
    };

    struct TextKey
    {
        FontRole role;
        int width;
        QString text;
        bool operator==(const TextKey &) const = default;
        friend size_t qHash(const TextKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, int(key.role), key.width, key.text);
        }
    };
    // `text` in `role`'s font, elided to `width` (-1: as it is), laid out once.
    const QStaticText &staticText(FontRole role, const QString &text, int width = -1) const;
    // QFontMetrics::horizontalAdvance, measured once.
    int advance(FontRole role, const QString &text) const;
    // As QPainter::drawText(rect, alignment, text) places one line.
    // `font` is what the painter has (QPainter::setFont resolves the font
    // for the device every time: a screen lookup per call).
    void drawCachedIn(QPainter &painter, FontRole role, const QRect &rect, Qt::Alignment alignment,
                      const QString &text, std::optional<FontRole> &font) const;
    void usePainterFont(QPainter &painter, FontRole role, std::optional<FontRole> &current) const;
    // One line of text, from its stamp when it has one.
    void drawLine(QPainter &painter, const BlockLook::Text &line,
                  std::optional<FontRole> &font) const;

    DaySheet m_sheet;
    Fonts m_fonts{QFont()};
    mutable QHash<TextKey, QStaticText> m_texts;
    mutable QHash<TextKey, int> m_advances;
    // The blocks in paint order, laid out for m_laidOutSize and m_laidOutPalette.
    QList<LaidOutBlock> m_blocks;
    QList<QRect> m_background;  // what layOutBackground leaves to fill
    QList<QRect> m_columnLines; // the columns' lines where no cell has them
    bool m_layoutDirty = true;
    QSize m_laidOutSize;
    qint64 m_laidOutPalette = 0;
    qint64 m_faceBytes = 0;
    struct ColourKey // no string built per block
    {
        QString stylistColour;
        AppointmentStatus status;
        Colouring colouring;
        QString category;
        bool operator==(const ColourKey &) const = default;
        friend size_t qHash(const ColourKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.stylistColour, int(key.status), int(key.colouring),
                              key.category);
        }
    };
    mutable QHash<ColourKey, BlockColours> m_colours;
    mutable QHash<quint64, QImage> m_frameModels;
    struct FrameKey // a cell's look without its words, from the cell's corner
    {
        QSize cell;
        QRect rect;
        QList<BlockLook::Band> bands;
        QRgb base, busy, processing, hatch, buffer, border, background, quarterLine, hourLine;
        QList<int> cellLines;
        bool closingLine;
        QPoint phase; // of the processing stripes
        int scale;
        bool operator==(const FrameKey &) const = default;
        friend size_t qHash(const FrameKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.cell.width(), key.cell.height(), key.rect.top(),
                              key.rect.height(), key.busy, key.border, key.bands.size(),
                              key.cellLines.size(), key.phase.x(), key.phase.y());
        }
    };
    mutable QHash<FrameKey, QImage> m_frames;
    mutable qint64 m_frameBytes = 0;
    mutable QHash<quint64, QImage> m_dotModels;
    mutable QHash<QRgb, QBrush> m_hatches;
    struct StampKey
    {
        FontRole role;
        QRgb pen;
        int scale;
        QString text;
        bool operator==(const StampKey &) const = default;
        friend size_t qHash(const StampKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, int(key.role), key.pen, key.scale, key.text);
        }
    };
    struct Stamp
    {
        QImage image;
        int uses = 0;
    };
    // Cleared with the fonts; the words, colour and scale are the key.
    mutable QHash<StampKey, Stamp> m_stamps;
    mutable qint64 m_stampBytes = 0;
    int m_nowMinute = -1;
    int m_step = 15;
    Colouring m_colouring = Colouring::ByStylist;
    bool m_fitToWidth = false;
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
