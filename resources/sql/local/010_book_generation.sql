-- Chairside local store, schema 10: how often the book was written (issue 9).
--
-- Every write of rows adds one in its own transaction; the sync engine's
-- bookkeeping (the time of the last round, its error, an attempt counted)
-- and a pull that brought nothing new do not. A window watching the file
-- for other writers (PRAGMA data_version) reloads only when this moved, so
-- a sync round where nothing moved leaves the day alone.
CREATE TABLE book_generation (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    value INTEGER NOT NULL
);
INSERT INTO book_generation (only_row, value) VALUES (1, 0);
