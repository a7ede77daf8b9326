-- The staff console: login sessions, and the version of an item the public sees (a revision
-- in review leaves the published version online).

-- A session is found by the SHA-256 of its cookie value; the cookie itself is never stored.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);

ALTER TABLE items ADD COLUMN published_version INTEGER;
CREATE INDEX items_public ON items (agency_id, published_version);
CREATE INDEX changes_seq ON changes (entity, seq);
