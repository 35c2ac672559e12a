#pragma once

#include "verbcommand.h"

#include "domain/salon.h"

namespace chairside::cli {

// salons list|add|edit: the salons in the store, their time zone and hours.
class SalonsCommand : public VerbCommand
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    SalonsCommand();
    QString name() const override { return QStringLiteral("salons"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QStringList &arguments);
    Result<void> add(CliContext &context, const QStringList &arguments);
    Result<void> edit(CliContext &context, const QStringList &arguments);
    Result<void> apply(const QCommandLineParser &parser, Salon *salon);
    static void addEditOptions(QCommandLineParser &parser);
    // "mon-fri=09:00-18:00,sat=09:00-16:00,sun=closed"
    static Result<std::array<DayHours, 7>> hours(const QString &spec, std::array<DayHours, 7> base);
};

} // namespace chairside::cli
