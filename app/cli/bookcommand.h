#pragma once

#include "command.h"

#include "domain/client.h"

namespace chairside::cli {

// book: one visit (one or more services), or a standing appointment with
// --repeat. A visit that does not fit is refused with every reason unless
// --overbook says a manager books it knowingly.
class BookCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    BookCommand();
    QString name() const override { return QStringLiteral("book"); }
    QString summary() const override;

private:
    Result<void> bookVisit(CliContext &context, const QCommandLineParser &parser,
                           const OpenBook &book);
    // What the options alone say (all but the salon's names and times);
    // checked before the store is opened.
    static Result<BookingRequest> request(const QCommandLineParser &parser);
    static QStringList patchTestWarnings(const Catalogue &catalogue, const Client &client,
                                         const QList<Service> &services,
                                         const QList<Appointment> &booked);
};

} // namespace chairside::cli
