#include "democommand.h"

#include "clicontext.h"
#include "domain/salontime.h"
#include "presenter.h"

#include "demo/demosalon.h"
#include "store/store.h"

#include <QElapsedTimer>

namespace chairside::cli {

QString DemoCommand::summary() const
{
    return tr("Fill an empty store with a demo salon.");
}

DemoCommand::DemoCommand()
{
    const auto options = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Write a realistic demo salon: stylists with shifts and breaks, a menu with "
                   "processing time and resources, clients and a book around --today. The same "
                   "seed gives the same salon. A store with data is refused unless --replace."));
        parser.addOption({QStringLiteral("seed"), tr("Seed (default 1)."), tr("N")});
        parser.addOption(
                {QStringLiteral("stylists"), tr("Number of stylists (default 6)."), tr("N")});
        parser.addOption(
                {QStringLiteral("clients"), tr("Number of clients (default 300)."), tr("N")});
        parser.addOption({QStringLiteral("appointments"),
                          tr("Number of appointments (default 400)."), tr("N")});
        parser.addOption({QStringLiteral("today"),
                          tr("The day the book is centred on (default: today)."), tr("DATE")});
        parser.addOption({QStringLiteral("time-zone"),
                          tr("The salon's time zone (default Europe/London)."), tr("ZONE")});
        parser.addOption({QStringLiteral("name"), tr("The salon's name."), tr("NAME")});
        parser.addOption(
                {QStringLiteral("replace"), tr("Replace everything already in the store.")});
    };
    const auto check = [](const QCommandLineParser &parser) -> Result<void> {
        if (const Result<DemoSalon::Options> options = demoOptions(parser); !options)
            return options.error();
        return {};
    };
    addVerb({.options = options, .check = check}, &DemoCommand::writeDemo);
}

Result<DemoSalon::Options> DemoCommand::demoOptions(const QCommandLineParser &parser)
{
    DemoSalon::Options options;
    struct Count
    {
        const char *option;
        int *target;
        int min;
        int max;
    };
    int seed = 1;
    for (const Count &count : {Count{"seed", &seed, 0, std::numeric_limits<int>::max()},
                               Count{"stylists", &options.stylists, 1, 500},
                               Count{"clients", &options.clients, 0, 1000000},
                               Count{"appointments", &options.appointments, 0, 1000000}}) {
        const QString option = QLatin1String(count.option);
        if (!parser.isSet(option))
            continue;
        const Result<int> value = number(parser.value(option), option, count.min, count.max);
        if (!value)
            return value.error();
        *count.target = *value;
    }
    options.seed = quint32(seed);
    if (parser.isSet(QStringLiteral("today"))) {
        const Result<QDate> today = SalonTime::parseDate(parser.value(QStringLiteral("today")));
        if (!today)
            return today.error();
        options.today = *today;
    }
    if (parser.isSet(QStringLiteral("time-zone"))) {
        const Result<QTimeZone> zone =
                SalonTime::parseTimeZone(parser.value(QStringLiteral("time-zone")));
        if (!zone)
            return zone.error();
        options.timeZone = QString::fromUtf8(zone->id());
    }
    if (parser.isSet(QStringLiteral("name"))) {
        const Result<QString> name =
                text(parser.value(QStringLiteral("name")), tr("salon's name"), maxNameLength, true);
        if (!name)
            return name.error();
        options.name = *name;
    }
    return options;
}

Result<void> DemoCommand::writeDemo(CliContext &context, const QCommandLineParser &parser,
                                    Store &store)
{
    const DemoSalon::Options options = *demoOptions(parser);
    const bool replace = parser.isSet(QStringLiteral("replace"));
    const Result<QList<Salon>> salons = store.salons();
    if (!salons)
        return salons.error();
    if (!replace && !salons->isEmpty())
        return Error::invalid(tr("The store already has data; add --replace to replace all of it "
                                 "with the demo salon."));

    QElapsedTimer timer;
    timer.start();
    const StoreContents contents = DemoSalon::generate(options);
    // Demo data is local sample data: no outbox rows, it must never sync.
    const Result<void> written =
            replace ? store.replaceAll(contents, false) : store.insertAll(contents, false);
    if (!written)
        return written;
    const qint64 elapsed = timer.elapsed();
    if (contents.salons.isEmpty())
        return Error::storage(tr("The demo generator made no salon."));
    const Salon &salon = contents.salons.constFirst();
    const Result<Catalogue> catalogue = Catalogue::load(store, salon);
    if (!catalogue)
        return catalogue.error();
    context.print({{QStringLiteral("salon"), Presenter(*catalogue).salon(salon)},
                   {QStringLiteral("seed"), qint64(options.seed)},
                   {QStringLiteral("staff"), contents.staff.size()},
                   {QStringLiteral("services"), contents.services.size()},
                   {QStringLiteral("clients"), contents.clients.size()},
                   {QStringLiteral("appointments"), contents.appointments.size()},
                   {QStringLiteral("milliseconds"), elapsed}},
                  tr("Wrote the demo salon “%1” (%2 staff, %3 services, %4 clients, %5 "
                     "appointments) in %6 ms.")
                          .arg(salon.name)
                          .arg(contents.staff.size())
                          .arg(contents.services.size())
                          .arg(contents.clients.size())
                          .arg(contents.appointments.size())
                          .arg(elapsed));
    return {};
}

} // namespace chairside::cli
