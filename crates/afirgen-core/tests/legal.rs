//! The legal catalogue: statutory facts, consistency, and retrieval.

use afirgen_core::legal::{validate, Catalogue, COURTS};
use std::collections::HashSet;
use std::time::Instant;

/// The sections of the built-in catalogue's first `limit` hits for `query`, by words.
fn top(query: &str, limit: usize) -> Vec<String> {
    Catalogue::builtin()
        .search(query, limit)
        .into_iter()
        .map(|h| h.section)
        .collect()
}

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
        // Nine tellings for finding it by meaning: three each in English, Devanagari
        // Hindi and romanised Hindi, none naming the section (a complainant never does).
        let devanagari = |e: &String| e.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
        assert_eq!(entry.examples.len(), 9, "{}", entry.citation());
        assert_eq!(
            entry.examples.iter().filter(|e| devanagari(e)).count(),
            3,
            "{}: {:?}",
            entry.citation(),
            entry.examples
        );
        for example in &entry.examples {
            let lower = example.to_lowercase();
            assert!(
                !["section", "धारा", "dhara", "bns", "ipc"]
                    .iter()
                    .any(|w| lower.contains(w)),
                "{}: {example:?} names the section",
                entry.citation()
            );
        }
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
            // Non-cognizable only where the Schedule says so (338, forgery of a
            // valuable security), read and noted.
            assert!(
                entry.cognizable || entry.source.is_some(),
                "{citation}: punishable with death or life but non-cognizable"
            );
        }
        // Special Courts here are those of the NDPS, POCSO and SC/ST Acts; POCSO
        // offences go nowhere else.
        if entry.triable_by == "Special Court" {
            assert!(
                ["NDPS Act", "POCSO Act", "SC/ST Act"].contains(&entry.act.as_str()),
                "{citation}"
            );
        }
        if entry.act == "POCSO Act" {
            assert_eq!(entry.triable_by, "Special Court", "{citation}");
        }
        // A non-cognizable offence punishable with more than 3 years would be unusual:
        // only where the Schedule says so, read and noted.
        if !entry.cognizable && entry.source.is_none() {
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

/// The rows corrected against the BNSS First Schedule (issue 18): each entry's
/// cognizable, bailable and court as the Schedule prints them, with the source noted.
#[test]
fn first_schedule_rows_hold() {
    let catalogue = Catalogue::builtin();
    let (am, mfc, cos) = (
        "Any Magistrate",
        "Magistrate of the first class",
        "Court of Session",
    );
    let rows: [(&str, bool, bool, &str); 21] = [
        ("72(1)", true, true, am),
        ("75(2)", true, false, cos),
        ("75(3)", true, false, cos),
        ("76", true, false, cos),
        ("77", true, true, cos),
        ("78(2)", true, true, am),
        ("83", false, false, mfc),
        ("118(2)", true, false, mfc),
        ("120(2)", true, false, cos),
        ("121(1)", true, false, mfc),
        ("127(3)", true, true, am),
        ("127(4)", true, false, mfc),
        ("139(1)", true, false, mfc),
        ("191(3)", true, true, mfc),
        ("223(a)", true, true, am),
        ("223(b)", true, true, am),
        ("303(2)", true, false, am),
        ("308(2)", true, false, mfc),
        ("309(6)", true, false, mfc),
        ("331(2)", true, false, am),
        ("353(1)", false, false, am),
    ];
    for (citation, cognizable, bailable, court) in rows {
        let entry = catalogue
            .get(citation)
            .unwrap_or_else(|| panic!("{citation} missing"));
        assert_eq!(
            (entry.cognizable, entry.bailable, entry.triable_by.as_str()),
            (cognizable, bailable, court),
            "{citation}"
        );
        assert!(
            entry
                .source
                .as_deref()
                .is_some_and(|s| s.starts_with("BNSS 2023, First Schedule")),
            "{citation}: where the row was read"
        );
    }
    // The labels the Schedule uses, not the bare section.
    for bare in ["72", "78", "143", "223"] {
        assert!(
            catalogue.get(bare).is_none(),
            "{bare} is cited by sub-section"
        );
    }
    assert!(catalogue.get("143(2)").is_some());
}

/// A section whose classification depends on the case: the row the facts decide is
/// applied, and the others are shown with their conditions.
#[test]
fn conditional_rows_apply_where_the_facts_decide() {
    let catalogue = Catalogue::builtin();
    let theft = catalogue.get("303(2)").unwrap();
    // Value unknown, or ₹5,000 and more: the section's own row.
    for value in [None, Some(5_000), Some(18_000)] {
        let facts = theft.schedule(value, None);
        assert!(facts.cognizable && !facts.bailable, "{value:?}");
        assert_eq!(facts.condition, None);
        assert_eq!(facts.other_rows.len(), 1, "the under-₹5,000 row is shown");
    }
    // Under ₹5,000: non-cognizable and bailable, and it says why.
    let facts = theft.schedule(Some(4_999), None);
    assert!(!facts.cognizable && facts.bailable);
    assert_eq!(
        facts.condition.as_deref(),
        Some("the value of the property is under ₹5,000")
    );
    assert_eq!(facts.other_rows[0].when, afirgen_core::legal::OTHERWISE);
    assert!(
        facts.other_rows[0].cognizable,
        "the section's own row is kept"
    );
    // A condition the facts cannot decide is left for the officer, and shown.
    for (citation, when) in [
        ("77", "it is a second or subsequent conviction"),
        ("78(2)", "it is a second or subsequent conviction"),
        ("331(3)", "the offence intended is theft"),
        ("331(4)", "the offence intended is theft"),
        ("332(c)", "the offence intended is theft"),
    ] {
        let facts = catalogue.get(citation).unwrap().schedule(Some(100), None);
        assert_eq!(facts.condition, None, "{citation}");
        assert!(
            facts
                .other_rows
                .iter()
                .any(|r| r.when == when && !r.bailable),
            "{citation}"
        );
    }
}

/// A stolen motorcycle, by words: both theft sections among the first five.
#[test]
fn a_stolen_private_vehicle_offers_both_theft_sections() {
    // Stations differ on a stolen private motorcycle: theft (303(2)) or theft of a
    // means of transport (305(b)); both are offered, for the officer to choose.
    for statement in [
        "my Bajaj Pulsar parked in front of our building was stolen at night, the handle lock was on",
        "मेरी मोटरसाइकिल बाज़ार में दुकान के सामने खड़ी थी, 20 मिनट बाद देखा तो मोटरसाइकिल चोरी हो गई",
    ] {
        let top = top(statement, 5);
        for intended in ["303(2)", "305(b)"] {
            assert!(top.iter().any(|s| s == intended), "{intended} not in {top:?}");
        }
    }
}

/// Complaints as people say them (issue 18's list): the intended section in the first
/// three, in Hindi, Hinglish and plain English.
#[test]
fn colloquial_complaints_find_their_section() {
    // Illicit liquor and gambling are offences under each State's own Act; a station adds
    // its State's sections with `afirgen kb import`.
    let cases: [(&str, &[&str]); 11] = [
        ("मेरा पर्स छीन लिया", &["304(2)"]),
        ("बाइक सवार ने मोबाइल झपट लिया", &["304(2)"]),
        ("एक लड़के ने रास्ते में लड़की को छेड़ा", &["74", "75(2)", "75(3)"]),
        ("पड़ोसी ने मुझे मारते हुए धक्का दिया", &["115(2)"]),
        (
            "woh ladka roz ladki ko chhed raha tha",
            &["74", "75(2)", "75(3)", "78(2)"],
        ),
        ("someone stole my scooty from the market", &["303(2)"]),
        (
            "my in-laws are not returning my stridhan",
            &["316(2)", "85"],
        ),
        (
            "the cheque he gave me for the loan bounced",
            &["Negotiable Instruments Act 138"],
        ),
        (
            "the builder took 20 lakh rupees for a flat and never gave possession",
            &["318(4)", "316(2)"],
        ),
        (
            "he abused me by my caste name in front of the whole village",
            &["SC/ST Act 3(1)(r)", "SC/ST Act 3(1)(s)"],
        ),
        (
            "a loan app is calling my contacts and threatening to post my morphed photos",
            &["351(2)", "351(3)", "IT Act 67", "308(2)"],
        ),
    ];
    let mut misses = Vec::new();
    for (query, intended) in cases {
        let top = top(query, 3);
        if !top.iter().any(|s| intended.contains(&s.as_str())) {
            misses.push(format!("{query:?}: {top:?}, want one of {intended:?}"));
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// The project's evaluation files, by words alone (no embedding server), do not fall
/// below the figures measured on 2026-12-06 (night) with the third word ranking, the
/// keyword phrases a statement holds whole (docs/legal-accuracy.md): a change that
/// lowers them fails here. That ranking raised recall@5 on holdout-2 to -5 and lowered
/// the project file's (0.96 -> 0.92, precision@3 0.50 -> 0.47) and holdout-7's
/// cognizable accuracy (0.83 -> 0.81); the blind holdout-8 held its recall (0.74).
/// A threat, abuse or a slap told in one clause of a statement about something else is
/// among the first five candidates, by words alone: found by rule (`legal/told.rs`),
/// where the rankings give every place to the main offence's siblings.
#[test]
fn an_offence_told_in_passing_is_among_the_first_five() {
    let cases: [(&str, &str); 9] = [
        (
            "On Sunday evening my neighbour's son took my cycle from outside our gate without \
             asking and sold it to a scrap dealer near the railway crossing. When I went to \
             their house to ask for it, his father came out and said that if I come to their \
             door again he will break my legs.",
            "351(2)",
        ),
        (
            "मेरी परचून की दुकान से कल शाम दो लड़के बिस्कुट और तेल के डिब्बे उठाकर बिना पैसे दिए \
             जाने लगे। मैंने रोका तो दोनों ने सबके सामने माँ-बहन की गालियाँ दीं और चले गए।",
            "352",
        ),
        (
            "Pados wale Verma ji ne hamari common deewar tod ke apni taraf naali bana li, \
             jab maine mana kiya to unhone mujhe do thappad maare aur dhakka diya.",
            "115(2)",
        ),
        (
            "For two months a man has been calling my wife at night from different numbers \
             and following her to the market. Yesterday he said on the phone that he will \
             shoot our son if we go to the police.",
            "351(3)",
        ),
        (
            "गाँव के सरपंच के भतीजे ने हमारे खेत की मेड़ काटकर अपने खेत में मिला ली है। \
             मैंने पंचायत में शिकायत की तो घर आकर बोला कि ज़्यादा बोले तो देख लेंगे।",
            "351(2)",
        ),
        (
            "Two boys on a black bike wait outside my daughter's coaching centre every \
             evening, whistle at her and follow her auto till our lane.",
            "79",
        ),
        (
            "Mera ex-boyfriend mujhse 50 hazaar maang raha hai, bolta hai nahi diye to meri \
             private photos Instagram pe daal dega aur mere ghar walon ko bhej dega.",
            "IT Act 67",
        ),
        (
            "खेत में पानी लगाने को लेकर झगड़ा हुआ, पड़ोसी के लड़कों ने लाठी से मारकर मेरे \
             पिता का हाथ तोड़ दिया, हड्डी दो जगह से टूटी है।",
            "118(2)",
        ),
        (
            "Humari school ki student Kavita sirf 15 saal ki hai. Kal raat uske mata-pita \
             ne uski shaadi ek 26 saal ke ladke se kara di, pandit ne phere karwaye.",
            "Child Marriage Act 9",
        ),
    ];
    for (statement, intended) in cases {
        let top = top(statement, 5);
        assert!(
            top.iter().any(|s| s == intended),
            "{intended} not in {top:?}: {statement}"
        );
    }
    // A girl of fifteen taken away to be married is a kidnapping, not yet a child
    // marriage: the Act's entries are told against by the abduction.
    let act = Catalogue::builtin()
        .get("Child Marriage Act 9")
        .expect("in the catalogue");
    let married = "Kavita sirf 15 saal ki hai, mata-pita ne uski shaadi kara di";
    let taken = "मेरी बेटी, उम्र 15 साल, स्कूल से नहीं लौटी; पड़ोस का लड़का उसे बहला-फुसलाकर \
                 ले गया है, उसके दोस्त कहते हैं उसकी शादी कर दी।";
    let (married, taken) = (
        afirgen_core::legal::Told::new(married),
        afirgen_core::legal::Told::new(taken),
    );
    assert!(act.told_in(&married));
    // The age and the marriage are told in both; the abduction tells against.
    use afirgen_core::legal::Element;
    assert!(taken.tells(Element::Minor) && taken.tells(Element::Marriage));
    assert!(!act.told_in(&taken));
}

/// A threat by a husband whom a court has ordered to stay away is the breach of the
/// protection order first (cognizable: an FIR), the threat beside it; the threat first
/// would make it a non-cognizable report.
#[test]
fn a_breached_protection_order_comes_before_the_threat() {
    for statement in [
        "कोर्ट के आदेश के बाद भी मेरा पति रात को घर आया और धमकी दी कि तुझे देख लूँगा",
        "The court ordered my husband to stay away from me, but last night he came to my mother's house drunk and threatened me",
    ] {
        let top = top(statement, 5);
        assert_eq!(top[0], "Domestic Violence Act 31", "{top:?}: {statement}");
        assert!(top.iter().any(|s| s == "351(2)"), "{top:?}: {statement}");
    }
    // A court that sent the complaint is no protection order: the Act is not cited
    // unreviewed.
    let statement = "माननीय न्यायालय के आदेश पर यह रिपोर्ट: पड़ोसी ने मुझे जान से मारने की धमकी दी";
    let hits = Catalogue::builtin().search(statement, 8);
    let (cited, _) = afirgen_core::pipeline::legal::unjudged(&hits, statement, None);
    assert!(
        cited
            .iter()
            .all(|h| h.section != "Domestic Violence Act 31"),
        "{:?}",
        hits.iter().map(|h| &h.section).collect::<Vec<_>>()
    );
}

/// The clauses officers cite rather than the bare section (305(a) for a house, 125(a)
/// for hurt), each found by what a complainant says; NDPS rows by quantity, chosen by
/// the officer (a statement rarely weighs the drug).
#[test]
fn clauses_and_quantity_rows() {
    let catalogue = Catalogue::builtin();
    assert!(catalogue.get("305").is_none(), "305 is cited by its clause");
    for clause in ["305(a)", "305(b)", "305(c)", "305(d)", "305(e)"] {
        let entry = catalogue.get(clause).unwrap_or_else(|| panic!("{clause}"));
        assert_eq!(
            (entry.cognizable, entry.bailable, entry.triable_by.as_str()),
            (true, false, "Any Magistrate"),
            "{clause}: one Schedule row for 305"
        );
        assert!(entry.source.is_some(), "{clause}");
    }
    for section in ["125", "125(a)", "125(b)"] {
        let entry = catalogue
            .get(section)
            .unwrap_or_else(|| panic!("{section}"));
        assert_eq!(
            (entry.cognizable, entry.bailable, entry.triable_by.as_str()),
            (true, true, "Any Magistrate"),
            "{section}"
        );
    }
    for (query, intended) in [
        (
            "while we were at a wedding someone broke the lock and stole jewellery from the almirah",
            "305(a)",
        ),
        ("my e-rickshaw was stolen from outside the station", "305(b)"),
        ("temple ka daan paatra tod kar chori", "305(d)"),
        (
            "a speeding car ran into the people on the road and my brother was injured",
            "125(a)",
        ),
    ] {
        let top = top(query, 3);
        assert!(top.iter().any(|s| s == intended), "{query:?}: {top:?}");
    }
    for section in ["NDPS Act 20(b)", "NDPS Act 21", "NDPS Act 22"] {
        let entry = catalogue
            .get(section)
            .unwrap_or_else(|| panic!("{section}"));
        // No quantity in the facts: the intermediate row, and the others shown.
        let facts = entry.schedule(None, None);
        assert_eq!(
            (facts.bailable, facts.triable_by.as_str()),
            (false, "Special Court")
        );
        assert_eq!(facts.other_rows.len(), 2, "{section}");
        let small = entry.schedule(None, Some("the quantity is small"));
        assert_eq!(
            (small.cognizable, small.bailable, small.triable_by.as_str()),
            (true, true, "Any Magistrate"),
            "{section}"
        );
        let commercial = entry.schedule(Some(1_000), Some("the quantity is commercial"));
        assert_eq!(
            (commercial.bailable, commercial.triable_by.as_str()),
            (false, "Special Court")
        );
        assert!(commercial.punishment.contains("10 to 20 years"));
    }
}

/// The mock model server as an embedding server whose model is called `model`.
async fn mock_embedder(
    model: &str,
) -> (afirgen_mock::MockServer, afirgen_core::models::ModelClient) {
    let server = afirgen_mock::MockServer::start(
        "127.0.0.1:0".parse().unwrap(),
        afirgen_mock::MockConfig::default(),
    )
    .await
    .unwrap();
    let mut config = afirgen_core::Config::default();
    config.embed.urls = vec![server.url()];
    config.embed.model = model.to_owned();
    let models = afirgen_core::models::ModelClient::standalone(&config).unwrap();
    (server, models)
}

/// With an embedding server, the catalogue is embedded once and kept on disk: another
/// catalogue of the same entries reads the vectors back though the server is gone (and,
/// without the statement's vector, finds sections by words).
#[tokio::test]
async fn catalogue_vectors_are_kept_and_read_back() {
    let (server, models) = mock_embedder("mock-e5").await;
    let cache = tempfile::tempdir().unwrap();
    let entries = Catalogue::builtin().entries().to_vec();
    let first = Catalogue::new(entries.clone()).unwrap();
    first
        .prepare_meaning(&models, Some(cache.path()))
        .await
        .unwrap();
    let asked = server.stats().by_schema["embeddings"];
    assert!(asked >= 1);
    let kept: Vec<_> = std::fs::read_dir(cache.path()).unwrap().collect();
    assert_eq!(kept.len(), 1, "one file of vectors");
    server.stop();

    // The same model on a server that is down: read from the disk, no call made.
    let mut config = afirgen_core::Config::default();
    config.embed.urls = vec!["http://127.0.0.1:9".to_owned()];
    config.embed.model = "mock-e5".to_owned();
    config.retry.max_attempts = 1;
    let gone = afirgen_core::models::ModelClient::standalone(&config).unwrap();
    let second = Catalogue::new(entries).unwrap();
    second
        .prepare_meaning(&gone, Some(cache.path()))
        .await
        .unwrap();
    // Searching needs the statement's vector, which the dead server cannot give: words.
    let query = "two men on a motorcycle snatched my gold chain";
    let words: Vec<String> = second
        .search(query, 5)
        .into_iter()
        .map(|h| h.section)
        .collect();
    let with: Vec<String> = second
        .search_with(Some(&gone), query, 5)
        .await
        .into_iter()
        .map(|h| h.section)
        .collect();
    assert_eq!(with, words);
}

/// A server answering under the bundled model's name with another model's vectors (the
/// mock's are 256 long, the shipped 384): the built-in catalogue, and one with an entry
/// of the station's own, are embedded by that server whole, never shipped vectors
/// compared with its statements' or half shipped and half its own.
#[tokio::test]
async fn shipped_vectors_are_never_mixed_with_another_models() {
    let (server, models) = mock_embedder("multilingual-e5-small-q4").await;
    let builtin = Catalogue::builtin().entries().to_vec();
    let shipped = Catalogue::new(builtin.clone())
        .unwrap()
        .shipped_vectors(models.embed_model());
    let probe = models
        .embed(
            &["a phone".to_owned()],
            afirgen_core::models::embed::EmbedKind::Query,
        )
        .await
        .unwrap();
    assert_ne!(
        probe[0].len(),
        shipped[0].as_ref().expect("a shipped vector").len(),
        "the mock must stand for another model"
    );
    let mut with_own = builtin.clone();
    let mut own = builtin[0].clone();
    own.act = "Station Act".to_owned();
    own.examples = vec!["someone took the station's own example".to_owned()];
    with_own.push(own);
    for entries in [builtin, with_own] {
        let catalogue = Catalogue::new(entries).unwrap();
        catalogue.prepare_meaning(&models, None).await.unwrap();
        let hits = catalogue
            .search_by_meaning(&models, "two men on a motorcycle snatched my gold chain", 5)
            .await
            .unwrap();
        assert_eq!(hits.len(), 5);
    }
    server.stop();
}

/// An officer finds a section by its number as FIRs and habit write it: with or without
/// the Act, the Act short or long, "u/s" or "धारा" before it, a bare number for its
/// sub-sections; a sentence with a number in it is still searched by its words.
#[test]
fn a_section_is_found_by_its_number() {
    let catalogue = Catalogue::builtin();
    let first = |q: &str| top(q, 5);
    for (typed, cited) in [
        ("303(2)", "303(2)"),
        ("303(2) BNS", "303(2)"),
        ("BNS 303 (2)", "303(2)"),
        ("303", "303(2)"),
        ("u/s 138 NI Act", "Negotiable Instruments Act 138"),
        (
            "Negotiable Instruments Act 138",
            "Negotiable Instruments Act 138",
        ),
        ("66d", "IT Act 66D"),
        ("Information Technology Act 66D", "IT Act 66D"),
        ("SC ST Act 3(1)(r)", "SC/ST Act 3(1)(r)"),
        ("धारा 74", "74"),
        // The Penal Code's numbers, by the section that replaced them.
        ("IPC 379", "303(2)"),
        ("420 IPC", "318(4)"),
        ("u/s 498A I.P.C.", "85"),
        ("Indian Penal Code 302", "103(1)"),
    ] {
        assert_eq!(first(typed), [cited], "{typed}");
    }
    // Every sub-section of a bare number, in the catalogue's order.
    assert!(first("351").starts_with(&["351(2)".to_owned(), "351(3)".to_owned()]));
    // Not a citation: searched by words.
    assert!(first("stole my phone worth 5000").contains(&"303(2)".to_owned()));
    // Old 506 is a threat (351(2)), or a threat to kill (351(3)).
    assert_eq!(first("IPC 506"), ["351(2)", "351(3)"]);
    // An IPC number is never read as the Sanhita's own.
    assert!(catalogue.cited("IPC 74").is_empty());
    for entry in catalogue.entries().iter().filter(|e| !e.ipc.is_empty()) {
        assert_eq!(entry.act, "BNS", "{}", entry.citation());
    }
    assert!(catalogue.cited("999").is_empty());
}
