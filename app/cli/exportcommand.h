#pragma once

#include "command.h"

namespace chairside::cli {

// export: the whole store as one JSON document, to stdout or a file.
class ExportCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override;
    Result<void> run(CliContext &context, const QStringList &arguments) override;
};

} // namespace chairside::cli
