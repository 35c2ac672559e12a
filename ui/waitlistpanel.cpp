#include "waitlistpanel.h"

#include "desksettings.h"
#include "waitlistmodel.h"

#include "booking/catalogue.h"
#include "booking/waitlistoffers.h"
#include "store/store.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace chairside {

WaitlistPanel::WaitlistPanel(Store *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    m_by = deskActor();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("waitlistSummary"));
    m_summaryLabel->setWordWrap(true);
    layout->addWidget(m_summaryLabel);

    m_model = new WaitlistModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("waitlistView"));
    m_view->setAccessibleName(tr("Waitlist"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view, 1);

    auto *buttons = new QHBoxLayout;
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("waitlistMessage"));
    m_messageLabel->setWordWrap(true);
    m_clientButton = new QPushButton(tr("&Client card"), this);
    m_clientButton->setObjectName(QStringLiteral("waitlistClientCardButton"));
    m_clientButton->setAccessibleName(tr("Open the client card"));
    m_offerButton = new QPushButton(tr("&Offer this slot"), this);
    m_offerButton->setObjectName(QStringLiteral("offerSlotButton"));
    m_offerButton->setAccessibleName(tr("Offer this slot"));
    m_offerButton->setToolTip(tr("Book the highlighted client into the free slot and take them "
                                 "off the waitlist"));
    buttons->addWidget(m_messageLabel, 1);
    buttons->addWidget(m_clientButton);
    buttons->addWidget(m_offerButton);
    layout->addLayout(buttons);

    connect(m_offerButton, &QPushButton::clicked, this, &WaitlistPanel::offerSelectedSlot);
    connect(m_clientButton, &QPushButton::clicked, this, [this] {
        const int row = selectedRow();
        if (row >= 0)
            emit clientCardRequested(m_model->rows().at(row).entry.clientId);
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        emit clientCardRequested(index.data(WaitlistModel::ClientIdRole).toString());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &WaitlistPanel::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WaitlistPanel::updateButtons);
    if (m_store)
        connect(m_store, &Store::changed, this, &WaitlistPanel::storeChanged);
    updateButtons();
}

void WaitlistPanel::setSalon(const QString &salonId, const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    if (salonId == m_salonId)
        return;
    m_salonId = salonId;
    m_freed.clear();
    if (isVisible())
        reload();
    else
        m_stale = true;
}

void WaitlistPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void WaitlistPanel::pruneFreedTimes()
{
    const qint64 now = m_store->clock().secondsNow();
    m_freed.removeIf(
            [&](const FreedTime &time) { return time.endsAt <= now || time.salonId != m_salonId; });
}

void WaitlistPanel::reload()
{
    m_stale = false;
    const Result<std::optional<Salon>> readSalon = m_store && !m_salonId.isEmpty()
            ? m_store->salon(m_salonId)
            : Result<std::optional<Salon>>(std::nullopt);
    if (!readSalon) {
        // The waitlist shown stays; the message line says why it may be stale.
        m_messageLabel->setText(readSalon.error().message);
        return;
    }
    const std::optional<Salon> &salon = *readSalon;
    if (!salon) {
        m_model->setRows({}, m_zone);
        m_summaryLabel->setText(tr("No salon is open."));
        return;
    }
    pruneFreedTimes();
    QHash<QString, Slot> offers;
    if (!m_freed.isEmpty()) {
        const Result<QList<WaitlistOffer>> found =
                WaitlistOffers(*m_store).offersFor(m_salonId, m_freed);
        if (found) {
            for (const WaitlistOffer &offer : *found)
                offers.insert(offer.entry.id, offer.slot);
        } else {
            m_messageLabel->setText(found.error().message);
        }
    }

    const QString selectedId =
            selectedRow() >= 0 ? m_model->rows().at(selectedRow()).entry.id : QString();
    const Result<Catalogue> readCatalogue = Catalogue::load(*m_store, *salon);
    if (!readCatalogue) {
        m_messageLabel->setText(readCatalogue.error().message);
        return;
    }
    const Catalogue &catalogue = *readCatalogue;
    const Result<QList<WaitlistEntry>> entries = m_store->waitlist(m_salonId);
    if (!entries) {
        m_messageLabel->setText(entries.error().message);
        return;
    }
    QList<WaitlistModel::Row> rows;
    for (const WaitlistEntry &entry : *entries) {
        WaitlistModel::Row row;
        row.entry = entry;
        const Result<QString> client = catalogue.clientName(entry.clientId);
        if (!client) {
            m_messageLabel->setText(client.error().message);
            return;
        }
        row.client = *client;
        QStringList services;
        for (const QString &id : entry.serviceIds)
            services.append(catalogue.serviceName(id));
        row.services = services.join(tr(" + "));
        row.stylist = entry.staffId.isEmpty() ? QString() : catalogue.staffName(entry.staffId);
        if (const auto it = offers.constFind(entry.id); it != offers.constEnd()) {
            row.offer = *it;
            row.offerStylist = catalogue.staffName(it->staffId);
        }
        rows.append(row);
    }
    // The ones that can be booked now come first: they are what to act on.
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        return a.offer.has_value() && !b.offer.has_value();
    });
    m_model->setRows(rows, m_zone);
    for (int i = 0; i < rows.size(); ++i) {
        if (rows.at(i).entry.id == selectedId)
            m_view->selectRow(i);
    }

    const int waiting = int(rows.size());
    const int fitting = m_model->fittingCount();
    const QString waitingText = tr("%n client(s) waiting", nullptr, waiting);
    m_summaryLabel->setText(
            fitting == 0 ? waitingText
                         : tr("%1 · %2", "waiting · can have freed time")
                                   .arg(waitingText,
                                        tr("%n can have the freed time now", nullptr, fitting)));
}

void WaitlistPanel::storeChanged(const ChangeSet &changes)
{
    if (m_salonId.isEmpty())
        return;
    bool refresh = false;
    int freedNow = 0;
    for (const Change &change : changes) {
        if (change.kind != Change::Kind::Row) // frees no time, changes no entry
            continue;
        if (!change.salonId.isEmpty() && change.salonId != m_salonId)
            continue;
        if (change.entity == Entity::WaitlistEntry || change.entity == Entity::Client
            || change.entity == Entity::Appointment || change.entity == Entity::Staff
            || change.entity == Entity::Service)
            refresh = true;
        std::optional<Appointment> appointment;
        if (change.entity == Entity::Appointment && change.op == Change::Op::Upserted) {
            const Result<std::optional<Appointment>> read = m_store->appointment(change.id);
            if (!read) {
                m_messageLabel->setText(read.error().message);
                continue;
            }
            appointment = *read;
        }
        if (const std::optional<FreedTime> freed = WaitlistOffers::freedBy(change, appointment);
            freed && freed->salonId == m_salonId && !m_freed.contains(*freed)) {
            m_freed.append(*freed);
            ++freedNow;
        }
    }
    if (!refresh)
        return;
    if (freedNow == 0 && !isVisible()) {
        m_stale = true; // nothing to offer: read when shown
        return;
    }
    const int before = m_model->fittingCount();
    reload();
    if (freedNow > 0 && m_model->fittingCount() > 0 && m_model->fittingCount() >= before)
        emit offersFound(m_model->fittingCount());
}

int WaitlistPanel::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

void WaitlistPanel::updateButtons()
{
    const int row = selectedRow();
    m_clientButton->setEnabled(row >= 0);
    m_offerButton->setEnabled(row >= 0 && m_model->rows().at(row).offer.has_value());
}

void WaitlistPanel::offerSelectedSlot()
{
    const int row = selectedRow();
    if (row < 0 || !m_model->rows().at(row).offer)
        return;
    const WaitlistModel::Row chosen = m_model->rows().at(row);
    const Result<QList<Appointment>> booked =
            WaitlistOffers(*m_store).offer({chosen.entry, *chosen.offer}, m_by);
    if (!booked) {
        m_messageLabel->setText(tr("Not booked: %1").arg(booked.error().message));
        reload();
        return;
    }
    const QString message = tr("Booked %1 for %2, %3 with %4.")
                                    .arg(chosen.client, chosen.services,
                                         QLocale().toString(QDateTime::fromSecsSinceEpoch(
                                                                    chosen.offer->startsAt, m_zone),
                                                            QStringLiteral("ddd d MMM, HH:mm")),
                                         chosen.offerStylist);
    m_messageLabel->setText(message);
    emit slotOffered(message);
}

} // namespace chairside
