#include "bookcommand.h"

#include "store/store.h"

#include <QCoreApplication>
#include <QUndoStack>

namespace chairside {

Result<QList<Appointment>> BookCommand::book(QUndoStack &stack, Store &store,
                                             const BookingRequest &request, Report report)
{
    Result<QList<Appointment>> booked = AppointmentBook(store).book(request);
    if (booked)
        stack.push(new BookCommand(store, *booked, std::move(report)));
    return booked;
}

BookCommand::BookCommand(Store &store, QList<Appointment> booked, Report report)
    : m_store(store), m_booked(std::move(booked)), m_report(std::move(report))
{
    const QString seriesId = m_booked.isEmpty() ? QString() : m_booked.constFirst().seriesId;
    if (!seriesId.isEmpty()) {
        const Result<QList<StandingAppointment>> series =
                m_store.standingAppointments(m_booked.constFirst().salonId);
        if (!series && m_report)
            m_report(QCoreApplication::translate("chairside",
                                                 "The visits are booked, but undo will leave their "
                                                 "repeat in the book: %1")
                             .arg(series.error().message));
        for (const StandingAppointment &standing :
             series ? *series : QList<StandingAppointment>()) {
            if (standing.id == seriesId)
                m_standing = standing;
        }
    }
    setText(m_booked.size() > 1 ? QCoreApplication::translate("chairside", "Book %n visits", "",
                                                              int(m_booked.size()))
                                : QCoreApplication::translate("chairside", "Book"));
}

void BookCommand::undo()
{
    for (const Appointment &appointment : std::as_const(m_booked)) {
        const Result<void> removed = m_store.remove(Entity::Appointment, appointment.id);
        // Already gone (removed elsewhere) is what undo wanted anyway.
        if (!removed && removed.error().code != Error::Code::NotFound && m_report)
            m_report(QCoreApplication::translate("chairside", "Could not undo “%1”: %2")
                             .arg(text(), removed.error().message));
    }
    if (m_standing) {
        const Result<void> removed = m_store.remove(Entity::StandingAppointment, m_standing->id);
        if (!removed && removed.error().code != Error::Code::NotFound && m_report)
            m_report(QCoreApplication::translate("chairside", "Could not undo “%1”: %2")
                             .arg(text(), removed.error().message));
    }
}

void BookCommand::redo()
{
    if (m_written) {
        m_written = false;
        return;
    }
    if (m_standing) {
        if (const Result<void> saved = m_store.save(*m_standing); !saved) {
            if (m_report)
                m_report(QCoreApplication::translate("chairside", "Could not redo “%1”: %2")
                                 .arg(text(), saved.error().message));
            setObsolete(true);
            return;
        }
    }
    AppointmentBook book(m_store);
    for (const Appointment &appointment : std::as_const(m_booked)) {
        const Result<Appointment> restored = book.restore(appointment);
        if (!restored) {
            if (m_report)
                m_report(QCoreApplication::translate("chairside", "Could not redo “%1”: %2")
                                 .arg(text(), restored.error().message));
            setObsolete(true);
            return;
        }
    }
}

} // namespace chairside
