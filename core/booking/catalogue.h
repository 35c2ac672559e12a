#pragma once

#include "domain/client.h"
#include "domain/error.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/salontime.h"
#include "domain/service.h"
#include "domain/staff.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimeZone>

namespace chairside {
class Store;
}

namespace chairside {

// One salon's stylists, services, resources and clients as the command line
// names them: by id, or by an unambiguous name (case-insensitive; a unique
// start of a name, "Mia" for "Mia Khan", is enough).
class Catalogue
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    // Reads the salon's stylists, services and resources; a read that fails
    // gives its error.
    static Result<Catalogue> load(Store &store, const Salon &salon);

    const Salon &salon() const { return m_salon; }
    const QTimeZone &timeZone() const { return m_time.zone(); }
    // The salon's zone with the store's clock: "today" for this salon.
    const SalonTime &time() const { return m_time; }
    const QList<Staff> &staff() const { return m_staff; }
    const QList<Service> &services() const { return m_services; }
    const QList<Resource> &resources() const { return m_resources; }

    Result<Staff> findStaff(const QString &text) const;
    Result<Service> findService(const QString &text) const;
    Result<Resource> findResource(const QString &text) const;
    Result<Client> findClient(const QString &text) const;
    // A comma-separated list of services, each by id or name.
    Result<QList<Service>> findServices(const QStringList &texts) const;

    QString staffName(const QString &id) const;
    QString serviceName(const QString &id) const;
    QString resourceName(const QString &id) const;
    // The client's name (empty for an unknown id), read once and remembered.
    Result<QString> clientName(const QString &id) const;

private:
    Catalogue(Store &store, const Salon &salon);

    Store &m_store;
    Salon m_salon;
    SalonTime m_time;
    QList<Staff> m_staff;
    QList<Service> m_services;
    QList<Resource> m_resources;
    mutable QHash<QString, QString> m_clientNames;
};

} // namespace chairside
