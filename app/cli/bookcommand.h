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
    QString name() const override { return QStringLiteral("book"); }
    QString summary() const override;
    Result<void> run(CliContext &context, const QStringList &arguments) override;

private:
    static QStringList patchTestWarnings(const Catalogue &catalogue, const Client &client,
                                         const QList<Service> &services,
                                         const QList<Appointment> &booked);
};

} // namespace chairside::cli
