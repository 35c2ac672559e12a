#pragma once

#include "domain/error.h"
#include "store/serverlink.h"
#include "sync/syncfacts.h"

#include <QDialog>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QThread;

namespace chairside {

class FieldError;
class Store;
class TokenStore;

// File → Join salon…: this PC joins its salon's server with the enrolment
// code an admin made (`chairside-cli server enroll-device`), as
// `chairside-cli join CODE` does (core ServerJoin::join). Whatever stops it —
// a used or expired code, a server that cannot be reached, a locked
// keychain — is said in words under the field, and nothing is stored; on
// success it says which salon this PC joined and under which name.
//
// The join is a network call, so it runs on a thread of its own, with a
// Store of that thread on the window's store file (a Store is used only from
// the thread that opened it; the window's store sees the new link as another
// writer's commit). The keychain stays on this thread: libsecret keeps its
// connection to the Secret Service on the thread that first used it, and a
// second worker's calls were seen never to be answered. The dialog shows a
// busy bar meanwhile and stays responsive.
//
// The first sync after joining is the sync engine's: it connects to
// joined() and reports its progress with showFirstSyncProgress(), which
// shows the bar "firstSyncProgress" under the result, and its state with
// showSyncFacts(): under the bar, the note "firstSyncNote" says when the
// book is here, or why the first sync has not finished and that the PC,
// joined all the same, tries again by itself.
class JoinSalonDialog : public QDialog
{
    Q_OBJECT
public:
    // `store` (the window's) must outlive the dialog.
    explicit JoinSalonDialog(Store *store, QWidget *parent = nullptr);
    // A join still running finishes by itself (it needs this thread's
    // event loop for the keychain, so it is not waited for here).
    ~JoinSalonDialog() override;

    bool isJoining() const { return m_thread != nullptr; }

public slots:
    // Joins with the code in the field.
    void join();
    // The first sync's progress: `done` of `total` rows (total 0: not known
    // yet, a busy bar). Shows the bar; hidden again by the next join.
    void showFirstSyncProgress(qint64 done, qint64 total);
    // The sync engine's facts: until the first sync after a join has
    // finished, what they mean for it.
    void showSyncFacts(const chairside::SyncFacts &facts);

signals:
    // The PC joined: the link is in the store, its password in the keychain.
    // The first sync starts here.
    void joined(const chairside::ServerLink &link);
    // A join ended, joined or not (after joined() when it did).
    void joinFinished(bool ok);

private:
    struct Outcome;
    void finishJoin(const Outcome &outcome);
    void setBusy(bool busy);
    void setFirstSyncNote(const QString &text);

    Store *m_store;
    std::shared_ptr<TokenStore> m_keychain; // shared with a running join
    QThread *m_thread = nullptr;            // while a join runs

    QLabel *m_intro = nullptr;
    QLineEdit *m_code = nullptr;
    FieldError *m_error = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_result = nullptr;
    QProgressBar *m_firstSync = nullptr;
    QLabel *m_firstSyncNote = nullptr;
    bool m_awaitingFirstSync = false; // joined; the first sync has not finished
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_joinButton = nullptr;
};

} // namespace chairside
