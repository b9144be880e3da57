//! The draft survives a small model's wrong answers. The answers SmolLM2-135M gave for
//! samples/complaint-en.txt (issue 15: the name cut mid-word and repeated as the father's,
//! the complainant as accused and witness, 12:15 for "9:15 in the morning", Rs
//! 1,80,00,00,000 for 18,000, Robbery cited with the reason of Theft) are replayed by the
//! mock through the whole pipeline, on both backends.

mod common;

use afirgen_core::fir::{SectionSource, Source};
use afirgen_mock::MockConfig;
use common::{draft_of, fresh_store};
use serde_json::json;

const STATEMENT: &str = include_str!("../../../samples/complaint-en.txt");

fn wrong_facts() -> serde_json::Value {
    let cut = "Ramesh Kumar, son of Suresh Kumar, aged 34, a shopkeeper living at 12 Gandhi Nag";
    let complainant = json!({"name": cut, "relative_name": cut, "age": 34,
        "occupation": "Salesman", "address": "12345", "phone": "98100 12345"});
    json!({
        "complainant": complainant,
        "incident": {"date_from": "2026-11-20", "date_to": null, "time_from": "12:15",
            "time_to": "20:15", "time_description": null, "place": "Sell of Samsung Galaxy"},
        "accused": [{"name": cut, "description": null, "address": "12345"}],
        // A name the statement never mentions, as the model invents on other complaints.
        "witnesses": [complainant, {"name": "Vijay Malhotra", "relative_name": null, "age": 41,
            "occupation": null, "address": "Karol Bagh", "phone": "98111 00000"}],
        "property": [{"description": "Sell of Samsung Galaxy", "value_inr": 1_800_000_000u64}],
        "delay_reason": "Slander",
        "summary": "Slander",
    })
}

fn wrong_sections() -> serde_json::Value {
    json!({"sections": [
        {"section": "309(4)", "reason": "Dishonestly taking movable property out of someone's possession without consent: stolen mobile phone, pickpocketing."},
        // What SmolLM2-135M answered for this statement: robbery again, "because 309(4)".
        {"section": "309(4)", "reason": "309(4)"}
    ]})
}

both!(
    a_small_models_wrong_answers_never_reach_the_draft,
    |db| async move {
        let t = fresh_store(db).await;
        let models = MockConfig {
            canned: [
                ("fir_facts".to_owned(), wrong_facts()),
                ("fir_sections".to_owned(), wrong_sections()),
            ]
            .into(),
            ..MockConfig::default()
        };
        let (_, d, _) = draft_of(&t, models, STATEMENT).await;

        let c = &d.complainant;
        assert_eq!(c.name.as_deref(), Some("Ramesh Kumar"));
        assert_eq!(c.relative_name.as_deref(), Some("Suresh Kumar"));
        assert!(
            c.birth.as_deref().is_some_and(|b| b.contains("34")),
            "{:?}",
            c.birth
        );
        assert_eq!(c.occupation.as_deref(), Some("shopkeeper"));
        assert_eq!(c.address.as_deref(), Some("12 Gandhi Nagar"));
        assert_eq!(c.phone.as_deref(), Some("98100 12345"));
        assert_eq!(d.occurrence.date_from.as_deref(), Some("2026-11-20"));
        assert_eq!(d.occurrence.time_from.as_deref(), Some("09:15"));
        assert_eq!(
            d.occurrence.time_to, None,
            "20:15 is nowhere in the statement"
        );
        assert_eq!(d.place.address.as_deref(), Some("Rajiv Chowk stop"));
        assert!(d.accused.is_empty(), "{:?}", d.accused);
        assert!(
            d.notes.iter().any(|n| n.message.contains("Vijay Malhotra")),
            "the officer is told whom the model named: {:#?}",
            d.notes
        );
        let printed = serde_json::to_string(&d).unwrap();
        let outside_notes = printed.replace(&serde_json::to_string(&d.notes).unwrap(), "");
        for invented in ["Vijay", "Malhotra", "Karol Bagh", "98111"] {
            assert!(
                !outside_notes.contains(invented),
                "{invented} reached the draft: {printed}"
            );
        }
        assert_eq!(d.total_property_value_inr, Some(18_000));
        assert!(
            d.properties
                .iter()
                .any(|p| p.description.contains("Samsung Galaxy") && p.value_inr == Some(18_000)),
            "{:?}",
            d.properties
        );
        assert_eq!(d.delay_reason, None);
        assert_ne!(d.summary, "Slander");

        // Theft, not Robbery: the reason given for 309(4) describes 303(2).
        let cited: Vec<&str> = d.acts_sections.iter().map(|s| s.section.as_str()).collect();
        assert_eq!(cited.first(), Some(&"303(2)"), "{cited:?}");
        assert!(!cited.contains(&"309(4)"), "{cited:?}");
        assert_eq!(
            d.acts_sections[0].source,
            SectionSource::RetrievalUnreviewed
        );

        // Where each value came from, and what the officer should look at.
        assert_eq!(d.sources.get("complainant.name"), Some(&Source::Rule));
        assert_eq!(d.sources.get("occurrence.time_from"), Some(&Source::Rule));
        // The model's name only wraps the rule's ("Ramesh Kumar, son of ..."): no other
        // reading. Its time is one the statement does not contain: shown, not offered.
        assert!(d.notes.iter().all(|n| n.field != "complainant.name"));
        for field in ["occurrence.time_from", "accused", "acts_sections"] {
            assert!(
                d.notes.iter().any(|n| n.field == field),
                "a note for {field}: {:#?}",
                d.notes
            );
        }
        let time = d
            .notes
            .iter()
            .find(|n| n.field == "occurrence.time_from")
            .unwrap();
        assert!(
            time.message.contains("12:15") && time.message.contains("09:15"),
            "the officer sees both readings: {time:?}"
        );
        assert_eq!(
            time.alternative, None,
            "an unsupported reading is not offered"
        );
    }
);

both!(
    a_reason_of_numbers_from_the_statement_judges_nothing,
    |db| async move {
        let t = fresh_store(db).await;
        // What SmolLM2-135M answered for this statement from a fresh clone (2026-12-05):
        // four sections, each "because" of a timestamp whose date the statement holds.
        let stamp = "2026-11-20 22:11:52.143";
        let sections: Vec<_> = ["303(2)", "304(2)", "309(4)", "314"]
            .iter()
            .map(|s| json!({"section": s, "reason": stamp}))
            .collect();
        let models = MockConfig {
            canned: [("fir_sections".to_owned(), json!({ "sections": sections }))].into(),
            ..MockConfig::default()
        };
        let (_, d, _) = draft_of(&t, models, STATEMENT).await;
        assert!(
            d.acts_sections
                .iter()
                .all(|s| s.source == SectionSource::RetrievalUnreviewed && s.reason.is_none()),
            "nothing is judged on a timestamp: {:?}",
            d.acts_sections
        );
        assert_eq!(d.acts_sections[0].section, "303(2)");
        let note = d
            .notes
            .iter()
            .find(|n| n.field == "acts_sections")
            .expect("the officer is told why");
        assert!(
            note.message.contains("without a reason") && note.message.contains(stamp),
            "{note:?}"
        );
    }
);
