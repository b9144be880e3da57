//! Who works at a desk: the first start's station house officer, signing in and out,
//! the idle lock, and the station's users as a station house officer manages them. The
//! desktop shell holds one [`DeskSession`] and calls these; every role check is here or
//! deeper in the core, never only in the UI.

use crate::auth::{self, AuthError, DeskSession, Role, StationScope, Use, User, UserInfo};
use crate::Engine;
use serde::Serialize;

/// What a desk's sign-in screen needs to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInState {
    /// Who is signed in now, if anyone.
    pub user: Option<User>,
    /// The station has no user yet: the desk asks for its station house officer.
    pub first_start: bool,
    /// Seconds without use before the desk locks.
    #[ts(type = "number")]
    pub idle_lock_seconds: u64,
}

impl Engine {
    fn desk_station(&self) -> StationScope<'_> {
        StationScope(&self.config().station.code)
    }

    /// Whether someone is signed in at the desk, and whether it is the first start.
    pub async fn sign_in_state(&self, session: &DeskSession) -> Result<SignInState, AuthError> {
        let user = match session
            .user(self.store(), self.desk_station(), Use::Look)
            .await
        {
            Ok(user) => Some(user),
            Err(AuthError::SignedOut | AuthError::Idle { .. }) => None,
            Err(err) => return Err(err),
        };
        Ok(SignInState {
            first_start: user.is_none()
                && auth::needs_first_user(self.store(), self.desk_station()).await?,
            user,
            idle_lock_seconds: session.idle().as_secs(),
        })
    }

    /// The signed-in user at the desk: refused when no one is (or the desk locked).
    /// `used` says whether the call is the officer's doing (it keeps the desk awake).
    pub async fn desk_user(&self, session: &DeskSession, used: Use) -> Result<User, AuthError> {
        session.user(self.store(), self.desk_station(), used).await
    }

    /// Signs an officer in at the desk.
    pub async fn desk_sign_in(
        &self,
        session: &DeskSession,
        name: &str,
        password: &str,
    ) -> Result<User, AuthError> {
        session
            .sign_in(self.store(), name.trim(), password, self.desk_station())
            .await
    }

    /// The first start: creates the station house officer and signs them in.
    pub async fn desk_first_sho(
        &self,
        session: &DeskSession,
        name: &str,
        password: &str,
    ) -> Result<User, AuthError> {
        let user = auth::create_first_sho(self.store(), name.trim(), password, self.desk_station())
            .await?;
        session.start(self.store(), &user).await?;
        Ok(user)
    }

    /// Signs out (the UI's button, and its idle lock).
    pub async fn desk_sign_out(&self, session: &DeskSession) -> Result<(), AuthError> {
        session.sign_out(self.store()).await
    }

    /// The station's users, for the signed-in officer (without keys or hashes).
    pub async fn desk_users(&self, session: &DeskSession) -> Result<Vec<UserInfo>, AuthError> {
        self.desk_user(session, Use::Look).await?;
        let station = self.desk_station().0;
        Ok(auth::list_users(self.store())
            .await?
            .into_iter()
            .filter(|u| u.station_code.as_deref().is_none_or(|s| s == station))
            .collect())
    }

    /// Adds a user with a password: the signed-in officer must be a station house
    /// officer.
    pub async fn desk_add_user(
        &self,
        session: &DeskSession,
        name: &str,
        role: Role,
        password: &str,
    ) -> Result<User, AuthError> {
        let by = self.desk_user(session, Use::Active).await?;
        auth::add_user_with_password(
            self.store(),
            &by,
            name.trim(),
            role,
            password,
            self.desk_station(),
        )
        .await
    }

    /// Sets a password: one's own, or anyone's by a station house officer.
    pub async fn desk_set_password(
        &self,
        session: &DeskSession,
        name: &str,
        password: &str,
    ) -> Result<(), AuthError> {
        let by = self.desk_user(session, Use::Active).await?;
        let station = self.desk_station();
        auth::set_password(self.store(), Some((&by, station)), name.trim(), password).await
    }

    /// Revokes a user: a station house officer's act, never on themselves.
    pub async fn desk_revoke_user(
        &self,
        session: &DeskSession,
        name: &str,
    ) -> Result<(), AuthError> {
        let by = self.desk_user(session, Use::Active).await?;
        auth::revoke_user_by(self.store(), &by, name.trim(), self.desk_station()).await
    }
}
