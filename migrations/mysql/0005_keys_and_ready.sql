-- API keys are looked up by a public key id, then the secret's hash is compared in
-- constant time; jobs remember when they became ready for review (metrics: latency).
ALTER TABLE users ADD COLUMN key_id VARCHAR(32) NULL;
CREATE UNIQUE INDEX users_key_id ON users (key_id);
ALTER TABLE jobs ADD COLUMN ready_at BIGINT NULL;
CREATE INDEX jobs_ready ON jobs (ready_at);
