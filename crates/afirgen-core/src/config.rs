//! Configuration: a TOML file, overridden by environment variables (docs/architecture.md, section 2).
//!
//! A bad value stops the program at start with a message naming the key.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

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
            acquire_timeout_secs: crate::store::DEFAULT_ACQUIRE_TIMEOUT.as_secs(),
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
    /// The language passed to the speech server (e.g. "en"); empty lets it detect.
    pub language: String,
    /// ffmpeg, used only for codecs the built-in decoder lacks (Opus).
    pub ffmpeg: PathBuf,
}

impl Default for AudioConfig {
    fn default() -> Self {
        AudioConfig {
            chunk_secs: 30.0,
            overlap_secs: 0.4,
            language: "en".to_owned(),
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
    pub servers: Vec<crate::sidecar::ServerSpec>,
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

fn invalid(key: &str, value: impl ToString, reason: &str) -> ConfigError {
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
        config.apply_env(env)?;
        config.validate()?;
        Ok(config)
    }

    /// [`Config::load`] with a desk's saved [`Settings`] applied between the file and the
    /// environment.
    pub fn load_with_settings(settings: &Settings) -> Result<Config, ConfigError> {
        let env = |key: &str| std::env::var(key).ok();
        let mut config = match env("AFIRGEN_CONFIG") {
            Some(path) => Self::from_file(Path::new(&path))?,
            None => match dirs::config_dir().map(|dir| dir.join("afirgen").join("config.toml")) {
                Some(path) if path.is_file() => Self::from_file(&path)?,
                _ => Config::default(),
            },
        };
        settings.apply(&mut config);
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

    /// Applies the environment variables (README, "The `afirgen` command") over the file's values.
    pub fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        fn number<T: std::str::FromStr>(key: &str, value: &str) -> Result<T, ConfigError> {
            value
                .trim()
                .parse()
                .map_err(|_| invalid(key, value, "expected a whole number"))
        }
        fn urls(key: &str, value: &str) -> Result<Vec<String>, ConfigError> {
            let list: Vec<String> = value
                .split(',')
                .map(str::trim)
                .filter(|url| !url.is_empty())
                .map(str::to_owned)
                .collect();
            if list.is_empty() {
                return Err(invalid(
                    key,
                    value,
                    "expected one or more comma-separated URLs",
                ));
            }
            Ok(list)
        }
        if let Some(v) = env("AFIRGEN_DATA_DIR") {
            self.data_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = env("AFIRGEN_DATABASE_URL") {
            self.database.url = Some(v);
        }
        if let Some(v) = env("DB_POOL_SIZE") {
            self.database.pool_size = number("DB_POOL_SIZE", &v)?;
        }
        if let Some(v) = env("AFIRGEN_ADAPTIVE_MODEL_LIMIT") {
            let on = match v.trim() {
                "1" | "true" | "on" | "yes" => true,
                "0" | "false" | "off" | "no" | "" => false,
                _ => {
                    return Err(invalid(
                        "AFIRGEN_ADAPTIVE_MODEL_LIMIT",
                        &v,
                        "expected 1 (on) or 0 (off)",
                    ))
                }
            };
            self.llm.adaptive = on;
            self.asr.adaptive = on;
            self.embed.adaptive = on;
        }
        if let Some(v) = env("AFIRGEN_DB_ACQUIRE_TIMEOUT_SECS") {
            self.database.acquire_timeout_secs = number("AFIRGEN_DB_ACQUIRE_TIMEOUT_SECS", &v)?;
        }
        if let Some(v) = env("MAX_CONCURRENT_REQUESTS") {
            self.limits.max_concurrent_requests = number("MAX_CONCURRENT_REQUESTS", &v)?;
        }
        if let Some(v) = env("MAX_CONCURRENT_MODEL_CALLS") {
            self.limits.max_concurrent_model_calls = number("MAX_CONCURRENT_MODEL_CALLS", &v)?;
        }
        if let Some(v) = env("HTTP_POOL_SIZE") {
            self.limits.http_pool_size = number("HTTP_POOL_SIZE", &v)?;
        }
        if let Some(v) = env("AFIRGEN_LLM_URL") {
            self.llm.urls = urls("AFIRGEN_LLM_URL", &v)?;
        }
        if let Some(v) = env("AFIRGEN_LLM_MODEL") {
            self.llm.model = v;
        }
        if let Some(v) = env("AFIRGEN_ASR_URL") {
            self.asr.urls = urls("AFIRGEN_ASR_URL", &v)?;
        }
        if let Some(v) = env("AFIRGEN_EMBED_URL") {
            self.embed.urls = urls("AFIRGEN_EMBED_URL", &v)?;
        }
        if let Some(v) = env("AFIRGEN_MODELS_HOME") {
            self.models.home = Some(PathBuf::from(v));
        }
        if let Some(v) = env("AFIRGEN_MODEL_VALUES") {
            self.facts.model_values = match v.as_str() {
                "suggest" => ModelValues::Suggest,
                "fill" => ModelValues::Fill,
                _ => {
                    return Err(invalid(
                        "AFIRGEN_MODEL_VALUES",
                        &v,
                        "expected suggest or fill",
                    ))
                }
            };
        }
        if let Some(v) = env("AFIRGEN_OCR_LANGS") {
            self.ocr.languages = v;
        }
        if let Some(v) = env("AFIRGEN_MAX_RECORDING_SECS") {
            self.input.max_recording_secs = number("AFIRGEN_MAX_RECORDING_SECS", &v)?;
        }
        if let Some(v) = env("AFIRGEN_MAX_FILE_BYTES") {
            self.input.max_file_bytes = number("AFIRGEN_MAX_FILE_BYTES", &v)?;
        }
        if let Some(v) = env("AFIRGEN_STATION_CODE") {
            self.station.code = v;
        }
        if let Some(v) = env("AFIRGEN_MAX_QUEUED") {
            self.queue.max_queued = number("AFIRGEN_MAX_QUEUED", &v)?;
        }
        if let Some(v) = env("AFIRGEN_LEASE_SECS") {
            self.queue.lease_secs = number("AFIRGEN_LEASE_SECS", &v)?;
        }
        if let Some(v) = env("AFIRGEN_MAX_INTERRUPTIONS") {
            self.queue.max_interruptions = number("AFIRGEN_MAX_INTERRUPTIONS", &v)?;
        }
        if let Some(v) = env("AFIRGEN_RATE_PER_ADDRESS") {
            self.server.rate_per_address = number("AFIRGEN_RATE_PER_ADDRESS", &v)?;
        }
        if let Some(v) = env("AFIRGEN_RATE_PER_USER") {
            self.server.rate_per_user = number("AFIRGEN_RATE_PER_USER", &v)?;
        }
        if let Some(v) = env("AFIRGEN_TRUSTED_PROXIES") {
            self.server.trusted_proxies = v
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect();
        }
        Ok(())
    }

    /// Checks ranges and formats; the error names the key.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let positive = |key: &str, value: usize| {
            if value == 0 {
                Err(invalid(key, value, "must be at least 1"))
            } else {
                Ok(())
            }
        };
        positive(
            "limits.max_concurrent_requests (MAX_CONCURRENT_REQUESTS)",
            self.limits.max_concurrent_requests,
        )?;
        positive(
            "limits.max_concurrent_model_calls (MAX_CONCURRENT_MODEL_CALLS)",
            self.limits.max_concurrent_model_calls,
        )?;
        positive(
            "limits.http_pool_size (HTTP_POOL_SIZE)",
            self.limits.http_pool_size,
        )?;
        positive(
            "database.pool_size (DB_POOL_SIZE)",
            self.database.pool_size as usize,
        )?;
        positive(
            "database.acquire_timeout_secs (AFIRGEN_DB_ACQUIRE_TIMEOUT_SECS)",
            self.database.acquire_timeout_secs as usize,
        )?;
        positive(
            "llm.max_in_flight_per_endpoint",
            self.llm.max_in_flight_per_endpoint,
        )?;
        positive(
            "asr.max_in_flight_per_endpoint",
            self.asr.max_in_flight_per_endpoint,
        )?;
        positive(
            "embed.max_in_flight_per_endpoint",
            self.embed.max_in_flight_per_endpoint,
        )?;
        for (role, endpoints) in [
            ("llm", &self.llm),
            ("asr", &self.asr),
            ("embed", &self.embed),
        ] {
            if endpoints.adaptive_min == 0
                || endpoints.adaptive_min > endpoints.max_in_flight_per_endpoint
            {
                return Err(invalid(
                    &format!("{role}.adaptive_min"),
                    endpoints.adaptive_min,
                    "expected at least 1 and at most max_in_flight_per_endpoint",
                ));
            }
            if endpoints.adaptive_tolerance.is_nan() || endpoints.adaptive_tolerance < 1.0 {
                return Err(invalid(
                    &format!("{role}.adaptive_tolerance"),
                    endpoints.adaptive_tolerance,
                    "expected 1.0 or more (how many times the fastest latency counts as slow)",
                ));
            }
        }
        positive("input.max_text_chars", self.input.max_text_chars)?;
        positive("retry.max_attempts", self.retry.max_attempts as usize)?;
        positive("ocr.max_parallel", self.ocr.max_parallel)?;
        positive("ocr.dpi", self.ocr.dpi as usize)?;
        if self.input.max_file_bytes == 0 {
            return Err(invalid(
                "input.max_file_bytes (AFIRGEN_MAX_FILE_BYTES)",
                0,
                "must be at least 1",
            ));
        }
        if self.input.max_image_pixels == 0 {
            return Err(invalid("input.max_image_pixels", 0, "must be at least 1"));
        }
        if !(self.audio.chunk_secs >= 5.0 && self.audio.chunk_secs <= 600.0) {
            return Err(invalid(
                "audio.chunk_secs",
                self.audio.chunk_secs,
                "expected 5 to 600 seconds",
            ));
        }
        if !(self.audio.overlap_secs >= 0.0
            && self.audio.overlap_secs * 4.0 <= self.audio.chunk_secs)
        {
            return Err(invalid(
                "audio.overlap_secs",
                self.audio.overlap_secs,
                "expected 0 to a quarter of audio.chunk_secs",
            ));
        }
        let langs = &self.ocr.languages;
        if langs.is_empty()
            || !langs
                .split('+')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            return Err(invalid(
                "ocr.languages (AFIRGEN_OCR_LANGS)",
                langs,
                "expected Tesseract language codes joined by '+', e.g. eng+hin",
            ));
        }
        positive(
            "breaker.failure_threshold",
            self.breaker.failure_threshold as usize,
        )?;
        if self.llm.timeout_secs == 0 {
            return Err(invalid("llm.timeout_secs", 0, "must be at least 1"));
        }
        if self.asr.timeout_secs == 0 {
            return Err(invalid("asr.timeout_secs", 0, "must be at least 1"));
        }
        if self.embed.timeout_secs == 0 {
            return Err(invalid("embed.timeout_secs", 0, "must be at least 1"));
        }
        for (key, list) in [
            ("llm.urls (AFIRGEN_LLM_URL)", &self.llm.urls),
            ("asr.urls (AFIRGEN_ASR_URL)", &self.asr.urls),
            ("embed.urls (AFIRGEN_EMBED_URL)", &self.embed.urls),
        ] {
            for url in list {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(invalid(
                        key,
                        redact_url(url),
                        "expected an http:// or https:// URL",
                    ));
                }
                // Model URLs are printed on Health and in logs: no credentials in them.
                let authority = url.split("://").nth(1).unwrap_or_default();
                let authority = authority.split('/').next().unwrap_or_default();
                if authority.contains('@') {
                    return Err(invalid(
                        key,
                        redact_url(url),
                        "a model server URL cannot carry a user name or password; local model servers need none",
                    ));
                }
            }
        }
        if let Some(url) = &self.database.url {
            if !(url.starts_with("sqlite:") || url.starts_with("mysql://")) {
                return Err(invalid(
                    "database.url (AFIRGEN_DATABASE_URL)",
                    redact_url(url),
                    "expected sqlite://PATH or mysql://USER:PASSWORD@HOST/DATABASE",
                ));
            }
        }
        let code = &self.station.code;
        if code.is_empty()
            || code.len() > 32
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(invalid(
                "station.code (AFIRGEN_STATION_CODE)",
                code,
                "expected 1-32 letters, digits, '-' or '_'",
            ));
        }
        positive(
            "queue.max_queued (AFIRGEN_MAX_QUEUED)",
            self.queue.max_queued,
        )?;
        if !(3..=3600).contains(&self.queue.lease_secs) {
            return Err(invalid(
                "queue.lease_secs (AFIRGEN_LEASE_SECS)",
                self.queue.lease_secs,
                "expected 3 to 3600 seconds",
            ));
        }
        if !(1..=100).contains(&self.queue.max_interruptions) {
            return Err(invalid(
                "queue.max_interruptions (AFIRGEN_MAX_INTERRUPTIONS)",
                self.queue.max_interruptions,
                "expected 1 to 100 interrupted runs",
            ));
        }
        positive(
            "server.rate_per_address (AFIRGEN_RATE_PER_ADDRESS)",
            self.server.rate_per_address as usize,
        )?;
        positive(
            "server.rate_per_user (AFIRGEN_RATE_PER_USER)",
            self.server.rate_per_user as usize,
        )?;
        positive("server.rate_burst", self.server.rate_burst as usize)?;
        for proxy in &self.server.trusted_proxies {
            if parse_net(proxy).is_none() {
                return Err(invalid(
                    "server.trusted_proxies (AFIRGEN_TRUSTED_PROXIES)",
                    proxy,
                    "expected an IP address or a CIDR block such as 10.0.0.0/8",
                ));
            }
        }
        if !(-720..=840).contains(&self.station.utc_offset_minutes) {
            return Err(invalid(
                "station.utc_offset_minutes",
                self.station.utc_offset_minutes,
                "expected minutes between -720 and 840",
            ));
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| map.get(key).cloned()
    }

    #[test]
    fn environment_overrides_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            "[limits]\nmax_concurrent_requests = 3\n[llm]\nurls = [\"http://a:1\"]\n",
        )
        .unwrap();
        let config = Config::load_with_env(
            Some(&path),
            env(&[
                ("MAX_CONCURRENT_MODEL_CALLS", "7"),
                ("AFIRGEN_LLM_URL", "http://x:1, http://y:2"),
            ]),
        )
        .unwrap();
        assert_eq!(config.limits.max_concurrent_requests, 3);
        assert_eq!(config.limits.max_concurrent_model_calls, 7);
        assert_eq!(config.llm.urls, vec!["http://x:1", "http://y:2"]);
    }

    #[test]
    fn model_values_are_suggested_unless_the_station_says_fill() {
        assert_eq!(
            Config::load_with_env(None, env(&[]))
                .unwrap()
                .facts
                .model_values,
            ModelValues::Suggest
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "[facts]\nmodel_values = \"fill\"\n").unwrap();
        let config = Config::load_with_env(Some(&path), env(&[])).unwrap();
        assert_eq!(config.facts.model_values, ModelValues::Fill);
        let config =
            Config::load_with_env(Some(&path), env(&[("AFIRGEN_MODEL_VALUES", "suggest")]))
                .unwrap();
        assert_eq!(config.facts.model_values, ModelValues::Suggest);
        let err = Config::load_with_env(None, env(&[("AFIRGEN_MODEL_VALUES", "trust")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("AFIRGEN_MODEL_VALUES"), "{err}");
    }

    #[test]
    fn bad_values_name_the_key() {
        let err = Config::load_with_env(None, env(&[("MAX_CONCURRENT_REQUESTS", "lots")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("MAX_CONCURRENT_REQUESTS"), "{err}");
        let err = Config::load_with_env(None, env(&[("MAX_CONCURRENT_MODEL_CALLS", "0")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("MAX_CONCURRENT_MODEL_CALLS"), "{err}");
        let err = Config::load_with_env(
            None,
            env(&[("AFIRGEN_DATABASE_URL", "postgres://u:secret@h/d")]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("AFIRGEN_DATABASE_URL"), "{err}");
        assert!(!err.contains("secret"), "password leaked: {err}");

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "[limits]\nmax_concurrent_requests = \"many\"\n").unwrap();
        let err = Config::load_with_env(Some(&path), env(&[]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("max_concurrent_requests"), "{err}");
        std::fs::write(&path, "[limits]\nmax_concurent_requests = 4\n").unwrap();
        let err = Config::load_with_env(Some(&path), env(&[]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("max_concurent_requests"), "{err}");
    }

    #[test]
    fn model_urls_carry_no_credentials() {
        let mut config = Config::default();
        config.llm.urls = vec!["http://user:hunter2@10.0.0.5:8080".into()];
        let err = config.validate().unwrap_err().to_string();
        assert!(err.contains("user name or password"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
        config.llm.urls = vec!["http://10.0.0.5:8080/v1@x".into()];
        config.validate().unwrap();
    }

    #[test]
    fn debug_output_hides_secrets() {
        let mut config = Config::default();
        config.database.url = Some("mysql://afirgen:s3cret@db/afirgen".into());
        let settings = Settings {
            database_url: config.database.url.clone(),
            station_api_key: Some(format!("afg_{}_{}", "ab".repeat(6), "cd".repeat(32))),
            station_name: Some("कोतवाली".into()),
            ..Settings::default()
        };
        for shown in [format!("{config:?}"), format!("{settings:?}")] {
            assert!(!shown.contains("s3cret"), "{shown}");
            assert!(!shown.contains(&"cd".repeat(32)), "{shown}");
            assert!(shown.contains("afirgen:***@db"), "{shown}");
        }
        assert!(format!("{settings:?}").contains("कोतवाली"));
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_url("mysql://root:pw@127.0.0.1:3306/test"),
            "mysql://root:***@127.0.0.1:3306/test"
        );
        assert_eq!(redact_url("sqlite:///tmp/a.db"), "sqlite:///tmp/a.db");
        assert_eq!(
            redact_url("sqlite:///tmp/a@b:c.db"),
            "sqlite:///tmp/a@b:c.db"
        );
        // Passwords with '/' or '@' in them, as typed.
        for url in [
            "mysql://u:a/b@db.station/afirgen",
            "mysql://u:p@ss@db.station/afirgen",
        ] {
            let shown = redact_url(url);
            assert_eq!(shown, "mysql://u:***@db.station/afirgen", "{url}");
        }
    }
}

/// What a desk's Settings screen edits. Stored by the app; applied over the config file
/// and under the environment (an environment variable still wins, as everywhere). Its
/// Debug output hides the database password and the station key.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Settings {
    /// Police station code (numbering is per station and year).
    pub station_code: Option<String>,
    /// Police station name as printed.
    pub station_name: Option<String>,
    /// District.
    pub district: Option<String>,
    /// State.
    pub state: Option<String>,
    /// Officer in charge, printed in item 13.
    pub officer_name: Option<String>,
    /// The officer's rank.
    pub officer_rank: Option<String>,
    /// Language model servers (OpenAI-compatible base URLs).
    pub llm_urls: Vec<String>,
    /// Speech-recognition servers.
    pub asr_urls: Vec<String>,
    /// `MAX_CONCURRENT_REQUESTS`.
    pub max_concurrent_requests: Option<usize>,
    /// `MAX_CONCURRENT_MODEL_CALLS`.
    pub max_concurrent_model_calls: Option<usize>,
    /// `mysql://…` for a shared station database; empty for the local SQLite file.
    pub database_url: Option<String>,
    /// Tesseract languages, e.g. `eng+hin`.
    pub ocr_languages: Option<String>,
    /// Start the local model servers (`afirgen models up`) with the app.
    pub start_local_models: bool,
    /// Save exported PDFs straight into this folder instead of asking each time.
    pub export_dir: Option<String>,
    /// A station server (`http://host:port`) this desk works on instead of its own
    /// database and models; empty to work on this computer alone.
    pub station_server_url: Option<String>,
    /// This desk's API key on the station server (a secret: the form shows it hidden).
    pub station_api_key: Option<String>,
    /// What the officer at this desk may do, until officers sign in at the desk: a
    /// writer's desk cannot finalise (the core refuses). Unset: station house officer,
    /// the one-officer desk.
    pub desk_role: Option<crate::auth::Role>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // What the form shows is exactly the settings with their secrets hidden.
        let shown = serde_json::to_value(self.for_form(None)).map_err(|_| std::fmt::Error)?;
        write!(f, "Settings {shown}")
    }
}

impl Settings {
    /// The settings as they stand in `config`.
    pub fn of(config: &Config) -> Settings {
        Settings {
            station_code: Some(config.station.code.clone()),
            station_name: config.station.name.clone(),
            district: config.station.district.clone(),
            state: config.station.state.clone(),
            officer_name: config.station.officer_name.clone(),
            officer_rank: config.station.officer_rank.clone(),
            llm_urls: config.llm.urls.clone(),
            asr_urls: config.asr.urls.clone(),
            max_concurrent_requests: Some(config.limits.max_concurrent_requests),
            max_concurrent_model_calls: Some(config.limits.max_concurrent_model_calls),
            database_url: config.database.url.clone(),
            ocr_languages: Some(config.ocr.languages.clone()),
            start_local_models: false,
            export_dir: None,
            station_server_url: None,
            station_api_key: None,
            desk_role: None,
        }
    }

    /// What the Settings screen shows: the saved settings, with unset station details,
    /// limits and OCR languages filled from the running configuration (`effective`),
    /// and the database password hidden. Model URLs and the database are only what was
    /// saved, so addresses of servers the app started itself are never saved back.
    pub fn for_form(&self, effective: Option<&Config>) -> Settings {
        let mut shown = self.clone();
        if let Some(config) = effective {
            let of = Settings::of(config);
            let fill = |slot: &mut Option<String>, value: Option<String>| {
                if slot.as_deref().is_none_or(|s| s.trim().is_empty()) {
                    *slot = value;
                }
            };
            fill(&mut shown.station_code, of.station_code);
            fill(&mut shown.station_name, of.station_name);
            fill(&mut shown.district, of.district);
            fill(&mut shown.state, of.state);
            fill(&mut shown.officer_name, of.officer_name);
            fill(&mut shown.officer_rank, of.officer_rank);
            fill(&mut shown.ocr_languages, of.ocr_languages);
            shown.max_concurrent_requests =
                shown.max_concurrent_requests.or(of.max_concurrent_requests);
            shown.max_concurrent_model_calls = shown
                .max_concurrent_model_calls
                .or(of.max_concurrent_model_calls);
        }
        shown.database_url = shown.database_url.as_deref().map(redact_url);
        shown.station_api_key = shown
            .station_api_key
            .as_deref()
            .filter(|k| !k.trim().is_empty())
            .map(crate::auth::redact_key);
        shown
    }

    /// A form's settings to save: a database URL or station key shown redacted and sent
    /// back unchanged keeps the saved one (with its password or secret).
    pub fn with_secrets_from(mut self, saved: &Settings) -> Settings {
        if let (Some(new), Some(old)) = (&self.database_url, &saved.database_url) {
            if *new == redact_url(old) {
                self.database_url = Some(old.clone());
            }
        }
        if let (Some(new), Some(old)) = (&self.station_api_key, &saved.station_api_key) {
            if new.trim() == crate::auth::redact_key(old) {
                self.station_api_key = Some(old.clone());
            }
        }
        self
    }

    /// Who acts at this desk, for the audit trail and the core's role checks: the
    /// configured officer (else the operating-system user) in the desk's role.
    pub fn desk_user(&self) -> crate::auth::User {
        let name = self
            .officer_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "desk".into());
        crate::auth::User {
            name,
            role: self.desk_role.unwrap_or(crate::auth::Role::Sho),
        }
    }

    /// The station server this desk works on, if one is set: `Ok(None)` to work on
    /// this computer alone.
    pub fn station(
        &self,
    ) -> Result<Option<crate::station::StationLink>, crate::station::StationError> {
        match self.station_server_url.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(url) => crate::station::StationLink::new(
                url,
                self.station_api_key.as_deref().unwrap_or_default(),
            )
            .map(Some),
        }
    }

    /// Writes the settings that are set into `config`.
    pub fn apply(&self, config: &mut Config) {
        fn set(slot: &mut Option<String>, value: &Option<String>) {
            if let Some(value) = value.as_deref().map(str::trim) {
                *slot = (!value.is_empty()).then(|| value.to_owned());
            }
        }
        if let Some(code) = self.station_code.as_deref().map(str::trim) {
            if !code.is_empty() {
                config.station.code = code.to_owned();
            }
        }
        set(&mut config.station.name, &self.station_name);
        set(&mut config.station.district, &self.district);
        set(&mut config.station.state, &self.state);
        set(&mut config.station.officer_name, &self.officer_name);
        set(&mut config.station.officer_rank, &self.officer_rank);
        let urls = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|u| u.trim().trim_end_matches('/').to_owned())
                .filter(|u| !u.is_empty())
                .collect()
        };
        if !self.llm_urls.is_empty() {
            config.llm.urls = urls(&self.llm_urls);
        }
        if !self.asr_urls.is_empty() {
            config.asr.urls = urls(&self.asr_urls);
        }
        if let Some(n) = self.max_concurrent_requests {
            config.limits.max_concurrent_requests = n;
        }
        if let Some(n) = self.max_concurrent_model_calls {
            config.limits.max_concurrent_model_calls = n;
        }
        set(&mut config.database.url, &self.database_url);
        if let Some(langs) = self.ocr_languages.as_deref().map(str::trim) {
            if !langs.is_empty() {
                config.ocr.languages = langs.to_owned();
            }
        }
    }

    /// Checks the settings as they would apply over `base`; the error names the field.
    pub fn validate(&self, base: &Config) -> Result<(), ConfigError> {
        for url in self.llm_urls.iter().chain(&self.asr_urls) {
            let url = url.trim();
            if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
                return Err(invalid(
                    "model endpoint",
                    url,
                    "expected an http:// or https:// URL such as http://127.0.0.1:8080",
                ));
            }
        }
        if let Some(code) = self.station_code.as_deref() {
            let code = code.trim();
            // Empty keeps the configured code (a station server's desk numbers nothing).
            if !code.is_empty() && (code.len() > 32 || code.chars().any(char::is_whitespace)) {
                return Err(invalid(
                    "station code",
                    code,
                    "expected 1 to 32 characters without spaces, e.g. DL-0123",
                ));
            }
        }
        if let Some(langs) = self.ocr_languages.as_deref() {
            if !langs
                .split('+')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            {
                return Err(invalid(
                    "OCR languages",
                    langs,
                    "expected Tesseract language codes joined by +, e.g. eng+hin",
                ));
            }
        }
        if let Some(dir) = self.export_dir.as_deref().map(str::trim) {
            if !dir.is_empty() && !Path::new(dir).is_dir() {
                return Err(invalid("export folder", dir, "no such folder"));
            }
        }
        if let Err(err) = self.station() {
            let shown = match &err {
                crate::station::StationError::BadUrl { url, .. } => url.clone(),
                _ => self
                    .station_api_key
                    .as_deref()
                    .map(crate::auth::redact_key)
                    .unwrap_or_default(),
            };
            return Err(invalid("station server", shown, &err.to_string()));
        }
        let mut config = base.clone();
        self.apply(&mut config);
        config.validate()
    }
}
