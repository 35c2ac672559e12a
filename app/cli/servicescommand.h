#pragma once

#include "verbcommand.h"

#include "domain/service.h"

namespace chairside::cli {

// services list|add|edit|remove: the menu, each service's steps (busy for the
// stylist, or processing time in which they are free), buffer and resources.
class ServicesCommand : public VerbCommand
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ServicesCommand();
    QString name() const override { return QStringLiteral("services"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QStringList &arguments);
    Result<void> add(CliContext &context, const QStringList &arguments);
    Result<void> edit(CliContext &context, const QStringList &arguments);
    Result<void> remove(CliContext &context, const QStringList &arguments);
    static void addEditOptions(QCommandLineParser &parser);
    static Result<void> apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                              Service *service);
};

} // namespace chairside::cli
