-- Issue 17: a year's holiday schedule (国务院办公厅's notice) added from the console, in the
-- text format of data/calendar/*.txt; it replaces a shipped year of the same number.
CREATE TABLE calendar_years (
    year BIGINT PRIMARY KEY,
    body TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at BIGINT NOT NULL
);
