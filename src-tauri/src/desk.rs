//! The app's state: the engine (or why it could not open), the staged files, the saved
//! settings, the local model servers it started, or the station server this desk works
//! on instead.

use afirgen_core::auth::{DeskSession, Use, User};
use afirgen_core::desk::Settings;
use afirgen_core::desk::Staging;
use afirgen_core::report::{ErrorCode, ErrorReport};
use afirgen_core::station::StationLink;
use afirgen_core::{Config, Engine};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_store::StoreExt;
use tokio::sync::oneshot;

/// The settings file kept by tauri-plugin-store in the app's data dir.
pub const SETTINGS_FILE: &str = "settings.json";
const SETTINGS_KEY: &str = "settings";

/// Managed state of the app.
pub struct Desk {
    /// The engine, or why it could not open (the window still opens so Settings can fix it).
    pub engine: Result<Engine, String>,
    /// Files checked on drop, waiting for their case.
    pub staging: Arc<Staging>,
    /// Running job watches, so the UI can stop them.
    pub watchers: Watchers,
    /// The settings as saved.
    pub settings: Settings,
    /// Where the app keeps its data.
    pub data_dir: PathBuf,
    /// Stops the local model servers this app started.
    pub models_stop: Mutex<Option<oneshot::Sender<()>>>,
    /// Joins the model supervisor after `models_stop` fired.
    pub models_task: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
    /// Keeps the dispatcher running for the app's life.
    pub dispatcher: DispatcherSlot,
    /// The station server this desk works on, when one is set: then there is no local
    /// engine and the window shows the server's UI.
    pub station: Option<StationLink>,
    /// Who is signed in at this desk (the token stays here, never in the web view).
    pub session: DeskSession,
}

impl Desk {
    /// The engine, or an error that says why there is none and what to do.
    pub fn engine(&self) -> Result<&Engine, ErrorReport> {
        self.engine.as_ref().map_err(|err| {
            if self.station.is_some() {
                ErrorReport::new(ErrorCode::Invalid, format!("Not on this computer: {err}."))
            } else {
                ErrorReport::new(
                    ErrorCode::DatabaseUnavailable,
                    format!(
                        "AFIRGen could not open its database: {err}. Fix it in Settings and restart."
                    ),
                )
            }
        })
    }

    /// The engine and the signed-in officer, for something the officer does (it keeps
    /// the desk from locking). Refused when no one is signed in or the desk locked.
    pub async fn acting(&self) -> Result<(&Engine, User), ErrorReport> {
        self.signed_in(Use::Active).await
    }

    /// The engine and the signed-in officer, for a look (a screen refreshing itself:
    /// the idle clock runs on).
    pub async fn looking(&self) -> Result<(&Engine, User), ErrorReport> {
        self.signed_in(Use::Look).await
    }

    /// Whether the desk's settings may be changed now: by a station house officer, or by
    /// whoever sits at a desk whose database did not open (no one can sign in until it
    /// does, and Settings is where it is set right; then only the fields that set it
    /// right are saved: `Settings::repair_only`).
    pub async fn configuring(&self) -> Result<(), ErrorReport> {
        if self.engine.is_err() {
            return Ok(());
        }
        let (_, user) = self.acting().await?;
        afirgen_core::auth::require_sho(&user, "change this desk's settings")
            .map_err(ErrorReport::from)
    }

    async fn signed_in(&self, used: Use) -> Result<(&Engine, User), ErrorReport> {
        let engine = self.engine()?;
        let user = engine
            .desk_user(&self.session, used)
            .await
            .map_err(ErrorReport::from)?;
        Ok((engine, user))
    }
}

/// Reads the saved settings (defaults when none were saved or the file is unreadable).
pub fn load_settings<R: Runtime>(app: &AppHandle<R>) -> Settings {
    app.store(SETTINGS_FILE)
        .ok()
        .and_then(|store| store.get(SETTINGS_KEY))
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default()
}

/// Saves settings after validating them over the current configuration.
pub fn save_settings<R: Runtime>(
    app: &AppHandle<R>,
    settings: &Settings,
) -> Result<(), ErrorReport> {
    let internal = |message: String| ErrorReport::new(ErrorCode::Internal, message);
    let base = Settings::default()
        .load_config()
        .map_err(ErrorReport::from)?;
    settings.validate(&base).map_err(ErrorReport::from)?;
    let store = app
        .store(SETTINGS_FILE)
        .map_err(|e| internal(format!("cannot open the settings file: {e}")))?;
    store.set(
        SETTINGS_KEY,
        serde_json::to_value(settings).map_err(|e| internal(e.to_string()))?,
    );
    store
        .save()
        .map_err(|e| internal(format!("cannot write the settings file: {e}")))?;
    // The file may hold the database password and the station key: the user's alone.
    #[cfg(unix)]
    if let Ok(dir) = app.path().app_data_dir() {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(SETTINGS_FILE);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).map_err(|e| {
            internal(format!(
                "cannot protect the settings file {}: {e}",
                path.display()
            ))
        })?;
    }
    Ok(())
}

/// Opens the engine for the saved settings: SQLite in the app's data dir unless a
/// database URL is set; the local model servers started first when asked for.
pub fn open<R: Runtime>(app: &AppHandle<R>) -> Desk {
    let settings = load_settings(app);
    let data_dir = app
        .path()
        .app_data_dir()
        .unwrap_or_else(|_| PathBuf::from("."));
    let mut desk = Desk {
        engine: Err("not opened".into()),
        staging: Arc::default(),
        watchers: Watchers::default(),
        settings: settings.clone(),
        data_dir: data_dir.clone(),
        models_stop: Mutex::new(None),
        models_task: Mutex::new(None),
        dispatcher: DispatcherSlot::default(),
        station: None,
        session: DeskSession::new(settings.idle_lock()),
    };
    match settings.station() {
        Ok(None) => {}
        // A desk of a station server keeps no cases of its own: opening a local queue
        // beside the server's would split the station's work between two places.
        Ok(Some(link)) => {
            desk.engine = Err(format!(
                "this desk works on the station server at {}, where its cases are; to work on this computer alone, clear the station server in Settings",
                link.origin()
            ));
            desk.station = Some(link);
            return desk;
        }
        Err(err) => {
            desk.engine = Err(err.to_string());
            return desk;
        }
    }
    let mut config = match settings.load_config() {
        Ok(config) => config,
        Err(err) => {
            desk.engine = Err(err.to_string());
            return desk;
        }
    };
    if config.data_dir.is_none() {
        config.data_dir = Some(data_dir);
    }
    let models_ready = if settings.start_local_models && config.llm.urls.is_empty() {
        match start_models(&mut config, &desk) {
            Ok(ready) => Some(ready),
            Err(err) => {
                tracing::error!(error = %err, "cannot start the local model servers");
                None
            }
        }
    } else {
        None
    };
    let opened = tauri::async_runtime::block_on(Engine::open(config));
    match opened {
        Ok(engine) => {
            let starter = engine.clone();
            match models_ready {
                // Dispatch only once the servers answer, so queued jobs do not fail
                // against servers still loading their models.
                Some(ready) => {
                    let slot = desk.dispatcher.clone();
                    tauri::async_runtime::spawn(async move {
                        // If the servers never come up, dispatch anyway: jobs then fail
                        // with a clear "model server unreachable" and can be retried,
                        // instead of waiting unseen in the queue.
                        if ready.await.is_err() {
                            tracing::error!("local model servers did not start; see Health");
                        }
                        slot.set(starter.start());
                    });
                }
                None => {
                    let dispatcher = tauri::async_runtime::block_on(async { starter.start() });
                    desk.dispatcher.set(dispatcher);
                }
            }
            desk.engine = Ok(engine);
        }
        Err(err) => desk.engine = Err(err.to_string()),
    }
    desk
}

/// Job watches by id; stopping one aborts its task.
#[derive(Default)]
pub struct Watchers {
    next: std::sync::atomic::AtomicU64,
    tasks: Mutex<HashMap<u64, tauri::async_runtime::JoinHandle<()>>>,
}

impl Watchers {
    /// Keeps a watch task; returns its id.
    pub fn add(&self, task: tauri::async_runtime::JoinHandle<()>) -> u64 {
        let id = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let mut tasks = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
        // Forget watches that ended by themselves (their job settled).
        tasks.retain(|_, task| !task.inner().is_finished());
        tasks.insert(id, task);
        id
    }

    /// Stops a watch.
    pub fn stop(&self, id: u64) {
        if let Some(task) = self
            .tasks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id)
        {
            task.abort();
        }
    }
}

/// Holds a dispatcher started later (after the model servers are ready).
#[derive(Clone, Default)]
pub struct DispatcherSlot(std::sync::Arc<Mutex<Option<afirgen_core::engine::Dispatcher>>>);

impl DispatcherSlot {
    fn set(&self, dispatcher: afirgen_core::engine::Dispatcher) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(dispatcher);
    }
}

/// Starts the model harness's servers under supervision; points `config` at them.
/// The receiver resolves when they answer their health checks.
fn start_models(config: &mut Config, desk: &Desk) -> Result<oneshot::Receiver<()>, String> {
    let servers = afirgen_core::sidecar::in_process(config).map_err(|e| e.to_string())?;
    let task = tauri::async_runtime::spawn(servers.run);
    *desk.models_stop.lock().unwrap_or_else(|e| e.into_inner()) = Some(servers.stop);
    *desk.models_task.lock().unwrap_or_else(|e| e.into_inner()) = Some(task);
    Ok(servers.ready)
}

/// Stops the model servers this app started and waits for them to exit.
pub fn shutdown(desk: &Desk) {
    if let Some(stop) = desk
        .models_stop
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
    {
        let _ = stop.send(());
        if let Some(task) = desk
            .models_task
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
        {
            let _ = tauri::async_runtime::block_on(async {
                tokio::time::timeout(std::time::Duration::from_secs(10), task).await
            });
        }
    }
}
