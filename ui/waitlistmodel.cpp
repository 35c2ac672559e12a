#include "waitlistmodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace chairside {

WaitlistModel::WaitlistModel(QObject *parent) : QAbstractTableModel(parent) {}

void WaitlistModel::setRows(const QList<Row> &rows, const QTimeZone &zone)
{
    beginResetModel();
    m_rows = rows;
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    endResetModel();
}

int WaitlistModel::fittingCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const Row &row) { return row.offer.has_value(); }));
}

int WaitlistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WaitlistModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WaitlistModel::displayText(const Row &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case ClientColumn: return row.client;
    case ServicesColumn: return row.services;
    case StylistColumn: return row.stylist.isEmpty() ? tr("Anyone") : row.stylist;
    case DatesColumn: {
        const QString format = QStringLiteral("ddd d MMM");
        if (row.entry.earliest == row.entry.latest)
            return locale.toString(row.entry.earliest, format);
        return tr("%1 – %2").arg(locale.toString(row.entry.earliest, format),
                                 locale.toString(row.entry.latest, format));
    }
    case FreeSlotColumn:
        if (!row.offer)
            return {};
        return tr("%1 with %2")
                .arg(locale.toString(QDateTime::fromSecsSinceEpoch(row.offer->startsAt, m_zone),
                                     QStringLiteral("ddd d MMM, HH:mm")),
                     row.offerStylist);
    case NotesColumn: return row.entry.notes;
    }
    return {};
}

QVariant WaitlistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return displayText(row, index.column());
    case EntryIdRole: return row.entry.id;
    case ClientIdRole: return row.entry.clientId;
    case FitsRole: return row.offer.has_value();
    case Qt::BackgroundRole:
        // A soft green the desk reads as "can be booked now"; the free slot
        // column says it in words too.
        if (row.offer)
            return QBrush(QColor(0xd8, 0xf0, 0xd0));
        return {};
    case Qt::ForegroundRole:
        if (row.offer)
            return QBrush(QColor(0x1b, 0x3a, 0x12));
        return {};
    case Qt::FontRole:
        if (row.offer) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default: return {};
    }
}

QVariant WaitlistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ClientColumn: return tr("Client");
    case ServicesColumn: return tr("Services");
    case StylistColumn: return tr("Stylist");
    case DatesColumn: return tr("Dates");
    case FreeSlotColumn: return tr("Free slot");
    case NotesColumn: return tr("Notes");
    }
    return {};
}

} // namespace chairside
