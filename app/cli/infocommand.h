#pragma once

#include "command.h"

namespace chairside::cli {

// info: where the store is, its schema version, salons, pending outbox.
class InfoCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    QString name() const override { return QStringLiteral("info"); }
    QString summary() const override;
    Result<void> run(CliContext &context, const QStringList &arguments) override;
};

} // namespace chairside::cli
