//! AFIRGen station server (docs/architecture.md, section 2): the HTTP API over afirgen-core and the
//! built web UI for browsers. Each handler parses its input, calls one core operation
//! and maps the error; the logic lives in `afirgen_core`.
//!
//! Every API route needs a user's key (`Authorization: Bearer afg_…`) or the session
//! cookie of a sign-in with name and password (`POST /session`); `/health`, `/session`
//! and the UI's files do not. Requests are rate-limited per client address and per user.

mod error;
mod guard;
mod session;
mod upload;

pub use error::{ApiError, ErrorBody};
pub use guard::Guard;

use afirgen_core::auth::{self, User};
use afirgen_core::desk::Settings;
use afirgen_core::desk::{
    AppInfo, CaseForm, CaseView, JobRow, QueueFilter, QueueQuery, QueueView, StagedFile, Staging,
    Verification,
};
use afirgen_core::domain::{CaseId, Job, JobId, Priority};
use afirgen_core::fir::FirDraft;
use afirgen_core::health::HealthReport;
use afirgen_core::legal::Hit;
use afirgen_core::metrics::{self, Metrics};
use afirgen_core::review::{FieldEdit, Regenerate};
use afirgen_core::store::{FinalRecord, RecordQuery};
use afirgen_core::{Engine, Submitted};
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::header;
use axum::middleware;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::{delete, get, patch, post, put};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

type ApiResult<T> = Result<Json<T>, ApiError>;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    engine: Engine,
    /// Files each user has uploaded for the case they are writing; one user never sees
    /// another's. Bounded: one entry per user, each [`Staging`] bounded itself.
    staging: Arc<Mutex<HashMap<String, Arc<Staging>>>>,
    guard: Arc<Guard>,
    /// The health report, probed at most once every few seconds.
    health: Arc<afirgen_core::health::HealthCache>,
    /// Event streams open per user, each user's bounded by [`MAX_STREAMS_PER_USER`].
    streams: Arc<Mutex<HashMap<String, Arc<tokio::sync::Semaphore>>>>,
}

/// Event streams one user may hold open at once: a Queue screen follows every running
/// job, so a busy station's desk needs dozens; a client that opens thousands is refused.
const MAX_STREAMS_PER_USER: usize = 64;
/// How often an open event stream checks that its user's key still works.
const STREAM_KEY_CHECK: std::time::Duration = std::time::Duration::from_secs(5);

/// How long a health report is reused.
const HEALTH_TTL: std::time::Duration = std::time::Duration::from_secs(5);

impl AppState {
    fn staging_of(&self, user: &User) -> Arc<Staging> {
        let mut map = self.staging.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(user.name.clone()).or_default().clone()
    }
}

/// The API routes, and the built UI at `/` when `ui_dir` is given.
pub fn router(engine: Engine, ui_dir: Option<PathBuf>) -> Router {
    let guard = Guard::new(
        &engine.config().server,
        engine.store().clone(),
        &engine.config().station.code,
    );
    router_with_guard(engine, ui_dir, guard)
}

fn router_with_guard(engine: Engine, ui_dir: Option<PathBuf>, guard: Arc<Guard>) -> Router {
    // JSON bodies are sized to the longest statement (refused with 413 before anything
    // is read into a case or stored); an upload may carry one file at the per-file
    // limit plus the form around it; a multipart /process may carry a whole case.
    let file_limit = usize::try_from(engine.config().input.max_file_bytes).unwrap_or(usize::MAX);
    let json_limit = engine.config().input.max_json_bytes();
    let body_limit = file_limit.saturating_add(1 << 20);
    let case_limit = file_limit
        .saturating_mul(upload::MAX_FILES_PER_CASE)
        .saturating_add(1 << 20);
    let state = AppState {
        engine,
        staging: Arc::default(),
        guard: guard.clone(),
        streams: Arc::default(),
        health: Arc::new(afirgen_core::health::HealthCache::new(HEALTH_TTL)),
    };
    let api = Router::new()
        .route("/app-info", get(app_info))
        .route("/me", get(me))
        .route("/settings", get(settings))
        .route("/metrics", get(metrics_json))
        .route("/health/details", get(health_details))
        .route("/metrics/prometheus", get(metrics_prometheus))
        .route(
            "/uploads",
            post(upload_file).layer(DefaultBodyLimit::max(body_limit)),
        )
        .route("/uploads/{id}", delete(discard_upload))
        .route("/validate", post(validate))
        .route(
            "/process",
            post(process).layer(DefaultBodyLimit::max(case_limit)),
        )
        .route("/queue", get(queue))
        .route("/jobs", get(search))
        .route("/jobs/{id}", get(job))
        .route("/session/{id}/status", get(job))
        .route("/jobs/{id}/events", get(job_events))
        .route("/jobs/{id}/cancel", post(cancel_job))
        .route("/jobs/{id}/retry", post(retry_job))
        .route("/jobs/{id}/priority", post(set_priority))
        .route("/cases/{id}", get(case_view))
        .route("/cases/{id}/inputs/{input}", get(case_input))
        .route("/cases/{id}/draft", patch(edit_draft))
        .route("/cases/{id}/sections", put(set_sections))
        .route("/cases/{id}/pdf", get(case_pdf))
        .route("/cases/{id}/verify", get(verify_case))
        .route("/verify/code", get(verify_code))
        .route("/regenerate/{job}", post(regenerate))
        .route("/firs/{job}/finalize", post(finalize))
        .route("/firs", get(search))
        .route("/fir/{number}", get(fir_by_number))
        .route("/fir/{number}/pdf", get(fir_pdf_by_number))
        .route("/catalogue", get(catalogue))
        .route_layer(middleware::from_fn_with_state(
            guard.clone(),
            guard::require_key,
        ));
    let open = Router::new()
        .route("/health", get(health))
        .route("/session", post(session::sign_in).delete(session::sign_out))
        .route("/openapi.json", get(openapi_json));
    let app = api
        .merge(open)
        .layer(DefaultBodyLimit::max(json_limit))
        .layer(middleware::from_fn_with_state(
            json_limit,
            refuse_large_json,
        ))
        .with_state(state);
    let app = match ui_dir {
        Some(dir) => {
            let index = dir.join("index.html");
            app.fallback_service(
                tower_http::services::ServeDir::new(dir)
                    .fallback(tower_http::services::ServeFile::new(index)),
            )
        }
        None => app,
    };
    // The security headers outermost, so refusals (429) carry them too.
    app.layer(middleware::from_fn_with_state(guard, guard::limit_address))
        .layer(middleware::from_fn(security_headers))
}

/// The API description, generated from the handlers' annotations.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "AFIRGen station server",
        description = "Complaints in, reviewed and numbered First Information Reports out. Every route but /health, /session and /openapi.json needs `Authorization: Bearer <key>` (keys from `afirgen users add`) or the session cookie of a sign-in with name and password (POST /session; then requests that change something also send `X-Requested-With: afirgen`). Errors have one shape: ErrorBody."
    ),
    paths(
        app_info, me, health, settings, metrics_json, metrics_prometheus, upload_file, validate,
        discard_upload, process, queue, job, job_events, cancel_job, retry_job, set_priority,
        case_view, case_input, edit_draft, set_sections, case_pdf, fir_by_number,
        fir_pdf_by_number, verify_case, verify_code, health_details, regenerate, finalize, search, catalogue,
        session::sign_in, session::sign_out
    ),
    // QueueFilter: a query parameter's type, which utoipa does not collect by itself.
    components(schemas(ErrorBody, QueueFilter)),
    modifiers(&ApiKeyScheme)
)]
struct ApiDoc;

struct ApiKeyScheme;

impl utoipa::Modify for ApiKeyScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "api_key",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .bearer_format("afg_<key id>_<secret>")
                        .build(),
                ),
            );
        }
    }
}

/// The OpenAPI document of this API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    <ApiDoc as utoipa::OpenApi>::openapi()
}

async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi())
}

/// Headers every answer carries: the browser may run only this origin's scripts,
/// nothing may frame the app or guess content types, and nothing is cached.
/// Whether a request says its body is JSON.
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// A JSON body that declares more than the limit is refused at once, before a byte of it
/// is read: with `Expect: 100-continue` the client never sends it. (A body that does not
/// declare its length is cut off at the limit while it is read.)
async fn refuse_large_json(
    State(limit): State<usize>,
    request: Request,
    next: middleware::Next,
) -> axum::response::Response {
    let is_json = is_json(request.headers());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if is_json && length > limit as u64 => ApiError::too_large(format!(
            "the request is {} KB of JSON, more than the {} KB the server accepts (a statement may have at most about {} KB); nothing was saved",
            length / 1000,
            limit / 1000,
            limit / 8 / 1000
        ))
        .into_response(),
        _ => next.run(request).await,
    }
}

async fn security_headers(request: Request, next: middleware::Next) -> axum::response::Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: &'static str, value: &'static str| {
        headers.insert(name, axum::http::HeaderValue::from_static(value));
    };
    set(
        headers,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; \
         media-src 'self' blob:; frame-src blob:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "x-frame-options", "DENY");
    set(headers, "referrer-policy", "no-referrer");
    set(headers, "cross-origin-opener-policy", "same-origin");
    // Complaints and FIRs must not stay in a shared desk's browser cache.
    if !headers.contains_key(axum::http::header::CACHE_CONTROL) {
        set(headers, "cache-control", "no-store");
    }
    response
}

#[utoipa::path(get, path = "/app-info", responses((status = 200, description = "This server and the signed-in user, for the UI header.", body = AppInfo), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn app_info(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
) -> Json<AppInfo> {
    Json(AppInfo::of(state.engine.config(), Some(user)))
}

#[utoipa::path(get, path = "/me", responses((status = 200, description = "The signed-in user: name and role.", body = User), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn me(Extension(user): Extension<User>) -> Json<User> {
    Json(user)
}

#[utoipa::path(get, path = "/health", responses((status = 200, description = "Whether the database, each model server and OCR work (no addresses or details; those are at /health/details with a key). Needs no key; reused for up to 5 s.", body = serde_json::Value), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)))]
async fn health(State(state): State<AppState>) -> Json<afirgen_core::health::HealthSummary> {
    Json(probe_health(&state).await.summary())
}

#[utoipa::path(get, path = "/health/details", responses((status = 200, description = "The full health report: the database and model server addresses, errors, gates and pools (reused for up to 5 s).", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn health_details(State(state): State<AppState>) -> Json<HealthReport> {
    Json(HealthReport::clone(&*probe_health(&state).await))
}

async fn probe_health(state: &AppState) -> Arc<HealthReport> {
    let engine = &state.engine;
    state
        .health
        .get(|| {
            afirgen_core::health::report(
                engine.config(),
                Ok(engine.store()),
                engine.models(),
                Some(engine.gates()),
            )
        })
        .await
}

#[utoipa::path(get, path = "/settings", responses((status = 200, description = "The station settings in force (passwords never included).", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn settings(State(state): State<AppState>) -> Json<Settings> {
    Json(Settings::default().for_form(Some(state.engine.config())))
}

async fn collect_metrics(state: &AppState) -> Result<Metrics, ApiError> {
    let (files, bytes) = {
        let map = state.staging.lock().unwrap_or_else(|e| e.into_inner());
        map.values()
            .map(|s| s.stats())
            .fold((0, 0), |(f, b), (f2, b2)| (f + f2, b + b2))
    };
    let memory = metrics::Memory {
        staged_files: files,
        staged_bytes: bytes,
        ..metrics::Memory::default()
    };
    let mut figures = metrics::collect(&state.engine, memory).await?;
    figures.rate_limiter = Some(state.guard.stats());
    Ok(figures)
}

#[utoipa::path(get, path = "/metrics", responses((status = 200, description = "Jobs by state, last hour's throughput and latency percentiles, queue depth, gates, rate-limiter clients, in-memory holdings.", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn metrics_json(State(state): State<AppState>) -> ApiResult<Metrics> {
    Ok(Json(collect_metrics(&state).await?))
}

#[utoipa::path(get, path = "/metrics/prometheus", responses((status = 200, description = "The same figures in the Prometheus text format.", body = serde_json::Value, content_type = "text/plain"), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn metrics_prometheus(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let text = collect_metrics(&state).await?.prometheus();
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    ))
}

#[utoipa::path(post, path = "/uploads", request_body(content = serde_json::Value, content_type = "multipart/form-data"), responses((status = 200, description = "Stages one file (field `file`) for the case being written; checked by content.", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
/// One file per request (field `file`); checked by content and held until `/process`.
async fn upload_file(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    request: Request,
) -> ApiResult<StagedFile> {
    let limits = state.engine.config().input.clone();
    let form = upload::read(request, &limits).await?;
    let file = form
        .files
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::bad_request("the upload has no field named \"file\""))?;
    let staged = state
        .staging_of(&user)
        .stage_off_thread(file.name, file.bytes, limits)
        .await?;
    Ok(Json(staged))
}

#[utoipa::path(post, path = "/validate", request_body(content = serde_json::Value, content_type = "multipart/form-data"), responses((status = 200, description = "Checks files (fields `file`) by content without keeping them.", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
/// Checks files by content, as `/uploads` would, without keeping them.
async fn validate(State(state): State<AppState>, request: Request) -> ApiResult<Vec<StagedFile>> {
    let limits = state.engine.config().input.clone();
    let form = upload::read(request, &limits).await?;
    let checked = afirgen_core::desk::check_files(form.files, &limits).await?;
    Ok(Json(checked))
}

#[utoipa::path(delete, path = "/uploads/{id}", params(("id" = i64, Path, description = "Staged file id", example = 1)), responses((status = 200, description = "Drops a staged file.", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn discard_upload(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(id): Path<u64>,
) -> Json<()> {
    state.staging_of(&user).discard(id);
    Json(())
}

#[utoipa::path(post, path = "/process", request_body(content = CaseForm, content_type = "application/json", description = "JSON from a desk; multipart (`text`, `language`, `urgent`, `file` parts) is also taken"), responses((status = 200, description = "Submits a case: JSON (`text`, staged `files`, `language`, `urgent`) or multipart (`text`, `language`, `urgent`, `file`...). 503 with Retry-After when the queue is full; nothing is stored then.", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 413, description = "A file over the limit", body = ErrorBody), (status = 503, description = "The queue is full; see Retry-After", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
/// A case: JSON (`text`, staged `files` ids, `language`, `urgent`) from the web UI, or
/// multipart (`text`, `language`, `urgent` and any number of `file` parts) in one
/// request, as the original `/process` took it.
async fn process(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    request: Request,
) -> ApiResult<Submitted> {
    if is_json(request.headers()) {
        // The case limit above is for files; a JSON case is text and staged file ids,
        // held to the statement's limit before a byte of it is kept.
        let limit = state.engine.config().input.max_json_bytes();
        let body = axum::body::to_bytes(request.into_body(), limit)
            .await
            .map_err(|_| {
                ApiError::too_large(format!(
                    "the complaint is larger than the server accepts ({} KB of JSON; a statement may have at most {} characters); nothing was saved",
                    limit / 1000,
                    state.engine.config().input.max_text_chars
                ))
            })?;
        let form: CaseForm = serde_json::from_slice(&body)
            .map_err(|e| ApiError::bad_request(format!("the complaint is not valid JSON: {e}")))?;
        let staging = state.staging_of(&user);
        return Ok(Json(
            state.engine.submit_form(&staging, form, &user.name).await?,
        ));
    }
    let form = upload::read(request, &state.engine.config().input).await?;
    Ok(Json(state.engine.submit_received(form, &user.name).await?))
}

#[utoipa::path(get, path = "/queue", params(("filter" = Option<QueueFilter>, Query, description = "Only jobs that stand so: all (default), queued, running, awaiting_review, failed, finalized, cancelled"), ("text" = Option<String>, Query, description = "A case or job number (12, #12), a record number, a section, the complainant's name or any words of the draft"), ("offset" = Option<i64>, Query, description = "Rows to skip, newest first (default 0)", minimum = 0), ("limit" = Option<i64>, Query, description = "Rows in the page, 1 to 1000 (default 200)", minimum = 1, maximum = 1000), ("changed_since" = Option<i64>, Query, description = "Only jobs changed at or after this time (ms since the epoch, the server's clock; the view's `now` is that clock)")), responses((status = 200, description = "A page of jobs, newest first, with the number matching in all, each queued or running job's expected finish, the gates and counts per state.", body = QueueView), (status = 400, description = "A parameter that is not valid", body = ErrorBody), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn queue(
    State(state): State<AppState>,
    query: Result<Query<QueueQuery>, QueryRejection>,
) -> ApiResult<QueueView> {
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    Ok(Json(state.engine.queue_view(&query).await?))
}

#[utoipa::path(get, path = "/jobs/{id}", params(("id" = i64, Path, description = "Job id", example = 1)), responses((status = 200, description = "One job (also at /session/{id}/status, the original route).", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn job(State(state): State<AppState>, Path(id): Path<JobId>) -> ApiResult<Job> {
    Ok(Json(state.engine.job(id).await?))
}

#[utoipa::path(get, path = "/jobs/{id}/events", params(("id" = i64, Path, description = "Job id", example = 1)), responses((status = 200, description = "Server-sent events: the job's state now, then each step, until it settles.", body = serde_json::Value, content_type = "text/event-stream"), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
/// Server-sent events: the job's state now, then each step, until it settles.
async fn job_events(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Extension(by): Extension<auth::SignedInBy>,
    Path(id): Path<JobId>,
) -> Result<impl IntoResponse, ApiError> {
    state.engine.job(id).await?;
    let permits = {
        let mut map = state.streams.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(user.name.clone())
            .or_insert_with(|| Arc::new(tokio::sync::Semaphore::new(MAX_STREAMS_PER_USER)))
            .clone()
    };
    let permit = permits.try_acquire_owned().map_err(|_| {
        ApiError::too_many(format!(
            "{} has {MAX_STREAMS_PER_USER} event streams open already; close some (or reload the page) and try again",
            user.name
        ))
    })?;
    // Bounded: a client that stops reading ends its watch instead of growing a buffer.
    let (tx, rx) = tokio::sync::mpsc::channel(64);
    let engine = state.engine.clone();
    let station = state.guard.station().to_owned();
    let gone = tx.clone();
    tokio::spawn(async move {
        // Held for the stream's life: the user's count of open streams.
        let _permit = permit;
        let store = engine.store().clone();
        let watch = engine.watch(id, |event| match tx.try_send(event) {
            Ok(()) => true,
            // A client this far behind is dropped; it reconnects and gets the state.
            Err(_) => false,
        });
        // A revoked key's or an ended session's streams end: checked again every few
        // seconds.
        let revoked = async {
            loop {
                tokio::time::sleep(STREAM_KEY_CHECK).await;
                let scope = auth::StationScope(&station);
                if let Ok(false) = by
                    .still_signed_in(&store, &user.name, scope, guard::SESSION_IDLE)
                    .await
                {
                    return;
                }
            }
        };
        // Ends when the job settles, the client goes away or the key is revoked, at
        // once: a quiet job's watch would otherwise keep looking at the store until the
        // job moved.
        tokio::select! {
            _ = watch => {}
            () = gone.closed() => {}
            () = revoked => {}
        }
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        let event = rx.recv().await?;
        let sse = Event::default().json_data(&event).unwrap_or_default();
        Some((Ok::<_, Infallible>(sse), rx))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

#[utoipa::path(post, path = "/jobs/{id}/cancel", params(("id" = i64, Path, description = "Job id", example = 1)), responses((status = 200, description = "Cancels a queued or running job.", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn cancel_job(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(id): Path<JobId>,
) -> ApiResult<bool> {
    Ok(Json(state.engine.cancel(id, &user.name).await?))
}

#[utoipa::path(post, path = "/jobs/{id}/retry", params(("id" = i64, Path, description = "Job id", example = 1)), responses((status = 200, description = "Queues a failed or cancelled job again (finished steps are reused).", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn retry_job(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(id): Path<JobId>,
) -> ApiResult<()> {
    Ok(Json(state.engine.retry(id, &user.name).await?))
}

/// A job's priority: urgent or not.
#[derive(Deserialize, utoipa::ToSchema)]
struct PriorityForm {
    /// Ahead of the queue (true) or back to normal.
    urgent: bool,
}

#[utoipa::path(post, path = "/jobs/{id}/priority", params(("id" = i64, Path, description = "Job id", example = 1)), request_body = PriorityForm, responses((status = 200, description = "Moves a waiting or running job ahead of the queue (`{\"urgent\": true}`) or back; audited.", body = serde_json::Value), (status = 409, description = "The job has finished", body = ErrorBody), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn set_priority(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(id): Path<JobId>,
    Json(form): Json<PriorityForm>,
) -> ApiResult<()> {
    let priority = Priority::from_urgent(form.urgent);
    Ok(Json(
        state.engine.set_priority(id, priority, &user.name).await?,
    ))
}

#[utoipa::path(get, path = "/cases/{id}", params(("id" = i64, Path, description = "Case id", example = 1)), responses((status = 200, description = "A case: inputs with their text, the job, the draft, the record once finalised.", body = CaseView), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn case_view(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(id): Path<CaseId>,
) -> ApiResult<CaseView> {
    Ok(Json(state.engine.case_view(id, &user.name).await?))
}

#[utoipa::path(get, path = "/cases/{id}/inputs/{input}", params(("id" = i64, Path, description = "Case id", example = 1), ("input" = i64, Path, description = "Input id", example = 1)), responses((status = 200, description = "An input's bytes (type from the content).", body = serde_json::Value, content_type = "application/octet-stream"), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn case_input(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path((id, input)): Path<(CaseId, i64)>,
) -> Result<impl IntoResponse, ApiError> {
    let bytes = state.engine.input_bytes(id, input, &user.name).await?;
    // The type comes from the content, never from the uploaded name.
    let mime = afirgen_core::media::sniff(&bytes).map_or("application/octet-stream", |m| m.mime());
    Ok(([(header::CONTENT_TYPE, mime)], bytes))
}

#[utoipa::path(patch, path = "/cases/{id}/draft", params(("id" = i64, Path, description = "Case id", example = 1)), request_body = Vec<FieldEdit>, responses((status = 200, description = "Field edits: `[{\"path\": \"complainant.name\", \"value\": \"...\"}]`; each is audited.", body = FirDraft), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn edit_draft(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(id): Path<CaseId>,
    Json(edits): Json<Vec<FieldEdit>>,
) -> ApiResult<FirDraft> {
    Ok(Json(state.engine.edit_draft(id, &user.name, &edits).await?))
}

#[utoipa::path(put, path = "/cases/{id}/sections", params(("id" = i64, Path, description = "Case id", example = 1)), request_body(content = Vec<String>, description = "The citations as the form writes them: \"303(2)\", \"IT Act 66D\""), responses((status = 200, description = "The cited sections, e.g. `[\"303(2)\", \"IT Act 66C\"]`; only catalogue sections.", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn set_sections(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(id): Path<CaseId>,
    Json(citations): Json<Vec<String>>,
) -> ApiResult<FirDraft> {
    Ok(Json(
        state
            .engine
            .set_sections(id, &user.name, &citations)
            .await?,
    ))
}

fn pdf_response(record: &FinalRecord, pdf: Vec<u8>) -> impl IntoResponse {
    let disposition = format!(
        "attachment; filename=\"{}\"",
        afirgen_core::desk::export_file_name(record)
    );
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        pdf,
    )
}

#[utoipa::path(get, path = "/cases/{id}/pdf", params(("id" = i64, Path, description = "Case id", example = 1)), responses((status = 200, description = "The finalised record as a PDF (IIF-1).", body = serde_json::Value, content_type = "application/pdf"), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn case_pdf(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(id): Path<CaseId>,
) -> Result<impl IntoResponse, ApiError> {
    let (record, pdf) = state.engine.record_pdf(id, &user.name).await?;
    Ok(pdf_response(&record, pdf))
}

#[utoipa::path(get, path = "/fir/{number}", params(("number" = String, Path, description = "FIR number: 42-2026, 0042/2026 (URL-encoded) or 42 for this year")), responses((status = 200, description = "This station's FIR by number.", body = FinalRecord), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn fir_by_number(
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> ApiResult<FinalRecord> {
    Ok(Json(state.engine.fir_by_number(&number).await?))
}

#[utoipa::path(get, path = "/fir/{number}/pdf", params(("number" = String, Path, description = "FIR number, as for /fir/{number}")), responses((status = 200, description = "The PDF of this station's FIR by number.", body = serde_json::Value, content_type = "application/pdf"), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn fir_pdf_by_number(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(number): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let record = state.engine.fir_by_number(&number).await?;
    let (record, pdf) = state.engine.record_pdf(record.case_id, &user.name).await?;
    Ok(pdf_response(&record, pdf))
}

#[derive(Deserialize)]
struct CodeQuery {
    code: String,
}

#[utoipa::path(get, path = "/verify/code", params(("code" = String, Query, description = "The text of the QR code on a paper copy: AFIRGEN1|station|kind|number|seal")), responses((status = 200, description = "Checks the record the code names, and that the code's station, kind and number are that record's; the paper's text is not checked.", body = Verification), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "No record has the code's seal", body = ErrorBody), (status = 422, description = "Not an AFIRGen code", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
/// Checks a paper copy by the code printed on it.
async fn verify_code(
    State(state): State<AppState>,
    Query(query): Query<CodeQuery>,
) -> ApiResult<Verification> {
    Ok(Json(state.engine.verify_paper_code(&query.code).await?))
}

#[utoipa::path(get, path = "/cases/{id}/verify", params(("id" = i64, Path, description = "Case id", example = 1)), responses((status = 200, description = "Checks a finalised record: its seal, the station's signature and its audit chain; says whether it is intact and what is wrong.", body = Verification), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn verify_case(
    State(state): State<AppState>,
    Path(id): Path<CaseId>,
) -> ApiResult<Verification> {
    Ok(Json(state.engine.verify_case(id).await?))
}

/// What a finalisation may say: the draft revision the officer reviewed.
#[derive(Deserialize, utoipa::ToSchema)]
struct FinalizeForm {
    /// The revision of the draft the officer reviewed (from GET /cases/{id}).
    draft_revision: Option<i64>,
}

/// Which step to run again, with the officer's guidance.
#[derive(Deserialize, utoipa::ToSchema)]
struct RegenerateForm {
    /// The facts or the sections.
    what: Regenerate,
    /// What the officer wants considered (optional).
    guidance: Option<String>,
}

#[utoipa::path(post, path = "/regenerate/{job}", params(("job" = i64, Path, description = "Job id", example = 1)), request_body = RegenerateForm, responses((status = 200, description = "Runs one step again with the officer's guidance: `{\"what\": \"facts\" | \"sections\", \"guidance\": \"...\"}`.", body = FirDraft), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn regenerate(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(job): Path<JobId>,
    Json(form): Json<RegenerateForm>,
) -> ApiResult<FirDraft> {
    let guidance = form.guidance.as_deref().filter(|g| !g.trim().is_empty());
    Ok(Json(
        state
            .engine
            .regenerate(job, form.what, guidance, &user.name)
            .await?,
    ))
}

#[utoipa::path(post, path = "/firs/{job}/finalize", params(("job" = i64, Path, description = "Job id", example = 1)), request_body(content = Option<FinalizeForm>, description = "Optional: `{\"draft_revision\": N}`, the revision of the draft the officer reviewed (from GET /cases/{id})."), responses((status = 200, description = "Numbers and seals the reviewed draft with the station's key. Station house officers only: 403 for a writer.", body = FinalRecord), (status = 409, description = "Already finalised, or the draft changed since the named revision (`draft_changed`, with what changed)", body = ErrorBody), (status = 422, description = "The draft lacks items an FIR cannot be registered without (`error`: `incomplete`); `fields` names them and nothing was numbered", body = ErrorBody), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 403, description = "Not a station house officer", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
/// Numbers and seals the reviewed draft: station house officers only (403 otherwise).
async fn finalize(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(job): Path<JobId>,
    body: axum::body::Bytes,
) -> ApiResult<FinalRecord> {
    // No body (or `null`) seals the draft as it stands; a desk sends the revision its
    // officer reviewed, and a newer draft is refused with 409 and what changed.
    let reviewed = match serde_json::from_slice::<Option<FinalizeForm>>(&body) {
        Ok(form) => form.and_then(|form| form.draft_revision),
        Err(_) if body.iter().all(u8::is_ascii_whitespace) => None,
        Err(err) => {
            return Err(ApiError::bad_request(format!(
                "the body must be {{\"draft_revision\": N}} or empty: {err}"
            )))
        }
    };
    Ok(Json(state.engine.finalize(job, &user, reviewed).await?))
}

#[utoipa::path(get, path = "/firs", params(("text" = Option<String>, Query, description = "Number, name, section or words"), ("state" = Option<String>, Query, description = "Job state"), ("from_ms" = Option<i64>, Query, description = "Submitted at or after (ms)"), ("to_ms" = Option<i64>, Query, description = "Submitted before (ms)"), ("limit" = Option<i64>, Query, description = "At most this many")), responses((status = 200, description = "Records and jobs matching a query (also at /jobs).", body = serde_json::Value), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
/// Jobs and records matching the query (`/jobs` and `/firs` are one search).
async fn search(
    State(state): State<AppState>,
    Query(query): Query<RecordQuery>,
) -> ApiResult<Vec<JobRow>> {
    Ok(Json(state.engine.search(&query).await?))
}

#[derive(Deserialize)]
struct CatalogueQuery {
    query: String,
    limit: Option<usize>,
}

#[utoipa::path(get, path = "/catalogue", params(("query" = String, Query, description = "Words, a section number, Hindi"), ("limit" = Option<usize>, Query, description = "1 to 50, default 10")), responses((status = 200, description = "Searches the legal catalogue.", body = Vec<Hit>), (status = 401, description = "No key, or a key that is not valid", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 429, description = "Rate limited; see Retry-After", body = ErrorBody)), security(("api_key" = [])))]
async fn catalogue(
    State(state): State<AppState>,
    Query(q): Query<CatalogueQuery>,
) -> Json<Vec<Hit>> {
    Json(state.engine.catalogue_search(&q.query, q.limit))
}

/// Serves until `shutdown` completes. Client addresses come from the sockets.
pub async fn serve(
    engine: Engine,
    listener: tokio::net::TcpListener,
    ui_dir: Option<PathBuf>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let guard = Guard::new(
        &engine.config().server,
        engine.store().clone(),
        &engine.config().station.code,
    );
    // Clients whose allowance refilled are forgotten, so the limiter's maps stay small.
    let sweeper = {
        let guard = Arc::downgrade(&guard);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                match guard.upgrade() {
                    Some(guard) => guard.forget_idle(),
                    None => return,
                }
            }
        })
    };
    let app = router_with_guard(engine, ui_dir, guard);
    let result = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    sweeper.abort();
    result
}
