#pragma once

#include "verbcommand.h"

#include "domain/resource.h"

namespace chairside::cli {

// resources list|add|edit|remove: chairs, basins, rooms and how many of each.
class ResourcesCommand : public VerbCommand
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ResourcesCommand();
    QString name() const override { return QStringLiteral("resources"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QStringList &arguments);
    Result<void> add(CliContext &context, const QStringList &arguments);
    Result<void> edit(CliContext &context, const QStringList &arguments);
    Result<void> remove(CliContext &context, const QStringList &arguments);
    static void addEditOptions(QCommandLineParser &parser);
    static Result<void> apply(const QCommandLineParser &parser, Resource *resource);
};

} // namespace chairside::cli
