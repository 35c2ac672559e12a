#pragma once

#include "cataloguecommand.h"

#include "domain/service.h"

namespace chairside::cli {

// services list|add|edit|remove: the menu, each service's steps (busy for the
// stylist, or processing time in which they are free), buffer and resources.
class ServicesCommand : public CatalogueCommand<Service>
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ServicesCommand();
    QString name() const override { return QStringLiteral("services"); }
    QString summary() const override;

private:
    void addEditOptions(QCommandLineParser &parser) const override;
    Result<void> apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                       Service *service) const override;
};

} // namespace chairside::cli
