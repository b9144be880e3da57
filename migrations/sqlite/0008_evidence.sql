-- Records sealed by the station's Ed25519 key (signing.rs), not only hashed: the
-- signature over the record's canonical payload (content, number, who finalised it and
-- when, and the head of the case's audit chain at that moment), the id of the key that
-- made it, and that head. NULL on records sealed before signing existed.
ALTER TABLE fir_records ADD COLUMN signature TEXT;
ALTER TABLE fir_records ADD COLUMN key_id TEXT;
ALTER TABLE fir_records ADD COLUMN audit_head TEXT;
ALTER TABLE supplements ADD COLUMN signature TEXT;
ALTER TABLE supplements ADD COLUMN key_id TEXT;
-- Each case's audit events form a hash chain: an event's hash covers the hash of the
-- case's event before it, so an altered or deleted event breaks the chain. NULL on
-- events written before the chain existed. The case's row keeps the newest hash, so a
-- writer extends the chain by locking one row.
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE cases ADD COLUMN audit_head TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
-- Every version of a case's draft, numbered: finalisation names the revision the
-- officer reviewed, and a draft changed since is refused with what changed.
ALTER TABLE drafts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
CREATE TABLE draft_revisions (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    revision INTEGER NOT NULL,
    content TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (case_id, revision)
);
INSERT INTO draft_revisions (case_id, revision, content, actor, at)
    SELECT case_id, revision, content, 'system', updated_at FROM drafts;
