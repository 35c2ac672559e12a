#include "clientvisitsmodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace chairside {

ClientVisitsModel::ClientVisitsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ClientVisitsModel::setVisits(const QList<ClientHistory::Visit> &visits, const QTimeZone &zone)
{
    beginResetModel();
    m_visits = visits;
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    endResetModel();
}

void ClientVisitsModel::setPatchTestWarnings(const QHash<QString, QString> &warnings)
{
    m_patchTestWarnings = warnings;
    if (!m_visits.isEmpty())
        emit dataChanged(index(0, PatchTestColumn), index(rowCount() - 1, PatchTestColumn));
}

int ClientVisitsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visits.size());
}

int ClientVisitsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ClientVisitsModel::statusText(AppointmentStatus status)
{
    switch (status) {
    case AppointmentStatus::Booked: return tr("Booked");
    case AppointmentStatus::Confirmed: return tr("Confirmed");
    case AppointmentStatus::Arrived: return tr("Arrived");
    case AppointmentStatus::InService: return tr("In service");
    case AppointmentStatus::Completed: return tr("Completed");
    case AppointmentStatus::Cancelled: return tr("Cancelled");
    case AppointmentStatus::NoShow: return tr("No-show");
    }
    return {};
}

QString ClientVisitsModel::displayText(const ClientHistory::Visit &visit, int column) const
{
    const QLocale locale;
    switch (column) {
    case DateColumn:
        return locale.toString(QDateTime::fromSecsSinceEpoch(visit.startsAt, m_zone),
                               QStringLiteral("ddd d MMM yyyy, HH:mm"));
    case ServicesColumn: return visit.services.join(tr(" + "));
    case StylistColumn: return visit.stylists.join(tr(", "));
    case StatusColumn: return statusText(visit.status);
    case DepositColumn:
        return visit.depositCents > 0 ? locale.toString(visit.depositCents / 100.0, 'f', 2)
                                      : QString();
    case PatchTestColumn: return m_patchTestWarnings.value(visit.appointmentId);
    }
    return {};
}

QVariant ClientVisitsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClientHistory::Visit &visit = m_visits.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return displayText(visit, index.column());
    case AppointmentIdRole: return visit.appointmentId;
    case StartsAtRole: return visit.startsAt;
    case Qt::ForegroundRole:
        if (index.column() == PatchTestColumn)
            return QBrush(QColor(0xa0, 0x40, 0x00));
        // Visits that did not or will not happen read as set aside.
        if (visit.status == AppointmentStatus::Cancelled
            || visit.status == AppointmentStatus::NoShow)
            return QBrush(QColor(0x80, 0x80, 0x80));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DepositColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant ClientVisitsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DateColumn: return tr("Date");
    case ServicesColumn: return tr("Services");
    case StylistColumn: return tr("Stylist");
    case StatusColumn: return tr("Status");
    case DepositColumn: return tr("Deposit");
    case PatchTestColumn: return tr("Patch test");
    }
    return {};
}

} // namespace chairside
