//! One conformance suite, run against SQLite and MariaDB: every test gets a database of
//! its own.

mod common;

use afirgen_core::domain::{
    AuditEvent, JobError, JobErrorKind, JobState, NewInput, Priority, Step,
};
use afirgen_core::store::Store;
use afirgen_core::store::{Claim, Claimed, RecordKind, StoreError};
use common::lost_ack::LostAck;
use common::{claim, claim_for, fresh_store, step_rows, text_case, Db};
use std::collections::{HashMap, HashSet};
use std::time::Duration;

const HINDI: &str = "मेरा नाम सुनीता देवी है। कल शाम 7 बजे बाज़ार से लौटते समय दो लड़के मोटरसाइकिल पर आए और मेरी सोने की चेन छीनकर भाग गए।";

both!(indic_text_round_trips_byte_for_byte, |db| async move {
    let t = fresh_store(db).await;
    // Devanagari, a Tamil line, an emoji (4-byte UTF-8) and a zero-width joiner.
    let text = format!("{HINDI}\nதமிழ் புகார்\n📱 क्‍ष");
    let (case_id, job_id) = t.store.submit_case(&text_case(&text), None).await.unwrap();
    let claim = claim(&t, "w").await;
    let inputs = t.store.case_inputs(case_id).await.unwrap();
    assert_eq!(inputs.len(), 1);
    let bytes = t.store.blob(&inputs[0].sha256).await.unwrap();
    assert_eq!(bytes, text.as_bytes());
    let output = serde_json::json!({"statement": text});
    t.store
        .put_step_output(&claim, Step::InputsToText, &output, Some(&text))
        .await
        .unwrap();
    let outputs = t.store.step_outputs(job_id).await.unwrap();
    assert_eq!(
        outputs[&Step::InputsToText]["statement"]
            .as_str()
            .unwrap()
            .as_bytes(),
        text.as_bytes()
    );
});

both!(inputs_are_content_addressed, |db| async move {
    let t = fresh_store(db).await;
    let mut case = text_case("the same statement");
    case.inputs.push(NewInput::text("the same statement"));
    t.store.submit_case(&case, None).await.unwrap();
    t.store
        .submit_case(&text_case("the same statement"), None)
        .await
        .unwrap();
    assert_eq!(t.store.count_blobs().await.unwrap(), 1);
    // A large blob spans several chunks and comes back whole.
    let big: String = "क".repeat(900_000);
    let (case_id, _) = t.store.submit_case(&text_case(&big), None).await.unwrap();
    let input = &t.store.case_inputs(case_id).await.unwrap()[0];
    assert_eq!(input.size as usize, big.len());
    assert_eq!(t.store.blob(&input.sha256).await.unwrap(), big.as_bytes());
});

both!(queue_is_priority_then_fifo, |db| async move {
    let t = fresh_store(db).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        let mut case = text_case(&format!("case {i}"));
        if i == 2 {
            case.priority = Priority::Urgent;
        }
        ids.push(t.store.submit_case(&case, None).await.unwrap().1);
    }
    let mut order = Vec::new();
    while let Some(Claimed { job, claim }) = t
        .store
        .claim_next_job("w1", Duration::from_secs(30))
        .await
        .unwrap()
    {
        assert_eq!(job.state, JobState::Transcribing);
        assert_eq!((job.attempts, claim.attempt), (1, 1));
        assert_eq!((claim.job_id, claim.owner.as_str()), (job.id, "w1"));
        order.push(job.id);
    }
    assert_eq!(order, vec![ids[2], ids[0], ids[1], ids[3]]);
});

both!(concurrent_claims_take_each_job_once, |db| async move {
    let t = fresh_store(db).await;
    for i in 0..40 {
        t.store
            .submit_case(&text_case(&format!("case {i}")), None)
            .await
            .unwrap();
    }
    let mut workers = Vec::new();
    for w in 0..8 {
        let store = t.store.clone();
        workers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while let Some(claimed) = store
                .claim_next_job(&format!("w{w}"), Duration::from_secs(30))
                .await
                .unwrap()
            {
                mine.push(claimed.job.id);
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.unwrap());
    }
    let distinct: HashSet<_> = all.iter().collect();
    assert_eq!(all.len(), 40, "every job claimed");
    assert_eq!(distinct.len(), 40, "no job claimed twice");
});

both!(
    orphans_return_to_the_queue_with_their_outputs,
    |db| async move {
        let t = fresh_store(db).await;
        let (_, job_id) = t.store.submit_case(&text_case("x"), None).await.unwrap();
        let Claimed { job, claim } = t
            .store
            .claim_next_job("dead", Duration::from_millis(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(job.id, job_id);
        t.store
            .enter_step(&claim, Step::Extract, JobState::Extracting)
            .await
            .unwrap();
        t.store
            .put_step_output(
                &claim,
                Step::InputsToText,
                &serde_json::json!({"statement": "x"}),
                None,
            )
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(t.store.requeue_orphans(None, 10).await.unwrap().resumed, 1);
        let again = t
            .store
            .claim_next_job("alive", Duration::from_secs(30))
            .await
            .unwrap()
            .unwrap()
            .job;
        assert_eq!(again.id, job_id);
        assert_eq!(again.attempts, 2);
        assert_eq!(
            again.state,
            JobState::Extracting,
            "resumes showing the step it stopped in"
        );
        assert!(t
            .store
            .step_outputs(job_id)
            .await
            .unwrap()
            .contains_key(&Step::InputsToText));
        // A live lease is left alone.
        assert_eq!(t.store.requeue_orphans(None, 10).await.unwrap().resumed, 0);
        // A known-dead owner is requeued at once.
        assert_eq!(
            t.store
                .requeue_orphans(Some("alive"), 10)
                .await
                .unwrap()
                .resumed,
            1
        );
    }
);

// Regression: leases used to be renewed for every job an owner held, so a job its
// worker had given up on (the database stopped answering mid-step) kept a live lease
// forever and never ran again until the process restarted.
both!(
    only_the_jobs_named_keep_their_lease_and_a_released_job_runs_again,
    |db| async move {
        let t = fresh_store(db).await;
        let (_, kept) = t.store.submit_case(&text_case("kept"), None).await.unwrap();
        let (_, dropped) = t
            .store
            .submit_case(&text_case("dropped"), None)
            .await
            .unwrap();
        let (_, released) = t
            .store
            .submit_case(&text_case("released"), None)
            .await
            .unwrap();
        let mut claims = HashMap::new();
        for _ in 0..3 {
            let claim = claim_for(&t, "w", Duration::from_millis(300)).await;
            claims.insert(claim.job_id, claim);
        }
        assert_eq!(
            t.store
                .renew_leases(
                    std::slice::from_ref(&claims[&kept]),
                    Duration::from_secs(60)
                )
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            t.store
                .renew_leases(&[], Duration::from_secs(60))
                .await
                .unwrap(),
            0
        );
        // Given back at once, under its own claim only.
        let foreign = Claim {
            owner: "someone else".to_owned(),
            ..claims[&released].clone()
        };
        assert!(!t.store.release_job(&foreign).await.unwrap());
        assert!(t.store.release_job(&claims[&released]).await.unwrap());
        assert_eq!(
            t.store.get_job(released).await.unwrap().state,
            JobState::Queued
        );
        tokio::time::sleep(Duration::from_millis(400)).await;
        // The unrenewed job's lease ran out; the renewed one is left alone.
        assert_eq!(t.store.requeue_orphans(None, 10).await.unwrap().resumed, 1);
        assert_eq!(
            t.store.get_job(dropped).await.unwrap().state,
            JobState::Queued
        );
        assert_ne!(t.store.get_job(kept).await.unwrap().state, JobState::Queued);
    }
);

// The lost acknowledgement: a run's write was committed, but the answer never reached
// the run (the database died first), so the run wrote again. The second write must find
// the first, not add a version.
both!(
    a_write_retried_under_the_same_claim_adds_no_version,
    |db| async move {
        let t = fresh_store(db).await;
        let (_, job_id) = t.store.submit_case(&text_case("x"), None).await.unwrap();
        let claim = claim(&t, "w").await;
        let output = serde_json::json!({"summary": "फ़ोन चोरी"});
        let first = t
            .store
            .put_step_output(&claim, Step::Extract, &output, Some("raw"))
            .await
            .unwrap();
        let retried = t
            .store
            .put_step_output(&claim, Step::Extract, &output, Some("raw"))
            .await
            .unwrap();
        assert_eq!((first, retried), (1, 1));
        assert_eq!(
            step_rows(&t, job_id).await,
            vec![("extract".to_owned(), 1, Some(claim.attempt))]
        );
        // An officer's regeneration is no retry: it adds a version.
        t.store
            .add_step_version(job_id, Step::Extract, &serde_json::json!({"v": 2}), None)
            .await
            .unwrap();
        assert_eq!(step_rows(&t, job_id).await.len(), 2);
    }
);

// A job whose worker dies every time (a decompression bomb in its input) is resumed
// once, and failed at the second interruption with the reason and its input kept — not
// taken again after every restart. An officer's retry starts the count again.
both!(
    a_job_that_keeps_stopping_its_worker_is_failed,
    |db| async move {
        let t = fresh_store(db).await;
        let (case_id, job_id) = t.store.submit_case(&text_case("x"), None).await.unwrap();
        for resume in 1..=1 {
            let c = claim(&t, "desk-1").await;
            assert_eq!(c.job_id, job_id);
            let orphans = t.store.requeue_orphans(Some("desk-1"), 2).await.unwrap();
            assert_eq!(
                (orphans.resumed, orphans.failed.len()),
                (1, 0),
                "resume {resume}"
            );
        }
        let c = claim(&t, "desk-1").await;
        t.store
            .enter_step(&c, Step::InputsToText, JobState::Transcribing)
            .await
            .unwrap();
        let orphans = t.store.requeue_orphans(Some("desk-1"), 2).await.unwrap();
        assert_eq!((orphans.resumed, orphans.failed.clone()), (0, vec![job_id]));
        let job = t.store.get_job(job_id).await.unwrap();
        assert_eq!(job.state, JobState::Failed);
        let error = job.error.expect("the reason is kept");
        assert!(
            error.message.contains("stopped 2 times") && error.message.contains("inputs_to_text"),
            "{}",
            error.message
        );
        assert!(
            t.store
                .claim_next_job("desk-2", Duration::from_secs(30))
                .await
                .unwrap()
                .is_none(),
            "not taken again"
        );
        let trail = t.store.audit_trail(case_id).await.unwrap();
        assert!(trail.iter().any(|e| e.action == "job.failed"), "audited");
        assert_eq!(
            t.store.case_inputs(case_id).await.unwrap().len(),
            1,
            "input kept"
        );

        // Retried by the officer: resumed once again.
        t.store.retry_job(job_id, "sho").await.unwrap();
        let _ = claim(&t, "desk-1").await;
        let orphans = t.store.requeue_orphans(Some("desk-1"), 2).await.unwrap();
        assert_eq!((orphans.resumed, orphans.failed.len()), (1, 0));
    }
);

// The stale run, as it happened after a database outage: run A's lease ran out while
// the database was away, the job went back to the queue and the same process claimed it
// again (run B). A, still alive, must not write a step, settle or fail the job, renew
// its lease, or give B's job back to the queue.
both!(a_run_that_lost_its_job_writes_nothing, |db| async move {
    let t = fresh_store(db).await;
    let (case_id, job_id) = t.store.submit_case(&text_case("x"), None).await.unwrap();
    let a = claim(&t, "desk-1").await;
    t.store
        .put_step_output(&a, Step::InputsToText, &serde_json::json!({"n": 1}), None)
        .await
        .unwrap();
    // A known-dead owner's jobs are requeued at once: the lease's expiry, without the wait.
    assert_eq!(
        t.store
            .requeue_orphans(Some("desk-1"), 10)
            .await
            .unwrap()
            .resumed,
        1
    );
    let b = claim(&t, "desk-1").await;
    assert_eq!((b.job_id, b.attempt, a.attempt), (job_id, 2, 1));

    let lost = |result: Result<(), StoreError>, what: &str| match result {
        Err(StoreError::ClaimLost {
            job_id: lost_job,
            attempt: 1,
            state,
        }) => {
            assert_eq!(lost_job, job_id, "{what}");
            assert!(
                state.is_running(),
                "{what}: the job is B's, running ({state})"
            );
        }
        other => panic!("{what}: the stale run was not refused: {other:?}"),
    };
    lost(
        t.store
            .enter_step(&a, Step::Extract, JobState::Extracting)
            .await,
        "entering a step",
    );
    lost(
        t.store
            .put_step_output(&a, Step::Extract, &serde_json::json!({"by": "A"}), None)
            .await
            .map(|_| ()),
        "storing a step",
    );
    lost(
        t.store
            .finish_run(&a, &serde_json::json!({"by": "A"}))
            .await,
        "settling the job",
    );
    let error = JobError {
        kind: JobErrorKind::Model,
        step: Some(Step::Extract),
        message: "stale".to_owned(),
        raw_answer: None,
    };
    lost(t.store.fail_run(&a, &error).await, "failing the job");
    assert!(
        !t.store.release_job(&a).await.unwrap(),
        "A gave B's job back to the queue"
    );
    assert_eq!(
        t.store
            .renew_leases(std::slice::from_ref(&a), Duration::from_secs(60))
            .await
            .unwrap(),
        0
    );
    let job = t.store.get_job(job_id).await.unwrap();
    assert!(job.state.is_running() && job.error.is_none(), "{job:?}");
    assert!(t.store.draft(case_id).await.unwrap().is_none());

    // B carries on, and ends the job.
    t.store
        .enter_step(&b, Step::Extract, JobState::Extracting)
        .await
        .unwrap();
    t.store
        .put_step_output(&b, Step::Extract, &serde_json::json!({"by": "B"}), None)
        .await
        .unwrap();
    t.store
        .finish_run(&b, &serde_json::json!({"by": "B"}))
        .await
        .unwrap();
    assert_eq!(t.store.draft(case_id).await.unwrap().unwrap()["by"], "B");
    assert_eq!(
        t.store.get_job(job_id).await.unwrap().state,
        JobState::AwaitingReview
    );
    // Each step once: the input text by A (while it held the job), the facts by B.
    assert_eq!(
        step_rows(&t, job_id).await,
        vec![
            ("extract".to_owned(), 1, Some(2)),
            ("inputs_to_text".to_owned(), 1, Some(1)),
        ]
    );
    let stored = t
        .store
        .put_step_output(&a, Step::LegalSections, &serde_json::json!({}), None)
        .await;
    assert!(
        matches!(
            stored,
            Err(StoreError::ClaimLost {
                state: JobState::AwaitingReview,
                ..
            })
        ),
        "{stored:?}"
    );
});

// A commit whose answer is really lost on the wire (MariaDB only: SQLite has no wire).
// The write happened; the caller saw the connection drop; its retry adds nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_commit_whose_answer_was_lost_is_stored_once_mysql() {
    let t = fresh_store(Db::MySql).await;
    let proxy = LostAck::start(&t.url).await;
    let store = Store::connect(&proxy.url, 2).await.unwrap();
    let (_, job_id) = store.submit_case(&text_case("x"), None).await.unwrap();
    let claim = store
        .claim_next_job("w", Duration::from_secs(60))
        .await
        .unwrap()
        .unwrap()
        .claim;
    let output = serde_json::json!({"statement": "x"});
    proxy.arm();
    let cut = store
        .put_step_output(&claim, Step::InputsToText, &output, None)
        .await;
    assert_eq!(proxy.cuts(), 1, "the answer to the commit was cut");
    assert!(
        cut.as_ref().is_err_and(StoreError::is_unavailable),
        "the writer saw the database go away: {cut:?}"
    );
    assert_eq!(
        step_rows(&t, job_id).await.len(),
        1,
        "yet the write happened"
    );
    let retried = store
        .put_step_output(&claim, Step::InputsToText, &output, None)
        .await
        .unwrap();
    assert_eq!(retried, 1);
    assert_eq!(step_rows(&t, job_id).await.len(), 1, "stored once");
}

both!(step_outputs_keep_versions_latest_wins, |db| async move {
    let t = fresh_store(db).await;
    let (_, job_id) = t.store.submit_case(&text_case("x"), None).await.unwrap();
    let claim = claim(&t, "w").await;
    let v1 = t
        .store
        .put_step_output(
            &claim,
            Step::Extract,
            &serde_json::json!({"v": 1}),
            Some("raw1"),
        )
        .await
        .unwrap();
    // An officer's regeneration adds a version each time.
    let v2 = t
        .store
        .add_step_version(job_id, Step::Extract, &serde_json::json!({"v": 2}), None)
        .await
        .unwrap();
    assert_eq!((v1, v2), (1, 2));
    assert_eq!(
        t.store.step_outputs(job_id).await.unwrap()[&Step::Extract]["v"],
        2
    );
});

both!(failures_are_kept_and_audited, |db| async move {
    let t = fresh_store(db).await;
    let rejection = JobError {
        kind: JobErrorKind::Input,
        step: None,
        message: "input 1 is empty".to_owned(),
        raw_answer: None,
    };
    let (case_id, job_id) = t
        .store
        .submit_case(&text_case("   "), Some(&rejection))
        .await
        .unwrap();
    let job = t.store.get_job(job_id).await.unwrap();
    assert_eq!(job.state, JobState::Failed);
    assert_eq!(job.error.as_ref(), Some(&rejection));
    assert!(matches!(
        t.store.retry_job(job_id, "sho").await,
        Err(StoreError::Conflict(_))
    ));

    let (case2, job2) = t.store.submit_case(&text_case("ok"), None).await.unwrap();
    let model_error = JobError {
        kind: JobErrorKind::Model,
        step: Some(Step::Extract),
        message: "LLM server unavailable".to_owned(),
        raw_answer: Some("{\"summary\": ".to_owned()),
    };
    let claim = claim(&t, "w").await;
    assert_eq!(claim.job_id, job2);
    t.store.fail_run(&claim, &model_error).await.unwrap();
    assert_eq!(
        t.store.get_job(job2).await.unwrap().error,
        Some(model_error)
    );
    t.store.retry_job(job2, "sho").await.unwrap();
    let retried = t.store.get_job(job2).await.unwrap();
    assert_eq!((retried.state, retried.error), (JobState::Queued, None));

    let trail: Vec<String> = t
        .store
        .audit_trail(case_id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(trail, vec!["case.submitted", "job.rejected"]);
    let trail: Vec<String> = t
        .store
        .audit_trail(case2)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(trail, vec!["case.submitted", "job.failed", "job.retried"]);
    let mut edit = AuditEvent::new(case2, Some(job2), "officer", "draft.edited");
    edit.field = Some("complainant.name".into());
    edit.old_value = None;
    edit.new_value = Some("सुनीता".into());
    t.store.append_audit(&edit).await.unwrap();
    let last = t.store.audit_trail(case2).await.unwrap().pop().unwrap();
    assert_eq!(last.new_value.as_deref(), Some("सुनीता"));
});

both!(cancel_stops_queued_jobs_only, |db| async move {
    let t = fresh_store(db).await;
    let (_, a) = t.store.submit_case(&text_case("a"), None).await.unwrap();
    assert!(t.store.cancel_job(a, "sho").await.unwrap());
    assert!(
        !t.store.cancel_job(a, "sho").await.unwrap(),
        "already cancelled"
    );
    assert_eq!(t.store.get_job(a).await.unwrap().state, JobState::Cancelled);
    assert!(t
        .store
        .claim_next_job("w", Duration::from_secs(1))
        .await
        .unwrap()
        .is_none());
    // A running job cancelled: its run can no longer enter a step or store anything.
    let (_, b) = t.store.submit_case(&text_case("b"), None).await.unwrap();
    let claim = claim(&t, "w").await;
    assert!(t.store.cancel_job(b, "sho").await.unwrap());
    let entered = t
        .store
        .enter_step(&claim, Step::Extract, JobState::Extracting)
        .await;
    assert!(
        matches!(
            entered,
            Err(StoreError::ClaimLost {
                state: JobState::Cancelled,
                ..
            })
        ),
        "{entered:?}"
    );
    let stored = t
        .store
        .put_step_output(&claim, Step::InputsToText, &serde_json::json!({}), None)
        .await;
    assert!(
        matches!(stored, Err(StoreError::ClaimLost { .. })),
        "{stored:?}"
    );
    assert!(t.store.step_outputs(b).await.unwrap().is_empty());
    assert_eq!(t.store.get_job(b).await.unwrap().state, JobState::Cancelled);
});

both!(a_finished_run_leaves_a_draft_to_review, |db| async move {
    let t = fresh_store(db).await;
    let (case_id, job_id) = t.store.submit_case(&text_case("x"), None).await.unwrap();
    assert!(t.store.draft(case_id).await.unwrap().is_none());
    let claim = claim(&t, "w").await;
    t.store
        .finish_run(&claim, &serde_json::json!({"n": 1}))
        .await
        .unwrap();
    assert_eq!(t.store.draft(case_id).await.unwrap().unwrap()["n"], 1);
    let job = t.store.get_job(job_id).await.unwrap();
    assert_eq!(job.state, JobState::AwaitingReview);
    let trail = t.store.audit_trail(case_id).await.unwrap();
    assert_eq!(trail.last().unwrap().action, "draft.generated");
    t.store
        .save_reviewed_draft(
            case_id,
            &serde_json::json!({"n": "दो"}),
            &["n".to_owned()],
            &[],
        )
        .await
        .unwrap();
    assert_eq!(t.store.draft(case_id).await.unwrap().unwrap()["n"], "दो");
});

both!(
    concurrent_finalisations_number_without_gaps,
    |db| async move {
        let t = fresh_store(db).await;
        let signer = std::sync::Arc::new(common::signer());
        let n = 200;
        let mut jobs = Vec::new();
        for i in 0..n {
            let (_, job_id) = t
                .store
                .submit_case(&text_case(&format!("case {i}")), None)
                .await
                .unwrap();
            jobs.push(job_id);
        }
        while let Some(claimed) = t
            .store
            .claim_next_job("w", Duration::from_secs(60))
            .await
            .unwrap()
        {
            t.store
                .finish_run(&claimed.claim, &serde_json::json!({}))
                .await
                .unwrap();
        }
        let mut tasks = Vec::new();
        for &job in &jobs {
            let store = t.store.clone();
            let signer = std::sync::Arc::clone(&signer);
            tasks.push(tokio::spawn(async move {
                store
                    .finalize(
                        job,
                        &afirgen_core::store::Sealing {
                            kind: afirgen_core::store::RecordKind::Fir,
                            year: 2026,
                            actor: "sho",
                            signer: &signer,
                            revision: 1,
                            noted: &[],
                        },
                        |number| Ok(serde_json::json!({"number": number, "job": job})),
                    )
                    .await
                    .unwrap()
            }));
        }
        let mut numbers = Vec::new();
        for task in tasks {
            let record = task.await.unwrap();
            assert_eq!(record.display_number, format!("{:04}/2026", record.number));
            assert_eq!(
                record.seal,
                afirgen_core::evidence::sha256_hex(
                    &afirgen_core::evidence::record_payload(&record).unwrap()
                )
            );
            numbers.push(record.number);
        }
        numbers.sort();
        assert_eq!(
            numbers,
            (1..=n as i64).collect::<Vec<_>>(),
            "distinct and gap-free"
        );
        // A second finalisation of the same job is refused and consumes no number.
        let again = t
            .store
            .finalize(
                jobs[0],
                &afirgen_core::store::Sealing {
                    kind: afirgen_core::store::RecordKind::Fir,
                    year: 2026,
                    actor: "sho",
                    signer: &signer,
                    revision: 1,
                    noted: &[],
                },
                |_| Ok(serde_json::json!({})),
            )
            .await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        // Another station, or the NCR series, starts at 1.
        let mut other = text_case("elsewhere");
        other.station_code = "PS002".into();
        let (case_id, job_id) = t.store.submit_case(&other, None).await.unwrap();
        let claim = claim(&t, "w").await;
        assert_eq!(claim.job_id, job_id);
        t.store
            .finish_run(&claim, &serde_json::json!({}))
            .await
            .unwrap();
        let record = t
            .store
            .finalize(
                job_id,
                &afirgen_core::store::Sealing {
                    kind: afirgen_core::store::RecordKind::Ncr,
                    year: 2026,
                    actor: "sho",
                    signer: &signer,
                    revision: 1,
                    noted: &[],
                },
                |_| Ok(serde_json::json!({})),
            )
            .await
            .unwrap();
        assert_eq!(record.number, 1);
        let stored = t.store.final_record(case_id).await.unwrap().unwrap();
        assert_eq!(stored.seal, record.seal);
        assert_eq!(stored.kind, RecordKind::Ncr);
    }
);
