-- Chairside server schema, version 8: a pull the server plans once
-- (docs/sync.md, "Pulling"; docs/server.md).
-- Statements end with ';' at the end of a line, outside $$ bodies.
--
-- A PC's pull was one statement that PostgreSQL planned at every call: the
-- union of eleven tables behind book_changes(), with row-level security on
-- each, took 2-3 ms to plan and about 1 ms to run on an empty book (where
-- device_salon(), a lookup of its own, ran three times per table), most of a
-- change's way from one PC to another. book_pull() does the same read in a
-- PL/pgSQL function, whose statements keep their plans for the session
-- (PgBouncer's pooled server connections keep them too). A generic plan
-- must not walk whole tables: with `version > $1` alone PostgreSQL guesses
-- a third of each table, so the rows are bounded on both sides (the head's
-- version is the upper bound: nothing above it is in the snapshot the head
-- was read in), which it guesses as a narrow range and reads by the
-- (salon_id, version) indexes. A PC far behind (more than 50 versions) gets
-- a plan made for its bounds instead. The salon is read once and passed in.

-- The rows of salon p_salon with p_since < version <= p_upto, in no
-- particular order: book_rows() of schema 4, with the salon and the upper
-- bound as arguments. Plain SQL and SECURITY INVOKER like book_rows(), so
-- it is inlined into the caller's query and row-level security keeps the
-- PC in its salon whatever p_salon says.
CREATE FUNCTION book_rows_of(p_salon text, p_since bigint, p_upto bigint)
    RETURNS TABLE (entity text, id text, version bigint, deleted boolean, payload jsonb)
    LANGUAGE sql STABLE
AS $$
        SELECT 'salon'::text AS entity, t.salon_id AS id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.salon_id, 'name', t.name, 'timeZone', t.time_zone)
               END AS payload
        FROM public.salons t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        SELECT 'staff', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id) END
        FROM public.staff t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        SELECT 'service', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id) END
        FROM public.services t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        SELECT 'resource', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id, 'count', t.count)
               END
        FROM public.resources t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        SELECT 'client', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id) END
        FROM public.clients t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        SELECT 'shift', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN t.details || jsonb_build_object('id', t.id, 'staffId', t.staff_id) END
        FROM public.shifts t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        SELECT 'shiftException', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'staffId', t.staff_id,
                                                   'date', to_char(t.date, 'YYYY-MM-DD'))
               END
        FROM public.shift_exceptions t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        SELECT 'timeOff', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'staffId', t.staff_id,
                                                   'startsAt', public.iso_instant(t.starts_at),
                                                   'endsAt', public.iso_instant(t.ends_at))
               END
        FROM public.time_off t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        -- A visit's lines and segments carry its version (they are written and
        -- tombstoned with it), so the same condition finds them.
        SELECT 'appointment', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id,
                                                   'clientId', coalesce(t.client_id, ''), 'status', t.status,
                                                   'startsAt', public.iso_instant(t.starts_at),
                                                   'endsAt', public.iso_instant(t.ends_at),
                                                   'lines', coalesce(lines.json, '[]'::jsonb))
               END
        FROM public.appointments t
        LEFT JOIN (
            SELECT l.appointment_id,
                   jsonb_agg(jsonb_build_object('id', l.id, 'serviceId', coalesce(l.service_id, ''),
                                                'staffId', coalesce(l.staff_id, ''),
                                                'segments', coalesce(segments.json, '[]'::jsonb))
                             ORDER BY l.position) AS json
            FROM public.appointment_lines l
            LEFT JOIN (
                SELECT s.appointment_id, s.line_position,
                       jsonb_agg(jsonb_build_object('kind', s.kind, 'startsAt', public.iso_instant(s.starts_at),
                                                    'endsAt', public.iso_instant(s.ends_at))
                                 || CASE WHEN s.resource_ids = '{}' THEN '{}'::jsonb
                                         ELSE jsonb_build_object('resourceIds', to_jsonb(s.resource_ids)) END
                                 ORDER BY s.position) AS json
                FROM public.appointment_segments s
                WHERE s.salon_id = p_salon AND s.version > p_since AND s.version <= p_upto AND NOT s.deleted
                GROUP BY s.appointment_id, s.line_position
            ) segments ON segments.appointment_id = l.appointment_id AND segments.line_position = l.position
            WHERE l.salon_id = p_salon AND l.version > p_since AND l.version <= p_upto AND NOT l.deleted
            GROUP BY l.appointment_id
        ) lines ON lines.appointment_id = t.id
        WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        SELECT 'standingAppointment', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id,
                                                   'clientId', coalesce(t.client_id, ''))
               END
        FROM public.standing_appointments t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
        UNION ALL
        SELECT 'waitlistEntry', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id,
                                                   'clientId', coalesce(t.client_id, ''))
               END
        FROM public.waitlist t WHERE t.salon_id = p_salon AND t.version > p_since AND t.version <= p_upto
$$;

-- book_rows() as book_rows_of() for the calling PC's salon, every version
-- above p_since: one body for the first sync's COPY and the pull. Inlined
-- twice over, so the COPY still streams.
CREATE OR REPLACE FUNCTION book_rows(p_since bigint)
    RETURNS TABLE (entity text, id text, version bigint, deleted boolean, payload jsonb)
    LANGUAGE sql STABLE
AS $$
    SELECT r.entity, r.id, r.version, r.deleted, r.payload
    FROM public.book_rows_of(public.device_salon(), p_since, 9223372036854775807) r
$$;

-- A PC's pull: first a row with the head (epoch, the salon's version, the
-- purge horizon; the other columns NULL), then every row with version >
-- p_since, in no particular order (the PC sorts them). STABLE: every
-- statement in it reads the snapshot of the calling statement, so the head
-- covers exactly the rows. book_head() refuses a login that is no enrolled
-- PC, or a revoked one (SQLSTATE 42501).
CREATE FUNCTION book_pull(p_since bigint)
    RETURNS TABLE (epoch text, head bigint, purged bigint, entity text, id text, version bigint,
                   deleted boolean, payload text)
    LANGUAGE plpgsql STABLE
AS $$
DECLARE
    v_salon text := public.device_salon();
    h record;
BEGIN
    SELECT b.epoch::text AS epoch, b.version, b.purged INTO h FROM public.book_head() b;
    RETURN QUERY SELECT h.epoch, h.version, h.purged, NULL::text, NULL::text, NULL::bigint,
                        NULL::boolean, NULL::text;
    IF h.version - p_since <= 50 THEN
        RETURN QUERY SELECT NULL::text, NULL::bigint, NULL::bigint, r.entity, r.id, r.version,
                            r.deleted, r.payload::text
            FROM public.book_rows_of(v_salon, p_since, h.version) r;
    ELSE
        -- Far behind (more than 50 batches): planned for these bounds. The
        -- plan kept for the usual pull expects a few rows, and for a whole
        -- book its joins would aggregate a visit's lines again per visit
        -- (a first pull of 300 visits took 0.5 s instead of 80 ms).
        RETURN QUERY EXECUTE
            'SELECT NULL::text, NULL::bigint, NULL::bigint, r.entity, r.id, r.version, r.deleted, '
            'r.payload::text FROM public.book_rows_of($1, $2, $3) r'
            USING v_salon, p_since, h.version;
    END IF;
END
$$;

-- Behind a shared pool: the device key into the transaction first, as
-- book_head(key) does (007_pooled_devices.sql).
CREATE FUNCTION book_pull(p_since bigint, p_device_key text)
    RETURNS TABLE (epoch text, head bigint, purged bigint, entity text, id text, version bigint,
                   deleted boolean, payload text)
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM set_config('chairside.device_key', coalesce(p_device_key, ''), true);
    RETURN QUERY SELECT * FROM public.book_pull(p_since);
END
$$;

REVOKE EXECUTE ON FUNCTION book_rows_of(text, bigint, bigint), book_pull(bigint),
    book_pull(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION book_rows_of(text, bigint, bigint), book_pull(bigint),
    book_pull(bigint, text) TO chairside_device;
