//! A deterministic OpenAI-compatible mock model server for fast tests, load tests and UI
//! work. It never replaces the real-model tier.
//!
//! `POST /v1/chat/completions` answers with a JSON value that follows the request's
//! `response_format` schema, built from the schema and the user's message (so the same
//! request always gets the same answer, and text in any script is echoed byte for byte).
//! Latency, injected errors and garbage answers are configurable, at start or at run time
//! through `POST /mock/config`; `GET /mock/stats` reports what the server saw, including
//! the most requests it had in flight at once.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Behaviour of the mock, changeable at run time.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MockConfig {
    /// Delay before every answer, milliseconds.
    pub latency_ms: u64,
    /// Extra delay per schema name (e.g. to hold one step open in a test).
    pub schema_latency_ms: BTreeMap<String, u64>,
    /// Share of requests answered with HTTP 503 (0.0 to 1.0).
    pub error_rate: f64,
    /// Share of requests answered with text that is not JSON.
    pub garbage_rate: f64,
    /// Seed of the random choices, for repeatable runs.
    pub seed: u64,
    /// Schema names always answered with HTTP 503 (to fail one step).
    pub fail_schemas: Vec<String>,
}

/// What the server has seen.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct MockStats {
    /// Requests received on model routes.
    pub requests: u64,
    /// Chat requests per schema name.
    pub by_schema: BTreeMap<String, u64>,
    /// Requests being answered now.
    pub in_flight: usize,
    /// Most requests in flight at once.
    pub max_in_flight: usize,
    /// Injected HTTP errors.
    pub injected_errors: u64,
    /// Injected garbage answers.
    pub injected_garbage: u64,
}

struct Shared {
    config: Mutex<MockConfig>,
    rng: Mutex<fastrand::Rng>,
    requests: AtomicU64,
    by_schema: Mutex<BTreeMap<String, u64>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    injected_errors: AtomicU64,
    injected_garbage: AtomicU64,
}

impl Shared {
    fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
        mutex
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn stats(&self) -> MockStats {
        MockStats {
            requests: self.requests.load(Ordering::SeqCst),
            by_schema: Self::lock(&self.by_schema).clone(),
            in_flight: self.in_flight.load(Ordering::SeqCst),
            max_in_flight: self.max_in_flight.load(Ordering::SeqCst),
            injected_errors: self.injected_errors.load(Ordering::SeqCst),
            injected_garbage: self.injected_garbage.load(Ordering::SeqCst),
        }
    }
}

/// A running mock server.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl MockServer {
    /// Binds `addr` (port 0 picks a free port) and serves in the background.
    pub async fn start(addr: SocketAddr, config: MockConfig) -> std::io::Result<MockServer> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            rng: Mutex::new(fastrand::Rng::with_seed(config.seed)),
            config: Mutex::new(config),
            requests: AtomicU64::new(0),
            by_schema: Mutex::new(BTreeMap::new()),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
            injected_errors: AtomicU64::new(0),
            injected_garbage: AtomicU64::new(0),
        });
        let app = router(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            if let Err(err) = axum::serve(listener, app).await {
                tracing::error!(error = %err, "mock model server stopped");
            }
        });
        Ok(MockServer { addr, shared, task })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What the server has seen so far.
    pub fn stats(&self) -> MockStats {
        self.shared.stats()
    }

    /// Replaces the behaviour.
    pub fn set_config(&self, config: MockConfig) {
        *Shared::lock(&self.shared.rng) = fastrand::Rng::with_seed(config.seed);
        *Shared::lock(&self.shared.config) = config;
    }

    /// Stops serving (connections in progress are dropped).
    pub fn stop(self) {
        self.task.abort();
    }

    /// Serves until the task ends (for the CLI).
    pub async fn wait(mut self) {
        let _ = (&mut self.task).await;
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/health", get(|| async { Json(json!({"status": "ok"})) }))
        .route(
            "/v1/models",
            get(|| async {
                Json(json!({"object": "list", "data": [{"id": "mock", "object": "model"}]}))
            }),
        )
        .route("/v1/chat/completions", post(chat))
        .route(
            "/v1/audio/transcriptions",
            post(transcribe).layer(axum::extract::DefaultBodyLimit::max(64 << 20)),
        )
        .route(
            "/mock/stats",
            get(|State(s): State<Arc<Shared>>| async move { Json(s.stats()) }),
        )
        .route("/mock/config", post(set_config))
        .with_state(shared)
}

async fn set_config(
    State(shared): State<Arc<Shared>>,
    Json(config): Json<MockConfig>,
) -> Json<Value> {
    *Shared::lock(&shared.rng) = fastrand::Rng::with_seed(config.seed);
    *Shared::lock(&shared.config) = config;
    Json(json!({"ok": true}))
}

/// Counts a request in flight while alive.
struct InFlight(Arc<Shared>);

impl InFlight {
    fn new(shared: &Arc<Shared>) -> Self {
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        shared.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(Arc::clone(shared))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn chat(State(shared): State<Arc<Shared>>, Json(request): Json<Value>) -> Response {
    let _in_flight = InFlight::new(&shared);
    shared.requests.fetch_add(1, Ordering::SeqCst);
    let format = &request["response_format"];
    let schema_name = format["json_schema"]["name"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    let schema = if format["json_schema"]["schema"].is_object() {
        format["json_schema"]["schema"].clone()
    } else {
        format["schema"].clone()
    };
    *Shared::lock(&shared.by_schema)
        .entry(schema_name.clone())
        .or_default() += 1;
    let garbage = match inject_faults(&shared, &schema_name).await {
        Ok(garbage) => garbage,
        Err(overload) => return overload,
    };
    let user = request["messages"]
        .as_array()
        .and_then(|messages| {
            messages
                .iter()
                .rev()
                .find(|m| m["role"] == "user")
                .and_then(|m| m["content"].as_str())
        })
        .unwrap_or("")
        .to_owned();
    let content = if garbage {
        shared.injected_garbage.fetch_add(1, Ordering::SeqCst);
        "Sure! Here is the JSON you asked for: {\"summary\": ".to_owned()
    } else if schema.is_object() {
        let answer = synthesize(&schema, "", &Context::new(&user));
        answer.to_string()
    } else {
        format!("Mock answer to: {}", first_sentence(&user))
    };
    Json(json!({
        "id": "chatcmpl-mock",
        "object": "chat.completion",
        "model": request["model"].as_str().unwrap_or("mock"),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": user.len() / 4, "completion_tokens": content.len() / 4,
                  "total_tokens": (user.len() + content.len()) / 4},
    }))
    .into_response()
}

/// Applies the configured latency and faults for a request of `schema_name`: `Err` is
/// the injected 503 to send back; `Ok(true)` asks for a garbage answer.
async fn inject_faults(shared: &Shared, schema_name: &str) -> Result<bool, Response> {
    let (delay, fail, garbage) = {
        let config = Shared::lock(&shared.config).clone();
        let mut rng = Shared::lock(&shared.rng);
        let fail =
            rng.f64() < config.error_rate || config.fail_schemas.iter().any(|s| s == schema_name);
        let garbage = !fail && rng.f64() < config.garbage_rate;
        let delay = config.latency_ms
            + config
                .schema_latency_ms
                .get(schema_name)
                .copied()
                .unwrap_or(0);
        (delay, fail, garbage)
    };
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if fail {
        shared.injected_errors.fetch_add(1, Ordering::SeqCst);
        return Err((
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"error": {"message": "mock: injected overload", "type": "server_error"}})),
        )
            .into_response());
    }
    Ok(garbage)
}

/// Answers a transcription with text derived from the upload (so equal uploads get
/// equal text and different chunks different text), after the configured latency and
/// faults. The multipart body is not parsed: its size and hash are enough.
async fn transcribe(State(shared): State<Arc<Shared>>, body: axum::body::Bytes) -> Response {
    let _in_flight = InFlight::new(&shared);
    shared.requests.fetch_add(1, Ordering::SeqCst);
    *Shared::lock(&shared.by_schema)
        .entry("audio_transcription".to_owned())
        .or_default() += 1;
    if let Err(overload) = inject_faults(&shared, "audio_transcription").await {
        return overload;
    }
    // FNV-1a: a stable fingerprint without a hashing dependency.
    let hash = body.iter().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    });
    Json(json!({"text": format!("Mock transcript {:08x} of a {} KB recording.", hash as u32, body.len() / 1024)}))
        .into_response()
}

/// What the answer is built from.
struct Context {
    /// The statement (the text between `<<<` and `>>>` if present, else the message).
    statement: String,
}

impl Context {
    fn new(user: &str) -> Self {
        let statement = user
            .split_once("<<<")
            .and_then(|(_, rest)| rest.rsplit_once(">>>"))
            .map(|(inner, _)| inner.trim().to_owned())
            .unwrap_or_else(|| user.trim().to_owned());
        Context { statement }
    }
}

/// The first sentence of `text` (ending at `.`, `!`, `?` or the Devanagari danda `।`),
/// at most 200 characters, never splitting a character.
fn first_sentence(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|(_, c)| matches!(c, '.' | '!' | '?' | '।'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(text.len());
    text[..end]
        .chars()
        .take(200)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A value that follows `schema`, chosen deterministically from the context.
fn synthesize(schema: &Value, key: &str, ctx: &Context) -> Value {
    if let Some(choices) = schema["enum"].as_array() {
        return choices.first().cloned().unwrap_or(Value::Null);
    }
    let kind = match &schema["type"] {
        Value::String(kind) => kind.clone(),
        // ["string", "null"]: answer with the non-null type.
        Value::Array(kinds) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|k| *k != "null")
            .unwrap_or("null")
            .to_owned(),
        _ => "object".to_owned(),
    };
    match kind.as_str() {
        "object" => {
            let mut out = Map::new();
            if let Some(properties) = schema["properties"].as_object() {
                for (name, sub) in properties {
                    out.insert(name.clone(), synthesize(sub, name, ctx));
                }
            }
            Value::Object(out)
        }
        "array" => {
            let min = schema["minItems"].as_u64().unwrap_or(0);
            // Sections get one item; other lists stay empty unless they must not be.
            let count = if key == "sections" { 1 } else { min };
            (0..count.max(min))
                .map(|_| synthesize(&schema["items"], key, ctx))
                .collect()
        }
        "integer" | "number" if nullable(schema) => Value::Null,
        "integer" | "number" => json!(schema["minimum"].as_u64().unwrap_or(0)),
        "boolean" => json!(false),
        "null" => Value::Null,
        _ => string_for(schema, key, ctx),
    }
}

fn nullable(schema: &Value) -> bool {
    schema["type"]
        .as_array()
        .is_some_and(|kinds| kinds.iter().any(|k| k == "null"))
}

fn string_for(schema: &Value, key: &str, ctx: &Context) -> Value {
    let nullable = nullable(schema);
    match key {
        "summary" => json!(first_sentence(&ctx.statement)),
        "section" => json!("303(2)"),
        "reason" => json!(format!("Mock reason: {}", first_sentence(&ctx.statement))),
        "description" if !nullable => json!("property mentioned in the statement"),
        _ if schema["format"] == "date" || schema["pattern"].is_string() => {
            if nullable {
                Value::Null
            } else if schema["format"] == "date" {
                json!("2026-01-01")
            } else {
                json!("00:00")
            }
        }
        _ if nullable => Value::Null,
        _ => json!(first_sentence(&ctx.statement)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_respect_scripts() {
        assert_eq!(
            first_sentence("मेरा फ़ोन चोरी हो गया। फिर"),
            "मेरा फ़ोन चोरी हो गया।"
        );
        assert_eq!(first_sentence("No stop here"), "No stop here");
    }

    #[test]
    fn answers_follow_the_schema_shape() {
        let schema = json!({"type": "object", "properties": {
            "summary": {"type": "string"},
            "age": {"type": ["integer", "null"]},
            "sections": {"type": "array", "items": {"type": "object", "properties": {
                "act": {"type": "string", "enum": ["BNS", "IT Act"]},
                "section": {"type": "string"}}}},
            "list": {"type": "array", "items": {"type": "string"}}}});
        let ctx = Context::new("Statement:\n<<<\nचोरी हुई। और\n>>>");
        let value = synthesize(&schema, "", &ctx);
        assert_eq!(value["summary"], "चोरी हुई।");
        assert_eq!(value["age"], Value::Null);
        assert_eq!(value["sections"][0]["act"], "BNS");
        assert_eq!(value["list"], json!([]));
    }
}
