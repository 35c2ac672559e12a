#pragma once

#include <QJsonObject>
#include <QString>

#include <array>

namespace chairside {

// Opening hours of one weekday, in minutes from local midnight. Closed when
// openMinute < 0.
struct DayHours
{
    int openMinute = -1;
    int closeMinute = -1;
    bool isOpen() const { return openMinute >= 0 && closeMinute > openMinute; }
    friend bool operator==(const DayHours &, const DayHours &) = default;
};

struct Salon
{
    QString id;
    QString name;
    QString timeZone;                     // IANA name, e.g. "Europe/London"
    std::array<DayHours, 7> openingHours; // [0] = Monday ... [6] = Sunday
    // A patch test counts for a visit when taken at least patchTestMinHours
    // before it and at most patchTestMaxDays before it.
    int patchTestMinHours = 48;
    int patchTestMaxDays = 183;

    QJsonObject toJson() const;
    static Salon fromJson(const QJsonObject &json);
    friend bool operator==(const Salon &, const Salon &) = default;
};

} // namespace chairside
