#pragma once

#include "domain/appointment.h"
#include "domain/error.h"
#include "domain/salon.h"

#include <QDate>
#include <QList>
#include <QString>

namespace chairside {

class Schedule;
class Store;

// One day of the book as the day view draws it: a column per stylist who
// works that day (or has clients booked), their working hours, and a block
// per visit. Times are local wall-clock minutes from the day's midnight, so
// a daylight-saving day still shows 09:00 at the 09:00 row.
struct DaySheet
{
    struct Part
    {
        SegmentKind kind = SegmentKind::Busy;
        int startMinute = 0;
        int endMinute = 0;
    };

    // One client's time with one stylist (all lines of the visit they do).
    struct Block
    {
        QString appointmentId;
        QString clientName; // empty: anonymous walk-in
        QString services;   // "Full Head Colour + Cut & Finish"
        QString category;   // the first service's category ("Colour")
        AppointmentStatus status = AppointmentStatus::Booked;
        bool walkIn = false;
        bool overbooked = false;
        // Saved on this PC, not confirmed by the salon's server yet (only on
        // a PC that has joined one: Store::waitingToSync).
        bool waitingToSync = false;
        int startMinute = 0;
        int endMinute = 0;
        QList<Part> parts;
        int lane = 0; // 1: booked inside another client's processing time
    };

    struct Span
    {
        int startMinute = 0;
        int endMinute = 0;
    };

    struct Column
    {
        QString staffId;
        QString name;
        QString colour;      // "#rrggbb"; empty: the stylist has none
        QList<Span> working; // breaks and time off are the gaps
        QList<Block> blocks; // sorted by start

        // How long the stylist is free from `minute`: up to the end of the
        // working span that holds it or the next part of a visit that holds
        // them, whichever comes first. 0 when they do not work then, or are
        // busy (processing time leaves them free).
        int freeMinutesFrom(int minute) const;
    };

    QString salonId;
    QDate date;
    int firstMinute = 9 * 60; // the rows shown
    int lastMinute = 18 * 60;
    QList<Column> columns;
    int visitCount = 0; // appointments that hold time (not cancelled / no-show)

    // Reads the day from the store; only core APIs, no SQL here. A read
    // that fails gives its error.
    static Result<DaySheet> load(const Store &store, const Salon &salon, const QDate &date);
    // The same with the rota taken from a schedule already held that covers
    // the day (the window's LiveSchedule): only the day's visits are read.
    static Result<DaySheet> load(const Store &store, const Schedule &schedule, const QDate &date);
    // The first day after `after` on which a stylist works (what the day
    // view shows columns for), looking up to `searchDays` ahead; invalid
    // when nobody works in all that time.
    static Result<QDate> nextOpenDay(const Store &store, const Salon &salon, const QDate &after,
                                     int searchDays = 92);
};

} // namespace chairside
