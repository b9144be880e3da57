//! Signing in at the station server with a name and password: the session's token goes
//! into an HttpOnly, SameSite=Strict cookie the page's scripts cannot read (see
//! [`crate::guard`] for how requests carrying it are let in).

use crate::error::{ApiError, ErrorBody};
use crate::guard::{self, CSRF_HEADER, CSRF_VALUE, SESSION_COOKIE};
use crate::AppState;
use afirgen_core::auth::{self, SessionToken, StationScope, User};
use afirgen_core::report::{ErrorCode, ErrorReport};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

/// A sign-in form.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SignIn {
    /// User name.
    name: String,
    /// Their password (never logged or stored).
    password: String,
}

/// Cookie attributes: the page's scripts cannot read it, other sites' pages cannot make
/// the browser send it. (Not `Secure`: a station server is often plain HTTP on the
/// station's own network; behind a TLS proxy the proxy may add it.)
const ATTRIBUTES: &str = "HttpOnly; SameSite=Strict; Path=/";

fn forged(headers: &HeaderMap) -> Option<ApiError> {
    let sent = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(CSRF_VALUE));
    (!sent).then(|| {
        ApiError::from(ErrorReport::new(
            ErrorCode::Forbidden,
            format!("signing in or out must carry \"{CSRF_HEADER}: {CSRF_VALUE}\" (the station's own pages send it)"),
        ))
    })
}

#[utoipa::path(post, path = "/session", request_body = SignIn, responses((status = 200, description = "Signed in: the user, and a session cookie (HttpOnly, SameSite=Strict). Requests with the cookie that change something must send `X-Requested-With: afirgen`.", body = User), (status = 401, description = "Wrong name or password (code sign_in_failed), or the name is paused after too many", body = ErrorBody), (status = 403, description = "Without the X-Requested-With header", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)))]
pub(crate) async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(form): Json<SignIn>,
) -> Result<Response, ApiError> {
    if let Some(refused) = forged(&headers) {
        return Err(refused);
    }
    let station = StationScope(&state.engine.config().station.code);
    let (user, token) =
        auth::sign_in_session(state.engine.store(), &form.name, &form.password, station).await?;
    // No Max-Age: the cookie ends with the browser, so a shared station computer does
    // not keep an officer signed in after the browser is closed.
    let cookie = format!("{SESSION_COOKIE}={}; {ATTRIBUTES}", token.expose());
    Ok(([(header::SET_COOKIE, cookie)], Json(user)).into_response())
}

#[utoipa::path(delete, path = "/session", responses((status = 204, description = "Signed out: the session ended and its cookie cleared (also when there was none)."), (status = 403, description = "Without the X-Requested-With header", body = ErrorBody)))]
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(refused) = forged(&headers) {
        return Err(refused);
    }
    if let Some(token) = guard::session_cookie(&headers) {
        auth::close_session(state.engine.store(), &SessionToken::presented(token)).await?;
    }
    let cleared = format!("{SESSION_COOKIE}=; {ATTRIBUTES}; Max-Age=0");
    Ok(([(header::SET_COOKIE, cleared)], StatusCode::NO_CONTENT).into_response())
}
