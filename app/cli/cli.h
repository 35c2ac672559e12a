#pragma once

#include "domain/clock.h"

#include "command.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace chairside::cli {

// chairside-cli: reads the global options, picks the command and turns its
// result into output and an exit status (0 ok, 2 usage, 3 refused, 1 other).
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    // `clock` is the time of every command (Clock::system() in use).
    explicit Cli(const Clock &clock = Clock::system());
    ~Cli();

    // argv as the process got it, to catch arguments that are not valid text.
    int run(int argc, char **argv);
    // The arguments as text, the program's name first (tests run it in-process).
    int run(const QStringList &arguments);
    // Where output goes: by default the process's stdout and stderr.
    void setOutput(QIODevice *out, QIODevice *err);

private:
    QString helpText() const;

    const Clock &m_clock;
    QIODevice *m_out = nullptr;
    QIODevice *m_err = nullptr;
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace chairside::cli
