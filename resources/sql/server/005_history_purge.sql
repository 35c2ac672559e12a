-- Chairside server schema, version 5: the history names the PC, and old
-- tombstones and records can be purged (docs/server.md, "Purging").
-- Statements end with ';' at the end of a line, outside $$ bodies.

-- The newest version purged from the salon's book (a tombstone, or an audit
-- row the apply functions read to tell a stale edit). A PC whose cursor is
-- below it may have missed a removal, so it takes the whole book again
-- (SYNC.md 3); book_head() tells it.
ALTER TABLE salon_clock ADD COLUMN purged_version bigint NOT NULL DEFAULT 0;

-- book_head() of version 4 with the purge horizon: the return type changes,
-- so it is made anew (nothing else refers to it).
DROP FUNCTION book_head();
CREATE FUNCTION book_head() RETURNS TABLE (epoch uuid, version bigint, purged bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
DECLARE
    v_salon text := device_salon();
BEGIN
    IF v_salon IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('The login %s is not a Chairside PC of any salon (not enrolled, or removed from its salon).',
                             session_user);
    END IF;
    RETURN QUERY SELECT e.epoch,
                        coalesce((SELECT c.version FROM salon_clock c WHERE c.salon_id = v_salon), 0),
                        coalesce((SELECT c.purged_version FROM salon_clock c WHERE c.salon_id = v_salon), 0)
        FROM server_epoch e;
END
$$;
REVOKE EXECUTE ON FUNCTION book_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION book_head() TO chairside_device;

-- The calling PC's salon's PCs: their ids and names only (not their
-- logins). A view runs with its owner's rights on `devices`, so the
-- own_device policy does not hide the salon's other PCs; the condition here
-- keeps every other salon's out. device_salon() still sees the caller
-- (current_user is the PC's login inside a view).
CREATE VIEW salon_devices WITH (security_barrier) AS
    SELECT d.salon_id, d.device_id, d.name FROM devices d WHERE d.salon_id = device_salon();
GRANT SELECT ON salon_devices TO chairside_device;

-- One row's audit trail, oldest first: who, which PC (its id and its name;
-- the name empty when it has none), when it happened on that PC, when the
-- server got it, the outcome, the version and what changed ({field: [old,
-- new]}). Runs as the PC: row-level security on audit_log keeps it in its
-- salon, and the names of the salon's other PCs come through salon_devices.
CREATE FUNCTION book_history(p_entity text, p_id text)
    RETURNS TABLE (received_at timestamptz, happened_at timestamptz, changed_by text,
                   device_id uuid, device_name text, outcome text, version bigint, changes jsonb)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    SELECT a.received_at, a.happened_at, a.changed_by, a.device_id, coalesce(d.name, ''),
           a.outcome, a.version, a.changes
    FROM audit_log a
    LEFT JOIN salon_devices d ON d.salon_id = a.salon_id AND d.device_id = a.device_id
    WHERE a.salon_id = device_salon() AND a.entity = p_entity AND a.entity_id = p_id
    ORDER BY a.entry_id
$$;
REVOKE EXECUTE ON FUNCTION book_history(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION book_history(text, text) TO chairside_device;

-- Purging, by an admin (the database owner; PCs may not): tombstones, the
-- (device, sequence) records and the audit rows older than p_older_than go.
-- Never less than 90 days, the longest offline period a salon is promised
-- (SYNC.md 3): a PC keeps its acknowledged changes that long to push them
-- again after a restore (docs/sync.md), and the records must still be
-- here to say they were applied. Each salon's clock remembers the newest
-- version purged; a PC behind it resyncs fully. Returns what went, per
-- salon.
CREATE FUNCTION purge_book(p_older_than interval)
    RETURNS TABLE (salon_id text, tombstones bigint, records bigint, audit_rows bigint, purged_version bigint)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
#variable_conflict use_column
DECLARE
    v_before timestamptz := now() - p_older_than;
    v_table text;
BEGIN
    IF p_older_than IS NULL OR p_older_than < interval '90 days' THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('Purging keeps at least 90 days (the longest a PC may be offline); %s is too short.',
                             coalesce(p_older_than::text, 'no age'));
    END IF;
    CREATE TEMP TABLE IF NOT EXISTS purged (salon_id text, kind text, version bigint) ON COMMIT DROP;
    TRUNCATE purged;
    -- A visit's lines and segments go with it (ON DELETE CASCADE).
    FOREACH v_table IN ARRAY ARRAY['staff', 'services', 'resources', 'clients', 'shifts',
                                   'shift_exceptions', 'time_off', 'standing_appointments',
                                   'waitlist', 'appointments'] LOOP
        EXECUTE format('WITH gone AS (DELETE FROM %I WHERE deleted AND updated_at < $1 '
                       'RETURNING salon_id, version) '
                       'INSERT INTO purged SELECT salon_id, ''tombstone'', version FROM gone', v_table)
            USING v_before;
    END LOOP;
    -- Lines and segments of visits that are still there: written anew with
    -- the visit, so no tombstone of theirs is left; any old one goes too.
    DELETE FROM appointment_segments s WHERE s.deleted AND s.updated_at < v_before;
    DELETE FROM appointment_lines l WHERE l.deleted AND l.updated_at < v_before;
    WITH gone AS (DELETE FROM audit_log a WHERE a.received_at < v_before RETURNING a.salon_id, a.version)
        INSERT INTO purged SELECT g.salon_id, 'audit', g.version FROM gone g;
    WITH gone AS (DELETE FROM applied_mutations m WHERE m.applied_at < v_before RETURNING m.salon_id)
        INSERT INTO purged SELECT g.salon_id, 'record', NULL FROM gone g;
    UPDATE salon_clock c SET purged_version = greatest(c.purged_version, p.newest)
        FROM (SELECT p.salon_id, max(p.version) AS newest FROM purged p GROUP BY p.salon_id) p
        WHERE c.salon_id = p.salon_id AND p.newest IS NOT NULL;
    RETURN QUERY
        SELECT p.salon_id, count(*) FILTER (WHERE p.kind = 'tombstone'),
               count(*) FILTER (WHERE p.kind = 'record'), count(*) FILTER (WHERE p.kind = 'audit'),
               (SELECT c.purged_version FROM salon_clock c WHERE c.salon_id = p.salon_id)
        FROM purged p GROUP BY p.salon_id ORDER BY p.salon_id;
END
$$;
REVOKE EXECUTE ON FUNCTION purge_book(interval) FROM PUBLIC;
