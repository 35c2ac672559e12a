#pragma once

#include "command.h"

#include "domain/salontime.h"
#include "domain/shift.h"

namespace chairside::cli {

// shifts list|add|edit|remove|exception|time-off: who works when. Weekly
// patterns (every 1-4 weeks, with breaks), one-day exceptions (a day off or
// different hours) and time off (holiday, sickness) in absolute time.
class ShiftsCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ShiftsCommand();
    QString name() const override { return QStringLiteral("shifts"); }
    QString summary() const override;

private:
    Result<void> list(CliContext &context, const QCommandLineParser &parser, const OpenBook &book);
    Result<void> add(CliContext &context, const QCommandLineParser &parser, const OpenBook &book);
    Result<void> edit(CliContext &context, const QCommandLineParser &parser, const OpenBook &book);
    Result<void> remove(CliContext &context, const QCommandLineParser &parser,
                        const OpenBook &book);
    Result<void> exception(CliContext &context, const QCommandLineParser &parser,
                           const OpenBook &book);
    Result<void> timeOff(CliContext &context, const QCommandLineParser &parser,
                         const OpenBook &book);
    static void addPatternOptions(QCommandLineParser &parser);
    // The options' values alone, before the book is opened (usage errors
    // first). `oneDay`: `edit` moves a shift to one weekday.
    static Result<void> checkPattern(const QCommandLineParser &parser, bool oneDay);
    static Result<void> checkReason(const QCommandLineParser &parser);
    // Writes the pattern options onto `shift`.
    static Result<void> apply(const QCommandLineParser &parser, Shift *shift);
};

} // namespace chairside::cli
