//! Row 2 of docs/benchmarks.md: concurrency scaling. N complaints submitted at once
//! against the mock model server at a fixed latency, with the seed's limits (15 jobs,
//! 10 model calls); the measured wall time against the ideal one the limits allow.
//!
//! `cargo bench -p afirgen-core --bench scaling -- [--latency-ms MS] [--mysql URL]`
//!
//! Each job makes two model calls one after the other (facts, then sections), so the
//! ideal wall time for N jobs is the larger of one job's model time (2 calls) and the
//! time the model gate needs to pass all 2N calls, 10 at a time.

mod common;

use afirgen_core::Engine;
use afirgen_mock::{MockConfig, MockServer};
use common::{arg, config, row, run_at_once, runtime, store};

fn main() {
    let latency_ms: u64 = arg("--latency-ms")
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mysql = arg("--mysql");
    runtime().block_on(async move {
        let server = MockServer::start(
            "127.0.0.1:0".parse().unwrap(),
            MockConfig {
                latency_ms,
                ..MockConfig::default()
            },
        )
        .await
        .expect("mock server");
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store(dir.path(), mysql.as_deref()).await;
        let name = format!("{:?}", store.backend());
        let engine = Engine::with_store(config(vec![server.url()], 64), store).expect("engine");
        let _dispatcher = engine.start();
        run_at_once(&engine, 0, 3).await;
        let latency = latency_ms as f64 / 1000.0;
        let mut next = 3;
        let mut efficiencies = Vec::new();
        for n in [1usize, 10, 50, 200] {
            let wall = run_at_once(&engine, next, n).await.as_secs_f64();
            next += n;
            let waves = ((2 * n) as f64 / 10.0).ceil();
            let ideal = (waves * latency).max(2.0 * latency);
            let efficiency = ideal / wall;
            efficiencies.push(format!("N={n}: {efficiency:.3}"));
            println!("{name}: N = {n:>3}: {wall:>7.3} s, ideal {ideal:.3} s, efficiency {efficiency:.3}");
            row(
                &format!("2. Concurrency scaling, {name}, N = {n} (mock at {latency_ms} ms, limits 15/10)"),
                &format!("{wall:.3} s (ideal {ideal:.3} s)"),
                &format!("efficiency **{efficiency:.3}** (goal ≥ 0.95)"),
            );
        }
        println!("efficiencies: {}", efficiencies.join(", "));
        common::drop_mysql(mysql.as_deref()).await;
    });
}
