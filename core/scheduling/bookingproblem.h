#pragma once

#include <QList>
#include <QString>

namespace chairside {

// One reason a proposed booking does not fit, in words a receptionist
// understands: "Mia is on her break 13:00–13:30", "No basin free at 10:15".
struct BookingProblem
{
    enum class Kind {
        OutsideShift, // not working then (no shift, day off, outside hours)
        OnBreak,
        TimeOff,
        Overlap,      // busy with another client (their processing time is free)
        MissingSkill, // does not perform this service
        ResourceFull, // every chair/basin/room of a kind is taken
        Inactive,     // stylist or service no longer active
        Invalid,      // the appointment itself is malformed (see ConflictChecker::validate);
                      // never to be overbooked
    };
    Kind kind = Kind::Overlap;
    QString staffId;            // empty for resource problems
    QString resourceId;         // for ResourceFull
    QString otherAppointmentId; // for Overlap
    qint64 startsAt = 0;        // the span in question (UTC seconds)
    qint64 endsAt = 0;
    QString message; // translated, in the salon's local time

    friend bool operator==(const BookingProblem &, const BookingProblem &) = default;
};

using BookingProblems = QList<BookingProblem>;

} // namespace chairside
