#pragma once

#include "domain/client.h"

#include <QAbstractListModel>

#include <optional>

namespace chairside {

class Store;

// The clients whose name or phone matches what the desk has typed so far,
// best first (Store::clients: accents and phone punctuation ignored), at
// most `limit` of them so a one-letter search stays instant on a big book.
class ClientSearchModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        ClientIdRole = Qt::UserRole + 1,
        NameRole,
        PhoneRole,
    };

    ClientSearchModel(const Store *store, const QString &salonId, QObject *parent = nullptr);

    // Runs the search at once (bench_clientsearch: a few milliseconds a
    // keystroke over 50k clients); an empty search lists nobody rather than
    // everyone.
    void setSearch(const QString &search);
    QString search() const { return m_search; }
    void setLimit(int limit);

    std::optional<Client> clientAt(int row) const;
    // The row of `clientId`, or -1.
    int rowOf(const QString &clientId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    // The search could not be read; the clients listed stay as they were.
    void readFailed(const QString &message);

private:
    void refresh();

    const Store *m_store = nullptr;
    QString m_salonId;
    QString m_search;
    int m_limit = 20;
    QList<Client> m_clients;
};

} // namespace chairside
