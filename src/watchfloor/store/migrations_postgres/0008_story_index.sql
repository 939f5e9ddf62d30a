-- Story index (#10), as store/migrations/0008_story_index.sql: candidate stories, their
-- profiles and feature frequencies are read from these tables instead of loading every
-- member on every run. Members written before this version have no features and are
-- indexed by the next ingest.
ALTER TABLE story_members ADD COLUMN features TEXT;
ALTER TABLE story_members ADD COLUMN first_day INTEGER;
ALTER TABLE story_members ADD COLUMN last_day INTEGER;
CREATE INDEX story_members_days ON story_members (first_day, last_day);
ALTER TABLE stories ADD COLUMN members INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN dated INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stories_undated ON stories (dated, members);
-- How many members of a story hold a feature.
CREATE TABLE story_features (
    story_id TEXT COLLATE "C" NOT NULL,
    feature TEXT COLLATE "C" NOT NULL,
    members INTEGER NOT NULL,
    PRIMARY KEY (story_id, feature)
);
CREATE INDEX story_features_feature ON story_features (feature);
-- How many members (articles) and stories hold a feature.
CREATE TABLE story_feature_counts (
    feature TEXT COLLATE "C" PRIMARY KEY,
    documents INTEGER NOT NULL,
    stories INTEGER NOT NULL
);
