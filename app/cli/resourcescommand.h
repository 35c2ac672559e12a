#pragma once

#include "cataloguecommand.h"

#include "domain/resource.h"

namespace chairside::cli {

// resources list|add|edit|remove: chairs, basins, rooms and how many of each.
class ResourcesCommand : public CatalogueCommand<Resource>
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ResourcesCommand();
    QString name() const override { return QStringLiteral("resources"); }
    QString summary() const override;

private:
    void addEditOptions(QCommandLineParser &parser) const override;
    Result<void> apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                       Resource *resource) const override;
    void setDefaults(const QCommandLineParser &parser, const Catalogue &catalogue,
                     Resource *resource) const override;
};

} // namespace chairside::cli
