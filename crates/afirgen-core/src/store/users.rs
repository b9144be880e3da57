//! Station users: who may sign in, with which role, at which station. Only the hash of
//! a key's secret is kept (see [`crate::auth`]).

use super::{now_ms, DbPool, Store, StoreError, MYSQL, SQLITE};
use crate::domain::Millis;
use serde::Serialize;
use sqlx::Row;

const USER_COLUMNS: &str =
    "name, role, station_code, created_at, revoked_at, key_id, api_key_hash, \
                            password_hash, failed_signins, locked_until";

/// Who holds the name `$name` inside the transaction `$tx`: None when nobody,
/// `Some(None)` an active user, `Some(Some(at))` one revoked at `at`. Evaluates to
/// `Result<Option<Option<i64>>, StoreError>`.
macro_rules! name_holder {
    ($tx:ident, $name:expr) => {
        async {
            let holder: Option<Option<i64>> =
                sqlx::query("SELECT revoked_at FROM users WHERE name = ?")
                    .bind($name)
                    .fetch_optional(&mut *$tx)
                    .await?
                    .map(|row| row.try_get("revoked_at"))
                    .transpose()?;
            Ok::<_, StoreError>(holder)
        }
        .await
    };
}

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
            password_hash: row.try_get("password_hash")?,
            failed_signins: row.try_get("failed_signins")?,
            locked_until: row.try_get("locked_until")?,
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
    /// The argon2id hash (PHC string) of the user's password, if they have one: officers
    /// sign in at a desk with it ([`crate::auth::sign_in`]).
    #[serde(skip)]
    pub password_hash: Option<String>,
    /// Failed sign-ins since the last good one.
    #[serde(skip)]
    pub failed_signins: i32,
    /// Until when sign-in is refused after too many failures.
    #[serde(skip)]
    pub locked_until: Option<Millis>,
}

/// What a new user signs in with.
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    /// An API key: its public id and the SHA-256 of its secret (programs, browsers).
    Key {
        /// The public key id.
        id: &'a str,
        /// SHA-256 (hex) of the secret.
        hash: &'a str,
    },
    /// A password's argon2id hash (officers at a desk).
    Password(&'a str),
}

impl Credential<'_> {
    /// (key id, key hash, password hash): the columns it fills; the others are cleared.
    fn columns(&self) -> (Option<&str>, Option<&str>, Option<&str>) {
        match *self {
            Credential::Key { id, hash } => (Some(id), Some(hash), None),
            Credential::Password(hash) => (None, None, Some(hash)),
        }
    }
}

impl Store {
    /// Adds a user with a key or a password, or gives a revoked user a new one and a
    /// new role (the other credential is cleared). A user who is active already is a
    /// conflict: revoke first, so a key or password is never replaced by accident.
    pub async fn put_user(
        &self,
        name: &str,
        role: &str,
        station_code: &str,
        credential: Credential<'_>,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        let (key_id, key_hash, password_hash) = credential.columns();
        with_writer!(self, |pool, dialect| {
            // IMMEDIATE on SQLite: a read-then-write must not fail on a lock upgrade
            // while the engine writes (e.g. `users add` beside a running server).
            let mut tx = pool.begin_with(dialect.begin).await?;
            let existing = name_holder!(tx, name)?;
            match existing {
                Some(None) => {
                    return Err(StoreError::Conflict(format!(
                        "user {name} exists and is active; revoke them first (afirgen users revoke {name})"
                    )))
                }
                Some(Some(_)) => {
                    sqlx::query(
                        "UPDATE users SET role = ?, station_code = ?, key_id = ?, api_key_hash = ?, \
                         password_hash = ?, failed_signins = 0, locked_until = NULL, \
                         created_at = ?, revoked_at = NULL WHERE name = ?",
                    )
                    .bind(role)
                    .bind(station_code)
                    .bind(key_id)
                    .bind(key_hash)
                    .bind(password_hash)
                    .bind(now)
                    .bind(name)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO users (name, role, station_code, key_id, api_key_hash, \
                         password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    )
                    .bind(name)
                    .bind(role)
                    .bind(station_code)
                    .bind(key_id)
                    .bind(key_hash)
                    .bind(password_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Adds the station's first user, only while it has no active user: the first start
    /// of a desk creates its station house officer this way, and two desks starting at
    /// once cannot both do it. Returns false (nothing written) when a user exists.
    pub async fn put_first_user(
        &self,
        name: &str,
        role: &str,
        station_code: &str,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        // Two desks at their first start at once: on MySQL both take the gap lock and
        // InnoDB rolls one back as a deadlock victim; tried again (six times in all), it
        // finds the other's officer.
        super::retrying_lock_conflicts(6, || {
            self.put_first_user_once(name, role, station_code, password_hash)
        })
        .await
    }

    async fn put_first_user_once(
        &self,
        name: &str,
        role: &str,
        station_code: &str,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        let now = now_ms();
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            // A locking read on MySQL (gap locks on an empty table), so a second desk's
            // insert waits for this transaction; SQLite's IMMEDIATE already serialises.
            let active: i64 = sqlx::query(dialect.count_active_users)
                .bind(station_code)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
            if active > 0 {
                return Ok(false);
            }
            // Names are unique across the database a station's desks share: a revoked
            // user of the same name is replaced (its row is reused), an active one (of
            // another station: this one has none) is named, not failed on the key.
            let holder = name_holder!(tx, name)?;
            match holder {
                Some(None) => {
                    return Err(StoreError::Conflict(format!(
                        "the name {name} is already an officer's at another station sharing this database; choose another name"
                    )))
                }
                Some(Some(_)) => {
                    sqlx::query("DELETE FROM users WHERE name = ?")
                        .bind(name)
                        .execute(&mut *tx)
                        .await?;
                }
                None => {}
            }
            sqlx::query(
                "INSERT INTO users (name, role, station_code, password_hash, created_at) \
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(name)
            .bind(role)
            .bind(station_code)
            .bind(password_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Whether `station_code` has any active user, counting those of no station yet
    /// (none: a desk's first start).
    pub async fn has_active_users(&self, station_code: &str) -> Result<bool, StoreError> {
        with_pool!(self, |pool, dialect| {
            let active: i64 = sqlx::query(
                "SELECT COUNT(*) FROM users WHERE revoked_at IS NULL \
                 AND (station_code = ? OR station_code IS NULL)",
            )
            .bind(station_code)
            .fetch_one(pool)
            .await?
            .try_get(0)?;
            Ok(active > 0)
        })
    }

    /// Sets an active user's password (a new hash), clearing any lock-out; with a
    /// station, only a user of that station (or of none yet). Returns false if there is
    /// no such active user.
    pub async fn set_password_hash(
        &self,
        name: &str,
        hash: &str,
        station_code: Option<&str>,
    ) -> Result<bool, StoreError> {
        with_writer!(self, |pool, dialect| {
            Ok(sqlx::query(
                "UPDATE users SET password_hash = ?, failed_signins = 0, locked_until = NULL \
                 WHERE name = ? AND revoked_at IS NULL \
                 AND (? IS NULL OR station_code = ? OR station_code IS NULL)",
            )
            .bind(hash)
            .bind(name)
            .bind(station_code)
            .bind(station_code)
            .execute(pool)
            .await?
            .rows_affected()
                == 1)
        })
    }

    /// The user of this name, if any.
    pub async fn user_by_name(&self, name: &str) -> Result<Option<UserRow>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE name = ?"))
                .bind(name)
                .fetch_optional(pool)
                .await?;
            Ok(match row {
                Some(row) => Some(user_from_row!(row)),
                None => None,
            })
        })
    }

    /// Claims one attempt to sign in as `name` before its password is checked: counts
    /// it as failed until [`Store::note_good_sign_in`] says otherwise, and refuses (false)
    /// while the name is paused or `limit` attempts are already counted. Claiming first
    /// means parallel guesses cannot all pass the pause check before any is counted.
    pub async fn claim_sign_in(
        &self,
        name: &str,
        limit: i32,
        now: Millis,
    ) -> Result<bool, StoreError> {
        with_writer!(self, |pool, dialect| {
            Ok(sqlx::query(
                "UPDATE users SET failed_signins = failed_signins + 1, locked_until = NULL \
                 WHERE name = ? AND failed_signins < ? \
                 AND (locked_until IS NULL OR locked_until <= ?)",
            )
            .bind(name)
            .bind(limit)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
                == 1)
        })
    }

    /// After a failed attempt: at `limit` failures counted the name is paused until
    /// `lock_until` and the count starts again.
    pub async fn note_failed_sign_in(
        &self,
        name: &str,
        limit: i32,
        lock_until: Millis,
    ) -> Result<(), StoreError> {
        with_writer!(self, |pool, dialect| {
            sqlx::query(
                "UPDATE users SET failed_signins = 0, locked_until = ? \
                 WHERE name = ? AND failed_signins >= ?",
            )
            .bind(lock_until)
            .bind(name)
            .bind(limit)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Forgets failed sign-ins after a good one.
    pub async fn note_good_sign_in(&self, name: &str) -> Result<(), StoreError> {
        with_writer!(self, |pool, dialect| {
            sqlx::query(
                "UPDATE users SET failed_signins = 0, locked_until = NULL \
                 WHERE name = ? AND (failed_signins <> 0 OR locked_until IS NOT NULL)",
            )
            .bind(name)
            .execute(pool)
            .await?;
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
