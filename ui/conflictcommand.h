#pragma once

#include "sync/conflictresolution.h"

#include <QTimeZone>
#include <QUndoCommand>

#include <functional>
#include <optional>

class QUndoStack;

namespace chairside {

class Store;

// A conflict settled in the window, kept so it can be undone. Redo settles
// it through ConflictResolution::resolve (a normal local write, queued for
// the server); undo writes the visit back as the book had it before (the
// server's version; removed again when the server had none) and puts the
// entry back in the inbox, open. When the visit's old time has been taken
// since, the undo is refused, `report` says why and the command leaves the
// stack (AppointmentCommand's rule).
class ConflictCommand : public QUndoCommand
{
public:
    using Report = std::function<void(const QString &message)>;

    struct Resolution
    {
        qint64 conflictId = 0;
        ConflictResolution::Choice choice = ConflictResolution::Choice::KeepServer;
        qint64 moveTo = 0; // MoveTo: the new start (UTC seconds)
    };

    // Settles it and, when that worked, pushes the command on `stack`.
    static Result<void> resolve(QUndoStack &stack, Store &store, const Resolution &resolution,
                                const QTimeZone &zone, const QString &text, Report report = {});

    void undo() override;
    void redo() override;

private:
    ConflictCommand(Store &store, const Resolution &resolution, const QTimeZone &zone,
                    QString entityId, std::optional<Appointment> before, const QString &text,
                    Report report);
    void fail(const QString &failure, const QString &message);

    Store &m_store;
    Resolution m_resolution;
    QTimeZone m_zone;
    QString m_entityId;
    std::optional<Appointment> m_before; // the visit as the book had it; none: not there
    Report m_report;
    bool m_written = true; // the first redo() (from push) finds it done
};

} // namespace chairside
