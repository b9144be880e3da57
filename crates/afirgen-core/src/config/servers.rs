//! A local model server to run and supervise, as `servers.toml` of the model harness
//! describes it (the supervisor itself is `crate::sidecar`).

use crate::domain::ModelRole as Role;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One server to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSpec {
    /// A short name ("llm", "asr", "embed").
    pub name: String,
    /// What it serves.
    pub role: Role,
    /// The model name to send in requests.
    pub model: String,
    /// Base URL it will answer on.
    pub url: String,
    /// Path that answers 200 once the server is ready.
    #[serde(default = "default_health_path")]
    pub health_path: String,
    /// Requests it serves at once (llama.cpp `--parallel`).
    #[serde(default = "default_in_flight")]
    pub max_in_flight: usize,
    /// The program.
    pub command: PathBuf,
    /// Its arguments.
    #[serde(default)]
    pub args: Vec<String>,
    /// Extra environment.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// How long it may take to become ready, seconds.
    #[serde(default = "default_ready_secs")]
    pub ready_timeout_secs: u64,
}

fn default_health_path() -> String {
    "/health".to_owned()
}
fn default_in_flight() -> usize {
    1
}
fn default_ready_secs() -> u64 {
    180
}
