#pragma once

#include "domain/appointment.h"
#include "domain/client.h"
#include "domain/error.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace chairside {

class Store;

// One client's visits as the client card shows them: what is coming, what
// has been, and the deposits they paid.
struct ClientHistory
{
    struct Visit
    {
        QString appointmentId;
        qint64 startsAt = 0; // UTC seconds
        qint64 endsAt = 0;
        QStringList serviceIds; // in the order of the visit
        QStringList services;   // their names
        QStringList stylists;   // names, each once
        AppointmentStatus status = AppointmentStatus::Booked;
        qint64 depositCents = 0;
    };

    Client client;
    QList<Visit> upcoming; // starting now or later, soonest first
    QList<Visit> past;     // started before now, latest first
    QList<Visit> deposits; // every visit with a deposit, latest first

    // Reads the client's visits from the store; `now` in UTC seconds.
    // Nothing when there is no such client; a read that fails gives its error.
    static Result<std::optional<ClientHistory>> load(const Store &store, const QString &clientId,
                                                     qint64 now);
};

} // namespace chairside
