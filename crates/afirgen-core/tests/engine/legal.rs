//! The legal step: retrieval's ranking kept when the model cannot judge, and a
//! non-cognizable case numbered as a report.

use crate::both;
use crate::common::{self, engine, fresh_store, mock, settle, test_config, text_case};
use afirgen_core::domain::{JobState, Step};
use afirgen_core::fir::SectionSource;
use afirgen_mock::MockConfig;

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
        // The first matches are cited, unreviewed (at most the first three: how many
        // depends on the catalogue's ranking); the others are offered, not cited.
        assert!(
            (2..=3).contains(&draft.acts_sections.len()),
            "{:?}",
            draft.acts_sections
        );
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
