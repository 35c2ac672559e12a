#pragma once

#include "command.h"

#include <functional>

namespace chairside::cli {

// A command with verbs: `staff list`, `staff add`, ... The verb comes right
// after the command's name.
class VerbCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    Result<void> run(CliContext &context, const QStringList &arguments) override;

protected:
    // `method` gets "COMMAND VERB" first, then the verb's own arguments.
    template <typename C>
    void addVerb(const QString &verb, const QString &summary,
                 Result<void> (C::*method)(CliContext &, const QStringList &))
    {
        m_verbs.append(
                {verb, summary, [this, method](CliContext &context, const QStringList &arguments) {
                     return (static_cast<C *>(this)->*method)(context, arguments);
                 }});
    }

private:
    using Action = std::function<Result<void>(CliContext &, const QStringList &)>;
    struct Verb
    {
        QString name;
        QString summary;
        Action action;
    };
    QString verbsHelp() const;

    QList<Verb> m_verbs;
};

} // namespace chairside::cli
