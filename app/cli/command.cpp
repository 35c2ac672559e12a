#include "command.h"

#include "booking/catalogue.h"
#include "clicontext.h"
#include "domain/salontime.h"

#include "store/store.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace chairside::cli {

QString Command::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Result<int> Command::number(const QString &text, const QString &option, int min, int max)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok)
        return Error::usage(tr("--%1 needs a whole number, not “%2”.").arg(option, text));
    if (value < min || value > max)
        return Error::invalid(tr("--%1 must be between %2 and %3; %4 is not.")
                                      .arg(option)
                                      .arg(min)
                                      .arg(max)
                                      .arg(value));
    return int(value);
}

Result<qint64> Command::money(const QString &text, const QString &option)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^(-?)(\d{1,9})(?:[.,](\d{1,2}))?$)"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return Error::usage(
                tr("--%1 needs an amount such as 45 or 45.50, not “%2”.").arg(option, text));
    if (!match.captured(1).isEmpty())
        return Error::invalid(tr("--%1 cannot be negative.").arg(option));
    const QString cents = match.captured(3).leftJustified(2, QLatin1Char('0'));
    return match.captured(2).toLongLong() * 100 + cents.toLongLong();
}

Result<bool> Command::yesNo(const QString &text, const QString &option)
{
    const QString lower = text.trimmed().toLower();
    if (lower == QLatin1String("yes") || lower == QLatin1String("true")
        || lower == QLatin1String("1"))
        return true;
    if (lower == QLatin1String("no") || lower == QLatin1String("false")
        || lower == QLatin1String("0"))
        return false;
    return Error::usage(tr("--%1 takes yes or no, not “%2”.").arg(option, text));
}

Result<QString> Command::text(const QString &value, const QString &what, int maxLength,
                              bool required)
{
    if (required && value.trimmed().isEmpty())
        return Error::invalid(tr("The %1 cannot be empty.").arg(what));
    if (value.size() > maxLength) {
        return Error::invalid(tr("The text for %1 is %2 characters long; keep it to %3 at most.")
                                      .arg(what)
                                      .arg(value.size())
                                      .arg(maxLength));
    }
    return required ? value.trimmed() : value;
}

Result<QList<ServiceSegment>> Command::segments(const QString &spec, const Catalogue &catalogue)
{
    static const QRegularExpression pattern(
            QStringLiteral(R"(^\s*([A-Za-z]+)\s*:\s*(-?\d+)\s*(?:@(.+))?$)"));
    QList<ServiceSegment> result;
    int total = 0;
    const QStringList parts = spec.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QRegularExpressionMatch match = pattern.match(part);
        if (!match.hasMatch()) {
            return Error::usage(tr("“%1” is not a step; write steps as busy:30 or processing:35, "
                                   "optionally with resources: busy:30@Chair+Basin.")
                                        .arg(part.trimmed()));
        }
        ServiceSegment segment;
        if (!segmentKindFromName(match.captured(1), &segment.kind)
            || segment.kind == SegmentKind::Buffer) {
            return Error::usage(
                    tr("“%1” is not a kind of step; use busy or processing (the clean-up "
                       "time after a service is --buffer).")
                            .arg(match.captured(1)));
        }
        segment.minutes = match.captured(2).toInt();
        if (segment.minutes <= 0) {
            return Error::invalid(
                    tr("The step “%1” lasts %2 minutes; every step must last at least a minute.")
                            .arg(part.trimmed())
                            .arg(segment.minutes));
        }
        total += segment.minutes;
        const QStringList resources = match.captured(3).split(QLatin1Char('+'), Qt::SkipEmptyParts);
        for (const QString &name : resources) {
            const Result<Resource> resource = catalogue.findResource(name);
            if (!resource)
                return resource.error();
            segment.resourceIds.append(resource->id);
        }
        result.append(segment);
    }
    if (result.isEmpty())
        return Error::invalid(tr("A service needs at least one step, e.g. --segments busy:30."));
    if (total > 24 * 60)
        return Error::invalid(
                tr("The steps add up to %1 minutes; a service must fit in a day.").arg(total));
    return result;
}

Result<QList<Break>> Command::breaks(const QStringList &specs, int shiftStart, int shiftEnd)
{
    QList<Break> result;
    for (const QString &spec : specs) {
        const QStringList ends = spec.split(QLatin1Char('-'));
        if (ends.size() != 2)
            return Error::usage(tr("“%1” is not a break; write it as 13:00-13:30.").arg(spec));
        const Result<int> start = SalonTime::parseClock(ends.at(0), true);
        if (!start)
            return start.error();
        const Result<int> end = SalonTime::parseClock(ends.at(1), true);
        if (!end)
            return end.error();
        if (*end <= *start)
            return Error::invalid(tr("The break %1 ends before it starts.").arg(spec));
        if (*start < shiftStart || *end > shiftEnd)
            return Error::invalid(
                    tr("The break %1 is not inside the shift %2-%3.")
                            .arg(spec, SalonTime::clock(shiftStart), SalonTime::clock(shiftEnd)));
        result.append({*start, *end});
    }
    return result;
}

void Command::add(Verb verb, Action action)
{
    m_verbs.append({std::move(verb), std::move(action)});
}

QString Command::word(const QCommandLineParser &parser)
{
    return parser.positionalArguments().value(0);
}

Result<Store *> Command::openStore(CliContext &context)
{
    return context.store();
}

Result<OpenBook> Command::openBook(CliContext &context)
{
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    Store *store = *context.store();
    return OpenBook{*store, **catalogue, (*catalogue)->salon(), (*catalogue)->time()};
}

Result<void> Command::run(CliContext &context, const QStringList &arguments)
{
    if (m_verbs.size() == 1 && m_verbs.constFirst().first.name.isEmpty())
        return runVerb(context, m_verbs.constFirst().first, m_verbs.constFirst().second, arguments);
    const QString verb = arguments.value(1);
    if (verb == QLatin1String("-h") || verb == QLatin1String("--help")) {
        context.printHelp(verbsHelp());
        return {};
    }
    for (const auto &[candidate, action] : std::as_const(m_verbs)) {
        if (candidate.name == verb)
            return runVerb(context, candidate, action,
                           QStringList{name() + QLatin1Char(' ') + verb} + arguments.mid(2));
    }
    QStringList names;
    for (const auto &candidate : std::as_const(m_verbs))
        names.append(candidate.first.name);
    if (verb.isEmpty())
        return Error::usage(
                tr("“%1” needs a verb: %2.").arg(name(), names.join(QStringLiteral(", "))));
    return Error::usage(tr("“%1” is not something “%2” can do; use one of %3.")
                                .arg(verb, name(), names.join(QStringLiteral(", "))));
}

Result<void> Command::runVerb(CliContext &context, const Verb &verb, const Action &action,
                              const QStringList &arguments) const
{
    if (verb.jsonLines)
        context.setJsonLines(true);
    QCommandLineParser parser;
    if (verb.options)
        verb.options(parser);
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const QStringList positional = parser.positionalArguments();
    switch (verb.words) {
    case Words::None:
        if (!positional.isEmpty()) {
            const QString unexpected = tr("Unexpected “%1”.").arg(positional.constFirst());
            return Error::usage(verb.what.isEmpty() ? unexpected
                                                    : unexpected + QLatin1Char(' ') + verb.what);
        }
        break;
    case Words::One:
        if (positional.isEmpty() || positional.constFirst().trimmed().isEmpty())
            return Error::usage(tr("Say which %1.").arg(verb.what));
        if (positional.size() > 1)
            return Error::usage(tr("Unexpected “%1”; give one %2 (quote names with spaces).")
                                        .arg(positional.at(1), verb.what));
        break;
    case Words::Any: break;
    }
    if (verb.check) {
        if (const Result<void> checked = verb.check(parser); !checked)
            return checked;
    }
    return action(context, parser);
}

QString Command::verbsHelp() const
{
    QString text =
            tr("Usage: chairside-cli %1 VERB [options]\n\n%2\n\nVerbs:\n").arg(name(), summary());
    // A column as wide as the longest verb ("enroll-device") and a gap.
    qsizetype width = 11;
    for (const auto &[verb, action] : m_verbs)
        width = std::max(width, verb.name.size() + 2);
    for (const auto &[verb, action] : m_verbs)
        text += QStringLiteral("  %1%2\n").arg(verb.name.leftJustified(width), verb.summary);
    text += tr("\n“chairside-cli %1 VERB --help” shows a verb's options.\n").arg(name());
    return text;
}

Result<Command::Range> Command::range(const QCommandLineParser &parser, const SalonTime &time)
{
    const QTimeZone &zone = time.zone();
    const QString fromText = parser.isSet(QStringLiteral("from"))
            ? parser.value(QStringLiteral("from"))
            : time.today().toString(Qt::ISODate);
    const Result<qint64> from = SalonTime::parseRangeStart(fromText, zone);
    if (!from)
        return from.error();
    const Result<qint64> to = SalonTime::parseRangeEnd(
            parser.isSet(QStringLiteral("to")) ? parser.value(QStringLiteral("to")) : fromText,
            zone);
    if (!to)
        return to.error();
    if (*to <= *from)
        return Error::invalid(tr("The end of the range (%1) is before its start (%2).")
                                      .arg(SalonTime::iso(*to, zone), SalonTime::iso(*from, zone)));
    return Range{*from, *to};
}

} // namespace chairside::cli
