#pragma once

#include "domain/appointment.h"

#include <QUndoCommand>

#include <functional>

namespace chairside {

class Store;

// A change to one appointment already written (a move, a resize, a status,
// a cancellation), kept so it can be undone: undo writes the row as it was
// before, redo writes it as it was after, each a new write through the store
// (so it reaches the outbox). When the old time has been taken since, the
// undo is refused, `report` says why and the command leaves the stack.
class AppointmentCommand : public QUndoCommand
{
public:
    using Report = std::function<void(const QString &message)>;

    AppointmentCommand(Store &store, Appointment before, Appointment after, const QString &text,
                       Report report = {});

    void undo() override;
    void redo() override;

    const Appointment &before() const { return m_before; }
    const Appointment &after() const { return m_after; }

private:
    bool write(const Appointment &appointment, const QString &failure);

    Store &m_store;
    Appointment m_before;
    Appointment m_after;
    Report m_report;
    bool m_written = true; // the first redo() (from push) finds it done
};

} // namespace chairside
