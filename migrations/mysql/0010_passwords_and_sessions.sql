-- Officers sign in at a desk by name and password: the password's argon2id hash (a PHC
-- string, salt included) is kept, never the password. A run of failed sign-ins locks
-- the name for a while. A signed-in desk or browser holds a session token; only its
-- SHA-256 is kept, with when it was last used (a desk locks after a time unused).
ALTER TABLE users ADD COLUMN password_hash VARCHAR(255) NULL;
ALTER TABLE users ADD COLUMN failed_signins INT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until BIGINT NULL;
CREATE TABLE sessions (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    user_name VARCHAR(128) NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    INDEX sessions_user (user_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
