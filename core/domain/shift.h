#pragma once

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace chairside {

// A break inside a working day, minutes from local midnight.
struct Break
{
    int startMinute = 0;
    int endMinute = 0;
    friend bool operator==(const Break &, const Break &) = default;
};

QJsonArray breaksToJson(const QList<Break> &breaks);
QList<Break> breaksFromJson(const QJsonArray &json);

// A weekly working pattern: on `weekday` every `everyWeeks` weeks (1-4),
// counted from the week that holds `anchorDate`. Times are local wall-clock
// minutes from midnight; endMinute may pass 1440 for a shift that runs past
// midnight. Two rows with everyWeeks = 2 and anchors a week apart make an
// A/B rota.
struct Shift
{
    QString id;
    QString staffId;
    int weekday = 1; // 1 = Monday ... 7 = Sunday (QDate::dayOfWeek)
    int startMinute = 9 * 60;
    int endMinute = 17 * 60;
    QList<Break> breaks;
    int everyWeeks = 1;
    QDate anchorDate; // any date in a week the pattern applies to
    QDate validFrom;  // null: since always
    QDate validUntil; // null: no end; inclusive

    bool appliesOn(const QDate &date) const;

    QJsonObject toJson() const;
    static Shift fromJson(const QJsonObject &json);
    friend bool operator==(const Shift &, const Shift &) = default;
};

// Replaces the weekly pattern on one date: a different shift, or a day off
// when `working` is false.
struct ShiftException
{
    QString id;
    QString staffId;
    QDate date;
    bool working = false;
    int startMinute = 0;
    int endMinute = 0;
    QList<Break> breaks;
    QString reason;

    QJsonObject toJson() const;
    static ShiftException fromJson(const QJsonObject &json);
    friend bool operator==(const ShiftException &, const ShiftException &) = default;
};

// Holiday, sickness, training: absolute UTC times (seconds since the epoch).
struct TimeOff
{
    QString id;
    QString staffId;
    qint64 startsAt = 0;
    qint64 endsAt = 0;
    QString reason;

    QJsonObject toJson() const;
    static TimeOff fromJson(const QJsonObject &json);
    friend bool operator==(const TimeOff &, const TimeOff &) = default;
};

} // namespace chairside
