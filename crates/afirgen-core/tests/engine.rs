//! The engine end to end against the mock model server, on SQLite and MariaDB.

mod common;

use afirgen_core::domain::{JobErrorKind, JobState, NewInput, Priority, Step};
use afirgen_core::fir::{FirDraft, SectionSource};
use afirgen_mock::MockConfig;
use common::{engine, fresh_store, mock, settle, test_config, text_case};
use std::time::Duration;

const ENGLISH: &str = "I travel to work by city bus number 42. Yesterday morning at about 9:15, when the bus was crowded near the Rajiv Chowk stop, somebody took my Samsung mobile phone from my trouser pocket. The phone is worth about 18,000 rupees.";
const HINDI: &str = "मेरा नाम सुनीता देवी है। कल शाम 7 बजे बाज़ार से लौटते समय दो लड़के मोटरसाइकिल पर आए और मेरी सोने की चेन छीनकर भाग गए। चेन लगभग 20 ग्राम की थी।";

both!(text_complaint_becomes_a_reviewable_draft, |db| async move {
    let t = fresh_store(db).await;
    let server = mock(MockConfig::default()).await;
    let engine = engine(&t, test_config(&server.url()));
    let _dispatcher = engine.start();
    let submitted = engine.submit(text_case(ENGLISH)).await.unwrap();
    assert_eq!(submitted.state, JobState::Queued);
    let job = settle(&engine, &submitted).await;
    assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    let draft: FirDraft = engine.draft(job.case_id).await.unwrap().unwrap();
    assert_eq!(
        draft.statement, ENGLISH,
        "item 12 is the complainant's own words"
    );
    assert!(
        !draft.acts_sections.is_empty(),
        "item 2 is filled from the legal step"
    );
    // The mock picks the first candidate: retrieval ranked theft first for a phone taken
    // from a pocket on a bus.
    let first = &draft.acts_sections[0];
    assert_eq!(
        (first.act.as_str(), first.section.as_str()),
        ("BNS", "303(2)")
    );
    assert_eq!(first.title.as_deref(), Some("Theft"));
    assert_eq!(first.source, SectionSource::LlmJudged);
    let schedule = first.schedule.as_ref().unwrap();
    assert!(schedule.cognizable && !schedule.bailable);
    assert_eq!(schedule.triable_by, "Any Magistrate");
    let classification = draft.classification.as_ref().unwrap();
    assert_eq!(classification.report, "fir");
    assert!(
        classification.reason.contains("303(2) BNS"),
        "{}",
        classification.reason
    );
    assert_eq!(draft.header.station_code, "PS001");
    assert!(draft.occurrence.info_received_date.is_some());
    let outputs = engine.store().step_outputs(job.id).await.unwrap();
    for step in Step::ALL {
        assert!(outputs.contains_key(&step), "output of {step} stored");
    }
    assert_eq!(server.stats().by_schema["fir_facts"], 1);
    assert_eq!(server.stats().by_schema["fir_sections"], 1);

    common::complete(&engine, job.case_id).await;

    let record = engine.finalize(job.id, &common::sho(), None).await.unwrap();
    let year = record.year;
    assert_eq!(record.display_number, format!("0001/{year}"));
    assert_eq!(
        record.content["header"]["fir_number"],
        format!("0001/{year}")
    );
    assert_eq!(record.content["statement"], ENGLISH);
    assert_eq!(
        engine.store().get_job(job.id).await.unwrap().state,
        JobState::Finalized
    );
    assert!(
        engine.finalize(job.id, &common::sho(), None).await.is_err(),
        "finalized once only"
    );
    let actions: Vec<String> = engine
        .store()
        .audit_trail(job.case_id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    // The statement does not say who is complaining: the officer filled the name in,
    // and chose item 13's action (one edit each).
    assert_eq!(
        actions,
        [
            "case.submitted",
            "draft.generated",
            "draft.edited",
            "draft.edited",
            "fir.finalized"
        ]
    );
});

both!(hindi_passes_every_step_unchanged, |db| async move {
    let t = fresh_store(db).await;
    let server = mock(MockConfig::default()).await;
    let engine = engine(&t, test_config(&server.url()));
    let _dispatcher = engine.start();
    let submitted = engine.submit(text_case(HINDI)).await.unwrap();
    let job = settle(&engine, &submitted).await;
    assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    let outputs = engine.store().step_outputs(job.id).await.unwrap();
    assert_eq!(
        outputs[&Step::InputsToText]["statement"]
            .as_str()
            .unwrap()
            .as_bytes(),
        HINDI.as_bytes()
    );
    // The mock echoes the first sentence as the summary: Devanagari went out in the
    // request, came back in the answer, and was stored, all unchanged.
    let first = "मेरा नाम सुनीता देवी है।";
    assert_eq!(outputs[&Step::Extract]["model"]["summary"], first);
    // By default the model's summary is offered to the officer, not printed.
    let offered = outputs[&Step::Extract]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| {
            n["field"] == "summary"
                && n["alternative"] == first
                && n["message"].as_str().is_some_and(|m| m.contains(first))
        });
    assert!(offered, "{:#}", outputs[&Step::Extract]["notes"]);
    // The rules read the introduction, in its own script.
    assert_eq!(
        outputs[&Step::Extract]["facts"]["complainant"]["name"],
        "सुनीता देवी"
    );
    let draft = engine.draft(job.case_id).await.unwrap().unwrap();
    assert_eq!(draft.statement.as_bytes(), HINDI.as_bytes());
    // The summary is the statement's own opening, in its own script.
    assert!(draft.summary.starts_with(first), "{}", draft.summary);
    common::complete(&engine, job.case_id).await;
    let record = engine.finalize(job.id, &common::sho(), None).await.unwrap();
    assert_eq!(
        record.content["statement"].as_str().unwrap().as_bytes(),
        HINDI.as_bytes()
    );
});

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

both!(bad_input_is_kept_with_a_clear_reason, |db| async move {
    let t = fresh_store(db).await;
    let server = mock(MockConfig::default()).await;
    let engine = engine(&t, test_config(&server.url()));
    let too_long = "क".repeat(50_001);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"   \n\t ".to_vec(), "is empty"),
        (
            too_long.into_bytes(),
            "50001 characters, more than the limit of 50000",
        ),
        (
            vec![b'o', b'k', 0xff, 0xfe, b'!'],
            "not valid UTF-8 text (bad byte at offset 2)",
        ),
    ];
    for (bytes, reason) in cases {
        let mut case = text_case("placeholder");
        case.inputs = vec![NewInput {
            kind: afirgen_core::domain::InputKind::Text,
            bytes: bytes.clone(),
            display_name: Some("complaint.txt".into()),
        }];
        let submitted = engine.submit(case).await.unwrap();
        assert_eq!(submitted.state, JobState::Failed);
        let job = engine.store().get_job(submitted.job_id).await.unwrap();
        let error = job.error.unwrap();
        assert_eq!(error.kind, JobErrorKind::Input);
        assert!(error.message.contains(reason), "{}", error.message);
        assert!(
            error.message.contains("complaint.txt"),
            "names the input: {}",
            error.message
        );
        // The submission itself is kept, byte for byte.
        let input = &engine.store().case_inputs(job.case_id).await.unwrap()[0];
        assert_eq!(engine.store().blob(&input.sha256).await.unwrap(), bytes);
    }
    assert!(engine
        .submit(afirgen_core::domain::NewCase {
            inputs: vec![],
            ..text_case("x")
        })
        .await
        .is_err());
    assert_eq!(
        server.stats().requests,
        0,
        "rejected inputs never reach a model server"
    );
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

/// About `seconds` of speech: the fixture sentence repeated with half-second pauses.
fn long_recording(seconds: f64) -> Vec<u8> {
    use afirgen_core::media::{audio, MediaType};
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speech.wav");
    let sentence = audio::decode(
        "speech.wav",
        &std::fs::read(path).unwrap(),
        MediaType::Wav,
        std::path::Path::new("ffmpeg"),
        7200,
    )
    .unwrap()
    .samples;
    let mut samples = Vec::new();
    while (samples.len() as f64) < seconds * 16_000.0 {
        samples.extend_from_slice(&sentence);
        samples.extend(std::iter::repeat_n(0.0, 8_000));
    }
    audio::to_wav(&samples)
}

both!(
    mixed_inputs_are_read_in_order_and_long_audio_is_chunked,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig {
            latency_ms: 100,
            ..MockConfig::default()
        })
        .await;
        let engine = engine(&t, test_config(&server.url()));
        let mut events = engine.subscribe();
        let _dispatcher = engine.start();
        let mut case = text_case(HINDI);
        case.inputs.push(NewInput {
            kind: afirgen_core::domain::InputKind::Audio,
            bytes: long_recording(75.0),
            display_name: Some("statement.wav".into()),
        });
        case.inputs
            .push(NewInput::text("Typed addendum by the duty officer."));
        let submitted = engine.submit(case).await.unwrap();
        let job = settle(&engine, &submitted).await;
        assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
        let outputs = engine.store().step_outputs(job.id).await.unwrap();
        let transcript: afirgen_core::pipeline::Transcript =
            serde_json::from_value(outputs[&Step::InputsToText].clone()).unwrap();
        let sources: Vec<&str> = transcript
            .inputs
            .iter()
            .map(|i| i.source.as_str())
            .collect();
        assert_eq!(sources, ["typed", "asr:default", "typed"]);
        let audio = &transcript.inputs[1];
        assert_eq!(audio.display_name.as_deref(), Some("statement.wav"));
        assert_eq!(audio.chunks, Some(3), "75 s in chunks of about 30 s");
        assert!((audio.seconds.unwrap() - 75.0).abs() < 3.0);
        assert_eq!(
            audio.text.matches("Mock transcript").count(),
            3,
            "{}",
            audio.text
        );
        assert_eq!(
            transcript.statement,
            format!(
                "{HINDI}\n\n{}\n\nTyped addendum by the duty officer.",
                audio.text
            )
        );
        let stats = server.stats();
        assert_eq!(stats.by_schema["audio_transcription"], 3);
        assert!(
            stats.max_in_flight >= 2,
            "chunks are transcribed in parallel"
        );
        let draft = engine.draft(job.case_id).await.unwrap().unwrap();
        assert_eq!(
            draft.information_type,
            afirgen_core::fir::InformationType::Oral
        );
        let mut saw_transcribing = false;
        while let Ok(event) = events.try_recv() {
            saw_transcribing |=
                event.state == JobState::Transcribing && event.step == Some(Step::InputsToText);
        }
        assert!(saw_transcribing);
    }
);

both!(
    a_damaged_recording_fails_the_job_before_any_model_call,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig::default()).await;
        let engine = engine(&t, test_config(&server.url()));
        let _dispatcher = engine.start();
        let wav = long_recording(10.0);
        let mut case = text_case("placeholder");
        case.inputs = vec![NewInput {
            kind: afirgen_core::domain::InputKind::Audio,
            bytes: wav[..wav.len() / 2].to_vec(),
            display_name: Some("cut.wav".into()),
        }];
        let submitted = engine.submit(case).await.unwrap();
        assert_eq!(
            submitted.state,
            JobState::Queued,
            "the header is fine; the cut shows when decoding"
        );
        let job = settle(&engine, &submitted).await;
        assert_eq!(job.state, JobState::Failed);
        let error = job.error.unwrap();
        assert_eq!(error.kind, JobErrorKind::Input);
        assert!(
            error.message.contains("cut.wav is truncated"),
            "{}",
            error.message
        );
        assert_eq!(server.stats().requests, 0);
    }
);

both!(
    legal_step_keeps_the_retrieval_ranking_when_the_llm_cannot_judge,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig {
            fail_schemas: vec!["fir_sections".into()],
            ..MockConfig::default()
        })
        .await;
        let engine = engine(&t, test_config(&server.url()));
        let _dispatcher = engine.start();
        let statement = "Two men on a motorcycle snatched the gold chain from my neck near the market and sped away.";
        let submitted = engine.submit(text_case(statement)).await.unwrap();
        let job = settle(&engine, &submitted).await;
        assert_eq!(
            job.state,
            JobState::AwaitingReview,
            "the draft is made anyway: {:?}",
            job.error
        );
        let draft = engine.draft(job.case_id).await.unwrap().unwrap();
        // The first matches are cited, unreviewed; the others are offered, not cited.
        assert_eq!(draft.acts_sections.len(), 3, "{:?}", draft.acts_sections);
        assert!(draft
            .acts_sections
            .iter()
            .all(|s| s.source == SectionSource::RetrievalUnreviewed));
        assert_eq!(
            draft.acts_sections[0].section, "304(2)",
            "snatching ranks first"
        );
        let view = engine.case_view(job.case_id, "officer").await.unwrap();
        let offered: Vec<String> = view
            .suggestions
            .iter()
            .map(|s| afirgen_core::fir::catalogue_key(&s.act, &s.section))
            .collect();
        assert!(offered.len() >= 2, "{offered:?}");
        let cited: Vec<String> = draft
            .acts_sections
            .iter()
            .map(|s| s.catalogue_key())
            .collect();
        assert!(
            offered.iter().all(|o| !cited.iter().any(|c| c == o)),
            "the cited ones are not offered again: {offered:?}"
        );
        assert!(view.suggestions.iter().all(|s| !s.title.is_empty()));
        // One click adds an offered section; it is then no longer offered.
        let added = offered[0].clone();
        engine
            .set_sections(job.case_id, "officer", &[cited[0].clone(), added.clone()])
            .await
            .unwrap();
        let view = engine.case_view(job.case_id, "officer").await.unwrap();
        assert!(view
            .suggestions
            .iter()
            .all(|s| afirgen_core::fir::catalogue_key(&s.act, &s.section) != added));
        // The officer chose item 2: the step's note about its own choice is settled.
        let chosen = engine.draft(job.case_id).await.unwrap().unwrap();
        assert!(chosen.notes.iter().all(|n| n.field != "acts_sections"));
        let note = draft
            .notes
            .iter()
            .find(|n| n.field == "acts_sections")
            .expect("the officer is told why");
        assert!(
            note.message.contains("304(2) BNS") && note.message.contains("offered"),
            "{note:?}"
        );
        let outputs = engine.store().step_outputs(job.id).await.unwrap();
        assert_eq!(
            outputs[&Step::LegalSections]["method"],
            "retrieval_unreviewed"
        );
        assert!(outputs[&Step::LegalSections]["note"]
            .as_str()
            .unwrap()
            .contains("could not judge"));
    }
);

both!(
    a_non_cognizable_case_is_numbered_as_a_report,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig::default()).await;
        let engine = engine(&t, test_config(&server.url()));
        let _dispatcher = engine.start();
        // The mock judges the first candidate applicable: here intentional insult (352 BNS),
        // which is not cognizable.
        let statement = "My neighbour intentionally insulted me and abused me in filthy language to provoke a fight.";
        let submitted = engine.submit(text_case(statement)).await.unwrap();
        let job = settle(&engine, &submitted).await;
        let draft = engine.draft(job.case_id).await.unwrap().unwrap();
        assert_eq!(
            draft.acts_sections[0].section, "352",
            "{:?}",
            draft.acts_sections
        );
        let classification = draft.classification.unwrap();
        assert_eq!(classification.report, "ncr");
        assert!(
            classification
                .reason
                .contains("none of the cited sections (352 BNS) is cognizable"),
            "{}",
            classification.reason
        );
        common::complete(&engine, job.case_id).await;
        let record = engine.finalize(job.id, &common::sho(), None).await.unwrap();
        assert_eq!(record.kind, afirgen_core::store::RecordKind::Ncr);
        assert_eq!(record.number, 1);
    }
);
