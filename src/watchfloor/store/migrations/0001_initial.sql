-- watchfloor schema, version 1.
-- Articles are versioned: a changed text under the same doc_id is a new version,
-- and only the current version carries derived rows (mentions, events...).

CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    is_current INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    published TEXT,
    outlet TEXT,
    url TEXT,
    byline TEXT,
    language TEXT,
    source TEXT NOT NULL,
    derived_from TEXT,
    story_id TEXT,
    ingested_at TEXT NOT NULL,
    UNIQUE (doc_id, version),
    UNIQUE (doc_id, content_hash)
);
CREATE INDEX articles_current ON articles (is_current, published);
CREATE INDEX articles_hash ON articles (content_hash);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'rowid'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;

CREATE TABLE runs (
    run_id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    stored INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE rejected (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs (run_id),
    doc_id TEXT NOT NULL,
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX rejected_reason ON rejected (reason);

CREATE TABLE actors (
    actor_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    members TEXT NOT NULL DEFAULT '[]'  -- JSON list of member ids (IGOs)
);
CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors (actor_id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
);
CREATE TABLE actor_roles (
    actor_id TEXT NOT NULL REFERENCES actors (actor_id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    organisation TEXT,
    start TEXT,
    "end" TEXT,
    stated TEXT,
    doc_id TEXT
);
-- NULLs are distinct in a plain UNIQUE constraint, so the key compares them as ''.
CREATE UNIQUE INDEX actor_roles_key ON actor_roles (
    actor_id, title, IFNULL(country, ''), IFNULL(start, ''), IFNULL("end", ''),
    IFNULL(stated, ''), IFNULL(doc_id, '')
);

CREATE TABLE sentences (
    doc_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    descriptor TEXT,
    actor_id TEXT,
    PRIMARY KEY (doc_id, start, "end")
);
CREATE INDEX mentions_actor ON mentions (actor_id);

CREATE TABLE time_expressions (
    doc_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT,
    timex TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end")
);

-- One row per event as one article reports it (records.Event).
CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    context TEXT NOT NULL DEFAULT '[]',
    actor TEXT NOT NULL DEFAULT '[]',
    recipient TEXT NOT NULL DEFAULT '[]',
    date TEXT,
    date_source TEXT,
    status TEXT NOT NULL,
    quantity_value REAL,
    quantity_unit TEXT,
    quantity_qualifier TEXT,
    quantity_text TEXT,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    trigger TEXT NOT NULL DEFAULT '',
    trigger_start INTEGER NOT NULL DEFAULT 0,
    trigger_end INTEGER NOT NULL DEFAULT 0,
    score REAL
);
CREATE INDEX events_doc ON events (doc_id, seq);
CREATE INDEX events_type_date ON events (type, date);

-- Actor and recipient ids of each event, for filtering (actor, recipient lists are JSON above).
CREATE TABLE event_parties (
    event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    party TEXT NOT NULL,
    PRIMARY KEY (event_id, role, party)
);
CREATE INDEX event_parties_party ON event_parties (party, role);

-- Fused events: one real-world event reported by one or more articles.
CREATE TABLE canonical_events (
    canonical_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    mode TEXT,
    actor TEXT NOT NULL DEFAULT '[]',
    recipient TEXT NOT NULL DEFAULT '[]',
    date TEXT,
    status TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0,
    independent_sources INTEGER NOT NULL DEFAULT 0,
    conflicts TEXT NOT NULL DEFAULT '[]'  -- JSON list of disagreements with their sources
);

-- Which article reports (events) are mentions of which fused event.
CREATE TABLE event_mentions (
    canonical_id TEXT NOT NULL REFERENCES canonical_events (canonical_id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    PRIMARY KEY (canonical_id, event_id)
);
CREATE INDEX event_mentions_event ON event_mentions (event_id);

CREATE TABLE quotes (
    doc_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_text TEXT,
    PRIMARY KEY (doc_id, start, "end")
);
CREATE INDEX quotes_speaker ON quotes (speaker);

CREATE TABLE duplicates (
    doc_id TEXT NOT NULL,
    other_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    score REAL NOT NULL,
    derived_from TEXT,
    PRIMARY KEY (doc_id, other_id)
);

-- Per-article state of the dedup index and story clusterer, so runs are incremental.
CREATE TABLE fingerprints (
    doc_id TEXT PRIMARY KEY,
    state BLOB NOT NULL
);
CREATE TABLE stories (
    story_id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT ''
);
CREATE TABLE story_members (
    doc_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    state BLOB NOT NULL
);
CREATE INDEX story_members_story ON story_members (story_id);
