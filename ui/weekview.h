#pragma once

#include "domain/error.h"
#include "domain/salon.h"
#include "store/changeset.h"

#include <QDate>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QTableView;
class QToolButton;

namespace chairside {

class Store;
class WeekCellDelegate;
class WeekModel;

// A week of the book: one stylist's week in large cells, or every stylist's
// at a smaller scale, a column per day. Clicking a day asks for it in the
// day view.
class WeekView : public QWidget
{
    Q_OBJECT
public:
    explicit WeekView(Store *store, QWidget *parent = nullptr);

    void setSalon(const std::optional<Salon> &salon);
    // Shows the week (starting on the locale's first day) that holds `date`.
    void showWeekOf(const QDate &date);
    QDate firstDate() const { return m_firstDate; }
    // Empty: all stylists.
    QString staffId() const;
    void setStaffId(const QString &staffId);
    WeekModel *model() const { return m_model; }

public slots:
    void reload();
    void showPreviousWeek();
    void showNextWeek();

signals:
    void dayClicked(const QDate &date);
    // The week could not be read; the week shown stays (the window says why).
    void readFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private slots:
    void storeChanged(const chairside::ChangeSet &changes);

private:
    void fillStylists();
    void updateLayout();
    void failedToRead(const Error &error);

    Store *m_store = nullptr;
    std::optional<Salon> m_salon;
    QDate m_firstDate;
    QDate m_shownFirstDate; // the week the table holds
    bool m_stale = true;    // the store changed while the week was hidden

    WeekModel *m_model = nullptr;
    WeekCellDelegate *m_delegate = nullptr;
    QToolButton *m_previousButton = nullptr;
    QToolButton *m_nextButton = nullptr;
    QLabel *m_titleLabel = nullptr;
    QComboBox *m_stylistCombo = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace chairside
