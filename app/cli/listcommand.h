#pragma once

#include "command.h"

#include <optional>

namespace chairside::cli {

// list: the book between two dates, optionally for one stylist.
class ListCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ListCommand();
    QString name() const override { return QStringLiteral("list"); }
    QString summary() const override;

private:
    Result<void> listAppointments(CliContext &context, const QCommandLineParser &parser,
                                  const OpenBook &book);
    // --status, when given.
    static Result<std::optional<AppointmentStatus>> status(const QCommandLineParser &parser);
};

} // namespace chairside::cli
