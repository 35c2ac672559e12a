#pragma once

#include "command.h"

namespace chairside::cli {

// list: the book between two dates, optionally for one stylist.
class ListCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    QString name() const override { return QStringLiteral("list"); }
    QString summary() const override;
    Result<void> run(CliContext &context, const QStringList &arguments) override;
};

} // namespace chairside::cli
