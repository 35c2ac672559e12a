#pragma once

#include "booking/appointmentbook.h"
#include "domain/error.h"
#include "domain/service.h"
#include "domain/shift.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <QTimeZone>

#include <functional>

namespace chairside {
class Catalogue;
class SalonTime;
class Store;
struct Salon;
} // namespace chairside

namespace chairside::cli {

class CliContext;

// What a verb that works on a salon is handed: the store, and the chosen
// salon with its catalogue (names) and time, opened once before it runs.
struct OpenBook
{
    Store &store;
    const Catalogue &catalogue;
    const Salon &salon;
    const SalonTime &time;
};

// One subcommand of chairside-cli (`book`, `staff`, ...), made of verbs
// (`staff list`, `staff add`, ...; a command such as `book` is one verb
// without a name). As in KeePassXC's DatabaseCommand, the base parses a
// verb's arguments, checks them, opens what the verb says it needs (by the
// signature of its function: nothing, the store, or the salon's book) and
// hands that over; the verb does its work through the core and prints
// through the context. An Error it returns becomes the exit status.
class Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    virtual ~Command() = default;

    virtual QString name() const = 0;
    // One line for `chairside-cli --help`.
    virtual QString summary() const = 0;
    // `arguments` starts with the command's name, then its own arguments.
    virtual Result<void> run(CliContext &context, const QStringList &arguments);

    // Longest free text a command accepts: notes as the booking rules
    // allow them, names far shorter.
    static constexpr int maxNotesLength = AppointmentBook::maxNotesLength;
    static constexpr int maxNameLength = 200;

protected:
    // The words a verb takes after its options.
    enum class Words {
        None, // a stray word is refused (with Verb::what as a hint)
        One,  // exactly one: “Say which <Verb::what>.”
        Any,  // the verb checks them itself
    };
    struct Verb
    {
        QString name = {}; // empty for a command that is one verb
        QString summary = {};
        // Its description, options and positional arguments.
        std::function<void(QCommandLineParser &)> options = {};
        Words words = Words::None;
        QString what = {};
        // Checks on the options alone, made before anything is opened, so
        // a usage error never creates a store.
        std::function<Result<void>(const QCommandLineParser &)> check = {};
        // One compact JSON document per line, errors included (`account
        // connect` prints the sign-in address first).
        bool jsonLines = false;
    };

    // A verb that opens nothing itself (or opens what it needs as it goes).
    template <typename C>
    void addVerb(Verb verb, Result<void> (C::*run)(CliContext &, const QCommandLineParser &))
    {
        add(std::move(verb), [this, run](CliContext &context, const QCommandLineParser &parser) {
            return (static_cast<C *>(this)->*run)(context, parser);
        });
    }
    // A verb on the store as a whole (creating it if needed).
    template <typename C>
    void addVerb(Verb verb,
                 Result<void> (C::*run)(CliContext &, const QCommandLineParser &, Store &))
    {
        add(std::move(verb),
            [this, run](CliContext &context, const QCommandLineParser &parser) -> Result<void> {
                const Result<Store *> store = openStore(context);
                if (!store)
                    return store.error();
                return (static_cast<C *>(this)->*run)(context, parser, **store);
            });
    }
    // A verb on the salon chosen with --salon (or the only one).
    template <typename C>
    void addVerb(Verb verb,
                 Result<void> (C::*run)(CliContext &, const QCommandLineParser &, const OpenBook &))
    {
        add(std::move(verb),
            [this, run](CliContext &context, const QCommandLineParser &parser) -> Result<void> {
                const Result<OpenBook> book = openBook(context);
                if (!book)
                    return book.error();
                return (static_cast<C *>(this)->*run)(context, parser, *book);
            });
    }

    // The one word of a Words::One verb.
    static QString word(const QCommandLineParser &parser);

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
    // --from and --to as UTC seconds: dates are whole days in the salon's zone
    // (--to inclusive); --from defaults to today, --to to --from.
    struct Range
    {
        qint64 from = 0;
        qint64 to = 0;
    };
    static Result<Range> range(const QCommandLineParser &parser, const SalonTime &time);

private:
    using Action = std::function<Result<void>(CliContext &, const QCommandLineParser &)>;
    void add(Verb verb, Action action);
    static Result<Store *> openStore(CliContext &context);
    static Result<OpenBook> openBook(CliContext &context);
    // Parses and checks the verb's arguments ("COMMAND VERB" first), then
    // runs it; only prints the help when asked for it.
    Result<void> runVerb(CliContext &context, const Verb &verb, const Action &action,
                         const QStringList &arguments) const;
    QString verbsHelp() const;

    QList<std::pair<Verb, Action>> m_verbs;
};

} // namespace chairside::cli
