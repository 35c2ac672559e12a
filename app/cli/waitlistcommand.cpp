#include "waitlistcommand.h"

#include "clicontext.h"
#include "domain/salontime.h"
#include "presenter.h"

#include "store/store.h"

#include <QDateTime>
#include <QJsonArray>

namespace chairside::cli {

WaitlistCommand::WaitlistCommand()
{
    const auto listOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(tr("Who is waiting, oldest first."));
    };
    const auto addOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Put a client on the waitlist for one or more services."));
        parser.addOption(
                {QStringLiteral("client"), tr("The client, by name, phone or id."), tr("CLIENT")});
        parser.addOption({QStringLiteral("service"),
                          tr("A service (repeatable, or comma-separated)."), tr("SERVICE")});
        parser.addOption(
                {QStringLiteral("staff"), tr("A wanted stylist (default: anyone)."), tr("STAFF")});
        parser.addOption(
                {QStringLiteral("from"), tr("Earliest date (default: today)."), tr("DATE")});
        parser.addOption({QStringLiteral("to"),
                          tr("Latest date (default: four weeks after --from)."), tr("DATE")});
        parser.addOption(
                {QStringLiteral("notes"), tr("Notes (up to 10,000 characters)."), tr("TEXT")});
    };
    const auto removeOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(tr("Take an entry off the waitlist."));
        parser.addPositionalArgument(QStringLiteral("id"), tr("The entry's id."));
    };
    const auto addCheck = [](const QCommandLineParser &parser) -> Result<void> {
        if (!parser.isSet(QStringLiteral("client")) || !parser.isSet(QStringLiteral("service")))
            return Error::usage(tr("A waitlist entry needs --client and --service."));
        // The values too, before the book is opened: a typo is a usage error.
        const Result<QString> notes =
                text(parser.value(QStringLiteral("notes")), tr("notes"), maxNotesLength, false);
        if (!notes)
            return notes.error();
        for (const QString &option : {QStringLiteral("from"), QStringLiteral("to")}) {
            if (!parser.isSet(option))
                continue;
            if (const Result<QDate> date = SalonTime::parseDate(parser.value(option)); !date)
                return date.error();
        }
        return {};
    };
    addVerb({.name = QStringLiteral("list"),
             .summary = tr("Who is waiting."),
             .options = listOptions},
            &WaitlistCommand::list);
    addVerb({.name = QStringLiteral("add"),
             .summary = tr("Put a client on the waitlist."),
             .options = addOptions,
             .check = addCheck},
            &WaitlistCommand::add);
    addVerb({.name = QStringLiteral("remove"),
             .summary = tr("Take an entry off the waitlist."),
             .options = removeOptions,
             .words = Words::One,
             .what = tr("waitlist entry (by id)")},
            &WaitlistCommand::remove);
}

QString WaitlistCommand::summary() const
{
    return tr("The waitlist: list, add, remove.");
}

Result<void> WaitlistCommand::list(CliContext &context, const QCommandLineParser &,
                                   const OpenBook &book)
{
    const Presenter presenter(book.catalogue);
    QJsonArray json;
    QStringList lines;
    const Result<QList<WaitlistEntry>> entries = book.store.waitlist(book.salon.id);
    if (!entries)
        return entries.error();
    for (const WaitlistEntry &entry : *entries) {
        const Result<Presenter::Shown> shown = presenter.shown(entry);
        if (!shown)
            return shown.error();
        json.append(shown->json);
        lines.append(shown->line);
    }
    context.print({{QStringLiteral("waitlist"), json}}, lines.join(QLatin1Char('\n')));
    return {};
}

Result<void> WaitlistCommand::add(CliContext &context, const QCommandLineParser &parser,
                                  const OpenBook &book)
{
    const Result<QString> notes =
            text(parser.value(QStringLiteral("notes")), tr("notes"), maxNotesLength, false);
    if (!notes)
        return notes.error();
    const QDate today = book.time.today();
    QDate earliest = today;
    if (parser.isSet(QStringLiteral("from"))) {
        const Result<QDate> date = SalonTime::parseDate(parser.value(QStringLiteral("from")));
        if (!date)
            return date.error();
        earliest = *date;
    }
    QDate latest = earliest.addDays(28);
    if (parser.isSet(QStringLiteral("to"))) {
        const Result<QDate> date = SalonTime::parseDate(parser.value(QStringLiteral("to")));
        if (!date)
            return date.error();
        latest = *date;
    }
    if (latest < earliest)
        return Error::invalid(tr("The latest date comes before the earliest."));
    const Result<Client> client = book.catalogue.findClient(parser.value(QStringLiteral("client")));
    if (!client)
        return client.error();
    const Result<QList<Service>> services =
            book.catalogue.findServices(parser.values(QStringLiteral("service")));
    if (!services)
        return services.error();
    WaitlistEntry entry;
    entry.id = newId();
    entry.salonId = book.salon.id;
    entry.clientId = client->id;
    for (const Service &service : *services)
        entry.serviceIds.append(service.id);
    if (parser.isSet(QStringLiteral("staff"))) {
        const Result<Staff> staff = book.catalogue.findStaff(parser.value(QStringLiteral("staff")));
        if (!staff)
            return staff.error();
        entry.staffId = staff->id;
    }
    entry.earliest = earliest;
    entry.latest = latest;
    entry.notes = *notes;
    entry.createdAt = book.time.now();
    if (const Result<void> saved = book.store.save(entry); !saved)
        return saved;
    const Result<Presenter::Shown> shown = Presenter(book.catalogue).shown(entry);
    if (!shown)
        return shown.error();
    context.print({{QStringLiteral("entry"), shown->json}}, shown->line);
    return {};
}

Result<void> WaitlistCommand::remove(CliContext &context, const QCommandLineParser &parser,
                                     const OpenBook &book)
{
    const QString id = word(parser);
    const Result<QList<WaitlistEntry>> read = book.store.waitlist(book.salon.id);
    if (!read)
        return read.error();
    const QList<WaitlistEntry> &entries = *read;
    if (std::none_of(entries.cbegin(), entries.cend(),
                     [&](const WaitlistEntry &e) { return e.id == id; }))
        return Error::notFound(tr("There is no waitlist entry with the id “%1”.").arg(id));
    if (const Result<void> removed = book.store.remove(Entity::WaitlistEntry, id); !removed)
        return removed;
    context.print({{QStringLiteral("removed"), QJsonObject{{QStringLiteral("id"), id}}}},
                  tr("Removed %1.").arg(id));
    return {};
}

} // namespace chairside::cli
