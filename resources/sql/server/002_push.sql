-- Chairside server schema, version 2: pushing (issue 9). The rest of the
-- book, an audit log, and the functions a PC writes through:
-- push_mutations (its outbox, a batch at a time) and upload_book (the first
-- PC's whole book, once). docs/sync.md defines the JSON they take and give.
-- Statements end with ';' at the end of a line, outside $$ bodies.

-- The book rows the PCs had and the server lacked, in the shape of the others.
-- staff_id, dates and times are columns: the book is read by stylist and day.
-- details: breaks, weekday, minutes, every-n-weeks, anchor and validity.
CREATE TABLE shifts (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    staff_id text NOT NULL,
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id)
);
CREATE INDEX shifts_by_version ON shifts (salon_id, version);

-- date may be NULL: a PC's row round-trips even when it has none.
-- details: working, minutes, breaks, reason.
CREATE TABLE shift_exceptions (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    staff_id text NOT NULL,
    date date,
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id)
);
CREATE INDEX shift_exceptions_by_version ON shift_exceptions (salon_id, version);

-- details: reason.
CREATE TABLE time_off (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    staff_id text NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id)
);
CREATE INDEX time_off_by_version ON time_off (salon_id, version);

-- details: the rule (RRULE) and the first visit's start.
CREATE TABLE standing_appointments (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    client_id text,
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id)
);
CREATE INDEX standing_appointments_by_version ON standing_appointments (salon_id, version);

-- details: services, stylist, earliest and latest date, notes, created at.
CREATE TABLE waitlist (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    client_id text,
    details jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, id)
);
CREATE INDEX waitlist_by_version ON waitlist (salon_id, version);

-- Who changed what, for people: one row per pushed mutation, whatever its
-- outcome. happened_at is the PC's own time of the change (an edit made
-- offline on Tuesday says Tuesday), received_at the server's. changes:
-- {field: [old, new]} over the domain's JSON of the row. The apply
-- functions also read it back: whether another PC changed a row after a
-- mutation's base version, and what a field was at that base.
CREATE TABLE audit_log (
    salon_id text NOT NULL REFERENCES salon_clock (salon_id),
    entry_id bigint GENERATED ALWAYS AS IDENTITY,
    device_id uuid NOT NULL,
    sequence bigint,
    changed_by text NOT NULL DEFAULT '',
    happened_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    entity text NOT NULL,
    entity_id text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('applied', 'conflict', 'refused')),
    version bigint,
    changes jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (salon_id, entry_id),
    FOREIGN KEY (salon_id, device_id) REFERENCES devices (salon_id, device_id)
);
CREATE INDEX audit_log_by_row ON audit_log (salon_id, entity, entity_id, version);

-- The first PC's upload of its whole book (upload_book): who, and whether
-- it has finished. Only a salon with no book rows may start one.
CREATE TABLE book_uploads (
    salon_id text PRIMARY KEY REFERENCES salon_clock (salon_id),
    device_id uuid NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    FOREIGN KEY (salon_id, device_id) REFERENCES devices (salon_id, device_id)
);

-- The resource count check looks for segments using a resource at a time;
-- only the few segments with resources are indexed.
CREATE INDEX appointment_segments_with_resources ON appointment_segments
    USING gist (salon_id, tstzrange(starts_at, ends_at, '[)'))
    WHERE NOT deleted AND holds_time AND resource_ids <> '{}';

GRANT SELECT ON shifts, shift_exceptions, time_off, standing_appointments, waitlist, audit_log, book_uploads TO chairside_device;

ALTER TABLE shifts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON shifts FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE shift_exceptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON shift_exceptions FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE time_off ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON time_off FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE standing_appointments ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON standing_appointments FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE waitlist ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON waitlist FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON audit_log FOR SELECT TO chairside_device USING (salon_id = device_salon());
ALTER TABLE book_uploads ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_salon ON book_uploads FOR SELECT TO chairside_device USING (salon_id = device_salon());

-- ---------------------------------------------------------------------------
-- Helpers of the apply functions. They belong to the owner and PUBLIC may not
-- run them: a PC reaches them only through push_mutations and upload_book.

-- Instants as the domain's toJson() writes them ("2026-12-01T10:00:00Z"),
-- so a row read back compares equal to what a PC sent. STABLE, as to_char
-- is, and without SET search_path (like the other small pure functions
-- below), so PostgreSQL can inline it; these use only pg_catalog, which is
-- always searched first.
CREATE FUNCTION iso_instant(t timestamptz) RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') $$;

-- NULL for anything that is not an instant, where a cast would abort.
CREATE FUNCTION try_instant(t text) RETURNS timestamptz
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog
AS $$
BEGIN
    RETURN t::timestamptz;
EXCEPTION WHEN data_exception THEN
    RETURN NULL;
END
$$;

-- A time as the salon's front desk reads it, for the reasons given to
-- people; UTC when the salon has no (valid) time zone.
CREATE FUNCTION salon_time(p_salon text, t timestamptz, p_format text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
DECLARE
    zone text := (SELECT nullif(time_zone, '') FROM salons WHERE salon_id = p_salon);
BEGIN
    RETURN to_char(t AT TIME ZONE coalesce(zone, 'UTC'), p_format);
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN to_char(t AT TIME ZONE 'UTC', p_format) || ' UTC';
END
$$;

-- Appointment::canMoveStatus, so the server refuses the same moves a PC does.
CREATE FUNCTION can_move_status(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
AS $$
    SELECT p_from <> p_to
        AND p_from NOT IN ('completed', 'cancelled', 'no-show')
        AND CASE WHEN p_to IN ('cancelled', 'no-show') THEN p_from <> 'in-service'
                 ELSE array_position(o, p_to) > array_position(o, p_from)
                      AND array_position(o, p_to) <= array_position(o, 'completed') END
    FROM (SELECT ARRAY['booked', 'confirmed', 'arrived', 'in-service', 'completed'] AS o) AS statuses
$$;

-- A visit's segments as the PC wrote them (Appointment::toJson).
CREATE FUNCTION payload_segments(p jsonb)
    RETURNS TABLE (line_position integer, seg_position integer, staff_id text, kind text,
                   starts_at timestamptz, ends_at timestamptz, resource_ids text[])
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
AS $$
    SELECT (li - 1)::integer, (si - 1)::integer, nullif(l->>'staffId', ''), s->>'kind',
           (s->>'startsAt')::timestamptz, (s->>'endsAt')::timestamptz,
           ARRAY(SELECT jsonb_array_elements_text(coalesce(s->'resourceIds', '[]')))
    FROM jsonb_array_elements(p->'lines') WITH ORDINALITY AS line(l, li),
         jsonb_array_elements(coalesce(l->'segments', '[]')) WITH ORDINALITY AS segment(s, si)
$$;

-- A visit's lines in the domain's JSON, from the rows.
CREATE FUNCTION appointment_lines_json(p_salon text, p_id text) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'id', l.id, 'serviceId', coalesce(l.service_id, ''), 'staffId', coalesce(l.staff_id, ''),
               'segments', (SELECT coalesce(jsonb_agg(
                                jsonb_build_object('kind', s.kind, 'startsAt', iso_instant(s.starts_at),
                                                   'endsAt', iso_instant(s.ends_at))
                                || CASE WHEN s.resource_ids = '{}' THEN '{}'::jsonb
                                        ELSE jsonb_build_object('resourceIds', to_jsonb(s.resource_ids)) END
                                ORDER BY s.position), '[]')
                            FROM appointment_segments s
                            WHERE s.salon_id = l.salon_id AND s.appointment_id = l.appointment_id
                                AND s.line_position = l.position))
               ORDER BY l.position), '[]')
    FROM appointment_lines l
    WHERE l.salon_id = p_salon AND l.appointment_id = p_id
$$;

-- A PC's lines in the same form as appointment_lines_json, so the two
-- compare equal when they say the same (another spelling of an instant,
-- an empty resource list).
CREATE FUNCTION canonical_lines(p_lines jsonb) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'id', coalesce(l->>'id', ''), 'serviceId', coalesce(l->>'serviceId', ''),
               'staffId', coalesce(l->>'staffId', ''),
               'segments', (SELECT coalesce(jsonb_agg(
                                jsonb_build_object('kind', s->>'kind',
                                                   'startsAt', iso_instant((s->>'startsAt')::timestamptz),
                                                   'endsAt', iso_instant((s->>'endsAt')::timestamptz))
                                || CASE WHEN jsonb_array_length(coalesce(s->'resourceIds', '[]')) = 0 THEN '{}'::jsonb
                                        ELSE jsonb_build_object('resourceIds', s->'resourceIds') END
                                ORDER BY si), '[]')
                            FROM jsonb_array_elements(coalesce(l->'segments', '[]')) WITH ORDINALITY AS segment(s, si)))
               ORDER BY li), '[]')
    FROM jsonb_array_elements(p_lines) WITH ORDINALITY AS line(l, li)
$$;

-- The server's row in the domain's toJson() form, with its version and
-- tombstone; row_json is NULL when the server never had it. What a conflict
-- hands back, and what the audit compares.
CREATE FUNCTION book_row(p_salon text, p_entity text, p_id text,
                         OUT row_json jsonb, OUT row_version bigint, OUT row_deleted boolean)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
BEGIN
    CASE p_entity
    WHEN 'salon' THEN
        SELECT t.details || jsonb_build_object('id', t.salon_id, 'name', t.name, 'timeZone', t.time_zone),
               t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM salons t WHERE t.salon_id = p_salon AND t.salon_id = p_id;
    WHEN 'staff' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id), t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM staff t WHERE t.salon_id = p_salon AND t.id = p_id;
    WHEN 'service' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id), t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM services t WHERE t.salon_id = p_salon AND t.id = p_id;
    WHEN 'resource' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id, 'count', t.count),
               t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM resources t WHERE t.salon_id = p_salon AND t.id = p_id;
    WHEN 'client' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id), t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM clients t WHERE t.salon_id = p_salon AND t.id = p_id;
    WHEN 'shift' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'staffId', t.staff_id), t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM shifts t WHERE t.salon_id = p_salon AND t.id = p_id;
    WHEN 'shiftException' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'staffId', t.staff_id,
                                               'date', to_char(t.date, 'YYYY-MM-DD')),
               t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM shift_exceptions t WHERE t.salon_id = p_salon AND t.id = p_id;
    WHEN 'timeOff' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'staffId', t.staff_id,
                                               'startsAt', iso_instant(t.starts_at),
                                               'endsAt', iso_instant(t.ends_at)),
               t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM time_off t WHERE t.salon_id = p_salon AND t.id = p_id;
    WHEN 'appointment' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id,
                                               'clientId', coalesce(t.client_id, ''), 'status', t.status,
                                               'startsAt', iso_instant(t.starts_at),
                                               'endsAt', iso_instant(t.ends_at),
                                               'lines', appointment_lines_json(t.salon_id, t.id)),
               t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM appointments t WHERE t.salon_id = p_salon AND t.id = p_id;
    WHEN 'standingAppointment' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id,
                                               'clientId', coalesce(t.client_id, '')),
               t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM standing_appointments t WHERE t.salon_id = p_salon AND t.id = p_id;
    WHEN 'waitlistEntry' THEN
        SELECT t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id,
                                               'clientId', coalesce(t.client_id, '')),
               t.version, t.deleted
            INTO row_json, row_version, row_deleted
            FROM waitlist t WHERE t.salon_id = p_salon AND t.id = p_id;
    ELSE
        row_json := NULL;
    END CASE;
END
$$;

-- Which table holds an entity's rows (docs/sync.md lists the names).
CREATE FUNCTION entity_table(p_entity text) RETURNS text
    LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE p_entity
        WHEN 'salon' THEN 'salons' WHEN 'staff' THEN 'staff' WHEN 'service' THEN 'services'
        WHEN 'resource' THEN 'resources' WHEN 'client' THEN 'clients' WHEN 'shift' THEN 'shifts'
        WHEN 'shiftException' THEN 'shift_exceptions' WHEN 'timeOff' THEN 'time_off'
        WHEN 'appointment' THEN 'appointments' WHEN 'standingAppointment' THEN 'standing_appointments'
        WHEN 'waitlistEntry' THEN 'waitlist' END
$$;

-- {field: [old, new]} for the fields that differ; a row that did not exist
-- has null for old.
CREATE FUNCTION row_changes(p_old jsonb, p_new jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
AS $$
    SELECT coalesce(jsonb_object_agg(k, jsonb_build_array(p_old->k, p_new->k)), '{}')
    FROM (SELECT jsonb_object_keys(coalesce(p_old, '{}')) UNION SELECT jsonb_object_keys(coalesce(p_new, '{}'))) AS keys(k)
    WHERE (p_old->k) IS DISTINCT FROM (p_new->k)
$$;

-- A refusal or a conflict leaves the sub-transaction of its mutation with
-- these codes; DETAIL carries the outcome's fields as JSON.
CREATE FUNCTION refuse(p_reason text, p_message text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'CS400', MESSAGE = p_message,
        DETAIL = jsonb_build_object('reason', p_reason)::text;
END
$$;

CREATE FUNCTION conflict(p_detail jsonb, p_message text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'CS409', MESSAGE = p_message, DETAIL = p_detail::text;
END
$$;

-- The shape every mutation must have before anything is written; the
-- columns' types and constraints check the rest of a payload.
CREATE FUNCTION check_mutation(p_salon text, m jsonb, p_push boolean) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
DECLARE
    p jsonb := m->'payload';
BEGIN
    IF jsonb_typeof(m) IS DISTINCT FROM 'object' THEN
        PERFORM refuse('invalid', 'A mutation must be a JSON object.');
    END IF;
    IF jsonb_typeof(m->'entity') IS DISTINCT FROM 'string' OR entity_table(m->>'entity') IS NULL THEN
        PERFORM refuse('invalid', format('Unknown kind of row: %s.', coalesce(m->>'entity', 'none given')));
    END IF;
    IF jsonb_typeof(m->'op') IS DISTINCT FROM 'string' OR m->>'op' NOT IN ('upsert', 'remove') THEN
        PERFORM refuse('invalid', format('Unknown operation: %s (upsert or remove).', coalesce(m->>'op', 'none given')));
    END IF;
    IF jsonb_typeof(m->'id') IS DISTINCT FROM 'string' OR m->>'id' = '' THEN
        PERFORM refuse('invalid', 'A mutation needs the id of its row.');
    END IF;
    IF p_push THEN
        IF jsonb_typeof(m->'happenedAt') IS DISTINCT FROM 'string' OR try_instant(m->>'happenedAt') IS NULL THEN
            PERFORM refuse('invalid', 'A mutation needs happenedAt: when it was made, as an ISO 8601 instant.');
        END IF;
        IF coalesce(jsonb_typeof(m->'baseVersion'), 'null') NOT IN ('null', 'number')
            OR (m->>'baseVersion') !~ '^[0-9]+$' AND jsonb_typeof(m->'baseVersion') = 'number' THEN
            PERFORM refuse('invalid', 'baseVersion must be a whole number, or null for a row the server never sent.');
        END IF;
        IF coalesce(jsonb_typeof(m->'changedBy'), 'string') <> 'string' THEN
            PERFORM refuse('invalid', 'changedBy must be text.');
        END IF;
        IF coalesce(jsonb_typeof(m->'overbooked'), 'boolean') <> 'boolean' THEN
            PERFORM refuse('invalid', 'overbooked must be true or false.');
        END IF;
    END IF;
    IF m->>'entity' = 'salon' AND m->>'id' <> p_salon THEN
        PERFORM refuse('other-salon', format('This PC belongs to salon %s and cannot change salon %s.', p_salon, m->>'id'));
    END IF;
    IF m->>'op' = 'remove' THEN
        IF m->>'entity' = 'salon' THEN
            PERFORM refuse('not-allowed', 'A salon cannot be removed from a PC.');
        END IF;
        RETURN;
    END IF;
    IF jsonb_typeof(p) IS DISTINCT FROM 'object' THEN
        PERFORM refuse('invalid', 'An upsert needs its row as a JSON object in payload.');
    END IF;
    IF p->>'id' IS DISTINCT FROM m->>'id' THEN
        PERFORM refuse('invalid', format('The payload is row %s, but the mutation names row %s.',
                                         coalesce(p->>'id', 'without id'), m->>'id'));
    END IF;
    IF p ? 'salonId' AND p->>'salonId' IS DISTINCT FROM p_salon THEN
        PERFORM refuse('other-salon', format('This PC belongs to salon %s and cannot change salon %s.', p_salon, p->>'salonId'));
    END IF;
    IF m->>'entity' = 'appointment' THEN
        IF jsonb_typeof(p->'lines') IS DISTINCT FROM 'array' THEN
            PERFORM refuse('invalid', 'An appointment needs its lines as a JSON array.');
        END IF;
        IF EXISTS (SELECT FROM jsonb_array_elements(p->'lines') AS l
                   WHERE jsonb_typeof(l) <> 'object'
                       OR coalesce(jsonb_typeof(l->'segments'), 'array') <> 'array') THEN
            PERFORM refuse('invalid', 'Each line of an appointment must be an object with an array of segments.');
        END IF;
    END IF;
END
$$;

-- Writes an upsert of any row but an appointment, with its new version.
CREATE FUNCTION write_row(p_salon text, p_entity text, p_id text, p jsonb, p_version bigint) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    CASE p_entity
    WHEN 'salon' THEN
        INSERT INTO salons AS t (salon_id, version, name, time_zone, details)
            VALUES (p_salon, p_version, coalesce(p->>'name', ''), coalesce(p->>'timeZone', ''),
                    p - ARRAY['id', 'name', 'timeZone'])
            ON CONFLICT (salon_id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), name = excluded.name, time_zone = excluded.time_zone, details = excluded.details;
    WHEN 'staff' THEN
        INSERT INTO staff AS t (salon_id, id, version, details)
            VALUES (p_salon, p_id, p_version, p - ARRAY['id', 'salonId'])
            ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), details = excluded.details;
    WHEN 'service' THEN
        INSERT INTO services AS t (salon_id, id, version, details)
            VALUES (p_salon, p_id, p_version, p - ARRAY['id', 'salonId'])
            ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), details = excluded.details;
    WHEN 'resource' THEN
        INSERT INTO resources AS t (salon_id, id, version, count, details)
            VALUES (p_salon, p_id, p_version, coalesce((p->>'count')::integer, 1), p - ARRAY['id', 'salonId', 'count'])
            ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), count = excluded.count, details = excluded.details;
    WHEN 'client' THEN
        INSERT INTO clients AS t (salon_id, id, version, details)
            VALUES (p_salon, p_id, p_version, p - ARRAY['id', 'salonId'])
            ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), details = excluded.details;
    WHEN 'shift' THEN
        INSERT INTO shifts AS t (salon_id, id, version, staff_id, details)
            VALUES (p_salon, p_id, p_version, p->>'staffId', p - ARRAY['id', 'staffId'])
            ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), staff_id = excluded.staff_id, details = excluded.details;
    WHEN 'shiftException' THEN
        INSERT INTO shift_exceptions AS t (salon_id, id, version, staff_id, date, details)
            VALUES (p_salon, p_id, p_version, p->>'staffId', (p->>'date')::date, p - ARRAY['id', 'staffId', 'date'])
            ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), staff_id = excluded.staff_id, date = excluded.date, details = excluded.details;
    WHEN 'timeOff' THEN
        INSERT INTO time_off AS t (salon_id, id, version, staff_id, starts_at, ends_at, details)
            VALUES (p_salon, p_id, p_version, p->>'staffId', (p->>'startsAt')::timestamptz,
                    (p->>'endsAt')::timestamptz, p - ARRAY['id', 'staffId', 'startsAt', 'endsAt'])
            ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), staff_id = excluded.staff_id, starts_at = excluded.starts_at,
                ends_at = excluded.ends_at, details = excluded.details;
    WHEN 'standingAppointment' THEN
        INSERT INTO standing_appointments AS t (salon_id, id, version, client_id, details)
            VALUES (p_salon, p_id, p_version, nullif(p->>'clientId', ''), p - ARRAY['id', 'salonId', 'clientId'])
            ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), client_id = excluded.client_id, details = excluded.details;
    WHEN 'waitlistEntry' THEN
        INSERT INTO waitlist AS t (salon_id, id, version, client_id, details)
            VALUES (p_salon, p_id, p_version, nullif(p->>'clientId', ''), p - ARRAY['id', 'salonId', 'clientId'])
            ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
                updated_at = now(), client_id = excluded.client_id, details = excluded.details;
    END CASE;
END
$$;

-- An appointment with its lines and segments, replaced whole. holds_time:
-- processing time frees the stylist (the colour develops), a cancelled or
-- no-show visit holds nothing, and a knowingly overbooked one never blocks
-- another booking, so the exclusion constraint lets it through.
CREATE FUNCTION write_appointment(p_salon text, p_id text, p jsonb, p_version bigint) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
DECLARE
    holds boolean := p->>'status' NOT IN ('cancelled', 'no-show') AND NOT coalesce((p->>'overbooked')::boolean, false);
BEGIN
    INSERT INTO appointments AS t (salon_id, id, version, client_id, status, starts_at, ends_at, details)
        VALUES (p_salon, p_id, p_version, nullif(p->>'clientId', ''), p->>'status',
                (p->>'startsAt')::timestamptz, (p->>'endsAt')::timestamptz,
                p - ARRAY['id', 'salonId', 'clientId', 'status', 'startsAt', 'endsAt', 'lines'])
        ON CONFLICT (salon_id, id) DO UPDATE SET version = excluded.version, deleted = false,
            updated_at = now(), client_id = excluded.client_id, status = excluded.status,
            starts_at = excluded.starts_at, ends_at = excluded.ends_at, details = excluded.details;
    -- Old segments go first, so a visit moved within its own time does not clash with itself.
    DELETE FROM appointment_lines WHERE salon_id = p_salon AND appointment_id = p_id;
    INSERT INTO appointment_lines (salon_id, appointment_id, position, version, id, service_id, staff_id)
        SELECT p_salon, p_id, (li - 1)::integer, p_version, l->>'id', nullif(l->>'serviceId', ''), nullif(l->>'staffId', '')
        FROM jsonb_array_elements(p->'lines') WITH ORDINALITY AS line(l, li);
    INSERT INTO appointment_segments (salon_id, appointment_id, line_position, position, version,
                                      staff_id, kind, starts_at, ends_at, holds_time, resource_ids)
        SELECT p_salon, p_id, s.line_position, s.seg_position, p_version, s.staff_id, s.kind,
               s.starts_at, s.ends_at, holds AND s.kind <> 'processing', s.resource_ids
        FROM payload_segments(p) AS s;
END
$$;

-- The most segments holding a resource at one moment of [p_from, p_to):
-- the count can only rise where one of them starts.
CREATE FUNCTION resource_peak(p_salon text, p_resource text, p_from timestamptz, p_to timestamptz) RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    WITH using_it AS (
        SELECT starts_at, ends_at FROM appointment_segments
        WHERE salon_id = p_salon AND NOT deleted AND holds_time AND resource_ids <> '{}'
            AND tstzrange(starts_at, ends_at, '[)') && tstzrange(p_from, p_to, '[)')
            AND p_resource = ANY (resource_ids))
    SELECT coalesce(max((SELECT count(*) FROM using_it u WHERE u.starts_at <= moment AND u.ends_at > moment)), 0)
    FROM (SELECT p_from UNION SELECT starts_at FROM using_it WHERE starts_at > p_from) AS moments(moment)
$$;

-- A conflict when the visit just written takes a resource beyond its
-- count. Runs after the write, so the visit's own segments count too. Safe
-- against a concurrent batch because every writer of the salon holds its
-- clock row until commit (push_mutations, upload_book).
CREATE FUNCTION check_resources(p_salon text, p_id text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT DISTINCT used.rid, s.starts_at, s.ends_at, res.count,
               coalesce(nullif(res.details->>'name', ''), used.rid) AS name
        FROM appointment_segments s
        CROSS JOIN LATERAL unnest(s.resource_ids) AS used(rid)
        JOIN resources res ON res.salon_id = s.salon_id AND res.id = used.rid AND NOT res.deleted
        WHERE s.salon_id = p_salon AND s.appointment_id = p_id AND NOT s.deleted AND s.holds_time
        ORDER BY s.starts_at
    LOOP
        IF resource_peak(p_salon, r.rid, r.starts_at, r.ends_at) > r.count THEN
            PERFORM conflict(jsonb_build_object('reason', 'resource-full', 'resourceId', r.rid,
                                                'resourceName', r.name, 'count', r.count,
                                                'startsAt', iso_instant(r.starts_at), 'endsAt', iso_instant(r.ends_at)),
                             format('%s: all %s in use between %s and %s.', r.name, r.count,
                                    salon_time(p_salon, r.starts_at, 'YYYY-MM-DD HH24:MI'),
                                    salon_time(p_salon, r.ends_at, 'HH24:MI')));
        END IF;
    END LOOP;
END
$$;

-- Why an appointment met the exclusion constraint, in words: the first
-- segment of another visit that holds one of its stylists at the time.
CREATE FUNCTION stylist_clash(p_salon text, p_id text, p jsonb) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    SELECT coalesce(
        (SELECT jsonb_build_object(
                    'reason', 'stylist-busy', 'staffId', o.staff_id, 'staffName', who.name,
                    'appointmentId', o.appointment_id, 'startsAt', iso_instant(o.starts_at),
                    'endsAt', iso_instant(o.ends_at),
                    'message', format('%s is already booked between %s and %s.', who.name,
                                      salon_time(p_salon, o.starts_at, 'YYYY-MM-DD HH24:MI'),
                                      salon_time(p_salon, o.ends_at, 'HH24:MI')))
         FROM payload_segments(p) AS n
         JOIN appointment_segments o ON o.salon_id = p_salon AND o.staff_id = n.staff_id
             AND NOT o.deleted AND o.holds_time AND o.appointment_id <> p_id
             AND tstzrange(o.starts_at, o.ends_at, '[)') && tstzrange(n.starts_at, n.ends_at, '[)')
         CROSS JOIN LATERAL (SELECT coalesce((SELECT nullif(details->>'name', '') FROM staff
                                              WHERE salon_id = p_salon AND id = o.staff_id), o.staff_id) AS name) AS who
         ORDER BY o.starts_at LIMIT 1),
        jsonb_build_object('reason', 'stylist-busy',
                           'message', 'Two services of this visit hold the same stylist at once.'))
$$;

-- Whether a PC other than p_device changed the row after p_base: then the
-- mutation was made on a stale copy. A device's own earlier mutations do
-- not count, it made this one on top of them.
CREATE FUNCTION changed_elsewhere(p_salon text, p_device uuid, p_entity text, p_id text, p_base bigint) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    SELECT EXISTS (SELECT FROM audit_log
                   WHERE salon_id = p_salon AND entity = p_entity AND entity_id = p_id
                       AND outcome = 'applied' AND version > coalesce(p_base, 0) AND device_id <> p_device)
$$;

-- What a field was at p_base: the old value of its first change after it;
-- NULL when it has not changed since.
CREATE FUNCTION value_at_base(p_salon text, p_entity text, p_id text, p_base bigint, p_field text) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    SELECT changes->p_field->0 FROM audit_log
    WHERE salon_id = p_salon AND entity = p_entity AND entity_id = p_id
        AND outcome = 'applied' AND version > coalesce(p_base, 0) AND changes ? p_field
    ORDER BY entry_id LIMIT 1
$$;

-- A stale edit of an appointment, merged with what other PCs did since its
-- base. When and with whom (the lines) and the status are guarded; the other
-- fields are last writer wins. A guarded field the PC did not touch keeps
-- the server's value (kept lists them); one it changed on a stale copy is a
-- conflict, except a status move that still makes sense (confirmed on one
-- PC, cancelled on another: cancelled). A stale edit never un-cancels.
CREATE FUNCTION merge_appointment(p_salon text, p_id text, p_base bigint, p_server jsonb, p jsonb,
                                  OUT merged jsonb, OUT kept text[])
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
DECLARE
    mine jsonb := canonical_lines(p->'lines');
    base jsonb;
BEGIN
    merged := p;
    kept := '{}';
    IF mine IS DISTINCT FROM p_server->'lines' THEN
        base := coalesce(value_at_base(p_salon, 'appointment', p_id, p_base, 'lines'), p_server->'lines');
        IF mine IS DISTINCT FROM base THEN
            PERFORM conflict(jsonb_build_object('reason', 'changed-elsewhere'),
                             'The visit was changed on another PC since this PC last had it: its new time or stylist was not applied.');
        END IF;
        merged := merged || jsonb_build_object('lines', p_server->'lines', 'startsAt', p_server->'startsAt',
                                               'endsAt', p_server->'endsAt');
        kept := kept || ARRAY['lines'];
    END IF;
    IF p->>'status' IS DISTINCT FROM p_server->>'status' THEN
        base := coalesce(value_at_base(p_salon, 'appointment', p_id, p_base, 'status'), p_server->'status');
        IF p->'status' = base THEN
            merged := merged || jsonb_build_object('status', p_server->'status',
                                                   'cancelReason', coalesce(p_server->'cancelReason', '""'));
            kept := kept || ARRAY['status'];
        ELSIF NOT can_move_status(p_server->>'status', p->>'status') THEN
            PERFORM conflict(jsonb_build_object('reason', 'status'),
                             format('The visit is %s on the server (changed on another PC), so it cannot become %s.',
                                    p_server->>'status', p->>'status'));
        END IF;
    END IF;
END
$$;

-- One mutation (or one uploaded row), in a sub-transaction of its own: a
-- refusal or conflict undoes its writes and the batch goes on. Returns the
-- outcome, with 'changes' for the audit log. p_push: a pushed mutation,
-- checked against the base version; false for upload_book's rows.
CREATE FUNCTION apply_change(p_salon text, p_device uuid, m jsonb, p_version bigint, p_push boolean) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
DECLARE
    v_entity text := m->>'entity';
    v_id text := m->>'id';
    v_payload jsonb := m->'payload';
    v_base bigint;
    v_before record;
    v_after record;
    v_kept text[] := '{}';
    v_outcome jsonb;
    v_message text;
    v_detail text;
BEGIN
    BEGIN
        PERFORM check_mutation(p_salon, m, p_push);
        v_base := (m->>'baseVersion')::bigint;
        SELECT * INTO v_before FROM book_row(p_salon, v_entity, v_id);
        IF m->>'op' = 'remove' THEN
            -- A removal wins over edits made elsewhere: nothing to merge.
            EXECUTE format('UPDATE %I SET deleted = true, version = $1, updated_at = now() '
                           'WHERE salon_id = $2 AND id = $3 AND NOT deleted', entity_table(v_entity))
                USING p_version, p_salon, v_id;
            IF v_entity = 'appointment' THEN
                UPDATE appointment_lines SET deleted = true, version = p_version, updated_at = now()
                    WHERE salon_id = p_salon AND appointment_id = v_id AND NOT deleted;
                UPDATE appointment_segments SET deleted = true, version = p_version, updated_at = now()
                    WHERE salon_id = p_salon AND appointment_id = v_id AND NOT deleted;
            END IF;
        ELSE
            IF p_push AND v_before.row_deleted AND changed_elsewhere(p_salon, p_device, v_entity, v_id, v_base) THEN
                PERFORM conflict(jsonb_build_object('reason', 'removed-elsewhere'),
                                 'It was removed on another PC since this PC last had it.');
            END IF;
            IF v_entity = 'appointment' THEN
                v_payload := v_payload || jsonb_build_object('overbooked',
                    coalesce((m->>'overbooked')::boolean, (v_payload->>'overbooked')::boolean, false));
                IF p_push AND NOT coalesce(v_before.row_deleted, true)
                    AND changed_elsewhere(p_salon, p_device, v_entity, v_id, v_base) THEN
                    SELECT merged, kept INTO v_payload, v_kept
                        FROM merge_appointment(p_salon, v_id, v_base, v_before.row_json, v_payload);
                END IF;
                PERFORM write_appointment(p_salon, v_id, v_payload, p_version);
                PERFORM check_resources(p_salon, v_id);
            ELSE
                PERFORM write_row(p_salon, v_entity, v_id, v_payload, p_version);
            END IF;
        END IF;
        SELECT * INTO v_after FROM book_row(p_salon, v_entity, v_id);
        IF v_after.row_version IS DISTINCT FROM p_version THEN
            -- Removing what the server does not have (or has removed): nothing written.
            RETURN jsonb_build_object('outcome', 'applied', 'version', v_after.row_version, 'changes', '{}'::jsonb);
        END IF;
        v_outcome := jsonb_build_object('outcome', 'applied', 'version', p_version,
            'changes', row_changes(CASE WHEN v_before.row_deleted THEN NULL ELSE v_before.row_json END,
                                   CASE WHEN v_after.row_deleted THEN NULL ELSE v_after.row_json END));
        IF v_kept <> '{}' THEN
            v_outcome := v_outcome || jsonb_build_object('kept', to_jsonb(v_kept));
        END IF;
        RETURN v_outcome;
    EXCEPTION
        WHEN exclusion_violation THEN
            v_outcome := jsonb_build_object('outcome', 'conflict') || stylist_clash(p_salon, v_id, v_payload);
        WHEN SQLSTATE 'CS409' THEN
            GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL;
            v_outcome := jsonb_build_object('outcome', 'conflict', 'message', v_message) || v_detail::jsonb;
        WHEN SQLSTATE 'CS400' THEN
            GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL;
            v_outcome := jsonb_build_object('outcome', 'refused', 'message', v_message) || v_detail::jsonb;
        WHEN data_exception OR integrity_constraint_violation THEN
            -- A payload field the row's columns cannot take (a time that is
            -- no time, an unknown status, a missing stylist).
            v_outcome := jsonb_build_object('outcome', 'refused', 'reason', 'invalid',
                                            'message', format('The row does not fit the book: %s.', SQLERRM));
    END;
    SELECT * INTO v_after FROM book_row(p_salon, v_entity, v_id);
    RETURN v_outcome || jsonb_build_object('serverRow', v_after.row_json, 'serverVersion', v_after.row_version,
                                           'serverDeleted', coalesce(v_after.row_deleted, false),
                                           'changes', CASE WHEN v_outcome->>'outcome' = 'conflict'
                                                           THEN row_changes(v_after.row_json, v_payload)
                                                           ELSE '{}'::jsonb END);
END
$$;

-- The PC calling: its login (session_user: inside a SECURITY DEFINER
-- function current_user is the function's owner), never a salon or device
-- the caller names.
CREATE FUNCTION calling_device() RETURNS devices
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
DECLARE
    d devices;
BEGIN
    SELECT * INTO d FROM devices WHERE login_role = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('The login %s is not an enrolled Chairside PC.', session_user);
    END IF;
    IF d.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('This PC (%s) was removed from the salon on %s. A manager can enrol it again.',
                             d.name, to_char(d.revoked_at, 'YYYY-MM-DD'));
    END IF;
    RETURN d;
END
$$;

-- A PC pushes its outbox: once per batch, an array of mutations in outbox
-- order, in one transaction. Returns one outcome per mutation, in order.
-- The salon's clock row is locked first and held to commit, so the salon's
-- writers take turns: a retried batch sees what the first attempt did, and
-- two batches cannot both pass the resource count check. One version for
-- every row the batch writes; a batch of retries only takes none.
CREATE FUNCTION push_mutations(p_mutations jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
DECLARE
    v_device devices := calling_device();
    v_version bigint;
    v_outcomes jsonb[] := '{}';
    v_outcome jsonb;
    v_sequence bigint;
    m jsonb;
BEGIN
    IF jsonb_typeof(p_mutations) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'push_mutations takes a JSON array of mutations.';
    END IF;
    PERFORM 1 FROM salon_clock WHERE salon_id = v_device.salon_id FOR UPDATE;
    FOR m IN SELECT value FROM jsonb_array_elements(p_mutations) LOOP
        IF jsonb_typeof(m->'sequence') IS DISTINCT FROM 'number' OR (m->>'sequence') !~ '^[0-9]{1,18}$'
            OR (m->>'sequence')::bigint < 1 THEN
            -- Without its key it cannot be recorded; the PC is told so.
            v_outcomes := v_outcomes || jsonb_build_object(
                'sequence', m->'sequence', 'outcome', 'refused', 'reason', 'invalid',
                'message', 'A mutation needs a sequence: a whole number from 1 up.');
            CONTINUE;
        END IF;
        v_sequence := (m->>'sequence')::bigint;
        SELECT detail INTO v_outcome FROM applied_mutations
            WHERE salon_id = v_device.salon_id AND device_id = v_device.device_id AND sequence = v_sequence;
        IF FOUND THEN
            v_outcomes := v_outcomes || v_outcome;
            CONTINUE;
        END IF;
        IF v_version IS NULL THEN
            v_version := next_version(v_device.salon_id);
        END IF;
        v_outcome := apply_change(v_device.salon_id, v_device.device_id, m, v_version, true);
        INSERT INTO audit_log (salon_id, device_id, sequence, changed_by, happened_at, entity, entity_id,
                               outcome, version, changes)
            VALUES (v_device.salon_id, v_device.device_id, v_sequence,
                    CASE WHEN jsonb_typeof(m->'changedBy') = 'string' THEN m->>'changedBy' ELSE '' END,
                    coalesce(try_instant(m->>'happenedAt'), now()),
                    coalesce(m->>'entity', ''), coalesce(m->>'id', ''), v_outcome->>'outcome',
                    coalesce((v_outcome->>'version')::bigint, (v_outcome->>'serverVersion')::bigint),
                    coalesce(v_outcome->'changes', '{}'));
        v_outcome := jsonb_build_object('sequence', v_sequence) || (v_outcome - 'changes');
        INSERT INTO applied_mutations (salon_id, device_id, sequence, outcome, detail)
            VALUES (v_device.salon_id, v_device.device_id, v_sequence, v_outcome->>'outcome', v_outcome);
        v_outcomes := v_outcomes || v_outcome;
    END LOOP;
    IF v_version IS NOT NULL THEN
        -- A wake-up only: the salon and its version, never a row (8000 bytes at most).
        PERFORM pg_notify('chairside_book', jsonb_build_object('salon', v_device.salon_id, 'version', v_version)::text);
    END IF;
    RETURN to_jsonb(v_outcomes);
END
$$;

-- Whether the server holds any of the salon's book (beyond the salon row
-- that enrolment may have made): then a PC must pull, not upload.
CREATE FUNCTION salon_has_book(p_salon text) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    SELECT EXISTS (SELECT FROM staff WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM services WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM resources WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM clients WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM shifts WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM shift_exceptions WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM time_off WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM appointments WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM standing_appointments WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM waitlist WHERE salon_id = p_salon)
        OR EXISTS (SELECT FROM applied_mutations WHERE salon_id = p_salon)
$$;

-- The first PC of a salon uploads its whole local book, in batches of rows
-- ({entity, id, payload}, upserts only), the last with p_finished. Only
-- while the server holds none of the salon's book, and only by the PC that
-- started: afterwards the PCs pull. A batch sent again after a lost answer
-- writes the same rows again. Conflicts (a double-booked stylist, a full
-- resource) and refusals come back per row, as push_mutations gives them.
-- No exactly-once record and no audit rows: this is not a change, it is
-- where the book starts.
CREATE FUNCTION upload_book(p_rows jsonb, p_finished boolean) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
DECLARE
    v_device devices := calling_device();
    v_upload book_uploads;
    v_by text;
    v_version bigint;
    v_outcomes jsonb[] := '{}';
    v_outcome jsonb;
    v_index bigint;
    r jsonb;
BEGIN
    IF jsonb_typeof(p_rows) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'upload_book takes a JSON array of rows.';
    END IF;
    PERFORM 1 FROM salon_clock WHERE salon_id = v_device.salon_id FOR UPDATE;
    SELECT * INTO v_upload FROM book_uploads WHERE salon_id = v_device.salon_id;
    IF FOUND THEN
        v_by := coalesce((SELECT nullif(name, '') FROM devices
                          WHERE salon_id = v_upload.salon_id AND device_id = v_upload.device_id), 'another PC');
        IF v_upload.finished_at IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = '55000',
                MESSAGE = format('The salon''s book is on the server already (uploaded by %s on %s). This PC takes the server''s book instead.',
                                 v_by, to_char(v_upload.finished_at, 'YYYY-MM-DD'));
        END IF;
        IF v_upload.device_id <> v_device.device_id THEN
            RAISE EXCEPTION USING ERRCODE = '55000',
                MESSAGE = format('%s is uploading the salon''s book. This PC takes the server''s book when it is done.', v_by);
        END IF;
    ELSIF salon_has_book(v_device.salon_id) THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = 'The server holds a book for this salon already. This PC takes the server''s book instead of uploading its own.';
    ELSE
        INSERT INTO book_uploads (salon_id, device_id) VALUES (v_device.salon_id, v_device.device_id);
    END IF;

    v_version := next_version(v_device.salon_id);
    FOR r, v_index IN SELECT value, ordinality FROM jsonb_array_elements(p_rows) WITH ORDINALITY LOOP
        IF jsonb_typeof(r) = 'object' AND r->>'op' IS DISTINCT FROM 'upsert' THEN
            r := r || '{"op": "upsert"}';
        END IF;
        v_outcome := apply_change(v_device.salon_id, v_device.device_id, r, v_version, false);
        v_outcomes := v_outcomes
            || (jsonb_build_object('index', v_index - 1, 'entity', r->'entity', 'id', r->'id') || (v_outcome - 'changes'));
    END LOOP;
    IF p_finished THEN
        UPDATE book_uploads SET finished_at = now() WHERE salon_id = v_device.salon_id;
    END IF;
    PERFORM pg_notify('chairside_book', jsonb_build_object('salon', v_device.salon_id, 'version', v_version)::text);
    RETURN to_jsonb(v_outcomes);
END
$$;

REVOKE EXECUTE ON FUNCTION iso_instant(timestamptz), try_instant(text), salon_time(text, timestamptz, text),
    can_move_status(text, text), payload_segments(jsonb), appointment_lines_json(text, text),
    canonical_lines(jsonb), book_row(text, text, text), entity_table(text), row_changes(jsonb, jsonb),
    refuse(text, text), conflict(jsonb, text), check_mutation(text, jsonb, boolean),
    write_row(text, text, text, jsonb, bigint), write_appointment(text, text, jsonb, bigint),
    resource_peak(text, text, timestamptz, timestamptz), check_resources(text, text),
    stylist_clash(text, text, jsonb), changed_elsewhere(text, uuid, text, text, bigint),
    value_at_base(text, text, text, bigint, text), merge_appointment(text, text, bigint, jsonb, jsonb),
    apply_change(text, uuid, jsonb, bigint, boolean), calling_device(), salon_has_book(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION push_mutations(jsonb), upload_book(jsonb, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION push_mutations(jsonb), upload_book(jsonb, boolean) TO chairside_device;
