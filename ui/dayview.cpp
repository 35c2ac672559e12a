#include "dayview.h"

#include "statusstyle.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QTime>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace chairside {

namespace {

constexpr int HeaderHeight = 50;
constexpr int TimeColumnWidth = 58;
constexpr int RowMinutes = 15;
constexpr int MinRowHeight = 16;
constexpr int PreferredRowHeight = 22;
constexpr int MinColumnWidth = 120;
// Fitted to the width: 40 stylists in a 1920-pixel window are 45 pixels each.
constexpr int MinFittedColumnWidth = 16;
constexpr int PreferredColumnWidth = 170;
constexpr int ResizeHandle = 5; // pixels above a block's bottom edge that resize it

// A stylist's colour as drawn; grey when they have none.
QColor colourOf(const DaySheet::Column &column)
{
    const QColor colour(column.colour);
    return colour.isValid() ? colour : QColor(0x9e, 0x9e, 0x9e);
}

QColor mix(const QColor &colour, const QColor &with, double amount)
{
    return QColor::fromRgbF(colour.redF() + (with.redF() - colour.redF()) * amount,
                            colour.greenF() + (with.greenF() - colour.greenF()) * amount,
                            colour.blueF() + (with.blueF() - colour.blueF()) * amount);
}

// A steady colour per service category, the same every day.
QColor categoryColour(const QString &category)
{
    static const QColor hues[] = {QColor(0x00, 0x89, 0x7b), QColor(0xef, 0x6c, 0x00),
                                  QColor(0x5e, 0x35, 0xb1), QColor(0xc2, 0x18, 0x5b),
                                  QColor(0x03, 0x9b, 0xe5), QColor(0x7c, 0xb3, 0x42),
                                  QColor(0x6d, 0x4c, 0x41), QColor(0x39, 0x49, 0xab)};
    if (category.isEmpty())
        return QColor(0x75, 0x75, 0x75);
    return hues[qHash(category) % (sizeof(hues) / sizeof(hues[0]))];
}

// "09:05": built by hand, QTime::toString parses its format on every call.
QString clockText(int minute)
{
    const int m = ((minute % (24 * 60)) + 24 * 60) % (24 * 60);
    const QChar digits[] = {QChar(u'0' + m / 600), QChar(u'0' + m / 60 % 10), QChar(u':'),
                            QChar(u'0' + m % 60 / 10), QChar(u'0' + m % 10)};
    return QString(digits, 5);
}

QString spanText(int from, int to)
{
    return DayView::tr("%1–%2").arg(clockText(from), clockText(to));
}

QString statusText(AppointmentStatus status)
{
    switch (status) {
    case AppointmentStatus::Booked: return DayView::tr("Booked");
    case AppointmentStatus::Confirmed: return DayView::tr("Confirmed");
    case AppointmentStatus::Arrived: return DayView::tr("Arrived");
    case AppointmentStatus::InService: return DayView::tr("In service");
    case AppointmentStatus::Completed: return DayView::tr("Completed");
    case AppointmentStatus::Cancelled: return DayView::tr("Cancelled");
    case AppointmentStatus::NoShow: return DayView::tr("No-show");
    }
    return {};
}

// Beside the status marker of a visit the salon's server has not confirmed.
QString waitingMarker()
{
    return QStringLiteral("↻");
}

QString clientText(const DaySheet::Block &block)
{
    return block.clientName.isEmpty() ? DayView::tr("Walk-in") : block.clientName;
}

// The painter's scale to device pixels, when it is a whole number and
// nothing else (faces and frame models are made at that scale); 0 otherwise.
int wholeScale(const QPainter &painter)
{
    const QTransform t = painter.deviceTransform();
    if (t.type() > QTransform::TxScale || t.m11() != t.m22() || t.m11() < 1
        || t.m11() != std::round(t.m11()) || t.dx() != std::round(t.dx())
        || t.dy() != std::round(t.dy()))
        return 0;
    return int(t.m11());
}

// Faces kept at most: a 40-stylist day of 600 visits needs about 18 MB.
constexpr qint64 FaceBudget = 32 * 1024 * 1024;
// Pixels of a frame model's corner inside the block, and around it for a
// border of two.
constexpr int Corner = 6;
constexpr int Overhang = 1;
constexpr int ModelSize = 2 * Corner + 2;
// The stylist's dot in the column header.
constexpr int DotSize = 11;
// Room around a stamped line for glyphs that stand out of their advance.
constexpr int StampMargin = 4;
// Frames of cells kept at most (a 40-stylist day needs a few MB).
constexpr qint64 FrameBudget = 16 * 1024 * 1024;
// Stamped lines kept at most (a day's times, services and statuses need
// well under 1 MB).
constexpr qint64 StampBudget = 8 * 1024 * 1024;

} // namespace

DayView::DayView(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    // Tracking: the resize cursor over a block's bottom edge.
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    updateAccessibleText();
}

void DayView::updateAccessibleText()
{
    // Painted, not made of widgets: a screen reader hears the day shown, and
    // the stylist, time and visit under the keyboard cursor as it moves.
    const QString day = m_sheet.date.isValid()
            ? QLocale().toString(m_sheet.date, QStringLiteral("dddd d MMMM yyyy"))
            : tr("No day");
    setAccessibleDescription(tr("%1. One column per stylist. Arrow keys move between stylists "
                                "and times; Enter opens the time or the appointment.")
                                     .arg(day));
    QString name = tr("Day book");
    if (m_cursorColumn >= 0 && m_cursorColumn < columnCount() && m_cursorMinute >= 0) {
        const DaySheet::Column &column = m_sheet.columns.at(m_cursorColumn);
        const QPair<int, int> at = findBlock(m_selectedId, column.staffId);
        QString what = tr("free");
        if (at.first >= 0) {
            const DaySheet::Block &block = column.blocks.at(at.second);
            what = tr("%1, %2, %3")
                           .arg(clientText(block), block.services, statusText(block.status));
            if (block.waitingToSync)
                what = tr("%1, waiting to sync").arg(what);
        }
        name = tr("Day book: %1 at %2, %3").arg(column.name, clockText(m_cursorMinute), what);
    }
    setAccessibleName(name);
}

void DayView::setSheet(DaySheet sheet)
{
    const bool sameDay = sheet.date == m_sheet.date && sheet.salonId == m_sheet.salonId;
    m_sheet = std::move(sheet);
    m_layoutDirty = true;
    // Another day: a drag or the selection of the old one means nothing here,
    // nor do its blocks' faces.
    if (!sameDay) {
        m_blocks.clear();
        cancelDrag();
        m_cursorColumn = -1;
        m_cursorMinute = -1;
    }
    if (!m_selectedId.isEmpty() && findBlock(m_selectedId).first < 0) {
        m_selectedId.clear();
        emit selectionChanged(m_selectedId);
    }
    if (m_cursorColumn >= columnCount())
        m_cursorColumn = columnCount() - 1;
    updateAccessibleText();
    updateGeometry();
    update();
}

void DayView::setGridStep(int minutes)
{
    if (minutes <= 0 || minutes > 60 || m_step == minutes)
        return;
    m_step = minutes;
    if (m_cursorMinute >= 0)
        m_cursorMinute = m_cursorMinute / m_step * m_step;
    update();
}

void DayView::setColouring(Colouring colouring)
{
    if (m_colouring == colouring)
        return;
    m_colouring = colouring;
    m_layoutDirty = true;
    update();
}

void DayView::setFitToWidth(bool fit)
{
    if (m_fitToWidth == fit)
        return;
    m_fitToWidth = fit;
    updateGeometry();
    update();
}

bool DayView::isCompact() const
{
    return columnCount() > 0 && columnRect(0).width() < MinColumnWidth;
}

void DayView::selectAppointment(const QString &appointmentId)
{
    if (m_selectedId == appointmentId)
        return;
    m_selectedId = appointmentId;
    m_layoutDirty = true;
    update();
    emit selectionChanged(m_selectedId);
}

QPair<int, int> DayView::findBlock(const QString &appointmentId, const QString &staffId) const
{
    for (int c = 0; c < columnCount(); ++c) {
        const DaySheet::Column &column = m_sheet.columns.at(c);
        if (!staffId.isEmpty() && column.staffId != staffId)
            continue;
        for (int b = 0; b < column.blocks.size(); ++b) {
            if (column.blocks.at(b).appointmentId == appointmentId)
                return {c, b};
        }
    }
    return {-1, -1};
}

void DayView::setNowMinute(int minute)
{
    if (m_nowMinute == minute)
        return;
    m_nowMinute = minute;
    update();
}

int DayView::rowCount() const
{
    return std::max(1, (m_sheet.lastMinute - m_sheet.firstMinute + RowMinutes - 1) / RowMinutes);
}

double DayView::rowHeight() const
{
    return std::max<double>(MinRowHeight, double(height() - HeaderHeight - 1) / rowCount());
}

double DayView::minuteAtY(int y) const
{
    return m_sheet.firstMinute + (y - HeaderHeight) * RowMinutes / rowHeight();
}

int DayView::snapped(double minute) const
{
    const int m = int(std::floor(minute / m_step)) * m_step;
    return std::clamp(m, m_sheet.firstMinute,
                      std::max(m_sheet.firstMinute, m_sheet.lastMinute - m_step));
}

int DayView::columnAtX(int x) const
{
    for (int c = 0; c < columnCount(); ++c) {
        const QRect r = columnRect(c);
        if (x >= r.left() && x <= r.right())
            return c;
    }
    return -1;
}

int DayView::yForMinute(int minute) const
{
    return HeaderHeight
            + int(std::lround((minute - m_sheet.firstMinute) * rowHeight() / RowMinutes));
}

QRect DayView::columnRect(int column) const
{
    const int n = std::max(1, columnCount());
    const double width = double(this->width() - TimeColumnWidth) / n;
    const int left = TimeColumnWidth + int(std::lround(column * width));
    const int right = TimeColumnWidth + int(std::lround((column + 1) * width));
    return QRect(left, 0, right - left, height());
}

QRect DayView::blockRect(int column, int block) const
{
    const DaySheet::Block &b = m_sheet.columns.at(column).blocks.at(block);
    const QRect col = columnRect(column).adjusted(3, 0, -4, 0);
    const int indent = b.lane > 0 ? col.width() * 2 / 5 : 0;
    const int top = yForMinute(b.startMinute) + 1;
    const int bottom = yForMinute(b.endMinute) - 1;
    return QRect(col.left() + indent, top, col.width() - indent, std::max(6, bottom - top));
}

QString DayView::appointmentAt(const QPoint &pos) const
{
    // Later lanes are drawn on top, so search them first.
    for (int c = 0; c < columnCount(); ++c) {
        if (!columnRect(c).contains(pos))
            continue;
        const QList<DaySheet::Block> &blocks = m_sheet.columns.at(c).blocks;
        for (int b = int(blocks.size()) - 1; b >= 0; --b) {
            if (blocks.at(b).lane > 0 && blockRect(c, b).contains(pos))
                return blocks.at(b).appointmentId;
        }
        for (int b = 0; b < blocks.size(); ++b) {
            if (blockRect(c, b).contains(pos))
                return blocks.at(b).appointmentId;
        }
    }
    return {};
}

QSize DayView::sizeHint() const
{
    const int columnWidth = m_fitToWidth ? MinFittedColumnWidth : PreferredColumnWidth;
    return {TimeColumnWidth + std::max(1, columnCount()) * columnWidth,
            HeaderHeight + rowCount() * PreferredRowHeight};
}

QSize DayView::minimumSizeHint() const
{
    const int columnWidth = m_fitToWidth ? MinFittedColumnWidth : MinColumnWidth;
    return {TimeColumnWidth + std::max(1, columnCount()) * columnWidth,
            HeaderHeight + rowCount() * MinRowHeight};
}

DayView::Fonts::Fonts(const QFont &font)
    : base(font)
    , name(font)
    , small(font)
    , smallBold(font)
    , marker(font)
    , nameMetrics(font)
    , smallMetrics(font)
    , markerMetrics(font)
{
    // Greyscale antialiasing: a block kept as an image cannot have
    // subpixel text, and the same block must look the same either way.
    const auto greyscale = QFont::StyleStrategy(font.styleStrategy() | QFont::NoSubpixelAntialias);
    for (QFont *f : {&name, &small, &smallBold, &marker})
        f->setStyleStrategy(greyscale);
    name.setBold(true);
    small.setPointSizeF(small.pointSizeF() * 0.85);
    smallBold = small;
    smallBold.setBold(true);
    marker.setBold(true);
    nameMetrics = QFontMetrics(name);
    smallMetrics = QFontMetrics(small);
    markerMetrics = QFontMetrics(marker);
    nameHeight = nameMetrics.height();
    smallHeight = smallMetrics.height();
    markerHeight = markerMetrics.height();
    nameStruck = name;
    nameStruck.setStrikeOut(true);
    tinyName = small;
    tinyName.setBold(true);
    tinyNameStruck = tinyName;
    tinyNameStruck.setStrikeOut(true);
}

const QFont &DayView::Fonts::of(FontRole role) const
{
    switch (role) {
    case FontRole::Name: return name;
    case FontRole::NameStruck: return nameStruck;
    case FontRole::TinyName: return tinyName;
    case FontRole::TinyNameStruck: return tinyNameStruck;
    case FontRole::Small: return small;
    case FontRole::SmallBold: return smallBold;
    case FontRole::Marker: return marker;
    }
    return small;
}

void DayView::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    if (font() != m_fonts.base) {
        // Looks compare words and places, not fonts: nothing kept survives.
        m_fonts = Fonts(font());
        m_texts.clear();
        m_advances.clear();
        m_stamps.clear();
        m_stampBytes = 0;
        m_blocks.clear();
        m_layoutDirty = true;
    }
    if (m_layoutDirty || size() != m_laidOutSize || palette().cacheKey() != m_laidOutPalette)
        layOutBlocks();
    const QRect exposed = event->rect();
    const QColor base = palette().color(QPalette::Base);
    for (const QRect &rect : std::as_const(m_background)) {
        const QRect part = rect & exposed;
        if (!part.isEmpty())
            painter.fillRect(part, base);
    }
    paintGrid(painter, exposed);
    paintBlocks(painter, exposed);
    if (m_nowMinute >= m_sheet.firstMinute && m_nowMinute <= m_sheet.lastMinute) {
        const int y = yForMinute(m_nowMinute);
        const QColor red(0xd3, 0x2f, 0x2f);
        painter.setPen(QPen(red, 2));
        painter.drawLine(TimeColumnWidth - 6, y, width(), y);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(red);
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QPoint(TimeColumnWidth - 6, y), 4, 4);
        painter.setRenderHint(QPainter::Antialiasing, false);
    }
    paintCursor(painter);
    paintDrag(painter);
    paintHeader(painter, exposed);
}

void DayView::changeEvent(QEvent *event)
{
    // Palette and font are compared when painting; the words are not.
    if (event->type() == QEvent::LanguageChange)
        m_layoutDirty = true;
    QWidget::changeEvent(event);
}

DayView::GridColours DayView::gridColours() const
{
    // From the palette, so a dark theme gets dark shading and faint lines.
    const QColor base = palette().color(QPalette::Base);
    const QColor ink = palette().color(QPalette::Text);
    return {base, mix(base, ink, 0.05), mix(base, ink, 0.07), mix(base, ink, 0.17)};
}

void DayView::paintGrid(QPainter &painter, const QRect &exposed) const
{
    const GridColours colours = gridColours();
    const QColor &closed = colours.closed;
    const QColor ink = palette().color(QPalette::Text);
    const QColor text = palette().color(QPalette::PlaceholderText);
    const int top = HeaderHeight;
    const int bottom = yForMinute(m_sheet.lastMinute);

    // Not working (before, after, breaks, time off): shaded and hatched.
    QBrush hatch(mix(colours.base, ink, 0.12), Qt::BDiagPattern);
    const int breakHeight = m_fonts.smallMetrics.height();
    std::optional<FontRole> font;
    for (int c = 0; c < columnCount(); ++c) {
        const DaySheet::Column &column = m_sheet.columns.at(c);
        const QRect col = columnRect(c);
        if (col.right() < exposed.left() || col.left() > exposed.right())
            continue;
        // Only the gaps are shaded: a pattern fill over the whole column
        // would be most of a repaint.
        int from = top;
        auto shade = [&](int to) {
            const QRect gap = QRect(col.left(), from, col.width(), to - from) & exposed;
            if (to > from && !gap.isEmpty()) {
                painter.fillRect(gap, closed);
                painter.fillRect(gap, hatch);
            }
        };
        for (const DaySheet::Span &span : column.working) {
            shade(yForMinute(span.startMinute));
            from = std::max(from, yForMinute(span.endMinute));
        }
        shade(bottom);
    }

    // Lines every quarter hour, stronger on the hour; times in the left
    // column. Lines as one-pixel rectangles: a line is drawn a pixel at a
    // time, a rectangle a row at a time.
    const int right = std::min(width(), exposed.right() + 1);
    const int left = std::max(TimeColumnWidth, exposed.left());
    for (int minute = m_sheet.firstMinute; minute <= m_sheet.lastMinute; minute += RowMinutes) {
        const int y = yForMinute(minute);
        const bool hour = minute % 60 == 0;
        if (y >= exposed.top() && y <= exposed.bottom() && right > left)
            painter.fillRect(QRect(left, y, right - left, 1),
                             hour ? colours.hourLine : colours.quarterLine);
        if (minute == m_sheet.lastMinute)
            break;
        if ((hour || minute % 30 == 0) && exposed.left() < TimeColumnWidth) {
            painter.setPen(hour ? palette().color(QPalette::Text) : text);
            drawCachedIn(painter, hour ? FontRole::SmallBold : FontRole::Small,
                         QRect(0, y - 1, TimeColumnWidth - 10, 16), Qt::AlignRight | Qt::AlignTop,
                         hour ? clockText(minute) : QStringLiteral(":30"), font);
        }
    }
    // The columns' lines where no block's cell has them.
    for (const QRect &line : std::as_const(m_columnLines)) {
        const QRect part = line & exposed;
        if (!part.isEmpty())
            painter.fillRect(part, colours.hourLine);
    }

    // Name the gaps between working spans (breaks) after the lines, each on
    // a patch of the shade, so no quarter-hour line runs through the word.
    const QString breakText = tr("Break");
    const int breakWidth = m_fonts.smallMetrics.horizontalAdvance(breakText) + 8;
    painter.setPen(text);
    for (int c = 0; c < columnCount(); ++c) {
        const DaySheet::Column &column = m_sheet.columns.at(c);
        const QRect col = columnRect(c);
        if (col.right() < exposed.left() || col.left() > exposed.right())
            continue;
        for (int i = 1; i < column.working.size(); ++i) {
            const int y1 = yForMinute(column.working.at(i - 1).endMinute);
            const int y2 = yForMinute(column.working.at(i).startMinute);
            if (y2 - y1 < breakHeight || breakWidth > col.width() - 2)
                continue; // no room for the word (the shading says it)
            const QRect gap(col.left(), y1, col.width(), y2 - y1);
            QRect patch(0, 0, std::min(breakWidth, col.width() - 2), breakHeight);
            patch.moveCenter(gap.center());
            painter.fillRect(patch & exposed, closed);
            drawCachedIn(painter, FontRole::Small, gap, Qt::AlignCenter, breakText, font);
        }
    }
}

void DayView::paintHeader(QPainter &painter, const QRect &exposed) const
{
    painter.fillRect(QRect(0, 0, width(), HeaderHeight), palette().color(QPalette::Window));
    const int scale = wholeScale(painter);
    std::optional<FontRole> font;
    for (int c = 0; c < columnCount(); ++c) {
        if (columnRect(c).right() < exposed.left() || columnRect(c).left() > exposed.right())
            continue; // scrolled out of sight
        const DaySheet::Column &column = m_sheet.columns.at(c);
        // A narrow column: no dot (the bar below says the colour), the name
        // and hours elided to the column.
        const bool narrow = columnRect(c).width() < MinColumnWidth;
        const QRect col = columnRect(c).adjusted(narrow ? 4 : 8, 0, narrow ? -3 : -6, 0);
        const int indent = narrow ? 0 : 17;
        const QRect dot(col.left(), 11, DotSize, DotSize);
        if (!narrow && scale > 0) {
            painter.drawImage(dot.topLeft(), dotModel(colourOf(column), scale));
        } else if (!narrow) {
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(Qt::NoPen);
            painter.setBrush(colourOf(column));
            painter.drawEllipse(dot);
            painter.setRenderHint(QPainter::Antialiasing, false);
        }

        painter.setPen(palette().color(QPalette::WindowText));
        const QRect nameRect(col.left() + indent, 6, std::max(1, col.width() - indent), 20);
        const QStaticText &name = staticText(FontRole::Name, column.name, nameRect.width());
        drawLine(painter,
                 {FontRole::Name,
                  QPointF(nameRect.left(),
                          nameRect.top() + (nameRect.height() - name.size().height()) / 2),
                  palette().color(QPalette::WindowText), name, false},
                 font);
        painter.setPen(palette().color(QPalette::PlaceholderText));
        const QString hours = column.working.isEmpty()
                ? tr("Not on the rota")
                : spanText(column.working.constFirst().startMinute,
                           column.working.constLast().endMinute);
        const QStaticText &hoursText = staticText(FontRole::Small, hours, nameRect.width());
        drawLine(painter,
                 {FontRole::Small,
                  QPointF(nameRect.left(), 26 + (16 - hoursText.size().height()) / 2),
                  palette().color(QPalette::PlaceholderText), hoursText, false},
                 font);
        painter.fillRect(
                QRect(columnRect(c).left() + 1, HeaderHeight - 4, columnRect(c).width() - 1, 4),
                colourOf(column));
    }
    painter.fillRect(QRect(0, HeaderHeight - 1, width(), 1), QColor(0xc8, 0xc8, 0xc8));
}

const DayView::BlockColours &DayView::coloursOf(const DaySheet::Column &column,
                                                const DaySheet::Block &block) const
{
    // Worked out once per stylist, status and category, not once per block:
    // the contrast search behind an accent is a loop of pow().
    const ColourKey key{column.colour, block.status, m_colouring,
                        m_colouring == Colouring::ByCategory ? block.category : QString()};
    auto it = m_colours.constFind(key);
    if (it != m_colours.constEnd())
        return *it;
    const QColor white(Qt::white);
    const bool faded = block.status == AppointmentStatus::Completed
            || block.status == AppointmentStatus::NoShow;
    BlockColours colours;
    colours.base = colourOf(column);
    colours.ink = faded ? QColor(0x55, 0x55, 0x55) : QColor(0x1d, 0x1d, 0x1f);
    if (m_colouring == Colouring::ByStylist) {
        colours.base = faded ? mix(colours.base, QColor(0xa0, 0xa0, 0xa0), 0.45) : colours.base;
        colours.busy = mix(colours.base, white, 0.55);
        colours.processing = mix(colours.base, white, 0.86);
    } else {
        // One hue per status or per service category, tinted for the palette.
        const StatusStyle tint = m_colouring == Colouring::ByStatus
                ? StatusStyle::of(block.status, palette())
                : StatusStyle::tinted(categoryColour(block.category), palette());
        colours.base = tint.accent;
        colours.busy = tint.fill;
        colours.processing = mix(tint.fill, palette().color(QPalette::Base), 0.6);
        colours.ink = tint.ink;
    }
    colours.hatch = mix(colours.base, white, 0.6);
    // The status marker: readable without telling colours apart.
    colours.accent = StatusStyle::accentOn(StatusStyle::hueOf(block.status), colours.busy);
    if (m_colours.size() > 2000)
        m_colours.clear();
    return *m_colours.insert(key, colours);
}

DayView::BlockLook DayView::lookOf(int c, int b, const LayoutWords &words) const
{
    const DaySheet::Column &column = m_sheet.columns.at(c);
    const DaySheet::Block &block = column.blocks.at(b);
    const BlockColours &colours = coloursOf(column, block);
    const bool faded = block.status == AppointmentStatus::Completed
            || block.status == AppointmentStatus::NoShow;
    const bool selected = block.appointmentId == m_selectedId;
    BlockLook look;
    look.texts.reserve(5); // marker, name, times, services, status
    const QRect rect = blockRect(c, b);
    look.rect = rect;
    look.base = colours.base;
    look.busy = colours.busy;
    look.processing = colours.processing;
    look.hatch = colours.hatch;
    look.buffer = words.buffer;
    look.border = block.overbooked ? QColor(0xc6, 0x28, 0x28)
            : selected             ? palette().color(QPalette::Highlight)
                                   : colours.base.darker(135);
    look.borderWidth = block.overbooked || selected ? 2 : 1;
    for (const DaySheet::Part &part : block.parts) {
        if (part.kind == SegmentKind::Busy)
            continue;
        const int y1 = std::max(rect.top() + 1, yForMinute(part.startMinute));
        const int y2 = std::min(rect.bottom(), yForMinute(part.endMinute));
        look.bands.append({part.kind, QRect(rect.left() + 1, y1, rect.width() - 2, y2 - y1)});
    }

    // The status marker, top right; then who, what, when, status: as many
    // lines as fit, each laid out once (shaping text is most of a paint).
    // Clipped to the block only when it could stand out of it (two pixels
    // beside the advance for a glyph's overhang): most lines fit, and a clip
    // per line is a good part of drawing a block.
    const QRectF inside = QRectF(rect.adjusted(1, 1, -1, -1));
    auto add = [&](FontRole role, const QPointF &at, const QColor &pen, const QString &text,
                   int width = -1, bool clipped = true) {
        const QStaticText &laidOut = staticText(role, text, width);
        look.texts.append(
                {role, at, pen, laidOut,
                 clipped && !inside.contains(QRectF(at, laidOut.size()).adjusted(-2, 0, 2, 0))});
    };
    look.bounds = rect.adjusted(-1, -1, 1, 1);
    if (columnRect(c).width() < MinColumnWidth) {
        // A narrow column (fitted to the width): the client's name only,
        // elided; the rest is in the tooltip and the accessible name.
        const QRect text = rect.adjusted(7, 2, -2, -2);
        const FontRole role = block.status == AppointmentStatus::NoShow ? FontRole::TinyNameStruck
                                                                        : FontRole::TinyName;
        const int y = text.height() < m_fonts.smallHeight
                ? rect.center().y() - m_fonts.smallHeight / 2
                : text.top();
        add(role, QPoint(text.left(), y), colours.ink,
            block.clientName.isEmpty() ? words.walkIn : block.clientName,
            std::max(1, text.width()));
        return look;
    }
    const int markerSize = m_fonts.markerHeight;
    const QString marker = StatusStyle::markerOf(block.status);
    add(FontRole::Marker,
        QPoint(rect.right() - 2 - (markerSize + advance(FontRole::Marker, marker)) / 2,
               rect.top() + 1),
        colours.accent, marker, -1, false);

    // Not confirmed by the salon's server yet: a second marker left of the
    // status's, and the text makes room for it.
    int waitingWidth = 0;
    if (block.waitingToSync) {
        const QString waiting = waitingMarker();
        waitingWidth = advance(FontRole::Marker, waiting) + 3;
        add(FontRole::Marker, QPoint(rect.right() - 2 - markerSize - waitingWidth, rect.top() + 1),
            colours.ink, waiting, -1, false);
    }
    const QRect text = rect.adjusted(9, 2, -5 - markerSize - waitingWidth, -2);
    const bool tiny = text.height() < m_fonts.nameHeight;
    const bool noShow = block.status == AppointmentStatus::NoShow;
    // A 15-minute visit on a small screen: one line, a size smaller, centred.
    const FontRole nameRole = tiny ? (noShow ? FontRole::TinyNameStruck : FontRole::TinyName)
                                   : (noShow ? FontRole::NameStruck : FontRole::Name);
    const int nameHeight = tiny ? m_fonts.smallHeight : m_fonts.nameHeight;
    int y = tiny ? rect.center().y() - nameHeight / 2 : text.top();
    const QString times = words.span.arg(clockText(block.startMinute), clockText(block.endMinute));
    const int timesWidth = advance(FontRole::Small, times);
    const bool timeFits = text.width() > timesWidth + 70;
    const int nameWidth = timeFits ? text.width() - timesWidth - 6 : text.width();
    add(nameRole, QPoint(text.left(), y), colours.ink,
        block.clientName.isEmpty() ? words.walkIn : block.clientName, nameWidth);
    if (timeFits)
        add(FontRole::Small,
            QPoint(text.right() + 1 - timesWidth, y + (nameHeight - m_fonts.smallHeight) / 2),
            colours.ink, times);
    y += nameHeight;
    const int lineHeight = m_fonts.smallHeight;
    if (y + lineHeight <= text.bottom() + 3) {
        add(FontRole::Small, QPoint(text.left(), y), colours.ink, block.services, text.width());
        y += lineHeight;
    }
    if (y + lineHeight <= text.bottom() + 3) {
        QString status = words.statuses.at(int(block.status));
        if (block.walkIn && !block.clientName.isEmpty())
            status = tr("%1 · walk-in").arg(status);
        if (block.overbooked)
            status = words.overbooked.arg(status);
        // The status's own accent, made to stand out on this block's fill;
        // bold for who is waiting in reception or in the chair now.
        const bool now = block.status == AppointmentStatus::Arrived
                || block.status == AppointmentStatus::InService;
        add(now ? FontRole::SmallBold : FontRole::Small, QPoint(text.left(), y),
            faded ? colours.ink : colours.accent, status);
    }

    for (const BlockLook::Text &t : std::as_const(look.texts)) {
        if (!t.clipped)
            look.bounds |= QRectF(t.at, t.laidOut.size()).toAlignedRect().adjusted(-2, -2, 2, 2);
    }
    return look;
}

void DayView::layOutBlocks()
{
    // A block whose look is unchanged keeps its face; the rest are drawn again.
    QHash<QString, LaidOutBlock> before;
    for (LaidOutBlock &block : m_blocks)
        before.insert(block.key, std::move(block));
    m_blocks.clear();
    m_faceBytes = 0;
    if (palette().cacheKey() != m_laidOutPalette)
        m_colours.clear();
    LayoutWords words;
    words.span = tr("%1–%2");
    words.walkIn = tr("Walk-in");
    words.overbooked = tr("%1 · overbooked");
    for (int s = int(AppointmentStatus::Booked); s <= int(AppointmentStatus::NoShow); ++s)
        words.statuses.append(statusText(AppointmentStatus(s)));
    words.buffer = mix(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.1);
    const GridColours grid = gridColours();
    for (int c = 0; c < columnCount(); ++c) {
        const DaySheet::Column &column = m_sheet.columns.at(c);
        int covered = HeaderHeight - 1; // the lowest row of the first lane drawn so far
        // Visits booked inside another's processing time (lane 1) on top.
        for (int lane = 0; lane < 2; ++lane) {
            for (int b = 0; b < column.blocks.size(); ++b) {
                if ((column.blocks.at(b).lane > 0) != (lane == 1))
                    continue;
                LaidOutBlock block;
                block.key = column.staffId + QLatin1Char('|') + column.blocks.at(b).appointmentId;
                block.look = lookOf(c, b, words);
                if (lane == 0) {
                    setCell(block.look, c, covered, grid);
                    covered = std::max(covered, lowestRow(block.look));
                }
                const auto old = before.constFind(block.key);
                if (old != before.constEnd() && old->look == block.look) {
                    block.face = old->face;
                    block.shown = old->shown;
                    m_faceBytes += block.face.sizeInBytes();
                }
                m_blocks.append(std::move(block));
            }
        }
    }
    m_layoutDirty = false;
    m_laidOutSize = size();
    m_laidOutPalette = palette().cacheKey();
    layOutBackground();
}

namespace {

bool opaqueColours(const QColor &base, const QColor &busy, const QColor &processing,
                   const QColor &hatch, const QColor &buffer, const QColor &border)
{
    return base.alpha() == 255 && busy.alpha() == 255 && processing.alpha() == 255
            && hatch.alpha() == 255 && buffer.alpha() == 255 && border.alpha() == 255;
}

} // namespace

int DayView::lowestRow(const BlockLook &look)
{
    if (!look.cell.isEmpty())
        return look.cell.bottom();
    // A one-pixel border stays inside the rect; a thicker one reaches the
    // row below, and so may a line of text not clipped to the block.
    int lowest = look.borderWidth == 1 ? look.rect.bottom() : look.bounds.bottom();
    for (const BlockLook::Text &text : look.texts) {
        if (!text.clipped)
            lowest = std::max(lowest,
                              QRectF(text.at, text.laidOut.size()).toAlignedRect().bottom() + 2);
    }
    return lowest;
}

namespace {} // namespace

void DayView::setCell(BlockLook &look, int column, int covered, const GridColours &grid) const
{
    const QRect col = columnRect(column);
    const QRect cell(QPoint(col.left(), look.rect.top() - 1),
                     QPoint(col.right(), look.rect.bottom()));
    const int linesBottom = yForMinute(m_sheet.lastMinute);
    if (cell.top() <= covered || cell.bottom() > linesBottom || look.borderWidth != 1
        || look.rect.left() != col.left() + 3 || grid.base.alpha() != 255
        || !opaqueColours(look.base, look.busy, look.processing, look.hatch, look.buffer,
                          look.border))
        return;
    // Nothing of it may stand out of the cell (a one-pixel border does not
    // reach the row below the block).
    for (const BlockLook::Text &text : std::as_const(look.texts)) {
        if (!text.clipped
            && !cell.contains(
                    QRectF(text.at, text.laidOut.size()).toAlignedRect().adjusted(-2, -2, 2, 2)))
            return;
    }
    // Working time from its top row to its bottom: no shading under it.
    const QList<DaySheet::Span> &working = m_sheet.columns.at(column).working;
    if (std::none_of(working.cbegin(), working.cend(), [&](const DaySheet::Span &span) {
            return yForMinute(span.startMinute) <= cell.top()
                    && cell.bottom() < yForMinute(span.endMinute);
        }))
        return;
    look.cell = cell;
    look.background = grid.base;
    look.quarterLine = grid.quarterLine;
    look.hourLine = grid.hourLine;
    look.closingLine = cell.right() == width() - 1;
    for (int minute = m_sheet.firstMinute; minute <= m_sheet.lastMinute; minute += RowMinutes) {
        const int y = yForMinute(minute);
        if (y > cell.bottom())
            break;
        if (y >= cell.top())
            look.cellLines.append(minute % 60 == 0 ? -1 - (y - cell.top()) : y - cell.top());
    }
}

void DayView::layOutBackground()
{
    // The header paints all of its band. Below it: the time column, and in
    // each column what the blocks' cells leave, with the column's line
    // there (a cell has its own).
    m_background.clear();
    m_columnLines.clear();
    const int bottom = height() - 1;
    const int linesBottom = yForMinute(m_sheet.lastMinute);
    if (palette().color(QPalette::Window).alpha() != 255)
        m_background.append(QRect(0, 0, width(), HeaderHeight));
    m_background.append(QRect(QPoint(0, HeaderHeight), QPoint(TimeColumnWidth - 1, bottom)));
    auto line = [this, linesBottom](int x, int from, int to) {
        to = std::min(to, linesBottom);
        if (to >= from)
            m_columnLines.append(QRect(QPoint(x, from), QPoint(x, to)));
    };
    qsizetype next = 0; // m_blocks: each column's first lane in order, then the second
    for (int c = 0; c < columnCount(); ++c) {
        const QRect col = columnRect(c);
        const bool last = c == columnCount() - 1;
        const qsizetype end = next + m_sheet.columns.at(c).blocks.size();
        int y = HeaderHeight;    // the first row no cell has taken
        auto gap = [&](int to) { // rows y to `to` - 1
            if (to <= y)
                return;
            m_background.append(QRect(QPoint(col.left(), y), QPoint(col.right(), to - 1)));
            line(col.left(), y, to - 1);
            if (last && col.right() == width() - 1)
                line(width() - 1, y, to - 1);
        };
        for (; next < end; ++next) {
            const QRect &cell = m_blocks.at(next).look.cell;
            if (cell.isEmpty())
                continue;
            gap(cell.top());
            y = cell.bottom() + 1;
        }
        gap(bottom + 1);
    }
    // Right of the last column (no columns: all of it, and the closing line).
    const int last =
            columnCount() > 0 ? columnRect(columnCount() - 1).right() + 1 : TimeColumnWidth;
    if (last < width()) {
        m_background.append(QRect(QPoint(last, HeaderHeight), QPoint(width() - 1, bottom)));
        line(width() - 1, HeaderHeight, bottom);
    }
}

void DayView::paintCellBackground(QPainter &painter, const BlockLook &look) const
{
    const QRect &cell = look.cell;
    painter.fillRect(cell, look.background);
    for (int row : look.cellLines) {
        const bool hour = row < 0;
        painter.fillRect(QRect(cell.left(), cell.top() + (hour ? -1 - row : row), cell.width(), 1),
                         hour ? look.hourLine : look.quarterLine);
    }
    painter.fillRect(QRect(cell.left(), cell.top(), 1, cell.height()), look.hourLine);
    if (look.closingLine)
        painter.fillRect(QRect(cell.right(), cell.top(), 1, cell.height()), look.hourLine);
}

void DayView::paintBlocks(QPainter &painter, const QRect &exposed)
{
    const int scale = wholeScale(painter);
    std::optional<FontRole> font;
    for (LaidOutBlock &block : m_blocks) {
        const BlockLook &look = block.look;
        const QRect &area = look.cell.isEmpty() ? look.bounds : look.cell; // what its face holds
        if (!area.intersects(exposed))
            continue;
        if (!block.face.isNull() && int(block.face.devicePixelRatio()) != scale) {
            m_faceBytes -= block.face.sizeInBytes(); // on another screen now
            block.face = QImage();
        }
        // The first time straight onto the view (a day just switched to may
        // be left again at once); shown again unchanged, it is kept.
        if (block.face.isNull() && block.shown && scale > 0
            && m_faceBytes + qint64(area.width()) * area.height() * scale * scale * 4
                    <= FaceBudget) {
            block.face = faceOf(look, scale);
            m_faceBytes += block.face.sizeInBytes();
        }
        if (!block.face.isNull()) {
            drawFace(painter, look, block.face, scale);
        } else {
            if (!look.cell.isEmpty() && scale > 0) {
                // Its cell without the words, shared by the blocks that look
                // alike, copied (layOutBackground left the cell out).
                painter.setCompositionMode(QPainter::CompositionMode_Source);
                painter.drawImage(look.cell.topLeft(), frameOf(look, scale));
                painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
                paintTexts(painter, look, font);
            } else {
                if (!look.cell.isEmpty())
                    paintCellBackground(painter, look);
                paintBlock(painter, look, font);
            }
            block.shown = true;
        }
    }
}

void DayView::drawFace(QPainter &painter, const BlockLook &look, const QImage &face,
                       int scale) const
{
    // A cell is opaque, background and all: copied (a row is a memcpy), not
    // blended. Blending a narrow image is mostly its rows' unaligned ends.
    if (!look.cell.isEmpty()) {
        painter.setCompositionMode(QPainter::CompositionMode_Source);
        painter.drawImage(look.cell.topLeft(), face);
        painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
        return;
    }
    // Otherwise, between its rounded ends a block of opaque colours and a
    // one-pixel border covers its rectangle: that part is copied.
    const QRect &rect = look.rect;
    const bool opaque = opaqueColours(look.base, look.busy, look.processing, look.hatch,
                                      look.buffer, look.border);
    const QRect middle(rect.left(), rect.top() + Corner, rect.width(), rect.height() - 2 * Corner);
    if (!opaque || look.borderWidth != 1 || middle.height() <= 0
        || painter.compositionMode() != QPainter::CompositionMode_SourceOver) {
        painter.drawImage(look.bounds.topLeft(), face);
        return;
    }
    const QPoint origin = look.bounds.topLeft();
    auto part = [&](const QRect &target) { // in the view's coordinates
        const QRect from = target.translated(-origin);
        painter.drawImage(target, face, QRect(from.topLeft() * scale, from.size() * scale));
    };
    // Above and below the middle: the ends, and whatever stands out.
    part(QRect(QPoint(look.bounds.left(), look.bounds.top()),
               QPoint(look.bounds.right(), middle.top() - 1)));
    part(QRect(QPoint(look.bounds.left(), middle.bottom() + 1), look.bounds.bottomRight()));
    // Beside the middle: nothing but what a line of text left unclipped.
    if (look.bounds.left() < rect.left() - Overhang)
        part(QRect(QPoint(look.bounds.left(), middle.top()),
                   QPoint(rect.left() - 1, middle.bottom())));
    if (look.bounds.right() > rect.right() + Overhang)
        part(QRect(QPoint(rect.right() + 1, middle.top()),
                   QPoint(look.bounds.right(), middle.bottom())));
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    part(middle);
    painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
}

QImage DayView::faceOf(const BlockLook &look, int scale) const
{
    const QRect &area = look.cell.isEmpty() ? look.bounds : look.cell;
    // A cell starts as its frame (a copy), a block alone as nothing.
    QImage face = look.cell.isEmpty()
            ? QImage(area.size() * scale, QImage::Format_ARGB32_Premultiplied)
            : frameOf(look, scale).copy();
    face.setDevicePixelRatio(scale);
    if (look.cell.isEmpty())
        face.fill(Qt::transparent);
    // Moved to the face's corner rather than painted through a translated
    // painter: QStaticText draws a no-show's strike-out line in the wrong
    // place then (Qt 6.4).
    const QPoint by = -area.topLeft();
    BlockLook moved = look;
    moved.rect.translate(by);
    moved.bounds.translate(by);
    moved.cell.translate(by);
    for (BlockLook::Band &band : moved.bands)
        band.rect.translate(by);
    for (BlockLook::Text &text : moved.texts)
        text.at += by;
    QPainter painter(&face);
    painter.setBrushOrigin(by); // the processing stripes in step with the view's
    std::optional<FontRole> font;
    if (moved.cell.isEmpty())
        paintBlock(painter, moved, font);
    else
        paintTexts(painter, moved, font);
    return face;
}

const QImage &DayView::frameOf(const BlockLook &look, int scale) const
{
    const QPoint origin = look.cell.topLeft();
    FrameKey key{look.cell.size(),
                 look.rect.translated(-origin),
                 {},
                 look.base.rgba(),
                 look.busy.rgba(),
                 look.processing.rgba(),
                 look.hatch.rgba(),
                 look.buffer.rgba(),
                 look.border.rgba(),
                 look.background.rgba(),
                 look.quarterLine.rgba(),
                 look.hourLine.rgba(),
                 look.cellLines,
                 look.closingLine,
                 QPoint(),
                 scale};
    for (const BlockLook::Band &band : look.bands) {
        key.bands.append({band.kind, band.rect.translated(-origin)});
        if (band.kind == SegmentKind::Processing) // stripes in step with the view's
            key.phase = QPoint(origin.x() & 7, origin.y() & 7);
    }
    auto it = m_frames.constFind(key);
    if (it != m_frames.constEnd())
        return *it;
    if (m_frameBytes > FrameBudget) {
        m_frames.clear(); // a day of many sizes and colours: start again rather than grow
        m_frameBytes = 0;
    }
    QImage frame(look.cell.size() * scale, QImage::Format_ARGB32_Premultiplied);
    frame.setDevicePixelRatio(scale);
    BlockLook moved = look;
    moved.texts.clear();
    moved.rect.translate(-origin);
    moved.bounds.translate(-origin);
    moved.cell.translate(-origin);
    for (BlockLook::Band &band : moved.bands)
        band.rect.translate(-origin);
    QPainter painter(&frame);
    painter.setBrushOrigin(-origin);
    paintCellBackground(painter, moved);
    paintBlockFrame(painter, moved);
    painter.end();
    m_frameBytes += frame.sizeInBytes();
    return *m_frames.insert(key, frame);
}

const QImage &DayView::frameModel(const QColor &colour, int borderWidth, int scale) const
{
    const quint64 key = quint64(colour.rgba()) << 32 | quint64(borderWidth) << 8 | quint64(scale);
    auto it = m_frameModels.constFind(key);
    if (it != m_frameModels.constEnd())
        return *it;
    QImage model(QSize(ModelSize + 2 * Overhang, ModelSize + 2 * Overhang) * scale,
                 QImage::Format_ARGB32_Premultiplied);
    model.setDevicePixelRatio(scale);
    model.fill(Qt::transparent);
    QPainter painter(&model);
    painter.setRenderHint(QPainter::Antialiasing);
    if (borderWidth > 0) {
        painter.setPen(QPen(colour, borderWidth));
        painter.setBrush(Qt::NoBrush);
    } else {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
    }
    painter.drawRoundedRect(
            QRectF(Overhang, Overhang, ModelSize, ModelSize).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter.end();
    if (m_frameModels.size() > 1000)
        m_frameModels.clear();
    return *m_frameModels.insert(key, model);
}

const QImage *DayView::stampOf(const BlockLook::Text &text, int scale) const
{
    if (text.at != QPointF(text.at.toPoint()))
        return nullptr; // glyphs between pixels: drawn as they are
    const StampKey key{text.role, text.pen.rgba(), scale, text.laidOut.text()};
    Stamp &stamp = m_stamps[key];
    if (!stamp.image.isNull())
        return &stamp.image;
    // Used once, drawn straight (a client's name seldom comes twice in a
    // day); from the second time on, stamped.
    if (++stamp.uses < 2)
        return nullptr;
    if (m_stampBytes > StampBudget) {
        m_stamps.clear(); // a long day of changes: start again rather than grow
        m_stampBytes = 0;
        return nullptr;
    }
    const QSizeF size = text.laidOut.size();
    const QSize stampSize(int(std::ceil(size.width())) + 2 * StampMargin,
                          int(std::ceil(size.height())) + 2 * StampMargin);
    stamp.image = QImage(stampSize * scale, QImage::Format_ARGB32_Premultiplied);
    stamp.image.setDevicePixelRatio(scale);
    stamp.image.fill(Qt::transparent);
    QPainter painter(&stamp.image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(text.pen);
    painter.setFont(m_fonts.of(text.role));
    painter.drawStaticText(QPointF(StampMargin, StampMargin), text.laidOut);
    painter.end();
    m_stampBytes += stamp.image.sizeInBytes();
    return &stamp.image;
}

const QBrush &DayView::hatchBrush(const QColor &colour) const
{
    const QRgb key = colour.rgba();
    auto it = m_hatches.constFind(key);
    if (it != m_hatches.constEnd())
        return *it;
    // A pattern brush makes its tile anew on every fill (most of drawing a
    // block with processing time); this tile is the pattern drawn once.
    QImage tile(8, 8, QImage::Format_ARGB32_Premultiplied);
    tile.fill(Qt::transparent);
    QPainter painter(&tile);
    painter.fillRect(tile.rect(), QBrush(colour, Qt::BDiagPattern));
    painter.end();
    if (m_hatches.size() > 1000)
        m_hatches.clear();
    return *m_hatches.insert(key, QBrush(tile));
}

const QImage &DayView::dotModel(const QColor &colour, int scale) const
{
    const quint64 key = quint64(colour.rgba()) << 32 | quint64(scale);
    auto it = m_dotModels.constFind(key);
    if (it != m_dotModels.constEnd())
        return *it;
    QImage model(QSize(DotSize, DotSize) * scale, QImage::Format_ARGB32_Premultiplied);
    model.setDevicePixelRatio(scale);
    model.fill(Qt::transparent);
    QPainter painter(&model);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRect(0, 0, DotSize, DotSize));
    painter.end();
    if (m_dotModels.size() > 1000)
        m_dotModels.clear();
    return *m_dotModels.insert(key, model);
}

void DayView::paintFrame(QPainter &painter, const BlockLook &look, bool border) const
{
    const QRect &rect = look.rect;
    const QRectF outline = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5);
    const int scale = wholeScale(painter);
    // The corners copied from a small model, the rest filled: the same
    // pixels as drawRoundedRect, several times faster. A thick border's
    // edges are not one colour, so that one is drawn as it is.
    const bool copied = scale > 0 && rect.width() >= 2 * Corner + 2
            && rect.height() >= 2 * Corner + 2 && (!border || look.borderWidth == 1);
    if (!copied) {
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(border ? QPen(look.border, look.borderWidth) : QPen(Qt::NoPen));
        painter.setBrush(border ? QBrush(Qt::NoBrush) : QBrush(look.busy));
        painter.drawRoundedRect(outline, 4, 4);
        painter.setRenderHint(QPainter::Antialiasing, false);
        return;
    }
    const QImage &model = frameModel(border ? look.border : look.busy, border ? 1 : 0, scale);
    const int part = Corner + Overhang;              // a corner with what stands out of it
    const int far = ModelSize + 2 * Overhang - part; // where the model's far corners start
    const QRect outer = rect.adjusted(-Overhang, -Overhang, Overhang, Overhang);
    auto corner = [&](int x, int y, int fromX, int fromY) {
        painter.drawImage(QRectF(x, y, part, part), model,
                          QRectF(fromX * scale, fromY * scale, part * scale, part * scale));
    };
    corner(outer.left(), outer.top(), 0, 0);
    corner(outer.right() + 1 - part, outer.top(), far, 0);
    corner(outer.left(), outer.bottom() + 1 - part, 0, far);
    corner(outer.right() + 1 - part, outer.bottom() + 1 - part, far, far);
    if (border) {
        const QColor &c = look.border;
        painter.fillRect(QRect(rect.left() + Corner, rect.top(), rect.width() - 2 * Corner, 1), c);
        painter.fillRect(QRect(rect.left() + Corner, rect.bottom(), rect.width() - 2 * Corner, 1),
                         c);
        painter.fillRect(QRect(rect.left(), rect.top() + Corner, 1, rect.height() - 2 * Corner), c);
        painter.fillRect(QRect(rect.right(), rect.top() + Corner, 1, rect.height() - 2 * Corner),
                         c);
    } else {
        // The fill's half-covered edge pixels are under the border anyway.
        painter.fillRect(rect.adjusted(Corner, 0, -Corner, 0), look.busy);
        painter.fillRect(rect.adjusted(0, Corner, -rect.width() + Corner, -Corner), look.busy);
        painter.fillRect(rect.adjusted(rect.width() - Corner, Corner, 0, -Corner), look.busy);
    }
}

void DayView::paintBlockFrame(QPainter &painter, const BlockLook &look) const
{
    const QRect &rect = look.rect;
    // The fill; processing (lighter and striped: the stylist is free to take
    // someone else) and buffer time inside it, clipped to a rectangle (a
    // path clip is slow); the stylist's or status's bar; the border.
    paintFrame(painter, look, false);
    // Cut to the inside by hand: a clip per block costs more than the fills.
    const QRect inside = rect.adjusted(1, 1, -1, -1);
    for (const BlockLook::Band &band : look.bands) {
        if (band.kind == SegmentKind::Processing) {
            painter.fillRect(band.rect & inside, look.processing);
            // The tile is device pixels: a scaled painter gets the pattern itself.
            painter.fillRect(band.rect & inside,
                             wholeScale(painter) == 1 ? hatchBrush(look.hatch)
                                                      : QBrush(look.hatch, Qt::BDiagPattern));
        } else {
            painter.fillRect(band.rect & inside, look.buffer);
        }
    }
    painter.fillRect(QRect(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2) & inside,
                     look.base);
    paintFrame(painter, look, true);
}

void DayView::paintBlock(QPainter &painter, const BlockLook &look,
                         std::optional<FontRole> &font) const
{
    paintBlockFrame(painter, look);
    paintTexts(painter, look, font);
}

void DayView::paintTexts(QPainter &painter, const BlockLook &look,
                         std::optional<FontRole> &font) const
{
    const QRect &rect = look.rect;
    // Antialiased as the frame is: a no-show's strike-out line.
    painter.setRenderHint(QPainter::Antialiasing);
    bool clipped = false;
    for (const BlockLook::Text &text : look.texts) {
        if (text.clipped != clipped) {
            clipped = text.clipped;
            if (clipped)
                painter.setClipRect(rect.adjusted(1, 1, -1, -1));
            else
                painter.setClipping(false);
        }
        drawLine(painter, text, font);
    }
    painter.setClipping(false);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

bool DayView::BlockLook::Text::operator==(const Text &other) const
{
    return role == other.role && at == other.at && pen == other.pen && clipped == other.clipped
            && laidOut.text() == other.laidOut.text();
}

void DayView::usePainterFont(QPainter &painter, FontRole role,
                             std::optional<FontRole> &current) const
{
    if (current == role)
        return;
    painter.setFont(m_fonts.of(role));
    current = role;
}

void DayView::drawCachedIn(QPainter &painter, FontRole role, const QRect &rect,
                           Qt::Alignment alignment, const QString &text,
                           std::optional<FontRole> &font) const
{
    const QStaticText &laidOut = staticText(role, text);
    const QSizeF size = laidOut.size();
    qreal x = rect.left();
    qreal y = rect.top();
    if (alignment & Qt::AlignRight)
        x += rect.width() - size.width();
    else if (alignment & Qt::AlignHCenter)
        x += (rect.width() - size.width()) / 2;
    if (alignment & Qt::AlignVCenter)
        y += (rect.height() - size.height()) / 2;
    drawLine(painter, {role, QPointF(x, y), painter.pen().color(), laidOut, false}, font);
}

void DayView::drawLine(QPainter &painter, const BlockLook::Text &line,
                       std::optional<FontRole> &font) const
{
    // A block's lines, and the header's and the times' (drawn on every
    // paint). A clip on the painter applies to a stamp as to glyphs.
    const int scale = wholeScale(painter);
    if (scale > 0) {
        if (const QImage *stamp = stampOf(line, scale)) {
            painter.drawImage(line.at - QPointF(StampMargin, StampMargin), *stamp);
            return;
        }
    }
    painter.setPen(line.pen);
    // The painter's font must be the one the text was laid out with, or
    // QStaticText lays it out again.
    usePainterFont(painter, line.role, font);
    painter.drawStaticText(line.at, line.laidOut);
}

const QStaticText &DayView::staticText(FontRole role, const QString &text, int width) const
{
    const TextKey key{role, width, text};
    auto it = m_texts.constFind(key);
    if (it != m_texts.constEnd())
        return *it;
    if (m_texts.size() > 20000)
        m_texts.clear(); // a long day of changes: start again rather than grow
    const QFont &font = m_fonts.of(role);
    QStaticText laidOut(width < 0 ? text
                                  : QFontMetrics(font).elidedText(text, Qt::ElideRight, width));
    laidOut.setTextFormat(Qt::PlainText);
    laidOut.setPerformanceHint(QStaticText::AggressiveCaching);
    laidOut.prepare(QTransform(), font);
    return *m_texts.insert(key, laidOut);
}

int DayView::advance(FontRole role, const QString &text) const
{
    const TextKey key{role, -1, text};
    auto it = m_advances.constFind(key);
    if (it != m_advances.constEnd())
        return *it;
    if (m_advances.size() > 20000)
        m_advances.clear();
    return *m_advances.insert(key, QFontMetrics(m_fonts.of(role)).horizontalAdvance(text));
}

void DayView::paintCursor(QPainter &painter) const
{
    if (!hasFocus() || m_cursorColumn < 0 || m_cursorColumn >= columnCount() || m_cursorMinute < 0)
        return;
    const QRect col = columnRect(m_cursorColumn);
    const QRect cell(col.left() + 1, yForMinute(m_cursorMinute), col.width() - 2,
                     std::max(3, yForMinute(m_cursorMinute + m_step) - yForMinute(m_cursorMinute)));
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DotLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(cell.adjusted(1, 1, -1, -1));
}

void DayView::paintDrag(QPainter &painter) const
{
    if (!m_drag.active)
        return;
    QRect target;
    QColor colour = palette().color(QPalette::Highlight);
    if (m_drag.mode == DragMode::Create) {
        const QRect col = columnRect(m_drag.column);
        target = QRect(col.left() + 3, yForMinute(m_drag.createStart), col.width() - 7,
                       yForMinute(m_drag.createEnd) - yForMinute(m_drag.createStart));
    } else {
        const int column = findColumn(m_drag.drop.toStaffId);
        if (column < 0)
            return;
        const QRect col = columnRect(column);
        target = QRect(col.left() + 3, yForMinute(m_drag.drop.startMinute), col.width() - 7,
                       yForMinute(m_drag.drop.endMinute) - yForMinute(m_drag.drop.startMinute));
        switch (m_drag.check.outcome) {
        case DropCheck::Outcome::Fits: colour = QColor(0x2e, 0x9d, 0x32); break;
        case DropCheck::Outcome::Problems: colour = QColor(0xef, 0x8f, 0x00); break;
        case DropCheck::Outcome::Refused: colour = QColor(0xd3, 0x2f, 0x2f); break;
        }
    }
    painter.setRenderHint(QPainter::Antialiasing);
    QColor fill = colour;
    fill.setAlpha(60);
    painter.setBrush(fill);
    painter.setPen(QPen(colour, 2, Qt::DashLine));
    painter.drawRoundedRect(QRectF(target).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);

    // The verdict in words, beside the cursor.
    if (!m_feedback.isEmpty()) {
        QFont f = font();
        const QFontMetrics metrics(f);
        const QRect textBounds = metrics.boundingRect(QRect(0, 0, 360, 1000),
                                                      Qt::TextWordWrap | Qt::AlignLeft, m_feedback);
        QRect box(m_mousePos + QPoint(16, 12), textBounds.size() + QSize(16, 10));
        if (box.right() > width() - 2)
            box.moveRight(m_mousePos.x() - 12);
        if (box.bottom() > height() - 2)
            box.moveBottom(m_mousePos.y() - 8);
        painter.setPen(QPen(colour, 1));
        painter.setBrush(palette().color(QPalette::ToolTipBase));
        painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
        painter.setPen(palette().color(QPalette::ToolTipText));
        painter.setFont(f);
        painter.drawText(box.adjusted(8, 5, -8, -5), Qt::TextWordWrap | Qt::AlignLeft, m_feedback);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
}

int DayView::findColumn(const QString &staffId) const
{
    for (int c = 0; c < columnCount(); ++c) {
        if (m_sheet.columns.at(c).staffId == staffId)
            return c;
    }
    return -1;
}

void DayView::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    m_mousePos = pos;
    cancelDrag();
    const int column = columnAtX(pos.x());
    if (column < 0 || pos.y() < HeaderHeight) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QString id = appointmentAt(pos);
    if (event->button() == Qt::RightButton) {
        selectAppointment(id);
        QWidget::mousePressEvent(event);
        return;
    }
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_drag.pressPos = pos;
    m_drag.column = column;
    m_drag.staffId = m_sheet.columns.at(column).staffId;
    if (id.isEmpty()) {
        m_drag.mode = DragMode::Create;
        m_drag.anchorMinute = snapped(minuteAtY(pos.y()));
        m_drag.createStart = m_drag.anchorMinute;
        m_drag.createEnd = m_drag.anchorMinute + m_step;
    } else {
        const QPair<int, int> block = findBlock(id, m_drag.staffId);
        const DaySheet::Block &b = m_sheet.columns.at(block.first).blocks.at(block.second);
        const QRect rect = blockRect(block.first, block.second);
        m_drag.mode = pos.y() >= rect.bottom() - ResizeHandle ? DragMode::Resize : DragMode::Move;
        m_drag.appointmentId = id;
        m_drag.blockStart = b.startMinute;
        m_drag.blockEnd = b.endMinute;
        m_drag.grabOffset = int(std::lround(minuteAtY(pos.y()))) - b.startMinute;
        m_drag.drop = {m_drag.mode == DragMode::Resize ? Drop::Kind::Resize : Drop::Kind::Move,
                       id,
                       m_drag.staffId,
                       m_drag.staffId,
                       b.startMinute,
                       b.endMinute};
        selectAppointment(id);
    }
    m_cursorColumn = column;
    m_cursorMinute = snapped(minuteAtY(pos.y()));
    event->accept();
}

void DayView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    m_mousePos = pos;
    if (m_drag.mode == DragMode::None) {
        // Over a block's bottom edge: it can be pulled longer or shorter.
        const QString id = appointmentAt(pos);
        bool edge = false;
        if (!id.isEmpty()) {
            const int column = columnAtX(pos.x());
            const QPair<int, int> block =
                    findBlock(id, column >= 0 ? m_sheet.columns.at(column).staffId : QString());
            edge = block.first >= 0
                    && pos.y() >= blockRect(block.first, block.second).bottom() - ResizeHandle;
        }
        setCursor(edge ? Qt::SizeVerCursor : Qt::ArrowCursor);
        return;
    }
    if (!m_drag.active) {
        if ((pos - m_drag.pressPos).manhattanLength() < QApplication::startDragDistance())
            return;
        m_drag.active = true;
        if (m_drag.mode != DragMode::Create)
            emit dragStarted(m_drag.appointmentId);
    }
    updateDrag(pos);
}

void DayView::updateDrag(const QPoint &pos)
{
    const double minute = minuteAtY(pos.y());
    if (m_drag.mode == DragMode::Create) {
        const int here = snapped(minute);
        m_drag.createStart = std::min(m_drag.anchorMinute, here);
        m_drag.createEnd = std::max(m_drag.anchorMinute, here) + m_step;
        m_feedback = tr("%1 with %2")
                             .arg(spanText(m_drag.createStart, m_drag.createEnd),
                                  m_sheet.columns.at(m_drag.column).name);
        update();
        return;
    }
    Drop &drop = m_drag.drop;
    const int length = m_drag.blockEnd - m_drag.blockStart;
    if (m_drag.mode == DragMode::Move) {
        const int column = columnAtX(pos.x());
        if (column >= 0)
            drop.toStaffId = m_sheet.columns.at(column).staffId;
        // Snapped to the nearest step, not the one above.
        drop.startMinute = snapped(minute - m_drag.grabOffset + m_step / 2.0);
        drop.endMinute = drop.startMinute + length;
    } else {
        drop.startMinute = m_drag.blockStart;
        drop.endMinute =
                std::max(m_drag.blockStart + m_step, int(std::lround(minute / m_step)) * m_step);
    }
    const bool unchanged = drop.toStaffId == drop.fromStaffId
            && drop.startMinute == m_drag.blockStart && drop.endMinute == m_drag.blockEnd;
    m_drag.check = unchanged || !m_judge ? DropCheck{} : m_judge(drop);
    const QString where = drop.kind == Drop::Kind::Resize
            ? tr("Until %1").arg(clockText(drop.endMinute))
            : tr("%1 with %2")
                      .arg(spanText(drop.startMinute, drop.endMinute),
                           m_sheet.columns.at(std::max(0, findColumn(drop.toStaffId))).name);
    switch (m_drag.check.outcome) {
    case DropCheck::Outcome::Fits: m_feedback = where; break;
    case DropCheck::Outcome::Problems:
        m_feedback = tr("%1\n%2").arg(where, m_drag.check.reasons.join(QLatin1Char('\n')));
        break;
    case DropCheck::Outcome::Refused:
        m_feedback = tr("%1\nCannot go here: %2")
                             .arg(where, m_drag.check.reasons.join(QLatin1Char('\n')));
        break;
    }
    update();
}

void DayView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_drag.mode == DragMode::None) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_mousePos = event->position().toPoint();
    if (m_drag.active)
        updateDrag(m_mousePos);
    finishDrag();
    event->accept();
}

void DayView::finishDrag()
{
    const DragState drag = m_drag;
    cancelDrag();
    switch (drag.mode) {
    case DragMode::None: return;
    case DragMode::Create:
        emit freeTimeChosen(drag.staffId, drag.createStart, drag.createEnd - drag.createStart);
        return;
    case DragMode::Move:
    case DragMode::Resize:
        if (!drag.active) {
            emit appointmentClicked(drag.appointmentId);
            return;
        }
        if (drag.drop.toStaffId == drag.drop.fromStaffId && drag.drop.startMinute == drag.blockStart
            && drag.drop.endMinute == drag.blockEnd)
            return;
        // A refused drop changes nothing; the reason was on screen.
        if (drag.check.outcome == DropCheck::Outcome::Refused)
            return;
        emit appointmentDropped(drag.drop);
        return;
    }
}

void DayView::cancelDrag()
{
    const bool wasActive = m_drag.active;
    m_drag = DragState();
    m_feedback.clear();
    if (wasActive)
        update();
}

void DayView::focusInEvent(QFocusEvent *event)
{
    ensureCursor();
    update();
    QWidget::focusInEvent(event);
}

void DayView::focusOutEvent(QFocusEvent *event)
{
    update();
    QWidget::focusOutEvent(event);
}

void DayView::ensureCursor()
{
    if (columnCount() == 0)
        return;
    if (m_cursorColumn < 0 || m_cursorColumn >= columnCount())
        m_cursorColumn = 0;
    if (m_cursorMinute < m_sheet.firstMinute || m_cursorMinute >= m_sheet.lastMinute) {
        const QList<DaySheet::Span> &working = m_sheet.columns.at(m_cursorColumn).working;
        m_cursorMinute =
                snapped(working.isEmpty() ? m_sheet.firstMinute : working.constFirst().startMinute);
    }
}

void DayView::moveCursor(int columns, int steps)
{
    if (columnCount() == 0)
        return;
    ensureCursor();
    m_cursorColumn = std::clamp(m_cursorColumn + columns, 0, columnCount() - 1);
    m_cursorMinute = std::clamp(m_cursorMinute + steps * m_step, m_sheet.firstMinute,
                                std::max(m_sheet.firstMinute, m_sheet.lastMinute - m_step));
    // On a block: that is what the status keys now act on.
    const QRect col = columnRect(m_cursorColumn);
    selectAppointment(appointmentAt(QPoint(
            col.center().x(), yForMinute(m_cursorMinute) + std::max(1, int(rowHeight() / 3)))));
    updateAccessibleText();
    update();
}

void DayView::keyPressEvent(QKeyEvent *event)
{
    if (m_drag.mode != DragMode::None && event->key() == Qt::Key_Escape) {
        cancelDrag();
        event->accept();
        return;
    }
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left: moveCursor(-1, 0); break;
    case Qt::Key_Right: moveCursor(1, 0); break;
    case Qt::Key_Up: moveCursor(0, -1); break;
    case Qt::Key_Down: moveCursor(0, 1); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        ensureCursor();
        if (m_cursorColumn < 0)
            break;
        if (!m_selectedId.isEmpty())
            emit appointmentClicked(m_selectedId);
        else
            emit freeTimeChosen(m_sheet.columns.at(m_cursorColumn).staffId, m_cursorMinute, m_step);
        break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void DayView::contextMenuEvent(QContextMenuEvent *event)
{
    if (event->reason() == QContextMenuEvent::Mouse)
        selectAppointment(appointmentAt(event->pos()));
    if (m_selectedId.isEmpty()) {
        event->ignore();
        return;
    }
    emit contextMenuRequested(event->globalPos());
    event->accept();
}

bool DayView::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    for (int c = 0; c < columnCount(); ++c) {
        const QList<DaySheet::Block> &blocks = m_sheet.columns.at(c).blocks;
        const QString id = appointmentAt(help->pos());
        for (int b = 0; b < blocks.size(); ++b) {
            const DaySheet::Block &block = blocks.at(b);
            if (id.isEmpty() || block.appointmentId != id || !blockRect(c, b).contains(help->pos()))
                continue;
            QToolTip::showText(help->globalPos(),
                               tr("<b>%1</b><br>%2<br>%3 with %4<br>%5")
                                               .arg(clientText(block).toHtmlEscaped(),
                                                    block.services.toHtmlEscaped(),
                                                    spanText(block.startMinute, block.endMinute),
                                                    m_sheet.columns.at(c).name.toHtmlEscaped(),
                                                    statusText(block.status))
                                       + (block.waitingToSync
                                                  ? QStringLiteral("<br><i>%1</i>")
                                                            .arg(tr("Waiting to sync — saved on "
                                                                    "this PC"))
                                                  : QString()),
                               this);
            return true;
        }
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

} // namespace chairside
