//! `afirgen models up|down|status|add|list|use`, and starting the local servers on demand.

use afirgen_core::models::registry::{self, Registry};
use afirgen_core::models::Role;
use afirgen_core::sidecar::{self, SupervisorState};
use afirgen_core::Config;
use anyhow::{bail, Context, Result};
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// `afirgen models ...`
#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// Start the local model servers and supervise them (restart on crash) until Ctrl-C.
    Up {
        /// Run in the background and return once every server is ready.
        #[arg(long)]
        detach: bool,
    },
    /// Stop the local model servers started by `models up`.
    Down,
    /// Show each local server, its health and its requests in flight.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Register a station's own model: a GGUF file (--role llm) or a CTranslate2
    /// Whisper folder (--role asr). Its checksum is recorded; the file stays where it is.
    Add {
        /// The GGUF file, or the folder holding model.bin.
        path: PathBuf,
        /// What it serves.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The name to choose it by (default: the file or folder name).
        #[arg(long)]
        name: Option<String>,
        /// Run it from the next `models up` on (as `models use NAME`).
        #[arg(long = "use")]
        use_it: bool,
    },
    /// The bundled and registered models, and which one each role runs.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run NAME for its role from the next `models up` on; `bundled --role llm` goes back.
    Use {
        /// A registered model's name, or "bundled".
        name: String,
        /// With "bundled": which role.
        #[arg(long, value_enum)]
        role: Option<RoleArg>,
    },
}

/// The roles a station can bring a model for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum RoleArg {
    /// A language model (GGUF, for llama.cpp's server).
    Llm,
    /// A speech model (CTranslate2 Whisper folder, for faster-whisper).
    Asr,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Llm => Role::Llm,
            RoleArg::Asr => Role::Asr,
        }
    }
}

pub async fn run(
    config: Config,
    config_path: Option<&Path>,
    command: ModelsCommand,
) -> Result<ExitCode> {
    let state_file = sidecar::state_path(&config)?;
    let registry_file = Registry::path(&config)?;
    match command {
        ModelsCommand::Add {
            path,
            role,
            name,
            use_it,
        } => {
            let mut registry = Registry::load(&registry_file)?;
            println!("checking {} ...", path.display());
            let added = registry.add(&path, role.into(), name.as_deref())?.clone();
            if use_it {
                registry.choose(&added.name, None)?;
            }
            registry.save(&registry_file)?;
            println!(
                "added {} ({}, {} bytes, sha256 {}){}",
                added.name,
                registry::role_arg(added.role),
                added.bytes,
                added.sha256,
                if use_it {
                    "; `afirgen models up` runs it from now on"
                } else {
                    "; `afirgen models use NAME` runs it"
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        ModelsCommand::List { json } => {
            let choices = registry::choices_for(&config)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&choices)?);
            } else {
                for c in &choices {
                    println!(
                        "{} {:<4} {:<32} {}",
                        if c.chosen { "*" } else { " " },
                        registry::role_arg(c.role),
                        c.name,
                        match &c.path {
                            Some(path) =>
                                format!("{} ({} bytes)", path.display(), c.bytes.unwrap_or(0)),
                            None => "bundled".to_owned(),
                        }
                    );
                }
                println!("* runs from the next `afirgen models up`");
            }
            Ok(ExitCode::SUCCESS)
        }
        ModelsCommand::Use { name, role } => {
            let role = registry::choose_for(&config, &name, role.map(Role::from))?;
            let running = sidecar::read_state(&state_file).is_some();
            println!(
                "{} runs {name} from the next `afirgen models up`{}",
                registry::role_arg(role),
                if running {
                    " (the servers running now keep theirs: `afirgen models down` first)"
                } else {
                    ""
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        ModelsCommand::Up { detach: true } => {
            let state = start_detached(&config, config_path).await?;
            for server in &state.servers {
                println!("{} ({}) ready at {}", server.name, server.model, server.url);
            }
            Ok(ExitCode::SUCCESS)
        }
        ModelsCommand::Up { detach: false } => {
            if let Some(state) = sidecar::read_state(&state_file) {
                bail!("local model servers are already running (supervisor pid {}); `afirgen models down` stops them", state.pid);
            }
            let specs = sidecar::load_specs(&config)?;
            let logs = config.data_dir()?.join("logs");
            println!(
                "starting {} local model server(s); logs in {}",
                specs.len(),
                logs.display()
            );
            sidecar::supervise(specs, state_file, logs, shutdown_signal()).await?;
            println!("local model servers stopped");
            Ok(ExitCode::SUCCESS)
        }
        ModelsCommand::Down => {
            let Some(state) = sidecar::read_state(&state_file) else {
                println!("local model servers are not running");
                return Ok(ExitCode::SUCCESS);
            };
            sidecar::terminate(state.pid).context("cannot signal the supervisor")?;
            let deadline = Instant::now() + Duration::from_secs(20);
            while sidecar::process_alive(state.pid) {
                if Instant::now() > deadline {
                    bail!(
                        "the supervisor (pid {}) did not stop within 20 s",
                        state.pid
                    );
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            println!("local model servers stopped");
            Ok(ExitCode::SUCCESS)
        }
        ModelsCommand::Status { json } => {
            let Some(state) = sidecar::read_state(&state_file) else {
                if json {
                    println!("{}", serde_json::json!({"running": false, "servers": []}));
                } else {
                    println!("local model servers are not running (start them with `afirgen models up --detach`)");
                }
                return Ok(ExitCode::FAILURE);
            };
            let statuses = sidecar::status(&state.servers).await;
            let healthy = state.ready && statuses.iter().all(|s| s.healthy);
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "running": true, "ready": state.ready, "supervisor_pid": state.pid, "servers": statuses}))?
                );
            } else {
                println!(
                    "supervisor pid {}{}",
                    state.pid,
                    if state.ready { "" } else { " (starting)" }
                );
                for s in &statuses {
                    let in_flight = s
                        .in_flight
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "?".into());
                    println!(
                        "{} {:<4} {:<4} {:<28} in flight: {}{}",
                        if s.healthy { "ok  " } else { "FAIL" },
                        s.name,
                        format!("{:?}", s.role).to_lowercase(),
                        s.url,
                        in_flight,
                        s.detail
                            .as_ref()
                            .map(|d| format!("  ({d})"))
                            .unwrap_or_default()
                    );
                }
            }
            Ok(if healthy {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one (service managers stop with it).
pub(crate) async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Starts `afirgen models up` in the background (or finds it running) and waits until
/// every server is ready.
async fn start_detached(config: &Config, config_path: Option<&Path>) -> Result<SupervisorState> {
    let state_file = sidecar::state_path(config)?;
    if let Some(state) = sidecar::read_state(&state_file) {
        if state.ready {
            return Ok(state);
        }
    } else {
        // Fail here, not in the background, if nothing is installed.
        let specs = sidecar::load_specs(config)?;
        let logs = config.data_dir()?.join("logs");
        std::fs::create_dir_all(&logs)
            .with_context(|| format!("cannot create {}", logs.display()))?;
        let log_path = logs.join("models-supervisor.log");
        let log = std::fs::File::create(&log_path)
            .with_context(|| format!("cannot create {}", log_path.display()))?;
        let mut command = std::process::Command::new(
            std::env::current_exe().context("cannot find the afirgen program")?,
        );
        if let Some(path) = config_path {
            command.arg("--config").arg(path);
        }
        command
            .args(["models", "up"])
            .stdin(std::process::Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        #[cfg(unix)]
        {
            // Its own process group: Ctrl-C in this terminal must not stop the servers.
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        let mut child = command
            .spawn()
            .context("cannot start the model supervisor")?;
        let patience = specs
            .iter()
            .map(|s| s.ready_timeout_secs)
            .max()
            .unwrap_or(180)
            + 30;
        let deadline = Instant::now() + Duration::from_secs(patience);
        eprintln!(
            "starting the local model servers (log: {})",
            log_path.display()
        );
        loop {
            if let Some(state) = sidecar::read_state(&state_file) {
                if state.ready {
                    return Ok(state);
                }
            }
            if let Some(status) = child.try_wait()? {
                let tail = std::fs::read_to_string(&log_path).unwrap_or_default();
                bail!(
                    "the local model servers did not start ({status}):\n{}",
                    tail.trim()
                );
            }
            if Instant::now() > deadline {
                bail!(
                    "the local model servers were not ready within {patience} s; see {}",
                    log_path.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    // A supervisor is starting: wait for it.
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        match sidecar::read_state(&state_file) {
            Some(state) if state.ready => return Ok(state),
            Some(_) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(200)).await
            }
            _ => bail!("the local model servers did not become ready; see `afirgen models status`"),
        }
    }
}

/// Fills unconfigured model roles from running local servers, starting them first when
/// `start` is set and an LLM is needed but none is configured.
pub async fn attach_local(
    config: &mut Config,
    config_path: Option<&PathBuf>,
    start: bool,
) -> Result<()> {
    if !config.llm.urls.is_empty() && !config.asr.urls.is_empty() && !config.embed.urls.is_empty() {
        return Ok(());
    }
    let state_file = sidecar::state_path(config)?;
    let state = match sidecar::read_state(&state_file) {
        Some(state) if state.ready => Some(state),
        _ if start && config.llm.urls.is_empty() => {
            Some(start_detached(config, config_path.map(PathBuf::as_path)).await?)
        }
        _ => None,
    };
    if let Some(state) = state {
        sidecar::use_local_servers(config, &state);
    }
    Ok(())
}

/// Whether a role has a server after [`attach_local`].
pub fn has(config: &Config, role: Role) -> bool {
    match role {
        Role::Llm => !config.llm.urls.is_empty(),
        Role::Asr => !config.asr.urls.is_empty(),
        Role::Embed => !config.embed.urls.is_empty(),
    }
}
