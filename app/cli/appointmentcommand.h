#pragma once

#include "command.h"

namespace chairside::cli {

// move, cancel and status: changes to one booked appointment, by id. Each
// keeps who changed it and when.
class AppointmentCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    enum class Action { Move, Cancel, Status };

    explicit AppointmentCommand(Action action);
    QString name() const override;
    QString summary() const override;
    Result<void> run(CliContext &context, const QStringList &arguments) override;

private:
    Action m_action;
};

} // namespace chairside::cli
