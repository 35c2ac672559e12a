#pragma once

#include "scheduling/slot.h"
#include "store/store.h"

#include <QAbstractTableModel>
#include <QTimeZone>

namespace chairside {

// The conflict inbox as the conflict panel lists it: one row per open
// entry, the reason in words, the server's version and this PC's side by
// side, and free times this PC's visit could move to.
class ConflictModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ReasonColumn, ServerColumn, MineColumn, SuggestedColumn, ColumnCount };
    enum Role { ConflictIdRole = Qt::UserRole + 1 };

    struct Row
    {
        SyncConflict conflict;
        QString reason; // ConflictResolution::reasonInWords
        QString server; // ConflictResolution::describe
        QString mine;
        QList<Slot> suggestions; // free starts for this PC's visit, soonest first
        // Whether it is this PC's booking (move, overbook, cancel apply), not
        // only "keep the server's".
        bool movable = false;
    };

    explicit ConflictModel(QObject *parent = nullptr);

    void setRows(const QList<Row> &rows, const QTimeZone &zone);
    const QList<Row> &rows() const { return m_rows; }
    // "Tue 1 Dec, 11:30", in the salon's time.
    QString slotText(const Slot &slot) const;

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
