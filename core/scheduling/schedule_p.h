#pragma once

// Schedule's indices, shared with AvailabilityFinder and ConflictChecker only.

#include "schedule.h"

#include <QHash>
#include <QList>

namespace chairside {

using Span = Schedule::Span;
using Spans = QList<Span>;

// Sorted, disjoint span lists: the arithmetic availability runs on.
namespace spans {
// Sorts and merges overlapping or touching spans.
Spans normalized(Spans list);
// a minus b (both sorted and disjoint).
Spans subtract(const Spans &a, const Spans &b);
Spans intersect(const Spans &a, const Spans &b);
} // namespace spans

struct Schedule::Private
{
    // Time the stylist spends on one appointment: a Busy or Buffer segment.
    struct Occupied
    {
        qint64 start = 0;
        qint64 end = 0;
        QString appointmentId;
    };
    // Sorted by start. `longest` bounds how far back an overlapping entry
    // can start, so a window is found with a binary search.
    struct Timeline
    {
        QList<Occupied> entries;
        qint64 longest = 0;
    };

    // A stretch of UTC time with one offset from UTC.
    struct OffsetPiece
    {
        qint64 start = 0;
        qint64 end = 0;
        int offset = 0;
        qint64 localMidnight = 0; // local midnight of its date, as if it were UTC
    };
    // One local date: [start, end) in UTC and its offsets (two pieces on a
    // daylight-saving day).
    struct LocalDay
    {
        qint64 start = 0;
        qint64 end = 0;
        QList<OffsetPiece> pieces;
    };

    // A stylist's local date: shifts and breaks in UTC, and what is left to
    // work once breaks and time off are taken out.
    struct WorkDay
    {
        Spans shifts;
        Spans breaks;
        Spans working;
    };

    Salon salon;
    QTimeZone zone;
    QList<Staff> staff;
    QHash<QString, int> staffIndex;
    QList<Service> services;
    QHash<QString, int> serviceIndex;
    QList<Resource> resources;
    QHash<QString, int> resourceIndex;
    QList<QList<Shift>> shifts;                       // by staff index
    QHash<quint64, QList<ShiftException>> exceptions; // by dayKey
    QList<QList<TimeOff>> timeOff;                    // by staff index, sorted
    QHash<QString, Appointment> appointments;         // those holding time
    QHash<QString, Timeline> occupied;                // by staff id
    QHash<QString, Timeline> used;                    // by resource id

    mutable QHash<qint64, LocalDay> dayCache;     // by Julian day
    mutable QHash<quint64, WorkDay> workDayCache; // by dayKey
    mutable QHash<QString, Spans> fullCache;      // by resource id

    static quint64 dayKey(int staffIndex, const QDate &date)
    {
        return (quint64(quint32(staffIndex)) << 32) | quint32(date.toJulianDay());
    }

    LocalDay localDay(const QDate &date) const;
    qint64 toUtc(const QDate &date, int minute) const;
    // Offsets over [from, to), one piece per stretch of constant offset
    // within a local date.
    QList<OffsetPiece> offsetPieces(qint64 from, qint64 to) const;

    WorkDay workDay(int staffIndex, const QDate &date) const;
    // Local dates whose working time can reach into [from, to) (a shift
    // past midnight belongs to the day before).
    QPair<QDate, QDate> datesCovering(qint64 from, qint64 to) const;
    // Working time of a stylist overlapping [from, to), merged over dates.
    Spans working(int staffIndex, qint64 from, qint64 to) const;
    Spans working(int staffIndex, const QPair<QDate, QDate> &dates, qint64 from, qint64 to) const;
    // Entries overlapping [from, to), in start order.
    static QList<Occupied> window(const Timeline &timeline, qint64 from, qint64 to);
    // Time the stylist is with other clients in [from, to) (merged).
    Spans occupiedSpans(const QString &staffId, qint64 from, qint64 to) const;
    // Times every unit of a resource is in use (merged).
    Spans fullSpans(const QString &resourceId) const;

    void insert(const Appointment &appointment);
    void erase(const QString &appointmentId);

    // Drops the cached work days of a stylist from `first` to `last`
    // (null dates: open-ended), so they are worked out again when asked for.
    void forgetWorkDays(int staffIndex, const QDate &first = {}, const QDate &last = {});
    // The same for the dates a span of UTC time can touch (a shift past
    // midnight belongs to the day before).
    void forgetWorkDays(int staffIndex, qint64 from, qint64 to);
    void insertShift(Shift shift);
    void eraseShift(const QString &shiftId);
    void insertShiftException(ShiftException exception);
    void eraseShiftException(const QString &exceptionId);
    void insertTimeOff(TimeOff timeOff);
    void eraseTimeOff(const QString &timeOffId);
};

} // namespace chairside
