-- Issue 17: the information released with an answer (条例第三十六条第（二）项, 第四十条): the
-- registrar attaches the files, the applicant downloads them with the 查询码 and 查询密码,
-- and each download is recorded.
CREATE TABLE released_files (
    application_id INTEGER NOT NULL REFERENCES applications(id),
    sha256 TEXT NOT NULL REFERENCES attachments(sha256),
    file_name TEXT NOT NULL,
    added_on TEXT NOT NULL,
    PRIMARY KEY (application_id, sha256)
);

CREATE TABLE release_downloads (
    application_id INTEGER NOT NULL REFERENCES applications(id),
    sha256 TEXT NOT NULL,
    at INTEGER NOT NULL,
    client TEXT NOT NULL DEFAULT ''
);
CREATE INDEX release_downloads_application ON release_downloads (application_id, sha256);
