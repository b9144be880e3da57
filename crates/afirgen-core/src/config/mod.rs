//! Configuration: a TOML file, overridden by environment variables (docs/architecture.md, section 2).
//! A leaf of the crate: the file's schema here, the environment overlay in `env`, the
//! checks in `validate` (one rule per setting, shared with the desk's Settings).
//!
//! A bad value stops the program at start with a message naming the key.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

mod env;
pub mod rules;
mod servers;
pub use servers::ServerSpec;
#[cfg(test)]
mod tests;
mod validate;

/// Everything AFIRGen can be told.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Where data lives when no database URL is given (SQLite file, later audio/scans).
    pub data_dir: Option<PathBuf>,
    /// Database connection.
    pub database: DatabaseConfig,
    /// The gates.
    pub limits: Limits,
    /// The language model servers.
    pub llm: EndpointsConfig,
    /// The speech-recognition servers.
    pub asr: EndpointsConfig,
    /// The text-embedding servers (optional): with one, sections are found by the
    /// statement's meaning as well as its words.
    pub embed: EndpointsConfig,
    /// Retries of model calls.
    pub retry: RetryConfig,
    /// Circuit breaker per model endpoint.
    pub breaker: BreakerConfig,
    /// The station this installation serves.
    pub station: StationConfig,
    /// Limits on what users submit.
    pub input: InputConfig,
    /// Audio decoding and chunked transcription.
    pub audio: AudioConfig,
    /// Optical character recognition.
    pub ocr: OcrConfig,
    /// Local model servers started by `afirgen models up`.
    pub models: ModelsConfig,
    /// The persisted job queue.
    pub queue: QueueConfig,
    /// The station server (`afirgen serve`).
    pub server: ServerConfig,
    /// How the facts of a statement are assembled.
    pub facts: FactsConfig,
}

/// How the facts of a statement are assembled (rules, the model, checks).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FactsConfig {
    /// What becomes of a value only the model found (`AFIRGEN_MODEL_VALUES`).
    pub model_values: ModelValues,
}

/// What becomes of a value only the model found, when the statement contains it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelValues {
    /// Offered to the officer as a suggestion; the field stays empty until they take it.
    /// The default: a small model's values are often found in the statement yet belong
    /// to another person, place or sum (docs/draft-accuracy.md).
    #[default]
    Suggest,
    /// Filled into the draft, marked as the model's. For a station whose model has been
    /// measured with `afirgen eval facts` and does better than the rules alone.
    Fill,
}

/// The persisted job queue (docs/architecture.md, sections 3 and 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QueueConfig {
    /// Jobs waiting at most (`AFIRGEN_MAX_QUEUED`). A submission beyond it is refused
    /// with "busy, try again shortly" rather than accepted and left to age.
    pub max_queued: usize,
    /// Seconds a worker's claim on a job lasts unless renewed (`AFIRGEN_LEASE_SECS`).
    /// A crashed worker's jobs go back to the queue after this.
    pub lease_secs: u64,
    /// Interrupted runs after which a job is failed (`AFIRGEN_MAX_INTERRUPTIONS`): a
    /// job whose worker stopped (died, or lost its lease) is resumed until this many of
    /// its runs were interrupted, then failed with the reason, its input kept — an input
    /// that crashes the process must not take the station down after every restart.
    pub max_interruptions: u32,
}

impl Default for QueueConfig {
    fn default() -> Self {
        QueueConfig {
            max_queued: 1000,
            lease_secs: 30,
            max_interruptions: 2,
        }
    }
}

/// The station server's protection of itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Requests per second one client address may make, sustained
    /// (`AFIRGEN_RATE_PER_ADDRESS`).
    pub rate_per_address: u32,
    /// Requests per second one user may make, sustained (`AFIRGEN_RATE_PER_USER`).
    pub rate_per_user: u32,
    /// Requests a client may make at once above the sustained rate.
    pub rate_burst: u32,
    /// Proxies (addresses or CIDR blocks) whose `X-Forwarded-For` is believed
    /// (`AFIRGEN_TRUSTED_PROXIES`, comma-separated). From anyone else the header is
    /// ignored and the socket's address is the client's.
    pub trusted_proxies: Vec<String>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            rate_per_address: 100,
            rate_per_user: 50,
            rate_burst: 200,
            trusted_proxies: Vec::new(),
        }
    }
}

impl ServerConfig {
    /// The trusted proxies, parsed (validation has checked them).
    pub fn trusted_proxy_nets(&self) -> Vec<ipnet::IpNet> {
        self.trusted_proxies
            .iter()
            .filter_map(|p| parse_net(p))
            .collect()
    }
}

fn parse_net(text: &str) -> Option<ipnet::IpNet> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>().ok().or_else(|| {
        text.parse::<std::net::IpAddr>()
            .ok()
            .map(ipnet::IpNet::from)
    })
}

/// How long a database call waits for a pooled connection before it fails as
/// unavailable (`database.acquire_timeout_secs`).
pub const DEFAULT_ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Database settings. Its Debug output hides the password.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// `sqlite://PATH` or `mysql://user:pass@host/db`; empty means the embedded SQLite file.
    pub url: Option<String>,
    /// Connections in the pool (`DB_POOL_SIZE`).
    pub pool_size: u32,
    /// Seconds a MySQL query waits for a connection while the server is unreachable
    /// before failing with "the database is not answering"
    /// (`AFIRGEN_DB_ACQUIRE_TIMEOUT_SECS`).
    pub acquire_timeout_secs: u64,
}

impl std::fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &self.url.as_deref().map(redact_url))
            .field("pool_size", &self.pool_size)
            .field("acquire_timeout_secs", &self.acquire_timeout_secs)
            .finish()
    }
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            url: None,
            pool_size: 15,
            acquire_timeout_secs: DEFAULT_ACQUIRE_TIMEOUT.as_secs(),
        }
    }
}

/// The request gate, the model gate and the HTTP pool (docs/architecture.md, sections 3 and 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Jobs running at once (`MAX_CONCURRENT_REQUESTS`).
    pub max_concurrent_requests: usize,
    /// Model calls in flight across all jobs (`MAX_CONCURRENT_MODEL_CALLS`).
    pub max_concurrent_model_calls: usize,
    /// Idle keep-alive connections kept per model host (`HTTP_POOL_SIZE`).
    pub http_pool_size: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_concurrent_requests: 15,
            max_concurrent_model_calls: 10,
            http_pool_size: 20,
        }
    }
}

/// Servers for one model role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EndpointsConfig {
    /// Base URLs (e.g. `http://127.0.0.1:8080`); calls are balanced by fewest in flight.
    pub urls: Vec<String>,
    /// The model name sent in requests.
    pub model: String,
    /// Calls in flight per endpoint (a llama.cpp server's `--parallel` slots); the
    /// upper bound when `adaptive`.
    pub max_in_flight_per_endpoint: usize,
    /// Timeout of one HTTP call, seconds.
    pub timeout_secs: u64,
    /// Let each endpoint's limit adapt (AIMD) to its latency and overload answers,
    /// between `adaptive_min` and `max_in_flight_per_endpoint`
    /// (`AFIRGEN_ADAPTIVE_MODEL_LIMIT=1` turns it on for every role). Off by default.
    pub adaptive: bool,
    /// Lowest adaptive limit.
    pub adaptive_min: usize,
    /// An answer slower than this many times the fastest recent one lowers the
    /// adaptive limit.
    pub adaptive_tolerance: f64,
}

impl Default for EndpointsConfig {
    fn default() -> Self {
        EndpointsConfig {
            urls: Vec::new(),
            model: "default".to_owned(),
            max_in_flight_per_endpoint: 4,
            timeout_secs: 120,
            adaptive: false,
            adaptive_min: 1,
            adaptive_tolerance: 2.0,
        }
    }
}

/// Retries with exponential backoff and jitter, for transient errors only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetryConfig {
    /// Tries per call, the first included.
    pub max_attempts: u32,
    /// Delay before the first retry, milliseconds (doubles each time).
    pub base_delay_ms: u64,
    /// Upper bound of one delay, milliseconds.
    pub max_delay_ms: u64,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 4,
            base_delay_ms: 250,
            max_delay_ms: 5_000,
        }
    }
}

/// Circuit breaker settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BreakerConfig {
    /// Consecutive failures that open the breaker.
    pub failure_threshold: u32,
    /// How long an open breaker rejects calls before letting one probe through, ms.
    pub open_ms: u64,
}

impl Default for BreakerConfig {
    fn default() -> Self {
        BreakerConfig {
            failure_threshold: 5,
            open_ms: 10_000,
        }
    }
}

/// The station this installation serves (printed on the FIR).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StationConfig {
    /// Station code; FIR numbers run per code and year.
    pub code: String,
    /// Police station name.
    pub name: Option<String>,
    /// District.
    pub district: Option<String>,
    /// State.
    pub state: Option<String>,
    /// Officer in charge: name.
    pub officer_name: Option<String>,
    /// Officer in charge: rank.
    pub officer_rank: Option<String>,
    /// The station's offset from UTC in minutes (India: 330).
    pub utc_offset_minutes: i32,
}

impl Default for StationConfig {
    fn default() -> Self {
        StationConfig {
            code: "PS001".to_owned(),
            name: None,
            district: None,
            state: None,
            officer_name: None,
            officer_rank: None,
            utc_offset_minutes: 330,
        }
    }
}

/// Limits on submitted input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InputConfig {
    /// Longest typed statement accepted, in characters.
    pub max_text_chars: usize,
    /// Largest file accepted, bytes (`AFIRGEN_MAX_FILE_BYTES`).
    pub max_file_bytes: u64,
    /// Largest image accepted, in pixels (a guard against decompression bombs).
    pub max_image_pixels: u64,
    /// Longest recording accepted, in seconds (`AFIRGEN_MAX_RECORDING_SECS`): checked
    /// from the file's header at submission and enforced while decoding (a guard against
    /// audio decompression bombs; two hours hold about 460 MB of 16 kHz samples).
    pub max_recording_secs: u32,
}

impl InputConfig {
    /// The largest JSON body a server accepts: a statement at its longest, four bytes a
    /// character (UTF-8's most), escaped, plus room for the rest of a form or an edit list.
    pub fn max_json_bytes(&self) -> usize {
        self.max_text_chars
            .saturating_mul(4)
            .saturating_mul(2)
            .saturating_add(256 * 1024)
    }
}

impl Default for InputConfig {
    fn default() -> Self {
        InputConfig {
            max_text_chars: 50_000,
            max_file_bytes: 25 * 1024 * 1024,
            max_image_pixels: 60_000_000,
            max_recording_secs: 2 * 3600,
        }
    }
}

/// How audio is prepared for speech recognition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AudioConfig {
    /// Recordings longer than this are split into chunks of about this length, seconds.
    pub chunk_secs: f64,
    /// Overlap between neighbouring chunks, seconds.
    pub overlap_secs: f64,
    /// The language recordings are transcribed in when a case says Detect ("auto"):
    /// "hi" for a station whose complainants mostly speak Hindi, "en"; empty (the
    /// default) lets the speech server detect it. A case's own language always wins.
    pub language: String,
    /// The languages Detect chooses among (the station's complainants' languages):
    /// the speech server is asked to identify the language of a recording's first
    /// chunk among these only, and the rest is transcribed in it. The harness's server
    /// honours the list; another server that names the language it heard is trusted
    /// only for one of these, and one that does not say detects each chunk. Empty:
    /// any language.
    pub detect_languages: Vec<String>,
    /// ffmpeg, used only for codecs the built-in decoder lacks (Opus).
    pub ffmpeg: PathBuf,
}

impl Default for AudioConfig {
    fn default() -> Self {
        AudioConfig {
            chunk_secs: 30.0,
            overlap_secs: 0.4,
            language: String::new(),
            detect_languages: vec!["en".to_owned(), "hi".to_owned()],
            ffmpeg: PathBuf::from("ffmpeg"),
        }
    }
}

/// Tesseract settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OcrConfig {
    /// Tesseract languages, `+`-separated (`AFIRGEN_OCR_LANGS`).
    pub languages: String,
    /// The tesseract program.
    pub tesseract: PathBuf,
    /// pdftoppm (poppler-utils), for the pages of PDF scans.
    pub pdftoppm: PathBuf,
    /// Resolution assumed for images that do not state one, and used for PDF pages.
    pub dpi: u32,
    /// Pages recognised at once (Tesseract is CPU-bound).
    pub max_parallel: usize,
}

impl OcrConfig {
    /// pdftotext, which ships beside pdftoppm in poppler-utils.
    pub fn pdftotext(&self) -> PathBuf {
        self.pdftoppm.with_file_name("pdftotext")
    }
}

impl Default for OcrConfig {
    fn default() -> Self {
        OcrConfig {
            languages: "eng+hin".to_owned(),
            tesseract: PathBuf::from("tesseract"),
            pdftoppm: PathBuf::from("pdftoppm"),
            dpi: 300,
            max_parallel: 2,
        }
    }
}

/// Local model servers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelsConfig {
    /// Where the model harness installed them (`AFIRGEN_MODELS_HOME`; default: the
    /// `models` folder of the data directory). Its `servers.toml` lists the servers.
    pub home: Option<PathBuf>,
    /// Servers to run instead of the harness's list.
    pub servers: Vec<ServerSpec>,
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has a wrong key or type.
    #[error("configuration file {path} is invalid: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's message, which names the key.
        message: String,
    },
    /// A value is out of range or malformed.
    #[error("invalid configuration value for {key}: {value:?} ({reason})")]
    Invalid {
        /// The key: an environment variable or a `table.key` of the file.
        key: String,
        /// The value given.
        value: String,
        /// What is wrong and what is expected.
        reason: String,
    },
    /// No platform data directory could be found and none was configured.
    #[error("no data directory: set AFIRGEN_DATA_DIR or data_dir in the configuration file")]
    NoDataDir,
}

/// The error for `key` holding `value`, with what is expected.
pub(crate) fn invalid(key: &str, value: impl ToString, reason: &str) -> ConfigError {
    ConfigError::Invalid {
        key: key.to_owned(),
        value: value.to_string(),
        reason: reason.to_owned(),
    }
}

impl Config {
    /// Loads the file (the one given, else `AFIRGEN_CONFIG`, else `config.toml` in the
    /// platform config dir if it exists), applies the environment, and validates.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        Self::load_with_env(path, |key| std::env::var(key).ok())
    }

    /// [`Config::load`] with the environment supplied by the caller (for tests).
    pub fn load_with_env(
        path: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        Self::load_layered(path, |_| {}, env)
    }

    /// The file (as [`Config::load`] finds it), then `overlay` (a desk's saved
    /// Settings), then the environment, then the checks: an environment variable wins
    /// over everything, as everywhere.
    pub fn load_layered(
        path: Option<&Path>,
        overlay: impl FnOnce(&mut Config),
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let explicit = path
            .map(Path::to_path_buf)
            .or_else(|| env("AFIRGEN_CONFIG").map(PathBuf::from));
        let mut config = match explicit {
            Some(path) => Self::from_file(&path)?,
            None => match dirs::config_dir().map(|dir| dir.join("afirgen").join("config.toml")) {
                Some(path) if path.is_file() => Self::from_file(&path)?,
                _ => Config::default(),
            },
        };
        overlay(&mut config);
        config.apply_env(env)?;
        config.validate()?;
        Ok(config)
    }

    /// Reads one TOML file (no environment, no validation).
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        toml::from_str(&text).map_err(|err| ConfigError::Parse {
            path: path.to_owned(),
            message: err.to_string().trim().replace('\n', " "),
        })
    }

    /// The data directory: configured, else the platform's (e.g. `~/.local/share/afirgen`).
    pub fn data_dir(&self) -> Result<PathBuf, ConfigError> {
        match &self.data_dir {
            Some(dir) => Ok(dir.clone()),
            None => dirs::data_dir()
                .map(|dir| dir.join("afirgen"))
                .ok_or(ConfigError::NoDataDir),
        }
    }

    /// The model harness folder: configured, else `models` in the data directory.
    pub fn models_home(&self) -> Result<PathBuf, ConfigError> {
        match &self.models.home {
            Some(home) => Ok(home.clone()),
            None => Ok(self.data_dir()?.join("models")),
        }
    }

    /// The database URL: configured, else the embedded SQLite file in the data directory.
    pub fn database_url(&self) -> Result<String, ConfigError> {
        match &self.database.url {
            Some(url) => Ok(url.clone()),
            None => Ok(format!(
                "sqlite://{}",
                self.data_dir()?.join("afirgen.db").display()
            )),
        }
    }
}

/// A URL with any password replaced, safe to print or log.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    // A password may hold '/' or '@' (unencoded, as people type it): then the
    // credentials run to the last '@' with a ':' before it, not to the first '/'.
    if !rest.starts_with('/') {
        if let Some((userinfo, after)) = rest.rsplit_once('@') {
            if let Some((user, _)) = userinfo.split_once(':') {
                if !user.contains('/') {
                    return format!("{scheme}://{user}:***@{after}");
                }
            }
        }
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}{path}")
        }
        None => url.to_owned(),
    }
}
