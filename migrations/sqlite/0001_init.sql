-- AFIRGen schema, SQLite flavour. Keep in step with migrations/mysql.
-- Times are milliseconds since the Unix epoch (UTC); JSON documents are TEXT.

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    api_key_hash TEXT,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    station_code TEXT NOT NULL,
    language TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Content-addressed bytes: the same file dropped twice is stored once.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

-- Blobs are split into chunks so no row exceeds a server's packet limit.
CREATE TABLE blob_chunks (
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (sha256, seq)
);

CREATE TABLE inputs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    size INTEGER NOT NULL,
    display_name TEXT,
    UNIQUE (case_id, ordinal)
);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    state TEXT NOT NULL,
    step TEXT,
    priority INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    claimed_by TEXT,
    lease_until INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX jobs_queue ON jobs (state, priority, id);
CREATE INDEX jobs_case ON jobs (case_id);

CREATE TABLE step_outputs (
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    step TEXT NOT NULL,
    version INTEGER NOT NULL,
    output TEXT NOT NULL,
    raw_answer TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (job_id, step, version)
);

-- The current draft of a case (the officer edits this one).
CREATE TABLE drafts (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id),
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    content TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE fir_sequences (
    station_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    last_no INTEGER NOT NULL,
    PRIMARY KEY (station_code, year, kind)
);

CREATE TABLE fir_records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    station_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    fir_no INTEGER NOT NULL,
    content TEXT NOT NULL,
    seal TEXT NOT NULL,
    status TEXT NOT NULL,
    finalized_by TEXT NOT NULL,
    finalized_at INTEGER NOT NULL,
    UNIQUE (station_code, year, kind, fir_no)
);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    job_id INTEGER,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX audit_case ON audit_events (case_id, id);
