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
    engine
        .set_sections(job.case_id, "sho", &["304(2)".into(), "3(5)".into()])
        .await
        .unwrap_err();
    engine
        .set_sections(job.case_id, "sho", &["304(2)".into(), "351(2)".into()])
        .await
        .unwrap();
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
    for heading in [
        "FIRST INFORMATION REPORT",
        "1. Registration",
        "2. Acts and Sections",
        "3. Occurrence of offence",
        "4. Type of information",
        "5. Place of occurrence",
        "6. Complainant / Informant",
        "7. Details of known / suspected / unknown accused",
        "8. Reasons for delay",
        "9. Particulars of properties stolen / involved",
        "10. Total value of property",
        "11. Inquest report",
        "12. First Information contents",
        "13. Action taken",
        "14. Signature / thumb impression",
        "15. Date and time of despatch to the court",
    ] {
        assert!(
            squashed.contains(heading),
            "{heading} missing from:\n{text}"
        );
    }
    assert!(squashed.contains(&record.display_number), "FIR number");
    assert!(
        squashed.contains("304(2)") && squashed.contains("Snatching"),
        "sections with titles"
    );
    assert!(squashed.contains("351(2)") && squashed.contains("Criminal intimidation"));
    assert!(
        squashed.contains("Kotwali")
            && squashed.contains("Lucknow")
            && squashed.contains("State Uttar Pradesh")
            && squashed.contains("Ravi Kumar")
    );
    assert!(squashed.contains(&record.seal[..16]), "the seal is printed");
    assert!(squashed.contains("Page 1 of"), "page x of y");
    assert!(
        squashed.contains("Not stated"),
        "an empty item is printed as such"
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
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(artifacts.join("fir-page"))
        .status()
        .unwrap();
    assert!(status.success());
}
