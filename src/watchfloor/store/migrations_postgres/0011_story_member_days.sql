-- Story members by story and day (#10), as store/migrations/0011_story_member_days.sql:
-- whether a candidate story has a member within an article's time window is a range seek.
CREATE INDEX story_members_story_days ON story_members (story_id, first_day);
