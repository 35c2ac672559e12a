#pragma once

#include "sync/conflictresolution.h"

#include "store/changeset.h"

#include <QTimeZone>
#include <QWidget>

#include <functional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;
class QTableView;
class QUndoStack;

namespace chairside {

class ConflictModel;
class LiveSchedule;
class Store;

// The conflict inbox in the window: what the salon's server did not take
// from this PC, why in words, the server's version and this PC's side by
// side, and free times this PC's visit could move to. The desk settles each
// one: move this PC's visit to a suggested or chosen time, overbook it (a
// manager's choice, confirmed first), keep it as cancelled, or keep the
// server's. Each is ConflictResolution::resolve, a normal local write, and
// goes on the window's undo stack (ConflictCommand). Follows the store: a
// new or settled entry, from this window, the sync engine or
// chairside-cli, shows at once.
class ConflictPanel : public QWidget
{
    Q_OBJECT
public:
    // Asked before overbooking, with the reasons; true: go ahead.
    using OverbookConfirmation = std::function<bool(const QStringList &reasons)>;
    // Free times suggested per conflict, and how far ahead they are looked for.
    static constexpr int suggestionsShown = 3;
    static constexpr int daysAhead = 28;

    explicit ConflictPanel(Store *store, QWidget *parent = nullptr);
    ~ConflictPanel() override;

    void setSalon(const QString &salonId, const QTimeZone &zone);
    void setUndoStack(QUndoStack *stack) { m_undoStack = stack; }
    void setOverbookConfirmation(OverbookConfirmation confirm) { m_confirm = std::move(confirm); }
    ConflictModel *model() const { return m_model; }
    int openCount() const;
    int selectedRow() const;
    // The row of the open conflict about appointment `id`; -1: none.
    int rowOf(const QString &appointmentId) const;
    QSize sizeHint() const override { return {900, 260}; }

public slots:
    void reload();
    void selectRow(int row);
    // The selected conflict, settled: this PC's visit moved to the time
    // chosen below the list (a suggestion, or "another time" and its field).
    void moveSelected();
    void overbookSelected();
    void cancelSelected();
    void keepServerSelected();

signals:
    void countChanged(int count);
    // A sentence for the status bar after a conflict is settled.
    void resolved(const QString &message);

private slots:
    void storeChanged(const chairside::ChangeSet &changes);
    void updateActions();

private:
    void settle(ConflictResolution::Choice choice, qint64 moveTo, const QString &text);
    void say(const QString &message);

    Store *m_store = nullptr;
    QString m_salonId;
    QTimeZone m_zone = QTimeZone::utc();
    QUndoStack *m_undoStack = nullptr;
    OverbookConfirmation m_confirm;
    LiveSchedule *m_schedule = nullptr; // the suggestions' free times
    int m_count = -1;                   // last said by countChanged

    ConflictModel *m_model = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_moveTarget = nullptr;
    QDateTimeEdit *m_moveTime = nullptr;
    QPushButton *m_moveButton = nullptr;
    QPushButton *m_overbookButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_keepServerButton = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace chairside
