//! The health report: database, model servers, OCR and the gates, for `afirgen health`,
//! the desktop app's Health screen and the station server's `/health`.

use crate::config::{redact_url, Config};
use crate::gate::GateSnapshot;
use crate::models::{EndpointStatus, ModelClient};
use crate::store::Store;
use serde::Serialize;

/// One dependency's state.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Check {
    /// Whether it answered.
    pub ok: bool,
    /// Why not, with what to do.
    pub error: Option<String>,
}

impl Check {
    fn from(result: Result<(), String>) -> Self {
        Check {
            ok: result.is_ok(),
            error: result.err(),
        }
    }
}

/// A model endpoint: its live counters and whether it answered a probe.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModelHealth {
    /// Live state (role, URL, limit, in flight, breaker).
    #[serde(flatten)]
    pub status: EndpointStatus,
    /// The probe's outcome.
    #[serde(flatten)]
    pub check: Check,
}

/// The configured concurrency limits (the seed's `concurrency` block).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Concurrency {
    /// `MAX_CONCURRENT_REQUESTS`.
    pub max_concurrent_requests: usize,
    /// `MAX_CONCURRENT_MODEL_CALLS`.
    pub max_concurrent_model_calls: usize,
    /// `HTTP_POOL_SIZE`.
    pub http_pool_size: usize,
    /// `DB_POOL_SIZE`.
    pub db_pool_size: u32,
}

/// Everything a station needs to see to know whether generation will work.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthReport {
    /// "ok" when every dependency answered, otherwise "degraded".
    pub status: &'static str,
    /// The database (URL with the password redacted).
    pub database: DatabaseHealth,
    /// Each model endpoint.
    pub models: Vec<ModelHealth>,
    /// Tesseract with the configured languages.
    pub ocr: OcrHealth,
    /// Configured limits.
    pub concurrency: Concurrency,
    /// Live gate use, when an engine is running in this process.
    pub gates: Option<GateSnapshot>,
}

/// The database part of the report.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DatabaseHealth {
    /// Where (password redacted).
    pub url: String,
    /// Whether it answered.
    #[serde(flatten)]
    pub check: Check,
}

/// The OCR part of the report.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OcrHealth {
    /// Tesseract languages, e.g. `eng+hin`.
    pub languages: String,
    /// Whether Tesseract and its language data are installed.
    #[serde(flatten)]
    pub check: Check,
}

impl HealthReport {
    /// Whether everything answered.
    pub fn healthy(&self) -> bool {
        self.status == "ok"
    }
}

/// Whether one part works, without where it is.
#[derive(Debug, Clone, Serialize)]
pub struct PartOk {
    /// Whether it answered.
    pub ok: bool,
}

/// A model server in the summary: what it serves and whether it answered.
#[derive(Debug, Clone, Serialize)]
pub struct ModelOk {
    /// What it serves.
    pub role: crate::models::Role,
    /// Whether it answered.
    pub ok: bool,
}

/// What anyone on the station's network may see (`GET /health`, no key): whether each
/// part works. Addresses, paths and error details are for signed-in users.
#[derive(Debug, Clone, Serialize)]
pub struct HealthSummary {
    /// "ok" or "degraded".
    pub status: &'static str,
    /// The database.
    pub database: PartOk,
    /// Each model server.
    pub models: Vec<ModelOk>,
    /// OCR.
    pub ocr: PartOk,
}

impl HealthReport {
    /// The report without addresses or error details.
    pub fn summary(&self) -> HealthSummary {
        HealthSummary {
            status: self.status,
            database: PartOk {
                ok: self.database.check.ok,
            },
            models: self
                .models
                .iter()
                .map(|m| ModelOk {
                    role: m.status.role,
                    ok: m.check.ok,
                })
                .collect(),
            ocr: PartOk {
                ok: self.ocr.check.ok,
            },
        }
    }
}

/// A report reused for a few seconds: probing runs Tesseract and asks every model
/// server, and a burst of requests must cause one probe, not one each.
#[derive(Debug)]
pub struct HealthCache {
    ttl: std::time::Duration,
    last: tokio::sync::Mutex<Option<(std::time::Instant, std::sync::Arc<HealthReport>)>>,
}

impl HealthCache {
    /// A cache whose reports live `ttl`.
    pub fn new(ttl: std::time::Duration) -> Self {
        HealthCache {
            ttl,
            last: tokio::sync::Mutex::new(None),
        }
    }

    /// The cached report, or a fresh one from `probe` when it is older than the ttl.
    /// Callers arriving during a probe wait for it and share its result.
    pub async fn get<F>(&self, probe: impl FnOnce() -> F) -> std::sync::Arc<HealthReport>
    where
        F: std::future::Future<Output = HealthReport>,
    {
        let mut last = self.last.lock().await;
        if let Some((at, report)) = last.as_ref() {
            if at.elapsed() < self.ttl {
                return std::sync::Arc::clone(report);
            }
        }
        let report = std::sync::Arc::new(probe().await);
        *last = Some((std::time::Instant::now(), std::sync::Arc::clone(&report)));
        report
    }
}

/// Probes every dependency. `store` is the database as opened (or why it could not be).
pub async fn report(
    config: &Config,
    store: Result<&Store, String>,
    models: &ModelClient,
    gates: Option<GateSnapshot>,
) -> HealthReport {
    let url = config
        .database_url()
        .map(|url| redact_url(&url))
        .unwrap_or_else(|err| err.to_string());
    let database = match store {
        Ok(store) => store.ping().await.map_err(|err| err.to_string()),
        Err(err) => Err(err),
    };
    let probes = models.probe().await;
    let ocr = crate::ocr::Ocr::new(&config.ocr, config.input.max_image_pixels)
        .check_setup()
        .await
        .map_err(|err| err.to_string());
    let healthy = database.is_ok()
        && ocr.is_ok()
        && !probes.is_empty()
        && probes.iter().all(|(_, ok)| ok.is_ok());
    HealthReport {
        status: if healthy { "ok" } else { "degraded" },
        database: DatabaseHealth {
            url,
            check: Check::from(database),
        },
        models: probes
            .into_iter()
            .map(|(status, ok)| ModelHealth {
                status,
                check: Check::from(ok),
            })
            .collect(),
        ocr: OcrHealth {
            languages: config.ocr.languages.clone(),
            check: Check::from(ocr),
        },
        concurrency: Concurrency {
            max_concurrent_requests: config.limits.max_concurrent_requests,
            max_concurrent_model_calls: config.limits.max_concurrent_model_calls,
            http_pool_size: config.limits.http_pool_size,
            db_pool_size: config.database.pool_size,
        },
        gates,
    }
}

/// The report for a configuration alone (no engine running: e.g. the database did not
/// open), connecting to the database just to check it.
pub async fn report_for_config(config: &Config) -> HealthReport {
    let store = match config.database_url() {
        Ok(url) => Store::connect(&url, 1).await.map_err(|err| err.to_string()),
        Err(err) => Err(err.to_string()),
    };
    let gates = crate::gate::Gates::new(
        config.limits.max_concurrent_requests,
        config.limits.max_concurrent_model_calls,
    );
    match ModelClient::new(config, gates) {
        Ok(models) => report(config, store.as_ref().map_err(Clone::clone), &models, None).await,
        // Only if no HTTP client can be built at all; nothing else can be probed then.
        Err(err) => unchecked(config, &format!("cannot set up the HTTP client: {err}")),
    }
}

fn unchecked(config: &Config, why: &str) -> HealthReport {
    let not_checked = || Check {
        ok: false,
        error: Some(why.to_owned()),
    };
    HealthReport {
        status: "degraded",
        database: DatabaseHealth {
            url: String::new(),
            check: not_checked(),
        },
        models: Vec::new(),
        ocr: OcrHealth {
            languages: config.ocr.languages.clone(),
            check: not_checked(),
        },
        concurrency: Concurrency {
            max_concurrent_requests: config.limits.max_concurrent_requests,
            max_concurrent_model_calls: config.limits.max_concurrent_model_calls,
            http_pool_size: config.limits.http_pool_size,
            db_pool_size: config.database.pool_size,
        },
        gates: None,
    }
}
