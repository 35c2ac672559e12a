#pragma once

#include "command.h"

namespace chairside::cli {

// demo: a realistic demo salon, the same for the same seed.
class DemoCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    QString name() const override { return QStringLiteral("demo"); }
    QString summary() const override;
    Result<void> run(CliContext &context, const QStringList &arguments) override;
};

} // namespace chairside::cli
