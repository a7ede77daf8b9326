-- Issue 16: 责任追究, recorded by a supervisor for an agency of its subtree.
CREATE TABLE accountability (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    issuer_agency_id INTEGER NOT NULL REFERENCES agencies(id),
    recorded_by INTEGER NOT NULL REFERENCES users(id),
    on_date TEXT NOT NULL,
    person_role TEXT NOT NULL,
    basis TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX accountability_agency ON accountability (agency_id, on_date);
