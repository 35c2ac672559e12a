#include "joinsalondialog.h"

#include "fielderror.h"

#include "auth/tokenstore.h"
#include "logging.h"
#include "server/enrolmentcode.h"
#include "server/serverjoin.h"
#include "store/store.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

namespace chairside {

struct JoinSalonDialog::Outcome
{
    std::optional<Result<ServerLink>> link;
    ServerJoin::Names names;
};

JoinSalonDialog::JoinSalonDialog(Store *store, QWidget *parent) : QDialog(parent), m_store(store)
{
    setObjectName(QStringLiteral("joinSalonDialog"));
    setWindowTitle(tr("Join salon"));

    m_intro = new QLabel(tr("Paste the enrolment code the salon's admin made for this PC "
                            "(it starts with CHAIRSIDE1- and works once, for 24 hours)."),
                         this);
    m_intro->setObjectName(QStringLiteral("joinIntroLabel"));
    m_intro->setWordWrap(true);

    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("joinCodeEdit"));
    m_code->setPlaceholderText(QStringLiteral("CHAIRSIDE1-…"));
    m_code->setAccessibleName(tr("Enrolment code"));
    m_code->setMinimumWidth(420);
    m_error = new FieldError(this);
    m_error->setObjectName(QStringLiteral("joinCodeError"));
    m_error->setAccessibleName(tr("Problem with the enrolment code"));

    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("joinBusyIndicator"));
    m_busy->setRange(0, 0); // busy: no figure to show
    m_busy->setTextVisible(false);
    m_busy->setAccessibleName(tr("Joining the salon's server"));
    m_busy->hide();

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("joinResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();

    m_firstSync = new QProgressBar(this);
    m_firstSync->setObjectName(QStringLiteral("firstSyncProgress"));
    m_firstSync->setAccessibleName(tr("First sync with the salon's server"));
    m_firstSync->hide();

    m_firstSyncNote = new QLabel(this);
    m_firstSyncNote->setObjectName(QStringLiteral("firstSyncNote"));
    m_firstSyncNote->setWordWrap(true);
    m_firstSyncNote->setTextFormat(Qt::PlainText);
    m_firstSyncNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_firstSyncNote->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_joinButton = m_buttons->addButton(tr("&Join"), QDialogButtonBox::ActionRole);
    m_joinButton->setObjectName(QStringLiteral("joinButton"));
    m_joinButton->setAccessibleName(tr("Join the salon with this code"));
    m_joinButton->setDefault(true);
    QPushButton *close = m_buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("joinCloseButton"));
    close->setAccessibleName(tr("Close"));
    close->setAutoDefault(false);
    connect(m_joinButton, &QPushButton::clicked, this, &JoinSalonDialog::join);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &JoinSalonDialog::reject);
    connect(m_code, &QLineEdit::textEdited, m_error, &FieldError::clearError);

    auto *form = new QFormLayout;
    auto *codeLabel = new QLabel(tr("Enrolment &code:"), this);
    codeLabel->setBuddy(m_code);
    form->addRow(codeLabel, m_code);
    form->addRow(QString(), m_error);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_busy);
    layout->addWidget(m_result);
    layout->addWidget(m_firstSync);
    layout->addWidget(m_firstSyncNote);
    layout->addStretch();
    layout->addWidget(m_buttons);
    // Grows when a sentence under the field or the result appears.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
}

JoinSalonDialog::~JoinSalonDialog()
{
    // A running join keeps what it needs (the keychain, its outcome) and
    // deletes its thread when done; its answer then has nowhere to go.
    if (m_thread)
        m_thread->disconnect(this);
}

void JoinSalonDialog::join()
{
    if (m_thread)
        return;
    m_result->hide();
    m_firstSync->hide();
    m_firstSyncNote->hide();
    m_awaitingFirstSync = false;
    const Result<EnrolmentCode> code = EnrolmentCode::parse(m_code->text().trimmed());
    if (!code) {
        m_error->setError(code.error().message);
        m_code->setFocus();
        adjustSize();
        return;
    }
    m_error->clearError();

    // The worker opens its own Store on the same file, with the window's
    // clock (the code's expiry is checked against it), and its own keychain.
    if (!m_keychain) // deleted on this thread, whichever lets go last
        m_keychain.reset(new TokenStore, [](TokenStore *keychain) { keychain->deleteLater(); });
    auto outcome = std::make_shared<Outcome>();
    const QString path = m_store->path();
    const Clock *clock = &m_store->clock();
    const EnrolmentCode enrolment = *code;
    const std::shared_ptr<TokenStore> keychain = m_keychain;
    m_thread = QThread::create([outcome, path, clock, enrolment, keychain] {
        auto store = Store::open(path, Store::Check::BeforeOpening, *clock);
        if (!store) {
            outcome->link = store.error();
            return;
        }
        outcome->link = ServerJoin::join(enrolment, **store, *keychain, &outcome->names);
    });
    m_thread->setObjectName(QStringLiteral("join-salon"));
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, this, [this, outcome] {
        m_thread = nullptr;
        finishJoin(*outcome);
    });
    setBusy(true);
    m_thread->start();
}

void JoinSalonDialog::finishJoin(const Outcome &outcome)
{
    setBusy(false);
    const Result<ServerLink> &link = *outcome.link;
    if (!link) {
        qCWarning(lcUi) << "joining the salon failed:" << link.error().message;
        m_error->setError(link.error().message);
        m_code->setFocus();
        adjustSize();
        emit joinFinished(false);
        return;
    }
    const QString pc = outcome.names.pc.isEmpty() ? tr("this PC") : outcome.names.pc;
    const QString salon = outcome.names.salon.isEmpty() ? link->salonId : outcome.names.salon;
    m_result->setText(
            tr("This PC joined the salon “%1” as “%2”. Its password for the server is in this "
               "computer's keychain.")
                    .arg(salon, pc));
    m_result->setAccessibleName(m_result->text());
    m_result->show();
    m_code->clear();
    adjustSize();
    m_awaitingFirstSync = true;
    emit joined(*link);
    emit joinFinished(true);
}

void JoinSalonDialog::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    m_code->setReadOnly(busy);
    m_joinButton->setEnabled(!busy);
}

void JoinSalonDialog::showSyncFacts(const SyncFacts &facts)
{
    if (!m_awaitingFirstSync)
        return;
    switch (facts.state) {
    case SyncFacts::State::UpToDate:
        m_awaitingFirstSync = false;
        setFirstSyncNote(tr("The first sync is done: the salon's book is on this PC."));
        break;
    case SyncFacts::State::Offline:
    case SyncFacts::State::Error:
        setFirstSyncNote(tr("The first sync has not finished: %1\nThis PC stays joined and tries "
                            "again by itself; the status bar at the bottom of the window shows "
                            "how it goes.")
                                 .arg(facts.lastError));
        break;
    case SyncFacts::State::Stopped:
        setFirstSyncNote(tr("The first sync has not started: %1\nThis PC stays joined; once that "
                            "is put right, click Sync now in the status bar.")
                                 .arg(facts.lastError));
        break;
    case SyncFacts::State::Revoked:
        m_awaitingFirstSync = false;
        setFirstSyncNote(tr("The server refused this PC: %1\nAsk the salon's admin for a new "
                            "enrolment code.")
                                 .arg(facts.lastError));
        break;
    case SyncFacts::State::NotJoined:
    case SyncFacts::State::Connecting:
    case SyncFacts::State::Syncing: break;
    }
}

void JoinSalonDialog::setFirstSyncNote(const QString &text)
{
    if (m_firstSyncNote->text() == text && m_firstSyncNote->isVisible())
        return;
    m_firstSyncNote->setText(text);
    m_firstSyncNote->setAccessibleName(text);
    m_firstSyncNote->show();
    adjustSize();
}

void JoinSalonDialog::showFirstSyncProgress(qint64 done, qint64 total)
{
    // QProgressBar counts in int: scale large books down.
    const qint64 scale = std::max<qint64>(1, total / std::numeric_limits<int>::max() + 1);
    m_firstSync->setRange(0, int(total / scale));
    m_firstSync->setValue(int(std::min(done, total) / scale));
    if (m_firstSync->isHidden()) {
        m_firstSync->show();
        adjustSize();
    }
}

} // namespace chairside
