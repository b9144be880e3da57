//! Concurrency benchmark (not a timed test): wall time of N jobs run one after another
//! versus N submitted at once, against the mock model server at a fixed latency, on the
//! embedded SQLite store. Prints both and their ratio, measured in one run.
//!
//! `cargo bench -p afirgen-core --bench concurrency -- [--jobs N] [--latency-ms MS] [--mysql URL]`

mod common;

use afirgen_core::domain::JobState;
use afirgen_core::store::Store;
use afirgen_core::{Config, Engine};
use afirgen_mock::{MockConfig, MockServer};
use std::time::{Duration, Instant};

use common::{arg, case};

async fn run_jobs(engine: &Engine, jobs: usize, concurrent: bool) -> Duration {
    let start = Instant::now();
    if concurrent {
        let mut ids = Vec::new();
        for i in 0..jobs {
            ids.push(engine.submit(case(i)).await.expect("submit").job_id);
        }
        for id in ids {
            let job = engine.wait_settled(id).await.expect("settle");
            assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
        }
    } else {
        for i in 0..jobs {
            let id = engine.submit(case(i)).await.expect("submit").job_id;
            let job = engine.wait_settled(id).await.expect("settle");
            assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
        }
    }
    start.elapsed()
}

fn main() {
    let jobs: usize = arg("--jobs").and_then(|v| v.parse().ok()).unwrap_or(10);
    let latency_ms: u64 = arg("--latency-ms")
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mysql = arg("--mysql");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let server = MockServer::start("127.0.0.1:0".parse().unwrap(), MockConfig { latency_ms, ..MockConfig::default() })
            .await
            .expect("mock server");
        let dir = tempfile::tempdir().expect("tempdir");
        let url = mysql.unwrap_or_else(|| format!("sqlite://{}", dir.path().join("bench.db").display()));
        let store = Store::connect(&url, 15).await.expect("store");
        store.migrate().await.expect("migrate");
        let mut config = Config::default();
        config.llm.urls = vec![server.url()];
        config.llm.max_in_flight_per_endpoint = 64;
        let engine = Engine::with_store(config, store.clone()).expect("engine");
        let _dispatcher = engine.start();
        // Warm up: connections, the pool, the first migration-cold queries.
        run_jobs(&engine, 1, false).await;

        let sequential = run_jobs(&engine, jobs, false).await;
        let concurrent = run_jobs(&engine, jobs, true).await;
        let gates = engine.gates();
        let calls_per_job = 2.0;
        let model_time = calls_per_job * latency_ms as f64 / 1000.0;
        let ideal_concurrent = {
            // With the default limits (15 jobs, 10 model calls) and 2 sequential calls per job.
            let waves = (jobs as f64 / 10.0).ceil();
            waves * model_time
        };
        println!("AFIRGen concurrency benchmark ({:?} backend, mock model latency {latency_ms} ms, {jobs} jobs, limits 15/10)", store.backend());
        println!("  sequential (one job at a time): {:>8.3} s  ({:.1} ms per job; model time {:.0} ms)", sequential.as_secs_f64(), sequential.as_secs_f64() * 1000.0 / jobs as f64, model_time * 1000.0);
        println!("  concurrent ({jobs} submitted at once): {:>8.3} s  (ideal from the limits: {:.3} s)", concurrent.as_secs_f64(), ideal_concurrent);
        println!("  speed-up concurrent vs sequential: {:.2}x (ideal {:.2}x)", sequential.as_secs_f64() / concurrent.as_secs_f64(), jobs as f64 * model_time / ideal_concurrent);
        println!("  concurrency efficiency (ideal / measured wall): {:.3}", ideal_concurrent / concurrent.as_secs_f64());
        println!("  orchestration overhead per sequential job: {:.1} ms", (sequential.as_secs_f64() / jobs as f64 - model_time) * 1000.0);
        println!("  observed peaks: {} jobs running, {} model calls in flight, {} at the server", gates.running_peak, gates.model_calls_peak, server.stats().max_in_flight);
    });
}
