#pragma once

#include "sync/syncfacts.h"

#include <QWidget>

class QAction;
class QLabel;
class QToolButton;

namespace chairside {

class Store;

// The status bar's part for sync with the salon's server (issue 9,
// docs/desktop.md): the sync engine's live state in words ("Up to date ·
// last sync 10:42", "Offline — 3 changes waiting to sync", "Server refused
// this PC: …"), a tooltip with the server, this PC's name and the last
// error, and a button for the window's "Sync now" action. The count of
// changes waiting follows the window's own writes at once, between rounds.
class SyncStatus : public QWidget
{
    Q_OBJECT
public:
    // `store` (the window's, may be null) must outlive this.
    SyncStatus(Store *store, QAction *syncNow, QWidget *parent = nullptr);

    // The words for `facts`, as the label shows them (`now`: UTC seconds,
    // so a last sync of another day shows its date).
    static QString describe(const SyncFacts &facts, qint64 now);
    // The tooltip: the server, this PC's name, the last error.
    static QString details(const SyncFacts &facts);

    const SyncFacts &facts() const { return m_facts; }
    QString text() const;

public slots:
    void setFacts(const chairside::SyncFacts &facts);
    // Reads what the store knows (at start, and before the engine says more).
    void refresh();

private:
    void recountPending();
    void show(const SyncFacts &facts);

    Store *m_store;
    SyncFacts m_facts;
    QLabel *m_label = nullptr;
    QToolButton *m_button = nullptr;
};

} // namespace chairside
