//! Station users: their roles, their API keys (programs and browsers), their passwords
//! ([`password`]: officers at a desk) and signed-in sessions ([`session`])
//! (docs/architecture.md, section 2).
//!
//! A key reads `afg_<key id>_<secret>`. The key id is public and finds the user; only
//! the SHA-256 of the secret is stored, and it is compared in constant time. The
//! secret is 256 random bits from the operating system, so a fast hash is enough: there
//! is nothing to brute-force that a slow hash would protect.

pub mod password;
pub mod session;

pub use password::{
    add_user_with_password, create_first_sho, needs_first_user, set_password, sign_in,
};
pub use session::{
    close_session, open_session, session_user, sign_in_session, DeskSession, SessionToken,
    SignedInBy, Use,
};

use crate::domain::Millis;
use crate::store::{Credential, Store, StoreError, UserRow};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;
use subtle::ConstantTimeEq;

const PREFIX: &str = "afg_";
const KEY_ID_BYTES: usize = 6;
const SECRET_BYTES: usize = 32;

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Writes complaints and reviews drafts; cannot finalise.
    Writer,
    /// Station house officer: everything a writer does, and finalises FIRs.
    Sho,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Writer => "writer",
            Role::Sho => "sho",
        }
    }

    /// Whether this role may finalise (number and seal) an FIR.
    pub fn may_finalize(self) -> bool {
        self == Role::Sho
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = AuthError;

    fn from_str(s: &str) -> Result<Role, AuthError> {
        match s {
            "writer" => Ok(Role::Writer),
            "sho" => Ok(Role::Sho),
            other => Err(AuthError::BadRole(other.to_owned())),
        }
    }
}

/// A signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    /// Login name; the audit trail records it.
    pub name: String,
    /// What they may do.
    pub role: Role,
}

/// Which station's keys a desk or server accepts: a user of another station is refused
/// (a database may be shared by several stations, each with its own server).
#[derive(Debug, Clone, Copy)]
pub struct StationScope<'a>(pub &'a str);

/// A user as listed by `afirgen users list` and a desk's Settings (never the key or
/// password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserInfo {
    /// Login name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// When the current key was issued.
    pub created_at: Millis,
    /// When the key was revoked, if it was.
    pub revoked_at: Option<Millis>,
    /// Their station (None: added before stations were recorded, not yet adopted).
    pub station_code: Option<String>,
    /// Whether they can sign in with a password (at a desk or in a browser).
    pub has_password: bool,
    /// Whether they hold an API key (programs, or a browser signed in with the key).
    pub has_key: bool,
}

/// Why a request is not let in, or a user not changed.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// No key was presented.
    #[error("an API key is required: send it as \"Authorization: Bearer afg_…\" (an administrator issues keys with `afirgen users add`)")]
    Missing,
    /// Something that is not a key of ours, or a key that does not match.
    #[error("the API key is not valid; check it was copied whole, or ask for a new one")]
    Invalid,
    /// The key was revoked.
    #[error("{0} was revoked at this station (key or password); ask the station house officer or the administrator")]
    Revoked(String),
    /// A valid key of another station's user.
    #[error("{user} works at station {theirs}, and this is station {ours}: sign in at your own station's server")]
    OtherStation {
        /// Who tried.
        user: String,
        /// Their station.
        theirs: String,
        /// This server's.
        ours: String,
    },
    /// Signed in, but the role does not allow it.
    #[error("{user} is a {role}; only a station house officer (sho) may {action}")]
    Forbidden {
        /// Who tried.
        user: String,
        /// Their role.
        role: Role,
        /// What they tried.
        action: &'static str,
    },
    /// An unknown role name.
    #[error("unknown role {0:?}: expected writer or sho")]
    BadRole(String),
    /// A user name that cannot be used.
    #[error("user name {0:?} must be 1 to 64 letters, digits, '.', '-' or '_'")]
    BadName(String),
    /// A wrong user name or password, or a name paused after too many wrong ones (which
    /// of these is not said).
    #[error("the user name or password is not right (or the name is paused for a minute after five wrong passwords); check them and try again")]
    BadCredentials,
    /// A password that is too short or too long.
    #[error(
        "a password must be {min} to {max} characters long (a PIN of {min} digits is the shortest)"
    )]
    WeakPassword {
        /// The fewest characters.
        min: usize,
        /// The most.
        max: usize,
    },
    /// No session, or one that ended (signed out, locked, or its user revoked).
    #[error("not signed in: sign in with your user name and password")]
    SignedOut,
    /// The desk was not used for longer than its idle lock allows.
    #[error("the desk locked after {minutes} minutes without use: sign in again")]
    Idle {
        /// The idle lock, in whole minutes (at least 1).
        minutes: u64,
    },
    /// The first user was asked for, but the station has users already.
    #[error("this station already has users: sign in instead (the first station house officer is created only once)")]
    HasUsers,
    /// No user of that name (or not an active one).
    #[error("there is no active user named {0:?}")]
    NoSuchUser(String),
    /// The operating system gave no randomness.
    #[error("cannot make a random key: {0}")]
    Random(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A newly issued key: shown once, never stored.
#[derive(Debug)]
pub struct IssuedKey {
    /// The user it belongs to.
    pub user: User,
    /// The whole key, `afg_<id>_<secret>`.
    pub key: String,
}

/// Issues a key for a new user of `station` (or a revoked one, who gets a new key, role
/// and station).
pub async fn add_user(
    store: &Store,
    name: &str,
    role: Role,
    station: StationScope<'_>,
) -> Result<IssuedKey, AuthError> {
    check_name(name)?;
    let mut id = [0u8; KEY_ID_BYTES];
    let mut secret = [0u8; SECRET_BYTES];
    getrandom::fill(&mut id).map_err(|e| AuthError::Random(e.to_string()))?;
    getrandom::fill(&mut secret).map_err(|e| AuthError::Random(e.to_string()))?;
    let key_id = hex::encode(id);
    let secret = hex::encode(secret);
    store
        .put_user(
            name,
            role.as_str(),
            station.0,
            Credential::Key {
                id: &key_id,
                hash: &hash_secret(&secret),
            },
        )
        .await?;
    Ok(IssuedKey {
        user: User {
            name: name.to_owned(),
            role,
        },
        key: format!("{PREFIX}{key_id}_{secret}"),
    })
}

/// Checks a new user's name: 1 to 64 letters (any script), digits, '.', '-' or '_'.
fn check_name(name: &str) -> Result<(), AuthError> {
    let valid = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if valid {
        Ok(())
    } else {
        Err(AuthError::BadName(name.to_owned()))
    }
}

/// The users, without their keys.
pub async fn list_users(store: &Store) -> Result<Vec<UserInfo>, AuthError> {
    store
        .users()
        .await?
        .into_iter()
        .map(|row| {
            Ok(UserInfo {
                role: row.role.parse()?,
                name: row.name,
                created_at: row.created_at,
                revoked_at: row.revoked_at,
                has_password: row.password_hash.is_some(),
                has_key: row.key_hash.is_some(),
                station_code: row.station_code,
            })
        })
        .collect()
}

/// Gives users added before stations were recorded to `station` (a station server does
/// this as it starts). Returns how many.
pub async fn adopt_users(store: &Store, station: StationScope<'_>) -> Result<u64, AuthError> {
    Ok(store.adopt_users(station.0).await?)
}

/// Revokes a user (key and password). Returns false if there was no such active user.
pub async fn revoke_user(store: &Store, name: &str) -> Result<bool, AuthError> {
    let revoked = store.revoke_user(name).await?;
    store.delete_sessions(Some(name), 0).await?;
    Ok(revoked)
}

/// Finds the user a presented key belongs to, if they work at `station`.
pub async fn authenticate(
    store: &Store,
    presented: &str,
    station: StationScope<'_>,
) -> Result<User, AuthError> {
    let (key_id, secret) = split_key(presented).ok_or(AuthError::Invalid)?;
    let row: Option<UserRow> = store.user_by_key_id(key_id).await?;
    let presented_hash = hash_secret(secret);
    // Compare against something even for an unknown id, so both paths cost the same.
    let stored_hash = row
        .as_ref()
        .and_then(|r| r.key_hash.clone())
        .unwrap_or_else(|| "0".repeat(presented_hash.len()));
    let equal: bool = presented_hash
        .as_bytes()
        .ct_eq(stored_hash.as_bytes())
        .into();
    match row {
        Some(row) if equal => {
            if row.revoked_at.is_some() {
                return Err(AuthError::Revoked(row.name));
            }
            // None: added before stations were recorded and not adopted yet (a server
            // adopts them as it starts); the desk's own database has only its users.
            if let Some(theirs) = row.station_code.filter(|s| s != station.0) {
                return Err(AuthError::OtherStation {
                    user: row.name,
                    theirs,
                    ours: station.0.to_owned(),
                });
            }
            Ok(User {
                role: row.role.parse()?,
                name: row.name,
            })
        }
        _ => Err(AuthError::Invalid),
    }
}

/// Whether `name` still has a working key (not revoked): a long-lived stream opened with
/// a key checks this, so that revoking the key ends it.
pub async fn still_active(store: &Store, name: &str) -> Result<bool, AuthError> {
    Ok(store
        .users()
        .await?
        .iter()
        .any(|u| u.name == name && u.revoked_at.is_none()))
}

/// Checks that `user` may finalise an FIR.
pub fn require_finalize(user: &User) -> Result<(), AuthError> {
    require_sho(user, "finalise an FIR")
}

/// Checks that `user` is a station house officer, who alone may do `action`.
pub fn require_sho(user: &User, action: &'static str) -> Result<(), AuthError> {
    if user.role.may_finalize() {
        Ok(())
    } else {
        Err(AuthError::Forbidden {
            user: user.name.clone(),
            role: user.role,
            action,
        })
    }
}

/// Revokes a user of `station` at a desk: only a station house officer may, and not
/// themselves (a station must keep one). Their sessions end at once.
pub async fn revoke_user_by(
    store: &Store,
    by: &User,
    name: &str,
    station: StationScope<'_>,
) -> Result<(), AuthError> {
    require_sho(by, "revoke users")?;
    // The stored name (MySQL compares names ignoring case) and the user's station.
    let row = store
        .user_by_name(name)
        .await?
        .filter(|r| r.revoked_at.is_none())
        .filter(|r| r.station_code.as_deref().is_none_or(|s| s == station.0))
        .ok_or_else(|| AuthError::NoSuchUser(name.to_owned()))?;
    let name = row.name.as_str();
    if by.name == name {
        return Err(AuthError::Forbidden {
            user: by.name.clone(),
            role: by.role,
            action: "revoke themselves (another station house officer must)",
        });
    }
    if !revoke_user(store, name).await? {
        return Err(AuthError::NoSuchUser(name.to_owned()));
    }
    Ok(())
}

/// Whether `key` has the shape of one of our keys (`afg_<key id>_<secret>`); says
/// nothing about whether any server accepts it.
pub fn is_well_formed(key: &str) -> bool {
    split_key(key).is_some()
}

/// The key with its secret hidden (`afg_<key id>_…`): enough to tell keys apart on a
/// screen or in a log, never enough to sign in. Anything not shaped like a key is
/// hidden entirely.
pub fn redact_key(key: &str) -> String {
    match split_key(key) {
        Some((id, _)) => format!("{PREFIX}{id}_…"),
        None => "…".to_owned(),
    }
}

fn split_key(key: &str) -> Option<(&str, &str)> {
    let rest = key.trim().strip_prefix(PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    let hex_of =
        |s: &str, bytes: usize| s.len() == bytes * 2 && s.bytes().all(|b| b.is_ascii_hexdigit());
    (hex_of(id, KEY_ID_BYTES) && hex_of(secret, SECRET_BYTES)).then_some((id, secret))
}

fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh SQLite store for the auth tests (this module's and its children's).
    pub(super) async fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = Store::connect(&url, 2).await.unwrap();
        store.migrate().await.unwrap();
        (dir, store)
    }

    const HERE: StationScope<'static> = StationScope("PS001");

    #[test]
    fn redacted_keys_keep_the_id_only() {
        let key = format!("afg_{}_{}", "a1".repeat(6), "f0".repeat(32));
        assert!(is_well_formed(&key));
        assert_eq!(redact_key(&key), format!("afg_{}_…", "a1".repeat(6)));
        assert!(!redact_key(&key).contains(&"f0".repeat(32)));
        assert!(!is_well_formed("afg_123_456"));
        assert_eq!(redact_key("not a key at all"), "…");
    }

    #[tokio::test]
    async fn keys_sign_in_until_revoked() {
        let (_dir, store) = store().await;
        let issued = add_user(&store, "asha", Role::Sho, HERE).await.unwrap();
        assert!(issued.key.starts_with("afg_"));
        let user = authenticate(&store, &issued.key, HERE).await.unwrap();
        assert_eq!(user.name, "asha");
        assert_eq!(user.role, Role::Sho);

        // The stored row holds no part of the secret.
        let rows = store.users().await.unwrap();
        let secret = issued.key.rsplit('_').next().unwrap();
        assert!(!rows[0].key_hash.as_deref().unwrap().contains(secret));

        // One changed character, a missing part, another format: all invalid.
        let mut tampered = issued.key.clone();
        let last = tampered.pop().unwrap();
        tampered.push(if last == '0' { '1' } else { '0' });
        for bad in [tampered.as_str(), "afg_", "Bearer x", ""] {
            assert!(matches!(
                authenticate(&store, bad, HERE).await,
                Err(AuthError::Invalid)
            ));
        }

        // An active user is not silently re-keyed.
        assert!(matches!(
            add_user(&store, "asha", Role::Writer, HERE).await,
            Err(AuthError::Store(StoreError::Conflict(_)))
        ));
        assert!(revoke_user(&store, "asha").await.unwrap());
        assert!(!revoke_user(&store, "asha").await.unwrap());
        assert!(matches!(
            authenticate(&store, &issued.key, HERE).await,
            Err(AuthError::Revoked(name)) if name == "asha"
        ));

        // A revoked user can be given a new key (and role); the old key stays dead.
        let again = add_user(&store, "asha", Role::Writer, HERE).await.unwrap();
        assert_eq!(
            authenticate(&store, &again.key, HERE).await.unwrap().role,
            Role::Writer
        );
        assert!(authenticate(&store, &issued.key, HERE).await.is_err());
        let listed = list_users(&store).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].revoked_at, None);
    }

    #[tokio::test]
    async fn names_and_roles_are_checked() {
        let (_dir, store) = store().await;
        for bad in ["", "a b", "../x", &"n".repeat(65)] {
            assert!(matches!(
                add_user(&store, bad, Role::Writer, HERE).await,
                Err(AuthError::BadName(_))
            ));
        }
        assert!("admin".parse::<Role>().is_err());
        let writer = User {
            name: "ravi".into(),
            role: Role::Writer,
        };
        assert!(matches!(
            require_finalize(&writer),
            Err(AuthError::Forbidden { .. })
        ));
        // Devanagari names are names too.
        add_user(&store, "राम", Role::Writer, HERE).await.unwrap();
    }
}
