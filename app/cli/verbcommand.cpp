#include "verbcommand.h"

#include "clicontext.h"

namespace chairside::cli {

QString VerbCommand::verbsHelp() const
{
    QString text =
            tr("Usage: chairside-cli %1 VERB [options]\n\n%2\n\nVerbs:\n").arg(name(), summary());
    for (const Verb &verb : m_verbs)
        text += QStringLiteral("  %1%2\n").arg(verb.name.leftJustified(11), verb.summary);
    text += tr("\n“chairside-cli %1 VERB --help” shows a verb's options.\n").arg(name());
    return text;
}

Result<void> VerbCommand::run(CliContext &context, const QStringList &arguments)
{
    const QString verb = arguments.value(1);
    if (verb == QLatin1String("-h") || verb == QLatin1String("--help")) {
        context.printHelp(verbsHelp());
        return {};
    }
    for (const Verb &candidate : std::as_const(m_verbs)) {
        if (candidate.name == verb)
            return candidate.action(
                    context, QStringList{name() + QLatin1Char(' ') + verb} + arguments.mid(2));
    }
    QStringList names;
    for (const Verb &candidate : std::as_const(m_verbs))
        names.append(candidate.name);
    if (verb.isEmpty())
        return Error::usage(
                tr("“%1” needs a verb: %2.").arg(name(), names.join(QStringLiteral(", "))));
    return Error::usage(tr("“%1” is not something “%2” can do; use one of %3.")
                                .arg(verb, name(), names.join(QStringLiteral(", "))));
}

} // namespace chairside::cli
