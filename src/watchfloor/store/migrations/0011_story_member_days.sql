-- Story members by story and day (#10): whether a candidate story has a member within an
-- article's time window is a range seek in this index, however many members it has.
CREATE INDEX story_members_story_days ON story_members (story_id, first_day);
