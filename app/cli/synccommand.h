#pragma once

#include "command.h"

namespace chairside::cli {

// sync: one round of sync with the salon's server (push, then pull), and
// `sync status`: online or not, what waits, the last good sync, the last error.
class SyncCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    SyncCommand();
    QString name() const override { return QStringLiteral("sync"); }
    QString summary() const override;
    // `sync` alone runs a round; `sync status` reports.
    Result<void> run(CliContext &context, const QStringList &arguments) override;

private:
    Result<void> round(CliContext &context, const QCommandLineParser &parser, Store &store);
    Result<void> status(CliContext &context, const QCommandLineParser &parser, Store &store);
    Result<void> wakeUp(CliContext &context, const QCommandLineParser &parser, Store &store);
};

} // namespace chairside::cli
