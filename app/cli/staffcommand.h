#pragma once

#include "cataloguecommand.h"

#include "domain/staff.h"

namespace chairside::cli {

// staff list|add|edit|remove: the people of the salon, their role, colour,
// the services they do and their own timing for them.
class StaffCommand : public CatalogueCommand<Staff>
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    StaffCommand();
    QString name() const override { return QStringLiteral("staff"); }
    QString summary() const override;

private:
    void addEditOptions(QCommandLineParser &parser) const override;
    Result<void> apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                       Staff *staff) const override;
    void setDefaults(const QCommandLineParser &parser, const Catalogue &catalogue,
                     Staff *staff) const override;
};

} // namespace chairside::cli
