#pragma once

#include "command.h"

namespace chairside::cli {

// slots: free starts for a visit of one or more services, with a given
// stylist or anyone who does them all.
class SlotsCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    QString name() const override { return QStringLiteral("slots"); }
    QString summary() const override;
    Result<void> run(CliContext &context, const QStringList &arguments) override;
};

} // namespace chairside::cli
