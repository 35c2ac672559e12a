#include "catalogue.h"

#include "store/store.h"

namespace chairside {

namespace {

// Finds one row by id, exact name, or unique start of a name. `what` names
// the kind of row in messages ("stylist"), already translated.
template <typename T>
QString describe(const T &row)
{
    return QStringLiteral("%1 (%2)").arg(row.name, row.id);
}

// Two clients may share a name; their phone tells them apart at the desk.
template <>
QString describe(const Client &client)
{
    if (client.phone.isEmpty())
        return QStringLiteral("%1 (%2)").arg(client.name, client.id);
    return QStringLiteral("%1 (%2, %3)").arg(client.name, client.phone, client.id);
}

template <typename T>
Result<T> findByName(const QList<T> &rows, const QString &text, const QString &what)
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return Error::usage(
                QCoreApplication::translate("chairside", "Give the %1 by name or id.").arg(what));
    for (const T &row : rows) {
        if (row.id == wanted)
            return row;
    }
    QList<T> exact;
    QList<T> starting;
    for (const T &row : rows) {
        if (row.name.compare(wanted, Qt::CaseInsensitive) == 0)
            exact.append(row);
        else if (row.name.startsWith(wanted, Qt::CaseInsensitive))
            starting.append(row);
    }
    const QList<T> &candidates = exact.isEmpty() ? starting : exact;
    if (candidates.size() == 1)
        return candidates.constFirst();
    if (candidates.isEmpty())
        return Error::notFound(
                QCoreApplication::translate("chairside", "There is no %1 called “%2”.")
                        .arg(what, wanted));
    QStringList names;
    for (const T &row : candidates)
        names.append(describe(row));
    return Error::notFound(QCoreApplication::translate("chairside",
                                                       "“%1” could be more than one %2: %3. "
                                                       "Give the full name or the id.")
                                   .arg(wanted, what, names.join(QStringLiteral(", "))));
}

template <typename T>
QString nameOf(const QList<T> &rows, const QString &id)
{
    for (const T &row : rows) {
        if (row.id == id)
            return row.name;
    }
    return {};
}

} // namespace

Catalogue::Catalogue(Store &store, const Salon &salon)
    : m_store(store), m_salon(salon), m_time(salon, store.clock())
{}

Result<Catalogue> Catalogue::load(Store &store, const Salon &salon)
{
    Catalogue catalogue(store, salon);
    Result<QList<Staff>> staff = store.staff(salon.id);
    if (!staff)
        return staff.error();
    Result<QList<Service>> services = store.services(salon.id);
    if (!services)
        return services.error();
    Result<QList<Resource>> resources = store.resources(salon.id);
    if (!resources)
        return resources.error();
    catalogue.m_staff = std::move(*staff);
    catalogue.m_services = std::move(*services);
    catalogue.m_resources = std::move(*resources);
    return catalogue;
}

Result<Staff> Catalogue::findStaff(const QString &text) const
{
    return findByName(m_staff, text, tr("stylist"));
}

Result<Service> Catalogue::findService(const QString &text) const
{
    return findByName(m_services, text, tr("service"));
}

Result<Resource> Catalogue::findResource(const QString &text) const
{
    return findByName(m_resources, text, tr("resource"));
}

Result<Client> Catalogue::findClient(const QString &text) const
{
    const Result<std::optional<Client>> byId = m_store.client(text.trimmed());
    if (!byId)
        return byId.error();
    if (*byId && (*byId)->salonId == m_salon.id)
        return **byId;
    // The store's search narrows by name or phone; the rules above decide.
    const Result<QList<Client>> matches = m_store.clients(m_salon.id, text.trimmed());
    if (!matches)
        return matches.error();
    const QList<Client> &clients = *matches;
    const Result<Client> found = findByName(clients, text, tr("client"));
    if (found || found.error().code != Error::Code::NotFound || clients.isEmpty())
        return found;
    // Found only by phone: accept it when exactly one client has that number.
    if (clients.size() == 1)
        return clients.constFirst();
    return found;
}

Result<QList<Service>> Catalogue::findServices(const QStringList &texts) const
{
    QList<Service> services;
    for (const QString &text : texts) {
        // "Cut, Colour" in one argument is two services, unless a service is
        // called exactly that.
        if (text.contains(QLatin1Char(','))) {
            if (const Result<Service> whole = findService(text)) {
                services.append(*whole);
                continue;
            }
        }
        const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const Result<Service> service = findService(part);
            if (!service)
                return service.error();
            services.append(*service);
        }
    }
    if (services.isEmpty())
        return Error::usage(tr("Name at least one service with --service."));
    return services;
}

QString Catalogue::staffName(const QString &id) const
{
    return nameOf(m_staff, id);
}

QString Catalogue::serviceName(const QString &id) const
{
    return nameOf(m_services, id);
}

QString Catalogue::resourceName(const QString &id) const
{
    return nameOf(m_resources, id);
}

Result<QString> Catalogue::clientName(const QString &id) const
{
    if (id.isEmpty())
        return QString();
    auto it = m_clientNames.constFind(id);
    if (it == m_clientNames.constEnd()) {
        const Result<std::optional<Client>> client = m_store.client(id);
        if (!client)
            return client.error();
        it = m_clientNames.insert(id, *client ? (*client)->name : QString());
    }
    return *it;
}

} // namespace chairside
