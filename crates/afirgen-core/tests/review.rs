//! Officer review on both backends: edits with audit, sections from the catalogue,
//! regeneration that keeps the officer's edits, and a read-only finalized record.

mod common;

use afirgen_core::domain::{JobState, Step};
use afirgen_core::fir::{SectionSource, Source};
use afirgen_core::review::{FieldEdit, Regenerate};
use afirgen_mock::MockConfig;
use common::{engine, fresh_store, mock, settle, test_config, text_case};
use serde_json::json;

const STATEMENT: &str = "दो लड़के मोटरसाइकिल पर आए और मेरी सोने की चेन छीनकर भाग गए। Two men on a motorcycle snatched my gold chain near the market.";

both!(
    officer_edits_sections_regeneration_and_finalisation,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig::default()).await;
        let engine = engine(&t, test_config(&server.url()));
        let _dispatcher = engine.start();
        let submitted = engine.submit(text_case(STATEMENT)).await.unwrap();
        let job = settle(&engine, &submitted).await;
        assert_eq!(job.state, JobState::AwaitingReview);
        let case = job.case_id;

        // (a) Any field, directly; each change audited with old and new value.
        let draft = engine
            .edit_draft(
                case,
                "si.sharma",
                &[
                    FieldEdit {
                        path: "complainant.name".into(),
                        value: json!("सुनीता देवी"),
                    },
                    FieldEdit {
                        path: "occurrence.date_from".into(),
                        value: json!("2026-11-25"),
                    },
                    FieldEdit {
                        path: "place.address".into(),
                        value: json!("MG Road, near the vegetable market"),
                    },
                ],
            )
            .await
            .unwrap();
        assert_eq!(draft.complainant.name.as_deref(), Some("सुनीता देवी"));
        // What the officer typed is the officer's, and settles the notes on those fields.
        for path in ["complainant.name", "occurrence.date_from", "place.address"] {
            assert_eq!(draft.sources.get(path), Some(&Source::Officer), "{path}");
            assert!(
                draft.notes.iter().all(|n| n.field != path),
                "{path}: {:?}",
                draft.notes
            );
        }
        let wrong = engine
            .edit_draft(
                case,
                "si.sharma",
                &[FieldEdit {
                    path: "total_property_value_inr".into(),
                    value: json!("lots"),
                }],
            )
            .await;
        assert!(wrong
            .unwrap_err()
            .to_string()
            .contains("does not fit the form"));
        let trail = engine.store().audit_trail(case).await.unwrap();
        let name_edit = trail
            .iter()
            .find(|e| e.field.as_deref() == Some("complainant.name"))
            .unwrap();
        assert_eq!(
            (name_edit.action.as_str(), name_edit.actor.as_str()),
            ("draft.edited", "si.sharma")
        );
        assert_eq!(name_edit.old_value, None);
        assert_eq!(name_edit.new_value.as_deref(), Some("सुनीता देवी"));

        // (b) Sections: only catalogue entries, in the officer's order.
        let err = engine
            .set_sections(case, "sho", &["379".into()])
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("379 is not in the catalogue"),
            "{err}"
        );
        // Typed as FIRs write them, each names one entry; "303" alone names 303(2).
        let draft = engine
            .set_sections(case, "sho", &["u/s 138 NI Act".into(), "303 BNS".into()])
            .await
            .unwrap();
        let typed: Vec<String> = draft.acts_sections.iter().map(|s| s.display()).collect();
        assert_eq!(typed, ["Negotiable Instruments Act 138", "303(2) BNS"]);
        let draft = engine
            .set_sections(case, "sho", &["304(2)".into(), "115(2)".into()])
            .await
            .unwrap();
        let cited: Vec<(String, SectionSource)> = draft
            .acts_sections
            .iter()
            .map(|s| (s.section.clone(), s.source))
            .collect();
        assert_eq!(
            cited,
            [
                ("304(2)".to_owned(), SectionSource::Officer),
                ("115(2)".to_owned(), SectionSource::Officer)
            ]
        );
        assert_eq!(draft.acts_sections[0].title.as_deref(), Some("Snatching"));
        assert_eq!(draft.classification.as_ref().unwrap().report, "fir");

        // (c) Regenerate the facts with guidance: a new version, the officer's fields kept.
        let draft = engine
            .regenerate(
                job.id,
                Regenerate::Facts,
                Some("the chain weighed 20 grams"),
                "sho",
            )
            .await
            .unwrap();
        assert_eq!(
            draft.complainant.name.as_deref(),
            Some("सुनीता देवी"),
            "an edited field survives regeneration"
        );
        assert_eq!(draft.occurrence.date_from.as_deref(), Some("2026-11-25"));
        assert_eq!(
            draft.sources.get("complainant.name"),
            Some(&Source::Officer)
        );
        assert_eq!(
            draft.acts_sections.len(),
            2,
            "the officer's sections survive too"
        );
        assert_eq!(server.stats().by_schema["fir_facts"], 2);
        let regenerated = engine
            .regenerate(job.id, Regenerate::Sections, None, "sho")
            .await
            .unwrap();
        assert_eq!(
            regenerated.acts_sections[0].section, "304(2)",
            "still the officer's choice"
        );
        let actions: Vec<String> = engine
            .store()
            .audit_trail(case)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions.iter().filter(|a| *a == "draft.regenerated").count(),
            2
        );

        // (d) Approve: the frozen content holds the reviewed draft; then it is read-only.
        common::complete(&engine, job.case_id).await;
        let record = engine.finalize(job.id, &common::sho(), None).await.unwrap();
        assert_eq!(record.content["complainant"]["name"], "सुनीता देवी");
        assert_eq!(record.content["acts_sections"][0]["section"], "304(2)");
        let refused = engine
            .edit_draft(
                case,
                "si.sharma",
                &[FieldEdit {
                    path: "statement".into(),
                    value: json!("changed"),
                }],
            )
            .await;
        assert!(refused.unwrap_err().to_string().contains("read-only"));
        assert!(engine
            .set_sections(case, "sho", &["303(2)".into()])
            .await
            .is_err());
        assert!(engine
            .regenerate(job.id, Regenerate::Sections, None, "sho")
            .await
            .is_err());
        let outputs = engine.store().step_outputs(job.id).await.unwrap();
        assert!(outputs.contains_key(&Step::Extract));
    }
);

both!(
    an_incomplete_draft_is_refused_and_takes_no_number,
    |db| async move {
        use afirgen_core::EngineError;
        let t = fresh_store(db).await;
        let server = mock(MockConfig::default()).await;
        let mut config = test_config(&server.url());
        // A station that has not set its State and District yet.
        config.station.state = None;
        config.station.district = None;
        let engine = engine(&t, config);
        let _dispatcher = engine.start();
        let first = engine.submit(text_case(STATEMENT)).await.unwrap();
        let first = settle(&engine, &first).await;
        let second = engine.submit(text_case(STATEMENT)).await.unwrap();
        let second = settle(&engine, &second).await;
        common::complete(&engine, first.case_id).await;
        let blank = |path: &str| FieldEdit {
            path: path.into(),
            value: json!(""),
        };
        engine
            .edit_draft(
                first.case_id,
                "officer",
                &[blank("header.state"), blank("header.district")],
            )
            .await
            .unwrap();

        // The desk shows the same list before the click, and the number it would get.
        let view = engine.case_view(first.case_id, "sho").await.unwrap();
        let paths: Vec<_> = view.missing.iter().map(|m| m.path).collect();
        assert_eq!(paths, ["header.state", "header.district"]);
        let year = chrono::Datelike::year(&chrono::Utc::now());
        assert_eq!(
            view.next_number.as_ref().map(|n| n.display.clone()),
            Some(format!("0001/{year}"))
        );

        let refused = engine.finalize(first.id, &common::sho(), None).await;
        match &refused {
            Err(EngineError::Incomplete(missing)) => {
                assert_eq!(missing.len(), 2, "{missing:?}");
            }
            other => panic!("expected the missing items, got {other:?}"),
        }
        let message = refused.unwrap_err().to_string();
        assert!(
            message.contains("State (item 1), District (item 1)"),
            "{message}"
        );
        assert!(engine
            .store()
            .final_record(first.case_id)
            .await
            .unwrap()
            .is_none());
        assert_eq!(
            engine.store().get_job(first.id).await.unwrap().state,
            JobState::AwaitingReview
        );

        // Nothing was numbered: the next finalisation gets 1, and the first, once
        // filled in, 2.
        common::complete(&engine, second.case_id).await;
        let record = engine
            .finalize(second.id, &common::sho(), None)
            .await
            .unwrap();
        assert_eq!(record.number, 1);
        common::complete(&engine, first.case_id).await;
        let record = engine
            .finalize(first.id, &common::sho(), None)
            .await
            .unwrap();
        assert_eq!(record.number, 2);
        assert_eq!(record.content["header"]["state"], "Filled in for a test");
    }
);

#[tokio::test(flavor = "multi_thread")]
async fn the_property_value_decides_the_schedule_row_of_a_theft() {
    // Held to the end: the store, the mock server and the dispatcher.
    let drafted =
        common::drafted("My name is Ravi Kumar. My bicycle was stolen from outside the library.")
            .await;
    let (engine, job) = (&drafted.engine, &drafted.job);
    let case = job.case_id;
    // One property, its value not yet known: a total cannot decide the row.
    let draft = engine.draft(case).await.unwrap().unwrap();
    let mut edits = common::remove_rows("properties", draft.properties.len());
    edits.push(FieldEdit {
        path: "properties.0.description".into(),
        value: json!("bicycle"),
    });
    edits.push(FieldEdit {
        path: "total_property_value_inr".into(),
        value: json!(3_000),
    });
    engine.edit_draft(case, "officer", &edits).await.unwrap();
    let draft = engine
        .set_sections(case, "officer", &["303(2)".into()])
        .await
        .unwrap();
    let unknown = draft.acts_sections[0].schedule.clone().unwrap();
    assert!(
        unknown.cognizable && unknown.condition.is_none(),
        "{unknown:?}"
    );
    let value = |v: u64| FieldEdit {
        path: "properties.0.value_inr".into(),
        value: json!(v),
    };
    let total = |v: u64| FieldEdit {
        path: "total_property_value_inr".into(),
        value: json!(v),
    };
    let draft = engine
        .edit_draft(case, "officer", &[value(3_000)])
        .await
        .unwrap();
    let schedule = draft.acts_sections[0].schedule.clone().unwrap();
    assert!(!schedule.cognizable && schedule.bailable, "{schedule:?}");
    assert_eq!(
        schedule.condition.as_deref(),
        Some("the value of the property is under ₹5,000")
    );
    let classification = draft.classification.unwrap();
    assert_eq!(classification.report, "ncr", "{classification:?}");
    // The officer corrects the value: the section's own row again, and an FIR.
    let draft = engine
        .edit_draft(case, "officer", &[value(18_000), total(18_000)])
        .await
        .unwrap();
    let schedule = draft.acts_sections[0].schedule.clone().unwrap();
    assert!(schedule.cognizable && !schedule.bailable && schedule.condition.is_none());
    assert_eq!(draft.classification.unwrap().report, "fir");
    // Each turn between FIR and NCR is in the audit trail with the reason.
    let turns: Vec<String> = engine
        .store()
        .audit_trail(case)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "draft.classification")
        .map(|e| format!("{:?} -> {:?}", e.old_value, e.new_value))
        .collect();
    assert_eq!(turns.len(), 2, "{turns:?}");
    assert!(
        turns[1].contains("NCR") && turns[1].contains("-> Some(\"FIR"),
        "{turns:?}"
    );

    // Stalking: a second conviction is the officer's to say; the row is chosen, kept
    // when the sections change, and only a row the section has.
    let row = |path: &str, when: serde_json::Value| FieldEdit {
        path: path.into(),
        value: when,
    };
    engine
        .set_sections(case, "officer", &["303(2)".into(), "78(2)".into()])
        .await
        .unwrap();
    let wrong = engine
        .edit_draft(
            case,
            "officer",
            &[row("acts_sections.1.row", json!("the moon is full"))],
        )
        .await
        .unwrap_err();
    assert!(
        wrong
            .to_string()
            .contains("\"it is a second or subsequent conviction\""),
        "{wrong}"
    );
    let second = json!("it is a second or subsequent conviction");
    let draft = engine
        .edit_draft(case, "officer", &[row("acts_sections.1.row", second)])
        .await
        .unwrap();
    let stalking = draft.acts_sections[1].schedule.clone().unwrap();
    assert!(!stalking.bailable && stalking.chosen, "{stalking:?}");
    let draft = engine
        .set_sections(case, "officer", &["78(2)".into(), "303(2)".into()])
        .await
        .unwrap();
    let kept = draft.acts_sections[0].schedule.clone().unwrap();
    assert!(!kept.bailable, "kept when the sections change");
    let draft = engine
        .edit_draft(case, "officer", &[row("acts_sections.0.row", json!(null))])
        .await
        .unwrap();
    let back = draft.acts_sections[0].schedule.clone().unwrap();
    assert!(back.bailable && !back.chosen, "the facts decide again");
}

both!(
    signing_unjudged_sections_is_audited_only_with_the_seal,
    |db| async move {
        let t = fresh_store(db).await;
        // No judgement: the draft cites retrieval's first matches, unreviewed.
        let server = mock(MockConfig {
            fail_schemas: vec!["fir_sections".into()],
            ..MockConfig::default()
        })
        .await;
        let engine = engine(&t, test_config(&server.url()));
        let _dispatcher = engine.start();
        let submitted = engine.submit(text_case(STATEMENT)).await.unwrap();
        let job = settle(&engine, &submitted).await;
        let signed = |trail: &[afirgen_core::domain::AuditEvent]| {
            trail
                .iter()
                .filter(|e| e.action == afirgen_core::review::UNREVIEWED_SECTIONS_SIGNED)
                .count()
        };
        engine
            .edit_draft(
                job.case_id,
                "officer",
                &[FieldEdit {
                    path: "header.state".into(),
                    value: json!(""),
                }],
            )
            .await
            .unwrap();
        // Refused (item 1 is incomplete): nothing was signed, and the trail says nothing was.
        let refused = engine.approve_unreviewed(job.id, &common::sho()).await;
        assert!(refused.is_err(), "{refused:?}");
        let trail = engine.store().audit_trail(job.case_id).await.unwrap();
        assert_eq!(signed(&trail), 0, "{trail:#?}");

        common::complete(&engine, job.case_id).await;
        let record = engine
            .approve_unreviewed(job.id, &common::sho())
            .await
            .unwrap();
        let trail = engine.store().audit_trail(job.case_id).await.unwrap();
        assert_eq!(signed(&trail), 1);
        // Under the seal: the event precedes the finalisation, whose head the record signs.
        let at = |action: &str| trail.iter().position(|e| e.action == action).unwrap();
        assert!(at(afirgen_core::review::UNREVIEWED_SECTIONS_SIGNED) < at("fir.finalized"));
        assert_eq!(record.number, 1);
    }
);
