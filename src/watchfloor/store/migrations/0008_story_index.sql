-- Story index (#10): story clustering reads candidate stories, their profiles and
-- feature frequencies from these tables instead of loading every member on every run.
-- `story_members.features` (a JSON list of the clusterer's feature keys) and its day
-- range say what a member added, so that a new version can take it out again; members
-- written before this version have none and are indexed by the next ingest.
ALTER TABLE story_members ADD COLUMN features TEXT;
ALTER TABLE story_members ADD COLUMN first_day INTEGER;
ALTER TABLE story_members ADD COLUMN last_day INTEGER;
CREATE INDEX story_members_days ON story_members (first_day, last_day);
ALTER TABLE stories ADD COLUMN members INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN dated INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stories_undated ON stories (dated, members);
-- How many members of a story hold a feature.
CREATE TABLE story_features (
    story_id TEXT NOT NULL,
    feature TEXT NOT NULL,
    members INTEGER NOT NULL,
    PRIMARY KEY (story_id, feature)
) WITHOUT ROWID;
CREATE INDEX story_features_feature ON story_features (feature);
-- How many members (articles) and stories hold a feature.
CREATE TABLE story_feature_counts (
    feature TEXT PRIMARY KEY,
    documents INTEGER NOT NULL,
    stories INTEGER NOT NULL
) WITHOUT ROWID;
