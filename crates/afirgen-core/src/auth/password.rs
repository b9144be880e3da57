//! Passwords of officers who sign in at a desk. Only an argon2id hash is kept (a PHC
//! string carrying its own random salt and parameters: the argon2 crate's defaults,
//! OWASP's recommendation of 19 MiB and 2 passes), so a copied database does not give
//! the passwords away. Five wrong passwords in a row pause a name for a minute (an
//! attempt is counted before it is checked, so parallel guesses get no more), and an
//! unknown, revoked or paused name is answered as a wrong password after the same work.

use super::{check_name, AuthError, Role, StationScope, User};
use crate::domain::now_ms;
use crate::store::{Credential, Store};
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use std::sync::OnceLock;

/// The fewest characters a password may have (a six-digit PIN is allowed).
pub const MIN_PASSWORD_CHARS: usize = 6;
/// The most characters a password may have (hashing is bounded work).
pub const MAX_PASSWORD_CHARS: usize = 128;
/// Wrong passwords in a row that pause a name.
const LOCK_AFTER_FAILURES: i32 = 5;
/// How long a name is paused.
const LOCK_FOR_MS: i64 = 60_000;

fn check_password(password: &str) -> Result<(), AuthError> {
    let chars = password.chars().count();
    if (MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
        Ok(())
    } else {
        Err(AuthError::WeakPassword {
            min: MIN_PASSWORD_CHARS,
            max: MAX_PASSWORD_CHARS,
        })
    }
}

/// Hashes and checks at once: each holds 19 MiB and a core for tens of milliseconds, so a
/// burst of sign-ins waits its turn instead of exhausting the server's memory.
fn hashing() -> &'static tokio::sync::Semaphore {
    static TURNS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    TURNS.get_or_init(|| tokio::sync::Semaphore::new(2))
}

/// Runs argon2 work off the async threads (it is deliberately slow), one of two turns.
async fn in_turn<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AuthError> {
    let _turn = hashing()
        .acquire()
        .await
        .map_err(|e| AuthError::Random(e.to_string()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AuthError::Random(e.to_string()))
}

/// A new password's hash (a PHC string with its own random salt).
async fn hash(password: &str) -> Result<String, AuthError> {
    let password = password.to_owned();
    in_turn(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| AuthError::Random(e.to_string()))
    })
    .await?
}

/// A hash of nothing anyone knows, verified against when a name has no password, so
/// that a wrong name takes as long as a wrong password.
fn stand_in_hash() -> Option<&'static str> {
    static HASH: OnceLock<Option<String>> = OnceLock::new();
    HASH.get_or_init(|| {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).ok()?;
        Argon2::default()
            .hash_password(hex::encode(secret).as_bytes())
            .ok()
            .map(|hash| hash.to_string())
    })
    .as_deref()
}

/// Whether `password` matches the stored hash (a missing or unreadable hash never
/// matches, after the same work).
async fn verify(password: &str, stored: Option<String>) -> Result<bool, AuthError> {
    let password = password.to_owned();
    in_turn(move || {
        let (stored, real) = match stored {
            Some(stored) => (stored, true),
            None => (stand_in_hash().unwrap_or_default().to_owned(), false),
        };
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let good = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        good && real
    })
    .await
}

/// Whether the station has no active user yet: a desk's first start, which creates the
/// station house officer ([`create_first_sho`]).
pub async fn needs_first_user(store: &Store, station: StationScope<'_>) -> Result<bool, AuthError> {
    Ok(!store.has_active_users(station.0).await?)
}

/// Creates the station's first user, its station house officer, with a password.
/// Refused ([`AuthError::HasUsers`]) once the station has any active user.
pub async fn create_first_sho(
    store: &Store,
    name: &str,
    password: &str,
    station: StationScope<'_>,
) -> Result<User, AuthError> {
    check_name(name)?;
    check_password(password)?;
    let hash = hash(password).await?;
    if !store
        .put_first_user(name, Role::Sho.as_str(), station.0, &hash)
        .await?
    {
        return Err(AuthError::HasUsers);
    }
    Ok(User {
        name: name.to_owned(),
        role: Role::Sho,
    })
}

/// Adds a user who signs in with a password (or gives a revoked one a new password and
/// role). Only a station house officer adds users.
pub async fn add_user_with_password(
    store: &Store,
    by: &User,
    name: &str,
    role: Role,
    password: &str,
    station: StationScope<'_>,
) -> Result<User, AuthError> {
    super::require_sho(by, "add users")?;
    check_name(name)?;
    check_password(password)?;
    let hash = hash(password).await?;
    store
        .put_user(name, role.as_str(), station.0, Credential::Password(&hash))
        .await?;
    Ok(User {
        name: name.to_owned(),
        role,
    })
}

/// Sets a user's password: their own, or that of anyone at `station` by its station
/// house officer (`by` None: the administrator, from the command line, any station).
/// The user's sessions end when someone else sets it.
pub async fn set_password(
    store: &Store,
    by: Option<(&User, StationScope<'_>)>,
    name: &str,
    password: &str,
) -> Result<(), AuthError> {
    let (by, station) = by.unzip();
    if let Some(by) = by.filter(|by| by.name != name) {
        super::require_sho(by, "set another user's password")?;
    }
    check_password(password)?;
    let hash = hash(password).await?;
    if !store
        .set_password_hash(name, &hash, station.map(|s| s.0))
        .await?
    {
        return Err(AuthError::NoSuchUser(name.to_owned()));
    }
    if by.is_none_or(|by| by.name != name) {
        store.delete_sessions(Some(name), 0).await?;
    }
    Ok(())
}

/// Checks a name and password. A wrong password counts towards pausing the name; the
/// answer never says whether the name exists.
pub async fn sign_in(
    store: &Store,
    name: &str,
    password: &str,
    station: StationScope<'_>,
) -> Result<User, AuthError> {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(AuthError::BadCredentials);
    }
    let row = store.user_by_name(name).await?;
    let now = now_ms();
    // A name that can sign in claims its attempt before the check (refused while paused
    // or while as many attempts are in flight as the pause allows), so parallel guesses
    // cannot all get past the pause. Any other name (unknown, revoked, no password) and
    // a refused claim are checked against a stand-in at the same cost, and every refusal
    // reads the same: the answer never says whether the name exists or is paused.
    let usable = row
        .filter(|r| r.revoked_at.is_none() && r.password_hash.is_some())
        .map(|r| async move {
            let claimed = store
                .claim_sign_in(&r.name, LOCK_AFTER_FAILURES, now)
                .await?;
            Ok::<_, AuthError>(claimed.then_some(r))
        });
    let usable = match usable {
        Some(claim) => claim.await?,
        None => None,
    };
    let good = verify(
        password,
        usable.as_ref().and_then(|r| r.password_hash.clone()),
    )
    .await?;
    let Some(row) = usable else {
        return Err(AuthError::BadCredentials);
    };
    if !good {
        store
            .note_failed_sign_in(&row.name, LOCK_AFTER_FAILURES, now + LOCK_FOR_MS)
            .await?;
        return Err(AuthError::BadCredentials);
    }
    if let Some(theirs) = row.station_code.clone().filter(|s| s != station.0) {
        store.note_good_sign_in(&row.name).await?;
        return Err(AuthError::OtherStation {
            user: row.name,
            theirs,
            ours: station.0.to_owned(),
        });
    }
    store.note_good_sign_in(&row.name).await?;
    Ok(User {
        role: row.role.parse()?,
        name: row.name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::tests::store;

    const HERE: StationScope<'static> = StationScope("PS001");

    #[tokio::test]
    async fn the_first_sho_is_created_once_and_signs_in() {
        let (_dir, store) = store().await;
        assert!(needs_first_user(&store, HERE).await.unwrap());
        // Devanagari names and passwords are names and passwords.
        let sho = create_first_sho(&store, "राम", "गुप्त-शब्द", HERE)
            .await
            .unwrap();
        assert_eq!(sho.role, Role::Sho);
        assert!(!needs_first_user(&store, HERE).await.unwrap());
        // Another station on the same database starts on its own.
        assert!(needs_first_user(&store, StationScope("PS002"))
            .await
            .unwrap());
        assert!(matches!(
            create_first_sho(&store, "other", "password1", HERE).await,
            Err(AuthError::HasUsers)
        ));
        let row = store.user_by_name("राम").await.unwrap().unwrap();
        let stored = row.password_hash.unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains("गुप्त"));
        assert_eq!(sign_in(&store, "राम", "गुप्त-शब्द", HERE).await.unwrap(), sho);
        assert!(matches!(
            sign_in(&store, "राम", "गुप्त-शब्द", StationScope("PS002")).await,
            Err(AuthError::OtherStation { .. })
        ));
    }

    #[tokio::test]
    async fn wrong_passwords_pause_the_name_and_unknown_names_look_the_same() {
        let (_dir, store) = store().await;
        create_first_sho(&store, "asha", "right-pin", HERE)
            .await
            .unwrap();
        assert!(matches!(
            sign_in(&store, "nobody", "right-pin", HERE).await,
            Err(AuthError::BadCredentials)
        ));
        for _ in 0..LOCK_AFTER_FAILURES - 1 {
            assert!(matches!(
                sign_in(&store, "asha", "wrong-pin", HERE).await,
                Err(AuthError::BadCredentials)
            ));
        }
        assert!(matches!(
            sign_in(&store, "asha", "wrong-pin", HERE).await,
            Err(AuthError::BadCredentials)
        ));
        // Paused: even the right password is refused, in the same words (nothing says
        // the name exists); then the pause is on the row.
        assert!(matches!(
            sign_in(&store, "asha", "right-pin", HERE).await,
            Err(AuthError::BadCredentials)
        ));
        let paused = store.user_by_name("asha").await.unwrap().unwrap();
        assert!(paused.locked_until.is_some_and(|until| until > now_ms()));
        // Setting the password (the administrator) lifts the pause.
        set_password(&store, None, "asha", "new-pin-1")
            .await
            .unwrap();
        sign_in(&store, "asha", "new-pin-1", HERE).await.unwrap();
        assert!(matches!(
            sign_in(&store, "asha", &"x".repeat(MAX_PASSWORD_CHARS + 1), HERE).await,
            Err(AuthError::BadCredentials)
        ));
    }

    #[tokio::test]
    async fn only_a_station_house_officer_manages_other_users() {
        let (_dir, store) = store().await;
        let sho = create_first_sho(&store, "asha", "right-pin", HERE)
            .await
            .unwrap();
        for weak in ["12345", ""] {
            assert!(matches!(
                add_user_with_password(&store, &sho, "ravi", Role::Writer, weak, HERE).await,
                Err(AuthError::WeakPassword { .. })
            ));
        }
        let ravi = add_user_with_password(&store, &sho, "ravi", Role::Writer, "123456", HERE)
            .await
            .unwrap();
        assert!(matches!(
            add_user_with_password(&store, &ravi, "x", Role::Sho, "123456", HERE).await,
            Err(AuthError::Forbidden { .. })
        ));
        assert!(matches!(
            set_password(&store, Some((&ravi, HERE)), "asha", "taken-over").await,
            Err(AuthError::Forbidden { .. })
        ));
        // One's own password, yes.
        set_password(&store, Some((&ravi, HERE)), "ravi", "654321")
            .await
            .unwrap();
        sign_in(&store, "ravi", "654321", HERE).await.unwrap();
        assert!(matches!(
            set_password(&store, Some((&sho, HERE)), "ghost", "654321").await,
            Err(AuthError::NoSuchUser(_))
        ));
        assert!(matches!(
            super::super::revoke_user_by(&store, &ravi, "asha", HERE).await,
            Err(AuthError::Forbidden { .. })
        ));
        assert!(matches!(
            super::super::revoke_user_by(&store, &sho, "asha", HERE).await,
            Err(AuthError::Forbidden { .. })
        ));
        // Not another station's user, whatever the SHO's role here.
        let elsewhere = create_first_sho(&store, "bina", "bina-pin", StationScope("PS002"))
            .await
            .unwrap();
        assert!(matches!(
            set_password(&store, Some((&sho, HERE)), "bina", "taken-over").await,
            Err(AuthError::NoSuchUser(_))
        ));
        assert!(matches!(
            super::super::revoke_user_by(&store, &sho, "bina", HERE).await,
            Err(AuthError::NoSuchUser(_))
        ));
        assert_eq!(elsewhere.role, Role::Sho);
        super::super::revoke_user_by(&store, &sho, "ravi", HERE)
            .await
            .unwrap();
        let listed = super::super::list_users(&store).await.unwrap();
        let ravi = listed.iter().find(|u| u.name == "ravi").unwrap();
        assert!(ravi.revoked_at.is_some() && ravi.has_password && !ravi.has_key);
    }
}
