#pragma once

#include "booking/appointmentbook.h"

#include <QUndoCommand>

#include <functional>
#include <optional>

class QUndoStack;

namespace chairside {

class Store;

// A booking that can be undone: undo removes the appointments it made
// (and the standing appointment, for a series), redo writes them back
// unchanged if their time is still free. The appointment editor books
// through book(), so its bookings land on the window's undo stack.
class BookCommand : public QUndoCommand
{
public:
    using Report = std::function<void(const QString &message)>;

    // Books `request` and, when that worked, pushes the command on `stack`.
    static Result<QList<Appointment>> book(QUndoStack &stack, Store &store,
                                           const BookingRequest &request, Report report = {});

    // For appointments already booked (the first redo() finds them done).
    BookCommand(Store &store, QList<Appointment> booked, Report report = {});

    void undo() override;
    void redo() override;

    const QList<Appointment> &appointments() const { return m_booked; }

private:
    Store &m_store;
    QList<Appointment> m_booked;
    std::optional<StandingAppointment> m_standing;
    Report m_report;
    bool m_written = true;
};

} // namespace chairside
