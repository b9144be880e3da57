//! Persistence behind one interface, two backends: SQLite (embedded default) and
//! MySQL/MariaDB (station server). See docs/architecture.md, section 5.
//!
//! Every method is written once; `with_pool!` instantiates its body for each backend's
//! concrete pool type, so the SQL is shared where the dialects agree and a [`Dialect`]
//! supplies the few statements where they differ.
//!
//! One file per aggregate, each its own `impl Store`: `cases` (cases, inputs, blobs),
//! `jobs` (reading jobs), `queue` (claims, leases and a run's writes), `drafts`,
//! `records` (numbering, finalisation, supplements), `search`, `catalogue`, `users`
//! and `audit`. This file holds the connection, the dialects, the macros they share,
//! the write turn and the migrations.

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

pub use crate::config::DEFAULT_ACQUIRE_TIMEOUT;

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
    /// Counts a station's active users (and those of no station yet), locking what it
    /// read until commit on MySQL (so two first starts cannot both create the first user).
    count_active_users: &'static str,
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
    count_active_users: "SELECT COUNT(*) FROM users WHERE revoked_at IS NULL \
                         AND (station_code = ? OR station_code IS NULL)",
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
    count_active_users: "SELECT COUNT(*) FROM users WHERE revoked_at IS NULL \
                         AND (station_code = ? OR station_code IS NULL) FOR UPDATE",
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
mod cases;
mod catalogue;
mod drafts;
mod jobs;
mod queue;
mod records;
mod search;
mod sessions;
mod users;
pub use cases::CaseRecord;
pub use queue::{Claim, Claimed, Orphans};
pub use records::{display_number, FinalRecord, RecordKind, Sealing, Supplement};
pub use search::{RecordHit, RecordNumber, RecordQuery};
pub use users::{Credential, UserRow};

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
            DbPool::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            DbPool::MySql(pool) => MYSQL_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// The newest migration this build knows.
    fn latest_migration(&self) -> i64 {
        let migrator = match &self.pool {
            DbPool::Sqlite(_) => &SQLITE_MIGRATIONS,
            DbPool::MySql(_) => &MYSQL_MIGRATIONS,
        };
        migrator.iter().map(|m| m.version).max().unwrap_or(0)
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
}

/// Runs a transaction (`run`) again while InnoDB rolls it back as the loser of a lock
/// conflict — rolled back, so trying again is safe — at most `tries` times in all, each
/// after a short random pause so that the two sides do not meet again.
async fn retrying_lock_conflicts<T, Fut>(
    tries: u32,
    mut run: impl FnMut() -> Fut,
) -> Result<T, StoreError>
where
    Fut: std::future::Future<Output = Result<T, StoreError>>,
{
    let mut attempt = 1;
    loop {
        match run().await {
            Err(err) if attempt < tries && err.is_lock_conflict() => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(fastrand::u64(5..50))).await;
            }
            other => return other,
        }
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

/// The schema's migrations, embedded from `migrations/sqlite` and `migrations/mysql` at
/// build time: adding a migration is adding a file to each folder.
static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
static MYSQL_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/mysql");

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

/// Creates `path` and its missing parents; those it creates are readable by this user
/// alone (the database holds complaints). An existing folder keeps its permissions.
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
