//! A deterministic OpenAI-compatible mock model server for fast tests, load tests and UI
//! work. It never replaces the real-model tier.
//!
//! `POST /v1/chat/completions` answers with a JSON value that follows the request's
//! `response_format` schema, built from the schema and the user's message (so the same
//! request always gets the same answer, and text in any script is echoed byte for byte).
//! Latency (fixed, or growing with the requests in flight), injected errors, hangs,
//! broken bodies, slow streams, load shedding and garbage answers are configurable, at
//! start or at run time through `POST /mock/config`; `GET /mock/stats` reports what the server saw, including
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
    /// Status of the injected errors (0 means 503).
    pub error_status: u16,
    /// Share of requests never answered (the connection stays open until the client
    /// gives up): a model server that hangs.
    pub hang_rate: f64,
    /// Share of requests answered with HTTP 200 and a body that is not JSON at all (a
    /// broken proxy or a server that died mid-answer).
    pub broken_body_rate: f64,
    /// Spread every answer body over this many milliseconds, sent in pieces (a slow
    /// stream).
    pub slow_body_ms: u64,
    /// Requests the server handles at full speed; each request in flight beyond these
    /// adds `latency_per_extra_ms` to every answer (a server whose latency grows with
    /// load). 0 turns this off.
    pub capacity: usize,
    /// Extra latency per request in flight beyond `capacity`, milliseconds.
    pub latency_per_extra_ms: u64,
    /// Answer HTTP 429 at once when more than this many requests are in flight (an
    /// overloaded server shedding load). 0 turns this off.
    pub overload_at: usize,
    /// Fixed answers by schema name, given as they are whatever the request says (to
    /// replay a real model's wrong answer in a test).
    pub canned: BTreeMap<String, Value>,
    /// Schema names answered as a model that rambles to its token limit: the first half
    /// of the answer, unclosed, with `finish_reason: "length"`.
    pub cut_off_schemas: Vec<String>,
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
    /// Requests left unanswered on purpose.
    pub injected_hangs: u64,
    /// Answers sent with a body that is not JSON.
    pub injected_broken_bodies: u64,
    /// Requests shed with HTTP 429 because too many were in flight.
    pub shed: u64,
    /// Transcription requests per `language` field as sent ("" when there was none),
    /// with "+prompt" appended when a `prompt` field came too; a request that asks the
    /// server to identify the language among candidates counts as "detect:en,hi".
    pub transcriptions: BTreeMap<String, u64>,
}

struct Shared {
    config: Mutex<MockConfig>,
    rng: Mutex<fastrand::Rng>,
    requests: AtomicU64,
    by_schema: Mutex<BTreeMap<String, u64>>,
    transcriptions: Mutex<BTreeMap<String, u64>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    injected_errors: AtomicU64,
    injected_garbage: AtomicU64,
    injected_hangs: AtomicU64,
    injected_broken_bodies: AtomicU64,
    shed: AtomicU64,
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
            injected_hangs: self.injected_hangs.load(Ordering::SeqCst),
            injected_broken_bodies: self.injected_broken_bodies.load(Ordering::SeqCst),
            shed: self.shed.load(Ordering::SeqCst),
            transcriptions: Self::lock(&self.transcriptions).clone(),
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
            transcriptions: Mutex::new(BTreeMap::new()),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
            injected_errors: AtomicU64::new(0),
            injected_garbage: AtomicU64::new(0),
            injected_hangs: AtomicU64::new(0),
            injected_broken_bodies: AtomicU64::new(0),
            shed: AtomicU64::new(0),
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
        .route("/v1/embeddings", post(embeddings))
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
    let (garbage, slow_body_ms) = match inject_faults(&shared, &schema_name).await {
        Ok(Answer::Normal { slow_body_ms }) => (false, slow_body_ms),
        Ok(Answer::Garbage { slow_body_ms }) => (true, slow_body_ms),
        Err(fault) => return fault,
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
    } else if let Some(canned) = Shared::lock(&shared.config)
        .canned
        .get(&schema_name)
        .cloned()
    {
        canned.to_string()
    } else if schema.is_object() {
        let answer = synthesize(&schema, "", &Context::new(&user));
        answer.to_string()
    } else {
        format!("Mock answer to: {}", first_sentence(&user))
    };
    let cut_off = Shared::lock(&shared.config)
        .cut_off_schemas
        .contains(&schema_name);
    let (content, finish_reason) = match cut_off {
        true => {
            let half: String = content.chars().take(content.chars().count() / 2).collect();
            (half, "length")
        }
        false => (content, "stop"),
    };
    let body = json!({
        "id": "chatcmpl-mock",
        "object": "chat.completion",
        "model": request["model"].as_str().unwrap_or("mock"),
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": user.len() / 4, "completion_tokens": content.len() / 4,
                  "total_tokens": (user.len() + content.len()) / 4},
    });
    json_response(body, slow_body_ms)
}

/// Length of the mock's embedding vectors.
const EMBEDDING_DIMENSION: usize = 256;

/// Deterministic vectors standing in for an embedding model: each word (lower-cased)
/// hashed to one of 256 buckets, so texts sharing words are near. Enough to exercise
/// the fusion and its failures; what a real model finds is the real tier's to test.
async fn embeddings(State(shared): State<Arc<Shared>>, Json(request): Json<Value>) -> Response {
    let _in_flight = InFlight::new(&shared);
    shared.requests.fetch_add(1, Ordering::SeqCst);
    *Shared::lock(&shared.by_schema)
        .entry("embeddings".to_owned())
        .or_default() += 1;
    let texts: Vec<String> = match &request["input"] {
        Value::String(one) => vec![one.clone()],
        Value::Array(many) => many
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    if texts.is_empty() {
        return (
            axum::http::StatusCode::BAD_REQUEST,
            Json(json!({"error": {"message": "input must be a string or strings"}})),
        )
            .into_response();
    }
    let data: Vec<Value> = texts
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let mut vector = vec![0.0f32; EMBEDDING_DIMENSION];
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                // FNV-1a: stable across runs and platforms.
                let hash = word
                    .to_lowercase()
                    .bytes()
                    .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                    });
                vector[(hash % EMBEDDING_DIMENSION as u64) as usize] += 1.0;
            }
            json!({"object": "embedding", "index": index, "embedding": vector})
        })
        .collect();
    Json(json!({"object": "list", "data": data, "model": request["model"].as_str().unwrap_or("mock")}))
        .into_response()
}

/// How a request that got past the injected faults is answered.
enum Answer {
    /// As asked, the body spread over `slow_body_ms`.
    Normal { slow_body_ms: u64 },
    /// With text that is not JSON where JSON was asked for.
    Garbage { slow_body_ms: u64 },
}

/// A JSON answer, sent at once or in pieces spread over `slow_body_ms`.
fn json_response(body: Value, slow_body_ms: u64) -> Response {
    if slow_body_ms == 0 {
        return Json(body).into_response();
    }
    const PIECES: u64 = 8;
    let bytes = body.to_string().into_bytes();
    let piece = bytes.len().div_ceil(PIECES as usize).max(1);
    let pieces: Vec<Vec<u8>> = bytes.chunks(piece).map(<[u8]>::to_vec).collect();
    let pause = Duration::from_millis(slow_body_ms / PIECES);
    let stream = futures::stream::unfold(pieces.into_iter(), move |mut rest| async move {
        let next = rest.next()?;
        tokio::time::sleep(pause).await;
        Some((Ok::<_, std::io::Error>(next), rest))
    });
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        axum::body::Body::from_stream(stream),
    )
        .into_response()
}

/// Applies the configured latency and faults for a request of `schema_name`: `Err` is
/// the injected failure to send back (or a request never answered, once the client
/// gives up); `Ok` says how to answer.
async fn inject_faults(shared: &Shared, schema_name: &str) -> Result<Answer, Response> {
    let config = Shared::lock(&shared.config).clone();
    let in_flight = shared.in_flight.load(Ordering::SeqCst);
    if config.overload_at > 0 && in_flight > config.overload_at {
        shared.shed.fetch_add(1, Ordering::SeqCst);
        return Err(error_response(
            StatusCode::TOO_MANY_REQUESTS,
            "mock: too many requests in flight",
        ));
    }
    let (fail, hang, broken, garbage) = {
        let mut rng = Shared::lock(&shared.rng);
        let fail =
            rng.f64() < config.error_rate || config.fail_schemas.iter().any(|s| s == schema_name);
        let hang = !fail && rng.f64() < config.hang_rate;
        let broken = !fail && !hang && rng.f64() < config.broken_body_rate;
        let garbage = !fail && !hang && !broken && rng.f64() < config.garbage_rate;
        (fail, hang, broken, garbage)
    };
    let extra = if config.capacity > 0 {
        in_flight.saturating_sub(config.capacity) as u64 * config.latency_per_extra_ms
    } else {
        0
    };
    let delay = config.latency_ms
        + extra
        + config
            .schema_latency_ms
            .get(schema_name)
            .copied()
            .unwrap_or(0);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if hang {
        shared.injected_hangs.fetch_add(1, Ordering::SeqCst);
        // Dropped (and the connection closed) when the client gives up.
        std::future::pending::<()>().await;
    }
    if fail {
        shared.injected_errors.fetch_add(1, Ordering::SeqCst);
        let status = StatusCode::from_u16(config.error_status)
            .ok()
            .filter(|s| s.is_client_error() || s.is_server_error())
            .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        return Err(error_response(status, "mock: injected failure"));
    }
    if broken {
        shared.injected_broken_bodies.fetch_add(1, Ordering::SeqCst);
        return Err((
            StatusCode::OK,
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            "{\"id\": \"chatcmpl-mock\", \"choices\": [{\"message\": <html>502 Bad Gateway",
        )
            .into_response());
    }
    if garbage {
        return Ok(Answer::Garbage {
            slow_body_ms: config.slow_body_ms,
        });
    }
    Ok(Answer::Normal {
        slow_body_ms: config.slow_body_ms,
    })
}

fn error_response(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"message": message, "type": "server_error"}})),
    )
        .into_response()
}

/// Answers a transcription with text derived from the upload (so equal uploads get
/// equal text and different chunks different text), after the configured latency and
/// faults. Of the multipart body only the `language`, `language_candidates` and `prompt`
/// fields are read (for [`MockStats::transcriptions`]); the text comes from its size
/// and hash. The answer names a language when one was asked for, and "identifies" the
/// first candidate when candidates came (a server that does not say gives none).
async fn transcribe(State(shared): State<Arc<Shared>>, body: axum::body::Bytes) -> Response {
    let _in_flight = InFlight::new(&shared);
    shared.requests.fetch_add(1, Ordering::SeqCst);
    let language = form_field(&body, "language").filter(|l| !l.is_empty());
    let candidates = form_field(&body, "language_candidates").filter(|c| !c.is_empty());
    let mut hints = match (&language, &candidates) {
        (None, Some(candidates)) => format!("detect:{candidates}"),
        _ => language.clone().unwrap_or_default(),
    };
    if form_field(&body, "prompt").is_some() {
        hints.push_str("+prompt");
    }
    let heard_in =
        language.or_else(|| candidates.and_then(|c| c.split(',').next().map(str::to_owned)));
    *Shared::lock(&shared.transcriptions)
        .entry(hints)
        .or_default() += 1;
    *Shared::lock(&shared.by_schema)
        .entry("audio_transcription".to_owned())
        .or_default() += 1;
    let slow_body_ms = match inject_faults(&shared, "audio_transcription").await {
        Ok(Answer::Normal { slow_body_ms } | Answer::Garbage { slow_body_ms }) => slow_body_ms,
        Err(fault) => return fault,
    };
    // FNV-1a: a stable fingerprint without a hashing dependency.
    let hash = body.iter().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    });
    let mut answer = json!({"text": format!("Mock transcript {:08x} of a {} KB recording.", hash as u32, body.len() / 1024)});
    if let Some(language) = heard_in {
        answer["language"] = json!(language);
    }
    json_response(answer, slow_body_ms)
}

/// A small text field of a multipart form (`name="NAME"`, a blank line, the value up
/// to the line end), without a multipart parser: the mock only counts these.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    let marker = format!("; name=\"{name}\"");
    let at = body
        .windows(marker.len())
        .position(|w| w == marker.as_bytes())?;
    let rest = &body[at + marker.len()..];
    let start = rest.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let value = &rest[start..];
    let end = value.windows(2).position(|w| w == b"\r\n")?;
    Some(String::from_utf8_lossy(&value[..end]).into_owned())
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
