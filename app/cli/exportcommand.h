#pragma once

#include "command.h"

namespace chairside::cli {

// export: the whole store as one JSON document, to stdout or a file.
class ExportCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ExportCommand();
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override;

private:
    Result<void> exportStore(CliContext &context, const QCommandLineParser &parser, Store &store);
};

} // namespace chairside::cli
