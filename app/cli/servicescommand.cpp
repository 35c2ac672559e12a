#include "servicescommand.h"

namespace chairside::cli {

ServicesCommand::ServicesCommand()
    : CatalogueCommand({
            .key = QStringLiteral("service"),
            .listKey = QStringLiteral("services"),
            .entity = Entity::Service,
            .what = tr("service"),
            .whichHelp = tr("The service, by name or id."),
            .addHelp = tr("Add a service to the menu."),
            .editHelp =
                    tr("Change a service. Booked visits keep the timing they were booked with."),
            .removeHelp = tr("Remove a service. One that is booked ahead is refused; use "
                             "“services edit --active no” for it."),
            .required = {QStringLiteral("name"), QStringLiteral("segments")},
            .requiredMessage = tr("A new service needs --name and --segments."),
            .find = &Catalogue::findService,
            .json = &Presenter::service,
            .line = &Presenter::serviceLine,
            .listHelp = tr("List the service menu."),
            .rows = &Catalogue::services,
    })
{
    addVerbs(tr("Add a service."), tr("Change a service."),
             tr("Remove a service that is not booked ahead."));
}

QString ServicesCommand::summary() const
{
    return tr("The service menu: list, add, edit, remove.");
}

void ServicesCommand::addEditOptions(QCommandLineParser &parser) const
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
    parser.addOption({QStringLiteral("rebook-weeks"),
                      tr("Weeks after which to offer the next visit when this one is completed "
                         "(0 to 52; 0 offers none)."),
                      tr("WEEKS")});
    parser.addOption({QStringLiteral("needs-patch-test"),
                      tr("yes if the client needs a valid patch test for this service."),
                      tr("YES|NO")});
}

Result<void> ServicesCommand::apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                                    Service *service) const
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
        const Result<int> buffer = number(parser.value(QStringLiteral("buffer")),
                                          QStringLiteral("buffer"), 0, Store::maxBufferMinutes);
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
    if (parser.isSet(QStringLiteral("rebook-weeks"))) {
        const Result<int> weeks = number(parser.value(QStringLiteral("rebook-weeks")),
                                         QStringLiteral("rebook-weeks"), 0, Store::maxRebookWeeks);
        if (!weeks)
            return weeks.error();
        service->rebookWeeks = *weeks;
    }
    if (parser.isSet(QStringLiteral("needs-patch-test"))) {
        const Result<bool> needs = yesNo(parser.value(QStringLiteral("needs-patch-test")),
                                         QStringLiteral("needs-patch-test"));
        if (!needs)
            return needs.error();
        service->needsPatchTest = *needs;
    }
    return {};
}

} // namespace chairside::cli
