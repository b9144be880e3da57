//! Tauri commands: each parses its input, calls one core operation and maps the error
//! to a message for the officer. They mirror the station server's HTTP API.

use crate::desk::{self, Desk};
use afirgen_core::desk::AppInfo;
use afirgen_core::desk::Settings;
use afirgen_core::desk::{
    CaseForm, CaseView, JobRow, QueueQuery, QueueView, StagedFile, Verification,
};
use afirgen_core::domain::{CaseId, JobId, ModelRole, Priority};
use afirgen_core::fir::FirDraft;
use afirgen_core::health::HealthReport;
use afirgen_core::legal::Hit;
use afirgen_core::models::registry::ModelChoice;
use afirgen_core::pipeline::JobEvent;
use afirgen_core::report::{ErrorCode, ErrorReport};
use afirgen_core::review::{FieldEdit, Regenerate};
use afirgen_core::store::{FinalRecord, RecordQuery};
use afirgen_core::Submitted;
use serde::Serialize;
use tauri::ipc::{Channel, InvokeBody, Request, Response};
use tauri::{AppHandle, State};

/// Errors reach the UI as the core's report, `{error: code, message}`: the shape the
/// station server answers with, so the UI reads one shape from either.
type Result<T> = std::result::Result<T, ErrorReport>;

/// A core error, classified by the core.
fn msg(err: impl Into<ErrorReport>) -> ErrorReport {
    err.into()
}

/// A failure of this program or machine (a file it could not write, a window it could
/// not open), with what to do.
fn internal(message: impl std::fmt::Display) -> ErrorReport {
    ErrorReport::new(ErrorCode::Internal, message.to_string())
}

/// What the desk is and who is signed in (no one yet: the UI shows the sign-in).
#[tauri::command]
pub async fn app_info(desk: State<'_, Desk>) -> Result<AppInfo> {
    let user = desk.looking().await.ok().map(|(_, user)| user);
    let mut info = match &desk.engine {
        Ok(engine) => AppInfo::of(engine.config(), user),
        // A desk of a station server has no engine by design, which is no error.
        Err(_) if desk.station.is_some() => AppInfo::without_engine(None, None),
        Err(err) => AppInfo::without_engine(None, Some(err.clone())),
    };
    info.data_dir = desk.data_dir.display().to_string();
    info.station = desk.station.as_ref().map(|link| link.origin());
    Ok(info)
}

/// Checks this desk's key with its station server and, when the server lets it in,
/// opens the server's UI in the window. Errors say what to fix in Settings.
#[tauri::command]
pub async fn connect_station(
    window: tauri::WebviewWindow,
    desk: State<'_, Desk>,
) -> Result<afirgen_core::auth::User> {
    let link = desk.station.clone().ok_or_else(|| {
        ErrorReport::new(
            ErrorCode::Invalid,
            "no station server is set: enter its address and your key in Settings",
        )
    })?;
    let user = link.connect().await.map_err(msg)?;
    window.navigate(link.url().clone()).map_err(internal)?;
    Ok(user)
}

/// Checks a dropped file (raw body, name in the `x-file-name` header, URI-encoded) and
/// holds it for the case being written. Decoding a recording to check it takes a
/// moment, so it runs off the main thread.
#[tauri::command]
pub async fn stage_file(request: Request<'_>, desk: State<'_, Desk>) -> Result<StagedFile> {
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_else(|| "file".into());
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ErrorReport::new(
            ErrorCode::Invalid,
            format!("{name}: no file content was sent"),
        ));
    };
    let bytes = bytes.clone();
    let limits = desk.looking().await?.0.config().input.clone();
    desk.staging
        .clone()
        .stage_off_thread(name, bytes, limits)
        .await
        .map_err(msg)
}

/// `%E0%A4%…` back to text; the UI encodes names so any script survives the header.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tauri::command]
pub fn discard_file(id: u64, desk: State<'_, Desk>) {
    desk.staging.discard(id);
}

#[tauri::command]
pub async fn submit_case(form: CaseForm, desk: State<'_, Desk>) -> Result<Submitted> {
    let (engine, user) = desk.acting().await?;
    engine
        .submit_form(&desk.staging, form, &user.name)
        .await
        .map_err(msg)
}

/// A page of the queue; no query is the first page of every job.
#[tauri::command]
pub async fn queue(query: Option<QueueQuery>, desk: State<'_, Desk>) -> Result<QueueView> {
    desk.looking()
        .await?
        .0
        .queue_view(&query.unwrap_or_default())
        .await
        .map_err(msg)
}

/// Streams one job's progress over its own channel until the job settles or the UI
/// calls [`unwatch_job`] with the returned id.
#[tauri::command]
pub async fn watch_job(
    job_id: JobId,
    on_event: Channel<JobEvent>,
    desk: State<'_, Desk>,
) -> Result<u64> {
    let engine = desk.looking().await?.0.clone();
    let task = tauri::async_runtime::spawn(async move {
        if let Err(err) = engine
            .watch(job_id, |event| on_event.send(event).is_ok())
            .await
        {
            tracing::warn!(job_id, error = %err, "job watch ended");
        }
    });
    Ok(desk.watchers.add(task))
}

/// Stops a watch (the screen showing it went away).
#[tauri::command]
pub fn unwatch_job(watch: u64, desk: State<'_, Desk>) {
    desk.watchers.stop(watch);
}

#[tauri::command]
pub async fn cancel_job(job_id: JobId, desk: State<'_, Desk>) -> Result<bool> {
    let (engine, user) = desk.acting().await?;
    engine.cancel(job_id, &user.name).await.map_err(msg)
}

#[tauri::command]
pub async fn retry_job(job_id: JobId, desk: State<'_, Desk>) -> Result<()> {
    let (engine, user) = desk.acting().await?;
    engine.retry(job_id, &user.name).await.map_err(msg)
}

#[tauri::command]
pub async fn set_priority(job_id: JobId, urgent: bool, desk: State<'_, Desk>) -> Result<()> {
    let (engine, user) = desk.acting().await?;
    let priority = Priority::from_urgent(urgent);
    engine
        .set_priority(job_id, priority, &user.name)
        .await
        .map_err(msg)
}

#[tauri::command]
pub async fn case_view(case_id: CaseId, desk: State<'_, Desk>) -> Result<CaseView> {
    let (engine, user) = desk.looking().await?;
    engine.case_view(case_id, &user.name).await.map_err(msg)
}

/// An input's bytes, raw (for the audio player and image viewer).
#[tauri::command]
pub async fn input_bytes(
    case_id: CaseId,
    input_id: i64,
    desk: State<'_, Desk>,
) -> Result<Response> {
    let (engine, user) = desk.looking().await?;
    let bytes = engine
        .input_bytes(case_id, input_id, &user.name)
        .await
        .map_err(msg)?;
    Ok(Response::new(bytes))
}

#[tauri::command]
pub async fn edit_draft(
    case_id: CaseId,
    edits: Vec<FieldEdit>,
    desk: State<'_, Desk>,
) -> Result<FirDraft> {
    let (engine, user) = desk.acting().await?;
    engine
        .edit_draft(case_id, &user.name, &edits)
        .await
        .map_err(msg)
}

#[tauri::command]
pub async fn set_sections(
    case_id: CaseId,
    citations: Vec<String>,
    desk: State<'_, Desk>,
) -> Result<FirDraft> {
    let (engine, user) = desk.acting().await?;
    engine
        .set_sections(case_id, &user.name, &citations)
        .await
        .map_err(msg)
}

#[tauri::command]
pub async fn regenerate(
    job_id: JobId,
    what: Regenerate,
    guidance: Option<String>,
    desk: State<'_, Desk>,
) -> Result<FirDraft> {
    let (engine, user) = desk.acting().await?;
    engine
        .regenerate(
            job_id,
            what,
            guidance.as_deref().filter(|g| !g.trim().is_empty()),
            &user.name,
        )
        .await
        .map_err(msg)
}

#[tauri::command]
pub async fn finalize(
    job_id: JobId,
    draft_revision: Option<i64>,
    desk: State<'_, Desk>,
) -> Result<FinalRecord> {
    let (engine, user) = desk.acting().await?;
    engine
        .finalize(job_id, &user, draft_revision)
        .await
        .map_err(msg)
}

/// Runs a native dialog on the main thread (GTK and AppKit want it there) and waits.
async fn on_main_thread<T: Send + 'static>(
    app: &AppHandle,
    dialog: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.run_on_main_thread(move || {
        let _ = tx.send(dialog());
    })
    .map_err(internal)?;
    rx.await.map_err(internal)
}

/// Where a PDF went.
#[derive(Serialize)]
pub struct Exported {
    path: Option<String>,
    number: String,
}

/// Saves a finalized case's PDF: into the export folder from Settings when one is set,
/// else where the officer chooses in a save dialog (`path: null` if they cancel).
#[tauri::command]
pub async fn export_pdf(
    case_id: CaseId,
    app: AppHandle,
    desk: State<'_, Desk>,
) -> Result<Exported> {
    let (engine, user) = desk.acting().await?;
    let (record, pdf) = engine.record_pdf(case_id, &user.name).await.map_err(msg)?;
    let file_name = afirgen_core::desk::export_file_name(&record);
    let path = match desk
        .settings
        .export_dir
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        Some(dir) => Some(std::path::Path::new(dir).join(&file_name)),
        None => {
            on_main_thread(&app, move || {
                rfd::FileDialog::new()
                    .set_title("Save the FIR as PDF")
                    .set_file_name(&file_name)
                    .add_filter("PDF", &["pdf"])
                    .save_file()
            })
            .await?
        }
    };
    if let Some(path) = &path {
        std::fs::write(path, &pdf)
            .map_err(|e| internal(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(Exported {
        path: path.map(|p| p.display().to_string()),
        number: record.display_number,
    })
}

#[tauri::command]
pub async fn verify_case(case_id: CaseId, desk: State<'_, Desk>) -> Result<Verification> {
    desk.looking()
        .await?
        .0
        .verify_case(case_id)
        .await
        .map_err(msg)
}

/// Asks for a PDF and checks its seal against the database (`null` if cancelled).
#[tauri::command]
pub async fn verify_pdf(app: AppHandle, desk: State<'_, Desk>) -> Result<Option<Verification>> {
    let chosen = on_main_thread(&app, || {
        rfd::FileDialog::new()
            .set_title("Choose an exported FIR PDF to verify")
            .add_filter("PDF", &["pdf"])
            .pick_file()
    })
    .await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| internal(format!("cannot read {}: {e}", path.display())))?;
    desk.looking()
        .await?
        .0
        .verify_pdf(&bytes)
        .await
        .map(Some)
        .map_err(msg)
}

/// Prints a finalized case's PDF on the computer's default printer through the system's
/// print service (CUPS `lp`), for the complainant's free copy; the copy is audited as
/// issued like an export. Returns what the print service said (its request id).
#[tauri::command]
pub async fn print_pdf(case_id: CaseId, desk: State<'_, Desk>) -> Result<String> {
    let (engine, user) = desk.acting().await?;
    let (record, pdf) = engine.record_pdf(case_id, &user.name).await.map_err(msg)?;
    // A file of our own naming in the data folder, removed once the spooler has it.
    let dir = engine.config().data_dir().map_err(msg)?.join("print");
    std::fs::create_dir_all(&dir)
        .map_err(|e| internal(format!("cannot make {}: {e}", dir.display())))?;
    let path = dir.join(format!("case-{case_id}.pdf"));
    std::fs::write(&path, &pdf)
        .map_err(|e| internal(format!("cannot write {}: {e}", path.display())))?;
    let title = format!(
        "{} {}",
        record.kind.as_str().to_uppercase(),
        record.display_number
    );
    let mut lp = tokio::process::Command::new("lp");
    lp.arg("-t").arg(&title).arg(&path);
    let limits = afirgen_core::process::Limits {
        time: std::time::Duration::from_secs(60),
        max_output: 64 * 1024,
        max_memory: 512 * 1024 * 1024,
    };
    let answer = afirgen_core::process::run(lp, limits).await;
    let _ = std::fs::remove_file(&path);
    match answer {
        Ok(out) => Ok(format!(
            "{title} sent to the printer. {}",
            String::from_utf8_lossy(&out).trim()
        )),
        Err(afirgen_core::process::RunError::Spawn { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Err(internal("This computer has no print service (CUPS's lp): install cups-client and add a printer, or export the PDF and print it from a PDF viewer."))
        }
        Err(err) => Err(internal(format!("Printing failed: {err}. Check the printer, or export the PDF and print it from a PDF viewer."))),
    }
}

/// Checks the code printed as a QR code on a paper copy (typed or read from a photo).
#[tauri::command]
pub async fn verify_code(code: String, desk: State<'_, Desk>) -> Result<Verification> {
    desk.looking()
        .await?
        .0
        .verify_paper_code(&code)
        .await
        .map_err(msg)
}

#[tauri::command]
pub async fn search_records(query: RecordQuery, desk: State<'_, Desk>) -> Result<Vec<JobRow>> {
    desk.looking().await?.0.search(&query).await.map_err(msg)
}

#[tauri::command]
pub async fn catalogue_search(
    query: String,
    limit: usize,
    desk: State<'_, Desk>,
) -> Result<Vec<Hit>> {
    Ok(desk
        .looking()
        .await?
        .0
        .catalogue_search(&query, Some(limit)))
}

#[tauri::command]
pub async fn get_settings(desk: State<'_, Desk>) -> Result<Settings> {
    if desk.engine.is_ok() {
        desk.looking().await?;
    }
    Ok(desk
        .settings
        .for_form(desk.engine.as_ref().ok().map(|engine| engine.config())))
}

/// Validates and saves; the app restarts to apply them.
#[tauri::command]
pub async fn save_settings(
    settings: Settings,
    app: AppHandle,
    desk: State<'_, Desk>,
) -> Result<()> {
    desk.configuring().await?;
    let settings = settings.to_save(&desk.settings, desk.engine.is_ok());
    // Already classified: a bad value is `invalid`, a file that cannot be written `internal`.
    desk::save_settings(&app, &settings)
}

/// The health report; when the engine did not open, a report for the saved settings
/// alone, so the officer sees what is wrong.
#[tauri::command]
pub async fn health(desk: State<'_, Desk>) -> Result<HealthReport> {
    match &desk.engine {
        Ok(engine) => Ok(afirgen_core::health::report(
            engine.config(),
            Ok(engine.store()),
            engine.models(),
            Some(engine.gates()),
        )
        .await),
        Err(_) => {
            let config = desk.settings.load_config().map_err(msg)?;
            Ok(afirgen_core::health::report_for_config(&config).await)
        }
    }
}

/// The models each role can run on this desk's servers: the harness's and the
/// station's own (`afirgen models add`), the chosen one marked.
#[tauri::command]
pub fn model_choices(desk: State<'_, Desk>) -> Result<Vec<ModelChoice>> {
    let config = desk.settings.load_config().map_err(msg)?;
    afirgen_core::models::registry::choices_for(&config).map_err(msg)
}

/// Chooses a model for its role; the servers run it from the app's next start.
#[tauri::command]
pub async fn choose_model(name: String, role: ModelRole, desk: State<'_, Desk>) -> Result<()> {
    let (_, user) = desk.acting().await?;
    afirgen_core::auth::require_sho(&user, "choose the desk's models").map_err(msg)?;
    let config = desk.settings.load_config().map_err(msg)?;
    afirgen_core::models::registry::choose_for(&config, &name, Some(role))
        .map(|_| ())
        .map_err(msg)
}

#[tauri::command]
pub fn restart(app: AppHandle) {
    app.restart();
}
