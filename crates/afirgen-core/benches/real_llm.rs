//! Row 3 of docs/benchmarks.md: the pipeline against a real llama.cpp server.
//! `scripts/bench.sh` starts llama-server (SmolLM2-135M) with 1 slot, with 4 slots, and
//! as two instances, and runs this once for each.
//!
//! `cargo bench -p afirgen-core --bench real_llm -- --llm URL[,URL] --slots K [--jobs N] [--ceiling] [--label TEXT]`
//!
//! It times N complaints submitted at once through the whole pipeline (SQLite store,
//! the seed's limits, K calls per server). With `--ceiling` it first runs the same
//! complaints through a recording proxy to capture the exact LLM requests the pipeline
//! makes, then, after the timed run, sends those requests straight to the server(s) —
//! each complaint's two requests one after the other, as many complaints at once as
//! the pipeline allows calls in flight — which is the most the model tier can give;
//! pipeline throughput / that ceiling is the pipeline's efficiency.

mod common;

use afirgen_core::Engine;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use common::{arg, config, row, run_at_once, runtime, store};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Forwards chat requests to the server and keeps each body with its complaint number.
struct Recorder {
    http: reqwest::Client,
    upstream: String,
    /// (complaint number, request body), in the order they came.
    bodies: Mutex<Vec<(usize, Vec<u8>)>>,
}

/// The complaint number in a request (`(complaint N)` in the user's message).
fn complaint_of(body: &[u8]) -> usize {
    let text = String::from_utf8_lossy(body);
    text.split("(complaint ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

async fn forward(
    State(recorder): State<Arc<Recorder>>,
    body: axum::body::Bytes,
) -> (StatusCode, Vec<u8>) {
    recorder
        .bodies
        .lock()
        .expect("recorder lock")
        .push((complaint_of(&body), body.to_vec()));
    let answer = recorder
        .http
        .post(format!("{}/v1/chat/completions", recorder.upstream))
        .header("content-type", "application/json")
        .body(body.to_vec())
        .send()
        .await
        .expect("the LLM server answers");
    let status = StatusCode::from_u16(answer.status().as_u16()).expect("a status");
    (status, answer.bytes().await.expect("a body").to_vec())
}

fn main() {
    let urls: Vec<String> = arg("--llm")
        .expect("--llm URL[,URL]")
        .split(',')
        .map(str::to_owned)
        .collect();
    let slots: usize = arg("--slots").and_then(|v| v.parse().ok()).unwrap_or(4);
    let jobs: usize = arg("--jobs").and_then(|v| v.parse().ok()).unwrap_or(10);
    let label =
        arg("--label").unwrap_or_else(|| format!("{} server(s), {slots} slot(s) each", urls.len()));
    let ceiling = std::env::args().any(|a| a == "--ceiling");
    runtime().block_on(async move {
        let http = reqwest::Client::builder().no_proxy().build().expect("client");
        let run = |urls: Vec<String>| async move {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = store(dir.path(), None).await;
            let mut config = config(urls, slots);
            config.llm.model = "SmolLM2-135M-Instruct".into();
            config.llm.timeout_secs = 600;
            let engine = Engine::with_store(config, store).expect("engine");
            let _dispatcher = engine.start();
            run_at_once(&engine, 0, jobs).await.as_secs_f64()
        };

        // The requests the pipeline makes, captured through a recording proxy (this
        // also warms the server up). Without --ceiling, one complaint warms it up.
        let recorder = Arc::new(Recorder {
            http: http.clone(),
            upstream: urls[0].clone(),
            bodies: Mutex::new(Vec::new()),
        });
        if ceiling {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let proxy = format!("http://{}", listener.local_addr().expect("addr"));
            let app = axum::Router::new()
                .route("/v1/chat/completions", post(forward))
                .with_state(Arc::clone(&recorder));
            tokio::spawn(async move { axum::serve(listener, app).await });
            run(vec![proxy]).await;
        } else {
            let dir = tempfile::tempdir().expect("tempdir");
            let engine = Engine::with_store(config(urls.clone(), slots), store(dir.path(), None).await)
                .expect("engine");
            let _dispatcher = engine.start();
            run_at_once(&engine, 10_000, 1).await;
        }

        let pipeline = run(urls.clone()).await;
        let per_minute = jobs as f64 * 60.0 / pipeline;
        println!("{label}: {jobs} complaints through the pipeline in {pipeline:.1} s ({per_minute:.1} per minute)");
        if !ceiling {
            row(
                &format!("3. Real LLM (llama-server, SmolLM2-135M): {label}"),
                &format!("{jobs} complaints in {pipeline:.1} s ({per_minute:.1} per minute)"),
                "see the ratios below",
            );
            println!("PIPELINE {pipeline:.3}");
            return;
        }

        // The same requests straight to the server(s), at the pipeline's concurrency.
        let mut by_complaint: BTreeMap<usize, Vec<Vec<u8>>> = BTreeMap::new();
        for (complaint, body) in recorder.bodies.lock().expect("recorder lock").drain(..) {
            by_complaint.entry(complaint).or_default().push(body);
        }
        let requests: usize = by_complaint.values().map(Vec::len).sum();
        let concurrency = (slots * urls.len()).min(10);
        let gate = Arc::new(tokio::sync::Semaphore::new(concurrency));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for (i, (_, bodies)) in by_complaint.into_iter().enumerate() {
            let (http, gate) = (http.clone(), Arc::clone(&gate));
            let url = urls[i % urls.len()].clone();
            tasks.push(tokio::spawn(async move {
                for body in bodies {
                    let _permit = gate.acquire().await.expect("gate");
                    let answer = http
                        .post(format!("{url}/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .body(body)
                        .send()
                        .await
                        .expect("the LLM server answers");
                    assert!(answer.status().is_success());
                    answer.bytes().await.expect("a body");
                }
            }));
        }
        for task in tasks {
            task.await.expect("replay");
        }
        let straight = started.elapsed().as_secs_f64();
        let ratio = straight / pipeline;
        println!("the same {requests} requests straight to the server, {concurrency} at a time: {straight:.1} s; pipeline / ceiling = {ratio:.3}");
        row(
            &format!("3. Real LLM (llama-server, SmolLM2-135M): {label}"),
            &format!("{jobs} complaints in {pipeline:.1} s ({per_minute:.1} per minute); the same {requests} requests sent straight: {straight:.1} s"),
            &format!("pipeline / ceiling **{ratio:.3}** (goal ≥ 0.9)"),
        );
        println!("PIPELINE {pipeline:.3}");
    });
}
