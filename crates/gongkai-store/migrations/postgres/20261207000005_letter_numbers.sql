-- Issue 17: the running number of each agency's letters of a kind in a year, for the 文号
-- (七政依申〔2026〕3号). Incremented in the transaction that stores the letter.
CREATE TABLE letter_numbers (
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    kind TEXT NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (agency_id, kind, year)
);
