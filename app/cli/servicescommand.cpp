#include "servicescommand.h"

#include "clicontext.h"
#include "presenter.h"

#include "store/store.h"

#include <QDateTime>
#include <QJsonArray>

namespace chairside::cli {

ServicesCommand::ServicesCommand()
{
    using namespace std::placeholders;
    addVerb(QStringLiteral("list"), tr("List the service menu."),
            std::bind(&ServicesCommand::list, this, _1, _2));
    addVerb(QStringLiteral("add"), tr("Add a service."),
            std::bind(&ServicesCommand::add, this, _1, _2));
    addVerb(QStringLiteral("edit"), tr("Change a service."),
            std::bind(&ServicesCommand::edit, this, _1, _2));
    addVerb(QStringLiteral("remove"), tr("Remove a service that is not booked ahead."),
            std::bind(&ServicesCommand::remove, this, _1, _2));
}

QString ServicesCommand::summary() const
{
    return tr("The service menu: list, add, edit, remove.");
}

void ServicesCommand::addEditOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("name"), tr("The service's name."), tr("NAME")});
    parser.addOption(
            {QStringLiteral("category"), tr("Menu category, e.g. Colour."), tr("CATEGORY")});
    parser.addOption({QStringLiteral("price"), tr("Price, e.g. 45 or 45.50."), tr("PRICE")});
    parser.addOption(
            {QStringLiteral("segments"),
             tr("Steps in order, e.g. \"busy:30,processing:35,busy:30\"; add resources a step "
                "holds with @, e.g. busy:15@Basin+Chair."),
             tr("STEPS")});
    parser.addOption(
            {QStringLiteral("buffer"), tr("Clean-up minutes after the service."), tr("MINUTES")});
    parser.addOption(
            {QStringLiteral("resources"),
             tr("Resources every step holds, comma-separated (besides those given with @)."),
             tr("RESOURCES")});
    parser.addOption({QStringLiteral("active"), tr("yes, or no for a service no longer offered."),
                      tr("YES|NO")});
}

Result<void> ServicesCommand::apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                                    Service *service)
{
    if (parser.isSet(QStringLiteral("name"))) {
        const Result<QString> name =
                text(parser.value(QStringLiteral("name")), tr("name"), maxNameLength, true);
        if (!name)
            return name.error();
        service->name = *name;
    }
    if (parser.isSet(QStringLiteral("category"))) {
        const Result<QString> category = text(parser.value(QStringLiteral("category")),
                                              tr("category"), maxNameLength, false);
        if (!category)
            return category.error();
        service->category = category->trimmed();
    }
    if (parser.isSet(QStringLiteral("price"))) {
        const Result<qint64> price =
                money(parser.value(QStringLiteral("price")), QStringLiteral("price"));
        if (!price)
            return price.error();
        service->priceCents = *price;
    }
    if (parser.isSet(QStringLiteral("segments"))) {
        const Result<QList<ServiceSegment>> steps =
                segments(parser.value(QStringLiteral("segments")), catalogue);
        if (!steps)
            return steps.error();
        service->segments = *steps;
    }
    if (parser.isSet(QStringLiteral("buffer"))) {
        const Result<int> buffer =
                number(parser.value(QStringLiteral("buffer")), QStringLiteral("buffer"), 0, 240);
        if (!buffer)
            return buffer.error();
        service->bufferAfterMinutes = *buffer;
    }
    if (parser.isSet(QStringLiteral("resources"))) {
        const QStringList names = parser.value(QStringLiteral("resources"))
                                          .split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &name : names) {
            const Result<Resource> resource = catalogue.findResource(name);
            if (!resource)
                return resource.error();
            for (ServiceSegment &segment : service->segments) {
                if (!segment.resourceIds.contains(resource->id))
                    segment.resourceIds.append(resource->id);
            }
        }
    }
    if (parser.isSet(QStringLiteral("active"))) {
        const Result<bool> active =
                yesNo(parser.value(QStringLiteral("active")), QStringLiteral("active"));
        if (!active)
            return active.error();
        service->active = *active;
    }
    return {};
}

Result<void> ServicesCommand::list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List the service menu."));
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    const Presenter presenter(**catalogue);
    QJsonArray json;
    QStringList lines;
    for (const Service &service : (*catalogue)->services()) {
        json.append(presenter.service(service));
        lines.append(presenter.serviceLine(service));
    }
    context.print({{QStringLiteral("services"), json}}, lines.join(QLatin1Char('\n')));
    return {};
}

Result<void> ServicesCommand::add(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Add a service to the menu."));
    addEditOptions(parser);
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    if (!parser.isSet(QStringLiteral("name")) || !parser.isSet(QStringLiteral("segments")))
        return Error::usage(tr("A new service needs --name and --segments."));
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    Service service;
    service.id = newId();
    service.salonId = (*catalogue)->salon().id;
    if (const Result<void> applied = apply(parser, **catalogue, &service); !applied)
        return applied;
    if (const Result<void> saved = (*context.store())->save(service); !saved)
        return saved;
    context.reloadCatalogue();
    context.print({{QStringLiteral("service"), Presenter(**context.catalogue()).service(service)}},
                  tr("Added %1 (%2).").arg(service.name, service.id));
    return {};
}

Result<void> ServicesCommand::edit(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Change a service. Booked visits keep the timing they were booked with."));
    parser.addPositionalArgument(QStringLiteral("service"), tr("The service, by name or id."));
    addEditOptions(parser);
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<QString> which = onePositional(parser, tr("service"));
    if (!which)
        return which.error();
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    Result<Service> service = (*catalogue)->findService(*which);
    if (!service)
        return service.error();
    if (const Result<void> applied = apply(parser, **catalogue, &*service); !applied)
        return applied;
    if (const Result<void> saved = (*context.store())->save(*service); !saved)
        return saved;
    context.reloadCatalogue();
    context.print({{QStringLiteral("service"), Presenter(**context.catalogue()).service(*service)}},
                  tr("Changed %1.").arg(service->name));
    return {};
}

Result<void> ServicesCommand::remove(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Remove a service. One that is booked ahead is refused; use "
               "“services edit --active no” for it."));
    parser.addPositionalArgument(QStringLiteral("service"), tr("The service, by name or id."));
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<QString> which = onePositional(parser, tr("service"));
    if (!which)
        return which.error();
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    const Result<Service> service = (*catalogue)->findService(*which);
    if (!service)
        return service.error();
    Store *store = *context.store();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    int upcoming = 0;
    const QList<Appointment> appointments =
            store->appointments(service->salonId, now, now + 5LL * 366 * 86400);
    for (const Appointment &appointment : appointments) {
        if (!holdsTime(appointment.status))
            continue;
        for (const ServiceLine &line : appointment.lines)
            upcoming += line.serviceId == service->id ? 1 : 0;
    }
    if (upcoming > 0) {
        return Error::invalid(
                tr("%1 is booked in %2 upcoming appointments; use “services edit --active no” "
                   "to stop offering it.")
                        .arg(service->name)
                        .arg(upcoming));
    }
    if (const Result<void> removed = store->remove(Entity::Service, service->id); !removed)
        return removed;
    context.print({{QStringLiteral("removed"),
                    QJsonObject{{QStringLiteral("id"), service->id},
                                {QStringLiteral("name"), service->name}}}},
                  tr("Removed %1.").arg(service->name));
    return {};
}

} // namespace chairside::cli
