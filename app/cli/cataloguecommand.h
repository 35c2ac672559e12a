#pragma once

#include "clicontext.h"
#include "presenter.h"
#include "verbcommand.h"

#include "store/store.h"

#include <QJsonArray>

#include <optional>

namespace chairside::cli {

// The list, add, edit and remove verbs that staff, services, resources and
// clients share. A subclass describes its rows (JSON keys, help texts, how
// the catalogue finds and the presenter shows one) and says what differs:
// its options, how they change a row, and what stops a removal.
template <typename T>
class CatalogueCommand : public VerbCommand
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
protected:
    // What a command works on and how its verbs describe themselves.
    struct Description
    {
        QString key;     // JSON key for one row, and edit's and remove's argument: "service"
        QString listKey; // JSON key for the list: "services"
        Entity entity;
        QString what;      // in “Say which service.”
        QString whichHelp; // help for the argument
        QString addHelp;
        QString editHelp;
        QString removeHelp;
        QStringList required; // options a new row needs, and the sentence asking for them
        QString requiredMessage;
        Result<T> (Catalogue::*find)(const QString &text) const;
        QJsonObject (Presenter::*json)(const T &row) const;
        QString (Presenter::*line)(const T &row) const;
        // For the list verb; left out by a command that lists its own way.
        QString listHelp = {};
        const QList<T> &(Catalogue::*rows)() const = nullptr;
    };

    explicit CatalogueCommand(Description description) : m_description(std::move(description)) {}

    virtual void addEditOptions(QCommandLineParser &parser) const = 0;
    virtual Result<void> apply(const QCommandLineParser &parser, const Catalogue &catalogue,
                               T *row) const = 0;
    // What a new row starts with before its options apply.
    virtual void setDefaults(const QCommandLineParser &, const Catalogue &, T *) const {}

    Result<void> list(CliContext &context, const QStringList &arguments)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(m_description.listHelp);
        const Result<bool> parsed = parseOptionsOnly(context, parser, arguments);
        if (!parsed)
            return parsed.error();
        if (!*parsed)
            return {};
        const Result<Catalogue *> catalogue = context.catalogue();
        if (!catalogue)
            return catalogue.error();
        printRows(context, **catalogue, ((**catalogue).*m_description.rows)());
        return {};
    }

    Result<void> add(CliContext &context, const QStringList &arguments)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(m_description.addHelp);
        addEditOptions(parser);
        const Result<bool> parsed = parseOptionsOnly(context, parser, arguments);
        if (!parsed)
            return parsed.error();
        if (!*parsed)
            return {};
        for (const QString &option : std::as_const(m_description.required)) {
            if (!parser.isSet(option))
                return Error::usage(m_description.requiredMessage);
        }
        const Result<Catalogue *> catalogue = context.catalogue();
        if (!catalogue)
            return catalogue.error();
        T row;
        row.id = newId();
        row.salonId = (*catalogue)->salon().id;
        setDefaults(parser, **catalogue, &row);
        if (const Result<void> applied = apply(parser, **catalogue, &row); !applied)
            return applied;
        return save(context, row, tr("Added %1 (%2).").arg(row.name, row.id));
    }

    Result<void> edit(CliContext &context, const QStringList &arguments)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(m_description.editHelp);
        addEditOptions(parser);
        Result<std::optional<T>> row = named(context, parser, arguments);
        if (!row)
            return row.error();
        if (!*row)
            return {};
        T &changed = **row;
        if (const Result<void> applied = apply(parser, **context.catalogue(), &changed); !applied)
            return applied;
        return save(context, changed, tr("Changed %1.").arg(changed.name));
    }

    Result<void> remove(CliContext &context, const QStringList &arguments)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(m_description.removeHelp);
        const Result<std::optional<T>> row = named(context, parser, arguments);
        if (!row)
            return row.error();
        if (!*row)
            return {};
        const T &removed = **row;
        Store *store = *context.store();
        // The store keeps the book whole (no stylist with upcoming visits, ...).
        if (const Result<void> done = store->remove(m_description.entity, removed.id); !done)
            return done;
        context.print({{QStringLiteral("removed"),
                        QJsonObject{{QStringLiteral("id"), removed.id},
                                    {QStringLiteral("name"), removed.name}}}},
                      tr("Removed %1.").arg(removed.name));
        return {};
    }

    // The rows as a JSON array under the list key, or one line each.
    void printRows(CliContext &context, const Catalogue &catalogue, const QList<T> &rows) const
    {
        const Presenter presenter(catalogue);
        QJsonArray json;
        QStringList lines;
        for (const T &row : rows) {
            json.append((presenter.*m_description.json)(row));
            lines.append((presenter.*m_description.line)(row));
        }
        context.print({{m_description.listKey, json}}, lines.join(QLatin1Char('\n')));
    }

private:
    // Parses the arguments of a verb on one row and finds that row; nothing
    // when only the help was asked for.
    Result<std::optional<T>> named(CliContext &context, QCommandLineParser &parser,
                                   const QStringList &arguments) const
    {
        parser.addPositionalArgument(m_description.key, m_description.whichHelp);
        const Result<std::optional<QString>> which =
                parseOnePositional(context, parser, arguments, m_description.what);
        if (!which)
            return which.error();
        if (!*which)
            return std::optional<T>();
        const Result<Catalogue *> catalogue = context.catalogue();
        if (!catalogue)
            return catalogue.error();
        const Result<T> row = ((**catalogue).*m_description.find)(**which);
        if (!row)
            return row.error();
        return std::optional<T>(*row);
    }

    // Saves a new or changed row and shows it as the catalogue now names it.
    Result<void> save(CliContext &context, const T &row, const QString &text) const
    {
        if (const Result<void> saved = (*context.store())->save(row); !saved)
            return saved;
        context.reloadCatalogue();
        context.print(
                {{m_description.key, (Presenter(**context.catalogue()).*m_description.json)(row)}},
                text);
        return {};
    }

    Description m_description;
};

} // namespace chairside::cli
