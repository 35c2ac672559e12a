#include "clientscommand.h"

#include "clicontext.h"
#include "presenter.h"
#include "salontime.h"

#include "store/store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace chairside::cli {

ClientsCommand::ClientsCommand()
{
    using namespace std::placeholders;
    addVerb(QStringLiteral("list"), tr("List or search clients."),
            std::bind(&ClientsCommand::list, this, _1, _2));
    addVerb(QStringLiteral("add"), tr("Add a client."),
            std::bind(&ClientsCommand::add, this, _1, _2));
    addVerb(QStringLiteral("edit"), tr("Change a client."),
            std::bind(&ClientsCommand::edit, this, _1, _2));
    addVerb(QStringLiteral("remove"), tr("Remove a client without upcoming appointments."),
            std::bind(&ClientsCommand::remove, this, _1, _2));
}

QString ClientsCommand::summary() const
{
    return tr("Clients: list (search by name or phone), add, edit, remove.");
}

void ClientsCommand::addEditOptions(QCommandLineParser &parser)
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

Result<void> ClientsCommand::apply(const QCommandLineParser &parser, Client *client)
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

Result<void> ClientsCommand::list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("List clients, or those whose name or phone contains --search."));
    parser.addOption({QStringLiteral("search"), tr("Part of a name or phone number."), tr("TEXT")});
    parser.addOption({QStringLiteral("limit"), tr("At most N clients."), tr("N")});
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    int limit = -1;
    if (parser.isSet(QStringLiteral("limit"))) {
        const Result<int> n =
                number(parser.value(QStringLiteral("limit")), QStringLiteral("limit"), 1, 1000000);
        if (!n)
            return n.error();
        limit = *n;
    }
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    const Presenter presenter(**catalogue);
    QJsonArray json;
    QStringList lines;
    const QList<Client> clients = (*context.store())
                                          ->clients((*catalogue)->salon().id,
                                                    parser.value(QStringLiteral("search")), limit);
    for (const Client &client : clients) {
        json.append(presenter.client(client));
        lines.append(presenter.clientLine(client));
    }
    context.print({{QStringLiteral("clients"), json}}, lines.join(QLatin1Char('\n')));
    return {};
}

Result<void> ClientsCommand::add(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Add a client."));
    addEditOptions(parser);
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    if (!parser.isSet(QStringLiteral("name")))
        return Error::usage(tr("A new client needs --name."));
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    Client client;
    client.id = newId();
    client.salonId = (*catalogue)->salon().id;
    if (const Result<void> applied = apply(parser, &client); !applied)
        return applied;
    if (const Result<void> saved = (*context.store())->save(client); !saved)
        return saved;
    context.print({{QStringLiteral("client"), Presenter(**catalogue).client(client)}},
                  tr("Added %1 (%2).").arg(client.name, client.id));
    return {};
}

Result<void> ClientsCommand::edit(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Change a client."));
    parser.addPositionalArgument(QStringLiteral("client"), tr("The client, by name, phone or id."));
    addEditOptions(parser);
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<QString> which = onePositional(parser, tr("client"));
    if (!which)
        return which.error();
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    Result<Client> client = (*catalogue)->findClient(*which);
    if (!client)
        return client.error();
    if (const Result<void> applied = apply(parser, &*client); !applied)
        return applied;
    if (const Result<void> saved = (*context.store())->save(*client); !saved)
        return saved;
    context.print({{QStringLiteral("client"), Presenter(**catalogue).client(*client)}},
                  tr("Changed %1.").arg(client->name));
    return {};
}

Result<void> ClientsCommand::remove(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Remove a client. One with upcoming appointments is refused."));
    parser.addPositionalArgument(QStringLiteral("client"), tr("The client, by name, phone or id."));
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<QString> which = onePositional(parser, tr("client"));
    if (!which)
        return which.error();
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    const Result<Client> client = (*catalogue)->findClient(*which);
    if (!client)
        return client.error();
    Store *store = *context.store();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    int upcoming = 0;
    const QList<Appointment> appointments =
            store->appointments(client->salonId, now, now + 5LL * 366 * 86400);
    for (const Appointment &appointment : appointments)
        upcoming += appointment.clientId == client->id && holdsTime(appointment.status) ? 1 : 0;
    if (upcoming > 0) {
        return Error::invalid(tr("%1 has %2 upcoming appointments; cancel them first.")
                                      .arg(client->name)
                                      .arg(upcoming));
    }
    if (const Result<void> removed = store->remove(Entity::Client, client->id); !removed)
        return removed;
    context.print({{QStringLiteral("removed"),
                    QJsonObject{{QStringLiteral("id"), client->id},
                                {QStringLiteral("name"), client->name}}}},
                  tr("Removed %1.").arg(client->name));
    return {};
}

} // namespace chairside::cli
