-- AFIRGen schema, MySQL/MariaDB flavour. Keep in step with migrations/sqlite.
-- Times are milliseconds since the Unix epoch (UTC); JSON documents are LONGTEXT.
-- utf8mb4 stores any Unicode text byte for byte (plain utf8 would lose 4-byte characters).
-- The collation is not binary: sqlx reads binary-collated text columns as VARBINARY.

CREATE TABLE users (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(128) NOT NULL UNIQUE,
    role VARCHAR(32) NOT NULL,
    api_key_hash VARCHAR(128) NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cases (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    station_code VARCHAR(32) NOT NULL,
    language VARCHAR(16) NOT NULL,
    submitted_by VARCHAR(128) NOT NULL,
    created_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE blobs (
    sha256 CHAR(64) NOT NULL PRIMARY KEY,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE blob_chunks (
    sha256 CHAR(64) NOT NULL,
    seq BIGINT NOT NULL,
    data MEDIUMBLOB NOT NULL,
    PRIMARY KEY (sha256, seq),
    FOREIGN KEY (sha256) REFERENCES blobs(sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE inputs (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id BIGINT NOT NULL,
    ordinal BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    sha256 CHAR(64) NOT NULL,
    size BIGINT NOT NULL,
    display_name VARCHAR(255) NULL,
    UNIQUE KEY inputs_case_ordinal (case_id, ordinal),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (sha256) REFERENCES blobs(sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE jobs (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id BIGINT NOT NULL,
    state VARCHAR(32) NOT NULL,
    step VARCHAR(32) NULL,
    priority BIGINT NOT NULL DEFAULT 0,
    attempts BIGINT NOT NULL DEFAULT 0,
    error LONGTEXT NULL,
    claimed_by VARCHAR(64) NULL,
    lease_until BIGINT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    KEY jobs_queue (state, priority, id),
    KEY jobs_case (case_id),
    FOREIGN KEY (case_id) REFERENCES cases(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE step_outputs (
    job_id BIGINT NOT NULL,
    step VARCHAR(32) NOT NULL,
    version BIGINT NOT NULL,
    output LONGTEXT NOT NULL,
    raw_answer LONGTEXT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (job_id, step, version),
    FOREIGN KEY (job_id) REFERENCES jobs(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE drafts (
    case_id BIGINT NOT NULL PRIMARY KEY,
    job_id BIGINT NOT NULL,
    content LONGTEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (job_id) REFERENCES jobs(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE fir_sequences (
    station_code VARCHAR(32) NOT NULL,
    year BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    last_no BIGINT NOT NULL,
    PRIMARY KEY (station_code, year, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE fir_records (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id BIGINT NOT NULL UNIQUE,
    station_code VARCHAR(32) NOT NULL,
    year BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    fir_no BIGINT NOT NULL,
    content LONGTEXT NOT NULL,
    seal CHAR(64) NOT NULL,
    status VARCHAR(16) NOT NULL,
    finalized_by VARCHAR(128) NOT NULL,
    finalized_at BIGINT NOT NULL,
    UNIQUE KEY fir_number (station_code, year, kind, fir_no),
    FOREIGN KEY (case_id) REFERENCES cases(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_events (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id BIGINT NOT NULL,
    job_id BIGINT NULL,
    actor VARCHAR(128) NOT NULL,
    at BIGINT NOT NULL,
    action VARCHAR(64) NOT NULL,
    field VARCHAR(128) NULL,
    old_value LONGTEXT NULL,
    new_value LONGTEXT NULL,
    KEY audit_case (case_id, id),
    FOREIGN KEY (case_id) REFERENCES cases(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
