#pragma once

#include "command.h"

namespace chairside::cli {

// info: where the store is, its schema version, salons, pending outbox.
class InfoCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    InfoCommand();
    QString name() const override { return QStringLiteral("info"); }
    QString summary() const override;

private:
    Result<void> show(CliContext &context, const QCommandLineParser &parser, Store &store);
};

} // namespace chairside::cli
