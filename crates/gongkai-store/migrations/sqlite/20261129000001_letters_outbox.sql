-- Letter templates as edited by the agency (no row: the built-in wording).
CREATE TABLE letter_templates (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    kind TEXT NOT NULL CHECK (kind IN ('answer', 'correction', 'extension', 'consultation', 'fee_notice')),
    body TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, kind)
);

-- Notifications (the outbox): written in the transaction of what they announce, sent by SMTP
-- when a mail server is configured, retried with a growing pause.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    application_id INTEGER REFERENCES applications(id),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    next_attempt_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

-- Files an applicant sends with the application (条例第二十九条: proof of identity, a description).
CREATE TABLE application_attachments (
    application_id INTEGER NOT NULL REFERENCES applications(id),
    sha256 TEXT NOT NULL REFERENCES attachments(sha256),
    file_name TEXT NOT NULL,
    PRIMARY KEY (application_id, sha256)
);
