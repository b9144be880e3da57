-- Corrections to a finalized record: new, linked, sealed records; the original never changes.
CREATE TABLE supplements (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id BIGINT NOT NULL,
    record_seal CHAR(64) NOT NULL,
    content LONGTEXT NOT NULL,
    seal CHAR(64) NOT NULL,
    created_by VARCHAR(128) NOT NULL,
    created_at BIGINT NOT NULL,
    KEY supplements_case (case_id, id),
    FOREIGN KEY (case_id) REFERENCES cases(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
