//! The environment's overrides of the file's values.

use super::*;

impl Config {
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
        if let Some(v) = env("AFIRGEN_EMBED_MODEL") {
            self.embed.model = v;
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
}
