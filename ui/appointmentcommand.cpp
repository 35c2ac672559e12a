#include "appointmentcommand.h"

#include "booking/appointmentbook.h"

#include <QCoreApplication>

namespace chairside {

AppointmentCommand::AppointmentCommand(Store &store, Appointment before, Appointment after,
                                       const QString &text, Report report)
    : m_store(store)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_report(std::move(report))
{
    setText(text);
}

bool AppointmentCommand::write(const Appointment &appointment, const QString &failure)
{
    const Result<Appointment> restored = AppointmentBook(m_store).restore(appointment);
    if (restored)
        return true;
    if (m_report)
        m_report(failure.arg(text(), restored.error().message));
    // What it would undo is gone or changed: it cannot stay on the stack.
    setObsolete(true);
    return false;
}

void AppointmentCommand::undo()
{
    write(m_before, QCoreApplication::translate("chairside", "Could not undo “%1”: %2"));
}

void AppointmentCommand::redo()
{
    if (m_written) {
        m_written = false;
        return;
    }
    write(m_after, QCoreApplication::translate("chairside", "Could not redo “%1”: %2"));
}

} // namespace chairside
