//! The model client: one pooled HTTP client shared by every model call, several endpoints
//! per role balanced by fewest requests assigned, a circuit breaker per endpoint, and
//! retries with exponential backoff and jitter for transient errors only.
//!
//! Every call takes a slot of its endpoint, then a model-gate place, and releases the
//! slot as soon as the HTTP exchange ends. The place goes back to the gate too, unless
//! the job keeps it for its next call (`gate::keeping_model_place`: then it stays with
//! the job through backoff and its hand-off, and is given back before the job waits for
//! a server slot, so a slot and a place are never each waiting for the other).

pub mod asr;
pub mod embed;
pub mod limit;
pub mod llm;
pub mod registry;

use crate::config::{BreakerConfig, Config, EndpointsConfig, RetryConfig};
use crate::gate::{Gates, Gauge};
use limit::{Limit, Outcome};
use serde::Serialize;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use crate::domain::ModelRole as Role;

/// A model call that did not produce a usable answer.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// No endpoint of the role is configured.
    #[error("no {role} server is configured: set {} or [{}] urls in the configuration file", role.env_key(), role.config_table())]
    NotConfigured {
        /// The role.
        role: Role,
    },
    /// Every try failed with a transient error (down, overloaded, timing out).
    #[error("{role} server unavailable after {attempts} tries: {last}. Check that the model server is running (`afirgen health`); the job can be retried")]
    Unavailable {
        /// The role.
        role: Role,
        /// Tries made.
        attempts: u32,
        /// The last error.
        last: String,
    },
    /// The server refused the request (a permanent HTTP error).
    #[error("{role} server {url} refused the request with HTTP {status}: {body}")]
    Rejected {
        /// The role.
        role: Role,
        /// The endpoint.
        url: String,
        /// HTTP status.
        status: u16,
        /// The start of the response body.
        body: String,
    },
    /// The server answered, but not with what the schema asks for.
    #[error("the {role} answer was unusable after {attempts} tries: {reason}")]
    BadAnswer {
        /// The role.
        role: Role,
        /// Tries made.
        attempts: u32,
        /// What was wrong with the last answer.
        reason: String,
        /// The last raw answer, kept for review.
        raw: String,
    },
}

/// The outcome of one HTTP exchange, as the retry loop sees it.
#[derive(Debug)]
pub(crate) struct CallError {
    transient: bool,
    status: Option<u16>,
    message: String,
}

impl CallError {
    /// The server said it is overloaded, or did not answer in time.
    fn is_overload(&self) -> bool {
        match self.status {
            Some(status) => matches!(status, 429 | 503),
            None => {
                self.message.starts_with("no answer within") || self.message.contains("timed out")
            }
        }
    }

    /// Classifies a transport error: connection trouble and timeouts are transient.
    pub(crate) fn from_reqwest(err: &reqwest::Error) -> Self {
        let transient = err.is_connect() || err.is_timeout() || err.is_request() || err.is_body();
        CallError {
            transient,
            status: err.status().map(|s| s.as_u16()),
            message: describe_reqwest(err),
        }
    }

    /// Classifies an HTTP status that is not success.
    pub(crate) fn from_status(status: reqwest::StatusCode, body: &str) -> Self {
        let transient = matches!(status.as_u16(), 408 | 425 | 429 | 500 | 502 | 503 | 504);
        CallError {
            transient,
            status: Some(status.as_u16()),
            message: format!("HTTP {}: {}", status.as_u16(), truncate(body, 300)),
        }
    }

    /// A response that arrived but cannot be read (treated as transient: a proxy or a
    /// restarting server can produce one).
    pub(crate) fn unreadable(message: String) -> Self {
        CallError {
            transient: true,
            status: None,
            message,
        }
    }
}

/// The body of a successful answer; transport errors and error statuses classified.
pub(crate) async fn response_text(
    sent: Result<reqwest::Response, reqwest::Error>,
) -> Result<String, CallError> {
    let response = sent.map_err(|err| CallError::from_reqwest(&err))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|err| CallError::from_reqwest(&err))?;
    if !status.is_success() {
        return Err(CallError::from_status(status, &text));
    }
    Ok(text)
}

fn describe_reqwest(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    if err.is_timeout() {
        text.push_str(" (timed out)");
    }
    text
}

/// What is wrong with a body that should have been JSON, without quoting it (it may
/// hold complaint text, and these messages are logged).
pub(crate) fn describe_json_error(err: &serde_json::Error, body: &str) -> String {
    let kind = match err.classify() {
        serde_json::error::Category::Io => "unreadable",
        serde_json::error::Category::Syntax => "not JSON",
        serde_json::error::Category::Data => "JSON of another shape",
        serde_json::error::Category::Eof => "cut off",
    };
    format!(
        "{kind} at line {}, column {}; {} bytes",
        err.line(),
        err.column(),
        body.len()
    )
}

/// The first `max` characters of `text` (never splitting a character).
pub(crate) fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Breaker state of one endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BreakerState {
    /// Calls pass.
    Closed,
    /// Calls are refused until the cool-down ends.
    Open,
    /// One probe call is allowed; its outcome closes or reopens the breaker.
    HalfOpen,
}

#[derive(Debug)]
struct Breaker {
    consecutive_failures: u32,
    open_until: Option<Instant>,
    probe_started: Option<Instant>,
}

impl Breaker {
    fn state(&self, now: Instant) -> BreakerState {
        match self.open_until {
            Some(until) if now < until => BreakerState::Open,
            Some(_) => BreakerState::HalfOpen,
            None => BreakerState::Closed,
        }
    }

    /// Whether a call may go to this endpoint now (claims the probe when half-open).
    fn allow(&mut self, now: Instant, cool_down: Duration) -> bool {
        match self.state(now) {
            BreakerState::Closed => true,
            BreakerState::Open => false,
            BreakerState::HalfOpen => {
                // One probe at a time; a probe that never reported back (cancelled) is
                // forgotten after another cool-down.
                let free = self
                    .probe_started
                    .is_none_or(|started| now.duration_since(started) >= cool_down);
                if free {
                    self.probe_started = Some(now);
                }
                free
            }
        }
    }

    fn success(&mut self) {
        self.consecutive_failures = 0;
        self.open_until = None;
        self.probe_started = None;
    }

    fn failure(&mut self, now: Instant, config: &BreakerConfig) {
        self.consecutive_failures += 1;
        let half_open = self.state(now) == BreakerState::HalfOpen;
        if half_open || self.consecutive_failures >= config.failure_threshold {
            self.open_until = Some(now + Duration::from_millis(config.open_ms));
            self.probe_started = None;
        }
    }
}

/// One model server.
#[derive(Debug)]
pub struct Endpoint {
    role: Role,
    url: String,
    limit: Limit,
    assigned: Gauge,
    in_flight: Gauge,
    requests: AtomicU64,
    failures: AtomicU64,
    breaker: Mutex<Breaker>,
}

/// Live status of one endpoint, for `/health` and `afirgen models status`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndpointStatus {
    /// What it serves.
    pub role: Role,
    /// Base URL.
    pub url: String,
    /// Calls allowed in flight at once (now, if adaptive).
    pub limit: usize,
    /// Whether the limit adapts to the server's latency and overload answers.
    pub adaptive: bool,
    /// HTTP calls in flight now.
    pub in_flight: usize,
    /// Most calls in flight at once since start.
    pub in_flight_peak: usize,
    /// Calls sent.
    pub requests: u64,
    /// Calls that failed.
    pub failures: u64,
    /// Circuit breaker state.
    pub breaker: BreakerState,
}

impl Endpoint {
    fn new(role: Role, url: &str, config: &EndpointsConfig) -> Self {
        let max = config.max_in_flight_per_endpoint;
        let limit = if config.adaptive {
            let bounds = limit::Adaptive {
                min: config.adaptive_min,
                max,
                tolerance: config.adaptive_tolerance,
            };
            // Halfway up, then let the server's answers move it.
            Limit::adaptive(config.adaptive_min.max(max / 2), bounds)
        } else {
            Limit::fixed(max)
        };
        Endpoint {
            role,
            url: url.trim_end_matches('/').to_owned(),
            limit,
            assigned: Gauge::default(),
            in_flight: Gauge::default(),
            requests: AtomicU64::new(0),
            failures: AtomicU64::new(0),
            breaker: Mutex::new(Breaker {
                consecutive_failures: 0,
                open_until: None,
                probe_started: None,
            }),
        }
    }

    fn breaker(&self) -> std::sync::MutexGuard<'_, Breaker> {
        // A panic while holding this lock leaves plain counters behind; keep using them.
        self.breaker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The endpoint's live status.
    pub fn status(&self) -> EndpointStatus {
        let limit = self.limit.snapshot();
        EndpointStatus {
            role: self.role,
            url: self.url.clone(),
            limit: limit.limit,
            adaptive: limit.adaptive,
            in_flight: self.in_flight.get(),
            in_flight_peak: self.in_flight.peak(),
            requests: self.requests.load(Ordering::Relaxed),
            failures: self.failures.load(Ordering::Relaxed),
            breaker: self.breaker().state(Instant::now()),
        }
    }
}

/// The shared model client. Cheap to clone.
#[derive(Debug, Clone)]
pub struct ModelClient {
    inner: Arc<ClientInner>,
}

#[derive(Debug)]
struct ClientInner {
    http: reqwest::Client,
    gates: Gates,
    llm: Vec<Arc<Endpoint>>,
    asr: Vec<Arc<Endpoint>>,
    embed: Vec<Arc<Endpoint>>,
    llm_config: EndpointsConfig,
    asr_config: EndpointsConfig,
    embed_config: EndpointsConfig,
    /// The embedding model and its servers, sorted ([`ModelClient::embed_identity`]).
    embed_identity: String,
    retry: RetryConfig,
    breaker: BreakerConfig,
}

impl ModelClient {
    /// A client with gates of its own, from the configuration's limits: for tools that
    /// call models outside an engine (evaluations).
    pub fn standalone(config: &Config) -> Result<Self, reqwest::Error> {
        let gates = Gates::new(
            config.limits.max_concurrent_requests,
            config.limits.max_concurrent_model_calls,
        );
        ModelClient::new(config, gates)
    }

    /// Builds the client and its endpoints from the configuration.
    pub fn new(config: &Config, gates: Gates) -> Result<Self, reqwest::Error> {
        // Complaints go to the configured model servers and nowhere else: no proxy from
        // the environment (HTTP_PROXY would otherwise carry them off the machine) and
        // no redirects.
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(config.limits.http_pool_size)
            .pool_idle_timeout(Duration::from_secs(90))
            .connect_timeout(Duration::from_secs(5))
            .tcp_nodelay(true)
            .build()?;
        let endpoints = |role, cfg: &EndpointsConfig| {
            cfg.urls
                .iter()
                .map(|url| Arc::new(Endpoint::new(role, url, cfg)))
                .collect()
        };
        Ok(ModelClient {
            inner: Arc::new(ClientInner {
                http,
                gates,
                llm: endpoints(Role::Llm, &config.llm),
                asr: endpoints(Role::Asr, &config.asr),
                embed: endpoints(Role::Embed, &config.embed),
                llm_config: config.llm.clone(),
                asr_config: config.asr.clone(),
                embed_config: config.embed.clone(),
                embed_identity: embed::identity(&config.embed),
                retry: config.retry.clone(),
                breaker: config.breaker.clone(),
            }),
        })
    }

    /// The gates this client calls under.
    pub fn gates(&self) -> &Gates {
        &self.inner.gates
    }

    fn role(&self, role: Role) -> (&[Arc<Endpoint>], &EndpointsConfig) {
        match role {
            Role::Llm => (&self.inner.llm, &self.inner.llm_config),
            Role::Asr => (&self.inner.asr, &self.inner.asr_config),
            Role::Embed => (&self.inner.embed, &self.inner.embed_config),
        }
    }

    /// Whether any endpoint of the role is configured.
    pub fn has_role(&self, role: Role) -> bool {
        !self.role(role).0.is_empty()
    }

    /// Live status of every endpoint.
    pub fn endpoint_statuses(&self) -> Vec<EndpointStatus> {
        self.inner
            .llm
            .iter()
            .chain(&self.inner.asr)
            .chain(&self.inner.embed)
            .map(|e| e.status())
            .collect()
    }

    /// Asks every endpoint whether it is up (`GET /health`, else `GET /v1/models`).
    pub async fn probe(&self) -> Vec<(EndpointStatus, Result<(), String>)> {
        let mut results = Vec::new();
        for endpoint in self
            .inner
            .llm
            .iter()
            .chain(&self.inner.asr)
            .chain(&self.inner.embed)
        {
            let outcome = self.probe_one(endpoint).await;
            results.push((endpoint.status(), outcome));
        }
        results
    }

    async fn probe_one(&self, endpoint: &Endpoint) -> Result<(), String> {
        let mut last = String::new();
        for path in ["/health", "/v1/models"] {
            let response = self
                .inner
                .http
                .get(format!("{}{path}", endpoint.url))
                .timeout(Duration::from_secs(5))
                .send()
                .await;
            match response {
                Ok(r) if r.status().is_success() => return Ok(()),
                Ok(r) => last = format!("{path} answered HTTP {}", r.status().as_u16()),
                Err(err) => last = describe_reqwest(&err),
            }
        }
        Err(last)
    }

    /// The endpoint with the fewest calls assigned whose breaker lets a call through.
    fn pick(&self, role: Role) -> Option<Arc<Endpoint>> {
        let (endpoints, _) = self.role(role);
        let now = Instant::now();
        let cool_down = Duration::from_millis(self.inner.breaker.open_ms);
        let mut order: Vec<&Arc<Endpoint>> = endpoints.iter().collect();
        order.sort_by_key(|e| e.assigned.get());
        order
            .into_iter()
            .find(|e| e.breaker().allow(now, cool_down))
            .cloned()
    }

    /// Runs one model call with endpoint choice, gates, timeout, breaker and retries.
    ///
    /// `send` performs a single HTTP exchange against the given base URL; the role's
    /// timeout bounds all of it (connecting, sending, and reading the whole answer).
    pub(crate) async fn call<T, F, Fut>(&self, role: Role, mut send: F) -> Result<T, ModelError>
    where
        F: FnMut(reqwest::Client, String) -> Fut,
        Fut: Future<Output = Result<T, CallError>>,
    {
        let (endpoints, role_config) = self.role(role);
        if endpoints.is_empty() {
            return Err(ModelError::NotConfigured { role });
        }
        let timeout = Duration::from_secs(role_config.timeout_secs);
        let retry = &self.inner.retry;
        let mut last = String::new();
        for attempt in 1..=retry.max_attempts {
            if attempt > 1 {
                tokio::time::sleep(backoff(retry, attempt - 1)).await;
            }
            let Some(endpoint) = self.pick(role) else {
                last = format!("every {role} server is failing (circuit breaker open)");
                continue;
            };
            let outcome = {
                let _assigned = endpoint.assigned.track();
                let _slot = match endpoint.limit.try_acquire() {
                    Some(slot) => slot,
                    None => {
                        // A call holding this server's last slot may be waiting for a
                        // model-gate place: waiting for its slot while keeping one would
                        // leave each waiting for the other.
                        self.inner.gates.give_back_kept_place();
                        endpoint.limit.acquire().await
                    }
                };
                let _permit = self.inner.gates.acquire_model().await;
                let _in_flight = endpoint.in_flight.track();
                endpoint.requests.fetch_add(1, Ordering::Relaxed);
                let started = Instant::now();
                let outcome = tokio::time::timeout(
                    timeout,
                    send(self.inner.http.clone(), endpoint.url.clone()),
                )
                .await
                .unwrap_or_else(|_| {
                    Err(CallError {
                        transient: true,
                        status: None,
                        message: format!("no answer within {} s", timeout.as_secs()),
                    })
                });
                endpoint.limit.record(match &outcome {
                    Ok(_) => Outcome::Answered(started.elapsed()),
                    Err(err) if err.is_overload() => Outcome::Overloaded,
                    Err(_) => Outcome::Other,
                });
                outcome
            };
            match outcome {
                Ok(value) => {
                    endpoint.breaker().success();
                    return Ok(value);
                }
                Err(err) => {
                    endpoint.failures.fetch_add(1, Ordering::Relaxed);
                    if !err.transient {
                        // The server is up and said no: not the endpoint's health.
                        return Err(ModelError::Rejected {
                            role,
                            url: endpoint.url.clone(),
                            status: err.status.unwrap_or(0),
                            body: err.message,
                        });
                    }
                    endpoint
                        .breaker()
                        .failure(Instant::now(), &self.inner.breaker);
                    tracing::warn!(endpoint = %endpoint.url, attempt, error = %err.message, "model call failed; will retry");
                    last = format!("{}: {}", endpoint.url, err.message);
                }
            }
        }
        Err(ModelError::Unavailable {
            role,
            attempts: retry.max_attempts,
            last,
        })
    }
}

/// Delay before retry number `retry` (1-based): exponential, capped, with jitter in the
/// upper half so that many failing calls do not retry in lockstep.
fn backoff(config: &RetryConfig, retry: u32) -> Duration {
    let exp = config
        .base_delay_ms
        .saturating_mul(1u64 << retry.saturating_sub(1).min(20));
    let capped = exp.min(config.max_delay_ms).max(1);
    Duration::from_millis(capped / 2 + fastrand::u64(0..=capped / 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let config = RetryConfig {
            max_attempts: 5,
            base_delay_ms: 100,
            max_delay_ms: 1_000,
        };
        for _ in 0..50 {
            let first = backoff(&config, 1).as_millis();
            assert!((50..=100).contains(&first), "{first}");
            let third = backoff(&config, 3).as_millis();
            assert!((200..=400).contains(&third), "{third}");
            let late = backoff(&config, 12).as_millis();
            assert!((500..=1_000).contains(&late), "{late}");
        }
    }

    #[test]
    fn breaker_opens_half_opens_and_closes() {
        let config = BreakerConfig {
            failure_threshold: 2,
            open_ms: 100,
        };
        let cool = Duration::from_millis(100);
        let mut b = Breaker {
            consecutive_failures: 0,
            open_until: None,
            probe_started: None,
        };
        let t0 = Instant::now();
        b.failure(t0, &config);
        assert!(b.allow(t0, cool));
        b.failure(t0, &config);
        assert_eq!(b.state(t0), BreakerState::Open);
        assert!(!b.allow(t0, cool));
        let later = t0 + Duration::from_millis(150);
        assert!(b.allow(later, cool), "one probe passes when half-open");
        assert!(!b.allow(later, cool), "only one probe at a time");
        b.failure(later, &config);
        assert_eq!(b.state(later), BreakerState::Open);
        let much_later = later + Duration::from_millis(150);
        assert!(b.allow(much_later, cool));
        b.success();
        assert_eq!(b.state(much_later), BreakerState::Closed);
    }

    #[test]
    fn truncate_respects_characters() {
        assert_eq!(truncate("चोरी हुई", 4), "चोरी…");
        assert_eq!(truncate("abc", 5), "abc");
    }
}
