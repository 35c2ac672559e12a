#pragma once

#include "booking/clienthistory.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimeZone>

namespace chairside {

// A list of one client's visits for the client card: when, what, with whom,
// how it went and the deposit paid.
class ClientVisitsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DateColumn,
        ServicesColumn,
        StylistColumn,
        StatusColumn,
        DepositColumn,
        PatchTestColumn,
        ColumnCount
    };
    enum Role { AppointmentIdRole = Qt::UserRole + 1, StartsAtRole };

    explicit ClientVisitsModel(QObject *parent = nullptr);

    void setVisits(const QList<ClientHistory::Visit> &visits, const QTimeZone &zone);
    // Per appointment id, why it needs a patch test first (shown in its own column).
    void setPatchTestWarnings(const QHash<QString, QString> &warnings);
    const QList<ClientHistory::Visit> &visits() const { return m_visits; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString statusText(AppointmentStatus status);

private:
    QString displayText(const ClientHistory::Visit &visit, int column) const;

    QList<ClientHistory::Visit> m_visits;
    QHash<QString, QString> m_patchTestWarnings;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace chairside
