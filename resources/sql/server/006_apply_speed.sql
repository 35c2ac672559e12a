-- Chairside server schema, version 6: the apply functions' helpers keep
-- their plans (issue 9's push target: 1000 mutations in 1 s).
-- Statements end with ';' at the end of a line, outside $$ bodies.
--
-- A LANGUAGE sql function that PostgreSQL cannot inline (it has FROM, or
-- SET search_path) is parsed and planned again at every call; PL/pgSQL
-- keeps its plans for the session. push_mutations calls these for every
-- mutation, and planning them was most of its time (measured with
-- auto_explain: appointment_lines_json 1.6 ms of planning for 0.14 ms of
-- work, payload_segments 13 ms on a session's first call). Same bodies,
-- same results; only the language changes.
--
-- The helpers also lose their own SET search_path: a SET clause saves and
-- restores the setting at every call, and the plans of the caller are
-- checked against it again afterwards; that was a third of a push
-- (4.1-4.4 s against 2.4-3.3 s for 1000 mutations, measured by hand under
-- load). Nothing but the SECURITY DEFINER entry points (push_mutations,
-- upload_book), which set search_path = pg_catalog, public themselves, may
-- run them (EXECUTE is revoked from PUBLIC), so they run with that path.

CREATE OR REPLACE FUNCTION payload_segments(p jsonb)
    RETURNS TABLE (line_position integer, seg_position integer, staff_id text, kind text,
                   starts_at timestamptz, ends_at timestamptz, resource_ids text[])
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN QUERY
    SELECT (li - 1)::integer, (si - 1)::integer, nullif(l->>'staffId', ''), s->>'kind',
           (s->>'startsAt')::timestamptz, (s->>'endsAt')::timestamptz,
           ARRAY(SELECT jsonb_array_elements_text(coalesce(s->'resourceIds', '[]')))
    FROM jsonb_array_elements(p->'lines') WITH ORDINALITY AS line(l, li),
         jsonb_array_elements(coalesce(l->'segments', '[]')) WITH ORDINALITY AS segment(s, si);
END
$$;

CREATE OR REPLACE FUNCTION appointment_lines_json(p_salon text, p_id text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN (
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
    WHERE l.salon_id = p_salon AND l.appointment_id = p_id);
END
$$;

CREATE OR REPLACE FUNCTION row_changes(p_old jsonb, p_new jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    RETURN (
    SELECT coalesce(jsonb_object_agg(k, jsonb_build_array(p_old->k, p_new->k)), '{}')
    FROM (SELECT jsonb_object_keys(coalesce(p_old, '{}')) UNION SELECT jsonb_object_keys(coalesce(p_new, '{}'))) AS keys(k)
    WHERE (p_old->k) IS DISTINCT FROM (p_new->k));
END
$$;

CREATE OR REPLACE FUNCTION changed_elsewhere(p_salon text, p_device uuid, p_entity text, p_id text, p_base bigint) RETURNS boolean
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN EXISTS (SELECT FROM audit_log
                   WHERE salon_id = p_salon AND entity = p_entity AND entity_id = p_id
                       AND outcome = 'applied' AND version > coalesce(p_base, 0) AND device_id <> p_device);
END
$$;

-- Only the visit's segments that use a resource can fill one: said in the
-- query, so it finds them by the small index of such segments (or the
-- visit's key) instead of walking every holding segment of the salon, which
-- a fresh database's planner did (500 rows for each of 500 visits).
CREATE OR REPLACE FUNCTION check_resources(p_salon text, p_id text) RETURNS void
    LANGUAGE plpgsql STABLE
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
            AND s.resource_ids <> '{}'
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

-- The calling PC's salon, which every read of the book and every
-- row-level security policy asks for (a pull calls it a dozen times): a
-- SQL function with SET is planned again at each call, about as long as a
-- whole small pull took to run. Same query, same result.
CREATE OR REPLACE FUNCTION device_salon() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, public
AS $$
BEGIN
    RETURN (SELECT salon_id FROM devices WHERE login_role = current_user AND revoked_at IS NULL);
END
$$;

-- The other helpers a push runs for every mutation, without their SET
-- (above).
ALTER FUNCTION try_instant(text) RESET search_path;
ALTER FUNCTION book_row(text, text, text) RESET search_path;
ALTER FUNCTION check_mutation(text, jsonb, boolean) RESET search_path;
ALTER FUNCTION write_row(text, text, text, jsonb, bigint) RESET search_path;
ALTER FUNCTION write_appointment(text, text, jsonb, bigint) RESET search_path;
ALTER FUNCTION apply_change(text, uuid, jsonb, bigint, boolean) RESET search_path;
