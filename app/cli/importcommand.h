#pragma once

#include "command.h"

namespace chairside::cli {

// import: restores a store from an export, in one transaction, after
// checking the whole file; a malformed file changes nothing.
class ImportCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ImportCommand();
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override;

private:
    // Opens the store itself, once the file has been read and checked.
    Result<void> importFile(CliContext &context, const QCommandLineParser &parser);
};

} // namespace chairside::cli
