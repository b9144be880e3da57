//! Signing in at the desk and the station's users: each command is one core call
//! (`afirgen_core::desk::people`); the session's token never leaves the shell.

use crate::desk::Desk;
use afirgen_core::auth::{Role, User, UserInfo};
use afirgen_core::desk::SignInState;
use afirgen_core::report::ErrorReport;
use tauri::State;

type Result<T> = std::result::Result<T, ErrorReport>;

/// Whether someone is signed in, and whether this is the station's first start.
#[tauri::command]
pub async fn sign_in_state(desk: State<'_, Desk>) -> Result<SignInState> {
    Ok(desk.engine()?.sign_in_state(&desk.session).await?)
}

/// Signs an officer in with their name and password.
#[tauri::command]
pub async fn sign_in(name: String, password: String, desk: State<'_, Desk>) -> Result<User> {
    Ok(desk
        .engine()?
        .desk_sign_in(&desk.session, &name, &password)
        .await?)
}

/// The first start: creates the station house officer's account and signs them in.
#[tauri::command]
pub async fn create_first_sho(
    name: String,
    password: String,
    desk: State<'_, Desk>,
) -> Result<User> {
    Ok(desk
        .engine()?
        .desk_first_sho(&desk.session, &name, &password)
        .await?)
}

/// Signs out (the button, and the idle lock).
#[tauri::command]
pub async fn sign_out(desk: State<'_, Desk>) -> Result<()> {
    Ok(desk.engine()?.desk_sign_out(&desk.session).await?)
}

/// The officer is at the desk (a key or the mouse): the idle lock starts again.
#[tauri::command]
pub async fn still_here(desk: State<'_, Desk>) -> Result<User> {
    Ok(desk.acting().await?.1)
}

/// The station's users.
#[tauri::command]
pub async fn list_users(desk: State<'_, Desk>) -> Result<Vec<UserInfo>> {
    Ok(desk.engine()?.desk_users(&desk.session).await?)
}

/// Adds a user (a station house officer's act).
#[tauri::command]
pub async fn add_user(
    name: String,
    role: Role,
    password: String,
    desk: State<'_, Desk>,
) -> Result<User> {
    Ok(desk
        .engine()?
        .desk_add_user(&desk.session, &name, role, &password)
        .await?)
}

/// Sets a password: one's own, or anyone's by a station house officer.
#[tauri::command]
pub async fn set_password(name: String, password: String, desk: State<'_, Desk>) -> Result<()> {
    Ok(desk
        .engine()?
        .desk_set_password(&desk.session, &name, &password)
        .await?)
}

/// Revokes a user (a station house officer's act).
#[tauri::command]
pub async fn revoke_user(name: String, desk: State<'_, Desk>) -> Result<()> {
    Ok(desk
        .engine()?
        .desk_revoke_user(&desk.session, &name)
        .await?)
}
