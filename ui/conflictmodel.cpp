#include "conflictmodel.h"

#include "domain/salontime.h"

namespace chairside {

ConflictModel::ConflictModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConflictModel::setRows(const QList<Row> &rows, const QTimeZone &zone)
{
    beginResetModel();
    m_rows = rows;
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    endResetModel();
}

QString ConflictModel::slotText(const Slot &slot) const
{
    return SalonTime::shortText(slot.startsAt, m_zone);
}

int ConflictModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConflictModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConflictModel::displayText(const Row &row, int column) const
{
    switch (column) {
    case ReasonColumn: return row.reason;
    case ServerColumn: return row.server;
    case MineColumn: return row.mine;
    case SuggestedColumn: {
        if (!row.movable)
            return {};
        if (row.suggestions.isEmpty())
            return tr("nothing free soon");
        QStringList times;
        for (const Slot &slot : row.suggestions)
            times.append(slotText(slot));
        return times.join(tr(", "));
    }
    }
    return {};
}

QVariant ConflictModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return displayText(row, index.column());
    case ConflictIdRole: return row.conflict.id;
    default: return {};
    }
}

QVariant ConflictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ReasonColumn: return tr("Why");
    case ServerColumn: return tr("On the server");
    case MineColumn: return tr("On this PC");
    case SuggestedColumn: return tr("Free times for this PC's visit");
    }
    return {};
}

} // namespace chairside
