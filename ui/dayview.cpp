#include "dayview.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
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

QString clockText(int minute)
{
    return QTime(0, 0).addSecs((minute % (24 * 60)) * 60).toString(QStringLiteral("HH:mm"));
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
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void DayView::setSheet(DaySheet sheet)
{
    m_sheet = std::move(sheet);
    updateGeometry();
    update();
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

void DayView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    paintGrid(painter);
    painter.setRenderHint(QPainter::Antialiasing);
    for (int c = 0; c < columnCount(); ++c) {
        const DaySheet::Column &column = m_sheet.columns.at(c);
        for (int pass = 0; pass < 2; ++pass) {
            for (int b = 0; b < column.blocks.size(); ++b) {
                if ((column.blocks.at(b).lane > 0) == (pass == 1))
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
    paintHeader(painter);
}

void DayView::paintGrid(QPainter &painter) const
{
    const QColor closed(0xf3, 0xf1, 0xee);
    const QColor quarterLine(0xee, 0xee, 0xee);
    const QColor hourLine(0xd6, 0xd6, 0xd6);
    const QColor text = palette().color(QPalette::PlaceholderText);
    const int top = HeaderHeight;
    const int bottom = yForMinute(m_sheet.lastMinute);

    // Not working (before, after, breaks, time off): shaded and hatched.
    QBrush hatch(QColor(0xe2, 0xde, 0xd8), Qt::BDiagPattern);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (int c = 0; c < columnCount(); ++c) {
        const DaySheet::Column &column = m_sheet.columns.at(c);
        const QRect col = columnRect(c);
        const QRect area(col.left(), top, col.width(), bottom - top);
        painter.fillRect(area, closed);
        painter.fillRect(area, hatch);
        for (const DaySheet::Span &span : column.working) {
            const int y1 = yForMinute(span.startMinute);
            const int y2 = yForMinute(span.endMinute);
            painter.fillRect(QRect(col.left(), y1, col.width(), y2 - y1),
                             palette().color(QPalette::Base));
        }
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

void DayView::paintHeader(QPainter &painter) const
{
    painter.fillRect(QRect(0, 0, width(), HeaderHeight), palette().color(QPalette::Window));
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (int c = 0; c < columnCount(); ++c) {
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
    const QColor colour = colourOf(column);
    const QColor base = faded ? mix(colour, QColor(0xa0, 0xa0, 0xa0), 0.45) : colour;
    const QColor busy = mix(base, white, 0.55);
    const QColor processing = mix(base, white, 0.86);
    const QColor buffer(0xe6, 0xe6, 0xe6);
    const QColor border = block.overbooked ? QColor(0xc6, 0x28, 0x28) : base.darker(135);

    QPainterPath outline;
    outline.addRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter.save();
    painter.setClipPath(outline);
    painter.fillRect(rect, busy);
    for (const DaySheet::Part &part : block.parts) {
        if (part.kind == SegmentKind::Busy)
            continue;
        const int y1 = std::max(rect.top(), yForMinute(part.startMinute));
        const int y2 = std::min(rect.bottom() + 1, yForMinute(part.endMinute));
        const QRect r(rect.left(), y1, rect.width(), y2 - y1);
        if (part.kind == SegmentKind::Processing) {
            // Lighter and striped: the stylist is free to take someone else.
            painter.fillRect(r, processing);
            painter.fillRect(r, QBrush(mix(base, white, 0.6), Qt::BDiagPattern));
        } else {
            painter.fillRect(r, buffer);
        }
    }
    painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), base);
    painter.restore();

    painter.setPen(QPen(border, block.overbooked ? 2 : 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(outline);

    // Text: who, what, when, status; as many lines as fit.
    const QRect text = rect.adjusted(9, 2, -5, -2);
    QFont nameFont = font();
    nameFont.setBold(true);
    nameFont.setStrikeOut(block.status == AppointmentStatus::NoShow);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QColor ink = faded ? QColor(0x55, 0x55, 0x55) : QColor(0x1d, 0x1d, 0x1f);

    // A 15-minute visit on a small screen: one line, a size smaller, centred.
    QRect textRect = text;
    if (text.height() < QFontMetrics(nameFont).height()) {
        nameFont.setPointSizeF(small.pointSizeF());
        const int h = QFontMetrics(nameFont).height();
        textRect = QRect(text.left(), rect.center().y() - h / 2, text.width(), h);
    }
    painter.setClipRect(rect.adjusted(1, 1, -1, -1));
    int y = textRect.top();
    painter.setFont(nameFont);
    painter.setPen(ink);
    const int nameHeight = painter.fontMetrics().height();
    const QString times = spanText(block.startMinute, block.endMinute);
    QFontMetrics smallMetrics(small);
    const bool timeFits = text.width() > smallMetrics.horizontalAdvance(times) + 70;
    const int nameWidth =
            timeFits ? text.width() - smallMetrics.horizontalAdvance(times) - 6 : text.width();
    painter.drawText(
            QRect(text.left(), y, nameWidth, nameHeight), Qt::AlignLeft | Qt::AlignVCenter,
            painter.fontMetrics().elidedText(clientText(block), Qt::ElideRight, nameWidth));
    if (timeFits) {
        painter.setFont(small);
        painter.drawText(QRect(text.left(), y, text.width(), nameHeight),
                         Qt::AlignRight | Qt::AlignVCenter, times);
    }
    y += nameHeight;
    painter.setFont(small);
    const int lineHeight = smallMetrics.height();
    if (y + lineHeight <= text.bottom() + 3) {
        painter.drawText(QRect(text.left(), y, text.width(), lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         smallMetrics.elidedText(block.services, Qt::ElideRight, text.width()));
        y += lineHeight;
    }
    if (y + lineHeight <= text.bottom() + 3) {
        QString status = statusText(block.status);
        if (block.walkIn && !block.clientName.isEmpty())
            status = tr("%1 · walk-in").arg(status);
        if (block.overbooked)
            status = tr("%1 · overbooked").arg(status);
        QFont statusFont = small;
        QColor statusColour = faded ? ink : base.darker(170);
        if (block.status == AppointmentStatus::Arrived
            || block.status == AppointmentStatus::InService) {
            statusFont.setBold(true); // who is waiting in reception or in the chair now
            statusColour = block.status == AppointmentStatus::Arrived ? QColor(0x2e, 0x7d, 0x32)
                                                                      : QColor(0x15, 0x65, 0xc0);
        } else if (block.status == AppointmentStatus::NoShow) {
            statusColour = QColor(0xc6, 0x28, 0x28);
        } else if (block.status == AppointmentStatus::Confirmed) {
            status = tr("✓ %1").arg(status);
        }
        painter.setFont(statusFont);
        painter.setPen(statusColour);
        painter.drawText(QRect(text.left(), y, text.width(), lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, status);
    }
    painter.setClipping(false);
}

void DayView::mousePressEvent(QMouseEvent *event)
{
    const QString id = appointmentAt(event->position().toPoint());
    if (!id.isEmpty())
        emit appointmentClicked(id);
    QWidget::mousePressEvent(event);
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
