#pragma once

#include "booking/liveschedule.h"
#include "scheduling/slot.h"

#include <QTimeZone>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace chairside {

class Clock;
class Store;

// "Next free": the first free starts for the chosen services, with anyone
// or one stylist, from a given time on (never before now). One click on a
// start hands it over (slotChosen).
class SlotFinder : public QWidget
{
    Q_OBJECT
public:
    // How many starts are listed at a time, and how far ahead they are looked for.
    static constexpr int slotsShown = 12;
    static constexpr int daysAhead = 28;
    // On each item of the list: the index of its start in foundSlots(), -1
    // on a day's heading.
    static constexpr int SlotIndexRole = Qt::UserRole + 1;

    SlotFinder(Store *store, const QString &salonId, const Clock &clock, QWidget *parent = nullptr);

    void setServices(const QStringList &serviceIds);
    QStringList services() const { return m_serviceIds; }
    // Empty: anyone who does all the services.
    void setStylist(const QString &staffId);
    QString stylist() const;
    // Looks from `from` (UTC seconds) on, or from now when that is later.
    void setFrom(qint64 from);
    qint64 from() const { return m_from; }

    QList<Slot> foundSlots() const { return m_slots; }

signals:
    void slotChosen(const chairside::Slot &slot);

public slots:
    void refresh();
    void showLater();

private:
    void choose(QListWidgetItem *item);
    QString staffName(const QString &staffId) const;

    Store *m_store = nullptr;
    QString m_salonId;
    const Clock &m_clock;
    LiveSchedule m_schedule; // kept between questions: a change costs what it touched
    QTimeZone m_zone;
    QStringList m_serviceIds;
    qint64 m_from = 0;
    QList<Slot> m_slots;

    QComboBox *m_stylistCombo = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_laterButton = nullptr;
};

} // namespace chairside
