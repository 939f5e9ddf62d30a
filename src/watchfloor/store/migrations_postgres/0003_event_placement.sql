-- Where each fused event sits on a timeline (#10): its own date, else its earliest
-- source's publication date or reference date (store/migrations/0003_event_placement.sql).
-- PostgreSQL sorts NULLs last in an ascending index, so ("when", canonical_id) gives
-- timeline order (undated last) without SQLite's ("when" IS NULL) term.
ALTER TABLE canonical_events ADD COLUMN "when" TEXT COLLATE "C";
ALTER TABLE canonical_events ADD COLUMN when_source TEXT;
UPDATE canonical_events SET "when" = date, when_source = 'date' WHERE date IS NOT NULL;
UPDATE canonical_events SET "when" = (
    SELECT MIN(a.published) FROM event_mentions m
    JOIN events e ON e.event_id = m.event_id
    JOIN articles a ON a.doc_id = e.doc_id AND a.is_current = 1
    WHERE m.canonical_id = canonical_events.canonical_id
), when_source = 'published' WHERE date IS NULL;
UPDATE canonical_events SET when_source = NULL WHERE "when" IS NULL;
CREATE INDEX canonical_events_when ON canonical_events ("when", canonical_id);
-- Actor and recipient ids of each fused event, in timeline order per party, so that
-- "the first 100 events of this actor" reads 100 index entries however busy the actor.
CREATE TABLE canonical_parties (
    canonical_id TEXT COLLATE "C" NOT NULL
        REFERENCES canonical_events (canonical_id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    party TEXT COLLATE "C" NOT NULL,
    "when" TEXT COLLATE "C",
    PRIMARY KEY (canonical_id, role, party)
);
CREATE INDEX canonical_parties_timeline
    ON canonical_parties (party, role, "when", canonical_id);
INSERT INTO canonical_parties (canonical_id, role, party, "when")
    SELECT c.canonical_id, 'actor', j.value, c."when"
    FROM canonical_events c, jsonb_array_elements_text(c.actor::jsonb) j
    ON CONFLICT DO NOTHING;
INSERT INTO canonical_parties (canonical_id, role, party, "when")
    SELECT c.canonical_id, 'recipient', j.value, c."when"
    FROM canonical_events c, jsonb_array_elements_text(c.recipient::jsonb) j
    ON CONFLICT DO NOTHING;
-- An article's copy links, from either side.
CREATE INDEX duplicates_other ON duplicates (other_id);
