#include "dayview.h"

#include "statusstyle.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
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

QString clientText(const DaySheet::Block &block)
{
    return block.clientName.isEmpty() ? DayView::tr("Walk-in") : block.clientName;
}

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
        }
        name = tr("Day book: %1 at %2, %3").arg(column.name, clockText(m_cursorMinute), what);
    }
    setAccessibleName(name);
}

void DayView::setSheet(DaySheet sheet)
{
    const bool sameDay = sheet.date == m_sheet.date && sheet.salonId == m_sheet.salonId;
    m_sheet = std::move(sheet);
    // Another day: a drag or the selection of the old one means nothing here.
    if (!sameDay) {
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
    update();
}

void DayView::selectAppointment(const QString &appointmentId)
{
    if (m_selectedId == appointmentId)
        return;
    m_selectedId = appointmentId;
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
    return {TimeColumnWidth + std::max(1, columnCount()) * PreferredColumnWidth,
            HeaderHeight + rowCount() * PreferredRowHeight};
}

QSize DayView::minimumSizeHint() const
{
    return {TimeColumnWidth + std::max(1, columnCount()) * MinColumnWidth,
            HeaderHeight + rowCount() * MinRowHeight};
}

DayView::Fonts::Fonts(const QFont &font)
    : name(font)
    , small(font)
    , smallBold(font)
    , marker(font)
    , nameMetrics(font)
    , smallMetrics(font)
    , markerMetrics(font)
{
    name.setBold(true);
    small.setPointSizeF(small.pointSizeF() * 0.85);
    smallBold = small;
    smallBold.setBold(true);
    marker.setBold(true);
    nameMetrics = QFontMetrics(name);
    smallMetrics = QFontMetrics(small);
    markerMetrics = QFontMetrics(marker);
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
        m_fonts = Fonts(font());
        m_texts.clear();
    }
    const QRect exposed = event->rect();
    painter.fillRect(exposed, palette().color(QPalette::Base));
    paintGrid(painter, exposed);
    painter.setRenderHint(QPainter::Antialiasing);
    for (int c = 0; c < columnCount(); ++c) {
        const DaySheet::Column &column = m_sheet.columns.at(c);
        const QRect col = columnRect(c);
        if (col.right() < exposed.left() || col.left() > exposed.right())
            continue; // scrolled out of sight
        for (int pass = 0; pass < 2; ++pass) {
            for (int b = 0; b < column.blocks.size(); ++b) {
                if ((column.blocks.at(b).lane > 0) == (pass == 1)
                    && blockRect(c, b).intersects(exposed))
                    paintBlock(painter, column, column.blocks.at(b), blockRect(c, b));
            }
        }
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
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

void DayView::paintGrid(QPainter &painter, const QRect &exposed) const
{
    // From the palette, so a dark theme gets dark shading and faint lines.
    const QColor base = palette().color(QPalette::Base);
    const QColor ink = palette().color(QPalette::Text);
    const QColor closed = mix(base, ink, 0.05);
    const QColor quarterLine = mix(base, ink, 0.07);
    const QColor hourLine = mix(base, ink, 0.17);
    const QColor text = palette().color(QPalette::PlaceholderText);
    const int top = HeaderHeight;
    const int bottom = yForMinute(m_sheet.lastMinute);

    // Not working (before, after, breaks, time off): shaded and hatched.
    QBrush hatch(mix(base, ink, 0.12), Qt::BDiagPattern);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (int c = 0; c < columnCount(); ++c) {
        const DaySheet::Column &column = m_sheet.columns.at(c);
        const QRect col = columnRect(c);
        if (col.right() < exposed.left() || col.left() > exposed.right())
            continue;
        // Only the gaps are shaded: a pattern fill over the whole column
        // would be most of a repaint.
        int from = top;
        auto shade = [&](int to) {
            if (to > from) {
                const QRect gap(col.left(), from, col.width(), to - from);
                painter.fillRect(gap, closed);
                painter.fillRect(gap, hatch);
            }
        };
        for (const DaySheet::Span &span : column.working) {
            shade(yForMinute(span.startMinute));
            from = std::max(from, yForMinute(span.endMinute));
        }
        shade(bottom);
        // Name the gaps between working spans: breaks.
        painter.setFont(small);
        painter.setPen(text);
        for (int i = 1; i < column.working.size(); ++i) {
            const int y1 = yForMinute(column.working.at(i - 1).endMinute);
            const int y2 = yForMinute(column.working.at(i).startMinute);
            if (y2 - y1 >= painter.fontMetrics().height())
                painter.drawText(QRect(col.left(), y1, col.width(), y2 - y1), Qt::AlignCenter,
                                 tr("Break"));
        }
    }

    // Lines every quarter hour, stronger on the hour; times in the left column.
    painter.setFont(small);
    for (int minute = m_sheet.firstMinute; minute <= m_sheet.lastMinute; minute += RowMinutes) {
        const int y = yForMinute(minute);
        const bool hour = minute % 60 == 0;
        painter.setPen(hour ? hourLine : quarterLine);
        painter.drawLine(TimeColumnWidth, y, width(), y);
        if (minute == m_sheet.lastMinute)
            break;
        if (hour || minute % 30 == 0) {
            QFont f = small;
            f.setBold(hour);
            painter.setFont(f);
            painter.setPen(hour ? palette().color(QPalette::Text) : text);
            const QString label = hour ? clockText(minute) : QStringLiteral(":30");
            painter.drawText(QRect(0, y - 1, TimeColumnWidth - 10, 16),
                             Qt::AlignRight | Qt::AlignTop, label);
        }
    }
    painter.setPen(hourLine);
    for (int c = 0; c <= columnCount(); ++c) {
        const int x = c < columnCount() ? columnRect(c).left() : width() - 1;
        painter.drawLine(x, top, x, bottom);
    }
}

void DayView::paintHeader(QPainter &painter, const QRect &exposed) const
{
    painter.fillRect(QRect(0, 0, width(), HeaderHeight), palette().color(QPalette::Window));
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (int c = 0; c < columnCount(); ++c) {
        if (columnRect(c).right() < exposed.left() || columnRect(c).left() > exposed.right())
            continue; // scrolled out of sight
        const DaySheet::Column &column = m_sheet.columns.at(c);
        const QRect col = columnRect(c).adjusted(8, 0, -6, 0);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colourOf(column));
        painter.drawEllipse(QRect(col.left(), 11, 11, 11));
        painter.setRenderHint(QPainter::Antialiasing, false);

        painter.setFont(bold);
        painter.setPen(palette().color(QPalette::WindowText));
        const QRect nameRect(col.left() + 17, 6, col.width() - 17, 20);
        painter.drawText(
                nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                painter.fontMetrics().elidedText(column.name, Qt::ElideRight, nameRect.width()));
        painter.setFont(small);
        painter.setPen(palette().color(QPalette::PlaceholderText));
        const QString hours = column.working.isEmpty()
                ? tr("Not on the rota")
                : spanText(column.working.constFirst().startMinute,
                           column.working.constLast().endMinute);
        painter.drawText(QRect(col.left() + 17, 26, col.width() - 17, 16),
                         Qt::AlignLeft | Qt::AlignVCenter, hours);
        painter.fillRect(
                QRect(columnRect(c).left() + 1, HeaderHeight - 4, columnRect(c).width() - 1, 4),
                colourOf(column));
    }
    painter.setPen(QColor(0xc8, 0xc8, 0xc8));
    painter.drawLine(0, HeaderHeight - 1, width(), HeaderHeight - 1);
}

void DayView::paintBlock(QPainter &painter, const DaySheet::Column &column,
                         const DaySheet::Block &block, const QRect &rect) const
{
    const QColor white(Qt::white);
    const bool faded = block.status == AppointmentStatus::Completed
            || block.status == AppointmentStatus::NoShow;
    QColor base = colourOf(column);
    QColor busy;
    QColor processing;
    QColor ink = faded ? QColor(0x55, 0x55, 0x55) : QColor(0x1d, 0x1d, 0x1f);
    if (m_colouring == Colouring::ByStylist) {
        base = faded ? mix(base, QColor(0xa0, 0xa0, 0xa0), 0.45) : base;
        busy = mix(base, white, 0.55);
        processing = mix(base, white, 0.86);
    } else {
        // One hue per status or per service category, tinted for the palette.
        const StatusStyle tint = m_colouring == Colouring::ByStatus
                ? StatusStyle::of(block.status, palette())
                : StatusStyle::tinted(categoryColour(block.category), palette());
        base = tint.accent;
        busy = tint.fill;
        processing = mix(tint.fill, palette().color(QPalette::Base), 0.6);
        ink = tint.ink;
    }
    const QColor buffer =
            mix(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.1);
    const bool selected = block.appointmentId == m_selectedId;
    const QColor border = block.overbooked ? QColor(0xc6, 0x28, 0x28)
            : selected                     ? palette().color(QPalette::Highlight)
                                           : base.darker(135);

    // The fill as one rounded shape; the other parts inside it, clipped to
    // a rectangle (a path clip is the slow part of painting many blocks).
    const QRectF outline = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(Qt::NoPen);
    painter.setBrush(busy);
    painter.drawRoundedRect(outline, 4, 4);
    painter.setClipRect(rect.adjusted(1, 1, -1, -1));
    for (const DaySheet::Part &part : block.parts) {
        if (part.kind == SegmentKind::Busy)
            continue;
        const int y1 = std::max(rect.top() + 1, yForMinute(part.startMinute));
        const int y2 = std::min(rect.bottom(), yForMinute(part.endMinute));
        const QRect r(rect.left() + 1, y1, rect.width() - 2, y2 - y1);
        if (part.kind == SegmentKind::Processing) {
            // Lighter and striped: the stylist is free to take someone else.
            painter.fillRect(r, processing);
            painter.fillRect(r, QBrush(mix(base, white, 0.6), Qt::BDiagPattern));
        } else {
            painter.fillRect(r, buffer);
        }
    }
    painter.fillRect(QRect(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2), base);
    painter.setClipping(false);

    painter.setPen(QPen(border, block.overbooked || selected ? 2 : 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(outline, 4, 4);

    // The status marker, top right: readable without telling colours apart.
    const QColor accent = StatusStyle::accentOn(StatusStyle::hueOf(block.status), busy);
    const int markerSize = m_fonts.markerMetrics.height();
    painter.setPen(accent);
    const QString marker = StatusStyle::markerOf(block.status);
    drawCached(painter, FontRole::Marker,
               QPoint(rect.right() - 2
                              - (markerSize + m_fonts.markerMetrics.horizontalAdvance(marker)) / 2,
                      rect.top() + 1),
               marker);

    // Text: who, what, when, status; as many lines as fit. Laid out once
    // and kept (QStaticText): shaping text is most of a repaint.
    const QRect text = rect.adjusted(9, 2, -5 - markerSize, -2);
    const bool tiny = text.height() < m_fonts.nameMetrics.height();
    const bool noShow = block.status == AppointmentStatus::NoShow;
    // A 15-minute visit on a small screen: one line, a size smaller, centred.
    const FontRole nameRole = tiny ? (noShow ? FontRole::TinyNameStruck : FontRole::TinyName)
                                   : (noShow ? FontRole::NameStruck : FontRole::Name);
    const int nameHeight = tiny ? m_fonts.smallMetrics.height() : m_fonts.nameMetrics.height();
    const QFontMetrics &smallMetrics = m_fonts.smallMetrics;
    int y = tiny ? rect.center().y() - nameHeight / 2 : text.top();

    painter.setClipRect(rect.adjusted(1, 1, -1, -1));
    painter.setPen(ink);
    const QString times = spanText(block.startMinute, block.endMinute);
    const int timesWidth = smallMetrics.horizontalAdvance(times);
    const bool timeFits = text.width() > timesWidth + 70;
    const int nameWidth = timeFits ? text.width() - timesWidth - 6 : text.width();
    drawCached(painter, nameRole, QPoint(text.left(), y), clientText(block), nameWidth);
    if (timeFits)
        drawCached(
                painter, FontRole::Small,
                QPoint(text.right() + 1 - timesWidth, y + (nameHeight - smallMetrics.height()) / 2),
                times);
    y += nameHeight;
    const int lineHeight = smallMetrics.height();
    if (y + lineHeight <= text.bottom() + 3) {
        drawCached(painter, FontRole::Small, QPoint(text.left(), y), block.services, text.width());
        y += lineHeight;
    }
    if (y + lineHeight <= text.bottom() + 3) {
        QString status = statusText(block.status);
        if (block.walkIn && !block.clientName.isEmpty())
            status = tr("%1 · walk-in").arg(status);
        if (block.overbooked)
            status = tr("%1 · overbooked").arg(status);
        // The status's own accent, made to stand out on this block's fill;
        // bold for who is waiting in reception or in the chair now.
        const bool now = block.status == AppointmentStatus::Arrived
                || block.status == AppointmentStatus::InService;
        painter.setPen(faded ? ink : accent);
        drawCached(painter, now ? FontRole::SmallBold : FontRole::Small, QPoint(text.left(), y),
                   status);
    }
    painter.setClipping(false);
}

void DayView::drawCached(QPainter &painter, FontRole role, const QPoint &topLeft,
                         const QString &text, int width) const
{
    // The painter's font must be the one the text was laid out with, or
    // QStaticText lays it out again.
    painter.setFont(m_fonts.of(role));
    painter.drawStaticText(topLeft, staticText(role, text, width));
}

const QStaticText &DayView::staticText(FontRole role, const QString &text, int width) const
{
    const QString key = QString::number(int(role)) + QLatin1Char('|') + QString::number(width)
            + QLatin1Char('|') + text;
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
                                            statusText(block.status)),
                               this);
            return true;
        }
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

} // namespace chairside
