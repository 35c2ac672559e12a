#pragma once

#include "store/changeset.h"

#include <QTimeZone>
#include <QWidget>

class QDateEdit;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QUndoStack;

namespace chairside {

class ClientVisitsModel;
struct ClientHistory;
class Store;

// The client card: find a client by name or phone, then their visits to
// come and past, no-shows, deposits, notes and patch-test date (the last two
// editable). Kept current as the store changes.
class ClientCard : public QWidget
{
    Q_OBJECT
public:
    explicit ClientCard(Store *store, QWidget *parent = nullptr);

    void setSalon(const QString &salonId, const QTimeZone &zone);
    // Saved edits go on `stack` so Edit → Undo takes them back.
    void setUndoStack(QUndoStack *stack) { m_undoStack = stack; }
    QSize sizeHint() const override { return {460, 640}; }
    QString clientId() const { return m_clientId; }

    ClientVisitsModel *upcomingModel() const { return m_upcoming; }
    ClientVisitsModel *pastModel() const { return m_past; }
    ClientVisitsModel *depositsModel() const { return m_deposits; }

public slots:
    void showClient(const QString &clientId);
    // Puts the cursor in the search field, its text selected.
    void focusSearch();
    void save();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private slots:
    void search(const QString &text);
    void openSearchResult(const QModelIndex &index);
    void openFirstSearchResult();
    void storeChanged(const chairside::ChangeSet &changes);

private:
    void buildSearch();
    void buildCard();
    QTableView *makeVisitsView(const QString &name, const QString &accessibleName,
                               ClientVisitsModel *model);
    void reload();
    void updateTabTitles();
    // Which upcoming visits need a patch test the client does not have.
    void updatePatchTestWarnings(const ClientHistory &history);

    Store *m_store = nullptr;
    QUndoStack *m_undoStack = nullptr;
    QString m_salonId;
    QTimeZone m_zone = QTimeZone::utc();
    QString m_clientId;
    bool m_edited = false; // unsaved notes or patch-test date survive a reload
    bool m_stale = false;  // the book changed while the card was hidden

    QLineEdit *m_searchField = nullptr;
    QListView *m_searchResults = nullptr;
    QStandardItemModel *m_searchModel = nullptr;
    QLabel *m_placeholder = nullptr;
    QWidget *m_card = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_contactLabel = nullptr;
    QLabel *m_noShowLabel = nullptr;
    QLabel *m_patchTestWarning = nullptr;
    QDateEdit *m_patchTestEdit = nullptr;
    QPlainTextEdit *m_notesEdit = nullptr;
    QPushButton *m_saveButton = nullptr;
    QLabel *m_messageLabel = nullptr;
    QTabWidget *m_tabs = nullptr;
    ClientVisitsModel *m_upcoming = nullptr;
    ClientVisitsModel *m_past = nullptr;
    ClientVisitsModel *m_deposits = nullptr;
};

} // namespace chairside
