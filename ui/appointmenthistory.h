#pragma once

#include "domain/error.h"
#include "sync/bookhistory.h"

#include <QTimeZone>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;
class QThread;

namespace chairside {

class Store;
class TokenStore;

// The appointment editor's History tab: the visit's audit trail from the
// salon's server (BookHistory) — who, on which PC, when it happened there,
// when the server got it, what changed. Shows "Loading…" at once and never
// holds up the editor: the PC's password is read from the keychain on this
// thread, without waiting (libsecret answers on the thread that first used
// it), then the connection and the query run on a worker thread of their
// own, as JoinSalonDialog does. Offline, not joined, refused: one sentence
// saying so, and "Try again".
class AppointmentHistory : public QWidget
{
    Q_OBJECT
public:
    enum class State { Loading, Shown, Failed };
    // How long the worker waits for a server that does not answer.
    static constexpr int connectTimeoutSeconds = 5;

    // `store` (the window's) must outlive the tab. Starts loading at once.
    AppointmentHistory(Store *store, const QString &appointmentId, const QTimeZone &zone,
                       QWidget *parent = nullptr);
    // A fetch still running finishes by itself; its answer goes nowhere.
    ~AppointmentHistory() override;

    State state() const { return m_state; }
    QString message() const;
    const QList<HistoryEntry> &entries() const { return m_entries; }

public slots:
    void load();

signals:
    // After each load, shown or failed.
    void loaded(bool ok);

private:
    struct Outcome;
    void fetch(const QByteArray &password);
    void show(const Result<QList<HistoryEntry>> &history);
    void fail(const QString &message);

    Store *m_store;
    QString m_appointmentId;
    QTimeZone m_zone;
    std::shared_ptr<TokenStore> m_keychain;
    QString m_deviceId; // whose password is being read
    QThread *m_thread = nullptr;
    State m_state = State::Loading;
    QList<HistoryEntry> m_entries;

    QLabel *m_status = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_retry = nullptr;
};

} // namespace chairside
