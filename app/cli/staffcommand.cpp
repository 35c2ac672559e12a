#include "staffcommand.h"

#include "clicontext.h"
#include "presenter.h"

#include "store/store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace chairside::cli {

namespace {

const char *const palette[] = {"#E57373", "#64B5F6", "#81C784", "#FFB74D",
                               "#BA68C8", "#4DB6AC", "#F06292", "#A1887F"};

} // namespace

StaffCommand::StaffCommand()
{
    using namespace std::placeholders;
    addVerb(QStringLiteral("list"), tr("List the salon's staff."),
            std::bind(&StaffCommand::list, this, _1, _2));
    addVerb(QStringLiteral("add"), tr("Add a person."),
            std::bind(&StaffCommand::add, this, _1, _2));
    addVerb(QStringLiteral("edit"), tr("Change a person."),
            std::bind(&StaffCommand::edit, this, _1, _2));
    addVerb(QStringLiteral("remove"), tr("Remove a person without upcoming appointments."),
            std::bind(&StaffCommand::remove, this, _1, _2));
}

QString StaffCommand::summary() const
{
    return tr("Stylists and other staff: list, add, edit, remove.");
}

void StaffCommand::addEditOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("name"), tr("Their name."), tr("NAME")});
    parser.addOption(
            {QStringLiteral("role"), tr("owner, manager, front-desk or stylist."), tr("ROLE")});
    parser.addOption(
            {QStringLiteral("colour"), tr("Their colour in the book, #RRGGBB."), tr("COLOUR")});
    parser.addOption({QStringLiteral("services"),
                      tr("The services they do, comma-separated (replaces the list)."),
                      tr("SERVICES")});
    parser.addOption(
            {QStringLiteral("timing"),
             tr("Their own timing for a service, e.g. \"Cut & Finish=busy:45\" (repeatable)."),
             tr("SERVICE=STEPS")});
    parser.addOption({QStringLiteral("active"),
                      tr("yes, or no for someone who no longer takes bookings."), tr("YES|NO")});
}

Result<void> StaffCommand::apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                                 Staff *staff)
{
    if (parser.isSet(QStringLiteral("name"))) {
        const Result<QString> name =
                text(parser.value(QStringLiteral("name")), tr("name"), maxNameLength, true);
        if (!name)
            return name.error();
        staff->name = *name;
    }
    if (parser.isSet(QStringLiteral("role"))) {
        QString role = parser.value(QStringLiteral("role")).trimmed();
        role.replace(QLatin1Char(' '), QLatin1Char('-'))
                .replace(QLatin1Char('_'), QLatin1Char('-'));
        if (!staffRoleFromName(role, &staff->role)) {
            return Error::usage(tr("“%1” is not a role; use owner, manager, front-desk or stylist.")
                                        .arg(parser.value(QStringLiteral("role"))));
        }
    }
    if (parser.isSet(QStringLiteral("colour"))) {
        static const QRegularExpression colour(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
        const QString value = parser.value(QStringLiteral("colour")).trimmed();
        if (!colour.match(value).hasMatch())
            return Error::usage(
                    tr("“%1” is not a colour; write it as #RRGGBB, e.g. #E57373.").arg(value));
        staff->colour = value.toUpper();
    }
    if (parser.isSet(QStringLiteral("services"))) {
        const Result<QList<Service>> services =
                catalogue.findServices({parser.value(QStringLiteral("services"))});
        if (!services)
            return services.error();
        QList<Skill> skills;
        for (const Service &service : *services) {
            const Skill *existing = staff->skillFor(service.id);
            skills.append(existing ? *existing : Skill{service.id, {}});
        }
        staff->skills = skills;
    }
    const QStringList timings = parser.values(QStringLiteral("timing"));
    for (const QString &timing : timings) {
        const qsizetype equals = timing.lastIndexOf(QLatin1Char('='));
        if (equals <= 0)
            return Error::usage(
                    tr("“%1” is not a timing; write it as SERVICE=busy:45.").arg(timing));
        const Result<Service> service = catalogue.findService(timing.left(equals));
        if (!service)
            return service.error();
        const QString steps = timing.mid(equals + 1).trimmed();
        QList<ServiceSegment> override;
        if (!steps.isEmpty() && steps.compare(QLatin1String("default"), Qt::CaseInsensitive) != 0) {
            const Result<QList<ServiceSegment>> parsed = segments(steps, catalogue);
            if (!parsed)
                return parsed.error();
            override = *parsed;
        }
        bool found = false;
        for (Skill &skill : staff->skills) {
            if (skill.serviceId == service->id) {
                skill.segmentsOverride = override;
                found = true;
            }
        }
        if (!found)
            staff->skills.append({service->id, override});
    }
    if (parser.isSet(QStringLiteral("active"))) {
        const Result<bool> active =
                yesNo(parser.value(QStringLiteral("active")), QStringLiteral("active"));
        if (!active)
            return active.error();
        staff->active = *active;
    }
    return {};
}

Result<void> StaffCommand::list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List the salon's staff."));
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    const Presenter presenter(**catalogue);
    QJsonArray json;
    QStringList lines;
    for (const Staff &staff : (*catalogue)->staff()) {
        json.append(presenter.staff(staff));
        lines.append(presenter.staffLine(staff));
    }
    context.print({{QStringLiteral("staff"), json}}, lines.join(QLatin1Char('\n')));
    return {};
}

Result<void> StaffCommand::add(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Add a person to the salon (a stylist unless --role says otherwise)."));
    addEditOptions(parser);
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    if (!parser.isSet(QStringLiteral("name")))
        return Error::usage(tr("A new person needs --name."));
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    Staff staff;
    staff.id = newId();
    staff.salonId = (*catalogue)->salon().id;
    staff.colour = QLatin1String(palette[(*catalogue)->staff().size() % std::size(palette)]);
    if (const Result<void> applied = apply(parser, **catalogue, &staff); !applied)
        return applied;
    Store *store = *context.store();
    if (const Result<void> saved = store->save(staff); !saved)
        return saved;
    context.reloadCatalogue();
    context.print({{QStringLiteral("staff"), Presenter(**context.catalogue()).staff(staff)}},
                  tr("Added %1 (%2).").arg(staff.name, staff.id));
    return {};
}

Result<void> StaffCommand::edit(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Change a person's details."));
    parser.addPositionalArgument(QStringLiteral("staff"), tr("The person, by name or id."));
    addEditOptions(parser);
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<QString> which = onePositional(parser, tr("person"));
    if (!which)
        return which.error();
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    Result<Staff> staff = (*catalogue)->findStaff(*which);
    if (!staff)
        return staff.error();
    if (const Result<void> applied = apply(parser, **catalogue, &*staff); !applied)
        return applied;
    if (const Result<void> saved = (*context.store())->save(*staff); !saved)
        return saved;
    context.reloadCatalogue();
    context.print({{QStringLiteral("staff"), Presenter(**context.catalogue()).staff(*staff)}},
                  tr("Changed %1.").arg(staff->name));
    return {};
}

Result<void> StaffCommand::remove(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Remove a person. Someone with upcoming appointments is refused; "
               "use “staff edit --active no” for them."));
    parser.addPositionalArgument(QStringLiteral("staff"), tr("The person, by name or id."));
    const Result<bool> parsed = context.parse(parser, arguments);
    if (!parsed)
        return parsed.error();
    if (!*parsed)
        return {};
    const Result<QString> which = onePositional(parser, tr("person"));
    if (!which)
        return which.error();
    const Result<Catalogue *> catalogue = context.catalogue();
    if (!catalogue)
        return catalogue.error();
    const Result<Staff> staff = (*catalogue)->findStaff(*which);
    if (!staff)
        return staff.error();
    Store *store = *context.store();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    int upcoming = 0;
    const QList<Appointment> appointments =
            store->appointments(staff->salonId, now, now + 5LL * 366 * 86400, staff->id);
    for (const Appointment &appointment : appointments)
        upcoming += holdsTime(appointment.status) ? 1 : 0;
    if (upcoming > 0) {
        return Error::invalid(
                tr("%1 has %2 upcoming appointments; move or cancel them first, or use "
                   "“staff edit --active no”.")
                        .arg(staff->name)
                        .arg(upcoming));
    }
    if (const Result<void> removed = store->remove(Entity::Staff, staff->id); !removed)
        return removed;
    context.print({{QStringLiteral("removed"),
                    QJsonObject{{QStringLiteral("id"), staff->id},
                                {QStringLiteral("name"), staff->name}}}},
                  tr("Removed %1.").arg(staff->name));
    return {};
}

} // namespace chairside::cli
