#include "clientsearchmodel.h"

#include "store/store.h"

namespace chairside {

ClientSearchModel::ClientSearchModel(const Store *store, const QString &salonId, QObject *parent)
    : QAbstractListModel(parent), m_store(store), m_salonId(salonId)
{}

void ClientSearchModel::setSearch(const QString &search)
{
    if (search == m_search)
        return;
    // Typing on after a search that found nobody finds nobody either (the
    // search is "contains"), so the keystrokes of a new client's name cost
    // nothing; the store is asked again once the text changes otherwise.
    const bool stillNobody =
            m_clients.isEmpty() && !m_search.trimmed().isEmpty() && search.startsWith(m_search);
    m_search = search;
    if (!stillNobody)
        refresh();
}

void ClientSearchModel::setLimit(int limit)
{
    m_limit = limit;
    refresh();
}

void ClientSearchModel::refresh()
{
    QList<Client> clients;
    if (m_store && !m_search.trimmed().isEmpty()) {
        Result<QList<Client>> found = m_store->clients(m_salonId, m_search.trimmed(), m_limit);
        if (!found) {
            emit readFailed(found.error().message);
            return;
        }
        clients = std::move(*found);
    }
    beginResetModel();
    m_clients = std::move(clients);
    endResetModel();
}

std::optional<Client> ClientSearchModel::clientAt(int row) const
{
    if (row < 0 || row >= m_clients.size())
        return std::nullopt;
    return m_clients.at(row);
}

int ClientSearchModel::rowOf(const QString &clientId) const
{
    for (int row = 0; row < m_clients.size(); ++row) {
        if (m_clients.at(row).id == clientId)
            return row;
    }
    return -1;
}

int ClientSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_clients.size());
}

QVariant ClientSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Client &client = m_clients.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        // Two clients may share a name; the phone tells them apart.
        return client.phone.isEmpty()
                ? client.name
                : tr("%1 · %2", "client name · phone").arg(client.name, client.phone);
    case Qt::ToolTipRole: return client.email.isEmpty() ? QVariant() : QVariant(client.email);
    case ClientIdRole: return client.id;
    case NameRole: return client.name;
    case PhoneRole: return client.phone;
    default: return {};
    }
}

QHash<int, QByteArray> ClientSearchModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ClientIdRole, "clientId");
    names.insert(NameRole, "name");
    names.insert(PhoneRole, "phone");
    return names;
}

} // namespace chairside
