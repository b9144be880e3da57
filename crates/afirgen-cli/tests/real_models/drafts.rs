//! Spoken and scanned complaints to a draft, with every real model.

use super::*;

#[test]
#[ignore = "real-model tier: needs scripts/models.sh; scripts/test.sh runs it"]
fn spoken_and_scanned_complaints_become_a_draft() {
    servers();
    let dir = tempfile::tempdir().unwrap();
    let audio = dir.path().join("statement.wav");
    espeak(&audio, SPOKEN);
    let english = dir.path().join("complaint-en.png");
    scan(&english, WRITTEN, "DejaVu Sans");
    let hindi = dir.path().join("complaint-hi.png");
    scan(&hindi, HINDI, "Lohit Devanagari");
    let out = dir.path().join("out.json");
    let identified_before = asr_log_lines("language=detect:en,hi->en");
    let started = Instant::now();
    run_ok(
        afirgen(&dir.path().join("case.db"))
            .args(["generate", "--audio"])
            .arg(&audio)
            .arg("--image")
            .arg(&english)
            .arg("--image")
            .arg(&hindi)
            .arg("--json")
            .arg(&out),
    );
    println!(
        "three inputs to a draft with the real models in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(report["job"]["state"], "awaiting_review");
    let inputs = report["inputs"].as_array().unwrap();
    let spoken = inputs[0]["text"].as_str().unwrap();
    println!("ASR: {spoken}");
    assert_eq!(inputs[0]["source"], "asr:whisper-base");
    // Detect (no language given): the first chunk's language identified among the
    // station's (en, hi) by the server, recorded with the transcript.
    assert_eq!(inputs[0]["language"], "en", "{}", inputs[0]);
    assert!(
        asr_log_lines("language=detect:en,hi->en") > identified_before,
        "the ASR server's log shows no identification among en, hi"
    );
    let spoken_recall = recall(
        spoken,
        &[
            "name", "morning", "stole", "mobile", "phone", "bus", "market", "rupees",
        ],
    );
    assert!(
        spoken_recall >= 0.75,
        "ASR kept {spoken_recall:.2} of the key words: {spoken}"
    );

    let written = inputs[1]["text"].as_str().unwrap();
    println!("OCR (English): {written}");
    assert_eq!(inputs[1]["source"], "tesseract:eng+hin");
    let written_recall = recall(
        written,
        &[
            "station", "house", "officer", "bicycle", "stolen", "railway", "monday", "chain",
        ],
    );
    assert!(
        written_recall >= 0.85,
        "OCR kept {written_recall:.2} of the key words: {written}"
    );

    let hindi_text = inputs[2]["text"].as_str().unwrap();
    println!("OCR (Hindi): {hindi_text}");
    let hindi_recall = recall(
        hindi_text,
        &[
            "थाना",
            "सुनीता",
            "बाज़ार",
            "मोटरसाइकिल",
            "सोने",
            "चेन",
            "मोबाइल",
            "चोरी",
        ],
    );
    assert!(
        hindi_recall >= 0.85,
        "OCR kept {hindi_recall:.2} of the Hindi key words: {hindi_text}"
    );

    let statement = report["draft"]["statement"].as_str().unwrap();
    assert_eq!(
        statement,
        format!("{spoken}\n\n{written}\n\n{hindi_text}"),
        "item 12 is the inputs' text, in order"
    );
    assert_eq!(report["draft"]["information_type"], "oral");
    // Item 2 comes from the catalogue: every section has its title and schedule facts.
    let sections = report["draft"]["acts_sections"].as_array().unwrap();
    assert!(!sections.is_empty());
    for section in sections {
        assert!(
            section["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{section}"
        );
        assert!(section["schedule"]["triable_by"].is_string(), "{section}");
        assert!(
            ["llm_judged", "retrieval_unreviewed"].contains(&section["source"].as_str().unwrap()),
            "{section}"
        );
    }
    assert!(["fir", "ncr"].contains(
        &report["draft"]["classification"]["report"]
            .as_str()
            .unwrap()
    ));
    assert!(!report["draft"]["summary"].as_str().unwrap().is_empty());
}
