-- Grants for a station on MySQL/MariaDB (docs/threat-model.md, "Database grants").
--
-- Run once as an administrator, after the station server has created the schema:
--   mariadb -u root afirgen < scripts/mysql-grants.sql
-- then set each password (ALTER USER ... IDENTIFIED BY '...') and give desks the
-- afirgen_desk account, the station server the afirgen_server account.
--
-- The evidence tables (finalised records, supplements, the audit trail) can be added
-- to by a desk but never changed or deleted: a desk's credentials cannot rewrite a
-- sealed FIR or erase who did what. The station's signature and the audit chain detect
-- what slips past (an administrator's own edits); these grants keep detection from
-- being the only line. Schema changes (migrations) are the server account's alone.

CREATE USER IF NOT EXISTS 'afirgen_server'@'%';
CREATE USER IF NOT EXISTS 'afirgen_desk'@'%';

-- The station server: runs migrations and everything else on its schema.
GRANT ALL PRIVILEGES ON afirgen.* TO 'afirgen_server'@'%';

-- Desks: full use of the working tables...
GRANT SELECT, INSERT, UPDATE, DELETE ON afirgen.cases TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON afirgen.blobs TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON afirgen.blob_chunks TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON afirgen.inputs TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON afirgen.jobs TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON afirgen.step_outputs TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON afirgen.drafts TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT, UPDATE ON afirgen.fir_sequences TO 'afirgen_desk'@'%';
GRANT SELECT ON afirgen.legal_entries TO 'afirgen_desk'@'%';
-- Officers sign in at desks and a station house officer manages users there (first
-- start, wrong passwords counted, passwords set, sessions opened and swept).
GRANT SELECT, INSERT, UPDATE, DELETE ON afirgen.users TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON afirgen.sessions TO 'afirgen_desk'@'%';
GRANT SELECT ON afirgen._sqlx_migrations TO 'afirgen_desk'@'%';
-- ...and append-only evidence.
GRANT SELECT, INSERT ON afirgen.fir_records TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT ON afirgen.supplements TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT ON afirgen.audit_events TO 'afirgen_desk'@'%';
GRANT SELECT, INSERT ON afirgen.draft_revisions TO 'afirgen_desk'@'%';
