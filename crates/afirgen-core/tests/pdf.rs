//! The FIR PDF: every item heading, the number, the sections and Hindi text survive into
//! the PDF's text (read back with pdftotext); a page image is kept for people to look at.

mod common;

use afirgen_core::review::FieldEdit;
use afirgen_mock::MockConfig;
use common::{engine, fresh_store, mock, settle, test_config, text_case, Db};
use serde_json::json;
use std::process::Command;
use std::time::Instant;

const HINDI: &str = "मेरा नाम सुनीता देवी है। कल शाम लगभग सात बजे बाज़ार से लौटते समय मोटरसाइकिल पर आए दो लड़कों ने मेरी सोने की चेन छीन ली। चेन लगभग 20 ग्राम की थी।";

#[tokio::test(flavor = "multi_thread")]
async fn pdf_has_every_item_the_number_sections_and_intact_hindi() {
    let t = fresh_store(Db::Sqlite).await;
    let server = mock(MockConfig::default()).await;
    let mut config = test_config(&server.url());
    config.station.name = Some("Kotwali".into());
    config.station.district = Some("Lucknow".into());
    config.station.state = Some("Uttar Pradesh".into());
    config.station.officer_name = Some("Ravi Kumar".into());
    config.station.officer_rank = Some("Sub-Inspector".into());
    let engine = engine(&t, config);
    let _dispatcher = engine.start();
    let submitted = engine.submit(text_case(HINDI)).await.unwrap();
    let job = settle(&engine, &submitted).await;
    engine
        .edit_draft(
            job.case_id,
            "sho",
            &[FieldEdit {
                path: "complainant.name".into(),
                value: json!("सुनीता देवी"),
            }],
        )
        .await
        .unwrap();
    // "Read with" 3(5) (the two men acted together): never alone, and it takes its
    // classification from the offences.
    let alone = engine
        .set_sections(job.case_id, "sho", &["3(5)".into()])
        .await
        .unwrap_err();
    assert!(alone.to_string().contains("not alone"), "{alone}");
    let draft = engine
        .set_sections(
            job.case_id,
            "sho",
            &["304(2)".into(), "351(2)".into(), "3(5)".into()],
        )
        .await
        .unwrap();
    assert!(draft.acts_sections[2].schedule.is_none());
    assert_eq!(draft.classification.unwrap().report, "fir");
    // The officer adds an accused and a property the drafting did not find, and sets
    // item 13: transferred to another station.
    let draft = engine.draft(job.case_id).await.unwrap().unwrap();
    let (accused, property, witness) = (
        draft.accused.len(),
        draft.properties.len(),
        draft.witnesses.len(),
    );
    let edits: Vec<FieldEdit> = [
        (
            format!("accused.{accused}.name"),
            json!("Unknown man in a red shirt"),
        ),
        (
            format!("accused.{accused}.particulars"),
            json!("about 25, thin"),
        ),
        (
            format!("properties.{property}.description"),
            json!("Gold chain, 20 grams"),
        ),
        (format!("properties.{property}.value_inr"), json!(60000)),
        (format!("witnesses.{witness}.name"), json!("मोहन लाल")),
        (
            format!("witnesses.{witness}.address"),
            json!("Aminabad, Lucknow"),
        ),
        ("action_taken.action".to_owned(), json!("transferred")),
        (
            "action_taken.transferred_to".to_owned(),
            json!("Hazratganj"),
        ),
    ]
    .into_iter()
    .map(|(path, value)| FieldEdit { path, value })
    .collect();
    engine.edit_draft(job.case_id, "sho", &edits).await.unwrap();
    common::complete(&engine, job.case_id).await;
    let record = engine.finalize(job.id, &common::sho(), None).await.unwrap();

    let mut timings = Vec::new();
    let mut pdf = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        pdf = afirgen_core::pdf::render(&record).unwrap();
        timings.push(started.elapsed());
    }
    timings.sort();
    println!(
        "PDF of {} bytes; render times {:?}; median {:?}",
        pdf.len(),
        timings,
        timings[2]
    );
    assert!(pdf.starts_with(b"%PDF-"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fir.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Every Hindi label of the template comes back as typed: not a cluster repeated
    // ("संसं" for "सं", as with the Lohit font) or lost. Compared without spaces, as
    // poppler guesses a word gap inside two bold words ("कु ल").
    let unspaced: String = text.split_whitespace().collect();
    let template = include_str!("../src/pdf/fir.typ");
    let mut labels = 0;
    for opening in ["hi-en(\"", "#item("] {
        for (start, _) in template.match_indices(opening) {
            let rest = &template[start + opening.len()..];
            // As printed: "3. अपराध की घटना / …" for an item, "थाना / …" for a row (the
            // number and the slash catch a cluster repeated at either end).
            let (number, rest) = if opening == "#item(" {
                match rest.split_once(", \"") {
                    Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => {
                        (format!("{n}."), rest)
                    }
                    _ => continue,
                }
            } else {
                (String::new(), rest)
            };
            let label = rest.split('"').next().unwrap();
            let printed: String = format!("{number}{label}/").split_whitespace().collect();
            assert!(
                unspaced.contains(&printed),
                "{printed} missing from:\n{text}"
            );
            labels += 1;
        }
    }
    assert!(labels >= 40, "{labels} labels read from the template");
    for heading in [
        "प्रथम सूचना रिपोर्ट / FIRST INFORMATION REPORT",
        "/ Registration",
        "/ Acts and Sections",
        "3. अपराध की घटना / Occurrence of offence",
        "4. सूचना का प्रकार / Type of information",
        "5. घटनास्थल / Place of occurrence",
        "6. शिकायतकर्ता / सूचनाकर्ता / Complainant / Informant",
        "/ Details of known / suspected / unknown accused",
        "/ Reasons for delay",
        "/ Particulars of properties stolen / involved",
        "/ Total value of property",
        "/ Inquest report",
        "12. प्रथम सूचना की विषय-वस्तु / First Information contents",
        "13. की गई कार्यवाही / Action taken",
        "/ Signature / thumb impression",
        "15. न्यायालय को भेजने का दिनांक और समय / Date and time of despatch to the court",
        // Item 13's statutory lines, its options, and the boxes for signatures and seal.
        "read over to the complainant / informant, admitted to be correctly recorded, and a copy given to the complainant / informant free of cost",
        "पढ़कर सुनाई गई",
        "(1) Registered the case and took up the investigation",
        "(4) Transferred to PS",
        "Signature of officer in charge",
        "थाने की मुहर / Station seal",
    ] {
        assert!(
            squashed.contains(heading),
            "{heading} missing from:\n{text}"
        );
    }
    assert!(
        !squashed.contains("Not stated ("),
        "a blank is a dash, not words"
    );
    assert!(!squashed.contains("Not stated"), "{text}");
    // Dates as the form writes them, in station time.
    let registered = chrono::DateTime::parse_from_rfc3339(
        record.content["header"]["fir_datetime"].as_str().unwrap(),
    )
    .unwrap();
    assert!(
        squashed.contains(&registered.format("%d-%m-%Y %H:%M IST").to_string()),
        "{text}"
    );
    assert!(squashed.contains(&record.display_number), "FIR number");
    assert!(
        squashed.contains("304(2)") && squashed.contains("Snatching"),
        "sections with titles"
    );
    assert!(squashed.contains("351(2)") && squashed.contains("Criminal intimidation"));
    assert!(
        squashed.contains("BNS 3(5) Acts done by several persons in furtherance of"),
        "{text}"
    );
    assert!(
        squashed.contains("Kotwali")
            && squashed.contains("Lucknow")
            && squashed.contains("State Uttar Pradesh")
            && squashed.contains("Ravi Kumar")
    );
    assert!(squashed.contains(&record.seal[..16]), "the seal is printed");
    assert!(squashed.contains("Page 1 of"), "page x of y");
    assert!(squashed.contains("—"), "an empty item is printed as a dash");
    for added in [
        "Name: Unknown man in a red shirt. Particulars: about 25, thin.",
        "Gold chain, 20 grams Rs. 60,000",
        "☒ (4) Transferred to PS Hazratganj on point of jurisdiction",
        "/ Witnesses named in the information: 1. मोहन लाल. Address: Aminabad, Lucknow. Phone: —.",
        "☐ (1) Registered the case",
    ] {
        assert!(squashed.contains(added), "{added} missing from:\n{text}");
    }
    // The Hindi statement comes back as typed, every character (item 12).
    let statement: String = HINDI.split_whitespace().collect();
    assert!(
        unspaced.contains(&statement),
        "the statement, from:\n{text}"
    );
    // Hindi words come back intact (shaped glyphs map back to the same characters).
    for word in ["सुनीता", "मोटरसाइकिल", "लड़कों", "चेन", "ग्राम"]
    {
        assert!(
            text.contains(word),
            "{word} missing from the PDF text:\n{text}"
        );
    }

    // A page image for people (git-ignored artifacts folder).
    let artifacts = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("fir.pdf"), &pdf).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(artifacts.join("fir-page"))
        .status()
        .unwrap();
    assert!(status.success());

    // The QR code, read from the page as a phone would: the station, the number and the
    // seal, which the record's check accepts.
    let page = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(&page)
        .status()
        .unwrap();
    assert!(status.success());
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(page.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools) runs");
    let code = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        code.trim(),
        afirgen_core::pdf::paper_code(&record),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (station, kind, number, seal) = afirgen_core::pdf::parse_paper_code(&code).unwrap();
    assert_eq!(
        (station.as_str(), kind.as_str(), number.as_str()),
        ("PS001", "FIR", record.display_number.as_str())
    );
    assert_eq!(seal, record.seal);
    let checked = engine.verify_case(record.case_id).await.unwrap();
    assert!(checked.intact && checked.seal == seal);
}

/// pdftotext's reading of `pdf`, whitespace squashed.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fir.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test(flavor = "multi_thread")]
async fn no_accused_reads_unknown_and_a_refusal_gives_its_reason() {
    // Held to the end: the store, the mock server and the dispatcher.
    let drafted = common::drafted(
        "My name is Asha Verma. On 20-11-2026 my bicycle was taken from outside Lal Bagh library. I did not see who took it.",
    )
    .await;
    let (engine, job) = (&drafted.engine, &drafted.job);
    let draft = engine.draft(job.case_id).await.unwrap().unwrap();
    let mut edits = common::remove_rows("accused", draft.accused.len());
    edits.push(FieldEdit {
        path: "action_taken.action".into(),
        value: json!("refused"),
    });
    engine.edit_draft(job.case_id, "sho", &edits).await.unwrap();
    // Refused, but why: the core will not seal it until the reason is given.
    let refused = engine.finalize(job.id, &common::sho(), None).await;
    assert!(
        matches!(&refused, Err(afirgen_core::EngineError::Incomplete(items))
            if items.iter().any(|m| m.path == "action_taken.refusal_reason")),
        "{refused:?}"
    );
    let reason = FieldEdit {
        path: "action_taken.refusal_reason".into(),
        value: json!("the matter is of a civil nature"),
    };
    engine
        .edit_draft(job.case_id, "sho", &[reason])
        .await
        .unwrap();
    common::complete(engine, job.case_id).await;
    let record = engine.finalize(job.id, &common::sho(), None).await.unwrap();
    let text = pdf_text(&afirgen_core::pdf::render(&record).unwrap());
    for expected in [
        "Unknown (none named in the information)",
        "☒ (3) Refused investigation due to the matter is of a civil nature",
        "☐ (4) Transferred to PS",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}
