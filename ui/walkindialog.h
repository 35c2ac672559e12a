#pragma once

#include "booking/appointmentbook.h"
#include "domain/staff.h"

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace chairside {

class Clock;
class FieldError;
class Store;

// Someone walks in: tick the services, see who is free right now, book.
// The visit starts now (to the minute) and is marked as a walk-in; like the
// appointment editor it hands the BookingRequest to the booker and writes
// nothing itself.
class WalkInDialog : public QDialog
{
    Q_OBJECT
public:
    using Booker = std::function<Result<void>(const BookingRequest &request)>;

    WalkInDialog(Store *store, const Salon &salon, const Clock &clock, QWidget *parent = nullptr);

    void setBooker(Booker booker) { m_booker = std::move(booker); }
    void setBookedBy(const QString &by) { m_by = by; }

    // Now in UTC seconds, rounded down to the minute.
    qint64 now() const;
    QStringList chosenServices() const;
    QString chosenStylist() const;
    BookingRequest request() const;

public slots:
    void refresh();
    void accept() override;

private:
    QString staffName(const QString &staffId) const;

    Store *m_store = nullptr;
    Salon m_salon;
    QTimeZone m_zone;
    // The window's clock (tests set it).
    const Clock &m_clock;
    AppointmentBook m_book;
    Booker m_booker;
    QString m_by;
    QList<Staff> m_staff;

    QListWidget *m_services = nullptr;
    QListWidget *m_stylists = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_name = nullptr;
    FieldError *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace chairside
