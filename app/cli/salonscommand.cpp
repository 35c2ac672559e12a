#include "salonscommand.h"

#include "clicontext.h"
#include "domain/salontime.h"
#include "presenter.h"

#include "store/store.h"

#include <QJsonArray>

namespace chairside::cli {

SalonsCommand::SalonsCommand()
{
    const auto listOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(tr("List the salons in the store."));
    };
    const auto addOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Add a salon. Without --hours it opens Monday to Saturday, 09:00-18:00."));
        addEditOptions(parser);
    };
    const auto editOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Change the salon chosen with --salon (or the only one)."));
        addEditOptions(parser);
    };
    const auto addCheck = [](const QCommandLineParser &parser) -> Result<void> {
        if (const Result<Salon> salon = newSalon(parser); !salon)
            return salon.error();
        return {};
    };
    addVerb({.name = QStringLiteral("list"),
             .summary = tr("List the salons in the store."),
             .options = listOptions},
            &SalonsCommand::list);
    addVerb({.name = QStringLiteral("add"),
             .summary = tr("Add a salon."),
             .options = addOptions,
             .check = addCheck},
            &SalonsCommand::add);
    addVerb({.name = QStringLiteral("edit"),
             .summary = tr("Change a salon's name, time zone or hours."),
             .options = editOptions},
            &SalonsCommand::edit);
}

QString SalonsCommand::summary() const
{
    return tr("Salons: list, add, edit.");
}

void SalonsCommand::addEditOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("name"), tr("The salon's name."), tr("NAME")});
    parser.addOption(
            {QStringLiteral("time-zone"), tr("IANA time zone, e.g. Europe/London."), tr("ZONE")});
    parser.addOption({QStringLiteral("hours"),
                      tr("Opening hours, e.g. \"mon-fri=09:00-18:00,sat=09:00-16:00,sun=closed\"."),
                      tr("HOURS")});
    parser.addOption({QStringLiteral("patch-test-min-hours"),
                      tr("How long before a visit a patch test must be taken, at least "
                         "(0 to 720 hours; a new salon: 48)."),
                      tr("HOURS")});
    parser.addOption({QStringLiteral("patch-test-max-days"),
                      tr("How long a patch test counts for, at most (1 to 3650 days; a new "
                         "salon: 183)."),
                      tr("DAYS")});
}

Result<std::array<DayHours, 7>> SalonsCommand::hours(const QString &spec,
                                                     std::array<DayHours, 7> base)
{
    const QStringList parts = spec.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QStringList dayAndTimes = part.split(QLatin1Char('='));
        if (dayAndTimes.size() != 2)
            return Error::usage(
                    tr("“%1” is not opening hours; write e.g. mon-fri=09:00-18:00 or sun=closed.")
                            .arg(part));
        const QStringList days = dayAndTimes.at(0).split(QLatin1Char('-'));
        const Result<int> first = SalonTime::parseWeekday(days.at(0));
        if (!first)
            return first.error();
        Result<int> last = days.size() > 1 ? SalonTime::parseWeekday(days.at(1)) : first;
        if (!last)
            return last.error();
        DayHours dayHours;
        if (dayAndTimes.at(1).trimmed().compare(QLatin1String("closed"), Qt::CaseInsensitive)
            != 0) {
            const QStringList times = dayAndTimes.at(1).split(QLatin1Char('-'));
            if (times.size() != 2)
                return Error::usage(tr("“%1” is not opening hours; write e.g. 09:00-18:00.")
                                            .arg(dayAndTimes.at(1)));
            const Result<int> open = SalonTime::parseClock(times.at(0));
            if (!open)
                return open.error();
            const Result<int> close = SalonTime::parseClock(times.at(1));
            if (!close)
                return close.error();
            if (*close <= *open)
                return Error::invalid(tr("The salon closes (%1) before it opens (%2).")
                                              .arg(times.at(1), times.at(0)));
            dayHours = {*open, *close};
        }
        for (int day = *first; day <= *last; ++day)
            base[size_t(day - 1)] = dayHours;
    }
    return base;
}

Result<void> SalonsCommand::apply(const QCommandLineParser &parser, Salon *salon)
{
    if (parser.isSet(QStringLiteral("name"))) {
        const Result<QString> name =
                text(parser.value(QStringLiteral("name")), tr("salon's name"), maxNameLength, true);
        if (!name)
            return name.error();
        salon->name = *name;
    }
    if (parser.isSet(QStringLiteral("time-zone"))) {
        const Result<QTimeZone> zone =
                SalonTime::parseTimeZone(parser.value(QStringLiteral("time-zone")));
        if (!zone)
            return zone.error();
        salon->timeZone = QString::fromUtf8(zone->id());
    }
    if (parser.isSet(QStringLiteral("hours"))) {
        const Result<std::array<DayHours, 7>> opening =
                hours(parser.value(QStringLiteral("hours")), salon->openingHours);
        if (!opening)
            return opening.error();
        salon->openingHours = *opening;
    }
    if (parser.isSet(QStringLiteral("patch-test-min-hours"))) {
        const Result<int> hours =
                number(parser.value(QStringLiteral("patch-test-min-hours")),
                       QStringLiteral("patch-test-min-hours"), 0, Store::maxPatchTestMinHours);
        if (!hours)
            return hours.error();
        salon->patchTestMinHours = *hours;
    }
    if (parser.isSet(QStringLiteral("patch-test-max-days"))) {
        const Result<int> days =
                number(parser.value(QStringLiteral("patch-test-max-days")),
                       QStringLiteral("patch-test-max-days"), 1, Store::maxPatchTestMaxDays);
        if (!days)
            return days.error();
        salon->patchTestMaxDays = *days;
    }
    return {};
}

Result<void> SalonsCommand::list(CliContext &context, const QCommandLineParser &, Store &store)
{
    QJsonArray json;
    QStringList lines;
    const Result<QList<Salon>> salons = store.salons();
    if (!salons)
        return salons.error();
    for (const Salon &salon : *salons) {
        const Result<Catalogue> catalogue = Catalogue::load(store, salon);
        if (!catalogue)
            return catalogue.error();
        json.append(Presenter(*catalogue).salon(salon));
        lines.append(QStringLiteral("%1  %2  %3").arg(salon.id, salon.name, salon.timeZone));
    }
    context.print({{QStringLiteral("salons"), json}}, lines.join(QLatin1Char('\n')));
    return {};
}

Result<Salon> SalonsCommand::newSalon(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("name")) || !parser.isSet(QStringLiteral("time-zone")))
        return Error::usage(tr("A new salon needs --name and --time-zone."));
    Salon salon;
    for (int day = 0; day < 6; ++day)
        salon.openingHours[size_t(day)] = {9 * 60, 18 * 60};
    if (const Result<void> applied = apply(parser, &salon); !applied)
        return applied.error();
    return salon;
}

Result<void> SalonsCommand::add(CliContext &context, const QCommandLineParser &parser, Store &store)
{
    Salon salon = *newSalon(parser);
    salon.id = newId();
    if (const Result<void> saved = store.save(salon); !saved)
        return saved;
    const Result<Catalogue> catalogue = Catalogue::load(store, salon);
    if (!catalogue)
        return catalogue.error();
    context.print({{QStringLiteral("salon"), Presenter(*catalogue).salon(salon)}},
                  tr("Added salon %1 (%2).").arg(salon.name, salon.id));
    return {};
}

Result<void> SalonsCommand::edit(CliContext &context, const QCommandLineParser &parser,
                                 Store &store)
{
    Result<Salon> salon = context.salon();
    if (!salon)
        return salon.error();
    if (const Result<void> applied = apply(parser, &*salon); !applied)
        return applied;
    if (const Result<void> saved = store.save(*salon); !saved)
        return saved;
    const Result<Catalogue> catalogue = Catalogue::load(store, *salon);
    if (!catalogue)
        return catalogue.error();
    context.print({{QStringLiteral("salon"), Presenter(*catalogue).salon(*salon)}},
                  tr("Changed salon %1.").arg(salon->name));
    return {};
}

} // namespace chairside::cli
