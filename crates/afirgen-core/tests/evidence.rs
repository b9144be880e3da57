//! The record as evidence (issue 16, findings 2–4), on both backends: a forged PDF that
//! carries a genuine seal is not intact; a database edit to a sealed record is caught
//! even when the hash is recomputed; a deleted or altered audit event is caught; only a
//! station house officer may finalise, whichever desk asks; a computer without the
//! station's key cannot seal.

mod common;

use afirgen_core::auth::{AuthError, DeskSession, Role, Use, User};
use afirgen_core::evidence::{self, FileCheck, SignatureStatus};
use afirgen_core::signing::Keys;
use afirgen_core::EngineError;
use afirgen_mock::MockConfig;
use common::{engine, fresh_store, mock, settle, test_config, text_case, Db, TestStore};

const STATEMENT: &str = "My name is Ramesh Kumar. Yesterday at 9 pm my phone was stolen at the bus stop by Vijay Singh.";

/// Runs a statement to a draft awaiting review, with the data folder `data_dir` (the
/// station key's) when given: (engine, job).
async fn in_review(
    t: &TestStore,
    data_dir: Option<&std::path::Path>,
) -> (afirgen_core::Engine, afirgen_core::domain::Job) {
    let server = mock(MockConfig::default()).await;
    let mut config = test_config(&server.url());
    if let Some(dir) = data_dir {
        config.data_dir = Some(dir.to_owned());
    }
    let engine = engine(t, config);
    let dispatcher = engine.start();
    let submitted = engine.submit(text_case(STATEMENT)).await.unwrap();
    let job = settle(&engine, &submitted).await;
    common::complete(&engine, job.case_id).await;
    drop(dispatcher);
    // The drafting is done: no more model calls.
    std::mem::forget(server);
    (engine, job)
}

/// Runs a statement to a draft and finalises it as the SHO: (engine, case id).
async fn sealed(t: &TestStore, data_dir: &std::path::Path) -> (afirgen_core::Engine, i64) {
    let (engine, job) = in_review(t, Some(data_dir)).await;
    let record = engine.finalize(job.id, &common::sho(), None).await.unwrap();
    assert!(record.signature.is_some());
    (engine, job.case_id)
}

async fn execute(t: &TestStore, sql: &str, binds: &[&str]) {
    match t.db() {
        Db::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&t.url).await.unwrap();
            let mut query = sqlx::query(sql);
            for bind in binds {
                query = query.bind(*bind);
            }
            query.execute(&pool).await.unwrap();
            pool.close().await;
        }
        Db::MySql => {
            let pool = sqlx::MySqlPool::connect(&t.url).await.unwrap();
            let mut query = sqlx::query(sql);
            for bind in binds {
                query = query.bind(*bind);
            }
            query.execute(&pool).await.unwrap();
            pool.close().await;
        }
    }
}

both!(
    a_forged_copy_carrying_a_genuine_seal_is_not_intact,
    |db| async move {
        let t = fresh_store(db).await;
        let data = tempfile::tempdir().unwrap();
        let (engine, case_id) = sealed(&t, data.path()).await;
        let (record, genuine) = engine.record_pdf(case_id, "sho").await.unwrap();
        let verified = engine.verify_pdf(&genuine).await.unwrap();
        assert!(verified.intact, "{:?}", verified.problems);
        assert_eq!(verified.file, Some(FileCheck::Identical));

        // The forger's PDF: the same layout and the genuine seal, another accused.
        let mut forged_record = record.clone();
        forged_record.content["accused"] = serde_json::json!([{"name": "A DIFFERENT PERSON", "particulars": null, "address": null}]);
        let forged = afirgen_core::pdf::render(&forged_record).unwrap();
        assert_eq!(
            afirgen_core::pdf::seal_in(&forged),
            Some(record.seal.clone())
        );
        let verified = engine.verify_pdf(&forged).await.unwrap();
        assert!(!verified.intact, "a forged copy passed");
        let Some(FileCheck::Differs { lines }) = &verified.file else {
            panic!("{:?}", verified.file)
        };
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("- ") && l.contains("A DIFFERENT PERSON")),
            "the difference is named: {lines:?}"
        );
        // The record itself is still intact: it is the file that is not.
        assert!(engine.verify_case(case_id).await.unwrap().intact);
    }
);

both!(
    a_rehashed_database_edit_is_caught_by_the_signature,
    |db| async move {
        let t = fresh_store(db).await;
        let data = tempfile::tempdir().unwrap();
        let (engine, case_id) = sealed(&t, data.path()).await;
        let mut record = engine.store().final_record(case_id).await.unwrap().unwrap();
        // Someone with the database's credentials changes who finalised it and the
        // content, and recomputes the seal the way the code does.
        record.finalized_by = "someone else".to_owned();
        record.content["complainant"]["name"] = serde_json::json!("Mahesh Kumar");
        let seal = evidence::sha256_hex(&evidence::record_payload(&record).unwrap());
        let content = serde_json::to_string(&record.content).unwrap();
        execute(
            &t,
            "UPDATE fir_records SET content = ?, seal = ?, finalized_by = ?",
            &[&content, &seal, "someone else"],
        )
        .await;
        let verified = engine.verify_case(case_id).await.unwrap();
        assert!(!verified.intact, "a re-hashed edit passed");
        assert_eq!(verified.signature, SignatureStatus::Invalid);
        assert_eq!(
            verified.recomputed, verified.seal,
            "the hash alone was fooled"
        );
        // A signature made with a key of their own is not the station's.
        let forger = tempfile::tempdir().unwrap();
        let forger_keys = Keys::open_or_create(&Keys::dir_in(forger.path())).unwrap();
        let signer = forger_keys.signer().unwrap();
        let signature = signer.sign(&evidence::record_payload(&record).unwrap());
        execute(
            &t,
            "UPDATE fir_records SET signature = ?, key_id = ?",
            &[&signature, signer.key_id()],
        )
        .await;
        let verified = engine.verify_case(case_id).await.unwrap();
        assert!(!verified.intact);
        assert_eq!(verified.signature, SignatureStatus::UnknownKey);
    }
);

both!(
    a_deleted_or_altered_audit_event_is_caught,
    |db| async move {
        let t = fresh_store(db).await;
        let data = tempfile::tempdir().unwrap();
        let (engine, case_id) = sealed(&t, data.path()).await;
        let keys = engine.keys().unwrap();
        let report = evidence::verify_audit(engine.store(), &keys).await.unwrap();
        assert!(report.failures.is_empty(), "{:?}", report.failures);
        assert!(report.events >= 3 && report.records == 1, "{report:?}");

        // The newest event (the copy issued after finalisation) is deleted.
        let (_, _) = engine.record_pdf(case_id, "clerk").await.unwrap();
        let newest = engine
            .store()
            .audit_trail(case_id)
            .await
            .unwrap()
            .last()
            .unwrap()
            .id;
        execute(
            &t,
            "DELETE FROM audit_events WHERE id = ?",
            &[&newest.to_string()],
        )
        .await;
        let report = evidence::verify_audit(engine.store(), &keys).await.unwrap();
        assert!(
            report.failures.iter().any(|f| f
                .problems
                .iter()
                .any(|p| p.contains("newest audit events are missing"))),
            "{report:?}"
        );

        // An event from the middle of the trail is deleted.
        let trail = engine.store().audit_trail(case_id).await.unwrap();
        let middle = trail[1].id.to_string();
        execute(&t, "DELETE FROM audit_events WHERE id = ?", &[&middle]).await;
        let report = evidence::verify_audit(engine.store(), &keys).await.unwrap();
        assert_eq!(report.failures.len(), 1, "{report:?}");
        assert!(
            report.failures[0]
                .problems
                .iter()
                .any(|p| p.contains("deleted or changed")),
            "{:?}",
            report.failures[0].problems
        );
        assert!(!engine.verify_case(case_id).await.unwrap().intact);

        // Even a trail rewritten whole, every hash recomputed, no longer matches the head
        // the station signed.
        let rest: Vec<_> = engine.store().audit_chain(case_id).await.unwrap();
        let mut prev = String::new();
        for (event, _, _) in &rest {
            let mut event = event.clone();
            if event.action == "fir.finalized" {
                event.actor = "someone else".to_owned();
            }
            let hash = rehash(&prev, &event);
            execute(
                &t,
                "UPDATE audit_events SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?",
                &[&event.actor, &prev, &hash, &event.id.to_string()],
            )
            .await;
            prev = hash;
        }
        let checked = engine.verify_case(case_id).await.unwrap();
        assert!(!checked.intact);
        assert!(
            checked
                .problems
                .iter()
                .any(|p| p.contains("not the one that was sealed")),
            "{:?}",
            checked.problems
        );
    }
);

/// The chain's hash, computed as a forger would from the published rule.
fn rehash(prev: &str, event: &afirgen_core::domain::AuditEvent) -> String {
    let linked = serde_json::json!({
        "prev": prev, "case_id": event.case_id, "job_id": event.job_id, "actor": event.actor,
        "at": event.at, "action": event.action, "field": event.field,
        "old_value": event.old_value, "new_value": event.new_value,
    });
    evidence::sha256_hex(&afirgen_core::fir::canonical_json(&linked))
}

both!(
    only_a_station_house_officer_finalises_whichever_desk_asks,
    |db| async move {
        let t = fresh_store(db).await;
        let (engine, job) = in_review(&t, None).await;
        // The desktop's path: the first start creates the station house officer, who
        // adds a writer; each signs in at their own desk session, and the command
        // passes the signed-in user.
        let idle = std::time::Duration::from_secs(600);
        let sho_desk = DeskSession::new(idle);
        let state = engine.sign_in_state(&sho_desk).await.unwrap();
        assert!(state.first_start && state.user.is_none());
        engine
            .desk_first_sho(&sho_desk, "Inspector.Rao", "station-pin-1")
            .await
            .unwrap();
        // Only once: the next desk to start signs in instead.
        let writer_desk = DeskSession::new(idle);
        assert!(
            !engine
                .sign_in_state(&writer_desk)
                .await
                .unwrap()
                .first_start
        );
        assert!(matches!(
            engine
                .desk_first_sho(&writer_desk, "someone", "another-pin")
                .await,
            Err(AuthError::HasUsers)
        ));
        engine
            .desk_add_user(&sho_desk, "Meena", Role::Writer, "meena-2026")
            .await
            .unwrap();
        // A writer cannot add users either.
        engine
            .desk_sign_in(&writer_desk, "Meena", "meena-2026")
            .await
            .unwrap();
        assert!(matches!(
            engine
                .desk_add_user(&writer_desk, "x", Role::Sho, "whatever1")
                .await,
            Err(AuthError::Forbidden { .. })
        ));
        let writer = engine.desk_user(&writer_desk, Use::Active).await.unwrap();
        let refused = engine.finalize(job.id, &writer, None).await;
        assert!(
            matches!(&refused, Err(EngineError::Forbidden(_))),
            "{refused:?}"
        );
        assert!(refused
            .unwrap_err()
            .to_string()
            .contains("Meena is a writer"));
        assert!(engine
            .store()
            .final_record(job.case_id)
            .await
            .unwrap()
            .is_none());
        let trail = engine.store().audit_trail(job.case_id).await.unwrap();
        assert!(!trail.iter().any(|e| e.action == "fir.finalized"));
        // Signed out, no one acts at that desk.
        engine.desk_sign_out(&writer_desk).await.unwrap();
        assert!(matches!(
            engine.desk_user(&writer_desk, Use::Active).await,
            Err(AuthError::SignedOut)
        ));
        let sho = engine.desk_user(&sho_desk, Use::Active).await.unwrap();
        let record = engine.finalize(job.id, &sho, None).await.unwrap();
        assert_eq!(record.finalized_by, "Inspector.Rao");
        let trail = engine.store().audit_trail(job.case_id).await.unwrap();
        assert!(trail
            .iter()
            .any(|e| e.action == "fir.finalized" && e.actor == "Inspector.Rao"));
    }
);

both!(
    a_computer_without_the_station_key_cannot_seal,
    |db| async move {
        let t = fresh_store(db).await;
        let data = tempfile::tempdir().unwrap();
        // This computer trusts the station's public key but does not hold its private key.
        let station = tempfile::tempdir().unwrap();
        let station_keys = Keys::open_or_create(&Keys::dir_in(station.path())).unwrap();
        let backup = station.path().join("backup");
        station_keys.backup(&backup).unwrap();
        Keys::restore(&Keys::dir_in(data.path()), &backup).unwrap();
        std::fs::remove_file(Keys::dir_in(data.path()).join("signing.key")).unwrap();
        let (engine, job) = in_review(&t, Some(data.path())).await;
        let sho = User {
            name: "sho".to_owned(),
            role: Role::Sho,
        };
        let refused = engine.finalize(job.id, &sho, None).await;
        assert!(matches!(&refused, Err(EngineError::Key(_))), "{refused:?}");
        assert!(refused
            .unwrap_err()
            .to_string()
            .contains("only the station can seal"));
        assert!(engine
            .store()
            .final_record(job.case_id)
            .await
            .unwrap()
            .is_none());
    }
);

// The grants script (MySQL only: SQLite has no accounts): a desk's account may add to
// the evidence tables but cannot change or delete what is there.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_desk_grants_forbid_rewriting_evidence_mysql() {
    let t = fresh_store(Db::MySql).await;
    let schema = t.url.rsplit('/').next().unwrap().to_owned();
    let suffix = format!("{:08x}", fastrand::u32(..));
    let script = include_str!("../../../scripts/mysql-grants.sql")
        .replace("afirgen.", &format!("`{schema}`."))
        .replace("'afirgen_server'", &format!("'afirgen_server_{suffix}'"))
        .replace("'afirgen_desk'", &format!("'afirgen_desk_{suffix}'"));
    let admin = sqlx::MySqlPool::connect(&t.url).await.unwrap();
    let script: String = script
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    for statement in script.split(';').filter(|s| !s.trim().is_empty()) {
        sqlx::query(statement).execute(&admin).await.unwrap();
    }
    // Something to try to rewrite.
    let (case_id, _) = t.store.submit_case(&text_case("x"), None).await.unwrap();
    let base = t
        .url
        .split_once("://")
        .unwrap()
        .1
        .split_once('@')
        .unwrap()
        .1;
    let desk_url = format!("mysql://afirgen_desk_{suffix}@{base}");
    let desk = sqlx::MySqlPool::connect(&desk_url).await.unwrap();
    let denied = |result: Result<sqlx::mysql::MySqlQueryResult, sqlx::Error>| match result {
        Err(sqlx::Error::Database(err)) => err.code().as_deref() == Some("42000"),
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert!(denied(
        sqlx::query("DELETE FROM audit_events WHERE case_id = ?")
            .bind(case_id)
            .execute(&desk)
            .await
    ));
    assert!(denied(
        sqlx::query("UPDATE audit_events SET actor = 'x' WHERE case_id = ?")
            .bind(case_id)
            .execute(&desk)
            .await
    ));
    assert!(denied(
        sqlx::query("UPDATE fir_records SET finalized_by = 'x'")
            .execute(&desk)
            .await
    ));
    desk.close().await;
    // Everything the core does at a desk works under these grants: open (migrations
    // already applied), submit, run, edit, finalise, and the chain still holds.
    let store = afirgen_core::store::Store::connect(&desk_url, 2)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let (case_id, job_id) = store.submit_case(&text_case("y"), None).await.unwrap();
    let claim = loop {
        let claimed = store
            .claim_next_job("desk", std::time::Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        if claimed.claim.job_id == job_id {
            break claimed.claim;
        }
    };
    store
        .put_step_output(
            &claim,
            afirgen_core::domain::Step::InputsToText,
            &serde_json::json!({}),
            None,
        )
        .await
        .unwrap();
    store
        .finish_run(&claim, &serde_json::json!({"v": 1}))
        .await
        .unwrap();
    let event = afirgen_core::domain::AuditEvent::new(case_id, None, "desk", "draft.edited");
    store
        .save_reviewed_draft(case_id, &serde_json::json!({"v": 2}), &[], &[event])
        .await
        .unwrap();
    let record = store
        .finalize(
            job_id,
            &afirgen_core::store::Sealing {
                kind: afirgen_core::store::RecordKind::Fir,
                year: 2026,
                actor: "sho",
                signer: &common::signer(),
                revision: 2,
                noted: &[],
            },
            |_| Ok(serde_json::json!({"v": 2})),
        )
        .await
        .unwrap();
    assert_eq!(record.number, 1);
    let chain = evidence::check_chain(&store.audit_chain(case_id).await.unwrap());
    assert!(chain.problems.is_empty(), "{chain:?}");
    // Signing in at a desk works under these grants too: the first officer, a wrong
    // password counted, a session opened and closed, users added, stale sessions swept.
    let scope = afirgen_core::auth::StationScope("PS-GRANTS");
    let sho = afirgen_core::auth::create_first_sho(&store, "grants.sho", "station-pin-1", scope)
        .await
        .unwrap();
    assert!(
        afirgen_core::auth::sign_in_session(&store, "grants.sho", "wrong-pin-1", scope)
            .await
            .is_err()
    );
    let (_, token) =
        afirgen_core::auth::sign_in_session(&store, "grants.sho", "station-pin-1", scope)
            .await
            .unwrap();
    afirgen_core::auth::add_user_with_password(
        &store,
        &sho,
        "grants.writer",
        Role::Writer,
        "writer-pin-1",
        scope,
    )
    .await
    .unwrap();
    afirgen_core::auth::close_session(&store, &token)
        .await
        .unwrap();
    afirgen_core::auth::session::end_idle_sessions(&store, std::time::Duration::ZERO)
        .await
        .unwrap();
    store.close().await;
    for user in ["afirgen_server", "afirgen_desk"] {
        sqlx::query(&format!("DROP USER '{user}_{suffix}'@'%'"))
            .execute(&admin)
            .await
            .unwrap();
    }
    admin.close().await;
}

both!(
    priority_changes_are_audited_and_only_for_unfinished_jobs,
    |db| async move {
        let t = fresh_store(db).await;
        let (case_id, job_id) = t.store.submit_case(&text_case("x"), None).await.unwrap();
        t.store
            .set_priority(job_id, afirgen_core::domain::Priority::Urgent, "asha")
            .await
            .unwrap();
        let trail = t.store.audit_trail(case_id).await.unwrap();
        let event = trail.iter().find(|e| e.action == "job.priority").unwrap();
        assert_eq!(
            (
                event.actor.as_str(),
                event.old_value.as_deref(),
                event.new_value.as_deref()
            ),
            ("asha", Some("normal"), Some("urgent"))
        );
        // Unknown job: not found, not a silent success.
        let missing = t
            .store
            .set_priority(999_999, afirgen_core::domain::Priority::Urgent, "asha")
            .await;
        assert!(
            matches!(
                missing,
                Err(afirgen_core::store::StoreError::NotFound { .. })
            ),
            "{missing:?}"
        );
        // A finished job keeps its priority.
        t.store.cancel_job(job_id, "asha").await.unwrap();
        let settled = t
            .store
            .set_priority(job_id, afirgen_core::domain::Priority::Normal, "asha")
            .await;
        assert!(
            matches!(settled, Err(afirgen_core::store::StoreError::Conflict(_))),
            "{settled:?}"
        );
    }
);

both!(
    a_supplement_is_signed_and_an_edit_to_it_is_caught,
    |db| async move {
        let t = fresh_store(db).await;
        let data = tempfile::tempdir().unwrap();
        let (engine, case_id) = sealed(&t, data.path()).await;
        let supplement = engine
            .supplement(case_id, "sho", "The phone's IMEI is 356938035643809.")
            .await
            .unwrap();
        assert!(supplement.signature.is_some());
        let verified = engine.verify_case(case_id).await.unwrap();
        assert!(verified.intact, "{:?}", verified.problems);
        assert!(verified.warnings.is_empty(), "{:?}", verified.warnings);
        // The correction is changed behind the station's back, its hash recomputed.
        let mut content = supplement.content.clone();
        content["correction"] = serde_json::json!("The phone's IMEI is 000000000000000.");
        let seal = evidence::sha256_hex(&afirgen_core::fir::canonical_json(&content));
        execute(
            &t,
            "UPDATE supplements SET content = ?, seal = ?",
            &[&serde_json::to_string(&content).unwrap(), &seal],
        )
        .await;
        let verified = engine.verify_case(case_id).await.unwrap();
        assert!(!verified.intact);
        assert!(
            verified
                .problems
                .iter()
                .any(|p| p.contains("signature on supplementary record")),
            "{:?}",
            verified.problems
        );
    }
);

both!(
    sessions_left_open_past_a_shift_are_ended_by_the_engine,
    |db| async move {
        let t = fresh_store(db).await;
        let engine = engine(&t, test_config("http://127.0.0.1:9"));
        let idle = std::time::Duration::from_secs(600);
        // A desk switched off without signing out, its session last used long ago…
        let gone = DeskSession::new(idle);
        engine
            .desk_first_sho(&gone, "Inspector.Rao", "station-pin-1")
            .await
            .unwrap();
        execute(&t, "UPDATE sessions SET last_seen_at = 0", &[]).await;
        // …one left seven hours ago, within a shift, which is kept…
        let within = DeskSession::new(idle);
        engine
            .desk_sign_in(&within, "Inspector.Rao", "station-pin-1")
            .await
            .unwrap();
        let seven_hours_ago = (afirgen_core::domain::now_ms() - 7 * 3600 * 1000).to_string();
        execute(
            &t,
            "UPDATE sessions SET last_seen_at = ? WHERE last_seen_at > 0",
            &[&seven_hours_ago],
        )
        .await;
        // …and one in use now.
        let here = DeskSession::new(idle);
        engine
            .desk_sign_in(&here, "Inspector.Rao", "station-pin-1")
            .await
            .unwrap();
        let sessions = || async {
            let sql = "SELECT COUNT(*) FROM sessions";
            match t.db() {
                Db::Sqlite => {
                    let pool = sqlx::SqlitePool::connect(&t.url).await.unwrap();
                    let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
                    pool.close().await;
                    n
                }
                Db::MySql => {
                    let pool = sqlx::MySqlPool::connect(&t.url).await.unwrap();
                    let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
                    pool.close().await;
                    n
                }
            }
        };
        assert_eq!(sessions().await, 3);
        // The engine's housekeeping ends the stale one as it starts, not the others.
        let dispatcher = engine.start();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while sessions().await == 3 && std::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        // A moment more, in case it would take the seven-hour one too.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(sessions().await, 2);
        assert!(engine.desk_user(&here, Use::Look).await.is_ok());
        dispatcher.stop();
    }
);

both!(
    two_desks_creating_the_first_officer_at_once_get_one_officer_and_a_sign_in,
    |db| async move {
        let t = fresh_store(db).await;
        // Each round a station's first start, from two desks at the same instant: one
        // officer is created, the other desk is told to sign in instead (on MySQL the
        // loser of the race was a deadlock victim and showed a database error).
        for round in 0..8 {
            let station = format!("PS-RACE-{round}");
            let scope = afirgen_core::auth::StationScope(&station);
            // Names are the station's own: another station's officer is never replaced.
            let (first, second) = (format!("first.{round}"), format!("second.{round}"));
            let (a, b) = tokio::join!(
                afirgen_core::auth::create_first_sho(&t.store, &first, "station-pin-1", scope),
                afirgen_core::auth::create_first_sho(&t.store, &second, "station-pin-2", scope),
            );
            let created = [&a, &b].iter().filter(|r| r.is_ok()).count();
            assert_eq!(created, 1, "round {round}: {a:?} / {b:?}");
            assert!(
                [a, b]
                    .into_iter()
                    .any(|r| matches!(r, Err(AuthError::HasUsers))),
                "round {round}: the other desk is not told to sign in"
            );
        }
        // A first start with a name another station's active officer holds is told the
        // name is taken (it was a key violation), and that officer stays.
        afirgen_core::auth::create_first_sho(
            &t.store,
            "taken.sho",
            "station-pin-3",
            afirgen_core::auth::StationScope("PS-RACE-OLD"),
        )
        .await
        .unwrap();
        let taken = afirgen_core::auth::create_first_sho(
            &t.store,
            "taken.sho",
            "station-pin-4",
            afirgen_core::auth::StationScope("PS-RACE-NEW"),
        )
        .await;
        match taken {
            Err(AuthError::Store(afirgen_core::store::StoreError::Conflict(message))) => {
                assert!(message.contains("another station"), "{message}")
            }
            other => panic!("a taken name at a first start: {other:?}"),
        }
        assert!(t.store.has_active_users("PS-RACE-OLD").await.unwrap());
        assert!(!t.store.has_active_users("PS-RACE-NEW").await.unwrap());
    }
);
