-- Chairside local store, schema 6: the client search as the desk types, by
-- any part of a name or phone (issue 8). A search is "contains", which no
-- b-tree index answers: with (salon_id, name_key, phone_digits) SQLite walks
-- every client of the salon in name order until it has found enough, so a
-- search that few clients match read all 50k of them (14 ms a keystroke in
-- bench_clientsearch). SQLite's FTS5 with the trigram tokenizer indexes
-- every three-character piece of the folded name and the phone's digits, so
-- a search of three characters or more reads only the clients that match.
-- External content: the text stays in clients, kept in step by the triggers
-- below. FTS rows are keyed by the clients' rowid; nothing in Chairside runs
-- VACUUM, which may renumber them (after one, run the 'rebuild' below again).
CREATE VIRTUAL TABLE clients_text USING fts5(
    name_key, phone_digits, content = 'clients', tokenize = 'trigram');
INSERT INTO clients_text (clients_text) VALUES ('rebuild');

CREATE TRIGGER clients_text_insert AFTER INSERT ON clients BEGIN
    INSERT INTO clients_text (rowid, name_key, phone_digits)
        VALUES (new.rowid, new.name_key, new.phone_digits);
END;
CREATE TRIGGER clients_text_delete AFTER DELETE ON clients BEGIN
    INSERT INTO clients_text (clients_text, rowid, name_key, phone_digits)
        VALUES ('delete', old.rowid, old.name_key, old.phone_digits);
END;
CREATE TRIGGER clients_text_update AFTER UPDATE OF name_key, phone_digits ON clients BEGIN
    INSERT INTO clients_text (clients_text, rowid, name_key, phone_digits)
        VALUES ('delete', old.rowid, old.name_key, old.phone_digits);
    INSERT INTO clients_text (rowid, name_key, phone_digits)
        VALUES (new.rowid, new.name_key, new.phone_digits);
END;
