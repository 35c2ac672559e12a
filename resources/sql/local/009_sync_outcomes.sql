-- Chairside local store, schema 9: what the sync engine keeps of its pushes
-- (issue 9, docs/sync.md).
--
-- outbox_attempts: per consumer and outbox entry, how often it was handed
-- on without a known outcome, and the last error. Rows go when the consumer
-- acknowledges the entry. A queue that stops retrying is the failure peers
-- report most, so every try leaves a trace here.
CREATE TABLE outbox_attempts (
    consumer TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT NOT NULL,
    last_attempt_at INTEGER NOT NULL, -- UTC seconds
    PRIMARY KEY (consumer, sequence)
) WITHOUT ROWID;

-- The conflict inbox: every push the server answered "conflict" or
-- "refused", with this PC's version and the server's, until a person
-- resolves it (SYNC.md 6). `sequence` is the outbox entry (NULL for a row of
-- the first PC's book upload): an outcome is recorded once even when a
-- retried batch hears it again.
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    sequence INTEGER UNIQUE,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    salon_id TEXT NOT NULL,
    outcome TEXT NOT NULL,        -- 'conflict' or 'refused'
    reason TEXT NOT NULL,         -- docs/sync.md: 'stylist-busy', 'resource-full', ...
    message TEXT NOT NULL,        -- the server's sentence (English)
    local_op TEXT NOT NULL,       -- 'upsert' or 'remove'
    local_payload TEXT NOT NULL,  -- this PC's row as it was pushed ('' for a removal)
    server_payload TEXT,          -- the server's row, NULL when it has none
    server_version INTEGER,
    server_deleted INTEGER NOT NULL DEFAULT 0,
    detail TEXT NOT NULL,         -- the whole outcome as the server sent it (JSON)
    happened_at INTEGER NOT NULL, -- when the PC made the change (UTC seconds)
    recorded_at INTEGER NOT NULL,
    resolved_at INTEGER,          -- NULL while it waits for a person
    resolution TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conflicts_open ON conflicts (resolved_at, id);
