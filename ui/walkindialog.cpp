#include "walkindialog.h"

#include "desksettings.h"
#include "fielderror.h"

#include "domain/clock.h"
#include "domain/salontime.h"
#include "store/store.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace chairside {

WalkInDialog::WalkInDialog(Store *store, const Salon &salon, const Clock &clock, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_salon(salon)
    , m_zone(salon.timeZone.toUtf8())
    , m_clock(clock)
    , m_book(*store)
{
    m_by = deskActor();
    const Result<QList<Staff>> staff = store->staff(salon.id);
    const Result<QList<Service>> services = store->services(salon.id);
    if (staff)
        m_staff = *staff;
    setObjectName(QStringLiteral("walkInDialog"));
    setWindowTitle(tr("Walk-in"));
    if (!m_zone.isValid())
        m_zone = QTimeZone::utc();

    m_services = new QListWidget(this);
    m_services->setObjectName(QStringLiteral("walkInServiceList"));
    m_services->setAccessibleName(tr("Services for the walk-in"));
    for (const Service &service : services ? *services : QList<Service>()) {
        if (!service.active)
            continue;
        auto *item = new QListWidgetItem(
                tr("%1 (%n min)", "", service.durationMinutes()).arg(service.name), m_services);
        item->setData(Qt::UserRole, service.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_stylists = new QListWidget(this);
    m_stylists->setObjectName(QStringLiteral("walkInStylistList"));
    m_stylists->setAccessibleName(tr("Stylists free now"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("walkInStatus"));
    m_status->setWordWrap(true);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("walkInNameEdit"));
    m_name->setAccessibleName(tr("Walk-in's name (optional)"));
    m_name->setPlaceholderText(tr("Optional; kept in the notes"));
    m_error = new FieldError(this);
    m_error->setObjectName(QStringLiteral("walkInError"));
    m_error->setAccessibleName(tr("Problem with the walk-in"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("bookWalkInButton"));
    ok->setText(tr("Book walk-in"));
    ok->setAccessibleName(tr("Book the walk-in now"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Close without booking"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &WalkInDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &WalkInDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Services:"), m_services);
    form->addRow(tr("Free now:"), m_stylists);
    form->addRow(QString(), m_status);
    form->addRow(tr("Name:"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_services, &QListWidget::itemChanged, this, &WalkInDialog::refresh);
    connect(m_stylists, &QListWidget::currentRowChanged, this, [this] {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!chosenStylist().isEmpty());
    });
    refresh();
    resize(520, 560);
    for (const Error *error :
         {staff ? nullptr : &staff.error(), services ? nullptr : &services.error()}) {
        if (error)
            m_error->setError(error->message);
    }
}

qint64 WalkInDialog::now() const
{
    const qint64 seconds = m_clock.now().toSecsSinceEpoch();
    return seconds - seconds % 60;
}

QStringList WalkInDialog::chosenServices() const
{
    QStringList ids;
    for (int row = 0; row < m_services->count(); ++row) {
        const QListWidgetItem *item = m_services->item(row);
        if (item->checkState() == Qt::Checked)
            ids.append(item->data(Qt::UserRole).toString());
    }
    return ids;
}

QString WalkInDialog::chosenStylist() const
{
    const QListWidgetItem *item = m_stylists->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

QString WalkInDialog::staffName(const QString &staffId) const
{
    for (const Staff &staff : m_staff) {
        if (staff.id == staffId)
            return staff.name;
    }
    return staffId;
}

// Who could start the whole visit this minute, in the rota's order.
void WalkInDialog::refresh()
{
    const QString previous = chosenStylist();
    m_stylists->clear();
    m_error->clearError();
    const QStringList services = chosenServices();
    const qint64 start = now();
    if (services.isEmpty()) {
        m_status->setText(tr("Tick the services to see who is free now."));
    } else {
        const Result<QList<Slot>> free =
                m_book.freeSlots(m_salon.id, {services, {}}, start, start + 60, 1);
        if (!free) {
            m_status->setText(free.error().message);
        } else {
            for (const Slot &slot : *free) {
                if (slot.startsAt != start)
                    continue;
                auto *item = new QListWidgetItem(staffName(slot.staffId), m_stylists);
                item->setData(Qt::UserRole, slot.staffId);
                if (slot.staffId == previous)
                    m_stylists->setCurrentItem(item);
            }
            if (m_stylists->count() > 0 && !m_stylists->currentItem())
                m_stylists->setCurrentRow(0);
            if (m_stylists->count() > 0) {
                m_status->setText(tr("%n stylist(s) free now.", "", m_stylists->count()));
            } else {
                // Say when someone will be, so the desk can offer the client a wait.
                const Result<QList<Slot>> next =
                        m_book.freeSlots(m_salon.id, {services, {}}, start, start + 86400, 5, 1);
                if (next && !next->isEmpty()) {
                    m_status->setText(
                            tr("Nobody is free now for these services. Next free: %1 "
                               "with %2.")
                                    .arg(SalonTime::shortText(next->constFirst().startsAt, m_zone),
                                         staffName(next->constFirst().staffId)));
                } else {
                    m_status->setText(tr("Nobody is free now for these services, nor later "
                                         "today."));
                }
            }
        }
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!chosenStylist().isEmpty());
}

BookingRequest WalkInDialog::request() const
{
    BookingRequest request;
    request.salonId = m_salon.id;
    request.walkIn = true;
    request.startsAt = now();
    const QString staffId = chosenStylist();
    for (const QString &serviceId : chosenServices())
        request.lines.append({serviceId, staffId});
    request.notes = m_name->text().trimmed();
    request.by = m_by;
    return request;
}

void WalkInDialog::accept()
{
    if (chosenServices().isEmpty() || chosenStylist().isEmpty())
        return;
    if (m_booker) {
        if (const Result<void> booked = m_booker(request()); !booked) {
            m_error->setError(booked.error().message);
            return;
        }
    }
    QDialog::accept();
}

} // namespace chairside
