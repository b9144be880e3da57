//! Whatever a model server sends back: the chat-completion envelope, the answer parsed as
//! the extraction and legal-section schemas, the validation, the grounding of the answer
//! against a statement (the same bytes, read by the rules), and the draft built from the
//! result must end in a value or an error — never a panic.
#![no_main]

use afirgen_core::config::{ModelValues, StationConfig};
use afirgen_core::domain::InputKind;
use afirgen_core::facts;
use afirgen_core::fir::Facts;
use afirgen_core::models::llm::{completion_text, parse_answer};
use afirgen_core::pipeline::{draft, extract, legal};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
