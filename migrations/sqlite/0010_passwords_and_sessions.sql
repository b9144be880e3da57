-- Officers sign in at a desk by name and password: the password's argon2id hash (a PHC
-- string, salt included) is kept, never the password. A run of failed sign-ins locks
-- the name for a while. A signed-in desk or browser holds a session token; only its
-- SHA-256 is kept, with when it was last used (a desk locks after a time unused).
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN failed_signins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until INTEGER;
CREATE TABLE sessions (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_name);
