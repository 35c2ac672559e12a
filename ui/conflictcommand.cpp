#include "conflictcommand.h"

#include "booking/appointmentbook.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QUndoStack>

namespace chairside {

ConflictCommand::ConflictCommand(Store &store, const Resolution &resolution, const QTimeZone &zone,
                                 QString entityId, std::optional<Appointment> before,
                                 const QString &text, Report report)
    : m_store(store)
    , m_resolution(resolution)
    , m_zone(zone)
    , m_entityId(std::move(entityId))
    , m_before(std::move(before))
    , m_report(std::move(report))
{
    setText(text);
}

Result<void> ConflictCommand::resolve(QUndoStack &stack, Store &store, const Resolution &resolution,
                                      const QTimeZone &zone, const QString &text, Report report)
{
    const Result<std::optional<SyncConflict>> conflict = store.conflict(resolution.conflictId);
    if (!conflict)
        return conflict.error();
    if (!*conflict)
        return Error::notFound(ConflictResolution::tr("There is no conflict %1 in this PC's inbox.")
                                       .arg(resolution.conflictId));
    const QString entityId = (*conflict)->entityId;
    std::optional<Appointment> before;
    if ((*conflict)->entity == Entity::Appointment) {
        const Result<std::optional<Appointment>> read = store.appointment(entityId);
        if (!read)
            return read.error();
        before = *read;
    }
    if (const Result<void> done = ConflictResolution::resolve(
                store, resolution.conflictId, resolution.choice, zone, resolution.moveTo);
        !done)
        return done;
    stack.push(new ConflictCommand(store, resolution, zone, entityId, before, text,
                                   std::move(report)));
    return {};
}

void ConflictCommand::fail(const QString &failure, const QString &message)
{
    if (m_report)
        m_report(failure.arg(text(), message));
    setObsolete(true);
}

void ConflictCommand::undo()
{
    const QString failure = QCoreApplication::translate("chairside", "Could not undo “%1”: %2");
    // "Keep the server's" wrote nothing but the inbox.
    if (m_resolution.choice != ConflictResolution::Choice::KeepServer) {
        Result<void> written;
        if (!m_before) {
            written = m_store.remove(Entity::Appointment, m_entityId);
        } else if (const Result<Appointment> restored = AppointmentBook(m_store).restore(*m_before);
                   !restored) {
            written = restored.error();
        }
        if (!written) {
            fail(failure, written.error().message);
            return;
        }
    }
    if (const Result<void> open = m_store.markConflictOpen(m_resolution.conflictId); !open)
        fail(failure, open.error().message);
}

void ConflictCommand::redo()
{
    if (m_written) {
        m_written = false;
        return;
    }
    if (const Result<void> done = ConflictResolution::resolve(
                m_store, m_resolution.conflictId, m_resolution.choice, m_zone, m_resolution.moveTo);
        !done)
        fail(QCoreApplication::translate("chairside", "Could not redo “%1”: %2"),
             done.error().message);
}

} // namespace chairside
