//! The two boundaries where untrusted bytes come in, as functions of the bytes: what the
//! coverage-guided fuzzer (`fuzz/`, nightly, by hand: `scripts/fuzz.sh`) runs, and what
//! the suite replays on the stable toolchain for every seed and saved input
//! (`tests/fuzz_replay.rs`), so a bug a seed once found fails the suite if it returns.
//! Each must end in a value or an error: never a panic, a hang or unbounded memory.

use crate::config::{InputConfig, ModelValues, StationConfig};
use crate::domain::InputKind;
use crate::facts;
use crate::fir::Facts;
use crate::media::{self, audio, image, MediaType};
use crate::models::llm::{completion_text, parse_answer};
use crate::pipeline::{draft, extract, legal};
use std::path::Path;

/// Any bytes given as a recording, a scan or a statement (the first byte chooses which):
/// the sniffer, the checks made at submission, and the decoders the pipeline runs on
/// accepted files.
pub fn input_file(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let kind = match selector % 3 {
        0 => InputKind::Audio,
        1 => InputKind::Image,
        _ => InputKind::Text,
    };
    let limits = InputConfig {
        max_image_pixels: 4_000_000,
        max_recording_secs: 600,
        ..InputConfig::default()
    };
    let _ = media::sniff(bytes);
    let Ok(media) = media::check_file("fuzz.bin", kind, bytes, &limits) else {
        return;
    };
    match media {
        // Opus and WebM go to ffmpeg, a separate program; PDFs are rendered by pdftoppm.
        MediaType::OggOpus | MediaType::Webm | MediaType::Pdf | MediaType::Text => {}
        other if other.kind() == InputKind::Audio => {
            // A path that does not exist: only Opus would use it.
            let _ = audio::decode(
                "fuzz.bin",
                bytes,
                other,
                Path::new("/nonexistent/ffmpeg"),
                limits.max_recording_secs,
            );
        }
        _ => {
            let _ = image::prepare("fuzz.bin", bytes, limits.max_image_pixels);
        }
    }
}

/// Whatever a model server sends back: the chat-completion envelope, the answer parsed
/// as the extraction and legal-section schemas, the validation, the grounding of the
/// answer against a statement (the same bytes, read by the rules), and the draft built
/// from the result.
pub fn llm_answer(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = completion_text(text);
    let _ = parse_answer::<legal::Judgement>(text);
    let Ok(mut facts) = parse_answer::<Facts>(text) else {
        return;
    };
    if extract::validate(&facts).is_err() {
        return;
    }
    extract::dedupe(&mut facts);
    // The answer's own text stands in for the statement: arbitrary UTF-8 for the rules,
    // and a statement that grounds some of the answer's values and not others.
    let received = chrono::DateTime::from_timestamp_millis(1_767_225_600_000)
        .expect("a fixed, valid moment")
        .naive_utc();
    // Filled, so that grounded values of any shape go on through the draft.
    let extracted = facts::combine(text, received, Some(&facts), ModelValues::Fill);
    let station = StationConfig::default();
    let built = draft::build(&draft::DraftInputs {
        station: &station,
        station_code: "PS001",
        received_at: 1_767_225_600_000,
        input_kinds: &[InputKind::Text],
        statement: text,
        extracted: &extracted,
        sections: &[],
        classification: None,
        legal_note: None,
    });
    // The draft must serialise: it is stored and shown as JSON.
    serde_json::to_string(&built).expect("a draft serialises");
}
