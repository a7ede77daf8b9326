-- Issue 17: the running number of each agency's letters of a kind in a year, for the 文号
-- (七政依申〔2026〕3号). Incremented in the transaction that stores the letter.
CREATE TABLE letter_numbers (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (agency_id, kind, year)
);
