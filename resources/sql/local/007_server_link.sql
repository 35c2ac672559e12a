-- Chairside local store, schema 7: the link to the salon's server, written
-- by "chairside-cli join" and read by the sync engine. At most one row. The
-- PC's password is never here: it is in the OS keychain (docs/server.md).
CREATE TABLE server_link (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    url TEXT NOT NULL,                -- the server's address, without password
    device_id TEXT NOT NULL,
    login_role TEXT NOT NULL,
    salon_id TEXT NOT NULL,
    first_of_salon INTEGER NOT NULL,  -- this PC's first upload brings the salon
    joined_at INTEGER NOT NULL        -- UTC seconds
);
