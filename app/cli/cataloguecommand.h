#pragma once

#include "clicontext.h"
#include "command.h"
#include "presenter.h"

#include "store/store.h"

#include <QJsonArray>

namespace chairside::cli {

// The list, add, edit and remove verbs that staff, services, resources and
// clients share. A subclass describes its rows (JSON keys, help texts, how
// the catalogue finds and the presenter shows one) and says what differs:
// its options, how they change a row, and what stops a removal.
template <typename T>
class CatalogueCommand : public Command
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

    // The verbs, described by m_description; `list` only when it has rows.
    void addVerbs(const QString &addSummary, const QString &editSummary,
                  const QString &removeSummary)
    {
        if (m_description.rows) {
            this->addVerb({.name = QStringLiteral("list"),
                           .summary = m_description.listHelp,
                           .options =
                                   [this](QCommandLineParser &parser) {
                                       parser.setApplicationDescription(m_description.listHelp);
                                   }},
                          &CatalogueCommand::list);
        }
        this->addVerb({.name = QStringLiteral("add"),
                       .summary = addSummary,
                       .options =
                               [this](QCommandLineParser &parser) {
                                   parser.setApplicationDescription(m_description.addHelp);
                                   addEditOptions(parser);
                               },
                       .check = [this](const QCommandLineParser &parser) -> Result<void> {
                           for (const QString &option : std::as_const(m_description.required)) {
                               if (!parser.isSet(option))
                                   return Error::usage(m_description.requiredMessage);
                           }
                           return {};
                       }},
                      &CatalogueCommand::add);
        this->addVerb({.name = QStringLiteral("edit"),
                       .summary = editSummary,
                       .options =
                               [this](QCommandLineParser &parser) {
                                   parser.setApplicationDescription(m_description.editHelp);
                                   parser.addPositionalArgument(m_description.key,
                                                                m_description.whichHelp);
                                   addEditOptions(parser);
                               },
                       .words = Words::One,
                       .what = m_description.what},
                      &CatalogueCommand::edit);
        this->addVerb({.name = QStringLiteral("remove"),
                       .summary = removeSummary,
                       .options =
                               [this](QCommandLineParser &parser) {
                                   parser.setApplicationDescription(m_description.removeHelp);
                                   parser.addPositionalArgument(m_description.key,
                                                                m_description.whichHelp);
                               },
                       .words = Words::One,
                       .what = m_description.what},
                      &CatalogueCommand::remove);
    }

    Result<void> list(CliContext &context, const QCommandLineParser &, const OpenBook &book)
    {
        printRows(context, book.catalogue, (book.catalogue.*m_description.rows)());
        return {};
    }

    Result<void> add(CliContext &context, const QCommandLineParser &parser, const OpenBook &book)
    {
        T row;
        row.id = newId();
        row.salonId = book.salon.id;
        setDefaults(parser, book.catalogue, &row);
        if (const Result<void> applied = apply(parser, book.catalogue, &row); !applied)
            return applied;
        return save(context, book, row, tr("Added %1 (%2).").arg(row.name, row.id));
    }

    Result<void> edit(CliContext &context, const QCommandLineParser &parser, const OpenBook &book)
    {
        Result<T> row = (book.catalogue.*m_description.find)(word(parser));
        if (!row)
            return row.error();
        if (const Result<void> applied = apply(parser, book.catalogue, &*row); !applied)
            return applied;
        return save(context, book, *row, tr("Changed %1.").arg(row->name));
    }

    Result<void> remove(CliContext &context, const QCommandLineParser &parser, const OpenBook &book)
    {
        const Result<T> removed = (book.catalogue.*m_description.find)(word(parser));
        if (!removed)
            return removed.error();
        // The store keeps the book whole (no stylist with upcoming visits, ...).
        if (const Result<void> done = book.store.remove(m_description.entity, removed->id); !done)
            return done;
        context.print({{QStringLiteral("removed"),
                        QJsonObject{{QStringLiteral("id"), removed->id},
                                    {QStringLiteral("name"), removed->name}}}},
                      tr("Removed %1.").arg(removed->name));
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
    // Saves a new or changed row and shows it as a fresh catalogue names it.
    Result<void> save(CliContext &context, const OpenBook &book, const T &row,
                      const QString &text) const
    {
        if (const Result<void> saved = book.store.save(row); !saved)
            return saved;
        const Result<Catalogue> saved = Catalogue::load(book.store, book.salon);
        if (!saved)
            return saved.error();
        context.print({{m_description.key, (Presenter(*saved).*m_description.json)(row)}}, text);
        return {};
    }

    Description m_description;
};

} // namespace chairside::cli
