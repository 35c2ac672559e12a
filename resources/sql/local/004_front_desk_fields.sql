-- Chairside local store, schema 4: what the front desk needs (issue 8).
-- The defaults are what every row written before meant: no rebook
-- suggestion, no patch test needed, the usual 48-hour / 6-month patch-test
-- window, and no reason for a cancellation.

ALTER TABLE services ADD COLUMN rebook_weeks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN needs_patch_test INTEGER NOT NULL DEFAULT 0;
ALTER TABLE salons ADD COLUMN patch_test_min_hours INTEGER NOT NULL DEFAULT 48;
ALTER TABLE salons ADD COLUMN patch_test_max_days INTEGER NOT NULL DEFAULT 183;
-- NULL when empty, like notes: most visits are never cancelled.
ALTER TABLE appointments ADD COLUMN cancel_reason TEXT;
