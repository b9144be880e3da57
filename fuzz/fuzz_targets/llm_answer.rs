//! Whatever a model server sends back must end in a value or an error — never a panic.
//! The body is `afirgen_core::fuzzing::llm_answer`, which the suite also replays on
//! stable.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| afirgen_core::fuzzing::llm_answer(data));
