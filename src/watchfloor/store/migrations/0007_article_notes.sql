-- What the NLP stages said about an article's current version (#9): a JSON list of
-- one-line notes, such as why it was not coded ("not coded: the text is in language
-- 'fr'..."); NULL when there is nothing to say.
ALTER TABLE articles ADD COLUMN notes TEXT;
