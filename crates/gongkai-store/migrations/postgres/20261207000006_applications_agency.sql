-- Issue 19: the registrar's work list reads one agency's applications through this index
-- instead of scanning every application of the platform (the plans test checks it).
CREATE INDEX applications_agency ON applications (agency_id, id);
