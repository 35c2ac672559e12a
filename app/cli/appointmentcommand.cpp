#include "appointmentcommand.h"

#include "clicontext.h"
#include "domain/salontime.h"
#include "presenter.h"

#include "booking/appointmentbook.h"
#include "store/store.h"

namespace chairside::cli {

AppointmentCommand::AppointmentCommand(Action action) : m_action(action)
{
    const auto options = [this](QCommandLineParser &parser) {
        addOptions(parser);
    };
    const auto check = [this](const QCommandLineParser &parser) -> Result<void> {
        if (const Result<Change> checked = change(parser); !checked)
            return checked.error();
        return {};
    };
    addVerb({.options = options, .words = Words::Any, .check = check},
            &AppointmentCommand::changeAppointment);
}

QString AppointmentCommand::name() const
{
    switch (m_action) {
    case Action::Move: return QStringLiteral("move");
    case Action::Cancel: return QStringLiteral("cancel");
    case Action::Status: return QStringLiteral("status");
    }
    return {};
}

QString AppointmentCommand::summary() const
{
    switch (m_action) {
    case Action::Move: return tr("Move an appointment to a new start (and stylist).");
    case Action::Cancel: return tr("Cancel an appointment.");
    case Action::Status:
        return tr("Set an appointment's status (confirmed, arrived, no-show, ...).");
    }
    return {};
}

void AppointmentCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("id"), tr("The appointment's id."));
    switch (m_action) {
    case Action::Move:
        parser.setApplicationDescription(
                tr("Move an appointment: the same services, re-planned from the new "
                   "start, checked again."));
        parser.addOption({QStringLiteral("start"),
                          tr("New start in salon time, e.g. 2026-12-01T11:00."), tr("WHEN")});
        parser.addOption(
                {QStringLiteral("staff"), tr("New stylist for every service."), tr("STAFF")});
        parser.addOption({QStringLiteral("overbook"), tr("Move even over conflicts (recorded).")});
        break;
    case Action::Cancel:
        parser.setApplicationDescription(tr("Cancel an appointment; it no longer holds time."));
        parser.addOption({QStringLiteral("reason"),
                          tr("Why it is cancelled (up to 10,000 characters); kept with it."),
                          tr("TEXT")});
        break;
    case Action::Status:
        parser.setApplicationDescription(
                tr("Set the status: booked → confirmed → arrived → in-service → "
                   "completed, or cancelled / no-show."));
        parser.addPositionalArgument(QStringLiteral("status"), tr("The new status."));
        break;
    }
    parser.addOption({QStringLiteral("by"), tr("Who makes the change (default: the login name)."),
                      tr("NAME")});
}

Result<AppointmentCommand::Change>
AppointmentCommand::change(const QCommandLineParser &parser) const
{
    const QStringList positional = parser.positionalArguments();
    const int expected = m_action == Action::Status ? 2 : 1;
    if (positional.size() != expected) {
        return Error::usage(m_action == Action::Status
                                    ? tr("Give the appointment's id and the new status.")
                                    : tr("Give the appointment's id."));
    }
    const QString id = positional.constFirst().trimmed();
    if (id.isEmpty())
        return Error::usage(tr("Give the appointment's id; it cannot be empty."));
    const QString by = CliContext::by(parser.value(QStringLiteral("by")));
    const Result<QString> reason = m_action == Action::Cancel
            ? text(parser.value(QStringLiteral("reason")), tr("the reason"), maxNotesLength, false)
            : Result<QString>(QString());
    if (!reason)
        return reason.error();

    AppointmentStatus status = AppointmentStatus::Booked;
    if (m_action == Action::Status) {
        QString statusName = positional.at(1).trimmed().toLower();
        statusName.replace(QLatin1Char('_'), QLatin1Char('-'))
                .replace(QLatin1Char(' '), QLatin1Char('-'));
        if (statusName == QLatin1String("noshow"))
            statusName = QStringLiteral("no-show");
        if (statusName == QLatin1String("inservice"))
            statusName = QStringLiteral("in-service");
        if (!appointmentStatusFromName(statusName, &status)) {
            return Error::usage(tr("“%1” is not a status; use booked, confirmed, arrived, "
                                   "in-service, completed, "
                                   "cancelled or no-show.")
                                        .arg(positional.at(1)));
        }
    }
    if (m_action == Action::Move && !parser.isSet(QStringLiteral("start")))
        return Error::usage(tr("Give the new start with --start."));
    return Change{id, by, reason->trimmed(), status};
}

Result<void> AppointmentCommand::changeAppointment(CliContext &context,
                                                   const QCommandLineParser &parser,
                                                   const OpenBook &book)
{
    const auto [id, by, reason, status] = *change(parser);
    const Result<std::optional<Appointment>> read = book.store.appointment(id);
    if (!read)
        return read.error();
    const std::optional<Appointment> &existing = *read;
    if (!existing || existing->salonId != book.salon.id)
        return Error::notFound(
                tr("There is no appointment with the id “%1” in this salon.").arg(id));

    qint64 newStart = 0;
    QString newStaffId;
    if (m_action == Action::Move) {
        const Result<qint64> start =
                SalonTime::parseDateTime(parser.value(QStringLiteral("start")), book.time.zone());
        if (!start)
            return start.error();
        newStart = *start;
        if (parser.isSet(QStringLiteral("staff"))) {
            const Result<Staff> staff =
                    book.catalogue.findStaff(parser.value(QStringLiteral("staff")));
            if (!staff)
                return staff.error();
            newStaffId = staff->id;
        }
    }

    AppointmentBook appointments(book.store);
    const Result<Appointment> changed = m_action == Action::Move
            ? appointments.move(id, newStart, newStaffId, parser.isSet(QStringLiteral("overbook")),
                                by)
            : m_action == Action::Cancel ? appointments.cancel(id, by, reason)
                                         : appointments.setStatus(id, status, by);
    if (!changed && changed.error().code == Error::Code::Conflict) {
        return Error::conflict(
                tr("The appointment does not fit there (add --overbook to move it anyway):\n%1")
                        .arg(changed.error().message));
    }
    if (!changed)
        return changed.error();
    const QString done = m_action == Action::Move ? tr("Moved:")
            : m_action == Action::Cancel          ? tr("Cancelled:")
                                         : tr("Now %1:").arg(appointmentStatusName(status));
    const Result<Presenter::Shown> shown = Presenter(book.catalogue).shown(*changed);
    if (!shown)
        return shown.error();
    context.print({{QStringLiteral("appointment"), shown->json}},
                  done + QLatin1Char('\n') + shown->line);
    return {};
}

} // namespace chairside::cli
