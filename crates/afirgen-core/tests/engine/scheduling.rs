//! Sharing the model servers: the gates under load, urgent jobs first, cancelling,
//! load spread over endpoints.

use super::ENGLISH;
use crate::both;
use crate::common::{engine, fresh_store, mock, settle, test_config, text_case};
use afirgen_core::domain::{JobState, Priority};
use afirgen_mock::MockConfig;
use std::time::Duration;

both!(gates_hold_under_thirty_concurrent_jobs, |db| async move {
    let t = fresh_store(db).await;
    let server = mock(MockConfig {
        latency_ms: 200,
        ..MockConfig::default()
    })
    .await;
    let mut config = test_config(&server.url());
    config.limits.max_concurrent_requests = 15;
    config.limits.max_concurrent_model_calls = 10;
    let engine = engine(&t, config);
    let mut submitted = Vec::new();
    for i in 0..30 {
        submitted.push(
            engine
                .submit(text_case(&format!("{ENGLISH} Case {i}.")))
                .await
                .unwrap(),
        );
    }
    assert_eq!(engine.gates().queued, 30);
    let _dispatcher = engine.start();
    let mut handles = Vec::new();
    for s in &submitted {
        let engine = engine.clone();
        let s = s.clone();
        handles.push(tokio::spawn(async move { settle(&engine, &s).await }));
    }
    for handle in handles {
        let job = handle.await.unwrap();
        assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    }
    let gates = engine.gates();
    let stats = server.stats();
    println!(
        "observed maxima: jobs running {} (limit 15), model calls in flight {} (limit 10), at the server {}",
        gates.running_peak, gates.model_calls_peak, stats.max_in_flight
    );
    assert!(gates.running_peak <= 15);
    assert!(gates.model_calls_peak <= 10);
    assert!(
        stats.max_in_flight <= 10,
        "the server never saw more than the model limit"
    );
    // The limits were reached, so they (not something else) were what bounded the run.
    assert_eq!(gates.running_peak, 15);
    assert_eq!(stats.max_in_flight, 10);
    assert_eq!(stats.requests, 60, "two model calls per job, no retries");
    // A job's task releases its permit just after its state is stored: let the last
    // ones finish before checking that every permit came back.
    let mut gates = engine.gates();
    for _ in 0..200 {
        if gates.running == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        gates = engine.gates();
    }
    assert_eq!(
        (gates.running, gates.model_calls_in_flight, gates.queued),
        (0, 0, 0)
    );
});

// A job keeps its model-gate place between its calls; a call of another job may hold
// the model server's only slot while it waits for that place. The keeper gives its
// place back before it waits for the slot, so neither waits for the other for ever.
both!(
    a_kept_model_place_never_deadlocks_with_a_server_slot,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig {
            latency_ms: 30,
            ..MockConfig::default()
        })
        .await;
        let mut config = test_config(&server.url());
        config.limits.max_concurrent_requests = 4;
        config.limits.max_concurrent_model_calls = 1;
        config.llm.max_in_flight_per_endpoint = 1;
        let engine = engine(&t, config);
        let _dispatcher = engine.start();
        let mut submitted = Vec::new();
        for i in 0..6 {
            let case = text_case(&format!("{ENGLISH} Case {i}."));
            submitted.push(engine.submit(case).await.unwrap());
        }
        for s in &submitted {
            let job = settle(&engine, s).await;
            assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
        }
        assert_eq!(engine.gates().model_calls_peak, 1);
        assert_eq!(server.stats().max_in_flight, 1);
    }
);

both!(urgent_jobs_go_first_and_cancel_works, |db| async move {
    let t = fresh_store(db).await;
    let server = mock(MockConfig::default()).await;
    let mut config = test_config(&server.url());
    config.limits.max_concurrent_requests = 1;
    let engine = engine(&t, config);
    let normal = engine.submit(text_case("first normal case")).await.unwrap();
    let cancelled = engine.submit(text_case("cancelled case")).await.unwrap();
    let mut urgent_case = text_case("urgent case");
    urgent_case.priority = Priority::Urgent;
    let urgent = engine.submit(urgent_case).await.unwrap();
    assert!(engine.cancel(cancelled.job_id, "sho").await.unwrap());
    let mut events = engine.subscribe();
    let _dispatcher = engine.start();
    settle(&engine, &normal).await;
    let mut order = Vec::new();
    while let Ok(event) = events.try_recv() {
        if !order.contains(&event.job_id) {
            order.push(event.job_id);
        }
    }
    assert_eq!(order, vec![urgent.job_id, normal.job_id]);
    assert_eq!(
        engine
            .store()
            .get_job(cancelled.job_id)
            .await
            .unwrap()
            .state,
        JobState::Cancelled
    );
});

both!(
    endpoints_share_load_and_a_dead_one_is_skipped,
    |db| async move {
        let t = fresh_store(db).await;
        let a = mock(MockConfig {
            latency_ms: 50,
            ..MockConfig::default()
        })
        .await;
        let b = mock(MockConfig {
            latency_ms: 50,
            ..MockConfig::default()
        })
        .await;
        let mut config = test_config(&a.url());
        config.llm.urls.push(b.url());
        config.llm.max_in_flight_per_endpoint = 3;
        let engine = engine(&t, config);
        let _dispatcher = engine.start();
        let mut submitted = Vec::new();
        for i in 0..12 {
            submitted.push(
                engine
                    .submit(text_case(&format!("{ENGLISH} {i}")))
                    .await
                    .unwrap(),
            );
        }
        for s in &submitted {
            assert_eq!(settle(&engine, s).await.state, JobState::AwaitingReview);
        }
        let (sa, sb) = (a.stats(), b.stats());
        assert_eq!(sa.requests + sb.requests, 24);
        assert!(
            sa.requests >= 8 && sb.requests >= 8,
            "balanced: {} vs {}",
            sa.requests,
            sb.requests
        );
        assert!(
            sa.max_in_flight <= 3 && sb.max_in_flight <= 3,
            "per-endpoint limit holds"
        );

        // One server dies: its breaker opens and every job still completes on the other.
        let dead_url = a.url();
        a.stop();
        let mut config = test_config(&dead_url);
        config.llm.urls.push(b.url());
        config.breaker.failure_threshold = 2;
        config.breaker.open_ms = 60_000;
        config.retry.max_attempts = 4;
        let engine = self::engine(&t, config);
        let _dispatcher = engine.start();
        let before = b.stats().requests;
        let mut submitted = Vec::new();
        for i in 0..6 {
            submitted.push(
                engine
                    .submit(text_case(&format!("{ENGLISH} again {i}")))
                    .await
                    .unwrap(),
            );
        }
        for s in &submitted {
            let job = settle(&engine, s).await;
            assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
        }
        assert_eq!(b.stats().requests - before, 12);
        let statuses = engine.models().endpoint_statuses();
        let dead = statuses.iter().find(|s| s.url == dead_url).unwrap();
        assert_eq!(dead.breaker, afirgen_core::models::BreakerState::Open);
        assert!(
            dead.failures >= 2 && dead.failures <= 4,
            "the breaker stopped the calls: {}",
            dead.failures
        );
    }
);
