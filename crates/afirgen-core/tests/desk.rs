//! What the desks (desktop app, station server UI) read: the queue, a case with its
//! sources, record search, staged files, job watching and seal checks — on both backends.

mod common;

use afirgen_core::config::{Config, InputConfig};
use afirgen_core::desk::Settings;
use afirgen_core::desk::Staging;
use afirgen_core::desk::{QueueFilter, QueueQuery, StepTimes};
use afirgen_core::domain::Step;
use afirgen_core::domain::{InputKind, JobState};
use afirgen_core::review::FieldEdit;
use afirgen_core::store::RecordQuery;
use afirgen_mock::MockConfig;
use common::{engine, fresh_store, mock, settle, test_config, text_case};
use serde_json::json;

const HINDI: &str = "कल रात बाज़ार के पास दो लड़कों ने मेरा मोबाइल फ़ोन छीन लिया।";

/// A page of every job.
fn page(offset: i64, limit: i64) -> QueueQuery {
    QueueQuery {
        offset: Some(offset),
        limit: Some(limit),
        ..QueueQuery::default()
    }
}

/// The ids of a queue page's jobs, in order.
fn ids(view: &afirgen_core::desk::QueueView) -> Vec<i64> {
    view.jobs.iter().map(|row| row.job.id).collect()
}

/// A finished job's step outputs as (step, stored at), in the order they were stored,
/// read straight from the test's database.
async fn step_times(t: &common::TestStore, job_id: i64) -> Vec<(String, i64)> {
    let sql = "SELECT step, created_at FROM step_outputs WHERE job_id = ? \
               AND run_attempt IS NOT NULL ORDER BY CASE step WHEN 'inputs_to_text' THEN 0 \
               WHEN 'extract' THEN 1 WHEN 'legal_sections' THEN 2 ELSE 3 END";
    if t.url.starts_with("mysql:") {
        let pool = sqlx::MySqlPool::connect(&t.url).await.unwrap();
        let rows = sqlx::query_as(sql)
            .bind(job_id)
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        rows
    } else {
        let pool = sqlx::SqlitePool::connect(&t.url).await.unwrap();
        let rows = sqlx::query_as(sql)
            .bind(job_id)
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        rows
    }
}

both!(queue_pages_filters_and_finds, |db| async move {
    let t = fresh_store(db).await;
    let server = mock(MockConfig::default()).await;
    // No dispatcher: every job stays where the test puts it.
    let engine = engine(&t, test_config(&server.url()));
    let mut submitted = Vec::new();
    for i in 0..7 {
        submitted.push(
            engine
                .submit(text_case(&format!(
                    "Complaint number {i}: my phone was stolen."
                )))
                .await
                .unwrap(),
        );
    }
    let newest_first: Vec<i64> = submitted.iter().rev().map(|s| s.job_id).collect();

    // Pages of three: 3 + 3 + 1, newest first, no job twice, none left out.
    let mut seen = Vec::new();
    for (offset, expected) in [(0, 3), (3, 3), (6, 1), (9, 0)] {
        let view = engine.queue_view(&page(offset, 3)).await.unwrap();
        assert_eq!((view.total, view.offset, view.limit), (7, offset, 3));
        assert_eq!(view.jobs.len(), expected, "page at {offset}");
        seen.extend(ids(&view));
    }
    assert_eq!(seen, newest_first);
    // No query: the first page of QUEUE_ROWS.
    let all = engine.queue_view(&QueueQuery::default()).await.unwrap();
    assert_eq!(
        (all.limit, all.offset, all.total),
        (afirgen_core::desk::QUEUE_ROWS, 0, 7)
    );
    // Out-of-range pages are held to sense, not refused.
    let held = engine.queue_view(&page(-5, 0)).await.unwrap();
    assert_eq!((held.offset, held.limit, held.jobs.len()), (0, 1, 1));

    // By state: one cancelled, the rest queued; the counts stay those of every job.
    assert!(engine.cancel(submitted[2].job_id, "officer").await.unwrap());
    let by = |filter| QueueQuery {
        filter: Some(filter),
        ..QueueQuery::default()
    };
    let cancelled = engine
        .queue_view(&by(QueueFilter::Cancelled))
        .await
        .unwrap();
    assert_eq!(ids(&cancelled), vec![submitted[2].job_id]);
    assert_eq!(cancelled.total, 1);
    assert_eq!(cancelled.counts.get("queued"), Some(&6));
    let queued = engine.queue_view(&by(QueueFilter::Queued)).await.unwrap();
    assert_eq!(queued.total, 6);
    assert!(!ids(&queued).contains(&submitted[2].job_id));
    for filter in [
        QueueFilter::Running,
        QueueFilter::AwaitingReview,
        QueueFilter::Failed,
        QueueFilter::Finalized,
    ] {
        let view = engine.queue_view(&by(filter)).await.unwrap();
        assert_eq!((view.total, view.jobs.len()), (0, 0), "{filter:?}");
    }
    // A filter and a page together.
    let second = engine
        .queue_view(&QueueQuery {
            filter: Some(QueueFilter::Queued),
            offset: Some(4),
            limit: Some(4),
            ..QueueQuery::default()
        })
        .await
        .unwrap();
    assert_eq!((second.total, second.jobs.len()), (6, 2));

    // By case number, as the Queue shows it ("#12" or "12").
    let case = submitted[4].case_id;
    for text in [format!("#{case}"), format!(" {case} ")] {
        let found = engine
            .queue_view(&QueueQuery {
                text: Some(text.clone()),
                ..QueueQuery::default()
            })
            .await
            .unwrap();
        assert!(ids(&found).contains(&submitted[4].job_id), "{text}");
        assert!(
            found.total <= 2,
            "a number finds that case or job: {text} {:?}",
            ids(&found)
        );
    }
    // Words no draft has find nothing; a LIKE wildcard is a plain character.
    for text in ["zzz-no-such-words", "%", "_"] {
        let found = engine
            .queue_view(&QueueQuery {
                text: Some(text.into()),
                ..QueueQuery::default()
            })
            .await
            .unwrap();
        assert_eq!(found.total, 0, "{text}");
    }
    // Changed since a time: only what changed from then (the cancel), by the engine's
    // clock.
    let since = engine.queue_view(&page(0, 1)).await.unwrap().now;
    let quiet = engine
        .queue_view(&QueueQuery {
            changed_since: Some(since + 1),
            ..QueueQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(quiet.total, 0);
    assert!(engine.cancel(submitted[5].job_id, "officer").await.unwrap());
    let news = engine
        .queue_view(&QueueQuery {
            changed_since: Some(since),
            ..QueueQuery::default()
        })
        .await
        .unwrap();
    // (The first cancel may share the clock's millisecond with `since`.)
    assert!(
        ids(&news).contains(&submitted[5].job_id),
        "{:?}",
        ids(&news)
    );
    for untouched in [0, 1, 3, 4, 6] {
        assert!(!ids(&news).contains(&submitted[untouched].job_id));
    }
});

both!(queue_estimates_from_recent_step_times, |db| async move {
    let t = fresh_store(db).await;
    // Each model call takes a moment, so the model steps have durations to measure.
    let server = mock(MockConfig {
        latency_ms: 60,
        ..MockConfig::default()
    })
    .await;
    let engine = engine(&t, test_config(&server.url()));

    // No finished job yet: no estimate for a waiting one.
    let first = engine
        .submit(text_case("My bicycle was stolen from the station parking."))
        .await
        .unwrap();
    let view = engine.queue_view(&QueueQuery::default()).await.unwrap();
    assert_eq!(view.jobs[0].job.id, first.job_id);
    assert_eq!(view.jobs[0].eta, None, "no history, no estimate");

    // Three jobs run to review.
    let dispatcher = engine.start();
    let mut finished = vec![settle(&engine, &first).await];
    for text in [HINDI, "Two men snatched my gold chain near the temple."] {
        let submitted = engine.submit(text_case(text)).await.unwrap();
        finished.push(settle(&engine, &submitted).await);
    }
    drop(dispatcher);
    assert!(finished.iter().all(|j| j.state == JobState::AwaitingReview));
    // Settled jobs have no estimate.
    let view = engine.queue_view(&QueueQuery::default()).await.unwrap();
    assert!(
        view.jobs.iter().all(|row| row.eta.is_none()),
        "{:?}",
        view.jobs
    );

    // The durations, read from the store here by hand: each step from the one before
    // (the first from submission), the median per step over the three jobs.
    let mut per_step: Vec<Vec<i64>> = vec![Vec::new(); Step::ALL.len()];
    for job in &finished {
        let stored = step_times(&t, job.id).await;
        assert_eq!(stored.len(), Step::ALL.len(), "{stored:?}");
        let mut before = job.created_at;
        for (index, step) in Step::ALL.iter().enumerate() {
            let (name, at) = &stored[index];
            assert_eq!(name, step.as_str());
            per_step[index].push(at - before);
            before = *at;
        }
    }
    let medians: Vec<i64> = per_step
        .into_iter()
        .map(|mut v| {
            v.sort_unstable();
            v[1]
        })
        .collect();
    // The model steps took at least the mock's latency.
    assert!(medians[1] >= 60 && medians[2] >= 60, "{medians:?}");

    // A new job waiting: every step's median from its submission, on three jobs.
    let waiting = engine
        .submit(text_case("Someone broke into my shop at night."))
        .await
        .unwrap();
    let view = engine.queue_view(&QueueQuery::default()).await.unwrap();
    let row = view
        .jobs
        .iter()
        .find(|r| r.job.id == waiting.job_id)
        .unwrap();
    let eta = row.eta.expect("an estimate from three finished jobs");
    assert_eq!(eta.based_on, 3);
    assert_eq!(
        eta.finish_at,
        row.job.created_at + medians.iter().sum::<i64>()
    );
    assert_eq!(eta.late, eta.finish_at < view.now);
    // The same from the store's rows through the core's own reading.
    let times = StepTimes::from_rows(&t.store.recent_step_times(20, None).await.unwrap());
    for (index, step) in Step::ALL.iter().enumerate() {
        assert_eq!(times.median(*step), Some(medians[index]), "{step:?}");
    }
    // Only the last N finished jobs count.
    assert_eq!(
        t.store.recent_step_times(1, None).await.unwrap().len(),
        Step::ALL.len()
    );

    // A running job in a later step: the steps it has left, from when it entered the
    // step it is in.
    let claimed = t
        .store
        .claim_next_job("test-worker", std::time::Duration::from_secs(60))
        .await
        .unwrap()
        .expect("the waiting job");
    assert_eq!(claimed.job.id, waiting.job_id);
    t.store
        .put_step_output_then(
            &claimed.claim,
            Step::InputsToText,
            &json!({"statement": "Someone broke into my shop at night."}),
            None,
            Some((Step::Extract, JobState::Extracting)),
        )
        .await
        .unwrap();
    let view = engine
        .queue_view(&QueueQuery {
            filter: Some(QueueFilter::Running),
            ..QueueQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(ids(&view), vec![waiting.job_id]);
    let row = &view.jobs[0];
    assert_eq!(row.job.step, Some(Step::Extract));
    assert_eq!(
        row.eta.map(|e| e.finish_at),
        Some(row.job.updated_at + medians[1..].iter().sum::<i64>())
    );
});

both!(queue_case_view_search_and_seal, |db| async move {
    let t = fresh_store(db).await;
    // Model calls that take a moment, so the job is still running when the watch
    // begins (at zero latency it could settle first and the watch see only the end).
    let server = mock(MockConfig {
        latency_ms: 100,
        ..MockConfig::default()
    })
    .await;
    let engine = engine(&t, test_config(&server.url()));
    let _dispatcher = engine.start();

    // Watching a job from submission: the first event is the state now, the last the
    // settled state, and the steps arrive in order in between.
    let submitted = engine.submit(text_case(HINDI)).await.unwrap();
    let mut seen = Vec::new();
    engine
        .watch(submitted.job_id, |event| {
            seen.push(event.state);
            true
        })
        .await
        .unwrap();
    assert_eq!(seen.last(), Some(&JobState::AwaitingReview), "{seen:?}");
    assert!(seen.len() >= 2, "{seen:?}");
    let job = settle(&engine, &submitted).await;
    let other = engine
        .submit(text_case("My bicycle was stolen from the station parking."))
        .await
        .unwrap();
    settle(&engine, &other).await;

    let queue = engine.queue_view(&page(0, 50)).await.unwrap();
    assert_eq!(queue.jobs.len(), 2);
    assert_eq!(queue.jobs[0].job.id, other.job_id, "newest first");
    assert_eq!(queue.counts.get("awaiting_review"), Some(&2));
    assert_eq!(queue.jobs[1].steps_done, queue.jobs[1].steps_total);
    assert!(!queue.jobs[1].sections.is_empty(), "sections listed");
    assert_eq!(
        queue.gates.max_concurrent_requests,
        engine.config().limits.max_concurrent_requests
    );

    // The case as Review shows it: the typed text kept byte for byte.
    let view = engine.case_view(job.case_id, "officer").await.unwrap();
    assert_eq!(view.inputs.len(), 1);
    assert_eq!(view.inputs[0].kind, InputKind::Text);
    assert_eq!(view.inputs[0].text.as_deref(), Some(HINDI));
    assert_eq!(view.statement.as_deref(), Some(HINDI));
    assert!(view.draft.is_some() && view.record.is_none());
    let bytes = engine
        .input_bytes(job.case_id, view.inputs[0].id, "officer")
        .await
        .unwrap();
    assert_eq!(bytes, HINDI.as_bytes());
    assert!(
        engine
            .input_bytes(other.case_id, view.inputs[0].id, "officer")
            .await
            .is_err(),
        "inputs of another case are not served"
    );
    // Who opened the case is audited: once per person however often the screen
    // reloads, and again for another person.
    engine.case_view(job.case_id, "officer").await.unwrap();
    engine.case_view(job.case_id, "asha").await.unwrap();
    let viewers = |trail: Vec<afirgen_core::domain::AuditEvent>| {
        trail
            .into_iter()
            .filter(|e| e.action == afirgen_core::engine::CASE_VIEWED)
            .map(|e| e.actor)
            .collect::<Vec<_>>()
    };
    let trail = engine.store().audit_trail(job.case_id).await.unwrap();
    assert_eq!(viewers(trail), ["officer", "asha"]);

    engine
        .edit_draft(
            job.case_id,
            "officer",
            &[FieldEdit {
                path: "complainant.name".into(),
                value: json!("सुनीता देवी"),
            }],
        )
        .await
        .unwrap();
    common::complete(&engine, job.case_id).await;
    let record = engine.finalize(job.id, &common::sho(), None).await.unwrap();

    // Search: by name (Devanagari), by number, by state, by date; wildcards are literal.
    let search = |text: Option<&str>, state: Option<JobState>| {
        let query = RecordQuery {
            text: text.map(str::to_owned),
            state,
            ..RecordQuery::default()
        };
        let engine = engine.clone();
        async move { engine.search(&query).await.unwrap() }
    };
    let by_name = search(Some("सुनीता"), None).await;
    assert_eq!(by_name.len(), 1);
    assert_eq!(by_name[0].complainant.as_deref(), Some("सुनीता देवी"));
    assert_eq!(
        by_name[0].record.as_ref().unwrap().display,
        record.display_number
    );
    assert_eq!(search(Some(&record.display_number), None).await.len(), 1);
    assert_eq!(
        search(Some(&record.number.to_string()), None).await.len(),
        1
    );
    assert_eq!(search(None, Some(JobState::AwaitingReview)).await.len(), 1);
    assert_eq!(
        search(Some("%"), None).await.len(),
        0,
        "% is matched literally"
    );
    assert_eq!(search(Some("bicycle"), None).await.len(), 1);
    // A bare section number finds the cases citing it.
    let cited = queue.jobs[0].sections[0].clone(); // e.g. "303(2) BNS"
    let number = cited
        .split(' ')
        .find(|word| word.starts_with(|c: char| c.is_ascii_digit()))
        .and_then(|s| s.split('(').next())
        .unwrap()
        .to_owned();
    assert!(
        search(Some(&number), None)
            .await
            .iter()
            .any(|row| row.job.id == other.job_id),
        "searching {number} finds the case citing {cited}"
    );
    let future = RecordQuery {
        from_ms: Some(afirgen_core::domain::now_ms() + 60_000),
        ..RecordQuery::default()
    };
    assert!(engine.search(&future).await.unwrap().is_empty());

    // The seal checks out, from the case and from the exported PDF.
    let verified = engine.verify_case(job.case_id).await.unwrap();
    assert!(verified.intact);
    let (_, pdf) = engine.record_pdf(job.case_id, "sho").await.unwrap();
    assert!(engine.verify_pdf(&pdf).await.unwrap().intact);
    assert!(engine.verify_pdf(b"%PDF-1.7 not ours").await.is_err());
    assert!(
        engine.record_pdf(other.case_id, "sho").await.is_err(),
        "no PDF before finalisation"
    );
});

#[test]
fn staging_checks_content_holds_files_and_takes_them_once() {
    let limits = InputConfig::default();
    let staging = Staging::default();
    let refused = staging
        .stage(
            "notes.wav",
            vec![0xff, 0xfe, 0x00, 0x81, 0x9c, 0x00, 0x13, 0x37],
            &limits,
        )
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("notes.wav is not a file type AFIRGen reads"),
        "{refused}"
    );
    let empty = staging.stage("empty.png", Vec::new(), &limits).unwrap_err();
    assert!(empty.to_string().contains("empty"), "{empty}");

    let png = {
        let mut bytes = Vec::new();
        image::RgbImage::new(8, 8)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    };
    // The name says audio; the content says image, and the content wins.
    let staged = staging.stage("scan.wav", png.clone(), &limits).unwrap();
    assert_eq!(staged.checked.kind, InputKind::Image);
    assert_eq!(staged.checked.mime, "image/png");
    let inputs = staging.take(&[staged.id]).unwrap();
    assert_eq!(inputs[0].bytes, png);
    assert_eq!(inputs[0].display_name.as_deref(), Some("scan.wav"));
    assert!(staging.take(&[staged.id]).is_err(), "taken once");

    // Names are display text: Devanagari kept byte for byte; control characters and
    // bidi overrides dropped; a very long name shortened (the column holds 255).
    let hindi = "शिकायत की स्कैन प्रति.png";
    assert_eq!(
        staging.stage(hindi, png.clone(), &limits).unwrap().name,
        hindi
    );
    let forged = staging
        .stage("a\nERROR forged\u{202E}gnp.exe", png.clone(), &limits)
        .unwrap();
    assert_eq!(forged.name, "aERROR forgedgnp.exe");
    let long = staging
        .stage(&"क".repeat(5000), png.clone(), &limits)
        .unwrap();
    assert_eq!(long.name.chars().count(), 200);
    let inputs = staging.take(&[long.id]).unwrap();
    assert_eq!(inputs[0].display_name.as_deref(), Some(long.name.as_str()));

    let kept = staging.stage("a.png", png.clone(), &limits).unwrap();
    assert!(staging.take(&[kept.id, 999]).is_err());
    assert_eq!(
        staging.take(&[kept.id]).unwrap().len(),
        1,
        "a failed take takes nothing"
    );
}

#[test]
fn settings_apply_validate_and_name_the_bad_field() {
    let base = Config::default();
    let settings = Settings {
        station_code: Some("DL-0123".into()),
        station_name: Some("कोतवाली".into()),
        llm_urls: vec!["http://127.0.0.1:8080/".into()],
        max_concurrent_requests: Some(4),
        ocr_languages: Some("eng+hin".into()),
        ..Settings::default()
    };
    settings.validate(&base).unwrap();
    let mut config = base.clone();
    settings.apply(&mut config);
    assert_eq!(config.station.code, "DL-0123");
    assert_eq!(config.station.name.as_deref(), Some("कोतवाली"));
    assert_eq!(config.llm.urls, ["http://127.0.0.1:8080"]);
    assert_eq!(config.limits.max_concurrent_requests, 4);
    assert_eq!(
        Settings::of(&config).station_code.as_deref(),
        Some("DL-0123")
    );

    // The form shows saved values (filled from the running config where unset) with the
    // database password hidden, and saving the hidden form keeps the password.
    let saved = Settings {
        database_url: Some("mysql://afirgen:s3cret@db.station/afirgen".into()),
        ..Settings::default()
    };
    let shown = saved.for_form(Some(&config));
    assert!(!shown.database_url.as_deref().unwrap().contains("s3cret"));
    assert_eq!(shown.station_code.as_deref(), Some("DL-0123"));
    assert!(
        shown.llm_urls.is_empty(),
        "running servers' URLs are not offered for saving"
    );
    let back = shown.with_secrets_from(&saved);
    assert_eq!(back.database_url, saved.database_url);

    // A station server key likewise: hidden on the form, kept when sent back unchanged,
    // replaced when a new one is typed.
    let key = format!("afg_{}_{}", "12".repeat(6), "9f".repeat(32));
    let saved = Settings {
        station_server_url: Some("http://192.168.1.10:8787".into()),
        station_api_key: Some(key.clone()),
        ..Settings::default()
    };
    saved.validate(&base).unwrap();
    let shown = saved.for_form(None);
    let hidden = shown.station_api_key.clone().unwrap();
    assert!(!hidden.contains(&"9f".repeat(32)), "{hidden}");
    assert_eq!(
        shown.clone().with_secrets_from(&saved).station_api_key,
        Some(key.clone())
    );
    let other = format!("afg_{}_{}", "34".repeat(6), "7e".repeat(32));
    let typed = Settings {
        station_api_key: Some(other.clone()),
        ..shown
    };
    assert_eq!(typed.with_secrets_from(&saved).station_api_key, Some(other));
    assert_eq!(
        saved.station().unwrap().unwrap().origin(),
        "http://192.168.1.10:8787"
    );
    assert!(Settings::default().station().unwrap().is_none());

    let bad = |s: Settings| s.validate(&base).unwrap_err().to_string();
    assert!(bad(Settings {
        llm_urls: vec!["localhost:8080".into()],
        ..Settings::default()
    })
    .contains("model endpoint"));
    // A station server needs a key, and a bad key is named without its secret.
    let no_key = bad(Settings {
        station_server_url: Some("http://192.168.1.10:8787".into()),
        ..Settings::default()
    });
    assert!(
        no_key.contains("station server") && no_key.contains("API key"),
        "{no_key}"
    );
    let bad_key = bad(Settings {
        station_server_url: Some("http://192.168.1.10:8787".into()),
        station_api_key: Some("afg_12_topsecret".into()),
        ..Settings::default()
    });
    assert!(!bad_key.contains("topsecret"), "{bad_key}");
    assert!(bad(Settings {
        station_server_url: Some("192.168.1.10:8787".into()),
        station_api_key: Some(key),
        ..Settings::default()
    })
    .contains("http://"));
    assert!(bad(Settings {
        station_code: Some("DL 01".into()),
        ..Settings::default()
    })
    .contains("station code"));
    assert!(bad(Settings {
        ocr_languages: Some("eng hin".into()),
        ..Settings::default()
    })
    .contains("OCR languages"));
    assert!(
        bad(Settings {
            max_concurrent_requests: Some(0),
            ..Settings::default()
        })
        .contains("MAX_CONCURRENT_REQUESTS")
            || bad(Settings {
                max_concurrent_requests: Some(0),
                ..Settings::default()
            })
            .contains("max_concurrent_requests")
    );
    assert!(bad(Settings {
        export_dir: Some("/no/such/folder".into()),
        ..Settings::default()
    })
    .contains("export folder"));
}

/// Two stations' servers on one MySQL database: each sees, changes and verifies only its
/// own cases, and a key opens only its own station's server. (A desk's own SQLite file
/// holds one station's cases and is not scoped.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stations_sharing_a_database_see_only_their_own() {
    use afirgen_core::auth::{self, AuthError, Role, StationScope};
    use afirgen_core::desk::DeskError;
    use afirgen_core::engine::EngineError;
    use afirgen_core::store::StoreError;
    fn not_found<T: std::fmt::Debug>(what: &str, result: Result<T, EngineError>) {
        match result {
            Err(EngineError::Store(StoreError::NotFound { .. })) => {}
            other => panic!("{what}: expected not found, got {other:?}"),
        }
    }
    fn desk_not_found<T: std::fmt::Debug>(what: &str, result: Result<T, DeskError>) {
        match result {
            Err(DeskError::Engine(err)) => not_found(what, Err::<(), _>(err)),
            Err(DeskError::NotFound(_)) => {}
            other => panic!("{what}: expected not found, got {other:?}"),
        }
    }

    let t = fresh_store(common::Db::MySql).await;
    let server = mock(MockConfig::default()).await;
    let ours = engine(&t, test_config(&server.url()));
    let mut config = test_config(&server.url());
    config.station.code = "PS002".into();
    let theirs = engine(&t, config);
    let _dispatcher = ours.start();
    let submitted = ours
        .submit(text_case("My bicycle was stolen from the station parking."))
        .await
        .unwrap();
    let job = settle(&ours, &submitted).await;
    let case = job.case_id;

    let their_queue = theirs.queue_view(&page(0, 50)).await.unwrap();
    assert!(their_queue.jobs.is_empty() && their_queue.total == 0);
    assert!(their_queue.counts.is_empty());
    // Nor do our jobs' step times estimate theirs.
    assert!(t
        .store
        .recent_step_times(20, Some("PS002"))
        .await
        .unwrap()
        .is_empty());
    assert!(!t
        .store
        .recent_step_times(20, Some("PS001"))
        .await
        .unwrap()
        .is_empty());
    assert!(theirs
        .search(&RecordQuery::default())
        .await
        .unwrap()
        .is_empty());
    desk_not_found("case", theirs.case_view(case, "ravi").await);
    desk_not_found("input", theirs.input_bytes(case, 1, "ravi").await);
    desk_not_found("watch", theirs.watch(job.id, |_| true).await);
    not_found("job", theirs.job(job.id).await);
    not_found("draft", theirs.draft(case).await);
    let edit = FieldEdit {
        path: "complainant.name".into(),
        value: json!("Someone Else"),
    };
    not_found("edit", theirs.edit_draft(case, "ravi", &[edit]).await);
    not_found("cancel", theirs.cancel(job.id, "ravi").await);
    not_found(
        "finalise",
        theirs.finalize(job.id, &common::sho(), None).await,
    );
    let submission = text_case("A case for the other station, sent to this one.");
    assert!(
        matches!(
            theirs.submit(submission).await,
            Err(EngineError::Invalid(_))
        ),
        "a case for station PS001 is not taken by station PS002's server"
    );

    // Untouched by the other station, finalised by its own.
    assert!(ours
        .case_view(case, "sho")
        .await
        .unwrap()
        .audit
        .iter()
        .all(|e| e.actor != "ravi"));
    common::complete(&ours, job.case_id).await;
    let record = ours.finalize(job.id, &common::sho(), None).await.unwrap();
    desk_not_found("verify", theirs.verify_case(case).await);
    desk_not_found("pdf", theirs.record_pdf(case, "ravi").await);
    desk_not_found("number", theirs.fir_by_number(&record.display_number).await);
    let (_, pdf) = ours.record_pdf(case, "sho").await.unwrap();
    desk_not_found("pdf check", theirs.verify_pdf(&pdf).await);
    assert!(ours.verify_pdf(&pdf).await.unwrap().intact);

    // Keys: a PS001 user is refused at PS002.
    let issued = auth::add_user(&t.store, "asha", Role::Sho, StationScope("PS001"))
        .await
        .unwrap();
    assert_eq!(
        auth::authenticate(&t.store, &issued.key, StationScope("PS001"))
            .await
            .unwrap()
            .name,
        "asha"
    );
    let refused = auth::authenticate(&t.store, &issued.key, StationScope("PS002")).await;
    assert!(
        matches!(refused, Err(AuthError::OtherStation { .. })),
        "{refused:?}"
    );
    // A user from before stations were recorded belongs to the first server to start.
    sqlx::query("UPDATE users SET station_code = NULL WHERE name = 'asha'")
        .execute(&sqlx::MySqlPool::connect(&t.url).await.unwrap())
        .await
        .unwrap();
    assert_eq!(
        auth::adopt_users(&t.store, StationScope("PS002"))
            .await
            .unwrap(),
        1
    );
    assert!(
        auth::authenticate(&t.store, &issued.key, StationScope("PS001"))
            .await
            .is_err()
    );
    assert!(
        auth::authenticate(&t.store, &issued.key, StationScope("PS002"))
            .await
            .is_ok()
    );
}
