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

private:
    // What the arguments alone say; checked before the store is opened.
    struct Change
    {
        QString id;
        QString by;
        QString reason;
        AppointmentStatus status = AppointmentStatus::Booked;
    };
    Result<Change> change(const QCommandLineParser &parser) const;
    void addOptions(QCommandLineParser &parser) const;
    Result<void> changeAppointment(CliContext &context, const QCommandLineParser &parser,
                                   const OpenBook &book);

    Action m_action;
};

} // namespace chairside::cli
