-- Chairside local store, schema 2.
-- The longest visit each salon has stored, in seconds. A range read looks
-- for visits starting up to this long before the range, so it stays an index
-- range on (salon_id, starts_at) instead of scanning every earlier visit.
-- Never lowered on removal: a stale larger value only widens the range a little.

CREATE TABLE salon_visit_span (
    salon_id TEXT NOT NULL PRIMARY KEY,
    max_seconds INTEGER NOT NULL
);

INSERT INTO salon_visit_span (salon_id, max_seconds)
    SELECT salon_id, MAX(ends_at - starts_at) FROM appointments GROUP BY salon_id;
