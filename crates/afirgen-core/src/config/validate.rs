//! The checks of a loaded configuration; each error names the key to fix.

use super::*;

impl Config {
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
        rules::ocr_languages(&self.ocr.languages).map_err(|why| {
            invalid(
                "ocr.languages (AFIRGEN_OCR_LANGS)",
                &self.ocr.languages,
                why,
            )
        })?;
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
}
