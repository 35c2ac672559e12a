#include "syncstatus.h"

#include "store/store.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTime>
#include <QToolButton>

namespace chairside {

namespace {

// Long sentences (a refusal, an error) are cut in the bar; the tooltip has
// them whole.
constexpr int widestText = 560;

// "10:42": the locale's short time, without seconds (the C locale's has them).
QString shortTime(const QTime &time)
{
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QLatin1String(":ss")).remove(QLatin1String(".ss"));
    return QLocale().toString(time, format);
}

} // namespace

SyncStatus::SyncStatus(Store *store, QAction *syncNow, QWidget *parent)
    : QWidget(parent), m_store(store)
{
    setObjectName(QStringLiteral("syncStatus"));
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("syncStateLabel"));
    m_label->setTextFormat(Qt::PlainText);
    m_button = new QToolButton(this);
    m_button->setObjectName(QStringLiteral("syncNowButton"));
    m_button->setDefaultAction(syncNow);
    m_button->setAutoRaise(true);
    m_button->setAccessibleName(tr("Sync now with the salon's server"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_button);
    if (m_store)
        connect(m_store, &Store::changed, this, &SyncStatus::recountPending);
    refresh();
}

QString SyncStatus::text() const
{
    return m_label->accessibleName();
}

void SyncStatus::refresh()
{
    if (!m_store) {
        show(SyncFacts());
        return;
    }
    const Result<SyncFacts> facts = SyncFacts::read(*m_store);
    if (!facts)
        return; // the window says why it cannot read the store
    SyncFacts known = *facts;
    // The engine knows better once it has spoken.
    if (m_facts.joined() && m_facts.link == known.link) {
        known.state = m_facts.state;
        known.name = m_facts.name;
    }
    show(known);
}

void SyncStatus::setFacts(const SyncFacts &facts)
{
    show(facts);
}

void SyncStatus::recountPending()
{
    if (!m_store)
        return;
    const Result<qint64> pending = m_store->outboxPending(Store::serverConsumer);
    if (!pending || *pending == m_facts.pending)
        return;
    SyncFacts facts = m_facts;
    facts.pending = *pending;
    show(facts);
}

void SyncStatus::show(const SyncFacts &facts)
{
    m_facts = facts;
    const QString words = describe(facts, QDateTime::currentSecsSinceEpoch());
    m_label->setText(m_label->fontMetrics().elidedText(words, Qt::ElideRight, widestText));
    m_label->setAccessibleName(words);
    const QString tip = details(facts);
    m_label->setToolTip(tip);
    m_button->setToolTip(tip);
    m_button->setEnabled(facts.joined());
}

QString SyncStatus::describe(const SyncFacts &facts, qint64 now)
{
    const int pending = int(facts.pending);
    using State = SyncFacts::State;
    switch (facts.state) {
    case State::NotJoined:
        return tr("Not joined to a salon's server — every change is saved on this computer");
    case State::Connecting: return tr("Connecting to the salon's server…");
    case State::Syncing: return tr("Syncing with the salon's server…");
    case State::Offline:
        return pending == 0 ? tr("Offline — every change is saved on this computer")
                            : tr("Offline — %n change(s) waiting to sync", nullptr, pending);
    case State::Error:
        return pending == 0
                ? tr("Sync failed, trying again — %1").arg(facts.lastError)
                : tr("Sync failed, trying again — %n change(s) waiting to sync", nullptr, pending);
    case State::Revoked: return tr("Server refused this PC: %1").arg(facts.lastError);
    case State::Stopped: return tr("Sync stopped — %1 Sync now tries again.").arg(facts.lastError);
    case State::UpToDate: break;
    }
    QString when;
    if (facts.lastSyncAt) {
        const QDateTime at = QDateTime::fromSecsSinceEpoch(*facts.lastSyncAt).toLocalTime();
        when = at.date() == QDateTime::fromSecsSinceEpoch(now).toLocalTime().date()
                ? shortTime(at.time())
                : QLocale().toString(at.date(), QLocale::ShortFormat) + QLatin1Char(' ')
                        + shortTime(at.time());
    }
    const QString upToDate =
            when.isEmpty() ? tr("Up to date") : tr("Up to date · last sync %1").arg(when);
    return pending == 0 ? upToDate
                        : upToDate + tr(" · %n change(s) waiting to sync", nullptr, pending);
}

QString SyncStatus::details(const SyncFacts &facts)
{
    if (!facts.joined())
        return tr("This PC has not joined a salon's server (File → Join salon…).");
    QStringList lines;
    lines.append(tr("Server: %1").arg(facts.link.url));
    lines.append(tr("This PC: %1")
                         .arg(facts.name.isEmpty() ? tr("device %1").arg(facts.link.deviceId)
                                                   : facts.name));
    lines.append(facts.listen ? tr("Wake-ups: the server's notifications, and a poll")
                              : tr("Wake-ups: polling only"));
    if (!facts.lastError.isEmpty())
        lines.append(tr("Last error: %1").arg(facts.lastError));
    return lines.join(QLatin1Char('\n'));
}

} // namespace chairside
