#include "infocommand.h"

#include "clicontext.h"

#include "store/store.h"

#include <QDir>
#include <QJsonArray>

namespace chairside::cli {

QString InfoCommand::summary() const
{
    return tr("The store: path, schema version, salons, changes waiting to sync.");
}

InfoCommand::InfoCommand()
{
    const auto options = [this](QCommandLineParser &parser) {
        parser.setApplicationDescription(summary());
    };
    addVerb({.options = options}, &InfoCommand::show);
}

Result<void> InfoCommand::show(CliContext &context, const QCommandLineParser &, Store &store)
{
    QJsonArray salons;
    QStringList names;
    const Result<QList<Salon>> all = store.salons();
    if (!all)
        return all.error();
    for (const Salon &salon : *all) {
        salons.append(QJsonObject{{QStringLiteral("id"), salon.id},
                                  {QStringLiteral("name"), salon.name}});
        names.append(salon.name);
    }
    const Result<qint64> count = store.outboxCount();
    if (!count)
        return count.error();
    const qint64 pending = *count;
    context.print({{QStringLiteral("path"), store.path()},
                   {QStringLiteral("schemaVersion"), store.schemaVersion()},
                   {QStringLiteral("salons"), salons},
                   {QStringLiteral("outboxPending"), pending}},
                  tr("Store: %1\nSchema version: %2\nSalons: %3\nChanges waiting to sync: %4")
                          .arg(QDir::toNativeSeparators(store.path()))
                          .arg(store.schemaVersion())
                          .arg(names.isEmpty() ? tr("none") : names.join(QStringLiteral(", ")))
                          .arg(pending));
    return {};
}

} // namespace chairside::cli
