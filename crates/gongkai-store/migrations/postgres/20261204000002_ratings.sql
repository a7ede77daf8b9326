-- Issue 16: 社会评议. A 差评 with a comment is followed up by the agency (due_on, 15 working
-- days); its response is kept with it. Ratings are found by their target and counted per
-- agency.
ALTER TABLE ratings ADD COLUMN due_on TEXT;
ALTER TABLE ratings ADD COLUMN response TEXT NOT NULL DEFAULT '';
ALTER TABLE ratings ADD COLUMN responded_on TEXT;
CREATE INDEX ratings_target ON ratings (target_kind, target_id);
CREATE INDEX ratings_agency ON ratings (agency_id, at);
