-- gongkai core schema (SQLite). The PostgreSQL migration of the same version defines the same
-- tables and columns; a conformance test compares them. Dates are TEXT 'YYYY-MM-DD' and times
-- BIGINT milliseconds since the epoch (UTC) on both backends, so one SQL text serves both.

-- 机关: a tree; code is the 统一社会信用代码/组织机构代码 used in 索引号.
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES agencies(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('government', 'department')),
    settings TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'locked', 'disabled')),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('drafter', 'registrar', 'approver', 'admin', 'auditor', 'supervisor')),
    PRIMARY KEY (user_id, role)
);

-- 索引号 counters: one row per agency and year, advanced inside the transaction that uses it.
CREATE TABLE index_counters (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);

-- 主动公开 items; the metadata lives in versions (修订 = a new version).
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    index_no TEXT UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('draft', 'pending_registration', 'pending_approval', 'published', 'withdrawn', 'abolished')),
    current_version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE item_versions (
    item_id INTEGER NOT NULL REFERENCES items(id),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    doc_no TEXT NOT NULL DEFAULT '',
    written_on TEXT,
    published_on TEXT,
    validity TEXT NOT NULL DEFAULT 'valid' CHECK (validity IN ('valid', 'expired', 'abolished')),
    validity_on TEXT,
    keywords TEXT NOT NULL DEFAULT '',
    article20_item INTEGER CHECK (article20_item BETWEEN 1 AND 15),
    article21_item TEXT,
    domain TEXT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (item_id, version)
);

-- Each step of 登记审核 / 保密审查 / 审批 (一事一审), and flags accepted with a reason.
CREATE TABLE item_reviews (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    version INTEGER NOT NULL,
    step TEXT NOT NULL,
    decision TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    user_id INTEGER NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL
);

CREATE TABLE item_flag_acceptances (
    item_id INTEGER NOT NULL REFERENCES items(id),
    version INTEGER NOT NULL,
    flag TEXT NOT NULL,
    reason TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL,
    PRIMARY KEY (item_id, version, flag)
);

-- Attachments, content-addressed by sha256 (hex); the bytes live in the database.
CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    media_type TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE item_attachments (
    item_id INTEGER NOT NULL REFERENCES items(id),
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES attachments(sha256),
    file_name TEXT NOT NULL,
    PRIMARY KEY (item_id, version, sha256)
);

-- 依申请公开: the application and its event ledger (the statutory clock is computed from it).
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    tracking_code TEXT NOT NULL UNIQUE,
    tracking_secret_hash TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'in_person', 'registered_mail', 'mail', 'fax')),
    applicant_type TEXT NOT NULL CHECK (applicant_type IN ('natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other')),
    applicant_name TEXT NOT NULL,
    applicant_id_no TEXT NOT NULL DEFAULT '',
    applicant_contact TEXT NOT NULL DEFAULT '',
    applicant_address TEXT NOT NULL DEFAULT '',
    request TEXT NOT NULL,
    received_on TEXT,
    state TEXT NOT NULL,
    outcome TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE application_events (
    application_id INTEGER NOT NULL REFERENCES applications(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    user_id INTEGER REFERENCES users(id),
    at BIGINT NOT NULL,
    PRIMARY KEY (application_id, seq)
);

-- 答复书, 补正告知书, 延期告知书, 征求意见书, 收费通知书.
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    kind TEXT NOT NULL CHECK (kind IN ('answer', 'correction', 'extension', 'consultation', 'fee_notice')),
    body TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'sent')),
    approved_by INTEGER REFERENCES users(id),
    sent_on TEXT,
    created_at BIGINT NOT NULL
);

-- 信息处理费 (国办函〔2020〕109号), amounts in whole 元.
CREATE TABLE fees (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    basis TEXT NOT NULL CHECK (basis IN ('items', 'pages')),
    quantity INTEGER NOT NULL,
    amount_yuan INTEGER NOT NULL,
    notified_on TEXT NOT NULL,
    paid_on TEXT,
    waived INTEGER NOT NULL DEFAULT 0 CHECK (waived IN (0, 1))
);

-- 行政复议 / 行政诉讼.
CREATE TABLE appeals (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    kind TEXT NOT NULL CHECK (kind IN ('reconsideration', 'lawsuit_direct', 'lawsuit_after_reconsideration')),
    result TEXT NOT NULL CHECK (result IN ('upheld', 'corrected', 'other', 'pending')),
    application_id INTEGER REFERENCES applications(id),
    case_no TEXT NOT NULL DEFAULT '',
    filed_on TEXT NOT NULL,
    decided_on TEXT,
    created_at BIGINT NOT NULL
);

-- 年度报告: the working draft, and published snapshots that never change.
CREATE TABLE report_drafts (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, year)
);

CREATE TABLE report_snapshots (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published_by INTEGER NOT NULL REFERENCES users(id),
    published_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, year, version)
);

CREATE TRIGGER report_snapshots_no_update BEFORE UPDATE ON report_snapshots
BEGIN SELECT RAISE(ABORT, 'published report snapshots are immutable'); END;
CREATE TRIGGER report_snapshots_no_delete BEFORE DELETE ON report_snapshots
BEGIN SELECT RAISE(ABORT, 'published report snapshots are immutable'); END;

-- 社会评议.
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);

-- The change sequence the search index follows.
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    at BIGINT NOT NULL
);

-- The audit log: append-only, each row holding the previous row's hash.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- The chain's head: locked by the first statement of every auditing transaction, so rows are
-- appended one at a time in commit order on both backends.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
