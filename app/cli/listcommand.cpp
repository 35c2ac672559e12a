#include "listcommand.h"

#include "clicontext.h"
#include "domain/salontime.h"
#include "presenter.h"

#include "store/store.h"

#include <QDateTime>
#include <QJsonArray>

namespace chairside::cli {

QString ListCommand::summary() const
{
    return tr("Appointments between two dates, optionally for one stylist.");
}

ListCommand::ListCommand()
{
    const auto options = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Appointments with any part between --from and --to (dates are whole days, --to "
                   "inclusive; default: today)."));
        parser.addOption(
                {QStringLiteral("from"), tr("First day (or a date and time)."), tr("DATE")});
        parser.addOption({QStringLiteral("to"),
                          tr("Last day (or a date and time); default: --from."), tr("DATE")});
        parser.addOption(
                {QStringLiteral("staff"), tr("Only this stylist's appointments."), tr("STAFF")});
        parser.addOption({QStringLiteral("status"), tr("Only appointments with this status."),
                          tr("STATUS")});
    };
    const auto check = [](const QCommandLineParser &parser) -> Result<void> {
        if (const auto wanted = status(parser); !wanted)
            return wanted.error();
        return {};
    };
    addVerb({.options = options, .check = check}, &ListCommand::listAppointments);
}

Result<std::optional<AppointmentStatus>> ListCommand::status(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("status")))
        return std::optional<AppointmentStatus>();
    AppointmentStatus wanted;
    if (!appointmentStatusFromName(parser.value(QStringLiteral("status")).trimmed(), &wanted))
        return Error::usage(
                tr("“%1” is not a status.").arg(parser.value(QStringLiteral("status"))));
    return std::optional<AppointmentStatus>(wanted);
}

Result<void> ListCommand::listAppointments(CliContext &context, const QCommandLineParser &parser,
                                           const OpenBook &book)
{
    const std::optional<AppointmentStatus> status = *ListCommand::status(parser);
    const QTimeZone &zone = book.time.zone();
    const Result<Range> range = Command::range(parser, book.time);
    if (!range)
        return range.error();
    const auto [from, to] = *range;
    QString staffId;
    if (parser.isSet(QStringLiteral("staff"))) {
        const Result<Staff> staff = book.catalogue.findStaff(parser.value(QStringLiteral("staff")));
        if (!staff)
            return staff.error();
        staffId = staff->id;
    }
    const Result<QList<Appointment>> appointments =
            book.store.appointments(book.salon.id, from, to, staffId);
    if (!appointments)
        return appointments.error();
    // On a PC that has joined a server: which visits have changes the
    // server has not confirmed yet.
    // (The field is left out on a PC that has not: it has nothing to wait for.)
    const Result<std::optional<ServerLink>> link = book.store.serverLink();
    if (!link)
        return link.error();
    const Result<QSet<QString>> waiting = book.store.waitingToSync(Entity::Appointment);
    if (!waiting)
        return waiting.error();
    const Presenter presenter(book.catalogue);
    QJsonArray json;
    QStringList lines;
    for (const Appointment &appointment : *appointments) {
        if (status && appointment.status != *status)
            continue;
        const Result<Presenter::Shown> shown = presenter.shown(appointment);
        if (!shown)
            return shown.error();
        QJsonObject row = shown->json;
        QString line = shown->line;
        if (*link) {
            const bool unconfirmed = waiting->contains(appointment.id);
            row.insert(QStringLiteral("waitingToSync"), unconfirmed);
            if (unconfirmed)
                line += QLatin1Char(' ') + tr("(waiting to sync)");
        }
        json.append(row);
        lines.append(line);
    }
    if (lines.isEmpty())
        lines.append(tr("No appointments."));
    context.print({{QStringLiteral("from"), SalonTime::iso(from, zone)},
                   {QStringLiteral("to"), SalonTime::iso(to, zone)},
                   {QStringLiteral("appointments"), json}},
                  lines.join(QLatin1Char('\n')));
    return {};
}

} // namespace chairside::cli
