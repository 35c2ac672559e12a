#pragma once

#include "booking/daysheet.h"

#include "domain/staff.h"

#include <QAbstractTableModel>

namespace chairside {

// A week of the book: a column per day, a row per stylist (or one row for
// one stylist), each cell the visits of that stylist on that day as the day
// view would show them (DaySheet).
class WeekModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        AppointmentIdsRole = Qt::UserRole + 1, // QStringList, by start
        DateRole,
        StaffIdRole,
        WorkingRole, // whether the stylist is on the rota or booked that day
        HoursRole,   // "On 09:00–18:00", empty when not on the rota
        VisitsRole,  // QList<QVariantMap>: time, client, services, noShow
        ColourRole,  // the stylist's colour, "#rrggbb" or empty
    };

    explicit WeekModel(QObject *parent = nullptr);

    // `days` in date order; `staff` gives the rows and their order (only
    // those in some day's sheet are shown, unless `staffId` names one).
    void setWeek(const QList<DaySheet> &days, const QList<Staff> &staff, const QString &staffId);
    QDate dateAt(int column) const;
    QString staffIdAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // The stylist's column in a day's sheet, or null when they are not in it.
    const DaySheet::Column *columnOf(int row, int day) const;
    QString cellText(const DaySheet::Column *column) const;
    QString hoursText(const DaySheet::Column *column) const;

    QList<DaySheet> m_days;
    QList<Staff> m_rows;
};

} // namespace chairside
