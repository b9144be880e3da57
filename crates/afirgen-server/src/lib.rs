//! AFIRGen station server (DESIGN.md section 8): the HTTP API over afirgen-core and the
//! built web UI for browsers. Each handler parses its input, calls one core operation
//! and maps the error; the logic lives in `afirgen_core::desk`.
//!
//! Not yet here (issue 7 continues): API keys and roles, rate limits, backpressure,
//! metrics, OpenAPI. Until then `afirgen serve` binds to the loopback address by default.

mod error;

pub use error::ApiError;

use afirgen_core::config::Settings;
use afirgen_core::desk::{
    CaseForm, CaseView, JobRow, QueueView, StagedFile, Staging, Verification,
};
use afirgen_core::domain::{CaseId, Job, JobId, Priority};
use afirgen_core::fir::FirDraft;
use afirgen_core::health::HealthReport;
use afirgen_core::legal::Hit;
use afirgen_core::review::{FieldEdit, Regenerate};
use afirgen_core::store::{FinalRecord, RecordQuery};
use afirgen_core::{Engine, Submitted};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::header;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::{delete, get, patch, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;

type ApiResult<T> = Result<Json<T>, ApiError>;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    engine: Engine,
    staging: Arc<Staging>,
}

/// Who acts, for the audit trail (per-user API keys replace this in issue 7).
const ACTOR: &str = "station-server";

/// The API routes, and the built UI at `/` when `ui_dir` is given.
pub fn router(engine: Engine, ui_dir: Option<PathBuf>) -> Router {
    // A request may carry one file at the per-file limit plus the form around it.
    let body_limit = usize::try_from(engine.config().input.max_file_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(1 << 20);
    let state = AppState {
        engine,
        staging: Arc::default(),
    };
    let api = Router::new()
        .route("/app-info", get(app_info))
        .route("/health", get(health))
        .route("/settings", get(settings))
        .route("/uploads", post(upload))
        .route("/uploads/{id}", delete(discard_upload))
        .route("/process", post(process))
        .route("/queue", get(queue))
        .route("/jobs", get(search))
        .route("/jobs/{id}", get(job))
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
        .route("/regenerate/{job}", post(regenerate))
        .route("/firs/{job}/finalize", post(finalize))
        .route("/firs", get(search))
        .route("/catalogue", get(catalogue))
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state);
    match ui_dir {
        Some(dir) => {
            let index = dir.join("index.html");
            api.fallback_service(
                tower_http::services::ServeDir::new(dir)
                    .fallback(tower_http::services::ServeFile::new(index)),
            )
        }
        None => api,
    }
}

#[derive(serde::Serialize)]
struct AppInfo {
    version: &'static str,
    data_dir: String,
    database: Option<String>,
    error: Option<String>,
    station_code: String,
    officer: &'static str,
    max_file_bytes: u64,
}

async fn app_info(State(state): State<AppState>) -> Json<AppInfo> {
    let config = state.engine.config();
    Json(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: String::new(),
        database: config
            .database_url()
            .ok()
            .map(|url| afirgen_core::config::redact_url(&url)),
        error: None,
        station_code: config.station.code.clone(),
        officer: ACTOR,
        max_file_bytes: config.input.max_file_bytes,
    })
}

async fn health(State(state): State<AppState>) -> Json<HealthReport> {
    let engine = &state.engine;
    Json(
        afirgen_core::health::report(
            engine.config(),
            Ok(engine.store()),
            engine.models(),
            Some(engine.gates()),
        )
        .await,
    )
}

async fn settings(State(state): State<AppState>) -> Json<Settings> {
    Json(Settings::default().for_form(Some(state.engine.config())))
}

/// One file per request (field `file`); checked by content and held until `/process`.
async fn upload(State(state): State<AppState>, mut form: Multipart) -> ApiResult<StagedFile> {
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| ApiError::bad_request(format!("unreadable upload: {e}")))?
    {
        if field.name() != Some("file") {
            continue;
        }
        // The name is only shown to people; it never becomes a path.
        let name = field.file_name().unwrap_or("file").to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::bad_request(format!("{name}: upload interrupted: {e}")))?
            .to_vec();
        let limits = state.engine.config().input.clone();
        let staging = state.staging.clone();
        let staged = tokio::task::spawn_blocking(move || staging.stage(&name, bytes, &limits))
            .await
            .map_err(|e| ApiError::bad_request(e.to_string()))?
            .map_err(afirgen_core::desk::DeskError::from)?;
        return Ok(Json(staged));
    }
    Err(ApiError::bad_request(
        "the upload has no field named \"file\"",
    ))
}

async fn discard_upload(State(state): State<AppState>, Path(id): Path<u64>) -> Json<()> {
    state.staging.discard(id);
    Json(())
}

async fn process(
    State(state): State<AppState>,
    Json(form): Json<CaseForm>,
) -> ApiResult<Submitted> {
    Ok(Json(
        state
            .engine
            .submit_form(&state.staging, form, ACTOR)
            .await?,
    ))
}

async fn queue(State(state): State<AppState>) -> ApiResult<QueueView> {
    Ok(Json(state.engine.queue_view(200).await?))
}

async fn job(State(state): State<AppState>, Path(id): Path<JobId>) -> ApiResult<Job> {
    Ok(Json(state.engine.store().get_job(id).await?))
}

/// Server-sent events: the job's state now, then each step, until it settles.
async fn job_events(
    State(state): State<AppState>,
    Path(id): Path<JobId>,
) -> Result<impl IntoResponse, ApiError> {
    state.engine.store().get_job(id).await?;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let engine = state.engine.clone();
    tokio::spawn(async move {
        // Ends when the job settles or the client goes away (send fails).
        let _ = engine.watch(id, |event| tx.send(event).is_ok()).await;
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        let event = rx.recv().await?;
        let sse = Event::default().json_data(&event).unwrap_or_default();
        Some((Ok::<_, Infallible>(sse), rx))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

async fn cancel_job(State(state): State<AppState>, Path(id): Path<JobId>) -> ApiResult<bool> {
    Ok(Json(state.engine.cancel(id, ACTOR).await?))
}

async fn retry_job(State(state): State<AppState>, Path(id): Path<JobId>) -> ApiResult<()> {
    Ok(Json(state.engine.retry(id, ACTOR).await?))
}

#[derive(Deserialize)]
struct PriorityForm {
    urgent: bool,
}

async fn set_priority(
    State(state): State<AppState>,
    Path(id): Path<JobId>,
    Json(form): Json<PriorityForm>,
) -> ApiResult<()> {
    let priority = if form.urgent {
        Priority::Urgent
    } else {
        Priority::Normal
    };
    Ok(Json(state.engine.set_priority(id, priority).await?))
}

async fn case_view(State(state): State<AppState>, Path(id): Path<CaseId>) -> ApiResult<CaseView> {
    Ok(Json(state.engine.case_view(id).await?))
}

async fn case_input(
    State(state): State<AppState>,
    Path((id, input)): Path<(CaseId, i64)>,
) -> Result<impl IntoResponse, ApiError> {
    let bytes = state.engine.input_bytes(id, input).await?;
    // The type comes from the content, never from the uploaded name.
    let mime = afirgen_core::media::sniff(&bytes).map_or("application/octet-stream", |m| m.mime());
    Ok(([(header::CONTENT_TYPE, mime)], bytes))
}

async fn edit_draft(
    State(state): State<AppState>,
    Path(id): Path<CaseId>,
    Json(edits): Json<Vec<FieldEdit>>,
) -> ApiResult<FirDraft> {
    Ok(Json(state.engine.edit_draft(id, ACTOR, &edits).await?))
}

async fn set_sections(
    State(state): State<AppState>,
    Path(id): Path<CaseId>,
    Json(citations): Json<Vec<String>>,
) -> ApiResult<FirDraft> {
    Ok(Json(
        state.engine.set_sections(id, ACTOR, &citations).await?,
    ))
}

async fn case_pdf(
    State(state): State<AppState>,
    Path(id): Path<CaseId>,
) -> Result<impl IntoResponse, ApiError> {
    let (record, pdf) = state.engine.record_pdf(id).await?;
    let disposition = format!(
        "attachment; filename=\"{}\"",
        afirgen_core::desk::export_file_name(&record)
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        pdf,
    ))
}

async fn verify_case(
    State(state): State<AppState>,
    Path(id): Path<CaseId>,
) -> ApiResult<Verification> {
    Ok(Json(state.engine.verify_case(id).await?))
}

#[derive(Deserialize)]
struct RegenerateForm {
    what: Regenerate,
    guidance: Option<String>,
}

async fn regenerate(
    State(state): State<AppState>,
    Path(job): Path<JobId>,
    Json(form): Json<RegenerateForm>,
) -> ApiResult<FirDraft> {
    let guidance = form.guidance.as_deref().filter(|g| !g.trim().is_empty());
    Ok(Json(
        state
            .engine
            .regenerate(job, form.what, guidance, ACTOR)
            .await?,
    ))
}

async fn finalize(State(state): State<AppState>, Path(job): Path<JobId>) -> ApiResult<FinalRecord> {
    Ok(Json(state.engine.finalize(job, ACTOR).await?))
}

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

async fn catalogue(
    State(state): State<AppState>,
    Query(q): Query<CatalogueQuery>,
) -> Json<Vec<Hit>> {
    Json(
        state
            .engine
            .catalogue()
            .search(&q.query, q.limit.unwrap_or(10).clamp(1, 50)),
    )
}

/// Serves until `shutdown` completes.
pub async fn serve(
    engine: Engine,
    listener: tokio::net::TcpListener,
    ui_dir: Option<PathBuf>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(engine, ui_dir))
        .with_graceful_shutdown(shutdown)
        .await
}
