#include "conflictchecker.h"
#include "schedule_p.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace chairside {

namespace {

class Wording
{
public:
    explicit Wording(const Schedule &schedule) : m_schedule(schedule) {}

    QString time(qint64 utc) const
    {
        // The C locale's short format carries seconds; nobody books to the second.
        const QTime t = m_schedule.toLocal(utc).time();
        if (m_locale.language() == QLocale::C)
            return t.toString(QStringLiteral("HH:mm"));
        return m_locale.toString(t, QLocale::ShortFormat);
    }
    QString timeRange(qint64 start, qint64 end) const
    {
        return QCoreApplication::translate("chairside", "%1–%2", "time range")
                .arg(time(start), time(end));
    }
    QString day(qint64 utc) const
    {
        return m_locale.toString(m_schedule.localDate(utc),
                                 QCoreApplication::translate("chairside", "dddd d MMMM",
                                                             "date in a booking problem"));
    }
    // "1 December", "1–5 December", "28 November – 2 December"
    QString dayRange(qint64 start, qint64 end) const
    {
        const QDate first = m_schedule.localDate(start);
        const QDate last = m_schedule.localDate(std::max(start, end - 1));
        const QString dayMonth =
                QCoreApplication::translate("chairside", "d MMMM", "date in a range of days");
        if (first == last)
            return m_locale.toString(first, dayMonth);
        if (first.year() == last.year() && first.month() == last.month()) {
            return QCoreApplication::translate("chairside", "%1–%2", "range of days in one month")
                    .arg(m_locale.toString(
                                 first,
                                 QCoreApplication::translate("chairside", "d",
                                                             "first day of a range in one month")),
                         m_locale.toString(last, dayMonth));
        }
        return QCoreApplication::translate("chairside", "%1 – %2", "range of days across months")
                .arg(m_locale.toString(first, dayMonth), m_locale.toString(last, dayMonth));
    }

private:
    const Schedule &m_schedule;
    QLocale m_locale;
};

bool overlapsAny(const Span &span, const Spans &list)
{
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const Span &s) { return s.start < span.end && span.start < s.end; });
}

BookingProblem problem(BookingProblem::Kind kind, const QString &staffId, qint64 start, qint64 end,
                       QString message)
{
    BookingProblem p;
    p.kind = kind;
    p.staffId = staffId;
    p.startsAt = start;
    p.endsAt = end;
    p.message = std::move(message);
    return p;
}

} // namespace

ConflictChecker::ConflictChecker(const Schedule &schedule) : m_schedule(schedule) {}

Result<void> ConflictChecker::validate(const Appointment &proposed) const
{
    if (proposed.lines.isEmpty())
        return Error::invalid(QCoreApplication::translate(
                "chairside", "The appointment has no services; add at least one."));
    for (const ServiceLine &line : proposed.lines) {
        const Service *service = m_schedule.service(line.serviceId);
        if (!service)
            return Error::notFound(
                    QCoreApplication::translate("chairside", "There is no service “%1”.")
                            .arg(line.serviceId));
        if (!m_schedule.staffMember(line.staffId))
            return Error::notFound(
                    QCoreApplication::translate("chairside", "There is no stylist “%1”.")
                            .arg(line.staffId));
        if (line.segments.isEmpty())
            return Error::invalid(QCoreApplication::translate("chairside", "%1 has no time booked.")
                                          .arg(service->name));
        qint64 previousEnd = std::numeric_limits<qint64>::min();
        for (const BookedSegment &segment : line.segments) {
            if (segment.endsAt <= segment.startsAt) {
                return Error::invalid(
                        QCoreApplication::translate("chairside",
                                                    "%1 has a step that ends before it starts or "
                                                    "lasts no time; every step "
                                                    "must last at least a minute.")
                                .arg(service->name));
            }
            if (segment.startsAt < previousEnd)
                return Error::invalid(QCoreApplication::translate(
                                              "chairside", "%1 has steps that overlap each other.")
                                              .arg(service->name));
            previousEnd = segment.endsAt;
            for (const QString &resourceId : segment.resourceIds) {
                if (!m_schedule.resource(resourceId))
                    return Error::notFound(
                            QCoreApplication::translate("chairside", "There is no resource “%1”.")
                                    .arg(resourceId));
            }
        }
    }
    return {};
}

BookingProblems ConflictChecker::check(const Appointment &proposed) const
{
    using Kind = BookingProblem::Kind;
    BookingProblems problems;
    if (const Result<void> valid = validate(proposed); !valid) {
        BookingProblem p;
        p.kind = Kind::Invalid;
        p.message = valid.error().message;
        problems.append(p);
        return problems;
    }

    const Schedule::Private &d = m_schedule.data();
    const Wording words(m_schedule);

    QStringList staffIds;
    for (const ServiceLine &line : proposed.lines) {
        if (!staffIds.contains(line.staffId))
            staffIds.append(line.staffId);
    }

    for (const QString &staffId : std::as_const(staffIds)) {
        const int index = d.staffIndex.value(staffId);
        const Staff &staff = d.staff.at(index);

        if (!staff.active) {
            problems.append(
                    problem(Kind::Inactive, staffId, proposed.startsAt(), proposed.endsAt(),
                            QCoreApplication::translate("chairside", "%1 is no longer active")
                                    .arg(staff.name)));
        }
        Spans needs;
        QSet<QString> servicesSeen;
        for (const ServiceLine &line : proposed.lines) {
            if (line.staffId != staffId)
                continue;
            for (const BookedSegment &segment : line.segments) {
                if (segment.kind != SegmentKind::Processing)
                    needs.append({segment.startsAt, segment.endsAt});
            }
            if (servicesSeen.contains(line.serviceId))
                continue;
            servicesSeen.insert(line.serviceId);
            const Service *service = m_schedule.service(line.serviceId);
            if (!service->active) {
                BookingProblem p =
                        problem(Kind::Inactive, {}, line.startsAt(), line.endsAt(),
                                QCoreApplication::translate("chairside", "%1 is no longer offered")
                                        .arg(service->name));
                problems.append(p);
            }
            if (!staff.skillFor(service->id)) {
                problems.append(
                        problem(Kind::MissingSkill, staffId, line.startsAt(), line.endsAt(),
                                QCoreApplication::translate("chairside", "%1 does not do %2")
                                        .arg(staff.name, service->name)));
            }
        }
        needs = spans::normalized(needs);
        if (needs.isEmpty())
            continue;
        const qint64 from = needs.first().start;
        const qint64 to = needs.last().end;

        // Time off first: it explains an empty day better than "not working".
        Spans away;
        for (const TimeOff &off : d.timeOff.at(index)) {
            const Span span{off.startsAt, off.endsAt};
            if (!overlapsAny(span, needs))
                continue;
            away.append(span);
            const QString days = words.dayRange(off.startsAt, off.endsAt);
            problems.append(problem(
                    Kind::TimeOff, staffId, off.startsAt, off.endsAt,
                    off.reason.isEmpty()
                            ? QCoreApplication::translate("chairside", "%1 is on time off %2")
                                      .arg(staff.name, days)
                            : QCoreApplication::translate("chairside", "%1 is on time off (%2) %3")
                                      .arg(staff.name, off.reason, days)));
        }

        const QPair<QDate, QDate> dates = d.datesCovering(from, to);
        const Spans uncovered = spans::subtract(
                spans::subtract(needs, d.working(index, dates, from, to)), spans::normalized(away));
        if (!uncovered.isEmpty()) {
            Spans breaks;
            for (QDate date = dates.first; date <= dates.second; date = date.addDays(1))
                breaks.append(d.workDay(index, date).breaks);
            breaks = spans::normalized(breaks);
            for (const Span &b : std::as_const(breaks)) {
                if (overlapsAny(b, uncovered)) {
                    problems.append(
                            problem(Kind::OnBreak, staffId, b.start, b.end,
                                    QCoreApplication::translate("chairside", "%1 is on a break %2")
                                            .arg(staff.name, words.timeRange(b.start, b.end))));
                }
            }
            for (const Span &outside : spans::subtract(uncovered, breaks)) {
                problems.append(problem(
                        Kind::OutsideShift, staffId, outside.start, outside.end,
                        QCoreApplication::translate("chairside", "%1 is not working at %2 on %3")
                                .arg(staff.name, words.time(outside.start),
                                     words.day(outside.start))));
            }
        }

        // Other clients: each stretch of another visit's busy time that collides.
        if (const auto timeline = d.occupied.constFind(staffId);
            timeline != d.occupied.constEnd()) {
            QStringList others;
            for (const auto &entry : Schedule::Private::window(*timeline, from, to)) {
                if (entry.appointmentId != proposed.id && !others.contains(entry.appointmentId)
                    && overlapsAny({entry.start, entry.end}, needs)) {
                    others.append(entry.appointmentId);
                }
            }
            for (const QString &otherId : std::as_const(others)) {
                const Appointment *other = m_schedule.appointment(otherId);
                if (!other)
                    continue;
                Spans busy;
                for (const ServiceLine &line : other->lines) {
                    if (line.staffId != staffId)
                        continue;
                    for (const BookedSegment &segment : line.segments) {
                        if (segment.kind != SegmentKind::Processing)
                            busy.append({segment.startsAt, segment.endsAt});
                    }
                }
                for (const Span &run : spans::normalized(busy)) {
                    if (!overlapsAny(run, needs))
                        continue;
                    BookingProblem p = problem(
                            Kind::Overlap, staffId, run.start, run.end,
                            QCoreApplication::translate("chairside", "%1 is with another client %2")
                                    .arg(staff.name, words.timeRange(run.start, run.end)));
                    p.otherAppointmentId = otherId;
                    problems.append(p);
                }
            }
        }
    }

    // Resources: where this visit plus the others need more units than there are.
    QStringList resourceIds;
    for (const ServiceLine &line : proposed.lines) {
        for (const BookedSegment &segment : line.segments) {
            for (const QString &id : segment.resourceIds) {
                if (!resourceIds.contains(id))
                    resourceIds.append(id);
            }
        }
    }
    for (const QString &resourceId : std::as_const(resourceIds)) {
        const Resource *resource = m_schedule.resource(resourceId);
        struct Event
        {
            qint64 at;
            int delta;
            int ownDelta;
        };
        QList<Event> events;
        qint64 from = std::numeric_limits<qint64>::max();
        qint64 to = std::numeric_limits<qint64>::min();
        for (const ServiceLine &line : proposed.lines) {
            for (const BookedSegment &segment : line.segments) {
                if (!segment.resourceIds.contains(resourceId))
                    continue;
                events.append({segment.startsAt, 1, 1});
                events.append({segment.endsAt, -1, -1});
                from = std::min(from, segment.startsAt);
                to = std::max(to, segment.endsAt);
            }
        }
        if (const auto timeline = d.used.constFind(resourceId); timeline != d.used.constEnd()) {
            for (const auto &use : Schedule::Private::window(*timeline, from, to)) {
                if (use.appointmentId == proposed.id)
                    continue;
                events.append({use.start, 1, 0});
                events.append({use.end, -1, 0});
            }
        }
        // Ends before starts at the same second: back-to-back is fine.
        std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
            return a.at != b.at ? a.at < b.at : a.delta < b.delta;
        });
        Spans short_;
        int inUse = 0;
        int ownInUse = 0;
        for (qsizetype i = 0; i < events.size();) {
            const qint64 at = events[i].at;
            for (; i < events.size() && events[i].at == at; ++i) {
                inUse += events[i].delta;
                ownInUse += events[i].ownDelta;
            }
            if (i < events.size() && inUse > resource->count && ownInUse > 0)
                short_.append({at, events[i].at});
        }
        const QString name = QLocale().toLower(resource->name);
        for (const Span &span : spans::normalized(short_)) {
            BookingProblem p = problem(Kind::ResourceFull, {}, span.start, span.end,
                                       QCoreApplication::translate("chairside", "No %1 free at %2")
                                               .arg(name, words.time(span.start)));
            p.resourceId = resourceId;
            problems.append(p);
        }
    }
    return problems;
}

} // namespace chairside
