//! The checks of a loaded configuration; each error names the key to fix.

use super::*;

impl Config {
    /// Checks ranges and formats; the error names the key.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let positive = |key: &str, value: u64| {
            if value == 0 {
                Err(invalid(key, value, "must be at least 1"))
            } else {
                Ok(())
            }
        };
        // Counts and sizes that must be at least 1.
        for (key, value) in [
            (
                "limits.max_concurrent_requests (MAX_CONCURRENT_REQUESTS)",
                self.limits.max_concurrent_requests as u64,
            ),
            (
                "limits.max_concurrent_model_calls (MAX_CONCURRENT_MODEL_CALLS)",
                self.limits.max_concurrent_model_calls as u64,
            ),
            (
                "limits.http_pool_size (HTTP_POOL_SIZE)",
                self.limits.http_pool_size as u64,
            ),
            (
                "database.pool_size (DB_POOL_SIZE)",
                self.database.pool_size as u64,
            ),
            (
                "database.acquire_timeout_secs (AFIRGEN_DB_ACQUIRE_TIMEOUT_SECS)",
                self.database.acquire_timeout_secs,
            ),
            (
                "llm.max_in_flight_per_endpoint",
                self.llm.max_in_flight_per_endpoint as u64,
            ),
            (
                "asr.max_in_flight_per_endpoint",
                self.asr.max_in_flight_per_endpoint as u64,
            ),
            (
                "embed.max_in_flight_per_endpoint",
                self.embed.max_in_flight_per_endpoint as u64,
            ),
            ("input.max_text_chars", self.input.max_text_chars as u64),
            ("retry.max_attempts", self.retry.max_attempts as u64),
            ("ocr.max_parallel", self.ocr.max_parallel as u64),
            ("ocr.dpi", self.ocr.dpi as u64),
            (
                "breaker.failure_threshold",
                self.breaker.failure_threshold as u64,
            ),
            (
                "queue.max_queued (AFIRGEN_MAX_QUEUED)",
                self.queue.max_queued as u64,
            ),
            (
                "server.rate_per_address (AFIRGEN_RATE_PER_ADDRESS)",
                self.server.rate_per_address as u64,
            ),
            (
                "server.rate_per_user (AFIRGEN_RATE_PER_USER)",
                self.server.rate_per_user as u64,
            ),
            ("server.rate_burst", self.server.rate_burst as u64),
            (
                "input.max_file_bytes (AFIRGEN_MAX_FILE_BYTES)",
                self.input.max_file_bytes,
            ),
            ("input.max_image_pixels", self.input.max_image_pixels),
            ("llm.timeout_secs", self.llm.timeout_secs),
            ("asr.timeout_secs", self.asr.timeout_secs),
            ("embed.timeout_secs", self.embed.timeout_secs),
        ] {
            positive(key, value)?;
        }
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
        rules::speech_language(&self.audio.language)
            .map_err(|why| invalid("audio.language", &self.audio.language, why))?;
        for language in &self.audio.detect_languages {
            if rules::speech_language_code(language).is_none() {
                return Err(invalid(
                    "audio.detect_languages",
                    language,
                    "expected two-letter language codes, e.g. [\"en\", \"hi\"]",
                ));
            }
        }
        rules::ocr_languages(&self.ocr.languages).map_err(|why| {
            invalid(
                "ocr.languages (AFIRGEN_OCR_LANGS)",
                &self.ocr.languages,
                why,
            )
        })?;
        for (key, list) in [
            ("llm.urls (AFIRGEN_LLM_URL)", &self.llm.urls),
            ("asr.urls (AFIRGEN_ASR_URL)", &self.asr.urls),
            ("embed.urls (AFIRGEN_EMBED_URL)", &self.embed.urls),
        ] {
            for url in list {
                rules::model_url(url).map_err(|why| invalid(key, redact_url(url), why))?;
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
        rules::station_code(&self.station.code).map_err(|why| {
            invalid(
                "station.code (AFIRGEN_STATION_CODE)",
                &self.station.code,
                why,
            )
        })?;
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
}
