#pragma once

#include <QDate>
#include <QString>
#include <QUndoCommand>

#include <functional>

namespace chairside {

class Store;

// A client card edit already written (notes, patch-test date), kept so it
// can be undone. Undo and redo write only those fields onto the client as
// the store has it then, so a no-show counted since is not taken back. Each
// is a new write through the store (it reaches the outbox). A client removed
// since cannot be edited: `report` says so and the command leaves the stack.
class ClientCommand : public QUndoCommand
{
public:
    using Report = std::function<void(const QString &message)>;
    struct Fields
    {
        QString notes;
        QDate patchTestDate;
    };

    ClientCommand(Store &store, const QString &clientId, Fields before, Fields after,
                  const QString &text, Report report = {});

    void undo() override;
    void redo() override;

private:
    void write(const Fields &fields, const QString &failure);

    Store &m_store;
    QString m_clientId;
    Fields m_before;
    Fields m_after;
    Report m_report;
    bool m_written = true; // the first redo() (from push) finds it done
};

} // namespace chairside
