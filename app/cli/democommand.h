#pragma once

#include "command.h"

#include "demo/demosalon.h"

namespace chairside::cli {

// demo: a realistic demo salon, the same for the same seed.
class DemoCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    DemoCommand();
    QString name() const override { return QStringLiteral("demo"); }
    QString summary() const override;

private:
    Result<void> writeDemo(CliContext &context, const QCommandLineParser &parser, Store &store);
    // The generator's options from the command line (checked before the
    // store is opened, and read again by writeDemo).
    static Result<DemoSalon::Options> demoOptions(const QCommandLineParser &parser);
};

} // namespace chairside::cli
