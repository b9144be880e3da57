//! When a step or a model server fails: resuming, retrying, and answers set aside.

use super::{ENGLISH, HINDI};
use crate::both;
use crate::common::{self, engine, fresh_store, mock, settle, test_config, text_case};
use afirgen_core::domain::{JobErrorKind, JobState, Step};
use afirgen_core::fir::SectionSource;
use afirgen_mock::MockConfig;
use std::time::Duration;

both!(resumes_at_the_first_unfinished_step, |db| async move {
    let t = fresh_store(db).await;
    // The legal step hangs, so the "crash" happens inside it.
    let server = mock(MockConfig {
        schema_latency_ms: [("fir_sections".to_owned(), 60_000)].into(),
        ..MockConfig::default()
    })
    .await;
    let first = engine(&t, test_config(&server.url()));
    let dispatcher = first.start();
    let submitted = first.submit(text_case(HINDI)).await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while server
        .stats()
        .by_schema
        .get("fir_sections")
        .copied()
        .unwrap_or(0)
        == 0
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "legal step never started"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The process dies: its tasks stop mid-call and nothing is cleaned up.
    drop(dispatcher);
    let job = t.store.get_job(submitted.job_id).await.unwrap();
    assert_eq!(job.state, JobState::LegalSections);
    let stored = t.store.step_outputs(job.id).await.unwrap();
    assert!(stored.contains_key(&Step::Extract) && !stored.contains_key(&Step::LegalSections));

    // The next start: the dead owner's lease is treated as expired.
    server.set_config(MockConfig::default());
    let owners = t.store.running_owners().await.unwrap();
    assert_eq!(owners.len(), 1);
    assert_eq!(
        t.store
            .requeue_orphans(Some(&owners[0]), 10)
            .await
            .unwrap()
            .resumed,
        1
    );
    let second = engine(&t, test_config(&server.url()));
    let _dispatcher = second.start();
    let job = settle(&second, &submitted).await;
    assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    assert_eq!(job.attempts, 2);
    let stats = server.stats();
    assert_eq!(
        stats.by_schema["fir_facts"], 1,
        "extraction was reused, not redone"
    );
    assert_eq!(
        stats.by_schema["fir_sections"], 2,
        "the interrupted step ran again"
    );
    let draft = second.draft(job.case_id).await.unwrap().unwrap();
    assert_eq!(draft.statement, HINDI);
});

both!(
    model_server_down_fails_clearly_then_retry_completes,
    |db| async move {
        let t = fresh_store(db).await;
        // A port nobody listens on.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let dead_url = format!("http://{}", closed.local_addr().unwrap());
        drop(closed);
        let engine = engine(&t, test_config(&dead_url));
        let _dispatcher = engine.start();
        let submitted = engine.submit(text_case(ENGLISH)).await.unwrap();
        let job = settle(&engine, &submitted).await;
        assert_eq!(job.state, JobState::Failed);
        let error = job.error.unwrap();
        assert_eq!(error.kind, JobErrorKind::Model);
        assert_eq!(error.step, Some(Step::Extract));
        assert!(
            error
                .message
                .contains("LLM server unavailable after 3 tries"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains(&dead_url),
            "names the server: {}",
            error.message
        );
        // The input is still there, and the job completes once a server answers.
        let server = mock(MockConfig::default()).await;
        let engine = self::engine(&t, test_config(&server.url()));
        let _dispatcher = engine.start();
        engine.retry(submitted.job_id, "sho").await.unwrap();
        let job = settle(&engine, &submitted).await;
        assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    }
);

// A model that answers nonsense is set aside, not believed and not fatal: the rules read
// the statement, the retrieval ranks the sections, the officer is told why, and the raw
// answer is kept with the step.
both!(
    garbage_answers_are_set_aside_and_the_rules_draft,
    |db| async move {
        let t = fresh_store(db).await;
        let models = MockConfig {
            garbage_rate: 1.0,
            ..MockConfig::default()
        };
        let (job, draft, server) = common::draft_of(&t, models, ENGLISH).await;
        let note = draft
            .notes
            .iter()
            .find(|n| n.field == "facts")
            .expect("a note says the model's answer was set aside");
        assert!(note.message.contains("unusable after 2 tries"), "{note:?}");
        assert_eq!(draft.occurrence.time_from.as_deref(), Some("09:15"));
        assert_eq!(draft.total_property_value_inr, Some(18_000));
        assert!(draft
            .acts_sections
            .iter()
            .all(|s| s.source == SectionSource::RetrievalUnreviewed));
        let raw = common::raw_answers(&t, job.id).await;
        assert!(
            raw.iter().any(|(step, raw)| step == "extract"
                && raw
                    .as_deref()
                    .is_some_and(|r| r.starts_with("Sure! Here is the JSON"))),
            "{raw:?}"
        );
        assert_eq!(
            server.stats().requests,
            4,
            "one retry on a bad answer, for the facts and for the sections, then stop"
        );
    }
);

both!(transient_errors_are_retried, |db| async move {
    let t = fresh_store(db).await;
    let server = mock(MockConfig {
        error_rate: 0.3,
        seed: 7,
        ..MockConfig::default()
    })
    .await;
    let mut config = test_config(&server.url());
    config.retry.max_attempts = 8;
    config.breaker.failure_threshold = 100;
    let engine = engine(&t, config);
    let _dispatcher = engine.start();
    let mut submitted = Vec::new();
    for i in 0..10 {
        submitted.push(
            engine
                .submit(text_case(&format!("{ENGLISH} {i}")))
                .await
                .unwrap(),
        );
    }
    for s in &submitted {
        let job = settle(&engine, s).await;
        assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    }
    let stats = server.stats();
    assert!(stats.injected_errors > 0);
    assert_eq!(stats.requests, 20 + stats.injected_errors);
});
