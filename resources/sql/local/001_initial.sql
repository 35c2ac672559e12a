-- Chairside local store, schema 1.
-- Tables that belong to a salon lead their keys and range indexes with
-- salon_id, so the same shapes distribute by salon on the server (Citus)
-- later. Ids (UUIDs) are also unique on their own: the app looks rows up by
-- id. Appointments are the exception, keyed by a local row (see there).
-- PRAGMA application_id "CHSD" marks the file as a Chairside store.
-- Statements end with ';' at the end of a line (the migration runner splits there).

PRAGMA application_id = 1128813380;

CREATE TABLE salons (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL DEFAULT '',
    opening_hours TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE staff (
    salon_id TEXT NOT NULL REFERENCES salons(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    colour TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (salon_id, id)
);
CREATE UNIQUE INDEX staff_by_id ON staff(id);

-- The services a stylist performs; segments_override is a JSON array of
-- segments replacing the service's own timing ('' when none).
CREATE TABLE staff_skills (
    salon_id TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    service_id TEXT NOT NULL,
    segments_override TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (salon_id, staff_id, position),
    FOREIGN KEY (salon_id, staff_id) REFERENCES staff(salon_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- segments: JSON array of {kind, minutes, resourceIds}; small and always read whole.
CREATE TABLE services (
    salon_id TEXT NOT NULL REFERENCES salons(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    price_cents INTEGER NOT NULL DEFAULT 0,
    segments TEXT NOT NULL DEFAULT '[]',
    buffer_after_minutes INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (salon_id, id)
);
CREATE UNIQUE INDEX services_by_id ON services(id);

CREATE TABLE resources (
    salon_id TEXT NOT NULL REFERENCES salons(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    count INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (salon_id, id)
);
CREATE UNIQUE INDEX resources_by_id ON resources(id);

-- name_key: the name case- and accent-folded; phone_digits: the phone's
-- digits only. Both are derived on write so search is a plain LIKE.
CREATE TABLE clients (
    salon_id TEXT NOT NULL REFERENCES salons(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    patch_test_date TEXT,
    no_show_count INTEGER NOT NULL DEFAULT 0,
    consent_sms INTEGER NOT NULL DEFAULT 0,
    consent_email INTEGER NOT NULL DEFAULT 0,
    consent_photos INTEGER NOT NULL DEFAULT 0,
    name_key TEXT NOT NULL DEFAULT '',
    phone_digits TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (salon_id, id)
);
CREATE UNIQUE INDEX clients_by_id ON clients(id);
CREATE INDEX clients_by_name ON clients(salon_id, name_key);
CREATE INDEX clients_by_phone ON clients(salon_id, phone_digits);

-- Weekly patterns. breaks: JSON array of [start, end] minutes.
CREATE TABLE shifts (
    salon_id TEXT NOT NULL,
    id TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    weekday INTEGER NOT NULL,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    breaks TEXT NOT NULL DEFAULT '[]',
    every_weeks INTEGER NOT NULL DEFAULT 1,
    anchor_date TEXT,
    valid_from TEXT,
    valid_until TEXT,
    PRIMARY KEY (salon_id, id),
    FOREIGN KEY (salon_id, staff_id) REFERENCES staff(salon_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX shifts_by_id ON shifts(id);
CREATE INDEX shifts_by_staff ON shifts(salon_id, staff_id);

CREATE TABLE shift_exceptions (
    salon_id TEXT NOT NULL,
    id TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    date TEXT NOT NULL,
    working INTEGER NOT NULL DEFAULT 0,
    start_minute INTEGER NOT NULL DEFAULT 0,
    end_minute INTEGER NOT NULL DEFAULT 0,
    breaks TEXT NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (salon_id, id),
    FOREIGN KEY (salon_id, staff_id) REFERENCES staff(salon_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX shift_exceptions_by_id ON shift_exceptions(id);
CREATE INDEX shift_exceptions_by_date ON shift_exceptions(salon_id, date);

CREATE TABLE time_off (
    salon_id TEXT NOT NULL,
    id TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (salon_id, id),
    FOREIGN KEY (salon_id, staff_id) REFERENCES staff(salon_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX time_off_by_id ON time_off(id);
CREATE INDEX time_off_by_start ON time_off(salon_id, starts_at);

CREATE TABLE standing_appointments (
    salon_id TEXT NOT NULL REFERENCES salons(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    client_id TEXT NOT NULL DEFAULT '',
    rrule TEXT NOT NULL DEFAULT '',
    first_starts_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (salon_id, id)
);
CREATE UNIQUE INDEX standing_appointments_by_id ON standing_appointments(id);

-- starts_at / ends_at: the whole visit's span (buffers included), kept so a
-- range read needs no join. In the three appointment tables, text that is
-- often empty is NULL instead of '' (binding '' cost as much as a value). Ids are UUIDs, unique on their own; `row` is a
-- local handle that lines and segments hang from, so a visit's parts sit
-- together and append in order (random UUIDs in every child key made bulk
-- writes three times slower). Sync and export only ever see `id`.
CREATE TABLE appointments (
    row INTEGER PRIMARY KEY,
    salon_id TEXT NOT NULL REFERENCES salons(id) ON DELETE CASCADE,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT,
    status TEXT NOT NULL,
    walk_in INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    deposit_cents INTEGER NOT NULL DEFAULT 0,
    overbooked INTEGER NOT NULL DEFAULT 0,
    overbook_reason TEXT,
    series_id TEXT,
    created_by TEXT,
    created_at INTEGER NOT NULL DEFAULT 0,
    changed_by TEXT,
    changed_at INTEGER NOT NULL DEFAULT 0,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL
);
CREATE INDEX appointments_by_start ON appointments(salon_id, starts_at);

CREATE TABLE appointment_lines (
    salon_id TEXT NOT NULL,
    appointment_row INTEGER NOT NULL REFERENCES appointments(row) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    service_id TEXT,
    staff_id TEXT,
    PRIMARY KEY (salon_id, appointment_row, position)
) WITHOUT ROWID;

-- salon_id and staff_id are copied from the line, so a stylist's segments can
-- be queried without a join. kind: 0 busy, 1 processing, 2 buffer.
-- resource_ids: JSON array (NULL when none).
-- No time index: ranges go through appointments(salon_id, starts_at) and
-- reach segments by their visit's row. An index on (salon_id, staff_id,
-- starts_at) cost a fifth of bulk-write time and no query used it; a later
-- migration can add it when one does.
CREATE TABLE appointment_segments (
    salon_id TEXT NOT NULL,
    appointment_row INTEGER NOT NULL,
    line_position INTEGER NOT NULL,
    position INTEGER NOT NULL,
    staff_id TEXT,
    kind INTEGER NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    resource_ids TEXT,
    PRIMARY KEY (salon_id, appointment_row, line_position, position),
    FOREIGN KEY (salon_id, appointment_row, line_position)
        REFERENCES appointment_lines(salon_id, appointment_row, position) ON DELETE CASCADE
) WITHOUT ROWID;

-- service_ids: JSON array.
CREATE TABLE waitlist (
    salon_id TEXT NOT NULL REFERENCES salons(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    client_id TEXT NOT NULL DEFAULT '',
    service_ids TEXT NOT NULL DEFAULT '[]',
    staff_id TEXT NOT NULL DEFAULT '',
    earliest TEXT,
    latest TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (salon_id, id)
);
CREATE UNIQUE INDEX waitlist_by_id ON waitlist(id);

-- Committed local changes waiting to be pushed, in commit order. payload is
-- the compact JSON of the row as written ('' for removals).
CREATE TABLE outbox (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    op TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    salon_id TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
