#pragma once

#include "command.h"

namespace chairside::cli {

// slots: free starts for a visit of one or more services, with a given
// stylist or anyone who does them all.
class SlotsCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    SlotsCommand();
    QString name() const override { return QStringLiteral("slots"); }
    QString summary() const override;

private:
    Result<void> findSlots(CliContext &context, const QCommandLineParser &parser,
                           const OpenBook &book);
    struct Search
    {
        int step = 15;
        int limit = -1;
    };
    // --step and --limit, checked before the store is opened.
    static Result<Search> search(const QCommandLineParser &parser);
};

} // namespace chairside::cli
