#pragma once

#include "domain/error.h"

#include <QDate>
#include <QString>

namespace chairside {

class Store;
struct StoreContents;

// A realistic demo salon: stylists with shifts and breaks, a service menu
// with processing time and resources, clients, and a book of appointments
// around `today`. The same seed always gives the same salon.
class DemoSalon
{
public:
    struct Options
    {
        quint32 seed = 1;
        int stylists = 6;
        int clients = 300;
        int appointments = 400;
        QDate today; // null: today in the salon by the system clock (write(): the store's)
        QString timeZone = QStringLiteral("Europe/London");
        QString name = QStringLiteral("Chairside Demo Salon");
    };

    static StoreContents generate(const Options &options);
    // Generates and writes in one transaction (no outbox: demo data is local).
    static Result<QString> write(Store &store, const Options &options); // the salon id
};

} // namespace chairside
