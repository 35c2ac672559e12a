-- Chairside server schema, version 7: PCs that share pooled server
-- connections (docs/server.md, "Many PCs").
-- Statements end with ';' at the end of a line, outside $$ bodies.
--
-- PgBouncer keeps a pool per (database, login), so PCs that each log in to
-- the server as themselves never share a server connection. Behind
-- PgBouncer, each PC still logs in to PgBouncer as itself (auth_query reads
-- its SCRAM verifier, so a revoked PC, NOLOGIN, cannot), but PgBouncer logs
-- in to the server as one shared login for all of them (its [databases]
-- entry forces `user=chairside_pool`). The server then cannot tell the PCs
-- apart by their login: each PC proves who it is in every transaction with
-- its device key, a secret derived from its password that only the PC
-- knows, sent as a bind parameter (never in the SQL text; docs/server.md
-- says how to keep parameters out of the server's logs). The server keeps
-- only the key's SHA-256.
--
-- A PC's own login keeps working as before: the login decides, and a key
-- sent with it changes nothing.

-- The shared login. Roles belong to the whole cluster, so it may exist
-- already. It starts NOLOGIN: the admin gives it LOGIN and a password for
-- PgBouncer (docs/server.md). As a member of chairside_device it has a PC's
-- rights, and row-level security shows it nothing without a key.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'chairside_pool') THEN
        CREATE ROLE chairside_pool NOLOGIN IN ROLE chairside_device;
    ELSIF NOT pg_has_role('chairside_pool', 'chairside_device', 'MEMBER') THEN
        GRANT chairside_device TO chairside_pool;
    END IF;
END
$$;

-- The SHA-256 of the PC's device key (hex): the one-time secret's key at
-- enrolment (DeviceEnrolment, as the owner), then the PC's own key, set by
-- its claim or under its own login (set_device_key). Unique: one key names
-- one PC.
ALTER TABLE devices ADD COLUMN key_hash text UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$');

-- The PC whose device key this transaction carries (the setting
-- chairside.device_key, set by the keyed functions below), revoked or not;
-- NULL without a key, or with one the server does not know. SECURITY
-- DEFINER: the devices row of another login is hidden from the caller by
-- row-level security, and this shows only the one whose key the caller
-- holds. A key shorter than 32 characters is no key.
CREATE FUNCTION keyed_device() RETURNS devices
    LANGUAGE plpgsql STABLE
    SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
DECLARE
    v_key text := current_setting('chairside.device_key', true);
    d devices;
BEGIN
    IF v_key IS NULL OR length(v_key) < 32 THEN
        RETURN NULL;
    END IF;
    SELECT * INTO d FROM devices WHERE key_hash = encode(sha256(convert_to(v_key, 'UTF8')), 'hex');
    RETURN d;
END
$$;
REVOKE EXECUTE ON FUNCTION keyed_device() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION keyed_device() TO chairside_device;

-- The calling PC's salon: by its login when the login is a PC's own, else
-- by the transaction's device key; never a revoked PC's. One indexed
-- lookup (two behind the pool); the policies call it once per statement.
CREATE OR REPLACE FUNCTION device_salon() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
DECLARE
    d devices;
BEGIN
    SELECT * INTO d FROM devices WHERE login_role = current_user;
    IF NOT FOUND THEN
        d := keyed_device();
    END IF;
    RETURN CASE WHEN d.revoked_at IS NULL THEN d.salon_id END;
END
$$;

-- The PC calling push_mutations and upload_book (SECURITY DEFINER, so by
-- session_user): its own login, or behind the pool its device key. Never a
-- salon or device the caller names.
CREATE OR REPLACE FUNCTION calling_device() RETURNS devices
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
DECLARE
    d devices;
BEGIN
    SELECT * INTO d FROM devices WHERE login_role = session_user;
    IF NOT FOUND THEN
        d := keyed_device();
    END IF;
    IF d.device_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('The login %s is not an enrolled Chairside PC, and this transaction carries no device key the server knows.',
                             session_user);
    END IF;
    IF d.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('This PC (%s) was removed from the salon on %s. A manager can enrol it again.',
                             d.name, to_char(d.revoked_at, 'YYYY-MM-DD'));
    END IF;
    RETURN d;
END
$$;

-- A PC, under its own login, tells the server its device key (the server
-- keeps its SHA-256). Run again with the same key it changes nothing.
CREATE FUNCTION set_device_key(p_key text) RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
DECLARE
    d devices;
    v_hash text;
BEGIN
    SELECT * INTO d FROM devices WHERE login_role = session_user FOR UPDATE;
    IF NOT FOUND OR d.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('The login %s is not an enrolled Chairside PC (or it was removed), so it has no device key.',
                             session_user);
    END IF;
    IF p_key IS NULL OR length(p_key) < 32 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'A device key has at least 32 characters.';
    END IF;
    v_hash := encode(sha256(convert_to(p_key, 'UTF8')), 'hex');
    UPDATE devices SET key_hash = v_hash
        WHERE device_id = d.device_id AND key_hash IS DISTINCT FROM v_hash;
END
$$;
REVOKE EXECUTE ON FUNCTION set_device_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION set_device_key(text) TO chairside_device;

-- The PC's entry points with its device key: each puts the key in the
-- transaction (set_config(..., true): gone at commit) and then does what
-- the function without a key does. book_head(key) comes first in a pull's
-- statement, so book_changes() after it in the same statement (or
-- transaction) reads as the PC.
CREATE FUNCTION book_head(p_device_key text) RETURNS TABLE (epoch uuid, version bigint, purged bigint)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM set_config('chairside.device_key', coalesce(p_device_key, ''), true);
    IF device_salon() IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('The server knows no Chairside PC of a salon by the login %s or by this PC''s device key (not enrolled, or removed from its salon).',
                             session_user);
    END IF;
    RETURN QUERY SELECT h.epoch, h.version, h.purged FROM book_head() h;
END
$$;

CREATE FUNCTION push_mutations(p_mutations jsonb, p_device_key text) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM set_config('chairside.device_key', coalesce(p_device_key, ''), true);
    RETURN push_mutations(p_mutations);
END
$$;

CREATE FUNCTION upload_book(p_rows jsonb, p_finished boolean, p_device_key text) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM set_config('chairside.device_key', coalesce(p_device_key, ''), true);
    RETURN upload_book(p_rows, p_finished);
END
$$;

CREATE FUNCTION book_history(p_entity text, p_id text, p_device_key text)
    RETURNS TABLE (received_at timestamptz, happened_at timestamptz, changed_by text,
                   device_id uuid, device_name text, outcome text, version bigint, changes jsonb)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM set_config('chairside.device_key', coalesce(p_device_key, ''), true);
    RETURN QUERY SELECT * FROM book_history(p_entity, p_id);
END
$$;

-- This PC's name, by its login or its key.
CREATE FUNCTION device_name(p_device_key text) RETURNS text
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM set_config('chairside.device_key', coalesce(p_device_key, ''), true);
    RETURN coalesce((SELECT name FROM devices WHERE login_role = session_user),
                    (SELECT d.name FROM keyed_device() d WHERE d.revoked_at IS NULL), '');
END
$$;

-- The salon's book upload, if one started: whether this PC started it, and
-- whether it finished (a PC whose answer to its last upload was lost).
CREATE FUNCTION book_upload(p_device_key text) RETURNS TABLE (by_this_pc boolean, finished boolean)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM set_config('chairside.device_key', coalesce(p_device_key, ''), true);
    RETURN QUERY
        SELECT u.device_id = coalesce((SELECT d.device_id FROM devices d WHERE d.login_role = session_user),
                                      (keyed_device()).device_id),
               u.finished_at IS NOT NULL
        FROM book_uploads u;
END
$$;

REVOKE EXECUTE ON FUNCTION book_head(text), push_mutations(jsonb, text), upload_book(jsonb, boolean, text),
    book_history(text, text, text), device_name(text), book_upload(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION book_head(text), push_mutations(jsonb, text), upload_book(jsonb, boolean, text),
    book_history(text, text, text), device_name(text), book_upload(text) TO chairside_device;

-- The policies ask for the salon once per statement (an InitPlan), not once
-- per row: device_salon() now hashes a key behind the pool.
ALTER POLICY own_device ON devices
    USING (login_role = current_user
           OR device_id = (SELECT k.device_id FROM keyed_device() k WHERE k.revoked_at IS NULL));
ALTER POLICY own_salon ON salon_clock USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON applied_mutations USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON salons USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON staff USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON services USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON resources USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON clients USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON appointments USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON appointment_lines USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON appointment_segments USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON shifts USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON shift_exceptions USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON time_off USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON standing_appointments USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON waitlist USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON audit_log USING (salon_id = (SELECT device_salon()));
ALTER POLICY own_salon ON book_uploads USING (salon_id = (SELECT device_salon()));

-- Joining through a shared pool. An admin enrols a PC as before, and the
-- enrolment also keeps the SHA-256 of the key derived from its one-time
-- secret (DeviceEnrolment sets key_hash as the owner), so that the PC,
-- logged in to PgBouncer with that secret, can say who it is. The PC's
-- enrolment, by its login or that key.
CREATE FUNCTION joining_device(p_device_key text)
    RETURNS TABLE (device_id uuid, salon_id text, name text, salon_name text)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM set_config('chairside.device_key', coalesce(p_device_key, ''), true);
    RETURN QUERY
        SELECT d.device_id, d.salon_id, d.name, s.name
        FROM devices d LEFT JOIN salons s ON s.salon_id = d.salon_id
        WHERE d.device_id = coalesce((SELECT o.device_id FROM devices o WHERE o.login_role = session_user),
                                     (keyed_device()).device_id);
END
$$;

-- claim_device() of version 3 for a PC known by its login or, behind the
-- shared pool, by the key of its one-time secret (p_device_key); it also
-- keeps the SHA-256 of the PC's new device key (derived from its new
-- password), which replaces the secret's.
CREATE FUNCTION claim_device(p_password_verifier text, p_new_device_key text, p_device_key text,
                             OUT device_id uuid, OUT salon_id text, OUT first_of_salon boolean)
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public
    AS $$
DECLARE
    d devices;
BEGIN
    PERFORM set_config('chairside.device_key', coalesce(p_device_key, ''), true);
    SELECT * INTO d FROM devices WHERE devices.login_role = session_user FOR UPDATE;
    IF NOT FOUND THEN
        SELECT * INTO d FROM devices WHERE devices.device_id = (keyed_device()).device_id FOR UPDATE;
    END IF;
    IF d.device_id IS NULL THEN
        RAISE EXCEPTION 'this login is not an enrolled Chairside PC' USING ERRCODE = 'CS001';
    END IF;
    IF d.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION 'this PC has been revoked' USING ERRCODE = 'CS002';
    END IF;
    IF d.joined_at IS NOT NULL THEN
        RAISE EXCEPTION 'this enrolment code has been used' USING ERRCODE = 'CS003';
    END IF;
    IF d.code_expires_at IS NULL OR d.code_expires_at < now() THEN
        RAISE EXCEPTION 'this enrolment code has expired' USING ERRCODE = 'CS004';
    END IF;
    IF p_password_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'the password must come as a SCRAM verifier' USING ERRCODE = '22023';
    END IF;
    IF p_new_device_key IS NULL OR length(p_new_device_key) < 32 THEN
        RAISE EXCEPTION 'A device key has at least 32 characters.' USING ERRCODE = '22023';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', d.login_role,
                   p_password_verifier, 'infinity');
    UPDATE devices SET joined_at = now(),
                       key_hash = encode(sha256(convert_to(p_new_device_key, 'UTF8')), 'hex')
        WHERE devices.device_id = d.device_id;
    device_id := d.device_id;
    salon_id := d.salon_id;
    first_of_salon := d.first_of_salon;
END
$$;
REVOKE EXECUTE ON FUNCTION joining_device(text), claim_device(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION joining_device(text), claim_device(text, text, text) TO chairside_device;
