-- Actor keys (#10), as store/migrations/0010_actor_keys.sql: the name keys under which
-- the actor registry looks stored actors up, so that an ingest reads the actors its
-- articles name instead of loading every stored actor. Actors written before this
-- version get their keys at the start of the next ingest.
ALTER TABLE actors ADD COLUMN keys_version TEXT COLLATE "C";
CREATE INDEX actors_keys_version ON actors (keys_version);
CREATE TABLE actor_keys (
    kind TEXT COLLATE "C" NOT NULL,
    name_key TEXT COLLATE "C" NOT NULL,
    actor_id TEXT COLLATE "C" NOT NULL REFERENCES actors (actor_id) ON DELETE CASCADE,
    PRIMARY KEY (kind, name_key, actor_id)
);
CREATE INDEX actor_keys_actor ON actor_keys (actor_id);
