//! Persistence behind one interface, two backends: SQLite (embedded default) and
//! MySQL/MariaDB (station server). See DESIGN.md section 6.
//!
//! Every method is written once; `with_pool!` instantiates its body for each backend's
//! concrete pool type, so the SQL is shared where the dialects agree and a [`Dialect`]
//! supplies the few statements where they differ.

use crate::domain::{
    now_ms, AuditEvent, CaseId, InputKind, InputRecord, Job, JobError, JobId, JobState, Millis,
    NewCase, Priority, Step,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::mysql::{MySqlConnectOptions, MySqlPool, MySqlPoolOptions, MySqlQueryResult};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteQueryResult,
    SqliteSynchronous,
};
use sqlx::Row;
use sqlx::{ConnectOptions, Connection};
use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// Bytes per stored blob chunk: well under MySQL's default 16 MiB packet limit.
const CHUNK_BYTES: usize = 1 << 20;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened.
    #[error("cannot open the database at {url}: {source}. Check AFIRGEN_DATABASE_URL and that the server is running")]
    Connect {
        /// The URL, password redacted.
        url: String,
        /// The driver's error.
        source: sqlx::Error,
    },
    /// The data directory for the SQLite file could not be created.
    #[error("cannot create the data directory {path}: {source}. Set AFIRGEN_DATA_DIR to a writable folder")]
    DataDir {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The data folder cannot take writes (read-only, full, or not ours): found at start,
    /// before anything is opened for writing.
    #[error("the data folder {path} {problem}. {advice}")]
    DataDirUnusable {
        /// The folder.
        path: String,
        /// What is wrong with it.
        problem: String,
        /// What to do.
        advice: &'static str,
    },
    /// Applying migrations failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// Stored data this build cannot read.
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    /// No such row.
    #[error("{what} {id} not found")]
    NotFound {
        /// What was looked for.
        what: &'static str,
        /// Its id.
        id: i64,
    },
    /// Finalisation named a draft revision that is no longer the current one.
    #[error("the draft of case {case_id} was changed since it was reviewed (revision {seen}, now {current}): {}; review it again, then finalise", changes.join("; "))]
    DraftChanged {
        /// The case.
        case_id: CaseId,
        /// The revision the officer reviewed.
        seen: i64,
        /// The revision now.
        current: i64,
        /// What changed, field by field.
        changes: Vec<String>,
    },
    /// The operation does not fit the job's or case's state.
    #[error("{0}")]
    Conflict(String),
    /// A pipeline run wrote after losing its job (cancelled, released, or claimed again
    /// after its lease ran out). Nothing was written; the run must stop.
    #[error("claim {attempt} of job {job_id} no longer holds it (the job is {state} now); nothing was written")]
    ClaimLost {
        /// The job.
        job_id: JobId,
        /// The lost claim's number.
        attempt: i64,
        /// The job's state now.
        state: JobState,
    },
}

/// How long a MySQL query waits for a pooled connection unless configured.
pub const DEFAULT_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

impl StoreError {
    /// True when another transaction won a lock (an InnoDB deadlock victim or a lock wait
    /// timeout): this one was rolled back whole, and trying again is safe.
    pub fn is_lock_conflict(&self) -> bool {
        matches!(self, StoreError::Db(err) if is_lock_conflict(err))
    }

    /// True when the database is not answering (down, restarting, unreachable, or the
    /// connection was cut): nothing was changed, and the same operation can succeed
    /// once it is back.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Connect { .. } => true,
            StoreError::Db(err) => match err {
                sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::Protocol(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::WorkerCrashed => true,
                sqlx::Error::Database(db) => db
                    .try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
                    // Server shutting down, connection killed, server gone, connection lost.
                    .is_some_and(|e| matches!(e.number(), 1053 | 1927 | 2006 | 2013)),
                _ => false,
            },
            _ => false,
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(err: serde_json::Error) -> Self {
        StoreError::Corrupt(err.to_string())
    }
}

impl From<crate::domain::UnknownName> for StoreError {
    fn from(err: crate::domain::UnknownName) -> Self {
        StoreError::Corrupt(err.to_string())
    }
}

/// Which database is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// MySQL or MariaDB server.
    MySql,
}

#[derive(Debug, Clone)]
enum DbPool {
    Sqlite(SqlitePool),
    MySql(MySqlPool),
}

/// Statements whose spelling differs between the backends.
struct Dialect {
    /// Starts a write transaction. SQLite's must take the write lock at once: a deferred
    /// transaction that reads first fails with SQLITE_BUSY instead of waiting.
    begin: &'static str,
    insert_ignore_blob: &'static str,
    upsert_draft: &'static str,
    bump_sequence: &'static str,
    /// Locks a case's row until commit (MySQL); SQLite's write lock already serialises.
    /// The head of a case's audit chain, read from the case's row under a lock held
    /// until commit on MySQL (a locking read also sees the latest committed head, where a
    /// plain read would see the transaction's snapshot). One row by its key: no gap locks.
    audit_head: &'static str,
    /// A case's draft revision, locked on MySQL until the transaction ends.
    draft_revision: &'static str,
}

const SQLITE: Dialect = Dialect {
    begin: "BEGIN IMMEDIATE",
    insert_ignore_blob: "INSERT OR IGNORE INTO blobs (sha256, size, created_at) VALUES (?, ?, ?)",
    upsert_draft: "INSERT INTO drafts (case_id, job_id, content, updated_at) VALUES (?, ?, ?, ?) \
                   ON CONFLICT(case_id) DO UPDATE SET job_id = excluded.job_id, \
                   content = excluded.content, updated_at = excluded.updated_at, \
                   revision = drafts.revision + 1",
    bump_sequence:
        "INSERT INTO fir_sequences (station_code, year, kind, last_no) VALUES (?, ?, ?, 1) \
                    ON CONFLICT(station_code, year, kind) DO UPDATE SET last_no = last_no + 1",
    audit_head: "SELECT audit_head FROM cases WHERE id = ?",
    draft_revision: "SELECT revision FROM drafts WHERE case_id = ?",
};

const MYSQL: Dialect = Dialect {
    begin: "BEGIN",
    insert_ignore_blob: "INSERT IGNORE INTO blobs (sha256, size, created_at) VALUES (?, ?, ?)",
    upsert_draft: "INSERT INTO drafts (case_id, job_id, content, updated_at) VALUES (?, ?, ?, ?) \
                   ON DUPLICATE KEY UPDATE job_id = VALUES(job_id), content = VALUES(content), \
                   updated_at = VALUES(updated_at), revision = revision + 1",
    bump_sequence:
        "INSERT INTO fir_sequences (station_code, year, kind, last_no) VALUES (?, ?, ?, 1) \
                    ON DUPLICATE KEY UPDATE last_no = last_no + 1",
    audit_head: "SELECT audit_head FROM cases WHERE id = ? FOR UPDATE",
    draft_revision: "SELECT revision FROM drafts WHERE case_id = ? FOR UPDATE",
};

/// Runs `$body` with `$pool` bound to the concrete pool of whichever backend is open.
macro_rules! with_pool {
    ($self:expr, |$pool:ident, $dialect:ident| $body:expr) => {
        match &$self.pool {
            DbPool::Sqlite($pool) => {
                #[allow(unused_variables)]
                let $dialect = &SQLITE;
                $body
            }
            DbPool::MySql($pool) => {
                #[allow(unused_variables)]
                let $dialect = &MYSQL;
                $body
            }
        }
    };
}

/// Like `with_pool!`, for a write: on SQLite it first waits its turn on the store's
/// in-process write lock (see [`Store::write_turn`]), held until `$body` has finished.
macro_rules! with_writer {
    ($self:expr, |$pool:ident, $dialect:ident| $body:expr) => {{
        let _turn = $self.write_turn().await;
        with_pool!($self, |$pool, $dialect| $body)
    }};
}

/// The hash of the case's newest audit event ("" when it has none, or only events from
/// before the chain), kept on the case's row and read under a lock held until the
/// transaction ends, so that two writers cannot both extend the same head. Evaluates to
/// `Result<String, StoreError>`.
macro_rules! audit_head {
    ($tx:ident, $dialect:expr, $case_id:expr) => {
        async {
            let case_id: $crate::domain::CaseId = $case_id;
            let head: Option<Option<String>> = sqlx::query($dialect.audit_head)
                .bind(case_id)
                .fetch_optional(&mut *$tx)
                .await?
                .map(|row| row.try_get("audit_head"))
                .transpose()?;
            Ok::<String, StoreError>(head.flatten().unwrap_or_default())
        }
        .await
    };
}

/// Copies a case's draft as it now stands into `draft_revisions`, under its revision.
macro_rules! keep_revision {
    ($tx:ident, $case_id:expr, $actor:expr) => {
        sqlx::query(
            "INSERT INTO draft_revisions (case_id, revision, content, actor, at) \
             SELECT case_id, revision, content, ?, ? FROM drafts WHERE case_id = ?",
        )
        .bind($actor)
        .bind($crate::domain::now_ms())
        .bind($case_id)
        .execute(&mut *$tx)
        .await
    };
}

/// Appends one audit event to its case's hash chain, in a write transaction (after
/// `prev`, the head, when the caller knows it: a case created in this transaction has
/// none). Evaluates to `Result<(), StoreError>`.
macro_rules! insert_audit {
    ($tx:ident, $dialect:expr, $event:expr) => {
        async {
            let event: &AuditEvent = $event;
            let prev = audit_head!($tx, $dialect, event.case_id)?;
            insert_audit!($tx, $dialect, event, after prev)
        }
        .await
    };
    ($tx:ident, $dialect:expr, $event:expr, after $prev:expr) => {
        async {
            let event: &AuditEvent = $event;
            let prev: String = $prev;
            let hash = $crate::store::audit::event_hash(&prev, event);
            sqlx::query(
                "INSERT INTO audit_events (case_id, job_id, actor, at, action, field, old_value, \
                 new_value, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(event.case_id)
            .bind(event.job_id)
            .bind(&event.actor)
            .bind(event.at)
            .bind(&event.action)
            .bind(&event.field)
            .bind(&event.old_value)
            .bind(&event.new_value)
            .bind(&prev)
            .bind(&hash)
            .execute(&mut *$tx)
            .await?;
            sqlx::query("UPDATE cases SET audit_head = ? WHERE id = ?")
                .bind(&hash)
                .bind(event.case_id)
                .execute(&mut *$tx)
                .await?;
            Ok::<(), StoreError>(())
        }
        .await
    };
}

/// Reads a `jobs` row into a [`Job`].
macro_rules! job_from_row {
    ($row:expr) => {{
        let row = $row;
        let error: Option<String> = row.try_get("error")?;
        let step: Option<String> = row.try_get("step")?;
        Job {
            id: row.try_get("id")?,
            case_id: row.try_get("case_id")?,
            state: JobState::from_str(&row.try_get::<String, _>("state")?)?,
            step: step.as_deref().map(Step::from_str).transpose()?,
            priority: Priority::from_i64(row.try_get("priority")?),
            attempts: row.try_get("attempts")?,
            error: error.as_deref().map(serde_json::from_str).transpose()?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        }
    }};
}

const JOB_COLUMNS: &str =
    "id, case_id, state, step, priority, attempts, error, created_at, updated_at";

/// The states a worker owns; a crashed worker leaves jobs in one of these.
const RUNNING_STATES: &str = "('transcribing', 'ocr', 'extracting', 'legal_sections', 'drafting')";

pub(crate) mod audit;
mod queue;
mod users;
pub use queue::{Claim, Claimed, Orphans};
pub use users::UserRow;

trait InsertId {
    fn insert_id(&self) -> i64;
}

impl InsertId for SqliteQueryResult {
    fn insert_id(&self) -> i64 {
        self.last_insert_rowid()
    }
}

impl InsertId for MySqlQueryResult {
    fn insert_id(&self) -> i64 {
        // AUTO_INCREMENT BIGINT ids stay far below i64::MAX.
        self.last_insert_id() as i64
    }
}

/// A stored case.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseRecord {
    /// Row id.
    pub id: CaseId,
    /// Police station code.
    pub station_code: String,
    /// Language given at submission.
    pub language: String,
    /// Who submitted it.
    pub submitted_by: String,
    /// When.
    pub created_at: Millis,
}

/// What kind of record a finalized case is, each with its own number series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// First Information Report (cognizable offence).
    Fir,
    /// Non-cognizable report.
    Ncr,
}

impl RecordKind {
    /// Stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Fir => "fir",
            RecordKind::Ncr => "ncr",
        }
    }
}

/// A finalized, sealed record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FinalRecord {
    /// The case.
    pub case_id: CaseId,
    /// Station code.
    pub station_code: String,
    /// Year of registration.
    pub year: i32,
    /// FIR or NCR.
    pub kind: RecordKind,
    /// Sequence number within (station, year, kind).
    pub number: i64,
    /// The number as printed, e.g. `0042/2026`.
    pub display_number: String,
    /// The frozen content.
    pub content: serde_json::Value,
    /// SHA-256 of the canonical content.
    pub seal: String,
    /// Who finalized it.
    pub finalized_by: String,
    /// When.
    pub finalized_at: Millis,
    /// The station key's Ed25519 signature (hex) over [`crate::evidence::record_payload`];
    /// None on records sealed before signing existed.
    #[serde(default)]
    pub signature: Option<String>,
    /// The id of the key that signed it.
    #[serde(default)]
    pub key_id: Option<String>,
    /// The head of the case's audit chain when it was finalised (signed with it).
    #[serde(default)]
    pub audit_head: Option<String>,
}

/// What a finalisation seals with: the record's series and year, who finalises, the
/// station's key, and the draft revision that was reviewed.
#[derive(Debug, Clone, Copy)]
pub struct Sealing<'a> {
    /// FIR or NCR series.
    pub kind: RecordKind,
    /// Year of registration.
    pub year: i32,
    /// Who finalises (recorded and signed).
    pub actor: &'a str,
    /// The station's key.
    pub signer: &'a crate::signing::Signer,
    /// The draft revision that was reviewed; a newer draft is refused.
    pub revision: i64,
}

/// A correction to a finalized record: its own sealed record, linked by the seal of the
/// record it corrects.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Supplement {
    /// Row id.
    pub id: i64,
    /// The case.
    pub case_id: CaseId,
    /// The seal of the finalized record it supplements.
    pub record_seal: String,
    /// What it says (the correction and its reason).
    pub content: serde_json::Value,
    /// SHA-256 of its canonical content.
    pub seal: String,
    /// Who made it.
    pub created_by: String,
    /// When.
    pub created_at: Millis,
    /// The station key's signature (hex) over the canonical content, which names the
    /// record, the correction, who made it and when; None before signing existed.
    #[serde(default)]
    pub signature: Option<String>,
    /// The id of the key that signed it.
    #[serde(default)]
    pub key_id: Option<String>,
}

/// How a finalized record is looked up.
enum RecordKey {
    Case(CaseId),
    Seal(String),
    Number(String, i32, RecordKind, i64),
}

/// Formats a record number the way it is printed: `0042/2026`.
pub fn display_number(number: i64, year: i32) -> String {
    format!("{number:04}/{year}")
}

/// Filters for [`Store::search_records`]; all optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RecordQuery {
    /// A record number, a name, a section or any words of the draft.
    pub text: Option<String>,
    /// Only jobs in this state.
    pub state: Option<JobState>,
    /// Submitted at or after (ms since the epoch).
    pub from_ms: Option<Millis>,
    /// Submitted before (ms since the epoch).
    pub to_ms: Option<Millis>,
    /// At most this many (default 200).
    pub limit: Option<i64>,
}

/// A record's number as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordNumber {
    /// FIR or NCR.
    pub kind: RecordKind,
    /// E.g. `0042/2026`.
    pub display: String,
}

/// One case found by [`Store::search_records`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordHit {
    /// The job.
    pub job: Job,
    /// Station code of the case.
    pub station_code: String,
    /// Language given at submission.
    pub language: String,
    /// The number, once finalized.
    pub record: Option<RecordNumber>,
    /// The current draft, once one was made.
    pub draft: Option<serde_json::Value>,
}

/// Escapes LIKE wildcards with `!` (the ESCAPE character in the queries).
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '!' | '%' | '_') {
            out.push('!');
        }
        out.push(c);
    }
    out
}

/// `42`, `0042` or `0042/2026` as (number, year).
fn parse_record_number(text: &str) -> Option<(i64, Option<i64>)> {
    let (number, year) = match text.split_once('/') {
        Some((n, y)) => (n, Some(y)),
        None => (text, None),
    };
    let number = number.trim().parse().ok()?;
    let year = match year {
        Some(y) => Some(y.trim().parse().ok()?),
        None => None,
    };
    Some((number, year))
}

/// The database behind AFIRGen. Cheap to clone (the pool is shared).
#[derive(Debug, Clone)]
pub struct Store {
    pool: DbPool,
    /// SQLite's writers, one at a time (see [`Store::write_turn`]); shared by clones.
    writer: Arc<tokio::sync::Mutex<()>>,
}

impl Store {
    /// Opens (and for SQLite, creates) the database at `url` with a pool of `pool_size`.
    pub async fn connect(url: &str, pool_size: u32) -> Result<Store, StoreError> {
        Store::connect_with_timeout(url, pool_size, DEFAULT_ACQUIRE_TIMEOUT).await
    }

    /// Like [`Store::connect`]; a MySQL query waits at most `acquire_timeout` for a
    /// connection (the pool keeps reconnecting meanwhile, so a database restart shorter
    /// than this goes unnoticed) before failing as [`StoreError::is_unavailable`].
    pub async fn connect_with_timeout(
        url: &str,
        pool_size: u32,
        acquire_timeout: Duration,
    ) -> Result<Store, StoreError> {
        let connect_err = |source| StoreError::Connect {
            url: crate::config::redact_url(url),
            source,
        };
        let pool = if url.starts_with("mysql:") {
            let options = MySqlConnectOptions::from_str(url).map_err(connect_err)?;
            // One direct connection first: an unreachable server fails in seconds with
            // the driver's own reason, instead of the pool retrying until its timeout.
            match tokio::time::timeout(Duration::from_secs(5), options.connect()).await {
                Ok(Ok(conn)) => conn.close().await.map_err(connect_err)?,
                Ok(Err(err)) => return Err(connect_err(err)),
                Err(_) => return Err(connect_err(sqlx::Error::PoolTimedOut)),
            }
            let pool = MySqlPoolOptions::new()
                .max_connections(pool_size)
                .acquire_timeout(acquire_timeout)
                .connect_lazy_with(options);
            DbPool::MySql(pool)
        } else {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(connect_err)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                // Writers queue on SQLite's single write lock; wait rather than fail.
                .busy_timeout(Duration::from_secs(60));
            if let Some(parent) = options.get_filename().parent() {
                if !parent.as_os_str().is_empty() {
                    private_dir(parent).map_err(|source| StoreError::DataDir {
                        path: parent.display().to_string(),
                        source,
                    })?;
                    check_writable(parent)?;
                }
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(pool_size)
                .acquire_timeout(Duration::from_secs(60))
                .connect_with(options)
                .await
                .map_err(connect_err)?;
            DbPool::Sqlite(pool)
        };
        Ok(Store {
            pool,
            writer: Arc::default(),
        })
    }

    /// Waits for this process's turn to write to SQLite (nothing on MySQL, which locks
    /// rows). SQLite has one write lock, and a writer that finds it taken sleeps in its
    /// busy handler for 1, 2, 5, 10... up to 100 ms between looks rather than being woken
    /// when it is free: with a dozen jobs finishing a model call together, those sleeps
    /// added tens of milliseconds to every job. Queued here instead, each writer starts
    /// as soon as the one before commits, in the order they came. Other processes on the
    /// same file still meet the busy handler.
    async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.pool {
            DbPool::Sqlite(_) => Some(self.writer.lock().await),
            DbPool::MySql(_) => None,
        }
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self.pool {
            DbPool::Sqlite(_) => Backend::Sqlite,
            DbPool::MySql(_) => Backend::MySql,
        }
    }

    /// Applies pending migrations from migrations/sqlite or migrations/mysql.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        // A schema already up to date is left alone without asking for the rights to
        // change it: a desk's MySQL account may not create or alter tables
        // (scripts/mysql-grants.sql), and needs none once the server has migrated.
        if self.migrated_to().await == Some(self.latest_migration()) {
            return Ok(());
        }
        match &self.pool {
            DbPool::Sqlite(pool) => migrator(SQLITE_MIGRATIONS).run(pool).await?,
            DbPool::MySql(pool) => migrator(MYSQL_MIGRATIONS).run(pool).await?,
        }
        Ok(())
    }

    /// The newest migration this build knows.
    fn latest_migration(&self) -> i64 {
        let embedded = match &self.pool {
            DbPool::Sqlite(_) => SQLITE_MIGRATIONS,
            DbPool::MySql(_) => MYSQL_MIGRATIONS,
        };
        embedded
            .iter()
            .map(|(version, _, _)| *version)
            .max()
            .unwrap_or(0)
    }

    /// The newest migration applied, with none failed or half-done; None when the
    /// database has no migration table yet or cannot say.
    async fn migrated_to(&self) -> Option<i64> {
        with_pool!(self, |pool, dialect| {
            let row = sqlx::query(
                "SELECT MAX(version) AS newest, MIN(CASE WHEN success THEN 1 ELSE 0 END) AS clean \
                 FROM _sqlx_migrations",
            )
            .fetch_one(pool)
            .await
            .ok()?;
            let clean: Option<i64> = row.try_get("clean").ok()?;
            if clean != Some(1) {
                return None;
            }
            row.try_get::<Option<i64>, _>("newest").ok()?
        })
    }

    /// Answers if the database does.
    pub async fn ping(&self) -> Result<(), StoreError> {
        with_pool!(self, |pool, dialect| {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        with_pool!(self, |pool, dialect| pool.close().await)
    }

    /// Persists a case, its inputs (content-addressed) and its job in one transaction.
    ///
    /// With `rejection`, the job is stored as failed with that error, so a complaint
    /// that cannot be processed is still kept and visible rather than lost.
    pub async fn submit_case(
        &self,
        case: &NewCase,
        rejection: Option<&JobError>,
    ) -> Result<(CaseId, JobId), StoreError> {
        let now = now_ms();
        let (state, error) = match rejection {
            Some(err) => (JobState::Failed, Some(serde_json::to_string(err)?)),
            None => (JobState::Queued, None),
        };
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let case_id = sqlx::query(
                "INSERT INTO cases (station_code, language, submitted_by, created_at) VALUES (?, ?, ?, ?)",
            )
            .bind(&case.station_code)
            .bind(&case.language)
            .bind(&case.submitted_by)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .insert_id();
            for (ordinal, input) in case.inputs.iter().enumerate() {
                let sha = hex::encode(Sha256::digest(&input.bytes));
                let fresh = sqlx::query(dialect.insert_ignore_blob)
                    .bind(&sha)
                    .bind(input.bytes.len() as i64)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                    == 1;
                if fresh {
                    for (seq, chunk) in input.bytes.chunks(CHUNK_BYTES).enumerate() {
                        sqlx::query("INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, ?, ?)")
                            .bind(&sha)
                            .bind(seq as i64)
                            .bind(chunk)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                sqlx::query(
                    "INSERT INTO inputs (case_id, ordinal, kind, sha256, size, display_name) \
                     VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(case_id)
                .bind(ordinal as i64)
                .bind(input.kind.as_str())
                .bind(&sha)
                .bind(input.bytes.len() as i64)
                .bind(&input.display_name)
                .execute(&mut *tx)
                .await?;
            }
            let job_id = sqlx::query(
                "INSERT INTO jobs (case_id, state, priority, attempts, error, created_at, updated_at) \
                 VALUES (?, ?, ?, 0, ?, ?, ?)",
            )
            .bind(case_id)
            .bind(state.as_str())
            .bind(case.priority.as_i64())
            .bind(&error)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .insert_id();
            let mut event =
                AuditEvent::new(case_id, Some(job_id), &case.submitted_by, "case.submitted");
            event.at = now;
            // The case was created above: its chain starts here, with no head to read.
            insert_audit!(tx, dialect, &event, after String::new())?;
            if let Some(err) = rejection {
                let mut event = AuditEvent::new(case_id, Some(job_id), "system", "job.rejected");
                event.new_value = Some(err.message.clone());
                insert_audit!(tx, dialect, &event)?;
            }
            tx.commit().await?;
            Ok((case_id, job_id))
        })
    }

    /// The case's row.
    pub async fn get_case(&self, case_id: CaseId) -> Result<CaseRecord, StoreError> {
        with_pool!(self, |pool, dialect| {
            let row = sqlx::query(
                "SELECT id, station_code, language, submitted_by, created_at FROM cases WHERE id = ?",
            )
            .bind(case_id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound { what: "case", id: case_id })?;
            Ok(CaseRecord {
                id: row.try_get("id")?,
                station_code: row.try_get("station_code")?,
                language: row.try_get("language")?,
                submitted_by: row.try_get("submitted_by")?,
                created_at: row.try_get("created_at")?,
            })
        })
    }

    /// The case's inputs, in order.
    pub async fn case_inputs(&self, case_id: CaseId) -> Result<Vec<InputRecord>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT id, case_id, ordinal, kind, sha256, size, display_name FROM inputs \
                 WHERE case_id = ? ORDER BY ordinal",
            )
            .bind(case_id)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| {
                    Ok(InputRecord {
                        id: row.try_get("id")?,
                        case_id: row.try_get("case_id")?,
                        ordinal: row.try_get("ordinal")?,
                        kind: InputKind::from_str(&row.try_get::<String, _>("kind")?)?,
                        sha256: row.try_get("sha256")?,
                        size: row.try_get("size")?,
                        display_name: row.try_get("display_name")?,
                    })
                })
                .collect()
        })
    }

    /// The bytes stored under a SHA-256, checked against it.
    pub async fn blob(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let chunks: Vec<Vec<u8>> = with_pool!(self, |pool, dialect| {
            let rows = sqlx::query("SELECT data FROM blob_chunks WHERE sha256 = ? ORDER BY seq")
                .bind(sha256)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| row.try_get::<Vec<u8>, _>("data"))
                .collect::<Result<_, _>>()?
        });
        let bytes = chunks.concat();
        if hex::encode(Sha256::digest(&bytes)) != sha256 {
            return Err(StoreError::Corrupt(format!(
                "blob {sha256} does not match its hash"
            )));
        }
        Ok(bytes)
    }

    /// How many distinct blobs are stored (inputs are content-addressed).
    pub async fn count_blobs(&self) -> Result<i64, StoreError> {
        with_pool!(self, |pool, dialect| {
            Ok(sqlx::query("SELECT COUNT(*) AS n FROM blobs")
                .fetch_one(pool)
                .await?
                .try_get("n")?)
        })
    }

    /// One job.
    pub async fn get_job(&self, job_id: JobId) -> Result<Job, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?");
        with_pool!(self, |pool, dialect| {
            let row = sqlx::query(&sql)
                .bind(job_id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound {
                    what: "job",
                    id: job_id,
                })?;
            Ok(job_from_row!(&row))
        })
    }

    /// The latest job of a case, if it has one.
    pub async fn latest_job_of_case(&self, case_id: CaseId) -> Result<Option<Job>, StoreError> {
        let sql =
            format!("SELECT {JOB_COLUMNS} FROM jobs WHERE case_id = ? ORDER BY id DESC LIMIT 1");
        with_pool!(self, |pool, dialect| {
            let row = sqlx::query(&sql).bind(case_id).fetch_optional(pool).await?;
            Ok(match row {
                Some(row) => Some(job_from_row!(&row)),
                None => None,
            })
        })
    }

    /// The most recent jobs, newest first.
    pub async fn list_jobs(&self, limit: i64) -> Result<Vec<Job>, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs ORDER BY id DESC LIMIT ?");
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(&sql).bind(limit).fetch_all(pool).await?;
            let mut jobs = Vec::with_capacity(rows.len());
            for row in &rows {
                jobs.push(job_from_row!(row));
            }
            Ok(jobs)
        })
    }

    /// Cases matching `query`, newest first: each job with its case, current draft and
    /// final record (if any). The text matches a record number (`42`, `0042/2026`) or
    /// any words of the draft or the frozen record (names, sections, places). With a
    /// `station`, only that station's cases.
    pub async fn search_records(
        &self,
        query: &RecordQuery,
        station: Option<&str>,
    ) -> Result<Vec<RecordHit>, StoreError> {
        let text = query
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        // A number ("42", "0042/2026") finds that record and cases citing that section
        // ("303" finds 303 and 303(2)); other text matches any words of the draft.
        let number = text.and_then(parse_record_number);
        let (pattern, pattern_sub) = match (text, number) {
            (Some(t), Some(_)) => {
                let n = escape_like(
                    t.split('/')
                        .next()
                        .unwrap_or(t)
                        .trim()
                        .trim_start_matches('0'),
                );
                (
                    Some(format!("%\"section\":\"{n}\"%")),
                    Some(format!("%\"section\":\"{n}(%")),
                )
            }
            (Some(t), None) => {
                let p = format!("%{}%", escape_like(t));
                (Some(p.clone()), Some(p))
            }
            (None, _) => (None, None),
        };
        let state = query.state.map(JobState::as_str);
        let limit = query.limit.unwrap_or(200).clamp(1, 1000);
        let sql = "SELECT j.id, j.case_id, j.state, j.step, j.priority, j.attempts, j.error, \
                   j.created_at, j.updated_at, c.station_code, c.language, \
                   d.content AS draft, f.kind AS record_kind, f.fir_no, f.year \
                   FROM jobs j JOIN cases c ON c.id = j.case_id \
                   LEFT JOIN drafts d ON d.case_id = j.case_id \
                   LEFT JOIN fir_records f ON f.case_id = j.case_id \
                   WHERE (? IS NULL OR c.station_code = ?) AND (? IS NULL OR j.state = ?) \
                   AND (? IS NULL OR j.created_at >= ?) AND (? IS NULL OR j.created_at < ?) \
                   AND (? IS NULL OR d.content LIKE ? ESCAPE '!' OR d.content LIKE ? ESCAPE '!' \
                        OR (f.fir_no = ? AND (? IS NULL OR f.year = ?))) \
                   ORDER BY j.id DESC LIMIT ?";
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(sql)
                .bind(station)
                .bind(station)
                .bind(state)
                .bind(state)
                .bind(query.from_ms)
                .bind(query.from_ms)
                .bind(query.to_ms)
                .bind(query.to_ms)
                .bind(pattern.as_deref())
                .bind(pattern.as_deref())
                .bind(pattern_sub.as_deref())
                .bind(number.map(|(n, _)| n))
                .bind(number.and_then(|(_, y)| y))
                .bind(number.and_then(|(_, y)| y))
                .bind(limit)
                .fetch_all(pool)
                .await?;
            let mut hits = Vec::with_capacity(rows.len());
            for row in &rows {
                let draft: Option<String> = row.try_get("draft")?;
                let record_kind: Option<String> = row.try_get("record_kind")?;
                let record_number = match record_kind {
                    Some(kind) => {
                        let number: i64 = row.try_get("fir_no")?;
                        let year: i64 = row.try_get("year")?;
                        let year = i32::try_from(year)
                            .map_err(|_| StoreError::Corrupt(format!("year {year}")))?;
                        Some(RecordNumber {
                            kind: if kind == "ncr" {
                                RecordKind::Ncr
                            } else {
                                RecordKind::Fir
                            },
                            display: display_number(number, year),
                        })
                    }
                    None => None,
                };
                hits.push(RecordHit {
                    job: job_from_row!(row),
                    station_code: row.try_get("station_code")?,
                    language: row.try_get("language")?,
                    record: record_number,
                    draft: draft.as_deref().map(serde_json::from_str).transpose()?,
                });
            }
            Ok(hits)
        })
    }

    /// The number the next record of this kind will receive at `station` in `year`
    /// (unless another is registered first): for the confirmation a desk shows.
    pub async fn next_number(
        &self,
        station: &str,
        year: i32,
        kind: RecordKind,
    ) -> Result<i64, StoreError> {
        with_pool!(self, |pool, dialect| {
            let last: Option<i64> = sqlx::query(
                "SELECT last_no FROM fir_sequences WHERE station_code = ? AND year = ? AND kind = ?",
            )
            .bind(station)
            .bind(year)
            .bind(kind.as_str())
            .fetch_optional(pool)
            .await?
            .map(|row| row.try_get("last_no"))
            .transpose()?;
            Ok(last.unwrap_or(0) + 1)
        })
    }

    /// Jobs per state (of `station`'s cases, when given).
    pub async fn count_jobs_by_state(
        &self,
        station: Option<&str>,
    ) -> Result<HashMap<JobState, i64>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT j.state, COUNT(*) AS n FROM jobs j JOIN cases c ON c.id = j.case_id \
                 WHERE (? IS NULL OR c.station_code = ?) GROUP BY j.state",
            )
            .bind(station)
            .bind(station)
            .fetch_all(pool)
            .await?;
            let mut counts = HashMap::new();
            for row in &rows {
                let state = JobState::from_str(&row.try_get::<String, _>("state")?)?;
                counts.insert(state, row.try_get::<i64, _>("n")?);
            }
            Ok(counts)
        })
    }

    /// The current draft of a case, if one was made.
    pub async fn draft(&self, case_id: CaseId) -> Result<Option<serde_json::Value>, StoreError> {
        let text: Option<String> = with_pool!(self, |pool, dialect| {
            let row = sqlx::query("SELECT content FROM drafts WHERE case_id = ?")
                .bind(case_id)
                .fetch_optional(pool)
                .await?;
            match row {
                Some(row) => Some(row.try_get("content")?),
                None => None,
            }
        });
        Ok(text.as_deref().map(serde_json::from_str).transpose()?)
    }

    /// Finalizes a case in one transaction: allocates the next number of
    /// (station, year, kind), lets `freeze` build the content with that number, seals it,
    /// stores the record, marks the job finalized and audits it.
    ///
    /// Numbers are gap-free: a transaction that fails rolls its increment back.
    pub async fn finalize(
        &self,
        job_id: JobId,
        sealing: &Sealing<'_>,
        freeze: impl Fn(i64) -> Result<serde_json::Value, StoreError>,
    ) -> Result<FinalRecord, StoreError> {
        let job = self.get_job(job_id).await?;
        let case = self.get_case(job.case_id).await?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.finalize_once(&job, &case, sealing, &freeze).await {
                Err(StoreError::DraftChanged {
                    case_id,
                    seen,
                    current,
                    ..
                }) => {
                    let changes = match (
                        self.draft_at(case_id, seen).await?,
                        self.draft_at(case_id, current).await?,
                    ) {
                        (Some(before), Some(now)) => crate::fir::draft_differences(&before, &now),
                        _ => vec!["an earlier revision is not kept to compare".to_owned()],
                    };
                    return Err(StoreError::DraftChanged {
                        case_id,
                        seen,
                        current,
                        changes,
                    });
                }
                // InnoDB may pick this transaction as a deadlock victim under heavy
                // concurrent numbering; it rolled back, so trying again is safe.
                Err(StoreError::Db(err)) if attempt < 20 && is_lock_conflict(&err) => {
                    tokio::time::sleep(Duration::from_millis(fastrand::u64(5..50))).await;
                }
                other => return other,
            }
        }
    }

    async fn finalize_once(
        &self,
        job: &Job,
        case: &CaseRecord,
        sealing: &Sealing<'_>,
        freeze: &impl Fn(i64) -> Result<serde_json::Value, StoreError>,
    ) -> Result<FinalRecord, StoreError> {
        let Sealing {
            kind,
            year,
            actor,
            signer,
            revision,
        } = *sealing;
        let now = now_ms();
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            // Claim the job first: this write takes SQLite's lock before any read, and
            // refuses a second finalisation of the same case.
            let claimed = sqlx::query(
                "UPDATE jobs SET state = 'finalized', updated_at = ? WHERE id = ? AND state = 'awaiting_review'",
            )
            .bind(now)
            .bind(job.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed != 1 {
                let state: String = sqlx::query("SELECT state FROM jobs WHERE id = ?")
                    .bind(job.id)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("state")?;
                return Err(StoreError::Conflict(format!(
                    "job {} is {state}; only a draft awaiting review can be finalized",
                    job.id
                )));
            }
            // What is sealed is the revision the officer reviewed, or nothing.
            let current: Option<i64> = sqlx::query(dialect.draft_revision)
                .bind(case.id)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| row.try_get("revision"))
                .transpose()?;
            let current = current.ok_or_else(|| {
                StoreError::Conflict(format!("case {} has no draft to finalize", case.id))
            })?;
            if current != revision {
                return Err(StoreError::DraftChanged {
                    case_id: case.id,
                    seen: revision,
                    current,
                    changes: Vec::new(),
                });
            }
            sqlx::query(dialect.bump_sequence)
                .bind(&case.station_code)
                .bind(year)
                .bind(kind.as_str())
                .execute(&mut *tx)
                .await?;
            let number: i64 = sqlx::query(
                "SELECT last_no FROM fir_sequences WHERE station_code = ? AND year = ? AND kind = ?",
            )
            .bind(&case.station_code)
            .bind(year)
            .bind(kind.as_str())
            .fetch_one(&mut *tx)
            .await?
            .try_get("last_no")?;
            let content = freeze(number)?;
            // Signed with the audit chain's head as it stands, so a trail rewritten
            // afterwards no longer matches the record.
            let head = audit_head!(tx, dialect, case.id)?;
            let mut record = FinalRecord {
                case_id: case.id,
                station_code: case.station_code.clone(),
                year,
                kind,
                number,
                display_number: display_number(number, year),
                content,
                seal: String::new(),
                finalized_by: actor.to_owned(),
                finalized_at: now,
                signature: None,
                key_id: Some(signer.key_id().to_owned()),
                audit_head: Some(head),
            };
            let payload = crate::evidence::record_payload(&record)?;
            record.seal = crate::evidence::sha256_hex(&payload);
            record.signature = Some(signer.sign(&payload));
            sqlx::query(
                "INSERT INTO fir_records (case_id, station_code, year, kind, fir_no, content, seal, status, \
                 finalized_by, finalized_at, signature, key_id, audit_head) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, 'finalized', ?, ?, ?, ?, ?)",
            )
            .bind(case.id)
            .bind(&case.station_code)
            .bind(year)
            .bind(kind.as_str())
            .bind(number)
            .bind(serde_json::to_string(&record.content)?)
            .bind(&record.seal)
            .bind(actor)
            .bind(now)
            .bind(&record.signature)
            .bind(&record.key_id)
            .bind(&record.audit_head)
            .execute(&mut *tx)
            .await?;
            let mut event = AuditEvent::new(case.id, Some(job.id), actor, "fir.finalized");
            event.at = now;
            event.new_value = Some(format!(
                "{} {}",
                kind.as_str(),
                display_number(number, year)
            ));
            insert_audit!(tx, dialect, &event)?;
            tx.commit().await?;
            Ok(record)
        })
    }

    /// The current draft of a case with the paths of the fields an officer edited.
    pub async fn draft_with_edits(
        &self,
        case_id: CaseId,
    ) -> Result<Option<(serde_json::Value, Vec<String>)>, StoreError> {
        Ok(self
            .draft_revision(case_id)
            .await?
            .map(|(content, edited, _)| (content, edited)))
    }

    /// The current draft of a case, the paths of the fields an officer edited, and its
    /// revision (1 for the first draft, one more for every change since).
    pub async fn draft_revision(
        &self,
        case_id: CaseId,
    ) -> Result<Option<(serde_json::Value, Vec<String>, i64)>, StoreError> {
        let row: Option<(String, Option<String>, i64)> = with_pool!(self, |pool, dialect| {
            let row = sqlx::query(
                "SELECT content, edited_fields, revision FROM drafts WHERE case_id = ?",
            )
            .bind(case_id)
            .fetch_optional(pool)
            .await?;
            match row {
                Some(row) => Some((
                    row.try_get("content")?,
                    row.try_get("edited_fields")?,
                    row.try_get("revision")?,
                )),
                None => None,
            }
        });
        let Some((content, edited, revision)) = row else {
            return Ok(None);
        };
        let edited: Vec<String> = match edited.as_deref() {
            Some(text) if !text.is_empty() => serde_json::from_str(text)?,
            _ => Vec::new(),
        };
        Ok(Some((serde_json::from_str(&content)?, edited, revision)))
    }

    /// A past revision of a case's draft, if kept.
    pub async fn draft_at(
        &self,
        case_id: CaseId,
        revision: i64,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        let text: Option<String> = with_pool!(self, |pool, dialect| {
            sqlx::query("SELECT content FROM draft_revisions WHERE case_id = ? AND revision = ?")
                .bind(case_id)
                .bind(revision)
                .fetch_optional(pool)
                .await?
                .map(|row| row.try_get("content"))
                .transpose()?
        });
        Ok(text.as_deref().map(serde_json::from_str).transpose()?)
    }

    /// Saves an officer's change to a draft and its audit events in one transaction,
    /// refusing if the case was finalized meanwhile.
    pub async fn save_reviewed_draft(
        &self,
        case_id: CaseId,
        content: &serde_json::Value,
        edited_fields: &[String],
        events: &[AuditEvent],
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(content)?;
        let edited = serde_json::to_string(edited_fields)?;
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let changed = sqlx::query(
                "UPDATE drafts SET content = ?, edited_fields = ?, updated_at = ?, revision = revision + 1 \
                 WHERE case_id = ? \
                 AND NOT EXISTS (SELECT 1 FROM fir_records WHERE fir_records.case_id = drafts.case_id)",
            )
            .bind(&text)
            .bind(&edited)
            .bind(now_ms())
            .bind(case_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed != 1 {
                return Err(StoreError::Conflict(format!(
                    "case {case_id} has no open draft (it is finalized, or was never drafted); a finalized record is read-only"
                )));
            }
            let actor = events.first().map_or("officer", |e| e.actor.as_str());
            keep_revision!(tx, case_id, actor)?;
            for event in events {
                insert_audit!(tx, dialect, event)?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The finalized record of a case, if any.
    pub async fn final_record(&self, case_id: CaseId) -> Result<Option<FinalRecord>, StoreError> {
        self.final_record_where("case_id = ?", RecordKey::Case(case_id))
            .await
    }

    /// The record with this seal, if any.
    pub async fn final_record_by_seal(
        &self,
        seal: &str,
    ) -> Result<Option<FinalRecord>, StoreError> {
        self.final_record_where("seal = ?", RecordKey::Seal(seal.to_owned()))
            .await
    }

    /// The record numbered `number` in (station, year, kind), if any.
    pub async fn final_record_by_number(
        &self,
        station_code: &str,
        year: i32,
        kind: RecordKind,
        number: i64,
    ) -> Result<Option<FinalRecord>, StoreError> {
        self.final_record_where(
            "station_code = ? AND year = ? AND kind = ? AND fir_no = ?",
            RecordKey::Number(station_code.to_owned(), year, kind, number),
        )
        .await
    }

    async fn final_record_where(
        &self,
        condition: &str,
        key: RecordKey,
    ) -> Result<Option<FinalRecord>, StoreError> {
        let sql = format!(
            "SELECT case_id, station_code, year, kind, fir_no, content, seal, finalized_by, finalized_at, \
             signature, key_id, audit_head FROM fir_records WHERE {condition}"
        );
        with_pool!(self, |pool, dialect| {
            let query = sqlx::query(&sql);
            let query = match &key {
                RecordKey::Case(id) => query.bind(*id),
                RecordKey::Seal(seal) => query.bind(seal.clone()),
                RecordKey::Number(station, year, kind, number) => query
                    .bind(station.clone())
                    .bind(*year)
                    .bind(kind.as_str())
                    .bind(*number),
            };
            let row = query.fetch_optional(pool).await?;
            let Some(row) = row else { return Ok(None) };
            let year: i64 = row.try_get("year")?;
            let year =
                i32::try_from(year).map_err(|_| StoreError::Corrupt(format!("year {year}")))?;
            let number: i64 = row.try_get("fir_no")?;
            let kind = match row.try_get::<String, _>("kind")?.as_str() {
                "fir" => RecordKind::Fir,
                "ncr" => RecordKind::Ncr,
                other => return Err(StoreError::Corrupt(format!("record kind {other:?}"))),
            };
            Ok(Some(FinalRecord {
                case_id: row.try_get("case_id")?,
                station_code: row.try_get("station_code")?,
                year,
                kind,
                number,
                display_number: display_number(number, year),
                content: serde_json::from_str(&row.try_get::<String, _>("content")?)?,
                seal: row.try_get("seal")?,
                finalized_by: row.try_get("finalized_by")?,
                finalized_at: row.try_get("finalized_at")?,
                signature: row.try_get("signature")?,
                key_id: row.try_get("key_id")?,
                audit_head: row.try_get("audit_head")?,
            }))
        })
    }

    /// Adds or replaces a station's catalogue entries, all in one transaction.
    pub async fn import_legal_entries(
        &self,
        entries: &[crate::legal::Entry],
        actor: &str,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            for entry in entries {
                let citation = entry.citation();
                sqlx::query("DELETE FROM legal_entries WHERE citation = ?")
                    .bind(&citation)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO legal_entries (citation, entry, imported_by, imported_at) VALUES (?, ?, ?, ?)",
                )
                .bind(&citation)
                .bind(serde_json::to_string(entry)?)
                .bind(actor)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The station's own catalogue entries.
    pub async fn legal_entries(&self) -> Result<Vec<crate::legal::Entry>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query("SELECT entry FROM legal_entries ORDER BY citation")
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| Ok(serde_json::from_str(&row.try_get::<String, _>("entry")?)?))
                .collect()
        })
    }

    /// Adds a sealed supplementary record linked to a finalized one, with its audit event.
    pub async fn add_supplement(
        &self,
        record: &FinalRecord,
        content: &serde_json::Value,
        actor: &str,
        signer: &crate::signing::Signer,
    ) -> Result<Supplement, StoreError> {
        let seal = crate::fir::seal(content)?;
        let signature = signer.sign(&crate::fir::canonical_json(content));
        let now = now_ms();
        let text = serde_json::to_string(content)?;
        let id = with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let id = sqlx::query(
                "INSERT INTO supplements (case_id, record_seal, content, seal, created_by, created_at, \
                 signature, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(record.case_id)
            .bind(&record.seal)
            .bind(&text)
            .bind(&seal)
            .bind(actor)
            .bind(now)
            .bind(&signature)
            .bind(signer.key_id())
            .execute(&mut *tx)
            .await?
            .insert_id();
            let mut event = AuditEvent::new(record.case_id, None, actor, "fir.supplemented");
            event.at = now;
            event.new_value = Some(format!(
                "supplement {id} to {} {}",
                record.kind.as_str(),
                record.display_number
            ));
            insert_audit!(tx, dialect, &event)?;
            tx.commit().await?;
            id
        });
        Ok(Supplement {
            id,
            case_id: record.case_id,
            record_seal: record.seal.clone(),
            content: content.clone(),
            seal,
            created_by: actor.to_owned(),
            created_at: now,
            signature: Some(signature),
            key_id: Some(signer.key_id().to_owned()),
        })
    }

    /// The supplementary records of a case, oldest first.
    pub async fn supplements(&self, case_id: CaseId) -> Result<Vec<Supplement>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT id, case_id, record_seal, content, seal, created_by, created_at, signature, \
                 key_id FROM supplements WHERE case_id = ? ORDER BY id",
            )
            .bind(case_id)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| {
                    Ok(Supplement {
                        id: row.try_get("id")?,
                        case_id: row.try_get("case_id")?,
                        record_seal: row.try_get("record_seal")?,
                        content: serde_json::from_str(&row.try_get::<String, _>("content")?)?,
                        seal: row.try_get("seal")?,
                        created_by: row.try_get("created_by")?,
                        created_at: row.try_get("created_at")?,
                        signature: row.try_get("signature")?,
                        key_id: row.try_get("key_id")?,
                    })
                })
                .collect()
        })
    }
}

/// True for errors that mean "another transaction won, try again" (InnoDB deadlock
/// victim or lock wait timeout).
fn is_lock_conflict(err: &sqlx::Error) -> bool {
    match err {
        // MySQL/MariaDB: ER_LOCK_DEADLOCK (1213), ER_LOCK_WAIT_TIMEOUT (1205).
        sqlx::Error::Database(db) => db
            .try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
            .is_some_and(|e| matches!(e.number(), 1213 | 1205)),
        _ => false,
    }
}

impl Store {
    /// Jobs that became ready for review since `since`: (created, ready) times, newest
    /// first, at most `limit`.
    pub async fn ready_times_since(
        &self,
        since: Millis,
        limit: i64,
    ) -> Result<Vec<(Millis, Millis)>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT created_at, ready_at FROM jobs WHERE ready_at >= ? ORDER BY ready_at DESC LIMIT ?",
            )
            .bind(since)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| Ok((row.try_get("created_at")?, row.try_get("ready_at")?)))
                .collect()
        })
    }
}

/// Migrations embedded in the binary: (version, description, SQL).
type Embedded = &'static [(i64, &'static str, &'static str)];

const SQLITE_MIGRATIONS: Embedded = &[
    (
        1,
        "init",
        include_str!("../../../../migrations/sqlite/0001_init.sql"),
    ),
    (
        2,
        "legal entries",
        include_str!("../../../../migrations/sqlite/0002_legal_entries.sql"),
    ),
    (
        3,
        "draft edits",
        include_str!("../../../../migrations/sqlite/0003_draft_edits.sql"),
    ),
    (
        4,
        "supplements",
        include_str!("../../../../migrations/sqlite/0004_supplements.sql"),
    ),
    (
        5,
        "keys and ready",
        include_str!("../../../../migrations/sqlite/0005_keys_and_ready.sql"),
    ),
    (
        6,
        "step output claims",
        include_str!("../../../../migrations/sqlite/0006_step_output_claims.sql"),
    ),
    (
        7,
        "job interruptions",
        include_str!("../../../../migrations/sqlite/0007_job_interruptions.sql"),
    ),
    (
        8,
        "evidence",
        include_str!("../../../../migrations/sqlite/0008_evidence.sql"),
    ),
    (
        9,
        "user station",
        include_str!("../../../../migrations/sqlite/0009_user_station.sql"),
    ),
];

const MYSQL_MIGRATIONS: Embedded = &[
    (
        1,
        "init",
        include_str!("../../../../migrations/mysql/0001_init.sql"),
    ),
    (
        2,
        "legal entries",
        include_str!("../../../../migrations/mysql/0002_legal_entries.sql"),
    ),
    (
        3,
        "draft edits",
        include_str!("../../../../migrations/mysql/0003_draft_edits.sql"),
    ),
    (
        4,
        "supplements",
        include_str!("../../../../migrations/mysql/0004_supplements.sql"),
    ),
    (
        5,
        "keys and ready",
        include_str!("../../../../migrations/mysql/0005_keys_and_ready.sql"),
    ),
    (
        6,
        "step output claims",
        include_str!("../../../../migrations/mysql/0006_step_output_claims.sql"),
    ),
    (
        7,
        "job interruptions",
        include_str!("../../../../migrations/mysql/0007_job_interruptions.sql"),
    ),
    (
        8,
        "evidence",
        include_str!("../../../../migrations/mysql/0008_evidence.sql"),
    ),
    (
        9,
        "user station",
        include_str!("../../../../migrations/mysql/0009_user_station.sql"),
    ),
];

fn migrator(embedded: Embedded) -> sqlx::migrate::Migrator {
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    let migrations: Vec<Migration> = embedded
        .iter()
        .map(|(version, description, sql)| {
            Migration::new(
                *version,
                Cow::Borrowed(*description),
                MigrationType::Simple,
                Cow::Borrowed(*sql),
                false,
            )
        })
        .collect();
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

/// Creates `path` and its missing parents; those it creates are readable by this user
/// alone (the database holds complaints). An existing folder keeps its permissions.
/// Room the data folder must have at start: a few complaints and SQLite's journal.
const START_ROOM_BYTES: usize = 256 * 1024;

/// Writes (and removes) a probe file, so that a read-only or full data folder is a
/// clear error at start instead of a failed complaint later.
fn check_writable(dir: &std::path::Path) -> Result<(), StoreError> {
    use std::io::Write;
    let probe = dir.join(format!(".afirgen-write-check-{}", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)
        .and_then(|mut file| {
            file.write_all(&vec![0u8; START_ROOM_BYTES])?;
            file.sync_all()
        });
    let _ = std::fs::remove_file(&probe);
    let Err(err) = written else {
        return Ok(());
    };
    let (problem, advice) = match err.kind() {
        std::io::ErrorKind::ReadOnlyFilesystem => (
            "is on a read-only file system".to_owned(),
            "Remount it read-write, or set AFIRGEN_DATA_DIR to a writable folder",
        ),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => (
            format!("has no room left ({err})"),
            "Free some space on that disk (complaints already stored are safe), or set AFIRGEN_DATA_DIR to a folder on another disk",
        ),
        std::io::ErrorKind::PermissionDenied => (
            format!("cannot be written by this user ({err})"),
            "Give this user write access to it, or set AFIRGEN_DATA_DIR to a folder it owns",
        ),
        _ => (
            format!("cannot be written ({err})"),
            "Check the disk, or set AFIRGEN_DATA_DIR to a writable folder",
        ),
    };
    Err(StoreError::DataDirUnusable {
        path: dir.display().to_string(),
        problem,
        advice,
    })
}

fn private_dir(path: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    #[tokio::test]
    async fn a_new_data_folder_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("station").join("data");
        let url = format!("sqlite://{}", data.join("afirgen.db").display());
        super::Store::connect(&url, 1).await.unwrap();
        for folder in [&data, &dir.path().join("station")] {
            let mode = std::fs::metadata(folder).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", folder.display());
        }
    }
}
