//! What a submitted file really is, judged by its content (never its name), and the
//! checks a file passes before it is accepted: size, type, and for images the pixel
//! count read from the header (a guard against decompression bombs).

pub mod audio;
pub mod image;
pub mod transcript;

use crate::config::InputConfig;
use crate::domain::InputKind;
use serde::{Deserialize, Serialize};

/// A file type AFIRGen can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MediaType {
    /// RIFF WAVE audio.
    Wav,
    /// MPEG layer III audio.
    Mp3,
    /// FLAC audio.
    Flac,
    /// Ogg container with Vorbis audio.
    OggVorbis,
    /// Ogg container with Opus audio (WhatsApp voice notes); needs ffmpeg.
    OggOpus,
    /// MPEG-4 audio (M4A/AAC).
    M4a,
    /// WebM audio (Opus or Vorbis), as browsers record from a microphone; needs ffmpeg.
    Webm,
    /// Raw AAC in ADTS frames.
    Aac,
    /// PNG image.
    Png,
    /// JPEG image.
    Jpeg,
    /// TIFF image (common from flatbed scanners).
    Tiff,
    /// WebP image.
    Webp,
    /// BMP image.
    Bmp,
    /// PDF document (scanned pages, or pages with a text layer).
    Pdf,
    /// UTF-8 text.
    Text,
}

impl MediaType {
    /// The kind of input this type is.
    pub fn kind(self) -> InputKind {
        match self {
            MediaType::Wav
            | MediaType::Mp3
            | MediaType::Flac
            | MediaType::OggVorbis
            | MediaType::OggOpus
            | MediaType::M4a
            | MediaType::Webm
            | MediaType::Aac => InputKind::Audio,
            MediaType::Png
            | MediaType::Jpeg
            | MediaType::Tiff
            | MediaType::Webp
            | MediaType::Bmp
            | MediaType::Pdf => InputKind::Image,
            MediaType::Text => InputKind::Text,
        }
    }

    /// A name for messages.
    pub fn describe(self) -> &'static str {
        match self {
            MediaType::Wav => "WAV audio",
            MediaType::Mp3 => "MP3 audio",
            MediaType::Flac => "FLAC audio",
            MediaType::OggVorbis => "Ogg Vorbis audio",
            MediaType::OggOpus => "Opus audio",
            MediaType::M4a => "M4A/AAC audio",
            MediaType::Webm => "WebM audio",
            MediaType::Aac => "AAC audio",
            MediaType::Png => "a PNG image",
            MediaType::Jpeg => "a JPEG image",
            MediaType::Tiff => "a TIFF image",
            MediaType::Webp => "a WebP image",
            MediaType::Bmp => "a BMP image",
            MediaType::Pdf => "a PDF document",
            MediaType::Text => "text",
        }
    }

    /// Whether it is decoded by ffmpeg (a codec symphonia lacks) rather than in Rust.
    pub fn needs_ffmpeg(self) -> bool {
        matches!(self, MediaType::OggOpus | MediaType::Webm)
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Wav => "audio/wav",
            MediaType::Mp3 => "audio/mpeg",
            MediaType::Flac => "audio/flac",
            MediaType::OggVorbis => "audio/ogg",
            MediaType::OggOpus => "audio/ogg; codecs=opus",
            MediaType::M4a => "audio/mp4",
            MediaType::Webm => "audio/webm",
            MediaType::Aac => "audio/aac",
            MediaType::Png => "image/png",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Tiff => "image/tiff",
            MediaType::Webp => "image/webp",
            MediaType::Bmp => "image/bmp",
            MediaType::Pdf => "application/pdf",
            MediaType::Text => "text/plain; charset=utf-8",
        }
    }
}

/// Identifies a file by its first bytes. `None`: not a type AFIRGen reads.
pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
    if let Some(kind) = infer::get(bytes) {
        let detected = match kind.mime_type() {
            "audio/x-wav" | "audio/wav" => Some(MediaType::Wav),
            "audio/mpeg" => Some(MediaType::Mp3),
            "audio/x-flac" | "audio/flac" => Some(MediaType::Flac),
            "audio/ogg" | "audio/opus" => Some(if is_ogg_opus(bytes) {
                MediaType::OggOpus
            } else {
                MediaType::OggVorbis
            }),
            "audio/m4a" | "audio/x-m4a" | "audio/mp4" | "video/mp4" => Some(MediaType::M4a),
            // A browser's recording (MediaRecorder); its audio track is what is read.
            "video/webm" | "audio/webm" if is_webm(bytes) => Some(MediaType::Webm),
            "audio/aac" | "audio/x-aac" => Some(MediaType::Aac),
            "image/png" => Some(MediaType::Png),
            "image/jpeg" => Some(MediaType::Jpeg),
            "image/tiff" => Some(MediaType::Tiff),
            "image/webp" => Some(MediaType::Webp),
            "image/bmp" => Some(MediaType::Bmp),
            "application/pdf" => Some(MediaType::Pdf),
            _ => None,
        };
        if detected.is_some() {
            return detected;
        }
    }
    // ADTS AAC: a 12-bit sync word, layer 0.
    if bytes.len() >= 2 && bytes[0] == 0xFF && (bytes[1] & 0xF6) == 0xF0 {
        return Some(MediaType::Aac);
    }
    if !bytes.is_empty() && std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0) {
        return Some(MediaType::Text);
    }
    None
}

/// An EBML file whose document type is "webm" (infer takes any EBML file for WebM).
fn is_webm(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    head.starts_with(b"\x1a\x45\xdf\xa3") && head.windows(7).any(|w| w == b"\x42\x82\x84webm")
}

fn is_ogg_opus(bytes: &[u8]) -> bool {
    // The first Ogg page of an Opus stream carries the "OpusHead" packet.
    let head = &bytes[..bytes.len().min(256)];
    head.windows(8).any(|w| w == b"OpusHead")
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Rejection(pub String);

/// Human-readable byte size.
pub fn format_bytes(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MB {
        format!("{:.1} MB", bytes as f64 / MB)
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// Checks a submitted file of the declared `kind` and returns its real type.
///
/// `name` is only used in messages.
pub fn check_file(
    name: &str,
    kind: InputKind,
    bytes: &[u8],
    limits: &InputConfig,
) -> Result<MediaType, Rejection> {
    if bytes.is_empty() {
        return Err(Rejection(format!("{name} is empty (0 bytes)")));
    }
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(Rejection(format!(
            "{name} is {}, over the limit of {} per file; split the recording or scan it at a lower resolution",
            format_bytes(size),
            format_bytes(limits.max_file_bytes)
        )));
    }
    let Some(media) = sniff(bytes) else {
        return Err(Rejection(format!(
            "{name} is not a file type AFIRGen reads (audio: WAV, MP3, FLAC, Ogg, M4A, Opus, WebM; scans: PNG, JPEG, TIFF, WebP, BMP, PDF)"
        )));
    };
    if media.kind() != kind {
        let wanted = match kind {
            InputKind::Audio => "an audio recording",
            InputKind::Image => "a scan (image or PDF)",
            InputKind::Text => "a text statement",
        };
        return Err(Rejection(format!(
            "{name} was given as {wanted}, but its content is {}; whatever its name says, choose the matching input type",
            media.describe()
        )));
    }
    match media.kind() {
        InputKind::Image if media != MediaType::Pdf => {
            image::check_dimensions(name, bytes, limits.max_image_pixels)?;
        }
        InputKind::Audio if !media.needs_ffmpeg() => {
            audio::probe(name, bytes, media, limits.max_recording_secs)?;
        }
        _ => {}
    }
    Ok(media)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"RIFF\x24\x00\x00\x00WAVEfmt "), Some(MediaType::Wav));
        assert_eq!(
            sniff(b"ID3\x04\x00\x00\x00\x00\x00\x00"),
            Some(MediaType::Mp3)
        );
        assert_eq!(sniff(b"fLaC\x00\x00\x00\x22"), Some(MediaType::Flac));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            Some(MediaType::Png)
        );
        assert_eq!(
            sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF"),
            Some(MediaType::Jpeg)
        );
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(MediaType::Pdf));
        assert_eq!(sniff("मेरा फ़ोन".as_bytes()), Some(MediaType::Text));
        assert_eq!(sniff(b"\x00\x01\x02garbage"), None);
        let mut opus = b"OggS\x00\x02".to_vec();
        opus.extend_from_slice(&[0; 22]);
        opus.extend_from_slice(b"\x13OpusHead\x01\x01");
        assert_eq!(sniff(&opus), Some(MediaType::OggOpus));
        // EBML header with the "webm" document type, as MediaRecorder writes it.
        let webm = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02";
        assert_eq!(sniff(webm), Some(MediaType::Webm));
        // Another EBML document (Matroska) is not taken for one.
        let mkv = b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska\x42\x87\x81\x04";
        assert_eq!(sniff(mkv), None);
    }

    #[test]
    fn refuses_empty_oversized_and_mislabelled_files() {
        let limits = InputConfig {
            max_file_bytes: 100,
            ..InputConfig::default()
        };
        let err = check_file("a.wav", InputKind::Audio, b"", &limits).unwrap_err();
        assert_eq!(err.0, "a.wav is empty (0 bytes)");
        let err = check_file("a.wav", InputKind::Audio, &[1u8; 101], &limits).unwrap_err();
        assert!(
            err.0.contains("101 bytes, over the limit of 100 bytes"),
            "{err}"
        );
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02";
        let err = check_file("voice.wav", InputKind::Audio, png, &limits).unwrap_err();
        assert!(
            err.0.contains(
                "voice.wav was given as an audio recording, but its content is a PNG image"
            ),
            "{err}"
        );
    }
}
