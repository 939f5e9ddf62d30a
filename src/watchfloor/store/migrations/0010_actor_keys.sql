-- Actor keys (#10): the name keys under which the actor registry looks stored actors up
-- (`resolve/actor_keys.py`), so that an ingest reads the actors its articles name instead
-- of loading every stored actor. `keys_version` is the version of the code that wrote an
-- actor's keys; actors written before this version (NULL) or by other code get their
-- keys at the start of the next ingest.
ALTER TABLE actors ADD COLUMN keys_version TEXT;
CREATE INDEX actors_keys_version ON actors (keys_version);
-- kind: which index ("full", "surname", "org", ...); name_key: the key in it.
CREATE TABLE actor_keys (
    kind TEXT NOT NULL,
    name_key TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors (actor_id) ON DELETE CASCADE,
    PRIMARY KEY (kind, name_key, actor_id)
) WITHOUT ROWID;
CREATE INDEX actor_keys_actor ON actor_keys (actor_id);
