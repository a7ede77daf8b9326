-- A corrected annual report is a new version with a visible note (更正说明).
ALTER TABLE report_snapshots ADD COLUMN note TEXT NOT NULL DEFAULT '';
