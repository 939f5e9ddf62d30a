-- Fingerprint bands (#10): dedup finds candidate copies by an index lookup on the LSH
-- band hashes of each stored MinHash signature, instead of loading every fingerprint
-- into an in-memory index on every run. `layout` says which band layout (and
-- signature settings) a fingerprint's bands were written for; fingerprints written
-- before this version have none and get their bands at the start of the next ingest.
ALTER TABLE fingerprints ADD COLUMN content_hash TEXT;
ALTER TABLE fingerprints ADD COLUMN layout TEXT;
CREATE INDEX fingerprints_content_hash ON fingerprints (content_hash);
CREATE INDEX fingerprints_layout ON fingerprints (layout);
-- kind: "shingle" (near copies) or "term" (reworded copies); hash: of that band's values.
CREATE TABLE fingerprint_bands (
    kind TEXT NOT NULL,
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (kind, band, hash, doc_id)
) WITHOUT ROWID;
CREATE INDEX fingerprint_bands_doc ON fingerprint_bands (doc_id);
