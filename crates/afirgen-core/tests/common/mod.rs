//! Test support: a fresh store per test on SQLite or MariaDB, and small builders.
#![allow(dead_code)]

pub mod lost_ack;

use afirgen_core::domain::{Job, JobId, NewCase, NewInput, Priority};
use afirgen_core::store::{Claim, Store};
use afirgen_core::{Config, Engine, Submitted};
use afirgen_mock::{MockConfig, MockServer};
use std::time::Duration;

/// Which backend a test runs on.
#[derive(Debug, Clone, Copy)]
pub enum Db {
    Sqlite,
    MySql,
}

/// A store on a database of its own, removed when dropped.
pub struct TestStore {
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    mysql_db: Option<(String, String)>,
}

impl TestStore {
    /// The backend it is on.
    pub fn db(&self) -> Db {
        if self.url.starts_with("sqlite") {
            Db::Sqlite
        } else {
            Db::MySql
        }
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.mysql_db.take() {
            // Drop the schema from a thread of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                runtime.block_on(async {
                    if let Ok(admin) = sqlx::MySqlPool::connect(&admin_url).await {
                        let drop = format!("DROP DATABASE IF EXISTS `{name}`");
                        let _ = sqlx::query(&drop).execute(&admin).await;
                    }
                });
            })
            .join();
        }
    }
}

/// The MariaDB server tests use (`AFIRGEN_TEST_MYSQL_URL`, default root@127.0.0.1:3306).
pub fn mysql_admin_url() -> String {
    std::env::var("AFIRGEN_TEST_MYSQL_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".to_owned())
}

/// A fresh, migrated store.
pub async fn fresh_store(db: Db) -> TestStore {
    match db {
        Db::Sqlite => {
            let dir = tempfile::tempdir().expect("tempdir");
            let url = format!("sqlite://{}", dir.path().join("afirgen.db").display());
            let store = Store::connect(&url, 15).await.expect("open sqlite");
            store.migrate().await.expect("migrate sqlite");
            TestStore {
                store,
                url,
                _dir: Some(dir),
                mysql_db: None,
            }
        }
        Db::MySql => {
            let admin_url = mysql_admin_url();
            let admin = sqlx::MySqlPool::connect(&admin_url).await.unwrap_or_else(|err| {
                panic!(
                    "MariaDB is not reachable at {admin_url}: {err}\n\
                     start it with `start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd` \
                     (scripts/test.sh does) or set AFIRGEN_TEST_MYSQL_URL"
                )
            });
            let name = format!("afirgen_t_{:016x}", fastrand::u64(..));
            let create = format!(
                "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            );
            sqlx::query(&create)
                .execute(&admin)
                .await
                .expect("create test database");
            admin.close().await;
            let base = admin_url
                .rsplit_once('/')
                .map(|(base, _)| base)
                .unwrap_or(&admin_url);
            let url = format!("{base}/{name}");
            let store = Store::connect(&url, 15).await.expect("open mysql");
            store.migrate().await.expect("migrate mysql");
            TestStore {
                store,
                url,
                _dir: None,
                mysql_db: Some((admin_url, name)),
            }
        }
    }
}

/// Claims the next queued job for `owner` (with a long lease); panics if none is queued.
pub async fn claim(t: &TestStore, owner: &str) -> Claim {
    claim_for(t, owner, Duration::from_secs(60)).await
}

/// Claims the next queued job for `owner` with the given lease.
pub async fn claim_for(t: &TestStore, owner: &str, lease: Duration) -> Claim {
    t.store
        .claim_next_job(owner, lease)
        .await
        .unwrap()
        .expect("a queued job")
        .claim
}

/// Rows of `sql` (one `?` for `job_id`), read straight from the test's database.
async fn job_rows<T>(t: &TestStore, sql: &str, job_id: JobId) -> Vec<T>
where
    T: Send + Unpin,
    for<'r> T:
        sqlx::FromRow<'r, sqlx::mysql::MySqlRow> + sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
{
    if t.url.starts_with("mysql:") {
        let pool = sqlx::MySqlPool::connect(&t.url).await.unwrap();
        let rows = sqlx::query_as(sql)
            .bind(job_id)
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        rows
    } else {
        let pool = sqlx::SqlitePool::connect(&t.url).await.unwrap();
        let rows = sqlx::query_as(sql)
            .bind(job_id)
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        rows
    }
}

/// Every stored output of a job as (step, version, claim that wrote it).
pub async fn step_rows(t: &TestStore, job_id: JobId) -> Vec<(String, i64, Option<i64>)> {
    job_rows(
        t,
        "SELECT step, version, run_attempt FROM step_outputs WHERE job_id = ? ORDER BY step, version",
        job_id,
    )
    .await
}

/// The raw model answers stored with a job's step outputs, as (step, answer).
pub async fn raw_answers(t: &TestStore, job_id: JobId) -> Vec<(String, Option<String>)> {
    job_rows(
        t,
        "SELECT step, raw_answer FROM step_outputs WHERE job_id = ? ORDER BY step",
        job_id,
    )
    .await
}

/// A one-input text case.
pub fn text_case(text: &str) -> NewCase {
    NewCase {
        station_code: "PS001".to_owned(),
        language: "auto".to_owned(),
        priority: Priority::Normal,
        submitted_by: "test".to_owned(),
        inputs: vec![NewInput::text(text)],
    }
}

/// A mock model server on a free port.
pub async fn mock(config: MockConfig) -> MockServer {
    MockServer::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .unwrap()
}

/// An engine over the test store.
pub fn engine(t: &TestStore, config: Config) -> Engine {
    let engine = Engine::with_store(config, t.store.clone()).unwrap();
    // As the station server does on its first start (a test of a computer without the
    // key has a keyring already, so nothing is made for it).
    let _ = engine.station_key();
    engine
}

/// Waits (at most a minute) for a submitted job to settle.
pub async fn settle(engine: &Engine, submitted: &Submitted) -> Job {
    tokio::time::timeout(
        Duration::from_secs(60),
        engine.wait_settled(submitted.job_id),
    )
    .await
    .expect("job settles within a minute")
    .unwrap()
}

/// Runs one typed statement through an engine whose models are a mock with `models`, and
/// returns the settled job (in review), its draft, and the mock (for its counters).
pub async fn draft_of(
    t: &TestStore,
    models: MockConfig,
    statement: &str,
) -> (Job, afirgen_core::fir::FirDraft, MockServer) {
    let server = mock(models).await;
    let engine = engine(t, test_config(&server.url()));
    let _dispatcher = engine.start();
    let submitted = engine.submit(text_case(statement)).await.unwrap();
    let job = settle(&engine, &submitted).await;
    assert_eq!(
        job.state,
        afirgen_core::domain::JobState::AwaitingReview,
        "{:?}",
        job.error
    );
    let draft = engine.draft(job.case_id).await.unwrap().unwrap();
    (job, draft, server)
}

/// A configuration for tests: the given LLM, quick retries.
pub fn test_config(llm_url: &str) -> Config {
    let mut config = Config::default();
    config.llm.urls = vec![llm_url.to_owned()];
    config.asr.urls = vec![llm_url.to_owned()];
    config.llm.max_in_flight_per_endpoint = 64;
    config.llm.timeout_secs = 10;
    config.retry.max_attempts = 3;
    config.retry.base_delay_ms = 20;
    config.retry.max_delay_ms = 100;
    config.breaker.open_ms = 200;
    config.data_dir = Some(test_data_dir());
    // The station's own details, as a station sets them once (item 1 and item 13).
    config.station.name = Some("Lal Bagh".into());
    config.station.district = Some("Central".into());
    config.station.state = Some("Delhi".into());
    config.station.officer_name = Some("R. Singh".into());
    config.station.officer_rank = Some("Inspector".into());
    config
}

/// A statement drafted on SQLite with the mock models: everything a test about the
/// draft holds on to while it runs.
pub struct Drafted {
    pub t: TestStore,
    pub server: MockServer,
    pub engine: Engine,
    pub dispatcher: afirgen_core::engine::Dispatcher,
    pub job: Job,
}

/// Submits `statement` and waits for its draft.
pub async fn drafted(statement: &str) -> Drafted {
    let t = fresh_store(Db::Sqlite).await;
    let server = mock(MockConfig::default()).await;
    let engine = engine(&t, test_config(&server.url()));
    let dispatcher = engine.start();
    let submitted = engine.submit(text_case(statement)).await.unwrap();
    let job = settle(&engine, &submitted).await;
    Drafted {
        t,
        server,
        engine,
        dispatcher,
        job,
    }
}

/// Edits that remove every one of a list's `count` rows (`accused.2`, `accused.1`, ...:
/// from the last, so positions do not move under the next).
pub fn remove_rows(list: &str, count: usize) -> Vec<afirgen_core::review::FieldEdit> {
    (0..count)
        .rev()
        .map(|row| afirgen_core::review::FieldEdit {
            path: format!("{list}.{row}"),
            value: serde_json::Value::Null,
        })
        .collect()
}

/// Fills in what the draft of `case_id` lacks for finalisation, as the officer would
/// on the form (a section, the date, the place, the complainant's name, item 13's
/// action), so a test about something else can finalise a statement that does not
/// say them all.
pub async fn complete(engine: &Engine, case_id: afirgen_core::domain::CaseId) {
    let draft = engine.draft(case_id).await.unwrap().expect("a draft");
    for item in afirgen_core::completeness::missing_items(&draft) {
        assert_ne!(item.path, "statement", "a test case without a statement");
    }
    engine.fill_stand_ins(case_id, "officer").await.unwrap();
}

/// A data folder for this test process (the station key is made there), never the
/// user's own.
pub fn test_data_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("afirgen-test-data-{}", std::process::id()))
}

/// The station house officer the tests finalise as.
pub fn sho() -> afirgen_core::auth::User {
    afirgen_core::auth::User {
        name: "sho".to_owned(),
        role: afirgen_core::auth::Role::Sho,
    }
}

/// The station key of this test process's data folder.
pub fn signer() -> afirgen_core::signing::Signer {
    let dir = afirgen_core::signing::Keys::dir_in(&test_data_dir());
    afirgen_core::signing::Keys::open_or_create(&dir)
        .and_then(|keys| keys.signer())
        .expect("test signing key")
}

/// Declares one async test per backend: `both!(name, |db| async { ... })`.
#[macro_export]
macro_rules! both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                ($body)($crate::common::Db::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn mysql() {
                ($body)($crate::common::Db::MySql).await
            }
        }
    };
}
