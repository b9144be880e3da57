//! Signed-in sessions. Signing in with a name and password opens a session whose token
//! the desk keeps in memory (the desktop) or the browser keeps in an HttpOnly cookie
//! (the station server). Only the token's SHA-256 is stored, so a copied database opens
//! nothing. A session ends when its user signs out, is revoked or has their password
//! set by someone else, or when it goes unused longer than the desk's idle lock.

use super::{sign_in, AuthError, StationScope, User};
use crate::domain::now_ms;
use crate::store::Store;
use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

const TOKEN_BYTES: usize = 32;

/// No session outlives this long unused, on any desk or browser: a shift. The longest
/// idle lock a desk may set, the station server's browser sessions, and what the
/// engine's housekeeping ends in the sessions table.
pub const LONGEST_IDLE: Duration = Duration::from_secs(8 * 3600);

/// A session's secret token. Its Debug output hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    /// The token as sent in a cookie.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A token as presented (from a cookie); any text is accepted here and simply
    /// finds no session if it is not one.
    pub fn presented(text: &str) -> SessionToken {
        SessionToken(text.trim().to_owned())
    }

    fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(…)")
    }
}

/// Whether a check of a session counts as use (keeps it from the idle lock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The officer did something: the idle clock starts again.
    Active,
    /// Only a look (a screen refreshing itself): the idle clock runs on.
    Look,
}

/// Opens a session for a user who has just proved who they are.
pub async fn open_session(store: &Store, user: &User) -> Result<SessionToken, AuthError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Random(e.to_string()))?;
    let token = SessionToken(hex::encode(bytes));
    store.put_session(&token.hash(), &user.name).await?;
    Ok(token)
}

/// The user of a session, if it is still open: not signed out, not idle longer than
/// `idle`, its user still active at `station`. An idle session is ended here.
pub async fn session_user(
    store: &Store,
    token: &SessionToken,
    station: StationScope<'_>,
    idle: Duration,
    used: Use,
) -> Result<User, AuthError> {
    let hash = token.hash();
    let row = store.session(&hash).await?.ok_or(AuthError::SignedOut)?;
    let idle_ms = i64::try_from(idle.as_millis()).unwrap_or(i64::MAX);
    if now_ms().saturating_sub(row.last_seen_at) > idle_ms {
        store.delete_session(&hash).await?;
        return Err(AuthError::Idle {
            minutes: (idle.as_secs() / 60).max(1),
        });
    }
    let user = store.user_by_name(&row.user_name).await?;
    let Some(user) = user.filter(|u| u.revoked_at.is_none()) else {
        store.delete_session(&hash).await?;
        return Err(AuthError::SignedOut);
    };
    if let Some(theirs) = user.station_code.filter(|s| s != station.0) {
        return Err(AuthError::OtherStation {
            user: user.name,
            theirs,
            ours: station.0.to_owned(),
        });
    }
    if used == Use::Active {
        store.touch_session(&hash).await?;
    }
    Ok(User {
        role: user.role.parse()?,
        name: user.name,
    })
}

/// Signs a user in with name and password and opens their session (a browser's
/// sign-in at the station server: the token goes into its cookie).
pub async fn sign_in_session(
    store: &Store,
    name: &str,
    password: &str,
    station: StationScope<'_>,
) -> Result<(User, SessionToken), AuthError> {
    let user = sign_in(store, name.trim(), password, station).await?;
    let token = open_session(store, &user).await?;
    Ok((user, token))
}

/// Ends a session (signing out). Ending one that is not open is not an error.
pub async fn close_session(store: &Store, token: &SessionToken) -> Result<(), AuthError> {
    store.delete_session(&token.hash()).await?;
    Ok(())
}

/// Ends every session unused for longer than `idle` (housekeeping). Returns how many.
pub async fn end_idle_sessions(store: &Store, idle: Duration) -> Result<u64, AuthError> {
    let idle_ms = i64::try_from(idle.as_millis()).unwrap_or(i64::MAX);
    Ok(store
        .delete_sessions(None, now_ms().saturating_sub(idle_ms))
        .await?)
}

/// How a request to the station server was signed in; a long-lived stream it opens
/// ends when that ends.
#[derive(Clone, Debug)]
pub enum SignedInBy {
    /// An API key (programs, desks of a station server).
    Key,
    /// A browser's session (its cookie's token).
    Session(SessionToken),
}

impl SignedInBy {
    /// Whether `user` is still signed in this way: the key not revoked, the session
    /// not ended (signed out, revoked, idle past `idle`). Looking does not count as use.
    /// A database error is an error, not an answer.
    pub async fn still_signed_in(
        &self,
        store: &Store,
        user: &str,
        station: super::StationScope<'_>,
        idle: Duration,
    ) -> Result<bool, AuthError> {
        match self {
            SignedInBy::Key => super::still_active(store, user).await,
            SignedInBy::Session(token) => {
                match session_user(store, token, station, idle, Use::Look).await {
                    Ok(_) => Ok(true),
                    Err(AuthError::Store(err)) => Err(AuthError::Store(err)),
                    Err(_) => Ok(false),
                }
            }
        }
    }
}

/// The one session of a desk: who is signed in at this computer now. The token stays
/// in the desk's memory (never in the web view), so closing the app signs out.
#[derive(Debug)]
pub struct DeskSession {
    token: Mutex<Option<SessionToken>>,
    idle: Duration,
}

impl DeskSession {
    /// No one signed in; the desk locks after `idle` unused.
    pub fn new(idle: Duration) -> DeskSession {
        DeskSession {
            token: Mutex::new(None),
            idle,
        }
    }

    /// The idle lock.
    pub fn idle(&self) -> Duration {
        self.idle
    }

    fn current(&self) -> Option<SessionToken> {
        self.token.lock().map(|t| t.clone()).unwrap_or(None)
    }

    fn replace(&self, token: Option<SessionToken>) -> Option<SessionToken> {
        match self.token.lock() {
            Ok(mut slot) => std::mem::replace(&mut *slot, token),
            Err(poisoned) => std::mem::replace(&mut *poisoned.into_inner(), token),
        }
    }

    /// Signs `name` in with their password, ending whoever was signed in before.
    pub async fn sign_in(
        &self,
        store: &Store,
        name: &str,
        password: &str,
        station: StationScope<'_>,
    ) -> Result<User, AuthError> {
        let user = sign_in(store, name, password, station).await?;
        self.start(store, &user).await?;
        Ok(user)
    }

    /// Starts a session for a user who has just proved who they are (or was just
    /// created at the desk's first start).
    pub async fn start(&self, store: &Store, user: &User) -> Result<(), AuthError> {
        let token = open_session(store, user).await?;
        if let Some(old) = self.replace(Some(token)) {
            close_session(store, &old).await?;
        }
        Ok(())
    }

    /// Who is signed in, if the session is still open; `used` says whether this counts
    /// as use. [`AuthError::SignedOut`] or [`AuthError::Idle`] when no one is.
    pub async fn user(
        &self,
        store: &Store,
        station: StationScope<'_>,
        used: Use,
    ) -> Result<User, AuthError> {
        let token = self.current().ok_or(AuthError::SignedOut)?;
        let user = session_user(store, &token, station, self.idle, used).await;
        if let Err(AuthError::SignedOut | AuthError::Idle { .. } | AuthError::OtherStation { .. }) =
            &user
        {
            // Ended (idle, revoked, signed out elsewhere): forget it, unless someone has
            // signed in meanwhile. A database that fails for a moment ends nothing.
            let mut slot = self.token.lock().unwrap_or_else(|e| e.into_inner());
            if slot.as_ref() == Some(&token) {
                *slot = None;
            }
        }
        user
    }

    /// Signs out (also what the idle lock does).
    pub async fn sign_out(&self, store: &Store) -> Result<(), AuthError> {
        match self.replace(None) {
            Some(token) => close_session(store, &token).await,
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::tests::store;
    use crate::auth::{add_user_with_password, create_first_sho, revoke_user, Role};

    const HERE: StationScope<'static> = StationScope("PS001");

    #[tokio::test]
    async fn a_desk_session_ends_on_sign_out_idleness_and_revocation() {
        let (_dir, store) = store().await;
        let sho = create_first_sho(&store, "asha", "pin-123456", HERE)
            .await
            .unwrap();
        add_user_with_password(&store, &sho, "ravi", Role::Writer, "ravi-pass", HERE)
            .await
            .unwrap();

        let desk = DeskSession::new(Duration::from_secs(600));
        assert!(matches!(
            desk.user(&store, HERE, Use::Look).await,
            Err(AuthError::SignedOut)
        ));
        desk.sign_in(&store, "ravi", "ravi-pass", HERE)
            .await
            .unwrap();
        assert_eq!(
            desk.user(&store, HERE, Use::Active).await.unwrap().name,
            "ravi"
        );
        // Only the token's hash is stored.
        let token = desk.current().unwrap();
        assert!(store.session(token.expose()).await.unwrap().is_none());
        assert!(!format!("{token:?}").contains(token.expose()));
        // Another officer signing in at the same desk ends the first one's session.
        desk.sign_in(&store, "asha", "pin-123456", HERE)
            .await
            .unwrap();
        assert!(matches!(
            session_user(&store, &token, HERE, desk.idle(), Use::Look).await,
            Err(AuthError::SignedOut)
        ));
        desk.sign_out(&store).await.unwrap();
        assert!(desk.user(&store, HERE, Use::Look).await.is_err());

        // Revoking a user ends their sessions at once.
        let other = DeskSession::new(Duration::from_secs(600));
        other
            .sign_in(&store, "ravi", "ravi-pass", HERE)
            .await
            .unwrap();
        assert!(revoke_user(&store, "ravi").await.unwrap());
        assert!(matches!(
            other.user(&store, HERE, Use::Look).await,
            Err(AuthError::SignedOut)
        ));
        assert!(matches!(
            sign_in(&store, "ravi", "ravi-pass", HERE).await,
            Err(AuthError::BadCredentials)
        ));

        // A desk unused for longer than its idle lock is locked, and stays locked.
        let idle = DeskSession::new(Duration::ZERO);
        idle.sign_in(&store, "asha", "pin-123456", HERE)
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert!(matches!(
            idle.user(&store, HERE, Use::Look).await,
            Err(AuthError::Idle { minutes: 1 })
        ));
        assert!(matches!(
            idle.user(&store, HERE, Use::Look).await,
            Err(AuthError::SignedOut)
        ));
    }

    #[tokio::test]
    async fn a_session_of_another_station_opens_nothing_here() {
        let (_dir, store) = store().await;
        let sho = create_first_sho(&store, "asha", "pin-123456", HERE)
            .await
            .unwrap();
        let token = open_session(&store, &sho).await.unwrap();
        let idle = Duration::from_secs(60);
        assert!(matches!(
            session_user(&store, &token, StationScope("PS002"), idle, Use::Look).await,
            Err(AuthError::OtherStation { .. })
        ));
        assert!(matches!(
            session_user(
                &store,
                &SessionToken::presented("nonsense"),
                HERE,
                idle,
                Use::Look
            )
            .await,
            Err(AuthError::SignedOut)
        ));
        // Housekeeping ends only what was unused for longer than the lock.
        assert_eq!(end_idle_sessions(&store, idle).await.unwrap(), 0);
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert_eq!(end_idle_sessions(&store, Duration::ZERO).await.unwrap(), 1);
    }
}
