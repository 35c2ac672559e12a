#pragma once

#include "scheduling/waitlistfit.h"
#include "store/changeset.h"

#include <QTimeZone>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace chairside {

class Store;
class WaitlistModel;

// Who is waiting for a visit. When a visit is cancelled, moved or marked
// no-show, the entries the freed time now fits are highlighted with their
// slot, and "Offer this slot" books the client and takes them off the list.
class WaitlistPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WaitlistPanel(Store *store, QWidget *parent = nullptr);

    void setSalon(const QString &salonId, const QTimeZone &zone);
    WaitlistModel *model() const { return m_model; }
    // Who books an offered slot (the appointment's createdBy).
    void setBy(const QString &by) { m_by = by; }
    // Room for a handful of rows: the book above stays the larger part.
    QSize sizeHint() const override { return {900, 230}; }

public slots:
    void reload();
    void offerSelectedSlot();

signals:
    // Entries that freed time fits, after a change that freed some.
    void offersFound(int count);
    void clientCardRequested(const QString &clientId);
    void slotOffered(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private slots:
    void storeChanged(const chairside::ChangeSet &changes);
    void updateButtons();

private:
    int selectedRow() const;
    void pruneFreedTimes();

    Store *m_store = nullptr;
    QString m_salonId;
    QTimeZone m_zone = QTimeZone::utc();
    QString m_by;
    QList<FreedTime> m_freed; // this session's cancellations, moves, no-shows
    // Hidden, the list is read when first shown, or when freed time may fit
    // someone (offersFound): reading it at start was a fiftieth of a start.
    bool m_stale = false;

    WaitlistModel *m_model = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_offerButton = nullptr;
    QPushButton *m_clientButton = nullptr;
    QLabel *m_messageLabel = nullptr;
};

} // namespace chairside
