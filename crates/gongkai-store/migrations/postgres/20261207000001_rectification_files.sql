-- Issue 16: files of a 整改通知: the supervisor's attachment to the notice ('notice') and the
-- agency's evidence with its answer ('evidence'). The bytes are content-addressed attachments.
CREATE TABLE rectification_files (
    rectification_id BIGINT NOT NULL REFERENCES rectifications(id),
    side TEXT NOT NULL CHECK (side IN ('notice', 'evidence')),
    sha256 TEXT NOT NULL REFERENCES attachments(sha256),
    file_name TEXT NOT NULL,
    added_on TEXT NOT NULL,
    PRIMARY KEY (rectification_id, side, sha256)
);
