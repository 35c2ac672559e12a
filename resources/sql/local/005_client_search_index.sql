-- Chairside local store, schema 5: the client search as the desk types
-- (issue 8). A search matches the folded name or, for digits, the phone's
-- digits. With only (salon_id, name_key) indexed, SQLite walked that index
-- in name order and read every client's row to look at its phone: 150 ms a
-- keystroke for a phone search over 50k clients (bench_clientsearch). With
-- both columns in the index it reads the rows that match and no others.
CREATE INDEX clients_search ON clients(salon_id, name_key, phone_digits);
DROP INDEX clients_by_name;
