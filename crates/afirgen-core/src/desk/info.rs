//! What the UI's header shows: this build, where its data lives, and who is working.
//! One type for the station server and the desktop, so the UI reads one shape.

use crate::auth::{Role, User};
use crate::config::{redact_url, Config, InputConfig};
use serde::Serialize;

/// This build, its database and the signed-in user, for the UI header.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppInfo {
    /// The program's version.
    pub version: &'static str,
    /// Where the desktop keeps its data; empty on a station server.
    pub data_dir: String,
    /// The database in use, its password redacted.
    pub database: Option<String>,
    /// Why the desk cannot work (its database did not open), when it cannot.
    pub error: Option<String>,
    /// The station this desk or server registers cases for.
    pub station_code: Option<String>,
    /// Who is working: the signed-in user (none while a desk waits for a sign-in).
    pub officer: Option<String>,
    /// Their role: the UI offers Finalise to an SHO only (the core enforces it).
    pub role: Option<Role>,
    /// The largest file an upload may be.
    pub max_file_bytes: u64,
    /// The station server a desktop desk works on (its origin), when one is set.
    pub station: Option<String>,
}

impl AppInfo {
    /// A desk or server whose engine runs with `config`, used by `user`.
    pub fn of(config: &Config, user: Option<User>) -> AppInfo {
        AppInfo {
            database: config.database_url().ok().map(|url| redact_url(&url)),
            station_code: Some(config.station.code.clone()),
            max_file_bytes: config.input.max_file_bytes,
            ..AppInfo::without_engine(user, None)
        }
    }

    /// A desk without an engine: one working on a station server (no `error`), or one
    /// whose database did not open (`error` says why).
    pub fn without_engine(user: Option<User>, error: Option<String>) -> AppInfo {
        let (officer, role) = user.map(|u| (u.name, u.role)).unzip();
        AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            data_dir: String::new(),
            database: None,
            error,
            station_code: None,
            officer,
            role,
            max_file_bytes: InputConfig::default().max_file_bytes,
            station: None,
        }
    }
}
