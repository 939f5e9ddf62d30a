-- Fingerprint bands (#10), as store/migrations/0009_fingerprint_bands.sql: dedup finds
-- candidate copies by an index lookup on the LSH band hashes of each stored MinHash
-- signature. Fingerprints written before this version have no `layout` and get their
-- bands at the start of the next ingest.
ALTER TABLE fingerprints ADD COLUMN content_hash TEXT COLLATE "C";
ALTER TABLE fingerprints ADD COLUMN layout TEXT COLLATE "C";
CREATE INDEX fingerprints_content_hash ON fingerprints (content_hash);
CREATE INDEX fingerprints_layout ON fingerprints (layout);
-- kind: "shingle" (near copies) or "term" (reworded copies); hash: of that band's values.
CREATE TABLE fingerprint_bands (
    kind TEXT COLLATE "C" NOT NULL,
    band INTEGER NOT NULL,
    hash BIGINT NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, band, hash, doc_id)
);
CREATE INDEX fingerprint_bands_doc ON fingerprint_bands (doc_id);
