#pragma once

#include "scheduling/slot.h"

#include "domain/waitlistentry.h"

#include <QAbstractTableModel>
#include <QTimeZone>

#include <optional>

namespace chairside {

// The waitlist as the panel lists it: who, what, with whom, which dates,
// and for the entries freed time now fits, the slot they can have (those
// rows are highlighted).
class WaitlistModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ClientColumn,
        ServicesColumn,
        StylistColumn,
        DatesColumn,
        FreeSlotColumn,
        NotesColumn,
        ColumnCount
    };
    enum Role { EntryIdRole = Qt::UserRole + 1, FitsRole, ClientIdRole };

    struct Row
    {
        WaitlistEntry entry;
        QString client; // names, ready to show
        QString services;
        QString stylist; // empty: anyone
        std::optional<Slot> offer;
        QString offerStylist;
    };

    explicit WaitlistModel(QObject *parent = nullptr);

    void setRows(const QList<Row> &rows, const QTimeZone &zone);
    const QList<Row> &rows() const { return m_rows; }
    int fittingCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString displayText(const Row &row, int column) const;

    QList<Row> m_rows;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace chairside
