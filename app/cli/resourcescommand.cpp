#include "resourcescommand.h"

#include "clicontext.h"
#include "presenter.h"

#include "store/store.h"

#include <QJsonArray>

namespace chairside::cli {

ResourcesCommand::ResourcesCommand()
{
    using namespace std::placeholders;
    addVerb(QStringLiteral("list"), tr("List chairs, basins, rooms."),
            std::bind(&ResourcesCommand::list, this, _1, _2));
    addVerb(QStringLiteral("add"), tr("Add a resource."),
            std::bind(&ResourcesCommand::add, this, _1, _2));
    addVerb(QStringLiteral("edit"), tr("Change a resource."),
            std::bind(&ResourcesCommand::edit, this, _1, _2));
    addVerb(QStringLiteral("remove"), tr("Remove a resource no service uses."),
            std::bind(&ResourcesCommand::remove, this, _1, _2));
}

QString ResourcesCommand::summary() const
{
    return tr("Chairs, basins, rooms: list, add, edit, remove.");
}

void ResourcesCommand::addEditOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("name"), tr("Its name, e.g. Basin."), tr("NAME")});
    parser.addOption({QStringLiteral("kind"), tr("chair, basin, room, ..."), tr("KIND")});
    parser.addOption({QStringLiteral("count"), tr("How many the salon has (1-1000)."), tr("N")});
}

Result<void> ResourcesCommand::apply(const QCommandLineParser &parser, Resource *resource)
{
    if (parser.isSet(QStringLiteral("name"))) {
        const Result<QString> name =
                text(parser.value(QStringLiteral("name")), tr("name"), maxNameLength, true);
        if (!name)
            return name.error();
        resource->name = *name;
    }
    if (parser.isSet(QStringLiteral("kind"))) {
        const Result<QString> kind =
                text(parser.value(QStringLiteral("kind")), tr("kind"), maxNameLength, true);
        if (!kind)
            return kind.error();
        resource->kind = kind->toLower();
    }
    if (parser.isSet(QStringLiteral("count"))) {
        const Result<int> count =
                number(parser.value(QStringLiteral("count")), QStringLiteral("count"), 1, 1000);
        if (!count)
            return count.error();
        resource->count = *count;
    }
    return {};
}

Result<void> ResourcesCommand::list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List chairs, basins, rooms."));
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
    for (const Resource &resource : (*catalogue)->resources()) {
        json.append(presenter.resource(resource));
        lines.append(presenter.resourceLine(resource));
    }
    context.print({{QStringLiteral("resources"), json}}, lines.join(QLatin1Char('\n')));
    return {};
}

Result<void> ResourcesCommand::add(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Add a resource."));
    addEditOptions(parser);
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    if (!parser.isSet(QStringLiteral("name")))
        return Error::usage(tr("A new resource needs --name."));
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    Resource resource;
    resource.id = newId();
    resource.salonId = (*catalogue)->salon().id;
    resource.kind = parser.value(QStringLiteral("name")).trimmed().toLower();
    if (const Result<void> applied = apply(parser, &resource); !applied)
        return applied;
    if (const Result<void> saved = (*context.store())->save(resource); !saved)
        return saved;
    context.reloadCatalogue();
    context.print(
            {{QStringLiteral("resource"), Presenter(**context.catalogue()).resource(resource)}},
            tr("Added %1 (%2).").arg(resource.name, resource.id));
    return {};
}

Result<void> ResourcesCommand::edit(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Change a resource."));
    parser.addPositionalArgument(QStringLiteral("resource"), tr("The resource, by name or id."));
    addEditOptions(parser);
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<QString> which = onePositional(parser, tr("resource"));
    if (!which)
        return which.error();
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    Result<Resource> resource = (*catalogue)->findResource(*which);
    if (!resource)
        return resource.error();
    if (const Result<void> applied = apply(parser, &*resource); !applied)
        return applied;
    if (const Result<void> saved = (*context.store())->save(*resource); !saved)
        return saved;
    context.print({{QStringLiteral("resource"), Presenter(**catalogue).resource(*resource)}},
                  tr("Changed %1.").arg(resource->name));
    return {};
}

Result<void> ResourcesCommand::remove(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Remove a resource. One that a service still uses is refused."));
    parser.addPositionalArgument(QStringLiteral("resource"), tr("The resource, by name or id."));
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<QString> which = onePositional(parser, tr("resource"));
    if (!which)
        return which.error();
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    const Result<Resource> resource = (*catalogue)->findResource(*which);
    if (!resource)
        return resource.error();
    QStringList users;
    for (const Service &service : (*catalogue)->services()) {
        for (const ServiceSegment &segment : service.segments) {
            if (segment.resourceIds.contains(resource->id) && !users.contains(service.name))
                users.append(service.name);
        }
    }
    if (!users.isEmpty()) {
        return Error::invalid(tr("%1 is used by %2; change those services first.")
                                      .arg(resource->name, users.join(QStringLiteral(", "))));
    }
    if (const Result<void> removed = (*context.store())->remove(Entity::Resource, resource->id);
        !removed)
        return removed;
    context.print({{QStringLiteral("removed"),
                    QJsonObject{{QStringLiteral("id"), resource->id},
                                {QStringLiteral("name"), resource->name}}}},
                  tr("Removed %1.").arg(resource->name));
    return {};
}

} // namespace chairside::cli
