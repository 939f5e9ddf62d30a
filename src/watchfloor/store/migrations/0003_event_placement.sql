-- Where each fused event sits on a timeline (#10): its own date, else its earliest
-- source's publication date or reference date. Written by fusion so that listings
-- order, filter and limit in SQL. Rows fused before this version get their own date or
-- their earliest source's publication date here; the next ingest or reprocess adds
-- reference dates.
ALTER TABLE canonical_events ADD COLUMN "when" TEXT;
ALTER TABLE canonical_events ADD COLUMN when_source TEXT;
UPDATE canonical_events SET "when" = date, when_source = 'date' WHERE date IS NOT NULL;
UPDATE canonical_events SET "when" = (
    SELECT MIN(a.published) FROM event_mentions m
    JOIN events e ON e.event_id = m.event_id
    JOIN articles a ON a.doc_id = e.doc_id AND a.is_current = 1
    WHERE m.canonical_id = canonical_events.canonical_id
), when_source = 'published' WHERE date IS NULL;
UPDATE canonical_events SET when_source = NULL WHERE "when" IS NULL;
CREATE INDEX canonical_events_when ON canonical_events (("when" IS NULL), "when", canonical_id);
-- The party index answers "events of this actor" from the index alone.
DROP INDEX event_parties_party;
CREATE INDEX event_parties_party ON event_parties (party, role, event_id);
