#include "weekview.h"

#include "weekcelldelegate.h"
#include "weekmodel.h"

#include "booking/daysheet.h"
#include "store/store.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace chairside {

namespace {

constexpr int DaysInWeek = 7;

} // namespace

WeekView::WeekView(Store *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);

    auto *bar = new QHBoxLayout;
    m_previousButton = new QToolButton(this);
    m_previousButton->setObjectName(QStringLiteral("previousWeekButton"));
    m_previousButton->setText(tr("◀"));
    m_previousButton->setToolTip(tr("Previous week (Alt+Up)"));
    m_previousButton->setAccessibleName(tr("Previous week"));
    m_previousButton->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    m_previousButton->setAutoRaise(true);
    m_nextButton = new QToolButton(this);
    m_nextButton->setObjectName(QStringLiteral("nextWeekButton"));
    m_nextButton->setText(tr("▶"));
    m_nextButton->setToolTip(tr("Next week (Alt+Down)"));
    m_nextButton->setAccessibleName(tr("Next week"));
    m_nextButton->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    m_nextButton->setAutoRaise(true);
    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("weekTitleLabel"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    m_stylistCombo = new QComboBox(this);
    m_stylistCombo->setObjectName(QStringLiteral("weekStylistCombo"));
    m_stylistCombo->setAccessibleName(tr("Whose week"));
    m_stylistCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *stylistLabel = new QLabel(tr("S&how:"), this);
    stylistLabel->setBuddy(m_stylistCombo);
    bar->addWidget(m_previousButton);
    bar->addWidget(m_nextButton);
    bar->addSpacing(8);
    bar->addWidget(m_titleLabel);
    bar->addStretch();
    bar->addWidget(stylistLabel);
    bar->addWidget(m_stylistCombo);
    layout->addLayout(bar);

    m_model = new WeekModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("weekTable"));
    m_table->setAccessibleName(tr("The week's visits"));
    m_table->setModel(m_model);
    m_delegate = new WeekCellDelegate(m_table);
    m_table->setItemDelegate(m_delegate);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionsClickable(true);
    m_table->horizontalHeader()->setObjectName(QStringLiteral("weekDayHeader"));
    layout->addWidget(m_table, 1);

    connect(m_previousButton, &QToolButton::clicked, this, &WeekView::showPreviousWeek);
    connect(m_nextButton, &QToolButton::clicked, this, &WeekView::showNextWeek);
    connect(m_stylistCombo, &QComboBox::currentIndexChanged, this, &WeekView::reload);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this,
            [this](int section) { emit dayClicked(m_model->dateAt(section)); });
    connect(m_table, &QTableView::clicked, this,
            [this](const QModelIndex &index) { emit dayClicked(m_model->dateAt(index.column())); });
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { emit dayClicked(m_model->dateAt(index.column())); });
    if (m_store)
        connect(m_store, &Store::changed, this, &WeekView::storeChanged);
}

void WeekView::setSalon(const std::optional<Salon> &salon)
{
    if (salon == m_salon)
        return;
    const bool other = !salon || !m_salon || salon->id != m_salon->id;
    m_salon = salon;
    if (other)
        fillStylists();
    m_stale = true;
    if (isVisible())
        reload();
}

void WeekView::fillStylists()
{
    const QString current = staffId();
    const QSignalBlocker blocker(m_stylistCombo);
    m_stylistCombo->clear();
    m_stylistCombo->addItem(tr("All stylists"), QString());
    if (m_store && m_salon) {
        const Result<QList<Staff>> staff = m_store->staff(m_salon->id);
        if (!staff)
            emit readFailed(staff.error().message);
        for (const Staff &member : staff ? *staff : QList<Staff>()) {
            if (member.takesClients())
                m_stylistCombo->addItem(member.name, member.id);
        }
    }
    m_stylistCombo->setCurrentIndex(std::max(0, m_stylistCombo->findData(current)));
}

QString WeekView::staffId() const
{
    return m_stylistCombo->currentData().toString();
}

void WeekView::setStaffId(const QString &staffId)
{
    m_stylistCombo->setCurrentIndex(std::max(0, m_stylistCombo->findData(staffId)));
}

void WeekView::showWeekOf(const QDate &date)
{
    if (!date.isValid())
        return;
    const int offset = (date.dayOfWeek() - int(QLocale().firstDayOfWeek()) + 7) % 7;
    const QDate first = date.addDays(-offset);
    if (first == m_firstDate && !m_stale)
        return;
    m_firstDate = first;
    m_stale = true;
    if (isVisible())
        reload();
}

void WeekView::showPreviousWeek()
{
    showWeekOf(m_firstDate.addDays(-DaysInWeek));
}

void WeekView::showNextWeek()
{
    showWeekOf(m_firstDate.addDays(DaysInWeek));
}

void WeekView::failedToRead(const Error &error)
{
    // The arrows step from the week on screen; the next showing tries again.
    if (m_shownFirstDate.isValid())
        m_firstDate = m_shownFirstDate;
    m_stale = true;
    emit readFailed(error.message);
}

void WeekView::reload()
{
    m_stale = false;
    if (!m_store || !m_salon || !m_firstDate.isValid()) {
        m_model->setWeek({}, {}, QString());
        m_titleLabel->clear();
        return;
    }
    QList<DaySheet> days;
    for (int day = 0; day < DaysInWeek; ++day) {
        Result<DaySheet> sheet = DaySheet::load(*m_store, *m_salon, m_firstDate.addDays(day));
        if (!sheet)
            return failedToRead(sheet.error());
        days.append(std::move(*sheet));
    }
    const Result<QList<Staff>> staff = m_store->staff(m_salon->id);
    if (!staff)
        return failedToRead(staff.error());
    m_model->setWeek(days, *staff, staffId());
    m_shownFirstDate = m_firstDate;
    const QLocale locale;
    const QDate last = m_firstDate.addDays(DaysInWeek - 1);
    m_titleLabel->setText(tr("Week of %1 – %2")
                                  .arg(locale.toString(m_firstDate, QStringLiteral("d MMMM")),
                                       locale.toString(last, QStringLiteral("d MMMM yyyy"))));
    updateLayout();
}

void WeekView::updateLayout()
{
    // One stylist: the cells fill the height. Everyone: smaller type, each
    // row as tall as its busiest day.
    const bool one = !staffId().isEmpty();
    QFont font = this->font();
    if (!one)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    m_table->setFont(font);
    m_delegate->setDetailed(one);
    if (one) {
        m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    } else {
        m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        m_table->resizeRowsToContents();
    }
}

void WeekView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void WeekView::storeChanged(const ChangeSet &changes)
{
    if (!m_salon)
        return;
    for (const Change &change : changes) {
        if (change.salonId.isEmpty() || change.salonId == m_salon->id) {
            if (change.entity == Entity::Staff)
                fillStylists();
            m_stale = true;
            break;
        }
    }
    if (m_stale && isVisible())
        reload();
}

} // namespace chairside
