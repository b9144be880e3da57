//! Shared by the benchmarks: complaints, an engine on a fresh store against a model
//! server, timing helpers, and the `ROW` lines `scripts/bench.sh` gathers into the table.
#![allow(dead_code)]

use afirgen_core::domain::{JobId, JobState, NewCase, NewInput, Priority, Step};
use afirgen_core::pipeline::JobEvent;
use afirgen_core::store::Store;
use afirgen_core::{Config, Engine};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
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
/// await review; returns the wall time. Prints (stderr) where a job's time went on
/// average: waiting to start, each step, the hand-offs between steps, and the wait
/// from its last event until it was seen settled.
pub async fn run_at_once(engine: &Engine, first: usize, jobs: usize) -> Duration {
    let mut events = engine.subscribe();
    let seen: Arc<Mutex<Vec<(JobEvent, Instant)>>> = Arc::default();
    let collector = {
        let seen = Arc::clone(&seen);
        tokio::spawn(async move {
            while let Ok(event) = events.recv().await {
                seen.lock().expect("events").push((event, Instant::now()));
            }
        })
    };
    // The model gate's use, sampled every 5 ms (more often slows what it measures):
    // the share of its places busy.
    let busy: Arc<Mutex<(u64, u64)>> = Arc::default();
    let sampler = {
        let (engine, busy) = (engine.clone(), Arc::clone(&busy));
        tokio::spawn(async move {
            loop {
                let gates = engine.gates();
                {
                    let mut busy = busy.lock().expect("samples");
                    busy.0 += gates.model_calls_in_flight as u64;
                    busy.1 += gates.max_concurrent_model_calls as u64;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
    };
    let start = Instant::now();
    let mut ids = Vec::new();
    let mut submitted = HashMap::new();
    for i in first..first + jobs {
        let id = engine.submit(case(i)).await.expect("submit").job_id;
        submitted.insert(id, Instant::now());
        ids.push(id);
    }
    eprintln!(
        "  {jobs} submitted one after another in {:.3} s",
        start.elapsed().as_secs_f64()
    );
    let mut settled = HashMap::new();
    for id in ids {
        let job = engine.wait_settled(id).await.expect("settle");
        settled.insert(id, Instant::now());
        assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    }
    let wall = start.elapsed();
    collector.abort();
    sampler.abort();
    let seen = std::mem::take(&mut *seen.lock().expect("events"));
    eprintln!("  {}", phases(&seen, &submitted, &settled));
    let at = |pick: fn(&JobEvent) -> bool| {
        seen.iter()
            .filter(|(e, _)| pick(e))
            .map(|(_, when)| when.saturating_duration_since(start).as_secs_f64() * 1000.0)
            .fold(0.0, f64::max)
    };
    let (in_use, places) = *busy.lock().expect("samples");
    eprintln!(
        "  last job started {:.1} ms and the last settled {:.1} ms after the first submission; the model gate was {:.0} % busy",
        at(|e| e.step == Some(Step::InputsToText) && !e.step_done),
        at(|e| e.step.is_none()),
        100.0 * in_use as f64 / places.max(1) as f64,
    );
    wall
}

/// The mean time, over jobs, of each phase between the events they emitted.
fn phases(
    seen: &[(JobEvent, Instant)],
    submitted: &HashMap<JobId, Instant>,
    settled: &HashMap<JobId, Instant>,
) -> String {
    let mut totals: Vec<(String, Duration)> = Vec::new();
    let mut add = |name: String, d: Duration| match totals.iter_mut().find(|(n, _)| *n == name) {
        Some((_, total)) => *total += d,
        None => totals.push((name, d)),
    };
    for (id, at) in submitted {
        let mut previous = ("queued".to_owned(), *at);
        for (event, when) in seen.iter().filter(|(e, _)| e.job_id == *id) {
            let name = match (event.step, event.step_done) {
                (Some(step), false) => step.as_str().to_owned(),
                (Some(step), true) => format!("after {}", step.as_str()),
                (None, _) => "to settled".to_owned(),
            };
            add(
                previous.0.clone(),
                when.saturating_duration_since(previous.1),
            );
            previous = (name, *when);
        }
        if let Some(end) = settled.get(id) {
            add(previous.0, end.saturating_duration_since(previous.1));
        }
    }
    let n = submitted.len().max(1) as u32;
    totals
        .iter()
        .map(|(name, total)| format!("{name} {:.1} ms", (*total / n).as_secs_f64() * 1000.0))
        .collect::<Vec<_>>()
        .join(", ")
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
