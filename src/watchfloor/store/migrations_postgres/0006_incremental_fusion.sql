-- Incremental fusion (#10), as store/migrations/0006_incremental_fusion.sql: each report
-- and each fused event carries its block's key (`rows.fusion_key`: the compact JSON
-- array of the type and the sorted, distinct actor and recipient ids), so that fusion
-- reads and replaces one block through an index instead of the whole store.
--
-- The key must be the very text `rows.fusion_key` writes (json.dumps with "," and ":"
-- separators, non-ASCII kept as it is): to_json() of a text quotes it as Python does
-- (the same escapes, \u00xx in lower case for the other control characters), and
-- COLLATE "C" sorts ids by code point as Python's sorted() does.
CREATE FUNCTION watchfloor_json_id_list(ids TEXT) RETURNS TEXT
LANGUAGE SQL IMMUTABLE STRICT AS $$
    SELECT '[' || COALESCE(string_agg(to_json(id)::TEXT, ',' ORDER BY id), '') || ']'
    FROM (SELECT DISTINCT value COLLATE "C" AS id
          FROM jsonb_array_elements_text(ids::jsonb)) AS distinct_ids
$$;
ALTER TABLE events ADD COLUMN fusion_key TEXT COLLATE "C";
UPDATE events SET fusion_key = '[' || to_json(type)::TEXT || ','
    || watchfloor_json_id_list(actor) || ',' || watchfloor_json_id_list(recipient) || ']';
CREATE INDEX events_fusion_key ON events (fusion_key);
ALTER TABLE canonical_events ADD COLUMN fusion_key TEXT COLLATE "C";
UPDATE canonical_events SET fusion_key = '[' || to_json(type)::TEXT || ','
    || watchfloor_json_id_list(actor) || ',' || watchfloor_json_id_list(recipient) || ']';
CREATE INDEX canonical_events_fusion_key ON canonical_events (fusion_key);
DROP FUNCTION watchfloor_json_id_list(TEXT);
-- Blocks whose reports changed since they were last fused: written in the same
-- transaction as the change, emptied by fusion, so that a run killed between its last
-- commit and fusion leaves the work here for the next run. Every block of a store
-- made before this version is fused once more.
CREATE TABLE fusion_pending (
    fusion_key TEXT COLLATE "C" PRIMARY KEY
);
INSERT INTO fusion_pending (fusion_key)
    SELECT fusion_key FROM events UNION SELECT fusion_key FROM canonical_events;
