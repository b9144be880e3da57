//! Shared by the benchmarks: complaints, an engine on a fresh store against a model
//! server, timing helpers, and the `ROW` lines `scripts/bench.sh` gathers into the table.
#![allow(dead_code)]

use afirgen_core::domain::{JobState, NewCase, NewInput, Priority};
use afirgen_core::store::Store;
use afirgen_core::{Config, Engine};
use std::time::{Duration, Instant};

pub const STATEMENT: &str = "I travel to work by city bus number 42. This morning at about 9:15, when the bus was crowded near the Rajiv Chowk stop, somebody took my Samsung mobile phone from my trouser pocket. The phone is worth about 18,000 rupees.";

/// Complaint number `i` (each different, so nothing is shared between jobs).
pub fn case(i: usize) -> NewCase {
    NewCase {
        station_code: "PS001".into(),
        language: "en".into(),
        priority: Priority::Normal,
        submitted_by: "bench".into(),
        inputs: vec![NewInput::text(format!("{STATEMENT} (complaint {i})"))],
    }
}

/// The value after `name` on the command line.
pub fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// A fresh, migrated store: MariaDB at `mysql` (a database made for the run) or SQLite
/// in `dir`.
pub async fn store(dir: &std::path::Path, mysql: Option<&str>) -> Store {
    let url = match mysql {
        Some(admin) => {
            let admin_pool = sqlx::MySqlPool::connect(admin).await.expect("MariaDB");
            let name = format!("afirgen_bench_{}", std::process::id());
            sqlx::query(&format!("DROP DATABASE IF EXISTS `{name}`"))
                .execute(&admin_pool)
                .await
                .expect("drop");
            sqlx::query(&format!(
                "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            ))
            .execute(&admin_pool)
            .await
            .expect("create");
            admin_pool.close().await;
            format!("{}/{name}", admin.rsplit_once('/').expect("a URL").0)
        }
        None => format!("sqlite://{}", dir.join("bench.db").display()),
    };
    let store = Store::connect(&url, 15).await.expect("store");
    store.migrate().await.expect("migrate");
    store
}

/// Drops the database `store` made on MariaDB, if it did.
pub async fn drop_mysql(mysql: Option<&str>) {
    if let Some(admin) = mysql {
        let pool = sqlx::MySqlPool::connect(admin).await.expect("MariaDB");
        let name = format!("afirgen_bench_{}", std::process::id());
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS `{name}`"))
            .execute(&pool)
            .await;
    }
}

/// A configuration calling the LLM at `urls` with the seed's limits (15 jobs, 10 model
/// calls) and `per_endpoint` calls per server.
pub fn config(urls: Vec<String>, per_endpoint: usize) -> Config {
    let mut config = Config::default();
    config.llm.urls = urls;
    config.llm.max_in_flight_per_endpoint = per_endpoint;
    config.data_dir =
        Some(std::env::temp_dir().join(format!("afirgen-bench-data-{}", std::process::id())));
    config
}

/// Submits `jobs` complaints at once (numbered from `first`) and waits until all
/// await review; returns the wall time.
pub async fn run_at_once(engine: &Engine, first: usize, jobs: usize) -> Duration {
    let start = Instant::now();
    let mut ids = Vec::new();
    for i in first..first + jobs {
        ids.push(engine.submit(case(i)).await.expect("submit").job_id);
    }
    eprintln!(
        "  {jobs} submitted one after another in {:.3} s",
        start.elapsed().as_secs_f64()
    );
    for id in ids {
        let job = engine.wait_settled(id).await.expect("settle");
        assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    }
    start.elapsed()
}

/// CPU time (user + system) this process has used so far.
pub fn cpu_time() -> Duration {
    // Fields 14 and 15 of /proc/self/stat, in clock ticks of 1/100 s (USER_HZ).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<u64> = after_name
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // after_name starts at field 3 (state), so utime (14) and stime (15) are at 11, 12.
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// Prints a line for `scripts/bench.sh`: `ROW | benchmark | measured | ratio`.
pub fn row(benchmark: &str, measured: &str, ratio: &str) {
    println!("ROW | {benchmark} | {measured} | {ratio} |");
}

/// A multi-threaded runtime for a benchmark's `main`.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
}
