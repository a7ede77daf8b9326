-- Issue 13: every audit row names the agency whose log it belongs to and the client's
-- address; hash_v 2 rows cover both in their hash. Rows from before keep hash_v 1 (their
-- hash does not cover the agency filled in below from the acting user's account).
ALTER TABLE audit_log ADD COLUMN agency_id BIGINT REFERENCES agencies(id);
ALTER TABLE audit_log ADD COLUMN client TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash_v BIGINT NOT NULL DEFAULT 1;
UPDATE audit_log SET agency_id = (SELECT u.agency_id FROM users u WHERE u.username = audit_log.actor);
CREATE INDEX audit_log_agency_seq ON audit_log (agency_id, seq);

-- Failed logins per account name and client address: the delay after repeated failures
-- applies to that address only, so nobody can lock an owner out from elsewhere. Names that
-- do not exist are counted alike (the answer must not tell which exist).
CREATE TABLE login_throttle (
    username TEXT NOT NULL,
    client TEXT NOT NULL,
    failures BIGINT NOT NULL,
    until_ms BIGINT NOT NULL,
    last_ms BIGINT NOT NULL,
    PRIMARY KEY (username, client)
);
