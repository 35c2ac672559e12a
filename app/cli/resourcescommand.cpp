#include "resourcescommand.h"

namespace chairside::cli {

ResourcesCommand::ResourcesCommand()
    : CatalogueCommand({
            .key = QStringLiteral("resource"),
            .listKey = QStringLiteral("resources"),
            .entity = Entity::Resource,
            .what = tr("resource"),
            .whichHelp = tr("The resource, by name or id."),
            .addHelp = tr("Add a resource."),
            .editHelp = tr("Change a resource."),
            .removeHelp = tr("Remove a resource. One that a service still uses is refused."),
            .required = {QStringLiteral("name")},
            .requiredMessage = tr("A new resource needs --name."),
            .find = &Catalogue::findResource,
            .json = &Presenter::resource,
            .line = &Presenter::resourceLine,
            .listHelp = tr("List chairs, basins, rooms."),
            .rows = &Catalogue::resources,
    })
{
    addVerbs(tr("Add a resource."), tr("Change a resource."),
             tr("Remove a resource no service uses."));
}

QString ResourcesCommand::summary() const
{
    return tr("Chairs, basins, rooms: list, add, edit, remove.");
}

void ResourcesCommand::addEditOptions(QCommandLineParser &parser) const
{
    parser.addOption({QStringLiteral("name"), tr("Its name, e.g. Basin."), tr("NAME")});
    parser.addOption({QStringLiteral("kind"), tr("chair, basin, room, ..."), tr("KIND")});
    parser.addOption({QStringLiteral("count"), tr("How many the salon has (1-1000)."), tr("N")});
}

Result<void> ResourcesCommand::apply(const QCommandLineParser &parser, const Catalogue &,
                                     Resource *resource) const
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
        const Result<int> count = number(parser.value(QStringLiteral("count")),
                                         QStringLiteral("count"), 1, Store::maxResourceCount);
        if (!count)
            return count.error();
        resource->count = *count;
    }
    return {};
}

void ResourcesCommand::setDefaults(const QCommandLineParser &parser, const Catalogue &,
                                   Resource *resource) const
{
    resource->kind = parser.value(QStringLiteral("name")).trimmed().toLower();
}

} // namespace chairside::cli
