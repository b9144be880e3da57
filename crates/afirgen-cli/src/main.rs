//! `afirgen`: the command-line front of AFIRGen. Each subcommand parses its arguments,
//! calls the core, and reports; no business logic lives here.

mod eval;
mod generate;
mod kb;
mod loadtest;
mod models;
mod records;

use afirgen_core::auth::StationScope;
use afirgen_core::config::redact_url;
use afirgen_core::store::Store;
use afirgen_core::{Config, Engine};
use anyhow::{Context, Result};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// AFIRGen: complainant statements to reviewed, numbered FIRs, on the station's own machines.
#[derive(Debug, Parser)]
#[command(name = "afirgen", version, about)]
struct Cli {
    /// Configuration file (default: AFIRGEN_CONFIG, else afirgen/config.toml in the
    /// platform config folder if present). Environment variables override it.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Log format on stderr.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text, env = "AFIRGEN_LOG_FORMAT")]
    log_format: LogFormat,
    /// More log output (-v info, -vv debug). RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate an FIR draft from a complainant's statement.
    Generate(generate::GenerateArgs),
    /// Run every queued or interrupted job to the end, then exit.
    Resume,
    /// Apply database migrations.
    Migrate,
    /// Check the database, the model servers and the gates.
    Health {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run the station server: the HTTP API and the web UI for browsers.
    Serve(ServeArgs),
    /// Station users and their API keys for the station server.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Drive N complaints through a station server at once and report the figures.
    Loadtest(loadtest::LoadtestArgs),
    /// Inspect and manage jobs.
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Start, stop and inspect the local model servers.
    #[command(subcommand)]
    Models(models::ModelsCommand),
    /// Finalized records: the PDF, supplements, and checking a record or a copy.
    #[command(subcommand)]
    Fir(records::FirCommand),
    /// The station's signing key: show, back up, restore, rotate.
    #[command(subcommand)]
    Key(records::KeyCommand),
    /// The audit trail: check every case's chain and every record's signature.
    #[command(subcommand)]
    Audit(records::AuditCommand),
    /// Review a draft: show, edit fields, choose sections, regenerate, approve.
    #[command(subcommand)]
    Draft(DraftCommand),
    /// The legal catalogue: search and evaluate.
    #[command(subcommand)]
    Kb(kb::KbCommand),
    /// Measure the draft's accuracy on complaints whose facts are known.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Developer tools.
    #[command(subcommand)]
    Dev(DevCommand),
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to listen on (e.g. 0.0.0.0:8787 for the station's desks). Every API
    /// call needs a user's key; see `afirgen users add`.
    #[arg(long, default_value = "127.0.0.1:8787")]
    bind: std::net::SocketAddr,
    /// The built web UI to serve at `/` (default: ui/dist when present).
    #[arg(long, env = "AFIRGEN_UI_DIR")]
    ui: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
enum UsersCommand {
    /// Add a user and print their new API key (alone, on the last line). A revoked
    /// user gets a new key.
    Add {
        /// Login name (letters, digits, '.', '-', '_').
        name: String,
        /// writer (writes and reviews) or sho (station house officer: also finalises).
        #[arg(long, value_parser = ["writer", "sho"])]
        role: String,
    },
    /// The users, their roles and whether their key works.
    List,
    /// Revoke a user at once: their key and password stop working, their sessions end.
    Revoke {
        /// Login name.
        name: String,
    },
    /// Set an active user's password, read from the first line of standard input (so
    /// it is never in the shell's history): they can then sign in by name and password
    /// at a desk or in a browser. Lifts a pause after wrong passwords.
    Password {
        /// Login name.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
enum JobsCommand {
    /// The most recent jobs.
    List {
        /// How many.
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
    /// One job with its error, if any, as JSON.
    Show {
        /// Job id.
        id: i64,
    },
    /// Queue a failed or cancelled job again (finished steps are reused).
    Retry {
        /// Job id.
        id: i64,
    },
    /// Cancel a queued or running job.
    Cancel {
        /// Job id.
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
enum DraftCommand {
    /// The current draft of a case as JSON.
    Show {
        /// Case id.
        case: i64,
    },
    /// Set fields: PATH=VALUE (VALUE is JSON, or plain text), e.g. complainant.name="Sunita Devi".
    Edit {
        /// Case id.
        case: i64,
        /// PATH=VALUE pairs.
        #[arg(required = true)]
        fields: Vec<String>,
    },
    /// Set item 2 to these catalogue sections, in order (e.g. 303(2) "IT Act 66D").
    Sections {
        /// Case id.
        case: i64,
        /// Citations.
        #[arg(required = true)]
        citations: Vec<String>,
    },
    /// Run the facts or the sections step again, keeping the officer's edits.
    Regenerate {
        /// Job id.
        job: i64,
        /// Which step.
        #[arg(value_parser = ["facts", "sections"])]
        step: String,
        /// Guidance for the model.
        #[arg(long)]
        guidance: Option<String>,
    },
    /// Approve and finalize: allocate the number, freeze and seal.
    Approve {
        /// Job id.
        job: i64,
    },
    /// The audit trail of a case.
    Audit {
        /// Case id.
        case: i64,
    },
}

#[derive(Debug, Subcommand)]
enum DevCommand {
    /// Serve the deterministic mock model server (OpenAI-compatible routes).
    MockModels(MockArgs),
}

#[derive(Debug, Args)]
struct MockArgs {
    /// Port to listen on.
    #[arg(long, default_value_t = 8199)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Delay before each answer, milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Share of requests answered with HTTP 503 (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Share of requests answered with non-JSON text (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    garbage_rate: f64,
    /// Seed for the injected faults.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    // `generate` keeps its inputs in command-line order across --text/--audio/--image.
    let order = matches
        .subcommand_matches("generate")
        .map(generate::input_order)
        .unwrap_or_default();
    init_logging(
        cli.log_format,
        cli.verbose,
        matches!(cli.command, Command::Generate(_)),
    );
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli, order)) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat, verbose: u8, quiet_by_default: bool) {
    use tracing_subscriber::EnvFilter;
    let default = match verbose {
        0 if quiet_by_default => "warn",
        0 => "info",
        1 => "info",
        _ => "debug",
    };
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("{default},sqlx=warn,hyper=warn,reqwest=warn")));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .init(),
        LogFormat::Text => builder.init(),
    }
}

fn load_config(cli_path: Option<&PathBuf>) -> Result<Config> {
    Ok(Config::load(cli_path.map(PathBuf::as_path))?)
}

async fn run(cli: Cli, order: Vec<usize>) -> Result<ExitCode> {
    match cli.command {
        Command::Generate(args) => {
            generate::run(
                load_config(cli.config.as_ref())?,
                cli.config.as_ref(),
                args,
                order,
            )
            .await
        }
        Command::Models(command) => {
            models::run(
                load_config(cli.config.as_ref())?,
                cli.config.as_deref(),
                command,
            )
            .await
        }
        Command::Resume => {
            let mut config = load_config(cli.config.as_ref())?;
            models::attach_local(&mut config, cli.config.as_ref(), true).await?;
            let engine = Engine::open(config).await?;
            let _dispatcher = engine.start();
            engine.wait_idle().await?;
            println!("no job is queued or running");
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            let config = load_config(cli.config.as_ref())?;
            let url = config.database_url()?;
            let store = Store::connect(&url, 1).await?;
            store.migrate().await?;
            println!("database {} is up to date", redact_url(&url));
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let mut config = load_config(cli.config.as_ref())?;
            models::attach_local(&mut config, cli.config.as_ref(), true).await?;
            serve(config, args).await
        }
        Command::Users(command) => users(load_config(cli.config.as_ref())?, command).await,
        Command::Loadtest(args) => loadtest::run(args).await,
        Command::Health { json } => {
            let mut config = load_config(cli.config.as_ref())?;
            models::attach_local(&mut config, cli.config.as_ref(), false).await?;
            health(config, json).await
        }
        Command::Jobs(command) => jobs(load_config(cli.config.as_ref())?, command).await,
        Command::Dev(DevCommand::MockModels(args)) => mock_models(args).await,
        Command::Kb(command) => kb::kb(cli.config.as_ref(), command).await,
        Command::Eval(command) => eval::run(cli.config.as_ref(), command).await,
        Command::Fir(command) => records::fir(load_config(cli.config.as_ref())?, command).await,
        Command::Key(command) => records::key(&load_config(cli.config.as_ref())?, command),
        Command::Audit(command) => records::audit(load_config(cli.config.as_ref())?, command).await,
        Command::Draft(command) => {
            let mut config = load_config(cli.config.as_ref())?;
            if matches!(command, DraftCommand::Regenerate { .. }) {
                models::attach_local(&mut config, cli.config.as_ref(), true).await?;
            }
            draft(config, command).await
        }
    }
}

async fn users(config: Config, command: UsersCommand) -> Result<ExitCode> {
    use afirgen_core::auth;
    let url = config.database_url()?;
    let store = Store::connect(&url, 1).await?;
    store.migrate().await?;
    match command {
        UsersCommand::Add { name, role } => {
            let station = StationScope(&config.station.code);
            let issued = auth::add_user(&store, &name, role.parse()?, station).await?;
            eprintln!(
                "added {} ({}); give them this key, it is shown only once:",
                issued.user.name, issued.user.role
            );
            println!("{}", issued.key);
        }
        UsersCommand::List => {
            let users = auth::list_users(&store).await?;
            if users.is_empty() {
                println!("no users yet: add one with `afirgen users add NAME --role sho`");
            }
            for user in users {
                let status = match user.revoked_at {
                    Some(at) => format!("revoked {}", format_ms(at)),
                    None => format!("active since {}", format_ms(user.created_at)),
                };
                let station = user.station_code.as_deref().unwrap_or("(none yet)");
                let signs_in = match (user.has_key, user.has_password) {
                    (true, true) => "key+password",
                    (true, false) => "key",
                    (false, true) => "password",
                    (false, false) => "-",
                };
                println!(
                    "{:<24} {:<7} {station:<12} {signs_in:<12} {status}",
                    user.name,
                    user.role.as_str()
                );
            }
        }
        UsersCommand::Password { name } => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            let password = line.trim_end_matches(['\r', '\n']);
            auth::set_password(&store, None, &name, password).await?;
            println!("set the password of {name}");
        }
        UsersCommand::Revoke { name } => {
            if auth::revoke_user(&store, &name).await? {
                println!("revoked {name}");
            } else {
                anyhow::bail!("no active user named {name} (see `afirgen users list`)");
            }
        }
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

fn format_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| ms.to_string())
}

async fn serve(config: Config, args: ServeArgs) -> Result<ExitCode> {
    let engine = Engine::open(config).await?;
    match engine.station_key() {
        Ok(key_id) => eprintln!(
            "sealing FIRs with station key {key_id}; back it up with `afirgen key backup FILE`"
        ),
        Err(err) => eprintln!("warning: this server cannot seal FIRs: {err}"),
    }
    let station = engine.config().station.code.clone();
    let adopted = afirgen_core::auth::adopt_users(engine.store(), StationScope(&station)).await?;
    if adopted > 0 {
        eprintln!(
            "{adopted} user(s) added before stations were recorded now belong to station {station}"
        );
    }
    if afirgen_core::auth::list_users(engine.store())
        .await?
        .iter()
        .filter(|u| u.station_code.as_deref() == Some(station.as_str()))
        .all(|u| u.revoked_at.is_some())
    {
        eprintln!(
            "warning: no user has a working API key, so every API call will be refused; \
             add one with `afirgen users add NAME --role sho`"
        );
    }
    let _dispatcher = engine.start();
    let ui = args.ui.or_else(|| {
        let built = std::path::PathBuf::from("ui/dist");
        built.join("index.html").is_file().then_some(built)
    });
    if let Some(dir) = &ui {
        anyhow::ensure!(
            dir.join("index.html").is_file(),
            "{} has no index.html: build the UI first (scripts/ui.sh)",
            dir.display()
        );
    }
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    eprintln!(
        "AFIRGen station server on http://{}{}",
        listener.local_addr()?,
        match &ui {
            Some(dir) => format!(" (web UI from {})", dir.display()),
            None => " (API only: no built UI found)".into(),
        }
    );
    afirgen_server::serve(engine, listener, ui, models::shutdown_signal())
        .await
        .context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}

async fn health(config: Config, json: bool) -> Result<ExitCode> {
    let report = afirgen_core::health::report_for_config(&config).await;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        let mark = |ok: bool| if ok { "ok  " } else { "FAIL" };
        println!(
            "{} database {}",
            mark(report.database.check.ok),
            report.database.url
        );
        if let Some(err) = &report.database.check.error {
            println!("     {err}");
        }
        if report.models.is_empty() {
            println!("FAIL no model server configured (set AFIRGEN_LLM_URL)");
        }
        for model in &report.models {
            println!(
                "{} {} {} (limit {} in flight)",
                mark(model.check.ok),
                model.status.role,
                model.status.url,
                model.status.limit
            );
            if let Some(err) = &model.check.error {
                println!("     {err}");
            }
        }
        println!(
            "{} OCR tesseract {}",
            mark(report.ocr.check.ok),
            report.ocr.languages
        );
        if let Some(err) = &report.ocr.check.error {
            println!("     {err}");
        }
        let c = &report.concurrency;
        println!(
            "     gates: {} jobs at once, {} model calls at once, HTTP pool {}, DB pool {}",
            c.max_concurrent_requests,
            c.max_concurrent_model_calls,
            c.http_pool_size,
            c.db_pool_size
        );
    }
    Ok(if report.healthy() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

async fn jobs(config: Config, command: JobsCommand) -> Result<ExitCode> {
    let engine = Engine::open(config).await?;
    match command {
        JobsCommand::List { limit } => {
            for job in engine.store().list_jobs(limit).await? {
                let when = chrono::DateTime::from_timestamp_millis(job.created_at)
                    .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                    .unwrap_or_default();
                let error = job
                    .error
                    .as_ref()
                    .map(|e| format!("  {e}"))
                    .unwrap_or_default();
                println!(
                    "{:>6}  case {:>6}  {:<16} {when}{error}",
                    job.id,
                    job.case_id,
                    job.state.as_str()
                );
            }
        }
        JobsCommand::Show { id } => {
            let job = engine.store().get_job(id).await?;
            println!("{}", serde_json::to_string_pretty(&job)?);
        }
        JobsCommand::Retry { id } => {
            engine.retry(id, &operator()).await?;
            println!("job {id} queued again; run `afirgen resume` to process it");
        }
        JobsCommand::Cancel { id } => {
            if engine.cancel(id, &operator()).await? {
                println!("job {id} cancelled");
            } else {
                println!("job {id} had already finished; nothing to cancel");
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn draft(config: Config, command: DraftCommand) -> Result<ExitCode> {
    use afirgen_core::review::{FieldEdit, Regenerate};
    let engine = Engine::open(config).await?;
    let print = |draft: &afirgen_core::fir::FirDraft| -> Result<()> {
        println!("{}", serde_json::to_string_pretty(draft)?);
        Ok(())
    };
    match command {
        DraftCommand::Show { case } => {
            let draft = engine
                .draft(case)
                .await?
                .with_context(|| format!("case {case} has no draft yet"))?;
            print(&draft)?;
        }
        DraftCommand::Edit { case, fields } => {
            let mut edits = Vec::new();
            for field in &fields {
                let (path, value) = field
                    .split_once('=')
                    .with_context(|| format!("{field:?} is not PATH=VALUE"))?;
                // JSON if it parses (null, 42, "text"), else the plain text itself.
                let value = serde_json::from_str(value)
                    .unwrap_or_else(|_| serde_json::Value::String(value.to_owned()));
                edits.push(FieldEdit {
                    path: path.to_owned(),
                    value,
                });
            }
            print(&engine.edit_draft(case, &operator(), &edits).await?)?;
        }
        DraftCommand::Sections { case, citations } => {
            print(&engine.set_sections(case, &operator(), &citations).await?)?;
        }
        DraftCommand::Regenerate {
            job,
            step,
            guidance,
        } => {
            let what = if step == "facts" {
                Regenerate::Facts
            } else {
                Regenerate::Sections
            };
            print(
                &engine
                    .regenerate(job, what, guidance.as_deref(), &operator())
                    .await?,
            )?;
        }
        DraftCommand::Approve { job } => {
            let record = engine.finalize(job, &operator_user(), None).await?;
            println!(
                "{} {} finalized for station {} (case {}); seal {}",
                record.kind.as_str().to_uppercase(),
                record.display_number,
                record.station_code,
                record.case_id,
                record.seal
            );
        }
        DraftCommand::Audit { case } => {
            for event in engine.store().audit_trail(case).await? {
                let when = chrono::DateTime::from_timestamp_millis(event.at)
                    .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                    .unwrap_or_default();
                let change = match (&event.field, &event.old_value, &event.new_value) {
                    (Some(field), old, new) => format!(
                        "  {field}: {} -> {}",
                        old.as_deref().unwrap_or("(empty)"),
                        new.as_deref().unwrap_or("(empty)")
                    ),
                    (None, _, Some(new)) => format!("  {new}"),
                    _ => String::new(),
                };
                println!("{when}  {:<18} {:<12}{change}", event.action, event.actor);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The local user, recorded as the actor of CLI actions.
fn operator() -> String {
    std::env::var("AFIRGEN_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "cli".to_owned())
}

/// The CLI's user: whoever runs it on the station's computer, with the data folder and
/// the database in hand, is its administrator and acts as station house officer.
fn operator_user() -> afirgen_core::auth::User {
    afirgen_core::auth::User {
        name: operator(),
        role: afirgen_core::auth::Role::Sho,
    }
}

async fn mock_models(args: MockArgs) -> Result<ExitCode> {
    for (name, rate) in [
        ("--error-rate", args.error_rate),
        ("--garbage-rate", args.garbage_rate),
    ] {
        anyhow::ensure!(
            (0.0..=1.0).contains(&rate),
            "{name} must be between 0 and 1, got {rate}"
        );
    }
    let config = afirgen_mock::MockConfig {
        latency_ms: args.latency_ms,
        error_rate: args.error_rate,
        garbage_rate: args.garbage_rate,
        seed: args.seed,
        ..Default::default()
    };
    let addr = SocketAddr::new(args.host, args.port);
    let server = afirgen_mock::MockServer::start(addr, config)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    println!("mock model server listening on {}", server.url());
    tokio::select! {
        _ = server.wait() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(ExitCode::SUCCESS)
}
