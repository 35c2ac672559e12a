#pragma once

#include "verbcommand.h"

namespace chairside::cli {

// waitlist list|add|remove: clients who want a visit when something frees up.
class WaitlistCommand : public VerbCommand
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    WaitlistCommand();
    QString name() const override { return QStringLiteral("waitlist"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QStringList &arguments);
    Result<void> add(CliContext &context, const QStringList &arguments);
    Result<void> remove(CliContext &context, const QStringList &arguments);
};

} // namespace chairside::cli
