-- Chairside local store, schema 8: what this PC knows of the salon's server
-- (issue 9, docs/sync.md).
--
-- row_versions: the server version of every row this PC has from the
-- server, or had acknowledged by it. A pulled row is written only when its
-- version is above the one kept here (an older server row never overwrites
-- a newer one), and a pushed change sends it as its base version. A row
-- the server has never seen has no entry. Written in the same transaction
-- as the row itself.
CREATE TABLE row_versions (
    entity TEXT NOT NULL,        -- entityName(): 'appointment', 'client', ...
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, -- the server holds a tombstone
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;

-- The sync engine's own small facts, one row each:
--   'cursor'        the highest server version whose rows are all here;
--                   written in the same transaction as the rows it covers
--   'epoch'         the server epoch the cursor belongs to; another epoch
--                   means a full resync (the outbox is kept)
--   'lastSyncAt'    UTC seconds of the last round that finished
--   'lastError'     the last round's error sentence, empty after success
CREATE TABLE sync_state (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
