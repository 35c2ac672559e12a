#pragma once

#include "command.h"

namespace chairside::cli {

// waitlist list|add|remove: clients who want a visit when something frees up.
class WaitlistCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    WaitlistCommand();
    QString name() const override { return QStringLiteral("waitlist"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QCommandLineParser &parser, const OpenBook &book);
    Result<void> add(CliContext &context, const QCommandLineParser &parser, const OpenBook &book);
    Result<void> remove(CliContext &context, const QCommandLineParser &parser,
                        const OpenBook &book);
};

} // namespace chairside::cli
