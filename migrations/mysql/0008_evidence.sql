-- Records sealed by the station's Ed25519 key (signing.rs), not only hashed: the
-- signature over the record's canonical payload (content, number, who finalised it and
-- when, and the head of the case's audit chain at that moment), the id of the key that
-- made it, and that head. NULL on records sealed before signing existed.
ALTER TABLE fir_records ADD COLUMN signature VARCHAR(128) NULL;
ALTER TABLE fir_records ADD COLUMN key_id VARCHAR(16) NULL;
ALTER TABLE fir_records ADD COLUMN audit_head VARCHAR(64) NULL;
ALTER TABLE supplements ADD COLUMN signature VARCHAR(128) NULL;
ALTER TABLE supplements ADD COLUMN key_id VARCHAR(16) NULL;
-- Each case's audit events form a hash chain: an event's hash covers the hash of the
-- case's event before it, so an altered or deleted event breaks the chain. NULL on
-- events written before the chain existed. The case's row keeps the newest hash, so a
-- writer extends the chain by locking one row.
ALTER TABLE audit_events ADD COLUMN prev_hash VARCHAR(64) NULL;
ALTER TABLE cases ADD COLUMN audit_head VARCHAR(64) NULL;
ALTER TABLE audit_events ADD COLUMN hash VARCHAR(64) NULL;
-- Every version of a case's draft, numbered: finalisation names the revision the
-- officer reviewed, and a draft changed since is refused with what changed.
ALTER TABLE drafts ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
CREATE TABLE draft_revisions (
    case_id BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    content LONGTEXT NOT NULL,
    actor VARCHAR(255) NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (case_id, revision),
    FOREIGN KEY (case_id) REFERENCES cases(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO draft_revisions (case_id, revision, content, actor, at)
    SELECT case_id, revision, content, 'system', updated_at FROM drafts;
