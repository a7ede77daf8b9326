-- Issue 16: 整改通知, issued by a supervisor to an agency of its subtree, answered by the
-- agency, accepted or returned by the supervisor.
CREATE TABLE rectifications (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    issuer_agency_id INTEGER NOT NULL REFERENCES agencies(id),
    issued_by INTEGER NOT NULL REFERENCES users(id),
    subject TEXT NOT NULL,
    basis TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'answered', 'accepted')),
    answer TEXT NOT NULL DEFAULT '',
    answered_on TEXT,
    returned_reason TEXT NOT NULL DEFAULT '',
    closed_on TEXT
);
CREATE INDEX rectifications_agency ON rectifications (agency_id, id);
CREATE INDEX rectifications_issuer ON rectifications (issuer_agency_id, id);
