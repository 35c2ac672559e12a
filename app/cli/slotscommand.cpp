#include "slotscommand.h"

#include "clicontext.h"
#include "domain/salontime.h"
#include "presenter.h"

#include "booking/appointmentbook.h"
#include "store/store.h"

#include <QDateTime>
#include <QJsonArray>

namespace chairside::cli {

QString SlotsCommand::summary() const
{
    return tr("Free starts for a visit.");
}

SlotsCommand::SlotsCommand()
{
    const auto options = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Free starts for a visit between --from and --to (dates are whole days, --to "
                   "inclusive; default: today)."));
        parser.addOption({QStringLiteral("service"),
                          tr("A service (repeatable, or comma-separated), in order."),
                          tr("SERVICE")});
        parser.addOption({QStringLiteral("staff"),
                          tr("Only this stylist (default: anyone who does every service)."),
                          tr("STAFF")});
        parser.addOption(
                {QStringLiteral("from"), tr("First day (or a date and time)."), tr("DATE")});
        parser.addOption({QStringLiteral("to"),
                          tr("Last day (or a date and time); default: --from."), tr("DATE")});
        parser.addOption({QStringLiteral("step"), tr("Minutes between starts (default 15)."),
                          tr("MINUTES")});
        parser.addOption({QStringLiteral("limit"), tr("At most N slots."), tr("N")});
    };
    const auto check = [](const QCommandLineParser &parser) -> Result<void> {
        if (!parser.isSet(QStringLiteral("service")))
            return Error::usage(tr("Say which services with --service."));
        if (const Result<Search> checked = search(parser); !checked)
            return checked.error();
        return {};
    };
    addVerb({.options = options, .check = check}, &SlotsCommand::findSlots);
}

Result<SlotsCommand::Search> SlotsCommand::search(const QCommandLineParser &parser)
{
    int step = 15;
    if (parser.isSet(QStringLiteral("step"))) {
        const Result<int> value =
                number(parser.value(QStringLiteral("step")), QStringLiteral("step"), 1, 24 * 60);
        if (!value)
            return value.error();
        step = *value;
    }
    int limit = -1;
    if (parser.isSet(QStringLiteral("limit"))) {
        const Result<int> value =
                number(parser.value(QStringLiteral("limit")), QStringLiteral("limit"), 1, 100000);
        if (!value)
            return value.error();
        limit = *value;
    }
    return Search{step, limit};
}

Result<void> SlotsCommand::findSlots(CliContext &context, const QCommandLineParser &parser,
                                     const OpenBook &book)
{
    const auto [step, limit] = *search(parser);
    const QTimeZone &zone = book.time.zone();
    const Result<Range> range = Command::range(parser, book.time);
    if (!range)
        return range.error();
    const auto [from, to] = *range;
    if (to - from > 366LL * 86400)
        return Error::invalid(tr("Ask for slots within a year at most."));
    const Result<QList<Service>> services =
            book.catalogue.findServices(parser.values(QStringLiteral("service")));
    if (!services)
        return services.error();
    VisitRequest request;
    for (const Service &service : *services)
        request.serviceIds.append(service.id);
    if (parser.isSet(QStringLiteral("staff"))) {
        const Result<Staff> staff = book.catalogue.findStaff(parser.value(QStringLiteral("staff")));
        if (!staff)
            return staff.error();
        request.staffId = staff->id;
    }
    const Result<QList<Slot>> found =
            AppointmentBook(book.store).freeSlots(book.salon.id, request, from, to, step, limit);
    if (!found)
        return found.error();
    const Presenter presenter(book.catalogue);
    QJsonArray json;
    QStringList lines;
    for (const Slot &slot : *found) {
        json.append(presenter.slot(slot));
        lines.append(presenter.slotLine(slot));
    }
    if (lines.isEmpty())
        lines.append(tr("No free slots."));
    context.print({{QStringLiteral("from"), SalonTime::iso(from, zone)},
                   {QStringLiteral("to"), SalonTime::iso(to, zone)},
                   {QStringLiteral("slots"), json}},
                  lines.join(QLatin1Char('\n')));
    return {};
}

} // namespace chairside::cli
