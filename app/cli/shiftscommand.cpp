#include "shiftscommand.h"

#include "clicontext.h"
#include "domain/salontime.h"
#include "presenter.h"

#include "store/store.h"

#include <QDateTime>
#include <QJsonArray>

namespace chairside::cli {

namespace {

// "mon", "mon-fri", "mon,wed,fri" → weekdays 1-7.
Result<QList<int>> weekdays(const QString &spec)
{
    QList<int> days;
    const QStringList parts = spec.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QStringList ends = part.split(QLatin1Char('-'));
        const Result<int> first = SalonTime::parseWeekday(ends.at(0));
        if (!first)
            return first.error();
        const Result<int> last = ends.size() > 1 ? SalonTime::parseWeekday(ends.at(1)) : first;
        if (!last)
            return last.error();
        for (int day = *first; day <= *last; ++day) {
            if (!days.contains(day))
                days.append(day);
        }
    }
    if (days.isEmpty())
        return Error::usage(QCoreApplication::translate(
                "chairside", "Say which day with --day, e.g. mon or mon-fri."));
    return days;
}

Result<QDate> optionalDate(const QCommandLineParser &parser, const QString &option,
                           const QDate &fallback)
{
    if (!parser.isSet(option))
        return fallback;
    const QString value = parser.value(option).trimmed();
    if (value.isEmpty() || value.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return QDate();
    return SalonTime::parseDate(value);
}

// Start and end of a working day; the end may pass midnight as 26:00.
Result<QPair<int, int>> workingHours(const QCommandLineParser &parser, int start, int end)
{
    if (parser.isSet(QStringLiteral("start"))) {
        const Result<int> value = SalonTime::parseClock(parser.value(QStringLiteral("start")));
        if (!value)
            return value.error();
        start = *value;
    }
    if (parser.isSet(QStringLiteral("end"))) {
        const Result<int> value = SalonTime::parseClock(parser.value(QStringLiteral("end")), true);
        if (!value)
            return value.error();
        end = *value;
    }
    if (end <= start) {
        return Error::invalid(QCoreApplication::translate(
                                      "chairside",
                                      "The shift ends (%1) before it starts (%2). For a shift "
                                      "past midnight write the end as e.g. 26:00.")
                                      .arg(SalonTime::clock(end), SalonTime::clock(start)));
    }
    if (start >= 24 * 60 || end - start > 24 * 60)
        return Error::invalid(QCoreApplication::translate(
                "chairside", "A shift must start within its day and last at most 24 hours."));
    return qMakePair(start, end);
}

// A pattern every N weeks without an anchor counts its weeks from its first
// date, or else from this week.
void anchorInThisWeek(Shift *shift, const QDate &today)
{
    if (shift->everyWeeks > 1 && !shift->anchorDate.isValid())
        shift->anchorDate = shift->validFrom.isValid() ? shift->validFrom : today;
}

} // namespace

ShiftsCommand::ShiftsCommand()
{
    const auto listOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(tr("Weekly shifts, plus exceptions and time off between "
                                            "--from and --to (default: the next eight weeks)."));
        parser.addOption({QStringLiteral("staff"), tr("Only this stylist."), tr("STAFF")});
        parser.addOption({QStringLiteral("from"), tr("First date."), tr("DATE")});
        parser.addOption({QStringLiteral("to"), tr("Last date (inclusive)."), tr("DATE")});
    };
    const auto addOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(tr("Add a weekly shift, one per day given with --day."));
        addPatternOptions(parser);
    };
    const auto editOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(tr("Change a weekly shift (its id is in “shifts list”)."));
        parser.addPositionalArgument(QStringLiteral("id"), tr("The shift's id."));
        addPatternOptions(parser);
    };
    const auto removeOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Remove a weekly shift, an exception or time off, by id."));
        parser.addPositionalArgument(QStringLiteral("id"), tr("The id from “shifts list”."));
    };
    const auto exceptionOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(
                tr("Replace a stylist's weekly pattern on one date: a day off (--off) or different "
                   "hours (--start, --end, --break)."));
        parser.addOption({QStringLiteral("staff"), tr("The stylist, by name or id."), tr("STAFF")});
        parser.addOption({QStringLiteral("date"), tr("The date."), tr("DATE")});
        parser.addOption({QStringLiteral("off"), tr("Not working that day.")});
        parser.addOption({QStringLiteral("start"), tr("Start, e.g. 10:00."), tr("TIME")});
        parser.addOption({QStringLiteral("end"), tr("End, e.g. 14:00."), tr("TIME")});
        parser.addOption({QStringLiteral("break"), tr("A break, e.g. 12:00-12:30 (repeatable)."),
                          tr("FROM-TO")});
        parser.addOption({QStringLiteral("reason"), tr("Why, in a few words."), tr("TEXT")});
    };
    const auto timeOffOptions = [](QCommandLineParser &parser) {
        parser.setApplicationDescription(tr("Time off from --start to --end: dates (whole days, "
                                            "--end inclusive) or dates and times in salon time."));
        parser.addOption({QStringLiteral("staff"), tr("The stylist, by name or id."), tr("STAFF")});
        parser.addOption(
                {QStringLiteral("start"), tr("First day, or a date and time."), tr("WHEN")});
        parser.addOption({QStringLiteral("end"), tr("Last day, or a date and time."), tr("WHEN")});
        parser.addOption({QStringLiteral("reason"), tr("Why, e.g. Holiday."), tr("TEXT")});
    };
    // Every value is checked before the store is opened, so a typo is a
    // usage error (exit 2) even where there is no book yet.
    const auto addCheck = [](const QCommandLineParser &parser) -> Result<void> {
        for (const QString &required : {QStringLiteral("staff"), QStringLiteral("day"),
                                        QStringLiteral("start"), QStringLiteral("end")}) {
            if (!parser.isSet(required))
                return Error::usage(tr("A new shift needs --staff, --day, --start and --end."));
        }
        return checkPattern(parser, false);
    };
    const auto editCheck = [](const QCommandLineParser &parser) -> Result<void> {
        return checkPattern(parser, true);
    };
    const auto listCheck = [](const QCommandLineParser &parser) -> Result<void> {
        for (const QString &option : {QStringLiteral("from"), QStringLiteral("to")}) {
            if (const Result<QDate> date = optionalDate(parser, option, {}); !date)
                return date.error();
        }
        return {};
    };
    const auto exceptionCheck = [](const QCommandLineParser &parser) -> Result<void> {
        if (!parser.isSet(QStringLiteral("staff")) || !parser.isSet(QStringLiteral("date")))
            return Error::usage(tr("An exception needs --staff and --date."));
        const bool off = parser.isSet(QStringLiteral("off"));
        const bool hours =
                parser.isSet(QStringLiteral("start")) || parser.isSet(QStringLiteral("end"));
        if (off == hours)
            return Error::usage(tr("Give either --off, or --start and --end."));
        if (hours
            && !(parser.isSet(QStringLiteral("start")) && parser.isSet(QStringLiteral("end"))))
            return Error::usage(tr("Give both --start and --end."));
        if (const Result<QDate> date = SalonTime::parseDate(parser.value(QStringLiteral("date")));
            !date)
            return date.error();
        if (hours) {
            const Result<QPair<int, int>> span = workingHours(parser, 0, 0);
            if (!span)
                return span.error();
            if (const Result<QList<Break>> parsed =
                        breaks(parser.values(QStringLiteral("break")), span->first, span->second);
                !parsed)
                return parsed.error();
        }
        return checkReason(parser);
    };
    const auto timeOffCheck = [](const QCommandLineParser &parser) -> Result<void> {
        if (!parser.isSet(QStringLiteral("staff")) || !parser.isSet(QStringLiteral("start"))
            || !parser.isSet(QStringLiteral("end")))
            return Error::usage(tr("Time off needs --staff, --start and --end."));
        // The salon's zone is not known yet: UTC has no skipped hours, so
        // this checks how the times are written; the zone's own rules
        // follow once the book is open.
        const QTimeZone utc = QTimeZone::utc();
        if (const Result<qint64> start =
                    SalonTime::parseRangeStart(parser.value(QStringLiteral("start")), utc);
            !start)
            return start.error();
        if (const Result<qint64> end =
                    SalonTime::parseRangeEnd(parser.value(QStringLiteral("end")), utc);
            !end)
            return end.error();
        return checkReason(parser);
    };
    addVerb({.name = QStringLiteral("list"),
             .summary = tr("Weekly shifts, exceptions and time off."),
             .options = listOptions,
             .check = listCheck},
            &ShiftsCommand::list);
    addVerb({.name = QStringLiteral("add"),
             .summary = tr("Add a weekly shift."),
             .options = addOptions,
             .check = addCheck},
            &ShiftsCommand::add);
    addVerb({.name = QStringLiteral("edit"),
             .summary = tr("Change a weekly shift."),
             .options = editOptions,
             .words = Words::One,
             .what = tr("shift (by id)"),
             .check = editCheck},
            &ShiftsCommand::edit);
    addVerb({.name = QStringLiteral("remove"),
             .summary = tr("Remove a shift, exception or time off by id."),
             .options = removeOptions,
             .words = Words::One,
             .what = tr("shift, exception or time off (by id)")},
            &ShiftsCommand::remove);
    addVerb({.name = QStringLiteral("exception"),
             .summary = tr("A day off or different hours on one date."),
             .options = exceptionOptions,
             .check = exceptionCheck},
            &ShiftsCommand::exception);
    addVerb({.name = QStringLiteral("time-off"),
             .summary = tr("Holiday, sickness, training."),
             .options = timeOffOptions,
             .check = timeOffCheck},
            &ShiftsCommand::timeOff);
}

QString ShiftsCommand::summary() const
{
    return tr("Who works when: list, add, edit, remove, exception, time-off.");
}

void ShiftsCommand::addPatternOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("staff"), tr("The stylist, by name or id."), tr("STAFF")});
    parser.addOption(
            {QStringLiteral("day"), tr("Day(s) of the week: mon, mon-fri, mon,wed."), tr("DAYS")});
    parser.addOption({QStringLiteral("start"), tr("Start, e.g. 09:00."), tr("TIME")});
    parser.addOption({QStringLiteral("end"),
                      tr("End, e.g. 17:00 (26:00 for 02:00 the next morning)."), tr("TIME")});
    parser.addOption({QStringLiteral("break"), tr("A break, e.g. 13:00-13:30 (repeatable)."),
                      tr("FROM-TO")});
    parser.addOption({QStringLiteral("every"), tr("Repeat every N weeks (1-4)."), tr("N")});
    parser.addOption({QStringLiteral("anchor"),
                      tr("A date in a week the pattern applies to (with --every)."), tr("DATE")});
    parser.addOption(
            {QStringLiteral("valid-from"), tr("First date the pattern applies."), tr("DATE")});
    parser.addOption(
            {QStringLiteral("valid-until"), tr("Last date the pattern applies."), tr("DATE")});
}

Result<void> ShiftsCommand::checkPattern(const QCommandLineParser &parser, bool oneDay)
{
    if (parser.isSet(QStringLiteral("day"))) {
        const Result<QList<int>> days = weekdays(parser.value(QStringLiteral("day")));
        if (!days)
            return days.error();
        if (oneDay && days->size() != 1)
            return Error::usage(tr("A shift is on one day; give one day with --day."));
    }
    // A shift being edited keeps the hours it has; here any hours of the day
    // stand in for them, and its own are checked again once it is read.
    Shift probe;
    probe.startMinute = 0;
    probe.endMinute = 24 * 60;
    return apply(parser, &probe);
}

Result<void> ShiftsCommand::checkReason(const QCommandLineParser &parser)
{
    const Result<QString> reason =
            text(parser.value(QStringLiteral("reason")), tr("reason"), maxNameLength, false);
    return reason ? Result<void>() : reason.error();
}

Result<void> ShiftsCommand::apply(const QCommandLineParser &parser, Shift *shift)
{
    const Result<QPair<int, int>> hours =
            workingHours(parser, shift->startMinute, shift->endMinute);
    if (!hours)
        return hours.error();
    shift->startMinute = hours->first;
    shift->endMinute = hours->second;
    if (parser.isSet(QStringLiteral("break"))) {
        const Result<QList<Break>> parsed = breaks(parser.values(QStringLiteral("break")),
                                                   shift->startMinute, shift->endMinute);
        if (!parsed)
            return parsed.error();
        shift->breaks = *parsed;
    }
    if (parser.isSet(QStringLiteral("every"))) {
        const Result<int> every =
                number(parser.value(QStringLiteral("every")), QStringLiteral("every"), 1, 4);
        if (!every)
            return every.error();
        shift->everyWeeks = *every;
    }
    const Result<QDate> anchor = optionalDate(parser, QStringLiteral("anchor"), shift->anchorDate);
    const Result<QDate> from = optionalDate(parser, QStringLiteral("valid-from"), shift->validFrom);
    const Result<QDate> until =
            optionalDate(parser, QStringLiteral("valid-until"), shift->validUntil);
    for (const Result<QDate> *date : {&anchor, &from, &until}) {
        if (!*date)
            return date->error();
    }
    shift->anchorDate = *anchor;
    shift->validFrom = *from;
    shift->validUntil = *until;
    if (shift->validFrom.isValid() && shift->validUntil.isValid()
        && shift->validUntil < shift->validFrom)
        return Error::invalid(tr("The shift's last date comes before its first date."));
    return {};
}

Result<void> ShiftsCommand::list(CliContext &context, const QCommandLineParser &parser,
                                 const OpenBook &book)
{
    const QTimeZone zone = book.time.zone();
    const QDate today = book.time.today();
    const Result<QDate> from = optionalDate(parser, QStringLiteral("from"), today);
    if (!from)
        return from.error();
    const Result<QDate> to = optionalDate(parser, QStringLiteral("to"),
                                          from->isValid() ? from->addDays(55) : today.addDays(55));
    if (!to)
        return to.error();
    if (!from->isValid() || !to->isValid())
        return Error::usage(tr("--from and --to need dates."));
    if (*to < *from)
        return Error::invalid(tr("--to (%1) is before --from (%2).")
                                      .arg(to->toString(Qt::ISODate), from->toString(Qt::ISODate)));
    QString staffId;
    if (parser.isSet(QStringLiteral("staff"))) {
        const Result<Staff> staff = book.catalogue.findStaff(parser.value(QStringLiteral("staff")));
        if (!staff)
            return staff.error();
        staffId = staff->id;
    }
    const QString salonId = book.salon.id;
    const Presenter presenter(book.catalogue);
    QJsonArray shifts;
    QJsonArray exceptions;
    QJsonArray timeOff;
    QStringList lines;
    const Result<QList<Shift>> allShifts = book.store.shifts(salonId);
    if (!allShifts)
        return allShifts.error();
    for (const Shift &shift : *allShifts) {
        if (staffId.isEmpty() || shift.staffId == staffId) {
            shifts.append(presenter.shift(shift));
            lines.append(presenter.shiftLine(shift));
        }
    }
    const Result<QList<ShiftException>> allExceptions =
            book.store.shiftExceptions(salonId, *from, *to);
    if (!allExceptions)
        return allExceptions.error();
    for (const ShiftException &exception : *allExceptions) {
        if (staffId.isEmpty() || exception.staffId == staffId) {
            exceptions.append(presenter.shiftException(exception));
            lines.append(presenter.shiftExceptionLine(exception));
        }
    }
    const Result<QList<TimeOff>> allTimeOff =
            book.store.timeOff(salonId, SalonTime::startOfDay(*from, zone),
                               SalonTime::startOfDay(to->addDays(1), zone));
    if (!allTimeOff)
        return allTimeOff.error();
    for (const TimeOff &off : *allTimeOff) {
        if (staffId.isEmpty() || off.staffId == staffId) {
            timeOff.append(presenter.timeOff(off));
            lines.append(presenter.timeOffLine(off));
        }
    }
    context.print({{QStringLiteral("shifts"), shifts},
                   {QStringLiteral("exceptions"), exceptions},
                   {QStringLiteral("timeOff"), timeOff}},
                  lines.join(QLatin1Char('\n')));
    return {};
}

Result<void> ShiftsCommand::add(CliContext &context, const QCommandLineParser &parser,
                                const OpenBook &book)
{
    const Result<QList<int>> days = weekdays(parser.value(QStringLiteral("day")));
    if (!days)
        return days.error();
    const Result<Staff> staff = book.catalogue.findStaff(parser.value(QStringLiteral("staff")));
    if (!staff)
        return staff.error();

    QList<Shift> shifts;
    for (const int day : *days) {
        Shift shift;
        shift.id = newId();
        shift.staffId = staff->id;
        shift.weekday = day;
        if (const Result<void> applied = apply(parser, &shift); !applied)
            return applied;
        anchorInThisWeek(&shift, book.time.today());
        shifts.append(shift);
    }
    // Every day's row in one transaction (with the outbox): all or none.
    StoreContents added;
    added.shifts = shifts;
    if (const Result<void> saved = book.store.insertAll(added, true); !saved)
        return saved;
    const Presenter presenter(book.catalogue);
    QJsonArray json;
    QStringList lines;
    for (const Shift &shift : std::as_const(shifts)) {
        json.append(presenter.shift(shift));
        lines.append(presenter.shiftLine(shift));
    }
    context.print({{QStringLiteral("shifts"), json}}, lines.join(QLatin1Char('\n')));
    return {};
}

Result<void> ShiftsCommand::edit(CliContext &context, const QCommandLineParser &parser,
                                 const OpenBook &book)
{
    const QString id = word(parser);
    const Result<QList<Shift>> read = book.store.shifts(book.salon.id);
    if (!read)
        return read.error();
    const QList<Shift> &shifts = *read;
    const auto it = std::find_if(shifts.cbegin(), shifts.cend(),
                                 [&](const Shift &s) { return s.id == id; });
    if (it == shifts.cend())
        return Error::notFound(tr("There is no weekly shift with the id “%1”.").arg(id));
    Shift shift = *it;
    if (parser.isSet(QStringLiteral("staff"))) {
        const Result<Staff> staff = book.catalogue.findStaff(parser.value(QStringLiteral("staff")));
        if (!staff)
            return staff.error();
        shift.staffId = staff->id;
    }
    if (parser.isSet(QStringLiteral("day"))) {
        const Result<QList<int>> days = weekdays(parser.value(QStringLiteral("day")));
        if (!days)
            return days.error();
        if (days->size() != 1)
            return Error::usage(tr("A shift is on one day; give one day with --day."));
        shift.weekday = days->constFirst();
    }
    if (const Result<void> applied = apply(parser, &shift); !applied)
        return applied;
    anchorInThisWeek(&shift, book.time.today());
    if (const Result<void> saved = book.store.save(shift); !saved)
        return saved;
    const Presenter presenter(book.catalogue);
    context.print({{QStringLiteral("shift"), presenter.shift(shift)}}, presenter.shiftLine(shift));
    return {};
}

Result<void> ShiftsCommand::remove(CliContext &context, const QCommandLineParser &parser,
                                   const OpenBook &book)
{
    const QString id = word(parser);
    const QString salonId = book.salon.id;
    std::optional<Entity> entity;
    const Result<QList<Shift>> shifts = book.store.shifts(salonId);
    if (!shifts)
        return shifts.error();
    if (std::any_of(shifts->cbegin(), shifts->cend(), [&](const Shift &s) { return s.id == id; }))
        entity = Entity::Shift;
    if (!entity) {
        const Result<QList<ShiftException>> exceptions =
                book.store.shiftExceptions(salonId, QDate(1900, 1, 1), QDate(9999, 12, 31));
        if (!exceptions)
            return exceptions.error();
        if (std::any_of(exceptions->cbegin(), exceptions->cend(),
                        [&](const ShiftException &e) { return e.id == id; }))
            entity = Entity::ShiftException;
    }
    if (!entity) {
        const Result<QList<TimeOff>> timeOff =
                book.store.timeOff(salonId, std::numeric_limits<qint64>::min() / 2,
                                   std::numeric_limits<qint64>::max() / 2);
        if (!timeOff)
            return timeOff.error();
        if (std::any_of(timeOff->cbegin(), timeOff->cend(),
                        [&](const TimeOff &t) { return t.id == id; }))
            entity = Entity::TimeOff;
    }
    if (!entity)
        return Error::notFound(
                tr("There is no shift, exception or time off with the id “%1”.").arg(id));
    if (const Result<void> removed = book.store.remove(*entity, id); !removed)
        return removed;
    context.print({{QStringLiteral("removed"),
                    QJsonObject{{QStringLiteral("id"), id},
                                {QStringLiteral("type"), entityName(*entity)}}}},
                  tr("Removed %1.").arg(id));
    return {};
}

Result<void> ShiftsCommand::exception(CliContext &context, const QCommandLineParser &parser,
                                      const OpenBook &book)
{
    const bool hours = parser.isSet(QStringLiteral("start"));
    const Result<QDate> date = SalonTime::parseDate(parser.value(QStringLiteral("date")));
    if (!date)
        return date.error();
    const Result<QString> reason =
            text(parser.value(QStringLiteral("reason")), tr("reason"), maxNameLength, false);
    if (!reason)
        return reason.error();
    const Result<Staff> staff = book.catalogue.findStaff(parser.value(QStringLiteral("staff")));
    if (!staff)
        return staff.error();

    ShiftException exception;
    exception.id = newId();
    exception.staffId = staff->id;
    exception.date = *date;
    exception.working = hours;
    exception.reason = *reason;
    if (hours) {
        const Result<QPair<int, int>> span = workingHours(parser, 0, 0);
        if (!span)
            return span.error();
        exception.startMinute = span->first;
        exception.endMinute = span->second;
        const Result<QList<Break>> parsedBreaks =
                breaks(parser.values(QStringLiteral("break")), span->first, span->second);
        if (!parsedBreaks)
            return parsedBreaks.error();
        exception.breaks = *parsedBreaks;
    }
    if (const Result<void> saved = book.store.save(exception); !saved)
        return saved;
    const Presenter presenter(book.catalogue);
    context.print({{QStringLiteral("exception"), presenter.shiftException(exception)}},
                  presenter.shiftExceptionLine(exception));
    return {};
}

Result<void> ShiftsCommand::timeOff(CliContext &context, const QCommandLineParser &parser,
                                    const OpenBook &book)
{
    const Result<QString> reason =
            text(parser.value(QStringLiteral("reason")), tr("reason"), maxNameLength, false);
    if (!reason)
        return reason.error();
    const Result<qint64> start =
            SalonTime::parseRangeStart(parser.value(QStringLiteral("start")), book.time.zone());
    if (!start)
        return start.error();
    const Result<qint64> end =
            SalonTime::parseRangeEnd(parser.value(QStringLiteral("end")), book.time.zone());
    if (!end)
        return end.error();
    if (*end <= *start)
        return Error::invalid(tr("The time off ends before it starts."));
    const Result<Staff> staff = book.catalogue.findStaff(parser.value(QStringLiteral("staff")));
    if (!staff)
        return staff.error();
    TimeOff off;
    off.id = newId();
    off.staffId = staff->id;
    off.startsAt = *start;
    off.endsAt = *end;
    off.reason = *reason;
    if (const Result<void> saved = book.store.save(off); !saved)
        return saved;
    const Presenter presenter(book.catalogue);
    context.print({{QStringLiteral("timeOff"), presenter.timeOff(off)}},
                  presenter.timeOffLine(off));
    return {};
}

} // namespace chairside::cli
