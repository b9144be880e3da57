//! Signed-in sessions of desks and browsers: only the SHA-256 of a session's token is
//! kept, with its user and when it was last used (see [`crate::auth::session`]).

use super::{now_ms, DbPool, Store, StoreError, MYSQL, SQLITE};
use crate::domain::Millis;
use sqlx::Row;

/// A stored session, joined with its user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// Who signed in.
    pub user_name: String,
    /// When the session was last used.
    pub last_seen_at: Millis,
}

impl Store {
    /// Records a new session for `user_name`.
    pub async fn put_session(&self, token_hash: &str, user_name: &str) -> Result<(), StoreError> {
        let now = now_ms();
        with_writer!(self, |pool, dialect| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_name, created_at, last_seen_at) \
                 VALUES (?, ?, ?, ?)",
            )
            .bind(token_hash)
            .bind(user_name)
            .bind(now)
            .bind(now)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The session with this token hash, if there is one.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let row =
                sqlx::query("SELECT user_name, last_seen_at FROM sessions WHERE token_hash = ?")
                    .bind(token_hash)
                    .fetch_optional(pool)
                    .await?;
            Ok(match row {
                Some(row) => Some(SessionRow {
                    user_name: row.try_get("user_name")?,
                    last_seen_at: row.try_get("last_seen_at")?,
                }),
                None => None,
            })
        })
    }

    /// Marks a session used now.
    pub async fn touch_session(&self, token_hash: &str) -> Result<(), StoreError> {
        with_writer!(self, |pool, dialect| {
            sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
                .bind(now_ms())
                .bind(token_hash)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Ends a session. Returns whether there was one.
    pub async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError> {
        with_writer!(self, |pool, dialect| {
            Ok(sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
                .bind(token_hash)
                .execute(pool)
                .await?
                .rows_affected()
                == 1)
        })
    }

    /// Ends every session of a user (revoked, or their password changed), and every
    /// session unused since `stale_before`. Returns how many ended.
    pub async fn delete_sessions(
        &self,
        user_name: Option<&str>,
        stale_before: Millis,
    ) -> Result<u64, StoreError> {
        with_writer!(self, |pool, dialect| {
            Ok(
                sqlx::query("DELETE FROM sessions WHERE user_name = ? OR last_seen_at < ?")
                    .bind(user_name)
                    .bind(stale_before)
                    .execute(pool)
                    .await?
                    .rows_affected(),
            )
        })
    }
}
