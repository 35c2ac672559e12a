#include "clientscommand.h"

#include "domain/salontime.h"

#include <QRegularExpression>

namespace chairside::cli {

ClientsCommand::ClientsCommand()
    : CatalogueCommand({
            .key = QStringLiteral("client"),
            .listKey = QStringLiteral("clients"),
            .entity = Entity::Client,
            .what = tr("client"),
            .whichHelp = tr("The client, by name, phone or id."),
            .addHelp = tr("Add a client."),
            .editHelp = tr("Change a client."),
            .removeHelp = tr("Remove a client. One with upcoming appointments is refused."),
            .required = {QStringLiteral("name")},
            .requiredMessage = tr("A new client needs --name."),
            .find = &Catalogue::findClient,
            .json = &Presenter::client,
            .line = &Presenter::clientLine,
    })
{
    addVerb({.name = QStringLiteral("list"),
             .summary = tr("List or search clients."),
             .options =
                     [](QCommandLineParser &parser) {
                         parser.setApplicationDescription(tr(
                                 "List clients, or those whose name or phone contains --search."));
                         parser.addOption({QStringLiteral("search"),
                                           tr("Part of a name or phone number."), tr("TEXT")});
                         parser.addOption(
                                 {QStringLiteral("limit"), tr("At most N clients."), tr("N")});
                     },
             .check = [](const QCommandLineParser &parser) -> Result<void> {
                 const Result<int> n = limit(parser);
                 return n ? Result<void>() : n.error();
             }},
            &ClientsCommand::list);
    addVerbs(tr("Add a client."), tr("Change a client."),
             tr("Remove a client without upcoming appointments."));
}

QString ClientsCommand::summary() const
{
    return tr("Clients: list (search by name or phone), add, edit, remove.");
}

void ClientsCommand::addEditOptions(QCommandLineParser &parser) const
{
    parser.addOption({QStringLiteral("name"), tr("The client's name."), tr("NAME")});
    parser.addOption({QStringLiteral("phone"), tr("Phone number."), tr("PHONE")});
    parser.addOption({QStringLiteral("email"), tr("Email address."), tr("EMAIL")});
    parser.addOption({QStringLiteral("notes"), tr("Notes (up to 10,000 characters)."), tr("TEXT")});
    parser.addOption({QStringLiteral("patch-test"), tr("Date of the last patch test, or \"none\"."),
                      tr("DATE")});
    parser.addOption(
            {QStringLiteral("consent"),
             tr("What they agreed to, comma-separated from sms, email, photos, or \"none\"."),
             tr("LIST")});
}

Result<void> ClientsCommand::apply(const QCommandLineParser &parser, const Catalogue &,
                                   Client *client) const
{
    if (parser.isSet(QStringLiteral("name"))) {
        const Result<QString> name =
                text(parser.value(QStringLiteral("name")), tr("name"), maxNameLength, true);
        if (!name)
            return name.error();
        client->name = *name;
    }
    if (parser.isSet(QStringLiteral("phone"))) {
        static const QRegularExpression phone(QStringLiteral(R"(^[+0-9 ()./-]{0,40}$)"));
        const QString value = parser.value(QStringLiteral("phone")).trimmed();
        if (!phone.match(value).hasMatch())
            return Error::usage(tr("“%1” is not a phone number.").arg(value));
        client->phone = value;
    }
    if (parser.isSet(QStringLiteral("email"))) {
        static const QRegularExpression email(QStringLiteral(R"(^([^@\s]+@[^@\s]+\.[^@\s]+)?$)"));
        const QString value = parser.value(QStringLiteral("email")).trimmed();
        if (!email.match(value).hasMatch() || value.size() > maxNameLength)
            return Error::usage(tr("“%1” is not an email address.").arg(value));
        client->email = value;
    }
    if (parser.isSet(QStringLiteral("notes"))) {
        const Result<QString> notes =
                text(parser.value(QStringLiteral("notes")), tr("notes"), maxNotesLength, false);
        if (!notes)
            return notes.error();
        client->notes = *notes;
    }
    if (parser.isSet(QStringLiteral("patch-test"))) {
        const QString value = parser.value(QStringLiteral("patch-test")).trimmed();
        if (value.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0 || value.isEmpty()) {
            client->patchTestDate = {};
        } else {
            const Result<QDate> date = SalonTime::parseDate(value);
            if (!date)
                return date.error();
            client->patchTestDate = *date;
        }
    }
    if (parser.isSet(QStringLiteral("consent"))) {
        client->consentSms = client->consentEmail = client->consentPhotos = false;
        const QStringList parts =
                parser.value(QStringLiteral("consent")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const QString p = part.trimmed().toLower();
            if (p == QLatin1String("sms"))
                client->consentSms = true;
            else if (p == QLatin1String("email"))
                client->consentEmail = true;
            else if (p == QLatin1String("photos"))
                client->consentPhotos = true;
            else if (p != QLatin1String("none"))
                return Error::usage(
                        tr("“%1” is not a consent; use sms, email, photos or none.").arg(part));
        }
    }
    return {};
}

Result<int> ClientsCommand::limit(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("limit")))
        return -1;
    return number(parser.value(QStringLiteral("limit")), QStringLiteral("limit"), 1, 1000000);
}

Result<void> ClientsCommand::list(CliContext &context, const QCommandLineParser &parser,
                                  const OpenBook &book)
{
    const Result<QList<Client>> clients = book.store.clients(
            book.salon.id, parser.value(QStringLiteral("search")), *limit(parser));
    if (!clients)
        return clients.error();
    printRows(context, book.catalogue, *clients);
    return {};
}

} // namespace chairside::cli
