-- Fields of a draft the officer changed (JSON array of dotted paths): a regeneration
-- keeps their values.
ALTER TABLE drafts ADD COLUMN edited_fields LONGTEXT NULL;
