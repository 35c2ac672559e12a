#pragma once

#include "verbcommand.h"

#include "domain/client.h"

namespace chairside::cli {

// clients list|add|edit|remove: contact details, notes, patch test, consent.
class ClientsCommand : public VerbCommand
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ClientsCommand();
    QString name() const override { return QStringLiteral("clients"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QStringList &arguments);
    Result<void> add(CliContext &context, const QStringList &arguments);
    Result<void> edit(CliContext &context, const QStringList &arguments);
    Result<void> remove(CliContext &context, const QStringList &arguments);
    static void addEditOptions(QCommandLineParser &parser);
    static Result<void> apply(const QCommandLineParser &parser, Client *client);
};

} // namespace chairside::cli
