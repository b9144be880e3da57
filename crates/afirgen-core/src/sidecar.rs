//! Local model servers run as supervised child processes ("sidecars"): started from
//! configured commands, health-gated, restarted when they crash, stopped on shutdown.
//!
//! A running supervisor writes a state file (see [`SupervisorState`]) so that other
//! AFIRGen processes find the servers, and `afirgen models down` can stop them.

use crate::config::{Config, ConfigError};
use crate::models::Role;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

pub use crate::config::ServerSpec;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServersFile {
    servers: Vec<ServerSpec>,
}

/// Written by a running supervisor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SupervisorState {
    /// The supervisor's process id.
    pub pid: u32,
    /// When it started (ms since the epoch).
    pub started_at: i64,
    /// True once every server answered its health check.
    pub ready: bool,
    /// The servers.
    pub servers: Vec<ServerSpec>,
}

/// A sidecar failure.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    /// Bad configuration.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A station's chosen model cannot be served.
    #[error(transparent)]
    Registry(#[from] crate::models::registry::RegistryError),
    /// No servers are configured or installed.
    #[error("no local model servers are installed: run scripts/models.sh (it writes {0}), or configure [[models.servers]], or set AFIRGEN_LLM_URL to a running server")]
    NotInstalled(PathBuf),
    /// The servers file is unreadable.
    #[error("cannot read {path}: {message}")]
    BadFile {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// Something already answers where a server should start.
    #[error("{name}: {url} already answers; another `afirgen models up` may be running (`afirgen models status`), or another program uses the port")]
    PortInUse {
        /// Server name.
        name: String,
        /// Its URL.
        url: String,
    },
    /// A server could not be started or did not become ready.
    #[error("{name} did not start: {reason}")]
    Start {
        /// Server name.
        name: String,
        /// Why, with the end of its output.
        reason: String,
    },
    /// State file I/O.
    #[error("cannot use the state file {path}: {source}")]
    State {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// The servers to run: `[[models.servers]]` if configured, else the harness's list,
/// each running the station's chosen model for its role where one is chosen
/// (`afirgen models use`).
pub fn load_specs(config: &Config) -> Result<Vec<ServerSpec>, SidecarError> {
    let mut specs = bundled_specs(config)?;
    let registry =
        crate::models::registry::Registry::load(&crate::models::registry::Registry::path(config)?)?;
    registry.apply(&mut specs)?;
    Ok(specs)
}

/// The servers as configured or installed, with their bundled models.
pub fn bundled_specs(config: &Config) -> Result<Vec<ServerSpec>, SidecarError> {
    if !config.models.servers.is_empty() {
        return Ok(config.models.servers.clone());
    }
    let path = config.models_home()?.join("servers.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(SidecarError::NotInstalled(path))
        }
        Err(err) => {
            return Err(SidecarError::BadFile {
                path,
                message: err.to_string(),
            })
        }
    };
    let file: ServersFile = toml::from_str(&text).map_err(|err| SidecarError::BadFile {
        path: path.clone(),
        message: err.to_string(),
    })?;
    Ok(file.servers)
}

/// Where the supervisor's state file lives.
pub fn state_path(config: &Config) -> Result<PathBuf, ConfigError> {
    Ok(config.data_dir()?.join("models-state.json"))
}

/// The running supervisor's state, if one is running (a stale file is ignored).
pub fn read_state(path: &Path) -> Option<SupervisorState> {
    let text = std::fs::read_to_string(path).ok()?;
    let state: SupervisorState = serde_json::from_str(&text).ok()?;
    process_alive(state.pid).then_some(state)
}

/// Points the configuration's empty roles at the running local servers (a role with
/// configured URLs keeps them).
pub fn use_local_servers(config: &mut Config, state: &SupervisorState) {
    for spec in &state.servers {
        let target = match spec.role {
            Role::Llm => &mut config.llm,
            Role::Asr => &mut config.asr,
            Role::Embed => &mut config.embed,
        };
        if target.urls.is_empty() {
            target.urls.push(spec.url.clone());
            target.model = spec.model.clone();
            target.max_in_flight_per_endpoint = spec.max_in_flight;
        }
    }
}

/// Whether a process exists.
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // Signal 0 checks existence and permission without sending anything.
        let pid = pid as libc::pid_t;
        // SAFETY: kill(2) with signal 0 has no side effects.
        unsafe { libc::kill(pid, 0) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Asks a process to stop (SIGTERM on Unix).
pub fn terminate(pid: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        // SAFETY: plain kill(2) on a pid we were given.
        let rc = unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) };
        if rc == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }
    #[cfg(not(unix))]
    {
        std::process::Command::new("taskkill")
            .args(["/PID", &pid.to_string(), "/T"])
            .status()
            .map(|_| ())
    }
}

/// Live status of one server.
#[derive(Debug, Clone, Serialize)]
pub struct ServerStatus {
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// URL.
    pub url: String,
    /// Whether its health check answered 200.
    pub healthy: bool,
    /// Requests being served now, when the server tells.
    pub in_flight: Option<usize>,
    /// Error text when unhealthy.
    pub detail: Option<String>,
}

/// A client for the local servers' health checks: straight to them, never through a
/// proxy from the environment.
fn local_http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_default()
}

/// Asks each server for its health and its in-flight count.
pub async fn status(servers: &[ServerSpec]) -> Vec<ServerStatus> {
    let http = local_http();
    let mut out = Vec::new();
    for spec in servers {
        let health = http
            .get(format!("{}{}", spec.url, spec.health_path))
            .timeout(Duration::from_secs(3))
            .send()
            .await;
        let (healthy, detail, body) = match health {
            Ok(r) if r.status().is_success() => (true, None, r.text().await.unwrap_or_default()),
            Ok(r) => (
                false,
                Some(format!("health answered HTTP {}", r.status().as_u16())),
                String::new(),
            ),
            Err(err) => (false, Some(err.to_string()), String::new()),
        };
        let mut in_flight = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["in_flight"].as_u64())
            .map(|n| n as usize);
        if healthy && in_flight.is_none() {
            // llama.cpp reports its slots instead.
            if let Ok(r) = http
                .get(format!("{}/slots", spec.url))
                .timeout(Duration::from_secs(3))
                .send()
                .await
            {
                if let Ok(slots) = r.json::<Vec<serde_json::Value>>().await {
                    in_flight = Some(slots.iter().filter(|s| s["is_processing"] == true).count());
                }
            }
        }
        out.push(ServerStatus {
            name: spec.name.clone(),
            role: spec.role,
            url: spec.url.clone(),
            healthy,
            in_flight,
            detail,
        });
    }
    out
}

async fn healthy(http: &reqwest::Client, spec: &ServerSpec) -> bool {
    matches!(
        http.get(format!("{}{}", spec.url, spec.health_path))
            .timeout(Duration::from_secs(2))
            .send()
            .await,
        Ok(r) if r.status().is_success()
    )
}

/// A supervised child.
struct Running {
    spec: ServerSpec,
    child: Child,
    log: PathBuf,
    restarts: Vec<Instant>,
    abandoned: bool,
}

fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

async fn spawn(spec: &ServerSpec, log_dir: &Path) -> Result<(Child, PathBuf), SidecarError> {
    let start_err = |reason: String| SidecarError::Start {
        name: spec.name.clone(),
        reason,
    };
    let log = log_dir.join(format!("{}.log", spec.name));
    let file = std::fs::File::create(&log)
        .map_err(|err| start_err(format!("cannot create {}: {err}", log.display())))?;
    let err_file = file.try_clone().map_err(|err| start_err(err.to_string()))?;
    let mut command = Command::new(&spec.command);
    command
        .args(&spec.args)
        .envs(&spec.env)
        .stdin(Stdio::null())
        .stdout(Stdio::from(file))
        .stderr(Stdio::from(err_file))
        .kill_on_drop(true);
    // If the supervisor dies without cleaning up (killed, crashed), its servers follow
    // instead of holding their ports as orphans. (The signal fires when the spawning
    // thread exits; tokio's worker threads live as long as the runtime.)
    #[cfg(target_os = "linux")]
    // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            Ok(())
        });
    }
    let child = command
        .spawn()
        .map_err(|err| start_err(format!("cannot run {}: {err}", spec.command.display())))?;
    Ok((child, log))
}

async fn wait_ready(http: &reqwest::Client, running: &mut Running) -> Result<(), SidecarError> {
    let deadline = Instant::now() + Duration::from_secs(running.spec.ready_timeout_secs);
    loop {
        if healthy(http, &running.spec).await {
            return Ok(());
        }
        if let Ok(Some(status)) = running.child.try_wait() {
            return Err(SidecarError::Start {
                name: running.spec.name.clone(),
                reason: format!(
                    "it exited with {status}; its last output:\n{}",
                    log_tail(&running.log)
                ),
            });
        }
        if Instant::now() > deadline {
            return Err(SidecarError::Start {
                name: running.spec.name.clone(),
                reason: format!(
                    "no healthy answer from {}{} within {} s; its last output:\n{}",
                    running.spec.url,
                    running.spec.health_path,
                    running.spec.ready_timeout_secs,
                    log_tail(&running.log)
                ),
            });
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

fn write_state(path: &Path, state: &SupervisorState) -> Result<(), SidecarError> {
    let io = |source| SidecarError::State {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(state).map_err(|e| io(std::io::Error::other(e)))?;
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

async fn stop_child(running: &mut Running) {
    if let Some(pid) = running.child.id() {
        let _ = terminate(pid);
        if tokio::time::timeout(Duration::from_secs(5), running.child.wait())
            .await
            .is_ok()
        {
            return;
        }
    }
    let _ = running.child.kill().await;
}

/// The local model servers as one process (the desktop app) runs them itself: `run`
/// supervises them until `stop` is sent or dropped; `ready` fires once every server
/// answers its health check. The caller spawns `run` on its own runtime.
pub struct InProcess {
    /// Fires once the servers are ready (never, if they do not come up).
    pub ready: tokio::sync::oneshot::Receiver<()>,
    /// Send (or drop) to stop the servers.
    pub stop: tokio::sync::oneshot::Sender<()>,
    /// Starts, watches and at the end stops the servers.
    pub run: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>,
}

/// Prepares the harness's servers to run inside this process, and points `config`'s
/// model roles at them (as `afirgen models up` does for other processes).
pub fn in_process(config: &mut Config) -> Result<InProcess, SidecarError> {
    let specs = load_specs(config)?;
    let state_file = state_path(config)?;
    let log_dir = config.data_dir()?.join("logs");
    use_local_servers(
        config,
        &SupervisorState {
            pid: std::process::id(),
            started_at: crate::domain::now_ms(),
            ready: true,
            servers: specs.clone(),
        },
    );
    // A state file left by a crashed run must not be mistaken for ready servers.
    let _ = std::fs::remove_file(&state_file);
    let (stop, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let (ready_tx, ready) = tokio::sync::oneshot::channel::<()>();
    let watch_file = state_file.clone();
    let run = async move {
        let supervise = supervise(specs, state_file, log_dir, async {
            let _ = stop_rx.await;
        });
        let announce = async move {
            loop {
                if read_state(&watch_file).is_some_and(|s| s.ready) {
                    let _ = ready_tx.send(());
                    break;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            std::future::pending::<()>().await;
        };
        tokio::select! {
            result = supervise => if let Err(err) = result {
                tracing::error!(error = %err, "local model servers stopped");
            },
            _ = announce => {}
        }
    };
    Ok(InProcess {
        ready,
        stop,
        run: Box::pin(run),
    })
}

/// Runs the servers until `shutdown` completes: starts each, waits for its health check,
/// records the state file, restarts a server that exits (at most 5 times a minute),
/// and stops them all at the end.
pub async fn supervise(
    specs: Vec<ServerSpec>,
    state_file: PathBuf,
    log_dir: PathBuf,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), SidecarError> {
    let http = local_http();
    std::fs::create_dir_all(&log_dir).map_err(|source| SidecarError::State {
        path: log_dir.clone(),
        source,
    })?;
    for spec in &specs {
        if healthy(&http, spec).await {
            return Err(SidecarError::PortInUse {
                name: spec.name.clone(),
                url: spec.url.clone(),
            });
        }
    }
    let mut state = SupervisorState {
        pid: std::process::id(),
        started_at: crate::domain::now_ms(),
        ready: false,
        servers: specs.clone(),
    };
    write_state(&state_file, &state)?;
    let mut running = Vec::new();
    let started = async {
        for spec in &specs {
            let (child, log) = spawn(spec, &log_dir).await?;
            running.push(Running {
                spec: spec.clone(),
                child,
                log,
                restarts: Vec::new(),
                abandoned: false,
            });
        }
        // Start all at once, then wait for each: the slowest sets the pace.
        for server in running.iter_mut() {
            wait_ready(&http, server).await?;
            tracing::info!(server = %server.spec.name, url = %server.spec.url, "model server ready");
        }
        Ok::<_, SidecarError>(())
    };
    if let Err(err) = started.await {
        for server in running.iter_mut() {
            stop_child(server).await;
        }
        let _ = std::fs::remove_file(&state_file);
        return Err(err);
    }
    state.ready = true;
    write_state(&state_file, &state)?;

    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            _ = tokio::time::sleep(Duration::from_millis(500)) => {}
        }
        for server in running.iter_mut() {
            if server.abandoned {
                continue;
            }
            let Ok(Some(status)) = server.child.try_wait() else {
                continue;
            };
            let now = Instant::now();
            server
                .restarts
                .retain(|t| now.duration_since(*t) < Duration::from_secs(60));
            if server.restarts.len() >= 5 {
                tracing::error!(server = %server.spec.name, %status, "model server keeps crashing; not restarting it again");
                server.abandoned = true;
                continue;
            }
            tracing::warn!(server = %server.spec.name, %status, "model server exited; restarting it");
            server.restarts.push(now);
            tokio::time::sleep(Duration::from_millis(500 * server.restarts.len() as u64)).await;
            match spawn(&server.spec, &log_dir).await {
                Ok((child, log)) => {
                    server.child = child;
                    server.log = log;
                    if let Err(err) = wait_ready(&http, server).await {
                        tracing::error!(error = %err, "restart failed");
                    }
                }
                Err(err) => tracing::error!(error = %err, "restart failed"),
            }
        }
    }
    for server in running.iter_mut() {
        stop_child(server).await;
    }
    let _ = std::fs::remove_file(&state_file);
    Ok(())
}
