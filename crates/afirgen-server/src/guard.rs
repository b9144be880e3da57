//! Who may call the API, and how often: the client's address (from the socket, or from
//! `X-Forwarded-For` only when the socket is a trusted proxy), a rate limit per address
//! and per user (governor), and API keys or session cookies checked by the core's
//! `auth`.
//!
//! A browser signed in with name and password holds an HttpOnly, SameSite=Strict
//! cookie. Against cross-site request forgery, a request that changes something and is
//! let in by the cookie must also carry `X-Requested-With: afirgen`: a page of another
//! site cannot add that header without a CORS preflight, which this server never
//! grants. A request with a key needs no such header (a key is never sent by itself).

use crate::error::ApiError;
use afirgen_core::auth::{self, User};
use afirgen_core::config::ServerConfig;
use afirgen_core::metrics::RateLimiterStats;
use afirgen_core::report::{ErrorCode, ErrorReport};
use afirgen_core::store::Store;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::HashMapStateStore;
use governor::{NotUntil, Quota, RateLimiter};
use ipnet::IpNet;
use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

type Limiter<K> = RateLimiter<K, HashMapStateStore<K>, DefaultClock>;

/// The rate limiters and the trusted proxies; shared by every request.
pub struct Guard {
    trusted: Vec<IpNet>,
    by_address: Limiter<IpAddr>,
    by_user: Limiter<String>,
    clock: DefaultClock,
    store: Store,
    /// The station whose users this server lets in.
    station: String,
}

impl Guard {
    /// The station whose users this server lets in.
    pub fn station(&self) -> &str {
        &self.station
    }

    /// Limits from the configuration; keys are checked against `store`, and only users
    /// of `station` are let in.
    pub fn new(config: &ServerConfig, store: Store, station: &str) -> Arc<Guard> {
        let quota = |per_second: u32| {
            let rate = NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN);
            let burst = NonZeroU32::new(config.rate_burst).unwrap_or(NonZeroU32::MIN);
            Quota::per_second(rate).allow_burst(burst)
        };
        Arc::new(Guard {
            trusted: config.trusted_proxy_nets(),
            by_address: RateLimiter::hashmap(quota(config.rate_per_address)),
            by_user: RateLimiter::hashmap(quota(config.rate_per_user)),
            clock: DefaultClock::default(),
            store,
            station: station.to_owned(),
        })
    }

    /// How many clients the limiters track now.
    pub fn stats(&self) -> RateLimiterStats {
        RateLimiterStats {
            addresses: self.by_address.len(),
            users: self.by_user.len(),
        }
    }

    /// Forgets clients whose allowance is full again, so the maps stay small.
    pub fn forget_idle(&self) {
        self.by_address.retain_recent();
        self.by_user.retain_recent();
    }

    fn check<K: Hash + Eq + Clone>(&self, limiter: &Limiter<K>, key: &K) -> Result<(), ApiError> {
        limiter.check_key(key).map_err(|not_until: NotUntil<_>| {
            let wait = not_until.wait_time_from(self.clock.now());
            ApiError::too_many_requests(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
        })
    }

    /// The client's address: the socket's, unless the socket is a trusted proxy; then
    /// the nearest address in `X-Forwarded-For` that is not itself a trusted proxy.
    pub fn client_addr(&self, socket: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.is_trusted(socket) {
            return socket;
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        forwarded
            .iter()
            .rev()
            .find(|a| !self.is_trusted(**a))
            .or(forwarded.first())
            .copied()
            .unwrap_or(socket)
    }

    fn is_trusted(&self, addr: IpAddr) -> bool {
        self.trusted.iter().any(|net| net.contains(&addr))
    }
}

/// Every request: decide the client's address and apply its rate limit.
pub async fn limit_address(
    State(guard): State<Arc<Guard>>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let socket = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    let client = guard.client_addr(socket, request.headers());
    guard.check(&guard.by_address, &client)?;
    Ok(next.run(request).await)
}

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "afirgen_session";
/// The header a cookie-authenticated request that changes something must carry.
pub const CSRF_HEADER: &str = "x-requested-with";
/// Its value.
pub const CSRF_VALUE: &str = "afirgen";
/// A browser session in which nothing was changed for this long ends (a shift). Reads
/// (GET, HEAD: a screen refreshing itself) do not keep it alive; the cookie itself ends
/// with the browser.
pub const SESSION_IDLE: std::time::Duration = auth::session::LONGEST_IDLE;

/// API routes: a valid key or session is required (401 without), then the user's rate
/// limit.
pub async fn require_key(
    State(guard): State<Arc<Guard>>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let scope = auth::StationScope(&guard.station);
    let (user, by): (User, auth::SignedInBy) = match bearer(request.headers()) {
        Some(presented) => (
            auth::authenticate(&guard.store, presented, scope).await?,
            auth::SignedInBy::Key,
        ),
        None => {
            let token = session_cookie(request.headers()).ok_or(auth::AuthError::Missing)?;
            if !is_safe(request.method()) && !has_csrf_header(request.headers()) {
                return Err(ApiError::from(ErrorReport::new(
                    ErrorCode::Forbidden,
                    format!("a request signed in by cookie must carry \"{CSRF_HEADER}: {CSRF_VALUE}\" (the station's own pages send it)"),
                )));
            }
            let token = auth::SessionToken::presented(token);
            let used = if is_safe(request.method()) {
                auth::Use::Look
            } else {
                auth::Use::Active
            };
            let user = auth::session_user(&guard.store, &token, scope, SESSION_IDLE, used).await?;
            (user, auth::SignedInBy::Session(token))
        }
    };
    guard.check(&guard.by_user, &user.name)?;
    request.extensions_mut().insert(user);
    request.extensions_mut().insert(by);
    Ok(next.run(request).await)
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn has_csrf_header(headers: &HeaderMap) -> bool {
    headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(CSRF_VALUE))
}

/// The session token from the `Cookie` header(s), if one is there.
pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim())
        .filter(|v| !v.is_empty())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn guard(trusted: &[&str]) -> Arc<Guard> {
        let store = Store::connect("sqlite::memory:", 1).await.unwrap();
        let config = ServerConfig {
            trusted_proxies: trusted.iter().map(|s| s.to_string()).collect(),
            ..ServerConfig::default()
        };
        Guard::new(&config, store, "TEST-1")
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().unwrap());
        headers
    }

    #[tokio::test]
    async fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let guard = guard(&["10.0.0.0/8", "192.168.1.5"]).await;
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let proxy: IpAddr = "10.1.2.3".parse().unwrap();
        let spoof = forwarded("1.2.3.4, 203.0.113.7");
        // From the open network the header is ignored.
        assert_eq!(guard.client_addr(client, &spoof), client);
        // Through a trusted proxy the nearest untrusted hop counts, not the leftmost
        // entry the client could have written itself.
        assert_eq!(guard.client_addr(proxy, &spoof), client);
        let chain = forwarded("203.0.113.9, 192.168.1.5");
        assert_eq!(
            guard.client_addr(proxy, &chain),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        // A trusted proxy that sent no header is the client.
        assert_eq!(guard.client_addr(proxy, &HeaderMap::new()), proxy);
    }

    #[test]
    fn session_cookies_and_the_forgery_header() {
        let mut headers = HeaderMap::new();
        assert_eq!(session_cookie(&headers), None);
        headers.insert(
            header::COOKIE,
            "theme=dark; afirgen_session=abc123 ; other=1"
                .parse()
                .unwrap(),
        );
        assert_eq!(session_cookie(&headers), Some("abc123"));
        headers.insert(header::COOKIE, "afirgen_session=".parse().unwrap());
        assert_eq!(session_cookie(&headers), None);
        assert!(!has_csrf_header(&headers));
        headers.insert(CSRF_HEADER, "AFIRGen".parse().unwrap());
        assert!(has_csrf_header(&headers));
        assert!(is_safe(&Method::GET) && !is_safe(&Method::POST) && !is_safe(&Method::DELETE));
    }

    #[test]
    fn bearer_tokens() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer(&headers), None);
        headers.insert(header::AUTHORIZATION, "Bearer afg_x".parse().unwrap());
        assert_eq!(bearer(&headers), Some("afg_x"));
        headers.insert(header::AUTHORIZATION, "Basic abc".parse().unwrap());
        assert_eq!(bearer(&headers), None);
    }
}
