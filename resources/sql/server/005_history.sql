-- Chairside server schema, version 5: an appointment's audit trail as a PC
-- reads it, with the names of the PCs that made each change (issue 9: the
-- History tab and `chairside-cli history`). Before this a PC saw only its
-- own row of `devices` (row-level security), so every other PC showed as
-- its id.
-- Statements end with ';' at the end of a line, outside $$ bodies.

-- The calling PC's salon's PCs: their ids and names only (not their
-- logins). A view runs with its owner's rights on `devices`, so the
-- own_device policy does not hide the salon's other PCs; the condition here
-- keeps every other salon's out. device_salon() still sees the caller
-- (current_user is the PC's login inside a view).
CREATE VIEW salon_devices WITH (security_barrier) AS
    SELECT d.salon_id, d.device_id, d.name FROM devices d WHERE d.salon_id = device_salon();
GRANT SELECT ON salon_devices TO chairside_device;

-- One row's audit trail, oldest first: who, which PC (its name; empty when
-- it has none), when it happened on that PC, when the server got it, the
-- outcome, the version and what changed ({field: [old, new]}). Runs as the
-- PC: row-level security on audit_log keeps it in its salon.
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
