#pragma once

#include "command.h"

namespace chairside::cli {

// join CODE: this PC joins its salon's server with the one-time code an
// admin made (`server enroll-device`), through ServerJoin: its own password
// goes to the keychain, the link to the local store.
class JoinCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    JoinCommand();
    QString name() const override { return QStringLiteral("join"); }
    QString summary() const override;

private:
    Result<void> join(CliContext &context, const QCommandLineParser &parser, Store &store);
};

} // namespace chairside::cli
