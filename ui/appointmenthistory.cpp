#include "appointmenthistory.h"

#include "auth/tokenstore.h"
#include "logging.h"
#include "server/serverconnection.h"
#include "server/serverjoin.h"
#include "store/store.h"
#include "sync/syncconnection.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <optional>

namespace chairside {

struct AppointmentHistory::Outcome
{
    std::optional<Result<QList<HistoryEntry>>> history;
};

AppointmentHistory::AppointmentHistory(Store *store, const QString &appointmentId,
                                       const QTimeZone &zone, QWidget *parent)
    : QWidget(parent), m_store(store), m_appointmentId(appointmentId), m_zone(zone)
{
    setObjectName(QStringLiteral("appointmentHistory"));
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(tr("History from the salon's server"));
    m_table->setHorizontalHeaderLabels({tr("When (on that PC)"), tr("Server got it"), tr("Who"),
                                        tr("PC"), tr("What changed"), tr("Outcome")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_retry = new QPushButton(tr("Try again"), this);
    m_retry->setObjectName(QStringLiteral("historyRetryButton"));
    m_retry->setAccessibleName(tr("Read the history again"));
    connect(m_retry, &QPushButton::clicked, this, &AppointmentHistory::load);
    auto *row = new QHBoxLayout;
    row->addWidget(m_status, 1);
    row->addWidget(m_retry);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);
    load();
}

AppointmentHistory::~AppointmentHistory()
{
    if (m_thread)
        m_thread->disconnect(this);
}

QString AppointmentHistory::message() const
{
    return m_status->text();
}

void AppointmentHistory::load()
{
    if (m_thread || (m_state == State::Loading && !m_deviceId.isEmpty()))
        return; // one read at a time
    m_state = State::Loading;
    m_status->setText(tr("Loading…"));
    m_retry->setEnabled(false);
    if (!m_store) {
        fail(tr("The appointment book could not be opened."));
        return;
    }
    const Result<ServerLink> link = SyncConnection::link(*m_store);
    if (!link) {
        fail(link.error().message);
        return;
    }
    // The password from the keychain on this thread, answered later.
    if (!m_keychain) {
        m_keychain.reset(new TokenStore, [](TokenStore *keychain) { keychain->deleteLater(); });
        connect(m_keychain.get(), &TokenStore::secretRead, this,
                [this](const QString &account, const QString &, const Result<QByteArray> &read) {
                    if (m_deviceId.isEmpty() || account != ServerJoin::keychainAccount(m_deviceId))
                        return;
                    m_deviceId.clear();
                    if (!read)
                        fail(ServerJoin::passwordReadError(read.error()).message);
                    else
                        fetch(*read);
                });
    }
    m_deviceId = link->deviceId;
    m_keychain->read(ServerJoin::keychainAccount(m_deviceId), ServerJoin::passwordSecret());
}

void AppointmentHistory::fetch(const QByteArray &password)
{
    // The connection and the query on a worker: a server out of reach
    // takes seconds to say so.
    const Result<ServerLink> link = SyncConnection::link(*m_store);
    if (!link) {
        fail(link.error().message);
        return;
    }
    auto outcome = std::make_shared<Outcome>();
    const ServerLink joined = *link;
    const QString id = m_appointmentId;
    m_thread = QThread::create([outcome, joined, password, id] {
        auto server = SyncConnection::open(joined, password, connectTimeoutSeconds);
        if (!server) {
            outcome->history = server.error();
            return;
        }
        outcome->history = BookHistory::of(**server, Entity::Appointment, id);
    });
    m_thread->setObjectName(QStringLiteral("appointment-history"));
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, this, [this, outcome] {
        m_thread = nullptr;
        show(*outcome->history);
    });
    m_thread->start();
}

void AppointmentHistory::fail(const QString &message)
{
    qCInfo(lcUi).noquote() << "history of" << m_appointmentId << "not read:" << message;
    m_state = State::Failed;
    m_status->setText(tr("The history could not be read from the salon's server. %1").arg(message));
    m_retry->setEnabled(true);
    emit loaded(false);
}

void AppointmentHistory::show(const Result<QList<HistoryEntry>> &history)
{
    if (!history) {
        fail(history.error().message);
        return;
    }
    m_entries = *history;
    m_state = State::Shown;
    m_retry->setEnabled(true);
    const QLocale locale;
    const auto when = [&](const QDateTime &at) {
        return at.isValid()
                ? locale.toString(at.toTimeZone(m_zone), QStringLiteral("ddd d MMM yyyy, HH:mm"))
                : QString();
    };
    const auto outcomeText = [](const QString &outcome) {
        if (outcome == QLatin1String("applied"))
            return tr("applied");
        if (outcome == QLatin1String("conflict"))
            return tr("conflict");
        if (outcome == QLatin1String("refused"))
            return tr("refused");
        return outcome;
    };
    m_table->setRowCount(int(m_entries.size()));
    for (int i = 0; i < m_entries.size(); ++i) {
        const HistoryEntry &e = m_entries.at(i);
        const QStringList cells = {when(e.happenedAt),
                                   when(e.receivedAt),
                                   e.changedBy.isEmpty() ? tr("someone") : e.changedBy,
                                   e.device,
                                   BookHistory::changesInWords(e),
                                   outcomeText(e.outcome)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c == 4)
                item->setToolTip(QString::fromUtf8(e.changes));
            m_table->setItem(i, c, item);
        }
    }
    m_status->setText(
            m_entries.isEmpty()
                    ? tr("The server has no history for this appointment yet: it has "
                         "not received it.")
                    : tr("%n change(s) on the salon's server.", "", int(m_entries.size())));
    emit loaded(true);
}

} // namespace chairside
