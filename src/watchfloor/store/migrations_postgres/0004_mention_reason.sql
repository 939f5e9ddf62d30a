-- Why the resolver gave each mention its actor (#12), as store/migrations/0004_mention_reason.sql.
-- Shown by `watchfloor actors --explain`. Rows resolved before this version have none.
ALTER TABLE mentions ADD COLUMN reason TEXT;
