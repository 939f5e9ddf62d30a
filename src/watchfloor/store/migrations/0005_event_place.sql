-- Where each event happens (#11): the ISO alpha-3 code of the country, and the city,
-- capital or region as the text names it (NULL when the text names only the country).
-- Events stored before this version have no place until `watchfloor reprocess`.
ALTER TABLE events ADD COLUMN place_country TEXT;
ALTER TABLE events ADD COLUMN place_name TEXT;
ALTER TABLE canonical_events ADD COLUMN place_country TEXT;
ALTER TABLE canonical_events ADD COLUMN place_name TEXT;
-- `events --place UKR` and `--place Kharkiv` read these, in timeline order.
CREATE INDEX canonical_events_place
    ON canonical_events (place_country, ("when" IS NULL), "when", canonical_id);
CREATE INDEX canonical_events_place_name
    ON canonical_events (place_name COLLATE NOCASE) WHERE place_name IS NOT NULL;
