#pragma once

#include "booking/appointmentbook.h"
#include "domain/error.h"
#include "domain/service.h"
#include "domain/shift.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace chairside {
class Catalogue;
class SalonTime;
class Store;
} // namespace chairside

namespace chairside::cli {

class CliContext;

// One subcommand of chairside-cli (`book`, `staff`, ...). A command parses its
// own arguments with QCommandLineParser, does its work through the core and
// prints through the context; an Error it returns becomes the exit status.
class Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    virtual ~Command() = default;

    virtual QString name() const = 0;
    // One line for `chairside-cli --help`.
    virtual QString summary() const = 0;
    // `arguments` starts with the command's name, then its own arguments.
    virtual Result<void> run(CliContext &context, const QStringList &arguments) = 0;

    // Longest free text a command accepts: notes as the booking rules
    // allow them, names far shorter.
    static constexpr int maxNotesLength = AppointmentBook::maxNotesLength;
    static constexpr int maxNameLength = 200;

protected:
    static QString newId();
    // A whole number: unreadable → usage error, outside [min, max] → refused.
    static Result<int> number(const QString &text, const QString &option, int min, int max);
    // "45", "45.5", "45.50" → 4550 cents.
    static Result<qint64> money(const QString &text, const QString &option);
    static Result<bool> yesNo(const QString &text, const QString &option);
    // Refuses empty names, and text over `maxLength` characters.
    static Result<QString> text(const QString &value, const QString &what, int maxLength,
                                bool required);
    // "busy:30@Chair,processing:35@Chair,busy:30@Basin+Chair" → segments.
    static Result<QList<ServiceSegment>> segments(const QString &spec, const Catalogue &catalogue);
    // "13:00-13:30" each, inside [shiftStart, shiftEnd].
    static Result<QList<Break>> breaks(const QStringList &specs, int shiftStart, int shiftEnd);
    // The one positional argument a verb needs ("staff edit MIA").
    static Result<QString> onePositional(const QCommandLineParser &parser, const QString &what);
    // Parses a verb's arguments and takes its one positional argument; nothing
    // when only the help was asked for.
    static Result<std::optional<QString>> parseOnePositional(CliContext &context,
                                                             QCommandLineParser &parser,
                                                             const QStringList &arguments,
                                                             const QString &what);
    // Parses a command that takes options only; false when only the help
    // was asked for. A stray word is refused, with `hint` after the message.
    static Result<bool> parseOptionsOnly(CliContext &context, QCommandLineParser &parser,
                                         const QStringList &arguments, const QString &hint = {});
    // --from and --to as UTC seconds: dates are whole days in the salon's zone
    // (--to inclusive); --from defaults to today, --to to --from.
    struct Range
    {
        qint64 from = 0;
        qint64 to = 0;
    };
    static Result<Range> range(const QCommandLineParser &parser, const SalonTime &time);
};

} // namespace chairside::cli
