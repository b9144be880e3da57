//! The legal catalogue: statutory facts, consistency, and retrieval.

use afirgen_core::legal::{validate, Catalogue, COURTS};
use std::collections::HashSet;
use std::time::Instant;

#[test]
fn loads_quickly_and_every_entry_is_complete_and_unique() {
    let started = Instant::now();
    let catalogue = Catalogue::builtin();
    println!(
        "catalogue of {} entries loaded and indexed in {:?}",
        catalogue.entries().len(),
        started.elapsed()
    );
    assert!(catalogue.entries().len() >= 100);
    let mut seen = HashSet::new();
    for entry in catalogue.entries() {
        validate(entry).unwrap_or_else(|err| panic!("{}: {err}", entry.citation()));
        assert!(seen.insert(entry.citation()), "{} twice", entry.citation());
        assert!(COURTS.contains(&entry.triable_by.as_str()));
        assert!(
            entry
                .keywords
                .iter()
                .any(|k| k.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))),
            "{} has no Devanagari keyword",
            entry.citation()
        );
    }
}

#[test]
fn classifications_are_consistent() {
    for entry in Catalogue::builtin().entries() {
        let citation = entry.citation();
        let p = entry.punishment.to_lowercase();
        // Offences punishable with death or life imprisonment are never bailable.
        if p.starts_with("death") || p.starts_with("imprisonment for life") {
            assert!(
                !entry.bailable,
                "{citation}: punishable with death or life but marked bailable"
            );
            assert!(
                entry.cognizable,
                "{citation}: punishable with death or life but non-cognizable"
            );
        }
        // Special Courts here are those of the NDPS and POCSO Acts; POCSO offences go
        // nowhere else.
        if entry.triable_by == "Special Court" {
            assert!(
                entry.act == "NDPS Act" || entry.act == "POCSO Act",
                "{citation}"
            );
        }
        if entry.act == "POCSO Act" {
            assert_eq!(entry.triable_by, "Special Court", "{citation}");
        }
        // A non-cognizable offence punishable with more than 3 years would be unusual.
        if !entry.cognizable {
            assert!(!p.contains("imprisonment for life"), "{citation}");
        }
    }
}

#[test]
fn well_known_sections_are_right() {
    let catalogue = Catalogue::builtin();
    let expect = |citation: &str, title: &str, cognizable: bool, bailable: bool, court: &str| {
        let entry = catalogue
            .get(citation)
            .unwrap_or_else(|| panic!("{citation} missing"));
        assert_eq!(entry.title, title, "{citation}");
        assert_eq!(
            (entry.cognizable, entry.bailable),
            (cognizable, bailable),
            "{citation} classification"
        );
        assert_eq!(entry.triable_by, court, "{citation} court");
    };
    expect("103(1)", "Murder", true, false, "Court of Session");
    expect(
        "115(2)",
        "Voluntarily causing hurt",
        false,
        true,
        "Any Magistrate",
    );
    expect(
        "117(2)",
        "Voluntarily causing grievous hurt",
        true,
        true,
        "Any Magistrate",
    );
    expect(
        "85",
        "Cruelty by husband or relative of husband",
        true,
        false,
        "Magistrate of the first class",
    );
    expect("303(2)", "Theft", true, false, "Any Magistrate");
    expect("304(2)", "Snatching", true, false, "Any Magistrate");
    expect(
        "309(4)",
        "Robbery",
        true,
        false,
        "Magistrate of the first class",
    );
    expect("310(2)", "Dacoity", true, false, "Court of Session");
    expect("318(2)", "Cheating", false, true, "Any Magistrate");
    expect(
        "318(4)",
        "Cheating and dishonestly inducing delivery of property",
        true,
        false,
        "Magistrate of the first class",
    );
    expect(
        "351(2)",
        "Criminal intimidation",
        false,
        true,
        "Any Magistrate",
    );
    expect(
        "74",
        "Assault or criminal force to woman with intent to outrage her modesty",
        true,
        false,
        "Any Magistrate",
    );
    expect(
        "IT Act 66D",
        "Punishment for cheating by personation by using computer resource",
        true,
        true,
        "Magistrate of the first class",
    );
    expect(
        "Dowry Prohibition Act 4",
        "Penalty for demanding dowry",
        true,
        false,
        "Magistrate of the first class",
    );
}

#[test]
fn retrieval_finds_the_offence_in_english_and_hindi() {
    let catalogue = Catalogue::builtin();
    let top = |query: &str, k: usize| -> Vec<String> {
        catalogue
            .search(query, k)
            .into_iter()
            .map(|h| h.section)
            .collect()
    };
    assert_eq!(
        top("chain snatched by two men on a motorcycle", 1),
        ["304(2)"]
    );
    assert!(
        top("मोटरसाइकिल चोरी", 3).contains(&"303(2)".to_owned()),
        "{:?}",
        top("मोटरसाइकिल चोरी", 5)
    );
    assert!(top("meri motorcycle chori ho gayi", 3).contains(&"303(2)".to_owned()));
    assert_eq!(top("he threatened to kill me", 1), ["351(3)"]);
    assert_eq!(
        top("my husband and mother-in-law beat me for dowry", 1)[0],
        "85"
    );
    assert!(top(
        "received a call from fake customer care and money was debited through UPI",
        3
    )
    .contains(&"IT Act 66D".to_owned()));
    assert!(top("नशीला पदार्थ स्मैक बरामद", 3).contains(&"NDPS Act 21".to_owned()));
    // Scores are best first.
    let hits = catalogue.search("theft of my bicycle", 5);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}
