-- Why the resolver gave each mention its actor (#12): "dictionary name", "surname of
-- the most prominent bearer in the document", "user dictionary entry"... Shown by
-- `watchfloor actors --explain`. Rows resolved before this version have none.
ALTER TABLE mentions ADD COLUMN reason TEXT;
