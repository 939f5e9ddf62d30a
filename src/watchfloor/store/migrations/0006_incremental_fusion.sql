-- Incremental fusion (#10). Reports can only fuse within one block: the same type,
-- actor set and recipient set. Each report and each fused event carries its block's key
-- (`rows.fusion_key`: a JSON array of the type and the sorted, distinct actor and
-- recipient ids), so that fusion reads and replaces one block through an index instead
-- of the whole store.
ALTER TABLE events ADD COLUMN fusion_key TEXT;
UPDATE events SET fusion_key = json_array(
    type,
    json((SELECT json_group_array(value) FROM
        (SELECT DISTINCT value FROM json_each(events.actor) ORDER BY value))),
    json((SELECT json_group_array(value) FROM
        (SELECT DISTINCT value FROM json_each(events.recipient) ORDER BY value)))
);
CREATE INDEX events_fusion_key ON events (fusion_key);
ALTER TABLE canonical_events ADD COLUMN fusion_key TEXT;
UPDATE canonical_events SET fusion_key = json_array(
    type,
    json((SELECT json_group_array(value) FROM
        (SELECT DISTINCT value FROM json_each(canonical_events.actor) ORDER BY value))),
    json((SELECT json_group_array(value) FROM
        (SELECT DISTINCT value FROM json_each(canonical_events.recipient) ORDER BY value)))
);
CREATE INDEX canonical_events_fusion_key ON canonical_events (fusion_key);
-- Blocks whose reports changed since they were last fused: written in the same
-- transaction as the change, emptied by fusion, so that a run killed between its last
-- commit and fusion leaves the work here for the next run. Every block of a store
-- made before this version is fused once more, which also repairs a store whose
-- fusion was interrupted then.
CREATE TABLE fusion_pending (
    fusion_key TEXT PRIMARY KEY
);
INSERT OR IGNORE INTO fusion_pending (fusion_key)
    SELECT fusion_key FROM events UNION SELECT fusion_key FROM canonical_events;
