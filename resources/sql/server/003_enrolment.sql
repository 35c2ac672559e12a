-- Chairside server schema, version 3: enrolling, joining and revoking PCs
-- (docs/server.md, "Enrolling PCs").
-- An admin (the database owner, with CREATEROLE) enrols a PC: enrol_device()
-- makes the PC's own login role, a member of chairside_device, whose password
-- is a one-time secret valid for 24 hours, and its devices row. The PC joins
-- with that secret: claim_device() sets the password only the PC knows, lifts
-- the 24-hour limit and marks the code used. revoke_device() locks a PC out.
-- Passwords arrive as SCRAM verifiers made on the client
-- (PQencryptPasswordConn), so no password is ever sent to the server or
-- written to its logs.

-- code_expires_at: until when the PC may join; joined_at: when it did (the
-- code is then used); first_of_salon: the salon had no book and no other PC
-- when this one was enrolled, so this PC's first upload brings the salon.
ALTER TABLE devices
    ADD COLUMN code_expires_at timestamptz,
    ADD COLUMN joined_at timestamptz,
    ADD COLUMN first_of_salon boolean NOT NULL DEFAULT false;

CREATE FUNCTION enrol_device(p_salon_id text, p_name text, p_secret_verifier text,
                             OUT device_id uuid, OUT login_role name, OUT first_of_salon boolean,
                             OUT code_expires_at timestamptz)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
    AS $$
BEGIN
    IF coalesce(p_salon_id, '') = '' THEN
        RAISE EXCEPTION 'a salon id is needed' USING ERRCODE = '22023';
    END IF;
    IF p_secret_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'the one-time secret must come as a SCRAM verifier' USING ERRCODE = '22023';
    END IF;
    device_id := gen_random_uuid();
    login_role := 'chairside_pc_' || replace(device_id::text, '-', '');
    code_expires_at := now() + interval '24 hours';
    -- A salon not on the server yet gets its clock now (devices refers to
    -- it); its salons row comes with its first PC's first upload. The row
    -- lock makes two enrolments of one salon take turns.
    INSERT INTO salon_clock (salon_id) VALUES (p_salon_id) ON CONFLICT (salon_id) DO NOTHING;
    PERFORM 1 FROM salon_clock WHERE salon_id = p_salon_id FOR UPDATE;
    first_of_salon := NOT EXISTS (SELECT FROM salons s WHERE s.salon_id = p_salon_id)
        AND NOT EXISTS (SELECT FROM devices d WHERE d.salon_id = p_salon_id AND d.revoked_at IS NULL);
    EXECUTE format('CREATE ROLE %I LOGIN IN ROLE chairside_device PASSWORD %L VALID UNTIL %L',
                   login_role, p_secret_verifier, code_expires_at);
    INSERT INTO devices (salon_id, device_id, name, login_role, code_expires_at, first_of_salon)
        VALUES (p_salon_id, device_id, coalesce(p_name, ''), login_role, code_expires_at,
                first_of_salon);
END
$$;
REVOKE EXECUTE ON FUNCTION enrol_device(text, text, text) FROM PUBLIC;

-- Called by the PC, logged in with the one-time secret. SECURITY DEFINER: a
-- role may change its own password but not its VALID UNTIL; the owner (who
-- has CREATEROLE) does both. Errors carry SQLSTATEs of Chairside's own
-- (class CS) so the PC can say which rule refused it.
CREATE FUNCTION claim_device(p_password_verifier text,
                             OUT device_id uuid, OUT salon_id text, OUT first_of_salon boolean)
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public
    AS $$
DECLARE
    d devices;
BEGIN
    SELECT * INTO d FROM devices WHERE devices.login_role = session_user FOR UPDATE;
    IF NOT FOUND THEN
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
    EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', session_user,
                   p_password_verifier, 'infinity');
    UPDATE devices SET joined_at = now() WHERE devices.device_id = d.device_id;
    device_id := d.device_id;
    salon_id := d.salon_id;
    first_of_salon := d.first_of_salon;
END
$$;
REVOKE EXECUTE ON FUNCTION claim_device(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_device(text) TO chairside_device;

-- Run by the admin. The PC's login stops working (NOLOGIN, no password) and
-- device_salon() gives nothing for it once this commits. The admin becomes a
-- member of the PC's role so that it may then end the PC's open sessions
-- (pg_terminate_backend needs that, or pg_signal_backend, which only a
-- superuser can grant). Revoking twice changes nothing more.
CREATE FUNCTION revoke_device(p_device_id uuid,
                              OUT login_role name, OUT salon_id text, OUT name text,
                              OUT revoked_at timestamptz)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
    AS $$
BEGIN
    UPDATE devices d SET revoked_at = coalesce(d.revoked_at, now())
        WHERE d.device_id = p_device_id
        RETURNING d.login_role, d.salon_id, d.name, d.revoked_at
        INTO login_role, salon_id, name, revoked_at;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no PC with this id is enrolled' USING ERRCODE = 'CS005';
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = login_role) THEN
        EXECUTE format('ALTER ROLE %I NOLOGIN PASSWORD NULL', login_role);
        IF NOT pg_has_role(current_user, login_role, 'USAGE') THEN
            EXECUTE format('GRANT %I TO %I', login_role, current_user);
        END IF;
    END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION revoke_device(uuid) FROM PUBLIC;

-- After revoke_device() has committed: ends the PC's open sessions, waiting
-- up to 5 seconds for each to go. Returns how many were ended.
CREATE FUNCTION end_device_sessions(p_login_role name) RETURNS integer
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
    AS $$
DECLARE
    session record;
    ended integer := 0;
BEGIN
    -- One by one: a single query could call pg_terminate_backend() on
    -- other processes before filtering by login.
    FOR session IN SELECT pid FROM pg_stat_activity WHERE usename = p_login_role LOOP
        IF pg_terminate_backend(session.pid, 5000) THEN
            ended := ended + 1;
        END IF;
    END LOOP;
    RETURN ended;
END
$$;
REVOKE EXECUTE ON FUNCTION end_device_sessions(name) FROM PUBLIC;
