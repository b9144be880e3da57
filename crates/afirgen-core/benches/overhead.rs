//! Row 1 of docs/benchmarks.md: what the pipeline itself costs. Jobs through the whole
//! pipeline against the mock model server answering at once (zero latency), on SQLite
//! and (with `--mysql`) MariaDB: jobs per second, and CPU time per job.
//!
//! `cargo bench -p afirgen-core --bench overhead -- [--jobs N] [--mysql mysql://root@127.0.0.1:3306/test]`
//!
//! The CPU time is the whole process's, so it includes the in-process mock server
//! answering the job's two model calls.

mod common;

use afirgen_core::Engine;
use afirgen_mock::{MockConfig, MockServer};
use common::{arg, config, cpu_time, row, run_at_once, runtime, store};

fn main() {
    let jobs: usize = arg("--jobs").and_then(|v| v.parse().ok()).unwrap_or(200);
    let mysql = arg("--mysql");
    runtime().block_on(async move {
        let server = MockServer::start("127.0.0.1:0".parse().unwrap(), MockConfig::default())
            .await
            .expect("mock server");
        let mut backends = vec![None];
        if mysql.is_some() {
            backends.push(mysql.clone());
        }
        for backend in backends {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = store(dir.path(), backend.as_deref()).await;
            let name = format!("{:?}", store.backend());
            let engine = Engine::with_store(config(vec![server.url()], 64), store).expect("engine");
            let _dispatcher = engine.start();
            // Warm up: connections, the pool, the first queries.
            run_at_once(&engine, 0, 5).await;
            let cpu_before = cpu_time();
            let wall = run_at_once(&engine, 5, jobs).await;
            let cpu = cpu_time() - cpu_before;
            let per_second = jobs as f64 / wall.as_secs_f64();
            let cpu_ms = cpu.as_secs_f64() * 1000.0 / jobs as f64;
            println!(
                "{name}: {jobs} jobs at once, mock answering at once: {:.2} s, {per_second:.0} jobs/s, {cpu_ms:.1} ms CPU per job (process, mock included)",
                wall.as_secs_f64()
            );
            row(
                &format!("1. Orchestration overhead, {name} ({jobs} jobs, mock at 0 ms)"),
                &format!("{per_second:.0} jobs/s; {cpu_ms:.1} ms CPU per job"),
                &format!("{:.1} ms wall per job", 1000.0 / per_second),
            );
            common::drop_mysql(backend.as_deref()).await;
        }
    });
}
