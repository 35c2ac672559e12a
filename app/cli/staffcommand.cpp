#include "staffcommand.h"

#include <QRegularExpression>

namespace chairside::cli {

namespace {

const char *const palette[] = {"#E57373", "#64B5F6", "#81C784", "#FFB74D",
                               "#BA68C8", "#4DB6AC", "#F06292", "#A1887F"};

} // namespace

StaffCommand::StaffCommand()
    : CatalogueCommand({
            .key = QStringLiteral("staff"),
            .listKey = QStringLiteral("staff"),
            .entity = Entity::Staff,
            .what = tr("person"),
            .whichHelp = tr("The person, by name or id."),
            .addHelp = tr("Add a person to the salon (a stylist unless --role says otherwise)."),
            .editHelp = tr("Change a person's details."),
            .removeHelp = tr("Remove a person. Someone with upcoming appointments is refused; "
                             "use “staff edit --active no” for them."),
            .required = {QStringLiteral("name")},
            .requiredMessage = tr("A new person needs --name."),
            .find = &Catalogue::findStaff,
            .json = &Presenter::staff,
            .line = &Presenter::staffLine,
            .listHelp = tr("List the salon's staff."),
            .rows = &Catalogue::staff,
    })
{
    addVerbs(tr("Add a person."), tr("Change a person."),
             tr("Remove a person without upcoming appointments."));
}

QString StaffCommand::summary() const
{
    return tr("Stylists and other staff: list, add, edit, remove.");
}

void StaffCommand::addEditOptions(QCommandLineParser &parser) const
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
                                 Staff *staff) const
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

void StaffCommand::setDefaults(const QCommandLineParser &, const Catalogue &catalogue,
                               Staff *staff) const
{
    staff->colour = QLatin1String(palette[catalogue.staff().size() % std::size(palette)]);
}

} // namespace chairside::cli
