#pragma once

#include "cataloguecommand.h"

#include "domain/client.h"

namespace chairside::cli {

// clients list|add|edit|remove: contact details, notes, patch test, consent.
class ClientsCommand : public CatalogueCommand<Client>
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ClientsCommand();
    QString name() const override { return QStringLiteral("clients"); }
    QString summary() const override;

private:
    // Clients live in the store, not the catalogue: listed with a search.
    Result<void> list(CliContext &context, const QCommandLineParser &parser, const OpenBook &book);
    // --limit (-1 without it); checked before the book is opened.
    static Result<int> limit(const QCommandLineParser &parser);
    void addEditOptions(QCommandLineParser &parser) const override;
    Result<void> apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                       Client *client) const override;
};

} // namespace chairside::cli
