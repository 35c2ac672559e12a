#pragma once

#include "verbcommand.h"

#include "domain/staff.h"

namespace chairside::cli {

// staff list|add|edit|remove: the people of the salon, their role, colour,
// the services they do and their own timing for them.
class StaffCommand : public VerbCommand
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    StaffCommand();
    QString name() const override { return QStringLiteral("staff"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QStringList &arguments);
    Result<void> add(CliContext &context, const QStringList &arguments);
    Result<void> edit(CliContext &context, const QStringList &arguments);
    Result<void> remove(CliContext &context, const QStringList &arguments);
    static void addEditOptions(QCommandLineParser &parser);
    static Result<void> apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                              Staff *staff);
};

} // namespace chairside::cli
