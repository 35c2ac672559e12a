#include "appointmenteditor.h"

#include "appointmenthistory.h"
#include "clientsearchmodel.h"
#include "desksettings.h"
#include "fielderror.h"
#include "slotfinder.h"

#include "booking/patchtest.h"
#include "domain/clock.h"
#include "domain/salontime.h"
#include "scheduling/recurrence.h"
#include "store/store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimeEdit>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace chairside {

namespace {

// "07700 900123" is a phone number, "Amelia" a name.
bool looksLikePhone(const QString &text)
{
    const QString trimmed = text.trimmed();
    return !trimmed.isEmpty() && std::all_of(trimmed.cbegin(), trimmed.cend(), [](QChar c) {
        return c.isDigit() || c.isSpace() || QStringLiteral("+()-.").contains(c);
    });
}

// A field with the sentence that says what is wrong with it right under it.
QWidget *withError(QWidget *field, FieldError *error)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

} // namespace

AppointmentEditor::AppointmentEditor(Store *store, Catalogue catalogue, const Clock &clock,
                                     QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_salon(catalogue.salon())
    , m_zone(m_salon.timeZone.toUtf8())
    , m_clock(clock)
    , m_catalogue(std::move(catalogue))
    , m_book(*store)
{
    m_by = deskActor();
    setObjectName(QStringLiteral("appointmentEditor"));
    setWindowTitle(tr("New appointment"));
    if (!m_zone.isValid())
        m_zone = QTimeZone::utc();

    auto *form = new QVBoxLayout;
    form->addWidget(buildClientSection());
    form->addWidget(buildServicesSection());
    form->addWidget(buildWhenSection());
    form->addWidget(buildRepeatSection());
    form->addStretch();

    auto *finderBox = new QGroupBox(tr("Next free"), this);
    finderBox->setObjectName(QStringLiteral("slotFinderBox"));
    auto *finderLayout = new QVBoxLayout(finderBox);
    m_slotFinder = new SlotFinder(store, m_salon.id, clock, finderBox);
    m_slotFinder->setObjectName(QStringLiteral("slotFinder"));
    finderLayout->addWidget(m_slotFinder);
    connect(m_slotFinder, &SlotFinder::slotChosen, this, &AppointmentEditor::takeSlot);

    // The booking's own page; an appointment already booked gets a History
    // tab beside it (showAppointment), else the tab bar stays hidden.
    m_bookingPage = new QWidget(this);
    m_bookingPage->setObjectName(QStringLiteral("bookingPage"));
    auto *columns = new QHBoxLayout(m_bookingPage);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->addLayout(form, 3);
    columns->addWidget(finderBox, 2);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("editorTabs"));
    m_tabs->setAccessibleName(tr("Appointment details"));
    m_tabs->setTabBarAutoHide(true);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_bookingPage, tr("&Appointment"));

    m_waitingLabel = new QLabel(tr("Waiting to sync — saved on this PC"), this);
    m_waitingLabel->setObjectName(QStringLiteral("waitingToSyncLabel"));
    m_waitingLabel->setToolTip(tr("The salon's server has not confirmed this appointment yet. It "
                                  "is booked on this PC and goes to the server with the next "
                                  "sync."));
    m_waitingLabel->hide();

    m_bookError = makeErrorLabel(QStringLiteral("bookError"), tr("Booking"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("editorButtons"));
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("bookButton"));
    ok->setText(tr("Book"));
    ok->setAccessibleName(tr("Book the appointment"));
    QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setAccessibleName(tr("Close without booking"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AppointmentEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AppointmentEditor::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_waitingLabel);
    layout->addWidget(m_bookError);
    layout->addWidget(m_buttons);

    // A new booking starts at the next quarter hour from now.
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    setStart(now - now % 900 + 900);
    addLine();
    m_building = false;
    changed();
    resize(980, 720);
}

AppointmentEditor::~AppointmentEditor() = default;

FieldError *AppointmentEditor::makeErrorLabel(const QString &objectName, const QString &field)
{
    auto *label = new FieldError(this);
    label->setObjectName(objectName);
    label->setAccessibleName(tr("Problem with %1").arg(field));
    return label;
}

QWidget *AppointmentEditor::buildClientSection()
{
    auto *box = new QGroupBox(tr("Client"), this);
    auto *layout = new QVBoxLayout(box);

    m_clientSearch = new QLineEdit(box);
    m_clientSearch->setObjectName(QStringLiteral("clientSearchEdit"));
    m_clientSearch->setPlaceholderText(tr("Search by name or phone"));
    m_clientSearch->setAccessibleName(tr("Search clients by name or phone"));
    m_clientSearch->setClearButtonEnabled(true);
    m_clientSearch->installEventFilter(this);

    m_clientModel = new ClientSearchModel(m_store, m_salon.id, this);
    m_clientModel->setObjectName(QStringLiteral("clientSearchModel"));
    m_clientModel->setLimit(8);
    m_clientList = new QListView(box);
    m_clientList->setObjectName(QStringLiteral("clientList"));
    m_clientList->setAccessibleName(tr("Matching clients"));
    m_clientList->setModel(m_clientModel);
    m_clientList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_clientList->setMaximumHeight(m_clientList->fontMetrics().height() * 9);
    m_clientList->hide();

    m_clientLabel = new QLabel(box);
    m_clientLabel->setObjectName(QStringLiteral("clientLabel"));
    m_clientLabel->setTextFormat(Qt::PlainText);
    m_newClientButton = new QPushButton(tr("New client…"), box);
    m_newClientButton->setObjectName(QStringLiteral("newClientButton"));
    m_newClientButton->setAccessibleName(tr("Add a new client"));
    auto *chosenRow = new QHBoxLayout;
    chosenRow->addWidget(m_clientLabel, 1);
    chosenRow->addWidget(m_newClientButton);
    m_clientError = makeErrorLabel(QStringLiteral("clientError"), tr("Client"));
    connect(m_clientModel, &ClientSearchModel::readFailed, m_clientError, &FieldError::setError);
    m_patchTestWarning = makeErrorLabel(QStringLiteral("patchTestWarning"), tr("Patch test"));

    // A first-time client is added here, without leaving the booking.
    m_newClientBox = new QGroupBox(tr("New client"), box);
    m_newClientBox->setObjectName(QStringLiteral("newClientBox"));
    auto *newForm = new QFormLayout(m_newClientBox);
    m_newClientName = new QLineEdit(m_newClientBox);
    m_newClientName->setObjectName(QStringLiteral("newClientNameEdit"));
    m_newClientName->setAccessibleName(tr("New client's name"));
    m_newClientPhone = new QLineEdit(m_newClientBox);
    m_newClientPhone->setObjectName(QStringLiteral("newClientPhoneEdit"));
    m_newClientPhone->setAccessibleName(tr("New client's phone"));
    m_newClientEmail = new QLineEdit(m_newClientBox);
    m_newClientEmail->setObjectName(QStringLiteral("newClientEmailEdit"));
    m_newClientEmail->setAccessibleName(tr("New client's email"));
    m_newClientError = makeErrorLabel(QStringLiteral("newClientError"), tr("New client"));
    auto *addClientButton = new QPushButton(tr("Add client"), m_newClientBox);
    addClientButton->setObjectName(QStringLiteral("addClientButton"));
    addClientButton->setAccessibleName(tr("Save the new client"));
    newForm->addRow(tr("Name:"), m_newClientName);
    newForm->addRow(tr("Phone:"), m_newClientPhone);
    newForm->addRow(tr("Email:"), m_newClientEmail);
    newForm->addRow(m_newClientError);
    newForm->addRow(QString(), addClientButton);
    m_newClientBox->hide();

    layout->addWidget(m_clientSearch);
    layout->addWidget(m_clientList);
    layout->addLayout(chosenRow);
    layout->addWidget(m_clientError);
    layout->addWidget(m_patchTestWarning);
    layout->addWidget(m_newClientBox);

    connect(m_clientSearch, &QLineEdit::textEdited, this, &AppointmentEditor::searchClients);
    connect(m_clientSearch, &QLineEdit::returnPressed, this, [this] {
        if (m_clientModel->rowCount() > 0)
            chooseClient(m_clientModel->index(0));
    });
    connect(m_clientList, &QListView::clicked, this, &AppointmentEditor::chooseClient);
    connect(m_clientList, &QListView::activated, this, &AppointmentEditor::chooseClient);
    connect(m_newClientButton, &QPushButton::clicked, this, &AppointmentEditor::showNewClient);
    connect(addClientButton, &QPushButton::clicked, this, &AppointmentEditor::addClient);
    updateClientLabel();
    return box;
}

QWidget *AppointmentEditor::buildServicesSection()
{
    auto *box = new QGroupBox(tr("Services"), this);
    auto *layout = new QVBoxLayout(box);
    m_linesLayout = new QVBoxLayout;
    m_addLineButton = new QPushButton(tr("Add another service"), box);
    m_addLineButton->setObjectName(QStringLiteral("addServiceButton"));
    m_addLineButton->setAccessibleName(tr("Add another service"));
    connect(m_addLineButton, &QPushButton::clicked, this, [this] { addLine(); });
    m_servicesSummary = new QLabel(box);
    m_servicesSummary->setObjectName(QStringLiteral("servicesSummary"));
    m_freeHint = new QLabel(box);
    m_freeHint->setObjectName(QStringLiteral("freeTimeHint"));
    m_freeHint->hide();
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_addLineButton);
    bottom->addStretch();
    bottom->addWidget(m_freeHint);
    bottom->addWidget(m_servicesSummary);
    m_servicesError = makeErrorLabel(QStringLiteral("servicesError"), tr("Services"));
    layout->addLayout(m_linesLayout);
    layout->addLayout(bottom);
    layout->addWidget(m_servicesError);
    return box;
}

QWidget *AppointmentEditor::buildWhenSection()
{
    auto *box = new QGroupBox(tr("When"), this);
    auto *form = new QFormLayout(box);

    m_dateEdit = new QDateEdit(box);
    m_dateEdit->setObjectName(QStringLiteral("dateEdit"));
    m_dateEdit->setAccessibleName(tr("Date"));
    m_dateEdit->setCalendarPopup(true);
    m_dateEdit->setDisplayFormat(QStringLiteral("ddd d MMM yyyy"));
    m_timeEdit = new QTimeEdit(box);
    m_timeEdit->setObjectName(QStringLiteral("timeEdit"));
    m_timeEdit->setAccessibleName(tr("Start time"));
    m_timeEdit->setDisplayFormat(QStringLiteral("HH:mm"));
    auto *when = new QWidget(box);
    auto *whenLayout = new QHBoxLayout(when);
    whenLayout->setContentsMargins(0, 0, 0, 0);
    whenLayout->addWidget(m_dateEdit);
    whenLayout->addWidget(m_timeEdit);
    whenLayout->addStretch();
    m_timeError = makeErrorLabel(QStringLiteral("timeError"), tr("Time"));
    m_overbookCheck = new QCheckBox(tr("Book anyway (overbook)"), box);
    m_overbookCheck->setObjectName(QStringLiteral("overbookCheck"));
    m_overbookCheck->setAccessibleName(tr("Book anyway over these problems (overbook)"));
    m_overbookCheck->hide();
    auto *whenBox = withError(when, m_timeError);
    whenBox->layout()->addWidget(m_overbookCheck);
    form->addRow(tr("Starts:"), whenBox);

    m_notesEdit = new QPlainTextEdit(box);
    m_notesEdit->setObjectName(QStringLiteral("notesEdit"));
    m_notesEdit->setAccessibleName(tr("Notes"));
    m_notesEdit->setTabChangesFocus(true);
    m_notesEdit->setPlaceholderText(tr("For the stylist: colour formula, allergies, preferences"));
    m_notesEdit->setMaximumHeight(m_notesEdit->fontMetrics().height() * 4);
    m_notesError = makeErrorLabel(QStringLiteral("notesError"), tr("Notes"));
    form->addRow(tr("Notes:"), withError(m_notesEdit, m_notesError));

    m_depositSpin = new QDoubleSpinBox(box);
    m_depositSpin->setObjectName(QStringLiteral("depositSpin"));
    m_depositSpin->setAccessibleName(tr("Deposit paid"));
    m_depositSpin->setDecimals(2);
    m_depositSpin->setRange(0, 100000);
    m_depositSpin->setSingleStep(5);
    m_depositError = makeErrorLabel(QStringLiteral("depositError"), tr("Deposit"));
    form->addRow(tr("Deposit paid:"), withError(m_depositSpin, m_depositError));

    connect(m_dateEdit, &QDateEdit::dateChanged, this, &AppointmentEditor::changed);
    connect(m_timeEdit, &QTimeEdit::timeChanged, this, &AppointmentEditor::changed);
    connect(m_notesEdit, &QPlainTextEdit::textChanged, this, &AppointmentEditor::changed);
    connect(m_depositSpin, &QDoubleSpinBox::valueChanged, this, &AppointmentEditor::changed);
    connect(m_overbookCheck, &QCheckBox::toggled, this, &AppointmentEditor::changed);
    return box;
}

QWidget *AppointmentEditor::buildRepeatSection()
{
    auto *box = new QGroupBox(tr("Repeat"), this);
    auto *layout = new QVBoxLayout(box);
    m_repeatCheck = new QCheckBox(tr("Standing appointment (repeats)"), box);
    m_repeatCheck->setObjectName(QStringLiteral("repeatCheck"));
    m_repeatCheck->setAccessibleName(tr("Make this a standing appointment"));

    m_repeatBox = new QWidget(box);
    auto *repeatLayout = new QVBoxLayout(m_repeatBox);
    repeatLayout->setContentsMargins(0, 0, 0, 0);
    auto *rule = new QHBoxLayout;
    m_repeatWeeks = new QSpinBox(m_repeatBox);
    m_repeatWeeks->setObjectName(QStringLiteral("repeatWeeksSpin"));
    m_repeatWeeks->setAccessibleName(tr("Repeat every so many weeks"));
    m_repeatWeeks->setRange(1, 52);
    m_repeatWeeks->setValue(6);
    m_repeatEnd = new QComboBox(m_repeatBox);
    m_repeatEnd->setObjectName(QStringLiteral("repeatEndCombo"));
    m_repeatEnd->setAccessibleName(tr("How the repeat ends"));
    m_repeatEnd->addItem(tr("after"));
    m_repeatEnd->addItem(tr("on"));
    m_repeatCount = new QSpinBox(m_repeatBox);
    m_repeatCount->setObjectName(QStringLiteral("repeatCountSpin"));
    m_repeatCount->setAccessibleName(tr("Number of visits"));
    m_repeatCount->setRange(2, 52);
    m_repeatCount->setValue(6);
    m_repeatUntil = new QDateEdit(m_repeatBox);
    m_repeatUntil->setObjectName(QStringLiteral("repeatUntilEdit"));
    m_repeatUntil->setAccessibleName(tr("Repeat until"));
    m_repeatUntil->setCalendarPopup(true);
    m_repeatUntil->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    m_repeatUntil->hide();
    auto *every = new QLabel(tr("Every"), m_repeatBox);
    every->setBuddy(m_repeatWeeks);
    // "Every 6 weeks, ending after 6 visits" / "… ending on 1 Jun 2027".
    auto *ending = new QLabel(tr("ending"), m_repeatBox);
    ending->setBuddy(m_repeatEnd);
    rule->addWidget(every);
    rule->addWidget(m_repeatWeeks);
    rule->addWidget(ending);
    rule->addWidget(m_repeatEnd);
    rule->addWidget(m_repeatCount);
    rule->addWidget(m_repeatUntil);
    rule->addStretch();
    m_repeatSummary = new QLabel(m_repeatBox);
    m_repeatSummary->setObjectName(QStringLiteral("repeatSummary"));
    m_repeatSummary->setWordWrap(true);
    m_repeatPreview = new QListWidget(m_repeatBox);
    m_repeatPreview->setObjectName(QStringLiteral("repeatPreview"));
    m_repeatPreview->setAccessibleName(tr("Dates that do not fit"));
    m_repeatPreview->setMaximumHeight(m_repeatPreview->fontMetrics().height() * 6);
    m_repeatPreview->setWordWrap(true);
    m_repeatError = makeErrorLabel(QStringLiteral("repeatError"), tr("Repeat"));
    repeatLayout->addLayout(rule);
    repeatLayout->addWidget(m_repeatSummary);
    repeatLayout->addWidget(m_repeatPreview);
    repeatLayout->addWidget(m_repeatError);
    m_repeatBox->hide();

    layout->addWidget(m_repeatCheck);
    layout->addWidget(m_repeatBox);

    auto updateSuffixes = [this] {
        m_repeatWeeks->setSuffix(tr(" week(s)", "", m_repeatWeeks->value()));
        m_repeatCount->setSuffix(tr(" visit(s)", "", m_repeatCount->value()));
    };
    updateSuffixes();
    connect(m_repeatCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_repeatBox->setVisible(on);
        changed();
    });
    connect(m_repeatEnd, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_repeatCount->setVisible(index == 0);
        m_repeatUntil->setVisible(index == 1);
        changed();
    });
    for (QSpinBox *spin : {m_repeatWeeks, m_repeatCount}) {
        connect(spin, &QSpinBox::valueChanged, this, [this, updateSuffixes] {
            updateSuffixes();
            changed();
        });
    }
    connect(m_repeatUntil, &QDateEdit::dateChanged, this, &AppointmentEditor::changed);
    return box;
}

// --- service lines -----------------------------------------------------

void AppointmentEditor::addLine(const QString &serviceId, const QString &staffId)
{
    Line line;
    line.row = new QWidget(this);
    auto *layout = new QHBoxLayout(line.row);
    layout->setContentsMargins(0, 0, 0, 0);
    line.service = new QComboBox(line.row);
    line.service->addItem(tr("Choose a service…"), QString());
    for (const Service &service : m_catalogue.services()) {
        if (!service.active)
            continue;
        line.service->addItem(tr("%1 (%n min)", "", service.durationMinutes()).arg(service.name),
                              service.id);
    }
    line.service->setCurrentIndex(std::max(0, line.service->findData(serviceId)));
    line.stylist = new QComboBox(line.row);
    line.remove = new QPushButton(tr("Remove"), line.row);
    line.serviceLabel = new QLabel(line.row);
    line.serviceLabel->setBuddy(line.service);
    line.stylistLabel = new QLabel(tr("with"), line.row);
    line.stylistLabel->setBuddy(line.stylist);
    layout->addWidget(line.serviceLabel);
    layout->addWidget(line.service, 3);
    layout->addWidget(line.stylistLabel);
    layout->addWidget(line.stylist, 2);
    layout->addWidget(line.remove);
    m_linesLayout->addWidget(line.row);
    fillStylists(line);
    line.stylist->setCurrentIndex(std::max(0, line.stylist->findData(staffId)));
    m_lines.append(line);
    renameLines();

    QWidget *row = line.row;
    connect(line.service, &QComboBox::currentIndexChanged, this, [this, row] {
        for (Line &l : m_lines) {
            if (l.row == row)
                fillStylists(l);
        }
        changed();
    });
    connect(line.stylist, &QComboBox::currentIndexChanged, this, &AppointmentEditor::changed);
    connect(line.remove, &QPushButton::clicked, this, [this, row] { removeLine(row); });
    if (!m_building)
        changed();
}

void AppointmentEditor::removeLine(QWidget *row)
{
    for (int i = 0; i < m_lines.size(); ++i) {
        if (m_lines.at(i).row == row) {
            m_lines.removeAt(i);
            dropRow(row);
            break;
        }
    }
    renameLines();
    changed();
}

// Out of the editor at once (its names are taken by the lines that stay),
// deleted once the click that removed it is over.
void AppointmentEditor::dropRow(QWidget *row)
{
    row->hide();
    row->setParent(nullptr);
    row->deleteLater();
}

// Tests and screen readers find each line by its place.
void AppointmentEditor::renameLines()
{
    for (int i = 0; i < m_lines.size(); ++i) {
        const Line &line = m_lines.at(i);
        line.service->setObjectName(QStringLiteral("serviceCombo%1").arg(i));
        line.serviceLabel->setText(tr("%1.").arg(i + 1));
        line.serviceLabel->setAccessibleName(tr("Service %1").arg(i + 1));
        line.service->setAccessibleName(line.serviceLabel->accessibleName());
        line.stylist->setObjectName(QStringLiteral("stylistCombo%1").arg(i));
        line.stylistLabel->setAccessibleName(tr("Stylist for service %1").arg(i + 1));
        line.stylist->setAccessibleName(line.stylistLabel->accessibleName());
        line.remove->setObjectName(QStringLiteral("removeServiceButton%1").arg(i));
        line.remove->setAccessibleName(tr("Remove service %1").arg(i + 1));
        line.remove->setEnabled(m_lines.size() > 1);
    }
    // Lines are made after the fields below them; Tab still goes down the form.
    QWidget *previous = m_newClientButton;
    for (const Line &line : std::as_const(m_lines)) {
        for (QWidget *w :
             {static_cast<QWidget *>(line.service), static_cast<QWidget *>(line.stylist),
              static_cast<QWidget *>(line.remove)}) {
            setTabOrder(previous, w);
            previous = w;
        }
    }
    setTabOrder(previous, m_addLineButton);
    setTabOrder(m_addLineButton, m_dateEdit);
}

// Anyone, then the stylists who do the service (everyone while none is chosen).
void AppointmentEditor::fillStylists(Line &line)
{
    const QString serviceId = line.service->currentData().toString();
    const QString current = line.stylist->currentData().toString();
    const QSignalBlocker blocker(line.stylist);
    line.stylist->clear();
    line.stylist->addItem(tr("Anyone (first free)"), QString());
    for (const Staff &staff : m_catalogue.staff()) {
        if (staff.takesClients() && (serviceId.isEmpty() || staff.skillFor(serviceId)))
            line.stylist->addItem(staff.name, staff.id);
    }
    line.stylist->setCurrentIndex(std::max(0, line.stylist->findData(current)));
}

QList<QPair<QString, QString>> AppointmentEditor::chosenLines() const
{
    QList<QPair<QString, QString>> lines;
    for (const Line &line : m_lines)
        lines.append(
                {line.service->currentData().toString(), line.stylist->currentData().toString()});
    return lines;
}

// --- client ------------------------------------------------------------

void AppointmentEditor::searchClients(const QString &text)
{
    m_clientModel->setSearch(text);
    m_clientList->setVisible(m_clientModel->rowCount() > 0);
    if (m_clientModel->rowCount() > 0)
        m_clientList->setCurrentIndex(m_clientModel->index(0));
}

void AppointmentEditor::chooseClient(const QModelIndex &index)
{
    const std::optional<Client> client = m_clientModel->clientAt(index.row());
    if (!client)
        return;
    setClient(client->id);
    m_clientModel->setSearch(QString());
    m_clientList->hide();
    // Next, what they are having.
    if (!m_lines.isEmpty() && m_lines.constFirst().service->currentData().toString().isEmpty())
        m_lines.constFirst().service->setFocus();
}

void AppointmentEditor::setClient(const QString &clientId)
{
    m_clientId = clientId;
    m_newClientBox->hide();
    updateClientLabel();
    changed();
}

void AppointmentEditor::updateClientLabel()
{
    const Result<std::optional<Client>> read = chosenClient();
    if (!read) {
        m_clientError->setError(read.error().message);
        return;
    }
    const std::optional<Client> &client = *read;
    if (!client) {
        m_clientLabel->setText(tr("No client chosen yet"));
        return;
    }
    m_clientSearch->setText(client->name);
    QString text = client->phone.isEmpty()
            ? client->name
            : tr("%1 · %2", "client name · phone").arg(client->name, client->phone);
    if (client->noShowCount > 0)
        text += QLatin1Char(' ') + tr("(missed %n visit(s))", "", client->noShowCount);
    m_clientLabel->setText(text);
}

Result<std::optional<Client>> AppointmentEditor::chosenClient() const
{
    if (m_clientId.isEmpty())
        return std::optional<Client>();
    return m_store->client(m_clientId);
}

void AppointmentEditor::showNewClient()
{
    // What was typed in the search is most likely the new client's name or phone.
    const QString typed = m_clientSearch->text().trimmed();
    const bool typedIsChosenName = [&] {
        const Result<std::optional<Client>> c = chosenClient();
        return c && *c && (*c)->name == typed;
    }();
    if (!typedIsChosenName) {
        if (looksLikePhone(typed))
            m_newClientPhone->setText(typed);
        else
            m_newClientName->setText(typed);
    }
    m_newClientError->clearError();
    m_newClientBox->show();
    m_newClientName->setFocus();
}

void AppointmentEditor::addClient()
{
    Client client;
    client.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    client.salonId = m_salon.id;
    client.name = m_newClientName->text().simplified();
    client.phone = m_newClientPhone->text().trimmed();
    client.email = m_newClientEmail->text().trimmed();
    if (client.name.isEmpty()) {
        m_newClientError->setError(tr("Write the client's name."));
        m_newClientName->setFocus();
        return;
    }
    if (!client.email.isEmpty() && !client.email.contains(QLatin1Char('@'))) {
        m_newClientError->setError(
                tr("“%1” is not an email address; leave it empty if you do not have one.")
                        .arg(client.email));
        m_newClientEmail->setFocus();
        return;
    }
    if (const Result<void> saved = m_store->save(client); !saved) {
        m_newClientError->setError(saved.error().message);
        return;
    }
    m_newClientName->clear();
    m_newClientPhone->clear();
    m_newClientEmail->clear();
    setClient(client.id);
}

// --- when ----------------------------------------------------------------

Result<qint64> AppointmentEditor::localStart() const
{
    return SalonTime::localInstant(m_dateEdit->date(),
                                   QTime(m_timeEdit->time().hour(), m_timeEdit->time().minute()),
                                   m_zone);
}

qint64 AppointmentEditor::startsAt() const
{
    const Result<qint64> start = localStart();
    return start ? *start
                 : QDateTime(m_dateEdit->date(), m_timeEdit->time(), m_zone).toSecsSinceEpoch();
}

void AppointmentEditor::setStart(qint64 startsAt)
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(startsAt, m_zone);
    const bool building = m_building;
    m_building = true;
    m_dateEdit->setDate(local.date());
    m_timeEdit->setTime(QTime(local.time().hour(), local.time().minute()));
    m_building = building;
    changed();
}

void AppointmentEditor::setLines(const QList<QPair<QString, QString>> &lines)
{
    const bool building = m_building;
    m_building = true;
    while (!m_lines.isEmpty()) {
        dropRow(m_lines.takeLast().row);
    }
    for (const auto &line : lines)
        addLine(line.first, line.second);
    if (m_lines.isEmpty())
        addLine();
    m_building = building;
    changed();
}

void AppointmentEditor::setFreeMinutes(int minutes)
{
    m_freeHint->setText(tr("%n minute(s) free here", "", minutes));
    m_freeHint->setVisible(minutes > 0);
}

void AppointmentEditor::showSlotsFrom(qint64 from)
{
    setStart(from);
    m_slotFinder->setFrom(from);
}

void AppointmentEditor::focusClientSearch()
{
    m_clientSearch->setFocus();
    m_clientSearch->selectAll();
}

void AppointmentEditor::takeSlot(const Slot &slot)
{
    const bool building = m_building;
    m_building = true;
    for (Line &line : m_lines)
        line.stylist->setCurrentIndex(std::max(0, line.stylist->findData(slot.staffId)));
    const QDateTime local = QDateTime::fromSecsSinceEpoch(slot.startsAt, m_zone);
    m_dateEdit->setDate(local.date());
    m_timeEdit->setTime(QTime(local.time().hour(), local.time().minute()));
    m_building = building;
    changed();
}

// --- checking ------------------------------------------------------------

void AppointmentEditor::changed()
{
    if (m_building)
        return;
    // A repeat cannot end before its first visit.
    m_repeatUntil->setMinimumDate(m_dateEdit->date());
    validate();
    updateSlotFinder();
}

void AppointmentEditor::updateSlotFinder()
{
    QStringList services;
    QStringList stylists;
    for (const auto &line : chosenLines()) {
        if (!line.first.isEmpty())
            services.append(line.first);
        stylists.append(line.second);
    }
    stylists.removeDuplicates();
    // One stylist chosen for the whole visit: their free times; otherwise anyone's.
    m_slotFinder->setStylist(stylists.size() == 1 ? stylists.constFirst() : QString());
    m_slotFinder->setFrom(SalonTime::startOfDay(m_dateEdit->date(), m_zone));
    m_slotFinder->setServices(services);
}

QString AppointmentEditor::rrule() const
{
    if (!m_repeatCheck->isChecked())
        return {};
    const QString rule = QStringLiteral("FREQ=WEEKLY;INTERVAL=%1").arg(m_repeatWeeks->value());
    if (m_repeatEnd->currentIndex() == 0)
        return rule + QStringLiteral(";COUNT=%1").arg(m_repeatCount->value());
    return rule + QStringLiteral(";UNTIL=%1").arg(m_repeatUntil->date().toString(u"yyyyMMdd"));
}

BookingRequest AppointmentEditor::request() const
{
    BookingRequest request;
    request.salonId = m_salon.id;
    request.clientId = m_clientId;
    request.lines = m_resolved;
    request.startsAt = startsAt();
    request.notes = m_notesEdit->toPlainText().trimmed();
    request.depositCents = std::llround(m_depositSpin->value() * 100);
    request.overbook = m_overbookCheck->isVisible() && m_overbookCheck->isChecked();
    request.by = m_by;
    request.rrule = rrule();
    return request;
}

// "Anyone" becomes the first stylist (in the rota's order) free at that time:
// one who can do the whole visit if there is one, otherwise service by service.
Result<QList<QPair<QString, QString>>> AppointmentEditor::resolveAnyone(qint64 startsAt)
{
    QList<QPair<QString, QString>> lines = chosenLines();
    const bool allAnyone = std::all_of(lines.cbegin(), lines.cend(),
                                       [](const auto &line) { return line.second.isEmpty(); });
    if (allAnyone) {
        QStringList services;
        for (const auto &line : std::as_const(lines))
            services.append(line.first);
        const Result<QList<Slot>> free =
                m_book.freeSlots(m_salon.id, {services, {}}, startsAt, startsAt + 60, 1, 1);
        if (free && !free->isEmpty() && free->constFirst().startsAt == startsAt) {
            for (auto &line : lines)
                line.second = free->constFirst().staffId;
            return lines;
        }
    }
    for (int i = 0; i < lines.size(); ++i) {
        if (!lines.at(i).second.isEmpty())
            continue;
        for (const Staff &staff : m_catalogue.staff()) {
            if (!staff.takesClients() || !staff.skillFor(lines.at(i).first))
                continue;
            BookingRequest probe;
            probe.salonId = m_salon.id;
            probe.walkIn = true;
            probe.startsAt = startsAt;
            probe.lines = lines.mid(0, i);
            probe.lines.append({lines.at(i).first, staff.id});
            const Result<BookingProblems> problems = m_book.problems(probe);
            if (problems && problems->isEmpty()) {
                lines[i].second = staff.id;
                break;
            }
        }
        if (lines.at(i).second.isEmpty()) {
            return Error::conflict(tr("Nobody who does %1 is free at %2. Choose a stylist, or "
                                      "take a time from Next free.")
                                           .arg(m_catalogue.serviceName(lines.at(i).first),
                                                SalonTime::shortText(startsAt, m_zone)));
        }
    }
    return lines;
}

void AppointmentEditor::clearErrors()
{
    for (FieldError *label : {m_clientError, m_servicesError, m_timeError, m_notesError,
                              m_depositError, m_repeatError, m_bookError})
        label->clearError();
}

void AppointmentEditor::validate()
{
    clearErrors();
    m_valid = false;
    m_resolved.clear();

    const QList<QPair<QString, QString>> chosen = chosenLines();
    int minutes = 0;
    int services = 0;
    bool lineWithoutService = false;
    for (const auto &line : chosen) {
        lineWithoutService = lineWithoutService || line.first.isEmpty();
        for (const Service &service : m_catalogue.services()) {
            if (service.id == line.first) {
                minutes += service.durationMinutes();
                ++services;
            }
        }
    }
    m_servicesSummary->setText(services == 0 ? QString()
                                             : tr("%n service(s)", "", services)
                                               + QStringLiteral(" · ") + tr("%n min", "", minutes));

    const qint64 start = startsAt();
    BookingRequest request;
    request.salonId = m_salon.id;
    request.clientId = m_clientId;
    request.startsAt = start;
    request.notes = m_notesEdit->toPlainText().trimmed();
    request.depositCents = std::llround(m_depositSpin->value() * 100);
    request.rrule = rrule();

    bool servicesOk = !lineWithoutService;
    if (lineWithoutService) {
        m_servicesError->setError(chosen.size() == 1
                                          ? tr("Choose a service.")
                                          : tr("Choose a service on every line, or remove the "
                                               "line."));
    } else if (!chosen.isEmpty()) {
        const Result<QList<QPair<QString, QString>>> resolved = resolveAnyone(start);
        if (resolved) {
            m_resolved = *resolved;
        } else {
            servicesOk = false;
            m_servicesError->setError(resolved.error().message);
        }
    }
    // The core checks the other fields even while the services are not settled:
    // a stand-in stylist who does each service (or nobody at all) is enough.
    if (m_resolved.isEmpty()) {
        for (const auto &line : chosen) {
            if (line.first.isEmpty())
                continue;
            QString staffId = line.second;
            for (const Staff &staff : m_catalogue.staff()) {
                if (staffId.isEmpty() && staff.skillFor(line.first))
                    staffId = staff.id;
            }
            request.lines.append({line.first, staffId});
        }
        if (request.lines.isEmpty() && lineWithoutService)
            request.lines = standInLines();
    } else {
        request.lines = m_resolved;
    }

    // The core says what is wrong, one rule at a time; each field it blames is
    // set aside and the rest checked again, so every field at fault is named.
    bool fieldsOk = true;
    std::optional<BookingProblems> problems;
    BookingRequest probe = request;
    for (int round = 0; round < 6; ++round) {
        const Result<BookingProblems> checked = m_book.problems(probe);
        if (checked) {
            problems = *checked;
            break;
        }
        fieldsOk = false;
        const QString message = checked.error().message;
        if (probe.lines.isEmpty()) {
            if (servicesOk)
                m_servicesError->setError(message);
            servicesOk = false;
            // A stand-in service, so the other fields are still checked.
            probe.lines = standInLines();
            if (probe.lines.isEmpty())
                break;
        } else if (probe.clientId.isEmpty() && !probe.walkIn) {
            m_clientError->setError(message);
            probe.walkIn = true;
        } else if (probe.notes.size() > AppointmentBook::maxNotesLength) {
            m_notesError->setError(message);
            probe.notes.clear();
        } else if (probe.depositCents < 0) {
            m_depositError->setError(message);
            probe.depositCents = 0;
        } else if (!probe.rrule.isEmpty() && m_book.problems([&] {
                       BookingRequest once = probe;
                       once.rrule.clear();
                       return once;
                   }())) {
            m_repeatError->setError(message);
            probe.rrule.clear();
        } else {
            if (servicesOk)
                m_servicesError->setError(message);
            break;
        }
    }

    // Conflicts: only a knowing overbook passes them, and never a malformed visit.
    const bool standing = !request.rrule.isEmpty();
    bool conflictsOk = true;
    if (problems && !problems->isEmpty() && servicesOk) {
        const bool malformed =
                std::any_of(problems->cbegin(), problems->cend(), [](const BookingProblem &p) {
                    return p.kind == BookingProblem::Kind::Invalid;
                });
        if (standing) {
            m_timeError->setError(tr("This time does not fit for every date of the repeat; "
                                     "the dates are listed under Repeat."));
        } else {
            QStringList lines;
            for (const BookingProblem &problem : std::as_const(*problems))
                lines.append(QStringLiteral("• ") + problem.message);
            m_timeError->setError(tr("This time does not fit:") + QLatin1Char('\n')
                                  + lines.join(QLatin1Char('\n')));
        }
        m_overbookCheck->setVisible(!malformed);
        conflictsOk = !malformed && m_overbookCheck->isChecked();
    } else {
        m_overbookCheck->setVisible(false);
    }
    updateRepeatPreview(request);
    updatePatchTestWarning(chosen, start);

    // A time the clocks skip (02:30 on the spring morning) is refused, as the core does.
    const Result<qint64> typed = localStart();
    if (!typed)
        m_timeError->setError(typed.error().message);
    m_valid = typed.ok() && fieldsOk && servicesOk && problems.has_value() && conflictsOk;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
}

// The first service someone does, with them: enough for the core to check
// the fields other than the services.
QList<QPair<QString, QString>> AppointmentEditor::standInLines() const
{
    for (const Service &service : m_catalogue.services()) {
        for (const Staff &staff : m_catalogue.staff()) {
            if (service.active && staff.takesClients() && staff.skillFor(service.id))
                return {{service.id, staff.id}};
        }
    }
    return {};
}

// A warning, not a refusal: the test may have been done and not yet recorded.
void AppointmentEditor::updatePatchTestWarning(const QList<QPair<QString, QString>> &lines,
                                               qint64 startsAt)
{
    const Result<std::optional<Client>> read = chosenClient();
    if (!read) {
        m_patchTestWarning->setError(read.error().message);
        return;
    }
    const std::optional<Client> &client = *read;
    QList<Service> services;
    for (const auto &line : lines) {
        for (const Service &service : m_catalogue.services()) {
            if (service.id == line.first)
                services.append(service);
        }
    }
    const std::optional<QString> warning =
            client ? PatchTest::warning(m_salon, *client, services, startsAt) : std::nullopt;
    m_patchTestWarning->setError(warning.value_or(QString()));
}

bool AppointmentEditor::needsRepeatPreview() const
{
    return m_repeatCheck->isChecked();
}

// Every date of the repeat, checked on its own: which do not fit and why.
void AppointmentEditor::updateRepeatPreview(const BookingRequest &request)
{
    // Up to 52 dates are checked one by one: not again for a keystroke in
    // the notes, only when what decides whether a date fits has changed.
    QStringList key{request.clientId, request.rrule, QString::number(request.startsAt)};
    for (const auto &line : request.lines)
        key << line.first << line.second;
    if (needsRepeatPreview() && key == m_previewKey)
        return;
    m_previewKey = needsRepeatPreview() ? key : QStringList();
    m_repeatPreview->clear();
    if (!needsRepeatPreview() || request.lines.isEmpty()) {
        m_repeatSummary->clear();
        m_repeatPreview->hide();
        return;
    }
    const Result<QList<qint64>> starts =
            Recurrence::occurrences(request.rrule, request.startsAt, m_zone);
    if (!starts) {
        m_repeatSummary->clear();
        m_repeatPreview->hide();
        return;
    }
    int misfits = 0;
    for (const qint64 start : *starts) {
        BookingRequest once = request;
        once.rrule.clear();
        once.startsAt = start;
        once.walkIn = once.clientId.isEmpty();
        const Result<BookingProblems> problems = m_book.problems(once);
        QStringList why;
        if (!problems)
            why.append(problems.error().message);
        else
            for (const BookingProblem &problem : *problems)
                why.append(problem.message);
        if (why.isEmpty())
            continue;
        ++misfits;
        auto *item = new QListWidgetItem(tr("%1: %2").arg(SalonTime::shortText(start, m_zone),
                                                          why.join(QStringLiteral("; "))),
                                         m_repeatPreview);
        item->setData(Qt::UserRole, start);
    }
    const int count = int(starts->size());
    if (misfits == 0) {
        m_repeatSummary->setText(
                tr("All %n visit(s) fit, up to %1.", "", count)
                        .arg(count > 0 ? SalonTime::shortText(starts->constLast(), m_zone)
                                       : QString()));
    } else {
        m_repeatSummary->setText(
                tr("%n date(s) do not fit. A standing appointment is booked whole: change the "
                   "time, the stylist or the repeat, or overbook.",
                   "", misfits));
    }
    m_repeatPreview->setVisible(misfits > 0);
}

// Down from the search goes to the matches, as in any search box.
bool AppointmentEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_clientSearch && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down && m_clientList->isVisible()) {
        m_clientList->setFocus();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

void AppointmentEditor::showAppointment(const Appointment &appointment)
{
    m_appointmentId = appointment.id;
    setWindowTitle(tr("Appointment"));
    // Filled in as booked, without the checks: the visit would clash with
    // itself. Changes to it are made in the day view (drag, status keys).
    m_building = true;
    setClient(appointment.clientId);
    QList<QPair<QString, QString>> lines;
    for (const ServiceLine &line : appointment.lines)
        lines.append({line.serviceId, line.staffId});
    setLines(lines);
    setStart(appointment.startsAt());
    m_notesEdit->setPlainText(appointment.notes);
    m_depositSpin->setValue(double(appointment.depositCents) / 100.0);
    clearErrors();
    m_bookingPage->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->hide();
    QPushButton *close = m_buttons->button(QDialogButtonBox::Cancel);
    close->setText(tr("Close"));
    close->setAccessibleName(tr("Close"));

    const Result<QSet<QString>> waiting = m_store->waitingToSync(Entity::Appointment);
    if (!waiting)
        m_bookError->setError(waiting.error().message);
    m_waitingLabel->setVisible(waiting && waiting->contains(appointment.id));
    // The server's audit trail, on a PC that has joined one.
    const Result<std::optional<ServerLink>> link = m_store->serverLink();
    if (!link)
        m_bookError->setError(link.error().message);
    if (link && *link && !m_history) {
        m_history = new AppointmentHistory(m_store, appointment.id, m_zone, m_tabs);
        m_tabs->addTab(m_history, tr("&History"));
    }
}

void AppointmentEditor::accept()
{
    if (!m_appointmentId.isEmpty()) { // a booked visit is shown, never booked again
        QDialog::accept();
        return;
    }
    validate();
    if (!m_valid)
        return;
    if (m_booker) {
        if (const Result<void> booked = m_booker(request()); !booked) {
            m_bookError->setError(booked.error().message);
            return;
        }
    }
    QDialog::accept();
}

} // namespace chairside
