//! Audio decoding of every supported format, and each kind of bad file getting its own
//! clear reason. Fixtures: one espeak-ng sentence (2.24 s) encoded with ffmpeg.

use afirgen_core::config::InputConfig;
use afirgen_core::domain::InputKind;
use afirgen_core::media::{self, audio, MediaType};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn ffmpeg() -> &'static Path {
    Path::new("ffmpeg")
}

#[test]
fn every_supported_format_decodes_to_16k_mono() {
    let cases = [
        ("speech.wav", MediaType::Wav),
        ("speech.mp3", MediaType::Mp3),
        ("speech.flac", MediaType::Flac),
        ("speech.ogg", MediaType::OggVorbis),
        ("speech.m4a", MediaType::M4a),
        ("speech.opus", MediaType::OggOpus),
        // A browser's recording (MediaRecorder): WebM with Opus.
        ("speech.webm", MediaType::Webm),
    ];
    for (name, expected) in cases {
        let bytes = fixture(name);
        let media_type = media::sniff(&bytes).unwrap_or_else(|| panic!("{name} not recognised"));
        assert_eq!(media_type, expected, "{name}");
        let checked =
            media::check_file(name, InputKind::Audio, &bytes, &InputConfig::default()).unwrap();
        assert_eq!(checked, expected);
        let pcm = audio::decode(name, &bytes, media_type, ffmpeg(), 7200)
            .unwrap_or_else(|err| panic!("{err}"));
        // Encoders pad a little; the speech itself is 2.24 s.
        assert!(
            (pcm.seconds() - 2.24).abs() < 0.12,
            "{name}: {:.3} s",
            pcm.seconds()
        );
        let rms =
            (pcm.samples.iter().map(|s| s * s).sum::<f32>() / pcm.samples.len() as f32).sqrt();
        assert!(rms > 0.02, "{name} decoded to silence ({rms})");
    }
}

#[test]
fn opus_without_ffmpeg_says_what_to_do() {
    let err = audio::decode(
        "voice-note.opus",
        &fixture("speech.opus"),
        MediaType::OggOpus,
        Path::new("/nonexistent/ffmpeg"),
        7200,
    )
    .unwrap_err();
    assert!(
        err.0.contains(
            "voice-note.opus is Opus audio (e.g. a WhatsApp voice note), which needs ffmpeg"
        ),
        "{err}"
    );
}

/// A browser's WebM recording is held to the length limit while ffmpeg decodes it, and
/// needs ffmpeg as Opus does.
#[test]
fn webm_is_bounded_and_names_ffmpeg() {
    let bytes = fixture("speech.webm");
    let err = audio::decode("recording.webm", &bytes, MediaType::Webm, ffmpeg(), 1).unwrap_err();
    assert!(
        err.0
            .contains("recording.webm runs past 1 s of audio, longer than the 1 s"),
        "{err}"
    );
    let err = audio::decode(
        "recording.webm",
        &bytes,
        MediaType::Webm,
        Path::new("/nonexistent/ffmpeg"),
        7200,
    )
    .unwrap_err();
    assert!(
        err.0.contains(
            "recording.webm is WebM audio (a recording made in a browser), which needs ffmpeg"
        ),
        "{err}"
    );
    // A header without audio is damage, not an empty transcript.
    let err =
        audio::decode("cut.webm", &bytes[..200], MediaType::Webm, ffmpeg(), 7200).unwrap_err();
    assert!(err.0.starts_with("cut.webm is damaged"), "{err}");
}

#[test]
fn bad_files_each_get_their_own_reason() {
    let limits = InputConfig::default();
    let check = |name: &str, kind, bytes: &[u8]| {
        media::check_file(name, kind, bytes, &limits).unwrap_err().0
    };

    // A zero-byte file.
    assert_eq!(
        check("empty.wav", InputKind::Audio, b""),
        "empty.wav is empty (0 bytes)"
    );

    // A PNG renamed .wav.
    let png = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::GrayImage::new(40, 30)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    };
    let reason = check("statement.wav", InputKind::Audio, &png);
    assert!(
        reason.contains(
            "statement.wav was given as an audio recording, but its content is a PNG image"
        ),
        "{reason}"
    );

    // A corrupt MP3: a real ID3 tag followed by garbage instead of audio frames.
    let mp3 = fixture("speech.mp3");
    let mut corrupt = mp3[..mp3.len().min(64)].to_vec();
    corrupt[..3].copy_from_slice(b"ID3");
    corrupt.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 & 0x7f));
    let reason = check("corrupt.mp3", InputKind::Audio, &corrupt);
    assert!(reason.starts_with("corrupt.mp3 "), "{reason}");
    assert!(
        reason.contains("damaged") || reason.contains("cannot be opened"),
        "{reason}"
    );

    // A truncated recording is caught when it is decoded.
    let wav = fixture("speech.wav");
    let reason = audio::decode(
        "cut.wav",
        &wav[..wav.len() / 3],
        MediaType::Wav,
        ffmpeg(),
        7200,
    )
    .unwrap_err()
    .0;
    assert!(reason.contains("cut.wav is truncated"), "{reason}");

    // An oversized image.
    let small_limit = InputConfig {
        max_file_bytes: 1024 * 1024,
        ..InputConfig::default()
    };
    let mut big = png.clone();
    big.resize(1_600_000, 0);
    let reason = media::check_file("photo.png", InputKind::Image, &big, &small_limit)
        .unwrap_err()
        .0;
    assert_eq!(reason, "photo.png is 1.5 MB, over the limit of 1.0 MB per file; split the recording or scan it at a lower resolution");

    // A 100,000 x 100,000 pixel PNG header (a decompression bomb in a few bytes).
    let bomb = png_claiming(100_000, 100_000);
    assert!(bomb.len() < 200);
    let reason = check("bomb.png", InputKind::Image, &bomb);
    assert!(reason.contains("bomb.png declares 100000 x 100000 pixels (10000 megapixels), over the limit of 60 megapixels"), "{reason}");

    // Something that is nothing AFIRGen reads.
    let reason = check(
        "notes.docx",
        InputKind::Image,
        &[0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0, 0, 0],
    );
    assert!(
        reason.contains("notes.docx is not a file type AFIRGen reads"),
        "{reason}"
    );
}

/// A well-formed PNG whose header declares the given size.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    // The start of a compressed stream; a decoder would inflate it to 40 GB of pixels.
    let idat = b"IDAT\x78\x9c\xed\xc1\x01\x0d\x00\x00\x00";
    png.extend_from_slice(&((idat.len() - 4) as u32).to_be_bytes());
    png.extend_from_slice(idat);
    png.extend_from_slice(&crc32(idat).to_be_bytes());
    png.extend_from_slice(&0u32.to_be_bytes());
    png.extend_from_slice(b"IEND");
    png.extend_from_slice(&crc32(b"IEND").to_be_bytes());
    png
}

/// `speech.flac` with a PICTURE metadata block inserted after STREAMINFO whose MIME
/// length field claims `claimed` bytes (the block itself is 40 bytes long).
fn flac_with_lying_picture(claimed: u32) -> Vec<u8> {
    let flac = fixture("speech.flac");
    // "fLaC", then STREAMINFO: a 4-byte header and 34 bytes.
    let (head, rest) = flac.split_at(4 + 4 + 34);
    let mut out = head.to_vec();
    out[4] &= 0x7f; // STREAMINFO is no longer the last block
    let mut picture = Vec::new();
    picture.extend_from_slice(&3u32.to_be_bytes()); // front cover
    picture.extend_from_slice(&claimed.to_be_bytes()); // MIME type length
    picture.extend_from_slice(&[0u8; 32]);
    // Not the last block: the file's other blocks (and STREAMINFO's old flag) follow.
    out.push(6);
    out.extend_from_slice(&(picture.len() as u32).to_be_bytes()[1..]);
    out.extend_from_slice(&picture);
    out.extend_from_slice(rest);
    out
}

// Found by fuzzing (scripts/fuzz.sh, input_file): a 2 KB FLAC file whose picture block
// claimed a 3.4 GB MIME type made the demuxer allocate it. Pictures and tags are now
// dropped before the demuxer sees them, so the recording opens and decodes as if they
// were not there. (The fuzzer's own input is in fuzz/seeds/input_file and runs in every
// fuzz run under its 2 GiB memory limit.)
#[test]
fn a_flac_picture_claiming_gigabytes_is_never_read() {
    let bytes = flac_with_lying_picture(0xFFFF_FFF0);
    assert_eq!(media::sniff(&bytes), Some(MediaType::Flac));
    let checked = media::check_file(
        "cover.flac",
        InputKind::Audio,
        &bytes,
        &InputConfig::default(),
    )
    .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(checked, MediaType::Flac);
    let pcm = audio::decode("cover.flac", &bytes, MediaType::Flac, ffmpeg(), 7200).unwrap();
    assert!(
        (pcm.seconds() - 2.24).abs() < 0.12,
        "{:.3} s",
        pcm.seconds()
    );
    // A block that runs past the end of the file is damage, said so.
    let mut cut = bytes.clone();
    cut.truncate(4 + 4 + 34 + 4 + 20);
    let err =
        media::check_file("cut.flac", InputKind::Audio, &cut, &InputConfig::default()).unwrap_err();
    assert!(
        err.0.contains("cut.flac looks like a FLAC recording but is damaged (a metadata block runs past the end of the file)"),
        "{err}"
    );
}

// Issue 16: a small file that expands to hours of audio. A header that declares more
// than the limit is refused at submission and before decoding; a stream that does not
// declare its length is stopped when decoding passes the limit, holding only 16 kHz
// samples up to it.
#[test]
fn a_recording_longer_than_the_limit_is_refused_before_it_fills_memory() {
    let wav = fixture("speech.wav");
    let one_second = InputConfig {
        max_recording_secs: 1,
        ..InputConfig::default()
    };
    let err = media::check_file("long.wav", InputKind::Audio, &wav, &one_second).unwrap_err();
    assert!(
        err.0
            .contains("long.wav is 2 s of audio, longer than the 1 s a recording may be"),
        "{err}"
    );
    let err = audio::decode("long.wav", &wav, MediaType::Wav, ffmpeg(), 1).unwrap_err();
    assert!(err.0.contains("longer than"), "{err}");

    // FLAC whose STREAMINFO says "total samples unknown" (0), as a bomb's may.
    let mut flac = fixture("speech.flac");
    assert_eq!(&flac[..4], b"fLaC");
    let info = 8; // "fLaC" and the block header
    flac[info + 13] &= 0xF0;
    flac[info + 14..info + 18].fill(0);
    let err = media::check_file("bomb.flac", InputKind::Audio, &flac, &one_second);
    assert!(
        err.is_ok(),
        "no length declared, so only decoding can tell: {err:?}"
    );
    let err = audio::decode("bomb.flac", &flac, MediaType::Flac, ffmpeg(), 1).unwrap_err();
    assert!(err.0.contains("bomb.flac runs past 1 s of audio"), "{err}");
    // Within the limit, the same file decodes.
    let pcm = audio::decode("bomb.flac", &flac, MediaType::Flac, ffmpeg(), 60).unwrap();
    assert!(
        (pcm.seconds() - 2.24).abs() < 0.12,
        "{:.3} s",
        pcm.seconds()
    );
}
