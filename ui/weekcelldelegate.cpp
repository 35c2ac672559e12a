#include "weekcelldelegate.h"

#include "weekmodel.h"

#include <QApplication>
#include <QPainter>
#include <QVariantMap>

namespace chairside {

namespace {

constexpr int Margin = 3;
constexpr int Gap = 2;

} // namespace

WeekCellDelegate::WeekCellDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

int WeekCellDelegate::chipHeight(const QFontMetrics &metrics) const
{
    return metrics.height() * (m_detailed ? 2 : 1) + 2;
}

void WeekCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    // Background, selection and focus as the style draws them; no text.
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &base, painter, widget);

    painter->save();
    const QFontMetrics metrics(option.font);
    QRect line = option.rect.adjusted(Margin, Margin, -Margin, 0);
    line.setHeight(metrics.height());
    if (!index.data(WeekModel::WorkingRole).toBool()) {
        painter->setPen(option.palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, index.data().toString());
        painter->restore();
        return;
    }
    const QString hours = index.data(WeekModel::HoursRole).toString();
    painter->setPen(option.palette.color(QPalette::Disabled, QPalette::Text));
    painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                      hours.isEmpty() ? WeekModel::tr("Not on the rota") : hours);

    QColor colour(index.data(WeekModel::ColourRole).toString());
    if (!colour.isValid())
        colour = option.palette.color(QPalette::Highlight);
    const QColor fill =
            QColor::fromHsl(colour.hslHue(), std::min(colour.hslSaturation(), 160), 225);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    int y = line.bottom() + Gap + 1;
    const QVariantList visits = index.data(WeekModel::VisitsRole).toList();
    if (visits.isEmpty()) {
        painter->drawText(QRect(line.left(), y, line.width(), metrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, WeekModel::tr("No visits"));
    }
    for (const QVariant &value : visits) {
        if (y + chipHeight(metrics) > option.rect.bottom())
            break; // the tooltip still lists every visit
        const QVariantMap visit = value.toMap();
        const QRect chip(line.left(), y, line.width(), chipHeight(metrics));
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(chip, 3, 3);
        painter->setBrush(colour);
        painter->drawRect(QRect(chip.left(), chip.top(), 3, chip.height()));
        const bool noShow = visit.value(QStringLiteral("noShow")).toBool();
        painter->setPen(noShow ? option.palette.color(QPalette::Disabled, QPalette::Text)
                               : QColor(0x20, 0x20, 0x20));
        const QRect text = chip.adjusted(6, 1, -3, 0);
        const QString time = visit.value(QStringLiteral("time")).toString();
        painter->setFont(bold);
        painter->drawText(QRect(text.left(), text.top(), text.width(), metrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, time);
        const int nameLeft = text.left() + boldMetrics.horizontalAdvance(time) + 4;
        QFont nameFont = option.font;
        nameFont.setStrikeOut(noShow);
        painter->setFont(nameFont);
        const QRect nameRect(nameLeft, text.top(), text.right() - nameLeft, metrics.height());
        painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(visit.value(QStringLiteral("client")).toString(),
                                             Qt::ElideRight, nameRect.width()));
        if (m_detailed) {
            painter->setFont(option.font);
            const QRect services(text.left(), text.top() + metrics.height(), text.width(),
                                 metrics.height());
            painter->drawText(services, Qt::AlignLeft | Qt::AlignVCenter,
                              metrics.elidedText(visit.value(QStringLiteral("services")).toString(),
                                                 Qt::ElideRight, services.width()));
        }
        y += chip.height() + Gap;
    }
    painter->restore();
}

QSize WeekCellDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    const int visits = int(index.data(WeekModel::VisitsRole).toList().size());
    const int height =
            2 * Margin + metrics.height() + Gap + std::max(1, visits) * (chipHeight(metrics) + Gap);
    return {120, height};
}

} // namespace chairside
