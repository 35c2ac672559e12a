-- Chairside server schema, version 4: pulling (issue 9). A PC reads what
-- changed in its salon since its cursor with book_changes(), the server
-- epoch and its salon's version with book_head(), and its whole book, for
-- the first sync, with book_rows(0). docs/server.md and
-- docs/sync.md say how the sync engine uses them.
-- Statements end with ';' at the end of a line, outside $$ bodies.

-- Every row of the calling PC's salon with version > p_since, in no
-- particular order, with its payload in the domain's toJson() form exactly
-- as book_row() builds it (so a pulled row compares equal to what a PC
-- pushed); NULL for a tombstone. Set-based (one UNION ALL over the tables,
-- the visits' lines and segments aggregated in one pass), because a first
-- sync reads the whole book. Unsorted, it streams: the first sync (which
-- writes every row in one transaction, so order does not matter) gets rows
-- while the server is still making the rest; book_changes() sorts them.
-- Deliberately SECURITY INVOKER, plain SQL and without SET: PostgreSQL then
-- inlines it into the caller's query, so `COPY (SELECT … FROM
-- book_rows(0)) TO STDOUT` streams instead of materialising the book
-- first, and row-level security keeps the PC in its salon on top of the
-- salon_id conditions written here. Names are schema-qualified instead of
-- SET search_path (which would stop the inlining).
CREATE FUNCTION book_rows(p_since bigint)
    RETURNS TABLE (entity text, id text, version bigint, deleted boolean, payload jsonb)
    LANGUAGE sql STABLE
AS $$
        SELECT 'salon'::text AS entity, t.salon_id AS id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.salon_id, 'name', t.name, 'timeZone', t.time_zone)
               END AS payload
        FROM public.salons t WHERE t.salon_id = public.device_salon() AND t.version > p_since
        UNION ALL
        SELECT 'staff', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id) END
        FROM public.staff t WHERE t.salon_id = public.device_salon() AND t.version > p_since
        UNION ALL
        SELECT 'service', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id) END
        FROM public.services t WHERE t.salon_id = public.device_salon() AND t.version > p_since
        UNION ALL
        SELECT 'resource', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id, 'count', t.count)
               END
        FROM public.resources t WHERE t.salon_id = public.device_salon() AND t.version > p_since
        UNION ALL
        SELECT 'client', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id) END
        FROM public.clients t WHERE t.salon_id = public.device_salon() AND t.version > p_since
        UNION ALL
        SELECT 'shift', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN t.details || jsonb_build_object('id', t.id, 'staffId', t.staff_id) END
        FROM public.shifts t WHERE t.salon_id = public.device_salon() AND t.version > p_since
        UNION ALL
        SELECT 'shiftException', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'staffId', t.staff_id,
                                                   'date', to_char(t.date, 'YYYY-MM-DD'))
               END
        FROM public.shift_exceptions t WHERE t.salon_id = public.device_salon() AND t.version > p_since
        UNION ALL
        SELECT 'timeOff', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'staffId', t.staff_id,
                                                   'startsAt', public.iso_instant(t.starts_at),
                                                   'endsAt', public.iso_instant(t.ends_at))
               END
        FROM public.time_off t WHERE t.salon_id = public.device_salon() AND t.version > p_since
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
                WHERE s.salon_id = public.device_salon() AND s.version > p_since AND NOT s.deleted
                GROUP BY s.appointment_id, s.line_position
            ) segments ON segments.appointment_id = l.appointment_id AND segments.line_position = l.position
            WHERE l.salon_id = public.device_salon() AND l.version > p_since AND NOT l.deleted
            GROUP BY l.appointment_id
        ) lines ON lines.appointment_id = t.id
        WHERE t.salon_id = public.device_salon() AND t.version > p_since
        UNION ALL
        SELECT 'standingAppointment', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id,
                                                   'clientId', coalesce(t.client_id, ''))
               END
        FROM public.standing_appointments t WHERE t.salon_id = public.device_salon() AND t.version > p_since
        UNION ALL
        SELECT 'waitlistEntry', t.id, t.version, t.deleted,
               CASE WHEN NOT t.deleted THEN
                   t.details || jsonb_build_object('id', t.id, 'salonId', t.salon_id,
                                                   'clientId', coalesce(t.client_id, ''))
               END
        FROM public.waitlist t WHERE t.salon_id = public.device_salon() AND t.version > p_since
$$;

-- What a PC pulls: book_rows() in version order (commit order, SYNC.md 1),
-- so a PC that applies a prefix of them may move its cursor to the last
-- version it applied whole. Inlined like book_rows().
CREATE FUNCTION book_changes(p_since bigint)
    RETURNS TABLE (entity text, id text, version bigint, deleted boolean, payload jsonb)
    LANGUAGE sql STABLE
AS $$
    SELECT c.entity, c.id, c.version, c.deleted, c.payload
    FROM public.book_rows(p_since) c
    ORDER BY c.version, c.entity, c.id
$$;

-- The server's epoch (a new one after a restore: the PC then resyncs fully)
-- and the calling PC's salon's version: a cursor at this version has every
-- row. Read it in the same transaction (REPEATABLE READ) as book_changes.
-- Refuses a login that is no enrolled PC, or a revoked one, so such a PC is
-- told why instead of pulling an empty book.
CREATE FUNCTION book_head() RETURNS TABLE (epoch uuid, version bigint)
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
    RETURN QUERY SELECT e.epoch, coalesce((SELECT c.version FROM salon_clock c WHERE c.salon_id = v_salon), 0)
        FROM server_epoch e;
END
$$;

-- iso_instant is a pure formatting helper; book_changes runs as the PC, so
-- the PC may use it (it reveals nothing).
GRANT EXECUTE ON FUNCTION iso_instant(timestamptz) TO chairside_device;
REVOKE EXECUTE ON FUNCTION book_rows(bigint), book_changes(bigint), book_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION book_rows(bigint), book_changes(bigint), book_head() TO chairside_device;
