#pragma once

#include "command.h"

namespace chairside::cli {

// import: restores a store from an export, in one transaction, after
// checking the whole file; a malformed file changes nothing.
class ImportCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override;
    Result<void> run(CliContext &context, const QStringList &arguments) override;
};

} // namespace chairside::cli
