#include "slotfinder.h"

#include "domain/clock.h"
#include "domain/salontime.h"
#include "store/store.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace chairside {

SlotFinder::SlotFinder(Store *store, const QString &salonId, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_salonId(salonId)
    , m_clock(clock)
    , m_schedule(*store, salonId)
{
    const Result<std::optional<Salon>> salon = m_store->salon(salonId);
    if (salon && *salon)
        m_zone = QTimeZone((*salon)->timeZone.toUtf8());
    if (!m_zone.isValid())
        m_zone = QTimeZone::utc();
    const Result<QList<Staff>> staff = m_store->staff(salonId);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_stylistCombo = new QComboBox(this);
    m_stylistCombo->setObjectName(QStringLiteral("slotStylistCombo"));
    m_stylistCombo->setAccessibleName(tr("Free times with"));
    m_stylistCombo->addItem(tr("Anyone"), QString());
    for (const Staff &member : staff ? *staff : QList<Staff>()) {
        if (member.takesClients())
            m_stylistCombo->addItem(member.name, member.id);
    }
    connect(m_stylistCombo, &QComboBox::currentIndexChanged, this, &SlotFinder::refresh);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("slotList"));
    m_list->setAccessibleName(tr("Free times"));
    m_list->setToolTip(tr("Click a time to take it"));
    connect(m_list, &QListWidget::itemClicked, this, &SlotFinder::choose);
    connect(m_list, &QListWidget::itemActivated, this, &SlotFinder::choose);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("slotFinderStatus"));
    m_status->setWordWrap(true);

    m_laterButton = new QPushButton(tr("Later times"), this);
    m_laterButton->setObjectName(QStringLiteral("laterSlotsButton"));
    m_laterButton->setAccessibleName(tr("Show later free times"));
    connect(m_laterButton, &QPushButton::clicked, this, &SlotFinder::showLater);

    // A buddy, not only an accessible name: on Linux Qt names a combo box
    // after its current item and a screen reader finds its label through this.
    auto *stylistRow = new QHBoxLayout;
    auto *withLabel = new QLabel(tr("With:"), this);
    withLabel->setBuddy(m_stylistCombo);
    stylistRow->addWidget(withLabel);
    stylistRow->addWidget(m_stylistCombo, 1);
    layout->addLayout(stylistRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_laterButton);

    m_from = m_clock.now().toSecsSinceEpoch();
    refresh();
    // Said after refresh(), which has its own words for the status line.
    for (const Error *error :
         {salon ? nullptr : &salon.error(), staff ? nullptr : &staff.error()}) {
        if (error)
            m_status->setText(error->message);
    }
}

void SlotFinder::setServices(const QStringList &serviceIds)
{
    if (serviceIds == m_serviceIds)
        return;
    m_serviceIds = serviceIds;
    refresh();
}

void SlotFinder::setStylist(const QString &staffId)
{
    const int index = m_stylistCombo->findData(staffId);
    m_stylistCombo->setCurrentIndex(std::max(0, index)); // refreshes when it changes
}

QString SlotFinder::stylist() const
{
    return m_stylistCombo->currentData().toString();
}

void SlotFinder::setFrom(qint64 from)
{
    if (from == m_from)
        return;
    m_from = from;
    refresh();
}

void SlotFinder::showLater()
{
    if (m_slots.isEmpty())
        return;
    // Past the last start listed, so the next page begins where this one ends.
    m_from = m_slots.constLast().startsAt + 60;
    refresh();
}

void SlotFinder::refresh()
{
    const auto clear = [this] {
        m_list->clear();
        m_slots.clear();
        m_laterButton->setEnabled(false);
    };
    if (m_serviceIds.isEmpty()) {
        clear();
        m_status->setText(tr("Choose a service to see the next free times."));
        return;
    }
    const qint64 from = std::max(m_from, m_clock.now().toSecsSinceEpoch());
    const qint64 to = from + qint64(daysAhead) * 86400;
    const Result<QList<Slot>> found =
            m_schedule.freeSlots({m_serviceIds, stylist()}, from, to, 15, slotsShown);
    // A read that failed keeps the times listed; any other answer replaces them.
    if (found || found.error().code != Error::Code::Storage)
        clear();
    if (!found) {
        m_status->setText(found.error().message);
        return;
    }
    m_slots = *found;
    const QLocale locale;
    const bool oneStylist = !stylist().isEmpty();
    QDate lastDay;
    for (int index = 0; index < m_slots.size(); ++index) {
        const Slot &slot = m_slots.at(index);
        const QDateTime local = QDateTime::fromSecsSinceEpoch(slot.startsAt, m_zone);
        // A heading per day, then its times: the list reads like a diary.
        if (local.date() != lastDay) {
            lastDay = local.date();
            auto *day = new QListWidgetItem(locale.toString(lastDay, QStringLiteral("dddd d MMMM")),
                                            m_list);
            QFont bold = day->font();
            bold.setBold(true);
            day->setFont(bold);
            day->setFlags(Qt::ItemIsEnabled);
            day->setData(SlotIndexRole, -1);
        }
        const QString time = locale.toString(local.time(), QStringLiteral("HH:mm"));
        auto *item = new QListWidgetItem(
                oneStylist ? QStringLiteral("    %1").arg(time)
                           : tr("    %1  %2", "time, stylist").arg(time, staffName(slot.staffId)),
                m_list);
        item->setData(SlotIndexRole, index);
        item->setData(
                Qt::AccessibleTextRole,
                tr("%1 with %2")
                        .arg(SalonTime::shortText(slot.startsAt, m_zone), staffName(slot.staffId)));
    }
    if (m_slots.isEmpty()) {
        m_status->setText(
                tr("Nothing free in the next %n day(s) for these services.", "", daysAhead));
    } else {
        const QDate fromDay = QDateTime::fromSecsSinceEpoch(from, m_zone).date();
        m_status->setText(tr("Free times from %1. Click one to take it.")
                                  .arg(locale.toString(fromDay, QStringLiteral("ddd d MMM"))));
        m_laterButton->setEnabled(m_slots.size() == slotsShown);
    }
}

void SlotFinder::choose(QListWidgetItem *item)
{
    if (!item)
        return;
    const int index = item->data(SlotIndexRole).toInt();
    if (index >= 0 && index < m_slots.size())
        emit slotChosen(m_slots.at(index));
}

QString SlotFinder::staffName(const QString &staffId) const
{
    const int index = m_stylistCombo->findData(staffId);
    return index > 0 ? m_stylistCombo->itemText(index) : staffId;
}

} // namespace chairside
