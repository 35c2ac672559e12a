#include "conflictpanel.h"

#include "conflictcommand.h"
#include "conflictmodel.h"

#include "booking/liveschedule.h"
#include "domain/salontime.h"
#include "logging.h"
#include "store/store.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace chairside {

namespace {

// On the "move to" list: "another time", taken from the field beside it.
constexpr int AnotherTime = -1;

} // namespace

ConflictPanel::ConflictPanel(Store *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("conflictSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_model = new ConflictModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("conflictView"));
    m_view->setAccessibleName(tr("Conflicts to resolve"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    layout->addWidget(m_view, 1);

    auto *moveRow = new QHBoxLayout;
    auto *moveLabel = new QLabel(tr("Move this PC's visit to:"), this);
    m_moveTarget = new QComboBox(this);
    m_moveTarget->setObjectName(QStringLiteral("conflictMoveCombo"));
    m_moveTarget->setAccessibleName(tr("Move this PC's visit to"));
    moveLabel->setBuddy(m_moveTarget);
    m_moveTime = new QDateTimeEdit(this);
    m_moveTime->setObjectName(QStringLiteral("conflictMoveTimeEdit"));
    m_moveTime->setAccessibleName(tr("Another time"));
    m_moveTime->setDisplayFormat(QStringLiteral("ddd d MMM yyyy HH:mm"));
    m_moveTime->setCalendarPopup(true);
    m_moveButton = new QPushButton(tr("&Move"), this);
    m_moveButton->setObjectName(QStringLiteral("conflictMoveButton"));
    m_moveButton->setAccessibleName(tr("Move this PC's visit to the time chosen"));
    moveRow->addWidget(moveLabel);
    moveRow->addWidget(m_moveTarget, 1);
    moveRow->addWidget(m_moveTime);
    moveRow->addWidget(m_moveButton);
    layout->addLayout(moveRow);

    auto *buttons = new QHBoxLayout;
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("conflictMessage"));
    m_message->setWordWrap(true);
    m_overbookButton = new QPushButton(tr("&Overbook…"), this);
    m_overbookButton->setObjectName(QStringLiteral("conflictOverbookButton"));
    m_overbookButton->setAccessibleName(tr("Overbook: keep this PC's visit over the clash"));
    m_overbookButton->setToolTip(tr("Book this PC's visit anyway, knowingly over the clash (a "
                                    "manager's choice)"));
    m_cancelButton = new QPushButton(tr("Cancel the &visit"), this);
    m_cancelButton->setObjectName(QStringLiteral("conflictCancelButton"));
    m_cancelButton->setAccessibleName(tr("Keep this PC's visit as cancelled"));
    m_keepServerButton = new QPushButton(tr("&Keep the server's"), this);
    m_keepServerButton->setObjectName(QStringLiteral("conflictKeepServerButton"));
    m_keepServerButton->setAccessibleName(tr("Keep the server's version"));
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_overbookButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_keepServerButton);
    layout->addLayout(buttons);

    connect(m_moveButton, &QPushButton::clicked, this, &ConflictPanel::moveSelected);
    connect(m_overbookButton, &QPushButton::clicked, this, &ConflictPanel::overbookSelected);
    connect(m_cancelButton, &QPushButton::clicked, this, &ConflictPanel::cancelSelected);
    connect(m_keepServerButton, &QPushButton::clicked, this, &ConflictPanel::keepServerSelected);
    connect(m_moveTarget, &QComboBox::currentIndexChanged, this, [this] {
        m_moveTime->setEnabled(m_moveButton->isEnabled()
                               && m_moveTarget->currentData().toInt() == AnotherTime);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConflictPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConflictPanel::updateActions);
    if (m_store) {
        m_schedule = new LiveSchedule(*m_store, QString(), this);
        connect(m_store, &Store::changed, this, &ConflictPanel::storeChanged);
        connect(m_store, &Store::contentsReplaced, this, &ConflictPanel::reload);
    }
    reload();
}

ConflictPanel::~ConflictPanel() = default;

void ConflictPanel::setSalon(const QString &salonId, const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    if (salonId == m_salonId)
        return;
    m_salonId = salonId;
    if (m_schedule)
        m_schedule->setSalon(salonId);
    reload();
}

int ConflictPanel::openCount() const
{
    return int(m_model->rows().size());
}

int ConflictPanel::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

int ConflictPanel::rowOf(const QString &appointmentId) const
{
    const QList<ConflictModel::Row> &rows = m_model->rows();
    for (int row = 0; row < rows.size(); ++row) {
        const SyncConflict &c = rows.at(row).conflict;
        if (c.entity == Entity::Appointment && c.entityId == appointmentId && !c.resolvedAt)
            return row;
    }
    return -1;
}

void ConflictPanel::selectRow(int row)
{
    m_view->selectRow(row);
}

void ConflictPanel::reload()
{
    const Result<QList<SyncConflict>> conflicts =
            m_store ? m_store->conflicts() : Result<QList<SyncConflict>>(QList<SyncConflict>());
    if (!conflicts) {
        // The inbox shown stays; the message line says why it may be stale.
        say(conflicts.error().message);
        return;
    }
    const qint64 now = m_store ? m_store->clock().secondsNow() : 0;
    QList<ConflictModel::Row> rows;
    for (const SyncConflict &c : *conflicts) {
        if (!m_salonId.isEmpty() && !c.salonId.isEmpty() && c.salonId != m_salonId)
            continue;
        ConflictModel::Row row;
        row.conflict = c;
        row.reason = ConflictResolution::reasonInWords(c, m_zone);
        row.server = c.serverDeleted
                ? tr("removed")
                : ConflictResolution::describe(*m_store, c.entity, c.serverPayload, m_zone);
        row.mine = c.localOp == Change::Op::Removed
                ? tr("removed")
                : ConflictResolution::describe(*m_store, c.entity, c.localPayload, m_zone);
        row.movable = c.entity == Entity::Appointment && c.localOp == Change::Op::Upserted;
        if (row.movable && m_schedule && !m_salonId.isEmpty()) {
            // The slot finder's question for this PC's visit: its services
            // with its stylist, from its day on (never before now).
            const Appointment mine =
                    Appointment::fromJson(QJsonDocument::fromJson(c.localPayload).object());
            VisitRequest request;
            for (const ServiceLine &line : mine.lines) {
                request.serviceIds.append(line.serviceId);
                if (request.staffId.isEmpty())
                    request.staffId = line.staffId;
            }
            const qint64 from = std::max(
                    now,
                    SalonTime::startOfDay(SalonTime::localDate(mine.startsAt(), m_zone), m_zone));
            const Result<QList<Slot>> found = m_schedule->freeSlots(
                    request, from, from + qint64(daysAhead) * 86400, 15, suggestionsShown);
            if (found)
                row.suggestions = *found;
            else
                say(found.error().message);
        }
        rows.append(row);
    }
    const qint64 selectedId = selectedRow() >= 0
            ? m_model->rows().at(selectedRow()).conflict.id
            : (rows.isEmpty() ? 0 : rows.constFirst().conflict.id);
    m_model->setRows(rows, m_zone);
    for (int i = 0; i < rows.size(); ++i) {
        if (rows.at(i).conflict.id == selectedId)
            m_view->selectRow(i);
    }
    const int count = int(rows.size());
    m_summary->setText(count == 0 ? tr("No conflicts: the salon's server took every change.")
                                  : tr("%n conflict(s) to resolve", "", count));
    updateActions();
    if (count != m_count) {
        m_count = count;
        emit countChanged(count);
    }
}

void ConflictPanel::storeChanged(const ChangeSet &changes)
{
    // A new or settled entry; with entries open, any change may take or
    // free a suggested time.
    const bool inbox = std::any_of(changes.cbegin(), changes.cend(), [](const Change &c) {
        return c.kind == Change::Kind::Conflict;
    });
    if (inbox || !m_model->rows().isEmpty())
        reload();
}

void ConflictPanel::updateActions()
{
    const int row = selectedRow();
    const bool chosen = row >= 0;
    const bool movable = chosen && m_model->rows().at(row).movable;
    m_moveTarget->clear();
    if (movable) {
        const ConflictModel::Row &r = m_model->rows().at(row);
        for (int i = 0; i < r.suggestions.size(); ++i)
            m_moveTarget->addItem(m_model->slotText(r.suggestions.at(i)), i);
        m_moveTarget->addItem(tr("Another time…"), AnotherTime);
        const Appointment mine =
                Appointment::fromJson(QJsonDocument::fromJson(r.conflict.localPayload).object());
        // The field shows the salon's wall-clock time (as the editor's do).
        const QDateTime local = QDateTime::fromSecsSinceEpoch(
                r.suggestions.isEmpty() ? mine.startsAt() : r.suggestions.constFirst().startsAt,
                m_zone);
        m_moveTime->setDateTime(QDateTime(local.date(), local.time()));
    }
    for (QWidget *w :
         {static_cast<QWidget *>(m_moveTarget), static_cast<QWidget *>(m_moveButton),
          static_cast<QWidget *>(m_overbookButton), static_cast<QWidget *>(m_cancelButton)})
        w->setEnabled(movable);
    m_moveTime->setEnabled(movable && m_moveTarget->currentData().toInt() == AnotherTime);
    m_keepServerButton->setEnabled(chosen);
}

void ConflictPanel::moveSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const int chosen = m_moveTarget->currentData().toInt();
    const QList<Slot> &suggestions = m_model->rows().at(row).suggestions;
    const qint64 to = chosen >= 0 && chosen < suggestions.size()
            ? suggestions.at(chosen).startsAt
            : QDateTime(m_moveTime->date(), m_moveTime->time(), m_zone).toSecsSinceEpoch();
    settle(ConflictResolution::Choice::MoveTo, to,
           tr("Move the visit in conflict to %1").arg(SalonTime::shortText(to, m_zone)));
}

void ConflictPanel::overbookSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    // A manager's choice, made knowingly: said first, as the day view does.
    if (!m_confirm || !m_confirm({m_model->rows().at(row).reason})) {
        say(tr("Nothing was changed."));
        return;
    }
    settle(ConflictResolution::Choice::Overbook, 0, tr("Overbook the visit in conflict"));
}

void ConflictPanel::cancelSelected()
{
    settle(ConflictResolution::Choice::Cancel, 0, tr("Cancel the visit in conflict"));
}

void ConflictPanel::keepServerSelected()
{
    settle(ConflictResolution::Choice::KeepServer, 0, tr("Keep the server's version"));
}

void ConflictPanel::settle(ConflictResolution::Choice choice, qint64 moveTo, const QString &text)
{
    const int row = selectedRow();
    if (row < 0 || !m_store)
        return;
    const ConflictCommand::Resolution resolution{m_model->rows().at(row).conflict.id, choice,
                                                 moveTo};
    const auto report = [this](const QString &message) {
        say(message);
    };
    QUndoStack fallback; // no window: nothing to undo with
    QUndoStack &stack = m_undoStack ? *m_undoStack : fallback;
    if (const Result<void> done =
                ConflictCommand::resolve(stack, *m_store, resolution, m_zone, text, report);
        !done) {
        say(tr("Not resolved: %1").arg(done.error().message));
        return;
    }
    const QString message = choice == ConflictResolution::Choice::KeepServer
            ? tr("Resolved: the server's version stands.")
            : tr("Resolved (%1); the change goes to the server with the next sync.").arg(text);
    say(message);
    emit resolved(message);
}

void ConflictPanel::say(const QString &message)
{
    qCInfo(lcUi).noquote() << message;
    m_message->setText(message);
}

} // namespace chairside
