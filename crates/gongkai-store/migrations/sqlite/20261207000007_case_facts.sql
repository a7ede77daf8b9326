-- Issue 19: what the annual report counts of each application (its date of receipt, its
-- closing date and outcome), kept beside the ledger so that table 三 is one GROUP BY instead
-- of replaying every ledger. Derived data: every change of state marks it stale
-- (facts_known = FALSE) and the report recomputes the stale ones from their ledgers first.
ALTER TABLE applications ADD COLUMN fact_received TEXT;
ALTER TABLE applications ADD COLUMN fact_closed TEXT;
ALTER TABLE applications ADD COLUMN fact_outcome TEXT;
ALTER TABLE applications ADD COLUMN facts_known INTEGER NOT NULL DEFAULT 0;
CREATE INDEX applications_facts ON applications (agency_id, fact_received);
CREATE INDEX applications_facts_stale ON applications (agency_id) WHERE NOT facts_known;
