#include "weekmodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSet>
#include <QTime>
#include <QVariantMap>

namespace chairside {

namespace {

QString clockText(int minute)
{
    return QLocale().toString(QTime(0, 0).addSecs(qint64(minute) * 60), QStringLiteral("HH:mm"));
}

} // namespace

WeekModel::WeekModel(QObject *parent) : QAbstractTableModel(parent) {}

void WeekModel::setWeek(const QList<DaySheet> &days, const QList<Staff> &staff,
                        const QString &staffId)
{
    beginResetModel();
    m_days = days;
    m_rows.clear();
    QSet<QString> shown;
    for (const DaySheet &day : days) {
        for (const DaySheet::Column &column : day.columns)
            shown.insert(column.staffId);
    }
    for (const Staff &member : staff) {
        if (staffId.isEmpty() ? shown.contains(member.id) : member.id == staffId)
            m_rows.append(member);
    }
    endResetModel();
}

QDate WeekModel::dateAt(int column) const
{
    return column >= 0 && column < m_days.size() ? m_days.at(column).date : QDate();
}

QString WeekModel::staffIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int WeekModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WeekModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_days.size());
}

const DaySheet::Column *WeekModel::columnOf(int row, int day) const
{
    const QString &staffId = m_rows.at(row).id;
    for (const DaySheet::Column &column : m_days.at(day).columns) {
        if (column.staffId == staffId)
            return &column;
    }
    return nullptr;
}

QString WeekModel::hoursText(const DaySheet::Column *column) const
{
    if (!column || column->working.isEmpty())
        return {};
    return tr("On %1–%2")
            .arg(clockText(column->working.constFirst().startMinute),
                 clockText(column->working.constLast().endMinute));
}

QString WeekModel::cellText(const DaySheet::Column *column) const
{
    if (!column)
        return tr("Not working");
    QStringList lines;
    if (!column->working.isEmpty())
        lines.append(hoursText(column));
    for (const DaySheet::Block &block : column->blocks) {
        const QString who = block.clientName.isEmpty() ? tr("Walk-in") : block.clientName;
        QString line = tr("%1 %2 · %3").arg(clockText(block.startMinute), who, block.services);
        if (block.status == AppointmentStatus::NoShow)
            line = tr("%1 (no-show)").arg(line);
        lines.append(line);
    }
    if (column->blocks.isEmpty())
        lines.append(tr("No visits"));
    return lines.join(QLatin1Char('\n'));
}

QVariant WeekModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DaySheet::Column *column = columnOf(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return cellText(column);
    case AppointmentIdsRole: {
        QStringList ids;
        if (column) {
            for (const DaySheet::Block &block : column->blocks)
                ids.append(block.appointmentId);
        }
        return ids;
    }
    case DateRole: return m_days.at(index.column()).date;
    case StaffIdRole: return m_rows.at(index.row()).id;
    case WorkingRole: return column != nullptr;
    case HoursRole: return hoursText(column);
    case ColourRole: return column ? column->colour : QString();
    case VisitsRole: {
        QVariantList visits;
        if (column) {
            for (const DaySheet::Block &block : column->blocks) {
                visits.append(QVariantMap{
                        {QStringLiteral("time"), clockText(block.startMinute)},
                        {QStringLiteral("client"),
                         block.clientName.isEmpty() ? tr("Walk-in") : block.clientName},
                        {QStringLiteral("services"), block.services},
                        {QStringLiteral("noShow"), block.status == AppointmentStatus::NoShow}});
            }
        }
        return visits;
    }
    case Qt::BackgroundRole:
        if (!column)
            return QBrush(QColor(0xee, 0xee, 0xee));
        return {};
    case Qt::ForegroundRole:
        if (!column)
            return QBrush(QColor(0x77, 0x77, 0x77));
        return {};
    case Qt::TextAlignmentRole: return int(Qt::AlignLeft | Qt::AlignTop);
    default: return {};
    }
}

QVariant WeekModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_days.size())
            return {};
        const QDate date = m_days.at(section).date;
        if (role == Qt::ToolTipRole)
            return tr("Open %1 in the day view")
                    .arg(QLocale().toString(date, QStringLiteral("dddd d MMMM")));
        return QLocale().toString(date, QStringLiteral("ddd d MMM"));
    }
    if (section < 0 || section >= m_rows.size())
        return {};
    return m_rows.at(section).name;
}

} // namespace chairside
