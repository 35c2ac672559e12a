#pragma once

#include "changeset.h"

#include <QByteArray>
#include <QString>

namespace chairside {

// One row as the salon's server holds it, on its way into this PC's store
// (docs/sync.md): the pull and the first sync hand these to the store,
// which writes them without queueing them to go back.
struct PulledRow
{
    Entity entity = Entity::Appointment;
    QString id;
    qint64 version = 0;
    bool deleted = false; // a tombstone: the row is gone from the salon's book
    QByteArray payload;   // the row's toJson() as compact JSON; empty for a tombstone
};

} // namespace chairside
