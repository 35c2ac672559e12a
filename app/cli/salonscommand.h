#pragma once

#include "command.h"

#include "domain/salon.h"

namespace chairside::cli {

// salons list|add|edit: the salons in the store, their time zone and hours.
class SalonsCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    SalonsCommand();
    QString name() const override { return QStringLiteral("salons"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QCommandLineParser &parser, Store &store);
    Result<void> add(CliContext &context, const QCommandLineParser &parser, Store &store);
    // On the store, not the salon's book: it must reach a salon whose time
    // zone is unknown, to mend it.
    Result<void> edit(CliContext &context, const QCommandLineParser &parser, Store &store);
    static Result<void> apply(const QCommandLineParser &parser, Salon *salon);
    // A new salon as its options describe it.
    static Result<Salon> newSalon(const QCommandLineParser &parser);
    static void addEditOptions(QCommandLineParser &parser);
    // "mon-fri=09:00-18:00,sat=09:00-16:00,sun=closed"
    static Result<std::array<DayHours, 7>> hours(const QString &spec, std::array<DayHours, 7> base);
};

} // namespace chairside::cli
