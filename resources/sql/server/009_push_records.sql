-- Chairside server schema, version 9: push_mutations() writes a batch's
-- records with fewer statements (docs/sync.md, "Cost").
-- Statements end with ';' at the end of a line, outside $$ bodies.
--
-- Per mutation, push_mutations() of schema 2 looked up its stored outcome,
-- and wrote its audit row and its applied_mutations record, each a statement
-- of its own (about 0.3 ms a mutation together, under load, of 1 ms). Now
-- the batch's stored outcomes are read in one statement, the records of
-- the batch are written in one statement at its end, and the audit rows
-- too, except that a mutation of a row that an earlier mutation of the same
-- batch changed first writes the audit rows waiting: the apply functions
-- read a row's audit trail (changed_elsewhere, value_at_base), and must see
-- it as before. The rules, the outcomes and the order of the audit log
-- (entry_id) are unchanged. A sequence twice in one batch is answered, the
-- second time, with the first's outcome, as a retry is.

CREATE OR REPLACE FUNCTION push_mutations(p_mutations jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
DECLARE
    v_device devices := calling_device();
    v_version bigint;
    v_outcomes jsonb[] := '{}';
    v_outcome jsonb;
    v_sequence bigint;
    v_stored jsonb;
    m jsonb;
    -- This batch's records, written at its end.
    v_sequences bigint[] := '{}';
    v_kinds text[] := '{}';
    v_details jsonb[] := '{}';
    -- This batch's audit rows not written yet, and the rows they are about.
    a_sequences bigint[] := '{}';
    a_by text[] := '{}';
    a_happened timestamptz[] := '{}';
    a_entities text[] := '{}';
    a_ids text[] := '{}';
    a_kinds text[] := '{}';
    a_versions bigint[] := '{}';
    a_changes jsonb[] := '{}';
    a_rows text[] := '{}';
    v_row text;
BEGIN
    IF jsonb_typeof(p_mutations) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'push_mutations takes a JSON array of mutations.';
    END IF;
    PERFORM 1 FROM salon_clock WHERE salon_id = v_device.salon_id FOR UPDATE;
    -- The outcomes stored for the batch's sequences (a retried batch), in one read.
    SELECT coalesce(jsonb_object_agg(a.sequence::text, a.detail), '{}') INTO v_stored
        FROM applied_mutations a
        WHERE a.salon_id = v_device.salon_id AND a.device_id = v_device.device_id
            -- An array, not IN (SELECT ...): the primary key's index then
            -- finds each, instead of a join that reads the device's records.
            AND a.sequence = ANY (ARRAY(SELECT (e->>'sequence')::bigint FROM jsonb_array_elements(p_mutations) e
                                        WHERE jsonb_typeof(e->'sequence') = 'number'
                                            AND (e->>'sequence') ~ '^[0-9]{1,18}$'));
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
        v_outcome := v_stored->(v_sequence::text);
        IF v_outcome IS NOT NULL THEN
            v_outcomes := v_outcomes || v_outcome;
            CONTINUE;
        END IF;
        IF v_sequence = ANY (v_sequences) THEN
            v_outcomes := v_outcomes || v_details[array_position(v_sequences, v_sequence)];
            CONTINUE;
        END IF;
        IF v_version IS NULL THEN
            v_version := next_version(v_device.salon_id);
        END IF;
        -- An earlier mutation of this batch changed the same row: its audit
        -- row is written first, for the apply functions to read.
        v_row := coalesce(m->>'entity', '') || '/' || coalesce(m->>'id', '');
        IF v_row = ANY (a_rows) THEN
            INSERT INTO audit_log (salon_id, device_id, sequence, changed_by, happened_at, entity, entity_id,
                                   outcome, version, changes)
                SELECT v_device.salon_id, v_device.device_id, u.s, u.b, u.h, u.e, u.i, u.k, u.v, u.c
                FROM unnest(a_sequences, a_by, a_happened, a_entities, a_ids, a_kinds, a_versions, a_changes)
                    WITH ORDINALITY AS u(s, b, h, e, i, k, v, c, n)
                ORDER BY u.n;
            a_sequences := '{}'; a_by := '{}'; a_happened := '{}'; a_entities := '{}';
            a_ids := '{}'; a_kinds := '{}'; a_versions := '{}'; a_changes := '{}'; a_rows := '{}';
        END IF;
        v_outcome := apply_change(v_device.salon_id, v_device.device_id, m, v_version, true);
        a_sequences := a_sequences || v_sequence;
        a_by := a_by || CASE WHEN jsonb_typeof(m->'changedBy') = 'string' THEN m->>'changedBy' ELSE '' END;
        a_happened := a_happened || coalesce(try_instant(m->>'happenedAt'), now());
        a_entities := a_entities || coalesce(m->>'entity', '');
        a_ids := a_ids || coalesce(m->>'id', '');
        a_kinds := a_kinds || (v_outcome->>'outcome');
        a_versions := a_versions || coalesce((v_outcome->>'version')::bigint, (v_outcome->>'serverVersion')::bigint);
        a_changes := a_changes || coalesce(v_outcome->'changes', '{}');
        a_rows := a_rows || v_row;
        v_outcome := jsonb_build_object('sequence', v_sequence) || (v_outcome - 'changes');
        v_sequences := v_sequences || v_sequence;
        v_kinds := v_kinds || (v_outcome->>'outcome');
        v_details := v_details || v_outcome;
        v_outcomes := v_outcomes || v_outcome;
    END LOOP;
    INSERT INTO audit_log (salon_id, device_id, sequence, changed_by, happened_at, entity, entity_id,
                           outcome, version, changes)
        SELECT v_device.salon_id, v_device.device_id, u.s, u.b, u.h, u.e, u.i, u.k, u.v, u.c
        FROM unnest(a_sequences, a_by, a_happened, a_entities, a_ids, a_kinds, a_versions, a_changes)
            WITH ORDINALITY AS u(s, b, h, e, i, k, v, c, n)
        ORDER BY u.n;
    INSERT INTO applied_mutations (salon_id, device_id, sequence, outcome, detail)
        SELECT v_device.salon_id, v_device.device_id, u.s, u.k, u.d
        FROM unnest(v_sequences, v_kinds, v_details) AS u(s, k, d);
    IF v_version IS NOT NULL THEN
        -- A wake-up only: the salon and its version, never a row (8000 bytes at most).
        PERFORM pg_notify('chairside_book', jsonb_build_object('salon', v_device.salon_id, 'version', v_version)::text);
    END IF;
    RETURN to_jsonb(v_outcomes);
END
$$;
