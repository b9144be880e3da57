//! Any bytes given as a recording, a scan or a statement: the sniffer, the checks made
//! at submission, and the decoders the pipeline runs on accepted files must answer with
//! a type or a rejection — never panic, hang or run out of memory.
#![no_main]

use afirgen_core::config::InputConfig;
use afirgen_core::domain::InputKind;
use afirgen_core::media::{self, audio, image, MediaType};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
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
        // Opus goes to ffmpeg, a separate program; PDFs are rendered by pdftoppm.
        MediaType::OggOpus | MediaType::Pdf | MediaType::Text => {}
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
});
