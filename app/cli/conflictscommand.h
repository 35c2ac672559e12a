#pragma once

#include "command.h"

namespace chairside::cli {

// conflicts list | resolve ID --move-to TIME | --overbook | --cancel |
// --keep-server: the conflict inbox (ConflictResolution does the work).
class ConflictsCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ConflictsCommand();
    QString name() const override { return QStringLiteral("conflicts"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QCommandLineParser &parser, const OpenBook &book);
    Result<void> resolve(CliContext &context, const QCommandLineParser &parser,
                         const OpenBook &book);
};

} // namespace chairside::cli
