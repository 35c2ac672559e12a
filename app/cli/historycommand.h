#pragma once

#include "command.h"

namespace chairside::cli {

// history APPOINTMENT: the audit trail of a visit from the salon's server.
class HistoryCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    HistoryCommand();
    QString name() const override { return QStringLiteral("history"); }
    QString summary() const override;

private:
    Result<void> history(CliContext &context, const QCommandLineParser &parser, Store &store);
};

} // namespace chairside::cli
