#pragma once

#include "booking/catalogue.h"

#include "domain/appointment.h"
#include "domain/shift.h"
#include "domain/waitlistentry.h"
#include "scheduling/slot.h"

#include <QJsonObject>

namespace chairside::cli {

// How rows look on the command line: the JSON objects docs/cli.md documents
// (times as ISO 8601 in the salon's zone, with the offset) and one-line text.
class Presenter
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    explicit Presenter(const Catalogue &catalogue);

    QJsonObject salon(const Salon &salon) const;
    QJsonObject staff(const Staff &staff) const;
    QJsonObject service(const Service &service) const;
    QJsonObject resource(const Resource &resource) const;
    QJsonObject client(const Client &client) const;
    QJsonObject shift(const Shift &shift) const;
    QJsonObject shiftException(const ShiftException &exception) const;
    QJsonObject timeOff(const TimeOff &timeOff) const;
    QJsonObject slot(const Slot &slot) const;

    QString staffLine(const Staff &staff) const;
    QString serviceLine(const Service &service) const;
    QString resourceLine(const Resource &resource) const;
    QString clientLine(const Client &client) const;
    QString shiftLine(const Shift &shift) const;
    QString shiftExceptionLine(const ShiftException &exception) const;
    QString timeOffLine(const TimeOff &timeOff) const;
    QString slotLine(const Slot &slot) const;

    // A row that names its client: the object and the line, or the error of
    // reading the client's name.
    struct Shown
    {
        QJsonObject json;
        QString line;
    };
    Result<Shown> shown(const Appointment &appointment) const;
    Result<Shown> shown(const WaitlistEntry &entry) const;

    static QString segmentsText(const QList<ServiceSegment> &segments, const Catalogue &catalogue);
    static QString money(qint64 cents);

private:
    QJsonObject appointment(const Appointment &appointment, const QString &clientName) const;
    QString appointmentLine(const Appointment &appointment, const QString &clientName) const;
    QJsonObject waitlistEntry(const WaitlistEntry &entry, const QString &clientName) const;
    QString waitlistLine(const WaitlistEntry &entry, const QString &clientName) const;
    QJsonObject reference(const QString &id, const QString &name) const;
    QString time(qint64 utcSeconds) const;

    const Catalogue &m_catalogue;
};

} // namespace chairside::cli
