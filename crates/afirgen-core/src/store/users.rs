//! Station users: who may sign in, with which role, at which station. Only the hash of
//! a key's secret is kept (see [`crate::auth`]).

use super::{now_ms, DbPool, Store, StoreError, MYSQL, SQLITE};
use crate::domain::Millis;
use serde::Serialize;
use sqlx::Row;

const USER_COLUMNS: &str = "name, role, station_code, created_at, revoked_at, key_id, api_key_hash";

/// Reads a `users` row into a [`UserRow`].
macro_rules! user_from_row {
    ($row:expr) => {{
        let row = $row;
        UserRow {
            name: row.try_get("name")?,
            role: row.try_get("role")?,
            created_at: row.try_get("created_at")?,
            revoked_at: row.try_get("revoked_at")?,
            key_id: row.try_get("key_id")?,
            key_hash: row.try_get("api_key_hash")?,
            station_code: row.try_get("station_code")?,
        }
    }};
}

/// A station user as stored: who, which role, and the hash of their API key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserRow {
    /// Unique login name.
    pub name: String,
    /// `writer` or `sho` (see [`crate::auth::Role`]).
    pub role: String,
    /// When the user (or their current key) was created.
    pub created_at: Millis,
    /// When the key was revoked; a revoked user cannot sign in.
    pub revoked_at: Option<Millis>,
    /// The public part of the current key, for lookup.
    #[serde(skip)]
    pub key_id: Option<String>,
    /// SHA-256 (hex) of the key's secret part; the secret itself is never stored.
    #[serde(skip)]
    pub key_hash: Option<String>,
    /// The station the user works at; their key opens only that station's records.
    /// None for a user added before stations were recorded, until a station server
    /// adopts them ([`Store::adopt_users`]).
    pub station_code: Option<String>,
}

impl Store {
    /// Adds a user with a key, or gives a revoked user a new key and role. A user who
    /// is active already is a conflict: revoke first, so a key is never replaced by
    /// accident.
    pub async fn put_user(
        &self,
        name: &str,
        role: &str,
        station_code: &str,
        key_id: &str,
        key_hash: &str,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        with_writer!(self, |pool, dialect| {
            // IMMEDIATE on SQLite: a read-then-write must not fail on a lock upgrade
            // while the engine writes (e.g. `users add` beside a running server).
            let mut tx = pool.begin_with(dialect.begin).await?;
            let existing: Option<Option<i64>> =
                sqlx::query("SELECT revoked_at FROM users WHERE name = ?")
                    .bind(name)
                    .fetch_optional(&mut *tx)
                    .await?
                    .map(|row| row.try_get("revoked_at"))
                    .transpose()?;
            match existing {
                Some(None) => {
                    return Err(StoreError::Conflict(format!(
                        "user {name} exists and has a working key; revoke it first (afirgen users revoke {name})"
                    )))
                }
                Some(Some(_)) => {
                    sqlx::query(
                        "UPDATE users SET role = ?, station_code = ?, key_id = ?, api_key_hash = ?, \
                         created_at = ?, revoked_at = NULL WHERE name = ?",
                    )
                    .bind(role)
                    .bind(station_code)
                    .bind(key_id)
                    .bind(key_hash)
                    .bind(now)
                    .bind(name)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO users (name, role, station_code, key_id, api_key_hash, created_at) \
                         VALUES (?, ?, ?, ?, ?, ?)",
                    )
                    .bind(name)
                    .bind(role)
                    .bind(station_code)
                    .bind(key_id)
                    .bind(key_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Every user, by name.
    pub async fn users(&self) -> Result<Vec<UserRow>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY name"))
                .fetch_all(pool)
                .await?;
            rows.iter().map(|row| Ok(user_from_row!(row))).collect()
        })
    }

    /// The user holding the key with this public id, if any.
    pub async fn user_by_key_id(&self, key_id: &str) -> Result<Option<UserRow>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let row = sqlx::query(&format!(
                "SELECT {USER_COLUMNS} FROM users WHERE key_id = ?"
            ))
            .bind(key_id)
            .fetch_optional(pool)
            .await?;
            Ok(match row {
                Some(row) => Some(user_from_row!(row)),
                None => None,
            })
        })
    }

    /// Revokes a user's key at once. Returns false if there is no such active user.
    pub async fn revoke_user(&self, name: &str) -> Result<bool, StoreError> {
        with_writer!(self, |pool, dialect| {
            Ok(
                sqlx::query(
                    "UPDATE users SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                )
                .bind(now_ms())
                .bind(name)
                .execute(pool)
                .await?
                .rows_affected()
                    == 1,
            )
        })
    }

    /// Gives every user without a station to `station_code`: users added before
    /// stations were recorded belong to the station whose server first starts after
    /// the upgrade. Returns how many were adopted.
    pub async fn adopt_users(&self, station_code: &str) -> Result<u64, StoreError> {
        with_writer!(self, |pool, dialect| {
            Ok(
                sqlx::query("UPDATE users SET station_code = ? WHERE station_code IS NULL")
                    .bind(station_code)
                    .execute(pool)
                    .await?
                    .rows_affected(),
            )
        })
    }
}
