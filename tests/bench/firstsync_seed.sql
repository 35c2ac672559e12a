-- A salon's book for bench_firstsync, generated on the server in a few
-- statements: :'salon' with :appointments visits (one service line of a
-- busy and a processing segment each, stylists never double-booked) and a
-- client for every fourth visit, in the domain's JSON as the PCs push it.
-- Versions rise with the rows, as if pushed over time.
INSERT INTO salon_clock (salon_id) VALUES (:'salon');
INSERT INTO salons (salon_id, version, name, time_zone, details)
    VALUES (:'salon', 1, 'Bench salon', 'Europe/London', '{"patchTestMinHours": 48, "patchTestMaxDays": 180}');
INSERT INTO staff (salon_id, id, version, details)
    SELECT :'salon', 'stylist-' || n, 1 + n,
           jsonb_build_object('name', 'Stylist ' || n, 'role', 'stylist', 'colour', '#336699', 'active', true, 'skills', '[]'::jsonb)
    FROM generate_series(1, 12) AS n;
INSERT INTO services (salon_id, id, version, details)
    SELECT :'salon', 'service-' || n, 20 + n,
           jsonb_build_object('name', 'Service ' || n, 'category', 'Hair', 'priceCents', 2500 + n * 500, 'active', true,
                              'segments', '[{"kind": "busy", "minutes": 30}, {"kind": "processing", "minutes": 20}]'::jsonb)
    FROM generate_series(1, 6) AS n;
INSERT INTO clients (salon_id, id, version, details)
    SELECT :'salon', 'client-' || n, 100 + n,
           jsonb_build_object('name', 'Client number ' || n, 'phone', '+44 7700 ' || lpad(n::text, 6, '0'),
                              'email', 'client' || n || '@example.org', 'notes', 'Likes tea; ' || md5(n::text),
                              'patchTestDate', '', 'noShowCount', n % 3, 'consentSms', true,
                              'consentEmail', n % 2 = 0, 'consentPhotos', false)
    FROM generate_series(1, greatest(:appointments / 4, 1)) AS n;
CREATE TEMP TABLE bench_visits AS
    SELECT n, 'visit-' || n AS id, 'stylist-' || (1 + n % 12) AS staff,
           timestamptz '2026-01-05 09:00Z' + ((n / 12) * interval '1 hour') AS starts_at,
           100000 + n AS version
    FROM generate_series(1, :appointments) AS n;
INSERT INTO appointments (salon_id, id, version, client_id, status, starts_at, ends_at, details)
    SELECT :'salon', v.id, v.version, 'client-' || (1 + v.n % greatest(:appointments / 4, 1)), 'booked',
           v.starts_at, v.starts_at + interval '50 minutes',
           jsonb_build_object('walkIn', false, 'notes', '', 'depositCents', 0, 'overbooked', false,
                              'overbookReason', '', 'seriesId', '', 'cancelReason', '',
                              'createdBy', 'Ann', 'createdAt', '2025-12-01T09:00:00Z',
                              'changedBy', 'Ann', 'changedAt', '2025-12-01T09:00:00Z')
    FROM bench_visits v;
INSERT INTO appointment_lines (salon_id, appointment_id, position, version, id, service_id, staff_id)
    SELECT :'salon', v.id, 0, v.version, v.id || '-1', 'service-' || (1 + v.n % 6), v.staff FROM bench_visits v;
INSERT INTO appointment_segments (salon_id, appointment_id, line_position, position, version, staff_id, kind,
                                  starts_at, ends_at, holds_time, resource_ids)
    SELECT :'salon', v.id, 0, 0, v.version, v.staff, 'busy', v.starts_at, v.starts_at + interval '30 minutes', true, '{}'::text[]
    FROM bench_visits v
    UNION ALL
    SELECT :'salon', v.id, 0, 1, v.version, v.staff, 'processing', v.starts_at + interval '30 minutes',
           v.starts_at + interval '50 minutes', false, '{}'::text[]
    FROM bench_visits v;
UPDATE salon_clock SET version = 100000 + :appointments WHERE salon_id = :'salon';
ANALYZE salon_clock, salons, staff, services, clients, appointments, appointment_lines, appointment_segments;
