-- How far each reader of the outbox has got: the server sync keeps the
-- position 'server', the calendar sync will keep its own. A store with a
-- 'server' position has been shared: the salon's server holds every change
-- up to it. Outbox sequences never repeat (AUTOINCREMENT), so a position
-- stays meaningful after entries are deleted.
CREATE TABLE outbox_positions (
    consumer TEXT NOT NULL PRIMARY KEY,
    acknowledged INTEGER NOT NULL
);
