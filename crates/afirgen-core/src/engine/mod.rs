//! The engine: submits cases, dispatches queued jobs through the request gate, runs the
//! pipeline, and finalizes reviewed drafts. The one entry point the CLI, the desktop
//! shell and the HTTP server call.

use crate::config::{Config, ConfigError};
use crate::domain::{CaseId, Job, JobError, JobId, JobState, NewCase, Priority};
use crate::fir::FirDraft;
use crate::gate::{GateSnapshot, Gates, RequestPermit};
use crate::models::ModelClient;
use crate::pipeline::{check_case, JobEvent, Pipeline, RunError};
use crate::store::{CaseRecord, Claim, Claimed, FinalRecord, RecordKind, Store, StoreError};
use chrono::Datelike;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, Notify};
use tokio::task::{AbortHandle, JoinHandle};
use tracing::Instrument;

mod dispatch;

/// The audit action recorded when someone opens a case.
pub const CASE_VIEWED: &str = "case.viewed";

/// A person viewing the same case again within this time adds no audit event.
pub const VIEW_AUDIT_WINDOW: Duration = Duration::from_secs(3600);

/// What a client refused for a full queue is told to wait before trying again.
pub const BUSY_RETRY_AFTER_SECS: u64 = 10;
/// How often the dispatcher looks at the queue when nobody woke it (other processes
/// may have queued work).
const POLL: Duration = Duration::from_secs(1);

/// An engine failure.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Bad configuration.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Storage failure.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The HTTP client could not be built.
    #[error("cannot set up the HTTP client for model servers: {0}")]
    Http(#[from] reqwest::Error),
    /// The request itself is unusable.
    #[error("{0}")]
    Invalid(String),
    /// The actor's role does not allow the action.
    #[error(transparent)]
    Forbidden(#[from] crate::auth::AuthError),
    /// The station's signing key is missing or unreadable.
    #[error(transparent)]
    Key(#[from] crate::signing::KeyError),
    /// The draft lacks items an FIR cannot be registered without; nothing was numbered.
    #[error("this FIR cannot be registered yet; fill in: {}", crate::completeness::describe(.0))]
    Incomplete(Vec<crate::completeness::MissingItem>),
    /// The persisted queue is full; nothing was stored. Try again after `retry_after_secs`.
    #[error("the station's queue is full ({queued} complaints waiting, limit {limit}); nothing was saved, submit again in {retry_after_secs} seconds")]
    Busy {
        /// Jobs waiting now.
        queued: usize,
        /// The configured bound (`queue.max_queued`).
        limit: usize,
        /// Seconds to wait.
        retry_after_secs: u64,
    },
}

/// What `submit` did.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Submitted {
    /// The case.
    pub case_id: CaseId,
    /// Its job.
    pub job_id: JobId,
    /// `queued`, or `failed` when the input was rejected (the case is kept).
    pub state: JobState,
    /// Why it was rejected.
    pub rejection: Option<JobError>,
}

/// The AFIRGen engine. Cheap to clone.
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

struct Inner {
    config: Arc<Config>,
    store: Store,
    models: ModelClient,
    gates: Gates,
    pipeline: Pipeline,
    events: broadcast::Sender<JobEvent>,
    wake: Notify,
    owner: String,
    running: Mutex<HashMap<JobId, Running>>,
    /// When each (case, person) view was last audited (see [`Engine::note_view`]).
    viewed: Mutex<HashMap<(CaseId, String), std::time::Instant>>,
}

/// A run of this engine's: the claim it writes under, and how to stop it.
struct Running {
    claim: Claim,
    task: AbortHandle,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("owner", &self.inner.owner)
            .finish_non_exhaustive()
    }
}

/// The running dispatcher; stops when dropped or on [`Dispatcher::stop`].
#[derive(Debug)]
pub struct Dispatcher {
    tasks: Vec<JoinHandle<()>>,
}

impl Dispatcher {
    /// Stops taking new jobs (running jobs are aborted; their leases expire and another
    /// engine resumes them).
    pub fn stop(self) {}
}

impl Drop for Dispatcher {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Engine {
    /// Opens the store named by the configuration, migrates it, and builds the engine.
    pub async fn open(config: Config) -> Result<Engine, EngineError> {
        let url = config.database_url()?;
        let store = Store::connect_with_timeout(
            &url,
            config.database.pool_size,
            Duration::from_secs(config.database.acquire_timeout_secs),
        )
        .await?;
        store.migrate().await?;
        let catalogue = station_catalogue(&store).await?;
        Engine::with_parts(config, store, Some(catalogue))
    }

    /// Builds the engine over an open, migrated store, with the built-in catalogue.
    pub fn with_store(config: Config, store: Store) -> Result<Engine, EngineError> {
        Engine::with_parts(config, store, None)
    }

    fn with_parts(
        config: Config,
        store: Store,
        catalogue: Option<Arc<crate::legal::Catalogue>>,
    ) -> Result<Engine, EngineError> {
        let config = Arc::new(config);
        let gates = Gates::new(
            config.limits.max_concurrent_requests,
            config.limits.max_concurrent_model_calls,
        );
        let models = ModelClient::new(&config, gates.clone())?;
        let catalogue = catalogue.unwrap_or_else(crate::legal::Catalogue::builtin_shared);
        if models.has_role(crate::models::Role::Embed) {
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                let (catalogue, models) = (Arc::clone(&catalogue), models.clone());
                let cache = config.data_dir().ok().map(|dir| dir.join("cache"));
                runtime.spawn(async move {
                    embed_catalogue_with_retries(&catalogue, &models, cache).await
                });
            }
        }
        let pipeline = Pipeline::new(
            store.clone(),
            models.clone(),
            Arc::clone(&config),
            catalogue,
        );
        let (events, _) = broadcast::channel(1024);
        let owner = format!(
            "{}-{}-{:08x}",
            hostname(),
            std::process::id(),
            fastrand::u32(..)
        );
        Ok(Engine {
            inner: Arc::new(Inner {
                config,
                store,
                models,
                gates,
                pipeline,
                events,
                wake: Notify::new(),
                owner,
                running: Mutex::new(HashMap::new()),
                viewed: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// How long a claim on a job lasts without a heartbeat.
    fn lease(&self) -> Duration {
        Duration::from_secs(self.inner.config.queue.lease_secs)
    }

    /// This engine's name in job claims (`host-pid-random`).
    pub fn owner(&self) -> &str {
        &self.inner.owner
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The station whose records this engine shows and changes. Several stations'
    /// servers may share one MySQL database, each seeing only its own cases; a desk's
    /// own SQLite file holds one station's cases whatever its code is set to now, so it
    /// is not scoped.
    pub(crate) fn scope(&self) -> Option<&str> {
        match self.inner.store.backend() {
            crate::store::Backend::MySql => Some(&self.inner.config.station.code),
            crate::store::Backend::Sqlite => None,
        }
    }

    /// The case, if it is this station's: another station's case is "not found", so a
    /// desk never learns it exists.
    pub(crate) async fn own_case(&self, case_id: CaseId) -> Result<CaseRecord, EngineError> {
        let case = self.inner.store.get_case(case_id).await?;
        match self.scope() {
            Some(station) if case.station_code != station => Err(StoreError::NotFound {
                what: "case",
                id: case_id,
            }
            .into()),
            _ => Ok(case),
        }
    }

    /// Audits that `viewer` opened a case (its draft, statement or inputs): once per
    /// person and case within [`VIEW_AUDIT_WINDOW`] on this engine, so a screen that
    /// reloads does not flood the trail.
    pub(crate) async fn note_view(&self, case_id: CaseId, viewer: &str) -> Result<(), EngineError> {
        let now = std::time::Instant::now();
        {
            let mut viewed = self.inner.viewed.lock().unwrap_or_else(|e| e.into_inner());
            viewed.retain(|_, at| now.duration_since(*at) < VIEW_AUDIT_WINDOW);
            let key = (case_id, viewer.to_owned());
            if viewed.contains_key(&key) {
                return Ok(());
            }
            viewed.insert(key, now);
        }
        let event = crate::domain::AuditEvent::new(case_id, None, viewer, CASE_VIEWED);
        if let Err(err) = self.inner.store.append_audit(&event).await {
            // Not recorded, so the next view tries again.
            let mut viewed = self.inner.viewed.lock().unwrap_or_else(|e| e.into_inner());
            viewed.remove(&(case_id, viewer.to_owned()));
            return Err(err.into());
        }
        Ok(())
    }

    /// One job, if its case is this station's.
    pub async fn job(&self, job_id: JobId) -> Result<Job, EngineError> {
        let job = self.inner.store.get_job(job_id).await?;
        match self.own_case(job.case_id).await {
            Err(EngineError::Store(StoreError::NotFound { .. })) => Err(StoreError::NotFound {
                what: "job",
                id: job_id,
            }
            .into()),
            other => other.map(|_| job),
        }
    }

    /// The legal catalogue in use (built-in entries and the station's own).
    pub fn catalogue(&self) -> &crate::legal::Catalogue {
        self.inner.pipeline.catalogue()
    }

    pub(crate) fn pipeline(&self) -> &Pipeline {
        &self.inner.pipeline
    }

    /// The model client.
    pub fn models(&self) -> &ModelClient {
        &self.inner.models
    }

    /// Limits and live use of the gates.
    pub fn gates(&self) -> GateSnapshot {
        self.inner.gates.snapshot()
    }

    /// Progress events of every job run by this engine.
    pub fn subscribe(&self) -> broadcast::Receiver<JobEvent> {
        self.inner.events.subscribe()
    }

    /// Checks and persists a case, then queues its job. A case whose input is rejected
    /// is still persisted, with a failed job saying why.
    pub async fn submit(&self, case: NewCase) -> Result<Submitted, EngineError> {
        if case.inputs.is_empty() {
            return Err(EngineError::Invalid(
                "a case needs at least one input: a typed statement, a recording or a scan"
                    .to_owned(),
            ));
        }
        if let Some(station) = self.scope().filter(|s| *s != case.station_code) {
            return Err(EngineError::Invalid(format!(
                "this is station {station}'s server; a case of station {} is submitted at that station",
                case.station_code
            )));
        }
        let limit = self.inner.config.queue.max_queued;
        let queued = self.inner.store.count_queued().await?.max(0) as usize;
        if queued >= limit {
            // Refuse before storing: a full queue is not a place to leave a complaint.
            return Err(EngineError::Busy {
                queued,
                limit,
                retry_after_secs: BUSY_RETRY_AFTER_SECS,
            });
        }
        let rejection = check_case(&case, &self.inner.config).err();
        let (case_id, job_id) = self
            .inner
            .store
            .submit_case(&case, rejection.as_ref())
            .await?;
        let state = if rejection.is_some() {
            tracing::warn!(job_id, case_id, "input rejected");
            JobState::Failed
        } else {
            tracing::info!(job_id, case_id, "case submitted");
            // The depth read above and this job: the gauge is for Health; the
            // dispatcher counts claims off it and the heartbeat reads the store again.
            self.inner.gates.set_queued(queued + 1);
            self.inner.wake.notify_one();
            JobState::Queued
        };
        Ok(Submitted {
            case_id,
            job_id,
            state,
            rejection,
        })
    }

    async fn refresh_queue_depth(&self) {
        match self.inner.store.count_queued().await {
            Ok(n) => self.inner.gates.set_queued(n.max(0) as usize),
            Err(err) => tracing::warn!(error = %err, "cannot read the queue depth"),
        }
    }

    /// Cancels a job; a running one stops at once (its in-flight model calls are dropped).
    pub async fn cancel(&self, job_id: JobId, actor: &str) -> Result<bool, EngineError> {
        self.job(job_id).await?;
        let cancelled = self.inner.store.cancel_job(job_id, actor).await?;
        if cancelled {
            if let Some(run) = self.running().remove(&job_id) {
                run.task.abort();
            }
            let _ = self.inner.events.send(JobEvent {
                job_id,
                state: JobState::Cancelled,
                step: None,
                step_done: false,
                at: crate::domain::now_ms(),
                message: Some(format!("cancelled by {actor}")),
            });
            self.refresh_queue_depth().await;
        }
        Ok(cancelled)
    }

    /// Puts a failed or cancelled job back in the queue; finished steps are reused.
    pub async fn retry(&self, job_id: JobId, actor: &str) -> Result<(), EngineError> {
        self.job(job_id).await?;
        self.inner.store.retry_job(job_id, actor).await?;
        self.refresh_queue_depth().await;
        self.inner.wake.notify_one();
        Ok(())
    }

    /// Changes a waiting or running job's priority (audited as `actor`'s).
    pub async fn set_priority(
        &self,
        job_id: JobId,
        priority: Priority,
        actor: &str,
    ) -> Result<(), EngineError> {
        self.job(job_id).await?;
        Ok(self
            .inner
            .store
            .set_priority(job_id, priority, actor)
            .await?)
    }

    /// Waits until the job settles (awaiting review, failed, cancelled...).
    pub async fn wait_settled(&self, job_id: JobId) -> Result<Job, EngineError> {
        let mut events = self.subscribe();
        loop {
            let job = self.inner.store.get_job(job_id).await?;
            if job.state.is_settled() {
                return Ok(job);
            }
            // An event for this job, or a periodic look (the job may run elsewhere).
            let _ = tokio::time::timeout(POLL, async {
                loop {
                    match events.recv().await {
                        Ok(event) if event.job_id == job_id => return,
                        Ok(_) => {}
                        Err(broadcast::error::RecvError::Lagged(_)) => return,
                        Err(broadcast::error::RecvError::Closed) => {
                            std::future::pending::<()>().await
                        }
                    }
                }
            })
            .await;
        }
    }

    /// Waits until no job is queued or running anywhere.
    pub async fn wait_idle(&self) -> Result<(), EngineError> {
        loop {
            let counts = self.inner.store.count_jobs_by_state(None).await?;
            let busy = counts
                .iter()
                .any(|(state, n)| *n > 0 && (*state == JobState::Queued || state.is_running()));
            if !busy {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// The current draft of a case.
    pub async fn draft(&self, case_id: CaseId) -> Result<Option<FirDraft>, EngineError> {
        self.own_case(case_id).await?;
        match self.inner.store.draft(case_id).await? {
            Some(value) => Ok(Some(
                serde_json::from_value(value).map_err(StoreError::from)?,
            )),
            None => Ok(None),
        }
    }

    /// Now, in the station's time zone.
    pub(crate) fn station_now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        let offset = crate::pipeline::draft::station_offset(&self.inner.config.station);
        chrono::Utc::now().with_timezone(&offset)
    }

    /// The station's keys in this engine's data folder. Read on every use, so a key
    /// rotated by `afirgen key rotate` signs at once. A desk on its own SQLite file is
    /// its own station and makes its key on first use; on a shared database only the
    /// station server makes one ([`Engine::station_key`]), so a desk working on that
    /// database directly cannot seal unless the station's key is restored there.
    pub fn keys(&self) -> Result<crate::signing::Keys, EngineError> {
        let dir = crate::signing::Keys::dir_in(&self.inner.config.data_dir()?);
        Ok(match self.inner.store.backend() {
            crate::store::Backend::Sqlite => crate::signing::Keys::open_or_create(&dir)?,
            crate::store::Backend::MySql => crate::signing::Keys::open(&dir)?,
        })
    }

    /// The station server's start: its signing key, made if this is the station's first
    /// start. Returns the key's id, to log.
    pub fn station_key(&self) -> Result<String, EngineError> {
        let dir = crate::signing::Keys::dir_in(&self.inner.config.data_dir()?);
        let keys = crate::signing::Keys::open_or_create(&dir)?;
        Ok(keys.signer()?.key_id().to_owned())
    }

    /// Finalizes a job's draft: allocates the next number for the station and year,
    /// freezes the content and seals it with the station's key. Only a station house
    /// officer may: refused here, whichever desk asks. `reviewed` is the draft revision
    /// the officer saw; if the draft changed since, nothing is sealed and the error says
    /// what changed. Without it, the draft as it stands is sealed.
    pub async fn finalize(
        &self,
        job_id: JobId,
        actor: &crate::auth::User,
        reviewed: Option<i64>,
    ) -> Result<FinalRecord, EngineError> {
        self.finalize_noting(job_id, actor, reviewed, &[]).await
    }

    /// [`Engine::finalize`], recording `noted` in the same transaction, under the seal.
    pub(crate) async fn finalize_noting(
        &self,
        job_id: JobId,
        actor: &crate::auth::User,
        reviewed: Option<i64>,
        noted: &[crate::domain::AuditEvent],
    ) -> Result<FinalRecord, EngineError> {
        crate::auth::require_finalize(actor)?;
        let signer = self.keys()?.signer()?;
        let actor = actor.name.as_str();
        let job = self.job(job_id).await?;
        let (content, _, current) = self
            .inner
            .store
            .draft_revision(job.case_id)
            .await?
            .ok_or_else(|| {
                EngineError::Invalid(format!("job {job_id} has no draft to finalize yet"))
            })?;
        let draft: FirDraft = serde_json::from_value(content).map_err(StoreError::from)?;
        let revision = reviewed.unwrap_or(current);
        // Checked on the revision at hand; if it is not the one reviewed, the store
        // refuses below with what changed.
        let missing = crate::completeness::missing_items(&draft);
        if !missing.is_empty() {
            return Err(EngineError::Incomplete(missing));
        }
        let now = self.station_now();
        let year = now.year();
        let kind = record_kind(&draft);
        let record = self
            .inner
            .store
            .finalize(
                job_id,
                &crate::store::Sealing {
                    kind,
                    year,
                    actor,
                    signer: &signer,
                    revision,
                    noted,
                },
                |number| {
                    let mut frozen = draft.clone();
                    frozen.header.year = year;
                    frozen.header.fir_number = Some(crate::store::display_number(number, year));
                    frozen.header.fir_datetime = Some(now.to_rfc3339());
                    Ok(serde_json::to_value(&frozen)?)
                },
            )
            .await?;
        let _ = self.inner.events.send(JobEvent {
            job_id,
            state: JobState::Finalized,
            step: None,
            step_done: true,
            at: crate::domain::now_ms(),
            message: Some(format!("FIR {}", record.display_number)),
        });
        Ok(record)
    }
}

/// The series a draft is numbered in: a case with no cognizable offence is a
/// non-cognizable report.
pub(crate) fn record_kind(draft: &FirDraft) -> RecordKind {
    match &draft.classification {
        Some(c) if c.report == "ncr" => RecordKind::Ncr,
        _ => RecordKind::Fir,
    }
}

/// Embeds the catalogue for the embedding server in the background, trying again for
/// a few minutes while it is not up yet (a desk starts its local servers as it opens);
/// until it is done, drafts find sections by words alone.
async fn embed_catalogue_with_retries(
    catalogue: &crate::legal::Catalogue,
    models: &ModelClient,
    cache: Option<std::path::PathBuf>,
) {
    const TRIES: u32 = 20;
    for attempt in 1..=TRIES {
        match catalogue.prepare_meaning(models, cache.as_deref()).await {
            Ok(()) => return,
            Err(err) if attempt == TRIES => {
                tracing::warn!(%err, "the catalogue could not be embedded; sections are found by words alone");
            }
            Err(_) => tokio::time::sleep(Duration::from_secs(15)).await,
        }
    }
}

/// The built-in catalogue with the station's imported entries (in `store`) on top.
pub async fn station_catalogue(store: &Store) -> Result<Arc<crate::legal::Catalogue>, EngineError> {
    let station = store.legal_entries().await?;
    if station.is_empty() {
        return Ok(crate::legal::Catalogue::builtin_shared());
    }
    crate::legal::Catalogue::with_station(station)
        .map(Arc::new)
        .map_err(|err| {
            EngineError::Invalid(format!(
                "the station's catalogue entries are unusable: {err}"
            ))
        })
}

fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_owned())
        })
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "afirgen".to_owned())
}
