#pragma once

#include "service.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace chairside {

enum class StaffRole { Owner, Manager, FrontDesk, Stylist };

QString staffRoleName(StaffRole role);
bool staffRoleFromName(const QString &name, StaffRole *role);

// A service this person performs; segmentsOverride replaces the service's
// own timing for them (a senior stylist cuts in 30 min, a junior in 45).
struct Skill
{
    QString serviceId;
    QList<ServiceSegment> segmentsOverride; // empty: the service's own segments

    friend bool operator==(const Skill &, const Skill &) = default;
};

struct Staff
{
    QString id;
    QString salonId;
    QString name;
    StaffRole role = StaffRole::Stylist;
    QString colour; // "#RRGGBB"
    bool active = true;
    QList<Skill> skills;

    // Whether clients can be booked with this person, so that they get a
    // column in the book, a row in the week and a place in the stylist
    // pickers: active, not the front desk, and able to do some service.
    bool takesClients() const;
    const Skill *skillFor(const QString &serviceId) const;
    // The segments this person needs for the service (override or default).
    QList<ServiceSegment> segmentsFor(const Service &service) const;

    QJsonObject toJson() const;
    static Staff fromJson(const QJsonObject &json);
    friend bool operator==(const Staff &, const Staff &) = default;
};

} // namespace chairside
