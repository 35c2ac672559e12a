#include "bookcommand.h"

#include "clicontext.h"
#include "domain/salontime.h"
#include "presenter.h"

#include "booking/appointmentbook.h"
#include "booking/patchtest.h"
#include "store/store.h"

#include <QJsonArray>

namespace chairside::cli {

// The patch-test warnings of the visits booked. Each visit of a standing
// appointment is checked (a test may run out during the series); visits
// with the same warning share one line, which says from which date and for
// how many visits.
QStringList BookCommand::patchTestWarnings(const Catalogue &catalogue, const Client &client,
                                           const QList<Service> &services,
                                           const QList<Appointment> &booked)
{
    QStringList sentences;
    QList<QDate> firstDate;
    QList<int> visits;
    for (const Appointment &appointment : booked) {
        const std::optional<QString> warning =
                PatchTest::warning(catalogue.salon(), client, services, appointment.startsAt());
        if (!warning)
            continue;
        const qsizetype index = sentences.indexOf(*warning);
        if (index >= 0) {
            ++visits[index];
            continue;
        }
        sentences.append(*warning);
        firstDate.append(SalonTime::localDate(appointment.startsAt(), catalogue.timeZone()));
        visits.append(1);
    }
    if (booked.size() == 1)
        return sentences;
    QStringList warnings;
    for (qsizetype i = 0; i < sentences.size(); ++i) {
        const QString date = firstDate.at(i).toString(Qt::ISODate);
        warnings.append(visits.at(i) == 1 ? tr("%1: %2").arg(date, sentences.at(i))
                                          : tr("%1 visits from %2: %3")
                                                    .arg(QString::number(visits.at(i)), date,
                                                         sentences.at(i)));
    }
    return warnings;
}

QString BookCommand::summary() const
{
    return tr("Book a visit, or a standing appointment with --repeat.");
}

BookCommand::BookCommand()
{
    const auto options = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Book a visit. Services follow one another in the order given. One --staff does "
                   "every service; or give one stylist per service, in the same order."));
        parser.addOption({QStringLiteral("service"),
                          tr("A service (repeatable, or comma-separated)."), tr("SERVICE")});
        parser.addOption({QStringLiteral("staff"), tr("The stylist (repeatable, one per service)."),
                          tr("STAFF")});
        parser.addOption(
                {QStringLiteral("client"), tr("The client, by name, phone or id."), tr("CLIENT")});
        parser.addOption({QStringLiteral("start"),
                          tr("Start in salon time, e.g. 2026-12-01T10:00."), tr("WHEN")});
        parser.addOption({QStringLiteral("walk-in"), tr("A walk-in (no client needed).")});
        parser.addOption(
                {QStringLiteral("notes"), tr("Notes (up to 10,000 characters)."), tr("TEXT")});
        parser.addOption(
                {QStringLiteral("deposit"), tr("Deposit taken, e.g. 20 or 20.00."), tr("AMOUNT")});
        parser.addOption({QStringLiteral("overbook"),
                          tr("Book even over conflicts (a manager's call; recorded).")});
        parser.addOption({QStringLiteral("repeat"),
                          tr("A standing appointment: an RFC 5545 rule, e.g. "
                             "FREQ=WEEKLY;INTERVAL=6;COUNT=8."),
                          tr("RRULE")});
        parser.addOption(
                {QStringLiteral("by"), tr("Who books it (default: the login name)."), tr("NAME")});
    };
    const auto check = [](const QCommandLineParser &parser) -> Result<void> {
        if (const Result<BookingRequest> checked = request(parser); !checked)
            return checked.error();
        return {};
    };
    addVerb({.options = options, .what = tr("Quote names with spaces."), .check = check},
            &BookCommand::bookVisit);
}

Result<BookingRequest> BookCommand::request(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("service")) || !parser.isSet(QStringLiteral("staff"))
        || !parser.isSet(QStringLiteral("start")))
        return Error::usage(tr("A booking needs --service, --staff and --start."));
    const bool walkIn = parser.isSet(QStringLiteral("walk-in"));
    if (!parser.isSet(QStringLiteral("client")) && !walkIn)
        return Error::usage(tr("A booking needs --client, or --walk-in for a walk-in."));
    const Result<QString> notes =
            text(parser.value(QStringLiteral("notes")), tr("notes"), maxNotesLength, false);
    if (!notes)
        return notes.error();
    qint64 deposit = 0;
    if (parser.isSet(QStringLiteral("deposit"))) {
        const Result<qint64> amount =
                money(parser.value(QStringLiteral("deposit")), QStringLiteral("deposit"));
        if (!amount)
            return amount.error();
        deposit = *amount;
    }
    BookingRequest request;
    request.walkIn = walkIn;
    request.notes = *notes;
    request.depositCents = deposit;
    request.overbook = parser.isSet(QStringLiteral("overbook"));
    request.by = CliContext::by(parser.value(QStringLiteral("by")));
    request.rrule = parser.value(QStringLiteral("repeat"));
    return request;
}

Result<void> BookCommand::bookVisit(CliContext &context, const QCommandLineParser &parser,
                                    const OpenBook &book)
{
    BookingRequest request = *BookCommand::request(parser);
    const Catalogue &catalogue = book.catalogue;
    const Result<qint64> start =
            SalonTime::parseDateTime(parser.value(QStringLiteral("start")), catalogue.timeZone());
    if (!start)
        return start.error();
    const Result<QList<Service>> services =
            catalogue.findServices(parser.values(QStringLiteral("service")));
    if (!services)
        return services.error();
    QList<Staff> staff;
    const QStringList staffNames = parser.values(QStringLiteral("staff"));
    for (const QString &name : staffNames) {
        const Result<Staff> found = catalogue.findStaff(name);
        if (!found)
            return found.error();
        staff.append(*found);
    }
    if (staff.size() != 1 && staff.size() != services->size()) {
        return Error::usage(tr("Give one --staff for the whole visit, or one per service (%1 "
                               "services, %2 stylists).")
                                    .arg(services->size())
                                    .arg(staff.size()));
    }

    request.salonId = book.salon.id;
    std::optional<Client> client;
    if (parser.isSet(QStringLiteral("client"))) {
        const Result<Client> found = catalogue.findClient(parser.value(QStringLiteral("client")));
        if (!found)
            return found.error();
        client = *found;
        request.clientId = client->id;
    }
    for (int i = 0; i < services->size(); ++i)
        request.lines.append({services->at(i).id, staff.at(staff.size() == 1 ? 0 : i).id});
    request.startsAt = *start;

    const Result<QList<Appointment>> booked = AppointmentBook(book.store).book(request);
    if (!booked) {
        if (booked.error().code == Error::Code::Conflict) {
            return Error::conflict(
                    tr("This booking does not fit (add --overbook to book it anyway):\n%1")
                            .arg(booked.error().message));
        }
        return booked.error();
    }
    const Presenter presenter(catalogue);
    QJsonArray json;
    QStringList lines;
    for (const Appointment &appointment : *booked) {
        const Result<Presenter::Shown> shown = presenter.shown(appointment);
        if (!shown)
            return shown.error();
        json.append(shown->json);
        lines.append(shown->line);
    }
    const QString heading =
            booked->size() == 1 ? tr("Booked:") : tr("Booked %1 visits:").arg(booked->size());
    const QStringList warnings =
            client ? patchTestWarnings(catalogue, *client, *services, *booked) : QStringList();
    for (const QString &warning : warnings)
        context.printWarning(warning);
    QJsonObject result{{QStringLiteral("appointments"), json}};
    result.insert(QStringLiteral("seriesId"),
                  booked->constFirst().seriesId.isEmpty()
                          ? QJsonValue()
                          : QJsonValue(booked->constFirst().seriesId));
    result.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    context.print(result, heading + QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
    return {};
}

} // namespace chairside::cli
