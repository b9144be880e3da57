//! The adaptive model gate against fixed limits, on a mock model server whose latency
//! grows with load: it answers in `--latency-ms` up to 4 requests in flight, and each
//! request beyond 4 adds 100 ms to every answer (a GPU server past its batch size).
//! 60 complaints at once; the per-endpoint limit is (a) fixed at 16, a generous guess,
//! (b) adaptive between 1 and 16, (c) fixed at 4, hand-tuned to this server.
//!
//! `cargo bench -p afirgen-core --bench adaptive -- [--jobs N] [--latency-ms MS]`

mod common;

use afirgen_core::Engine;
use afirgen_mock::{MockConfig, MockServer};
use common::{arg, config, row, run_at_once, runtime, store};

fn main() {
    let jobs: usize = arg("--jobs").and_then(|v| v.parse().ok()).unwrap_or(60);
    let latency_ms: u64 = arg("--latency-ms")
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    runtime().block_on(async move {
        let server = MockServer::start(
            "127.0.0.1:0".parse().unwrap(),
            MockConfig {
                latency_ms,
                capacity: 4,
                latency_per_extra_ms: 100,
                ..MockConfig::default()
            },
        )
        .await
        .expect("mock server");
        let mut results = Vec::new();
        for (label, limit, adaptive) in [
            ("fixed 16", 16, false),
            ("adaptive 1..16", 16, true),
            ("fixed 4 (hand-tuned)", 4, false),
        ] {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = store(dir.path(), None).await;
            let mut config = config(vec![server.url()], limit);
            config.llm.adaptive = adaptive;
            config.limits.max_concurrent_requests = 32;
            config.limits.max_concurrent_model_calls = 32;
            let engine = Engine::with_store(config, store).expect("engine");
            let _dispatcher = engine.start();
            let wall = run_at_once(&engine, 0, jobs).await.as_secs_f64();
            let status = &engine.models().endpoint_statuses()[0];
            println!(
                "{label:>22}: {wall:.2} s for {jobs} jobs, {:.1} jobs/s; limit at the end {}, peak in flight {}",
                jobs as f64 / wall,
                status.limit,
                status.in_flight_peak
            );
            results.push((label, wall, status.limit));
        }
        let (fixed, adaptive, tuned) = (results[0].1, results[1].1, results[2].1);
        println!(
            "adaptive vs fixed 16: {:.2}x the throughput; vs hand-tuned 4: {:.2}x",
            fixed / adaptive,
            tuned / adaptive
        );
        row(
            &format!("Adaptive model gate vs fixed ({jobs} jobs; mock latency {latency_ms} ms + 100 ms per request beyond 4)"),
            &format!(
                "fixed 16: {fixed:.2} s; adaptive: {adaptive:.2} s (limit ended at {}); fixed 4: {tuned:.2} s",
                results[1].2
            ),
            &format!(
                "**{:.2}x** fixed 16's throughput; {:.2}x the hand-tuned",
                fixed / adaptive,
                tuned / adaptive
            ),
        );
    });
}
