-- Chairside server schema, version 1: the shared book of the salons on this
-- database. docs/server.md explains the shape and the reasons.
-- Every key and index leads with salon_id, so the salon tables can be
-- distributed by salon (Citus) without changing a key.
-- Every book row carries version (from the salon's clock, in commit order),
-- deleted (a tombstone, so a PC that was offline learns of the removal) and
-- updated_at. Columns hold what the database's rules, keys and queries use;
-- details (jsonb) holds the rest of the row under the names of the domain's
-- toJson(), so a new field on the PCs needs no server migration.
-- Statements end with ';' at the end of a line, outside $$ bodies (the
-- migration runner splits there).

-- The exclusion constraint on a stylist's busy time mixes = and &&.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Which migrations this database has had; ServerSchema reads the highest.
CREATE TABLE schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- Made once with the database. A database restored from a backup must get a
-- new epoch (docs/server.md), and a PC that sees another epoch resyncs fully.
CREATE TABLE server_epoch (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    epoch uuid NOT NULL DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO server_epoch DEFAULT VALUES;

-- The salon's clock: next_version() bumps it inside the writing transaction.
-- The row lock it takes makes version order commit order (SYNC.md 1).
CREATE TABLE salon_clock (
    salon_id text PRIMARY KEY,
    version bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION next_version(p_salon_id text) RETURNS bigint
    LANGUAGE sql
    SET search_path = pg_catalog, public
    AS $$ UPDATE salon_clock SET version = version + 1 WHERE salon_id = p_salon_id RETURNING version $$;
REVOKE EXECUTE ON FUNCTION next_version(text) FROM PUBLIC;

-- Each PC has its own login role, mapped here to its salon (row-level
-- security reads it). A revoked PC keeps its row, for the audit trail.
CREATE TABLE devices (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    device_id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL DEFAULT '',
    login_role name NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    PRIMARY KEY (salon_id, device_id)
);

-- Every mutation a PC pushed, keyed by (device, sequence): the apply
-- functions record it with the change, in one transaction, and answer a
-- retry with the stored outcome (SYNC.md 4). A device belongs to one salon,
-- so the key leading with salon_id is as unique as (device_id, sequence).
CREATE TABLE applied_mutations (
    salon_id text NOT NULL,
    device_id uuid NOT NULL,
    sequence bigint NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('applied', 'conflict', 'refused')),
    detail jsonb NOT NULL DEFAULT '{}',
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (salon_id, device_id, sequence),
    FOREIGN KEY (salon_id, device_id) REFERENCES devices (salon_id, device_id)
);

-- details: opening hours and the patch-test window.
CREATE TABLE salons (
    salon_id text PRIMARY KEY REFERENCES salon_clock (salon_id),
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL DEFAULT '',
    time_zone text NOT NULL DEFAULT '',
    details jsonb NOT NULL DEFAULT '{}'
);

-- details: name, role, colour, active, skills.
CREATE TABLE staff (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id)
);
CREATE INDEX staff_by_version ON staff (salon_id, version);

-- details: name, category, price, segments, buffer, rebooking, patch test.
CREATE TABLE services (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id)
);
CREATE INDEX services_by_version ON services (salon_id, version);

-- count is a column: the apply functions refuse a booking beyond it.
CREATE TABLE resources (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    count integer NOT NULL DEFAULT 1 CHECK (count >= 0),
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id)
);
CREATE INDEX resources_by_version ON resources (salon_id, version);

-- details: name, phone, e-mail, notes, patch test, no-shows, consents. The
-- server never searches clients: every PC has them all and searches locally.
CREATE TABLE clients (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id)
);
CREATE INDEX clients_by_version ON clients (salon_id, version);

-- status and times are columns: the apply functions check status moves and
-- changes of time against the base version. starts_at / ends_at: the whole
-- visit. details: walk-in, notes, deposit, overbooking, series, cancel
-- reason, who made and changed it and when (on that PC's clock).
-- References to clients, staff and services are not foreign keys: a row
-- they name may be tombstoned, or arrive later in the same push.
CREATE TABLE appointments (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    client_id text,
    status text NOT NULL CHECK (status IN ('booked', 'confirmed', 'arrived', 'in-service', 'completed', 'cancelled', 'no-show')),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id),
    CHECK (starts_at <= ends_at)
);
CREATE INDEX appointments_by_version ON appointments (salon_id, version);
CREATE INDEX appointments_by_start ON appointments (salon_id, starts_at);

-- A visit's services, written with their appointment (same version, same
-- tombstone) and replaced whole when it changes.
CREATE TABLE appointment_lines (
    salon_id text NOT NULL,
    appointment_id text NOT NULL,
    position integer NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    id text NOT NULL,
    service_id text,
    staff_id text,
    PRIMARY KEY (salon_id, appointment_id, position),
    FOREIGN KEY (salon_id, appointment_id) REFERENCES appointments (salon_id, id) ON DELETE CASCADE
);
CREATE INDEX appointment_lines_by_version ON appointment_lines (salon_id, version);

-- The spans of each line. holds_time: the segment keeps its stylist from
-- other clients. The apply functions set it false for processing time (the
-- stylist is free while colour develops), for a cancelled or no-show visit,
-- and for a booking a manager overbooked knowingly. The exclusion constraint
-- then refuses two segments that hold the same stylist at once (SQLSTATE
-- 23P01), whichever PCs booked them: the database is the referee (SYNC.md 9).
-- '[)': a segment ending at 10:00 and one starting at 10:00 do not overlap.
CREATE TABLE appointment_segments (
    salon_id text NOT NULL,
    appointment_id text NOT NULL,
    line_position integer NOT NULL,
    position integer NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    staff_id text,
    kind text NOT NULL CHECK (kind IN ('busy', 'processing', 'buffer')),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    holds_time boolean NOT NULL,
    resource_ids text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, appointment_id, line_position, position),
    FOREIGN KEY (salon_id, appointment_id, line_position)
        REFERENCES appointment_lines (salon_id, appointment_id, position) ON DELETE CASCADE,
    CHECK (starts_at <= ends_at),
    CONSTRAINT appointment_segments_stylist_free EXCLUDE USING gist (
        salon_id WITH =, staff_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (NOT deleted AND holds_time)
);
CREATE INDEX appointment_segments_by_version ON appointment_segments (salon_id, version);

-- Row-level security. Every PC's login role is a member of chairside_device
-- (roles belong to the whole cluster, so it may exist already). The group
-- may read the book; it has no INSERT, UPDATE or DELETE on any table: PCs
-- write only through the apply functions (SYNC.md 10). Table owners bypass
-- the policies: the admin and those SECURITY DEFINER functions see all.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'chairside_device') THEN
        CREATE ROLE chairside_device NOLOGIN;
    END IF;
END
$$;

-- The salon of the PC logged in: NULL for any other role, and for a revoked
-- PC, so the policies below show them nothing.
CREATE FUNCTION device_salon() RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
    AS $$ SELECT salon_id FROM devices WHERE login_role = current_user AND revoked_at IS NULL $$;

GRANT SELECT ON schema_migrations, server_epoch TO chairside_device;
GRANT SELECT ON salon_clock, devices, applied_mutations, salons, staff, services, resources, clients, appointments, appointment_lines, appointment_segments TO chairside_device;

ALTER TABLE devices ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_device ON devices FOR SELECT TO chairside_device USING (login_role = current_user);

ALTER TABLE salon_clock ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON salon_clock FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE applied_mutations ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON applied_mutations FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE salons ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON salons FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON staff FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE services ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON services FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE resources ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON resources FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON clients FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE appointments ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON appointments FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE appointment_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON appointment_lines FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE appointment_segments ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON appointment_segments FOR SELECT TO chairside_device USING (salon_id = device_salon());
