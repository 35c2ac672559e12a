#include "clientcommand.h"

#include "store/store.h"

#include <QCoreApplication>

namespace chairside {

ClientCommand::ClientCommand(Store &store, const QString &clientId, Fields before, Fields after,
                             const QString &text, Report report)
    : m_store(store)
    , m_clientId(clientId)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_report(std::move(report))
{
    setText(text);
}

void ClientCommand::write(const Fields &fields, const QString &failure)
{
    Result<std::optional<Client>> client = m_store.client(m_clientId);
    Result<void> saved = client ? Result<void>(Error::notFound(QCoreApplication::translate(
                                 "chairside", "The client is no longer in the book.")))
                                : Result<void>(client.error());
    if (client && *client) {
        (*client)->notes = fields.notes;
        (*client)->patchTestDate = fields.patchTestDate;
        saved = m_store.save(**client);
    }
    if (saved)
        return;
    if (m_report)
        m_report(failure.arg(text(), saved.error().message));
    setObsolete(true);
}

void ClientCommand::undo()
{
    write(m_before, QCoreApplication::translate("chairside", "Could not undo “%1”: %2"));
}

void ClientCommand::redo()
{
    if (m_written) {
        m_written = false;
        return;
    }
    write(m_after, QCoreApplication::translate("chairside", "Could not redo “%1”: %2"));
}

} // namespace chairside
