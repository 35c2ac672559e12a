#include "clientcard.h"

#include "clientcommand.h"

#include "clientvisitsmodel.h"

#include "booking/clienthistory.h"
#include "booking/patchtest.h"
#include "domain/salontime.h"
#include "store/store.h"

#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace chairside {

namespace {

// Shown as "Never tested" in the date field: a client with no patch test.
const QDate NeverTested(2000, 1, 1);

constexpr int ClientIdRole = Qt::UserRole + 1;
constexpr int SearchLimit = 50;

} // namespace

ClientCard::ClientCard(Store *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    buildSearch();
    buildCard();
    layout->addWidget(m_searchField);
    layout->addWidget(m_searchResults);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_card, 1);
    layout->addStretch(0);
    m_card->hide();
    if (m_store)
        connect(m_store, &Store::changed, this, &ClientCard::storeChanged);
}

void ClientCard::buildSearch()
{
    m_searchField = new QLineEdit(this);
    m_searchField->setObjectName(QStringLiteral("clientSearchField"));
    m_searchField->setPlaceholderText(tr("Find a client by name or phone"));
    m_searchField->setAccessibleName(tr("Find a client"));
    m_searchField->setClearButtonEnabled(true);
    m_searchModel = new QStandardItemModel(this);
    m_searchResults = new QListView(this);
    m_searchResults->setObjectName(QStringLiteral("clientSearchResults"));
    m_searchResults->setAccessibleName(tr("Clients found"));
    m_searchResults->setModel(m_searchModel);
    m_searchResults->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_searchResults->setMaximumHeight(160);
    m_searchResults->hide();
    m_placeholder = new QLabel(
            tr("Find a client above, or click a visit in the book to see the client's card."),
            this);
    m_placeholder->setObjectName(QStringLiteral("clientCardPlaceholder"));
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);
    m_searchField->installEventFilter(this);
    connect(m_searchField, &QLineEdit::textChanged, this, &ClientCard::search);
    connect(m_searchField, &QLineEdit::returnPressed, this, &ClientCard::openFirstSearchResult);
    connect(m_searchResults, &QListView::clicked, this, &ClientCard::openSearchResult);
    connect(m_searchResults, &QListView::activated, this, &ClientCard::openSearchResult);
}

void ClientCard::buildCard()
{
    m_card = new QWidget(this);
    m_card->setObjectName(QStringLiteral("clientCardContent"));
    auto *layout = new QVBoxLayout(m_card);
    layout->setContentsMargins(0, 8, 0, 0);

    m_nameLabel = new QLabel(m_card);
    m_nameLabel->setObjectName(QStringLiteral("clientNameLabel"));
    QFont nameFont = m_nameLabel->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.3);
    nameFont.setBold(true);
    m_nameLabel->setFont(nameFont);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_contactLabel = new QLabel(m_card);
    m_contactLabel->setObjectName(QStringLiteral("clientContactLabel"));
    m_contactLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_noShowLabel = new QLabel(m_card);
    m_noShowLabel->setObjectName(QStringLiteral("noShowLabel"));
    layout->addWidget(m_nameLabel);
    layout->addWidget(m_contactLabel);
    layout->addWidget(m_noShowLabel);
    m_patchTestWarning = new QLabel(m_card);
    m_patchTestWarning->setObjectName(QStringLiteral("patchTestWarningLabel"));
    m_patchTestWarning->setWordWrap(true);
    QPalette warningPalette = m_patchTestWarning->palette();
    warningPalette.setColor(QPalette::WindowText, QColor(0xa0, 0x40, 0x00));
    m_patchTestWarning->setPalette(warningPalette);
    m_patchTestWarning->hide();
    layout->addWidget(m_patchTestWarning);

    auto *form = new QFormLayout;
    m_patchTestEdit = new QDateEdit(m_card);
    m_patchTestEdit->setObjectName(QStringLiteral("patchTestDateEdit"));
    m_patchTestEdit->setAccessibleName(tr("Patch-test date"));
    m_patchTestEdit->setCalendarPopup(true);
    m_patchTestEdit->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    m_patchTestEdit->setMinimumDate(NeverTested);
    m_patchTestEdit->setSpecialValueText(tr("Never tested"));
    auto *clearPatchTest = new QToolButton(m_card);
    clearPatchTest->setObjectName(QStringLiteral("clearPatchTestButton"));
    clearPatchTest->setText(tr("Clear"));
    clearPatchTest->setAccessibleName(tr("Set the patch test to never tested"));
    auto *patchRow = new QHBoxLayout;
    patchRow->addWidget(m_patchTestEdit, 1);
    patchRow->addWidget(clearPatchTest);
    auto *patchLabel = new QLabel(tr("&Patch test:"), m_card);
    patchLabel->setBuddy(m_patchTestEdit);
    form->addRow(patchLabel, patchRow);
    m_notesEdit = new QPlainTextEdit(m_card);
    m_notesEdit->setObjectName(QStringLiteral("clientNotesEdit"));
    m_notesEdit->setAccessibleName(tr("Client notes"));
    m_notesEdit->setTabChangesFocus(true);
    m_notesEdit->setMaximumHeight(90);
    form->addRow(tr("&Notes:"), m_notesEdit);
    layout->addLayout(form);

    auto *saveRow = new QHBoxLayout;
    m_messageLabel = new QLabel(m_card);
    m_messageLabel->setObjectName(QStringLiteral("clientCardMessage"));
    m_messageLabel->setWordWrap(true);
    m_saveButton = new QPushButton(tr("&Save notes and patch test"), m_card);
    m_saveButton->setObjectName(QStringLiteral("saveClientButton"));
    m_saveButton->setAccessibleName(tr("Save notes and patch test"));
    m_saveButton->setEnabled(false);
    saveRow->addWidget(m_messageLabel, 1);
    saveRow->addWidget(m_saveButton);
    layout->addLayout(saveRow);

    m_upcoming = new ClientVisitsModel(this);
    m_past = new ClientVisitsModel(this);
    m_deposits = new ClientVisitsModel(this);
    m_tabs = new QTabWidget(m_card);
    m_tabs->setObjectName(QStringLiteral("clientVisitsTabs"));
    m_tabs->setAccessibleName(tr("Visits"));
    m_tabs->addTab(
            makeVisitsView(QStringLiteral("upcomingVisitsView"), tr("Upcoming visits"), m_upcoming),
            QString());
    m_tabs->addTab(makeVisitsView(QStringLiteral("pastVisitsView"), tr("Past visits"), m_past),
                   QString());
    m_tabs->addTab(makeVisitsView(QStringLiteral("depositsView"), tr("Deposits"), m_deposits),
                   QString());
    layout->addWidget(m_tabs, 1);
    updateTabTitles();

    auto edited = [this] {
        m_edited = true;
        m_saveButton->setEnabled(true);
        m_messageLabel->clear();
    };
    connect(m_notesEdit, &QPlainTextEdit::textChanged, this, edited);
    connect(m_patchTestEdit, &QDateEdit::dateChanged, this, edited);
    connect(clearPatchTest, &QToolButton::clicked, this,
            [this] { m_patchTestEdit->setDate(NeverTested); });
    connect(m_saveButton, &QPushButton::clicked, this, &ClientCard::save);
}

QTableView *ClientCard::makeVisitsView(const QString &name, const QString &accessibleName,
                                       ClientVisitsModel *model)
{
    auto *view = new QTableView(m_card);
    view->setObjectName(name);
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    // The services take what is left, so date, stylist and status all fit
    // in the dock without scrolling sideways.
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(ClientVisitsModel::ServicesColumn,
                                                   QHeaderView::Stretch);
    view->setTextElideMode(Qt::ElideRight);
    view->setColumnHidden(ClientVisitsModel::PatchTestColumn, true);
    view->setColumnHidden(ClientVisitsModel::DepositColumn, model == m_upcoming);
    return view;
}

void ClientCard::setSalon(const QString &salonId, const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    if (salonId == m_salonId)
        return;
    m_salonId = salonId;
    m_clientId.clear();
    m_searchField->clear();
    reload();
}

void ClientCard::focusSearch()
{
    m_searchField->setFocus(Qt::ShortcutFocusReason);
    m_searchField->selectAll();
}

void ClientCard::search(const QString &text)
{
    if (!m_store || m_salonId.isEmpty() || text.trimmed().isEmpty()) {
        m_searchModel->clear();
        m_searchResults->hide();
        return;
    }
    const Result<QList<Client>> found = m_store->clients(m_salonId, text.trimmed(), SearchLimit);
    if (!found) {
        // The clients listed stay; the card's message line says why they may be stale.
        m_messageLabel->setText(found.error().message);
        return;
    }
    m_searchModel->clear();
    const QList<Client> &clients = *found;
    for (const Client &client : clients) {
        auto *item = new QStandardItem(
                client.phone.isEmpty()
                        ? client.name
                        : tr("%1 · %2", "name · phone").arg(client.name, client.phone));
        item->setData(client.id, ClientIdRole);
        item->setEditable(false);
        m_searchModel->appendRow(item);
    }
    if (clients.isEmpty()) {
        auto *item = new QStandardItem(tr("No client matches “%1”.").arg(text.trimmed()));
        item->setEnabled(false);
        m_searchModel->appendRow(item);
    }
    m_searchResults->show();
}

bool ClientCard::eventFilter(QObject *watched, QEvent *event)
{
    // Down from the search field walks into the clients found.
    if (watched == m_searchField && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down && m_searchResults->isVisible()
        && m_searchModel->rowCount() > 0) {
        m_searchResults->setFocus(Qt::TabFocusReason);
        m_searchResults->setCurrentIndex(m_searchModel->index(0, 0));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ClientCard::openSearchResult(const QModelIndex &index)
{
    const QString id = index.data(ClientIdRole).toString();
    if (id.isEmpty())
        return;
    m_searchResults->hide();
    showClient(id);
}

void ClientCard::openFirstSearchResult()
{
    if (m_searchModel->rowCount() > 0)
        openSearchResult(m_searchModel->index(0, 0));
}

void ClientCard::showClient(const QString &clientId)
{
    m_clientId = clientId;
    m_edited = false;
    reload();
}

void ClientCard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void ClientCard::reload()
{
    m_stale = false;
    const Result<std::optional<ClientHistory>> read = m_store && !m_clientId.isEmpty()
            ? ClientHistory::load(*m_store, m_clientId, m_store->clock().secondsNow())
            : Result<std::optional<ClientHistory>>(std::nullopt);
    if (!read) {
        // The card keeps what it shows; read again on the next change or showing.
        m_stale = true;
        m_messageLabel->setText(read.error().message);
        return;
    }
    const std::optional<ClientHistory> &history = *read;
    if (!history) {
        m_clientId.clear();
        m_upcoming->setVisits({}, m_zone);
        m_past->setVisits({}, m_zone);
        m_deposits->setVisits({}, m_zone);
        m_card->hide();
        m_placeholder->show();
        return;
    }
    const Client &client = history->client;
    m_nameLabel->setText(client.name);
    QStringList contact;
    if (!client.phone.isEmpty())
        contact.append(client.phone);
    if (!client.email.isEmpty())
        contact.append(client.email);
    m_contactLabel->setText(contact.isEmpty() ? tr("No phone or email")
                                              : contact.join(QStringLiteral("  ·  ")));
    m_noShowLabel->setText(client.noShowCount == 0
                                   ? tr("No no-shows")
                                   : tr("%n no-show(s)", nullptr, client.noShowCount));
    if (!m_edited) {
        // Not an edit: the save button stays as it was.
        const QSignalBlocker notesBlocker(m_notesEdit);
        const QSignalBlocker dateBlocker(m_patchTestEdit);
        m_notesEdit->setPlainText(client.notes);
        m_patchTestEdit->setMaximumDate(SalonTime(m_zone, m_store->clock()).today().addYears(1));
        m_patchTestEdit->setDate(client.patchTestDate.isValid() ? client.patchTestDate
                                                                : NeverTested);
        m_saveButton->setEnabled(false);
    }
    m_upcoming->setVisits(history->upcoming, m_zone);
    m_past->setVisits(history->past, m_zone);
    m_deposits->setVisits(history->deposits, m_zone);
    updatePatchTestWarnings(*history);
    updateTabTitles();
    m_placeholder->hide();
    m_card->show();
}

void ClientCard::updatePatchTestWarnings(const ClientHistory &history)
{
    QHash<QString, QString> warnings;
    const Result<std::optional<Salon>> readSalon = m_store->salon(history.client.salonId);
    const Result<QList<Service>> readServices = m_store->services(history.client.salonId);
    for (const Error *error : {readSalon ? nullptr : &readSalon.error(),
                               readServices ? nullptr : &readServices.error()}) {
        if (error) {
            m_messageLabel->setText(error->message); // the warnings shown stay
            return;
        }
    }
    if (const std::optional<Salon> &salon = *readSalon) {
        QHash<QString, Service> services;
        for (const Service &service : *readServices)
            services.insert(service.id, service);
        for (const ClientHistory::Visit &visit : history.upcoming) {
            if (!holdsTime(visit.status))
                continue;
            QList<Service> visitServices;
            for (const QString &id : visit.serviceIds) {
                if (services.contains(id))
                    visitServices.append(services.value(id));
            }
            if (const std::optional<QString> warning =
                        PatchTest::warning(*salon, history.client, visitServices, visit.startsAt))
                warnings.insert(visit.appointmentId, *warning);
        }
    }
    m_upcoming->setPatchTestWarnings(warnings);
    // The column takes room from the services only when it has something to say.
    if (auto *view = findChild<QTableView *>(QStringLiteral("upcomingVisitsView")))
        view->setColumnHidden(ClientVisitsModel::PatchTestColumn, warnings.isEmpty());
    m_patchTestWarning->setText(tr("A patch test is needed first for %n upcoming visit(s)", nullptr,
                                   int(warnings.size())));
    m_patchTestWarning->setVisible(!warnings.isEmpty());
}

void ClientCard::updateTabTitles()
{
    m_tabs->setTabText(0, tr("Upcoming (%n)", nullptr, m_upcoming->rowCount()));
    m_tabs->setTabText(1, tr("Past (%n)", nullptr, m_past->rowCount()));
    m_tabs->setTabText(2, tr("Deposits (%n)", nullptr, m_deposits->rowCount()));
}

void ClientCard::save()
{
    if (!m_store || m_clientId.isEmpty())
        return;
    Result<std::optional<Client>> read = m_store->client(m_clientId);
    if (!read) {
        m_messageLabel->setText(tr("Not saved: %1").arg(read.error().message));
        return;
    }
    std::optional<Client> &client = *read;
    if (!client) {
        m_messageLabel->setText(tr("This client is no longer in the book; nothing was saved."));
        return;
    }
    const ClientCommand::Fields before{client->notes, client->patchTestDate};
    client->notes = m_notesEdit->toPlainText();
    const QDate tested = m_patchTestEdit->date();
    client->patchTestDate = tested == NeverTested ? QDate() : tested;
    m_edited = false;
    if (const Result<void> saved = m_store->save(*client); !saved) {
        m_edited = true;
        m_messageLabel->setText(tr("Not saved: %1").arg(saved.error().message));
        return;
    }
    if (m_undoStack) {
        m_undoStack->push(new ClientCommand(
                *m_store, client->id, before, {client->notes, client->patchTestDate},
                tr("Edit %1's card").arg(client->name),
                [this](const QString &message) { m_messageLabel->setText(message); }));
    }
    m_saveButton->setEnabled(false);
    m_messageLabel->setText(tr("Saved."));
}

void ClientCard::storeChanged(const ChangeSet &changes)
{
    if (m_clientId.isEmpty())
        return;
    for (const Change &change : changes) {
        if ((change.entity == Entity::Client && change.id == m_clientId)
            || change.entity == Entity::Appointment || change.entity == Entity::Service
            || change.entity == Entity::Staff) {
            // A hidden card reads the client's visits when it is shown again.
            if (isVisible())
                reload();
            else
                m_stale = true;
            return;
        }
    }
}

} // namespace chairside
