//! Any bytes given as a recording, a scan or a statement: the sniffer, the checks made
//! at submission, and the decoders the pipeline runs on accepted files must answer with
//! a type or a rejection — never panic, hang or run out of memory. The body is
//! `afirgen_core::fuzzing::input_file`, which the suite also replays on stable.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| afirgen_core::fuzzing::input_file(data));
