//! What a desk's Settings screen edits, and how it applies over the configuration: a
//! desk's concern, kept apart from the configuration it overlays.

use crate::config::{invalid, redact_url, rules, Config, ConfigError};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a desk's Settings screen edits. Stored by the app; applied over the config file
/// and under the environment (an environment variable still wins, as everywhere). Its
/// Debug output hides the database password and the station key.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Seconds without use after which the desk locks and the officer signs in again
    /// (unset: [`DEFAULT_IDLE_LOCK`]).
    pub idle_lock_seconds: Option<u32>,
}

/// The idle lock when Settings sets none: ten minutes.
pub const DEFAULT_IDLE_LOCK: std::time::Duration = std::time::Duration::from_secs(600);
/// The shortest and longest idle lock Settings accepts, in seconds (eight hours: a shift).
const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> =
    5..=crate::auth::session::LONGEST_IDLE.as_secs() as u32;

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
            idle_lock_seconds: None,
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
        // The saved key goes only to the server it was saved for: a form that names
        // another server must bring that server's key.
        let same_server = self.station_server_url.as_deref().map(str::trim)
            == saved.station_server_url.as_deref().map(str::trim);
        if let (Some(new), Some(old)) = (&self.station_api_key, &saved.station_api_key) {
            if new.trim() == crate::auth::redact_key(old) {
                self.station_api_key = same_server.then(|| old.clone());
            }
        }
        self
    }

    /// A form's settings as a desk saves them over `saved`: the secrets it showed hidden
    /// kept ([`Settings::with_secrets_from`]) and, where nobody can sign in (the desk has
    /// no engine), only what sets the desk right ([`Settings::repair_only`]).
    pub fn to_save(self, saved: &Settings, can_sign_in: bool) -> Settings {
        let settings = self.with_secrets_from(saved);
        if can_sign_in {
            settings
        } else {
            settings.repair_only(saved)
        }
    }

    /// What a desk nobody can sign in at may save (its database did not open, or it
    /// works on a station server): only what sets that right — the database, the station
    /// server and its key, the export folder. Everything else stays as saved, for a
    /// station house officer to change once someone can sign in.
    pub fn repair_only(self, saved: &Settings) -> Settings {
        Settings {
            database_url: self.database_url,
            station_server_url: self.station_server_url,
            station_api_key: self.station_api_key,
            export_dir: self.export_dir,
            ..saved.clone()
        }
    }

    /// How long the desk may go unused before it locks.
    pub fn idle_lock(&self) -> std::time::Duration {
        self.idle_lock_seconds.map_or(DEFAULT_IDLE_LOCK, |s| {
            std::time::Duration::from_secs(s.into())
        })
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

    /// The configuration with these settings applied between the file and the
    /// environment (an environment variable still wins).
    pub fn load_config(&self) -> Result<Config, ConfigError> {
        Config::load_layered(
            None,
            |config| self.apply(config),
            |key| std::env::var(key).ok(),
        )
    }

    /// Checks the settings as they would apply over `base`; the error names the field.
    pub fn validate(&self, base: &Config) -> Result<(), ConfigError> {
        for url in self.llm_urls.iter().chain(&self.asr_urls) {
            let url = url.trim();
            if !url.is_empty() {
                rules::model_url(url)
                    .map_err(|why| invalid("model endpoint", redact_url(url), why))?;
            }
        }
        if let Some(code) = self.station_code.as_deref() {
            let code = code.trim();
            // Empty keeps the configured code (a station server's desk numbers nothing).
            if !code.is_empty() {
                rules::station_code(code).map_err(|why| invalid("station code", code, why))?;
            }
        }
        if let Some(langs) = self.ocr_languages.as_deref() {
            rules::ocr_languages(langs).map_err(|why| invalid("OCR languages", langs, why))?;
        }
        if let Some(secs) = self.idle_lock_seconds {
            if !IDLE_LOCK_RANGE.contains(&secs) {
                return Err(invalid(
                    "idle lock",
                    secs.to_string(),
                    "must be 5 seconds to 8 hours (28800 seconds)",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_key_goes_only_to_its_server_and_a_locked_out_desk_saves_only_repairs() {
        let saved = Settings {
            station_server_url: Some("http://10.0.0.5:8787".into()),
            station_api_key: Some(format!("afg_{}_{}", "a1".repeat(6), "f0".repeat(32))),
            llm_urls: vec!["http://127.0.0.1:8080".into()],
            ..Settings::default()
        };
        let shown = saved.for_form(None);
        // The form sent back as shown keeps the secret key ...
        let same = shown.clone().with_secrets_from(&saved);
        assert_eq!(same.station_api_key, saved.station_api_key);
        // ... but not for another server: that one's key must be typed.
        let moved = Settings {
            station_server_url: Some("http://evil.example:8787".into()),
            ..shown.clone()
        }
        .with_secrets_from(&saved);
        assert_eq!(moved.station_api_key, None);
        // Nobody signed in: the model servers stay as saved, the station link may change.
        let attempt = Settings {
            llm_urls: vec!["http://elsewhere:8080".into()],
            station_server_url: Some("http://10.0.0.6:8787".into()),
            ..shown
        };
        let kept = attempt.repair_only(&saved);
        assert_eq!(kept.llm_urls, saved.llm_urls);
        assert_eq!(
            kept.station_server_url.as_deref(),
            Some("http://10.0.0.6:8787")
        );
    }
}
