-- Where each event happens (#11), as store/migrations/0005_event_place.sql: the ISO
-- alpha-3 code of the country, and the city, capital or region as the text names it
-- (NULL when the text names only the country). Events stored before this version have
-- no place until `watchfloor reprocess`.
ALTER TABLE events ADD COLUMN place_country TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN place_name TEXT COLLATE "C";
ALTER TABLE canonical_events ADD COLUMN place_country TEXT COLLATE "C";
ALTER TABLE canonical_events ADD COLUMN place_name TEXT COLLATE "C";
-- `events --place UKR` and `--place Kharkiv` read these, in timeline order. NULLs sort
-- last in an ascending index, so "when" needs no ("when" IS NULL) term as on SQLite;
-- lower() of a COLLATE "C" column folds ASCII letters only, as SQLite's NOCASE does.
CREATE INDEX canonical_events_place
    ON canonical_events (place_country, "when", canonical_id);
CREATE INDEX canonical_events_place_name
    ON canonical_events (lower(place_name)) WHERE place_name IS NOT NULL;
