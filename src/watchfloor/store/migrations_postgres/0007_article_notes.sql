-- What the NLP stages said about an article's current version (#9), as
-- store/migrations/0007_article_notes.sql: a JSON list of one-line notes (why it was
-- not coded...), kept as text like the other JSON lists; NULL when there is nothing to say.
ALTER TABLE articles ADD COLUMN notes TEXT;
