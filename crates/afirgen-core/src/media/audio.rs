//! Audio: decoded in Rust (symphonia), mixed to mono and resampled to 16 kHz (rubato) for
//! speech recognition; Opus and WebM (a browser's recording), which symphonia lacks,
//! through ffmpeg when it is installed.
//! Long recordings are cut into chunks at quiet moments, with a small overlap.

use super::{MediaType, Rejection};
use rubato::{FftFixedIn, Resampler};
use std::io::Cursor;
use std::path::Path;
use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::{DecoderOptions, CODEC_TYPE_NULL};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::{FormatOptions, FormatReader};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// The sample rate speech servers expect.
pub const RATE: u32 = 16_000;

/// Mono samples at [`RATE`].
#[derive(Debug, Clone, PartialEq)]
pub struct Pcm {
    /// Samples in -1.0..=1.0.
    pub samples: Vec<f32>,
}

impl Pcm {
    /// Length in seconds.
    pub fn seconds(&self) -> f64 {
        self.samples.len() as f64 / f64::from(RATE)
    }
}

fn hint_for(media: MediaType) -> Hint {
    let mut hint = Hint::new();
    let extension = match media {
        MediaType::Wav => "wav",
        MediaType::Mp3 => "mp3",
        MediaType::Flac => "flac",
        MediaType::OggVorbis | MediaType::OggOpus => "ogg",
        MediaType::M4a => "m4a",
        MediaType::Aac => "aac",
        _ => "",
    };
    hint.with_extension(extension);
    hint
}

fn open(name: &str, bytes: &[u8], media: MediaType) -> Result<Box<dyn FormatReader>, Rejection> {
    let owned = if media == MediaType::Flac {
        flac_audio_only(bytes).map_err(|problem| {
            Rejection(format!(
                "{name} looks like a FLAC recording but is damaged ({problem})"
            ))
        })?
    } else {
        bytes.to_vec()
    };
    let source = MediaSourceStream::new(Box::new(Cursor::new(owned)), Default::default());
    symphonia::default::get_probe()
        .format(
            &hint_for(media),
            source,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .map(|probed| probed.format)
        .map_err(|err| {
            Rejection(format!(
                "{name} looks like {} but cannot be opened ({err}); the file is damaged",
                media.describe()
            ))
        })
}

/// The FLAC file with only the metadata the audio needs (STREAMINFO, SEEKTABLE):
/// pictures, tags, cue sheets and application blocks are dropped before the demuxer
/// sees them, because it allocates whatever their inner length fields claim (fuzzing
/// found a 2 KB file that asked for 3.4 GB). Every block must lie within the file.
fn flac_audio_only(bytes: &[u8]) -> Result<Vec<u8>, &'static str> {
    const STREAMINFO: u8 = 0;
    const SEEKTABLE: u8 = 3;
    let body = bytes.strip_prefix(b"fLaC").ok_or("no FLAC signature")?;
    let mut kept: Vec<(u8, &[u8])> = Vec::new();
    let mut pos = 0;
    loop {
        let header = body
            .get(pos..pos + 4)
            .ok_or("its metadata ends before the audio")?;
        let (last, kind) = (header[0] & 0x80 != 0, header[0] & 0x7f);
        let len = u32::from_be_bytes([0, header[1], header[2], header[3]]) as usize;
        let data = body
            .get(pos + 4..pos + 4 + len)
            .ok_or("a metadata block runs past the end of the file")?;
        if kind == STREAMINFO || kind == SEEKTABLE {
            kept.push((kind, data));
        }
        pos += 4 + len;
        if last {
            break;
        }
    }
    if !kept.iter().any(|(kind, _)| *kind == STREAMINFO) {
        return Err("it has no STREAMINFO block");
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(b"fLaC");
    for (i, (kind, data)) in kept.iter().enumerate() {
        let last_flag = if i + 1 == kept.len() { 0x80 } else { 0 };
        out.push(last_flag | kind);
        // A block's length came from a 24-bit field, so it fits in three bytes.
        out.extend_from_slice(&(data.len() as u32).to_be_bytes()[1..]);
        out.extend_from_slice(data);
    }
    out.extend_from_slice(&body[pos..]);
    Ok(out)
}

/// A container opened on its first audio track, with a decoder for it.
struct OpenTrack {
    format: Box<dyn FormatReader>,
    track_id: u32,
    declared_frames: Option<u64>,
    declared_rate: Option<u32>,
    decoder: Box<dyn symphonia::core::codecs::Decoder>,
}

/// A length as people say it: "2 h 30 min", "45 min", "12 s".
fn duration(seconds: f64) -> String {
    let whole = seconds.round() as u64;
    match (whole / 3600, whole % 3600 / 60) {
        (0, 0) => format!("{whole} s"),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Refuses a recording longer than `max_secs` (of `seconds`, when its length is known),
/// in words an officer can act on.
fn too_long(name: &str, seconds: Option<f64>, max_secs: u32) -> Rejection {
    let limit = duration(f64::from(max_secs));
    let length = match seconds {
        Some(s) => format!("is {} of audio", duration(s)),
        None => format!("runs past {limit} of audio"),
    };
    Rejection(format!(
        "{name} {length}, longer than the {limit} a recording may be; cut it to the statement itself, or split it into parts"
    ))
}

impl OpenTrack {
    /// Refuses a recording whose header declares more than `max_secs`.
    fn check_declared(&self, name: &str, max_secs: u32) -> Result<(), Rejection> {
        if let (Some(frames), Some(rate)) = (self.declared_frames, self.declared_rate) {
            let seconds = frames as f64 / f64::from(rate.max(1));
            if seconds > f64::from(max_secs) {
                return Err(too_long(name, Some(seconds), max_secs));
            }
        }
        Ok(())
    }
}

fn open_track(name: &str, bytes: &[u8], media: MediaType) -> Result<OpenTrack, Rejection> {
    let format = open(name, bytes, media)?;
    let track = format
        .tracks()
        .iter()
        .find(|t| t.codec_params.codec != CODEC_TYPE_NULL)
        .ok_or_else(|| Rejection(format!("{name} contains no audio track")))?;
    let decoder = symphonia::default::get_codecs()
        .make(&track.codec_params, &DecoderOptions::default())
        .map_err(|err| Rejection(format!("{name}: its audio codec is not supported ({err})")))?;
    let (track_id, declared_frames) = (track.id, track.codec_params.n_frames);
    let declared_rate = track.codec_params.sample_rate;
    Ok(OpenTrack {
        format,
        track_id,
        declared_rate,
        declared_frames,
        decoder,
    })
}

/// A quick check at submission: the container opens, it has an audio track, its header
/// declares no more than `max_secs`, and its first packet decodes. (The full decode,
/// held to the same length, happens in the pipeline.)
pub fn probe(name: &str, bytes: &[u8], media: MediaType, max_secs: u32) -> Result<(), Rejection> {
    let track = open_track(name, bytes, media)?;
    track.check_declared(name, max_secs)?;
    let OpenTrack {
        mut format,
        track_id,
        mut decoder,
        ..
    } = track;
    for _ in 0..64 {
        let packet = match format.next_packet() {
            Ok(packet) => packet,
            Err(_) => break,
        };
        if packet.track_id() != track_id {
            continue;
        }
        if decoder.decode(&packet).is_ok() {
            return Ok(());
        }
    }
    Err(Rejection(format!(
        "{name} is damaged: no audio could be decoded from it ({})",
        media.describe()
    )))
}

/// Decodes a whole recording to 16 kHz mono, at most `max_secs` of it: a longer one is
/// refused from its header's length when it states one, else when decoding passes the
/// limit, so a small file that expands to days of audio (a decompression bomb) never
/// fills memory. Only the 16 kHz result is held (resampled as it is decoded). Opus and
/// WebM go through `ffmpeg`, held to the same length.
pub fn decode(
    name: &str,
    bytes: &[u8],
    media: MediaType,
    ffmpeg: &Path,
    max_secs: u32,
) -> Result<Pcm, Rejection> {
    if media.needs_ffmpeg() {
        return ffmpeg_decode(name, bytes, media, ffmpeg, max_secs);
    }
    let track = open_track(name, bytes, media)?;
    track.check_declared(name, max_secs)?;
    let OpenTrack {
        mut format,
        track_id,
        declared_frames,
        mut decoder,
        ..
    } = track;
    let mut mono: Option<Streaming> = None;
    let mut rate = 0;
    let (mut good, mut bad) = (0u64, 0u64);
    let mut frames = 0u64;
    let mut buffer: Option<SampleBuffer<f32>> = None;
    loop {
        let packet = match format.next_packet() {
            Ok(packet) => packet,
            // End of stream (symphonia reports it as an unexpected EOF).
            Err(SymphoniaError::IoError(err))
                if err.kind() == std::io::ErrorKind::UnexpectedEof =>
            {
                break
            }
            Err(SymphoniaError::ResetRequired) => break,
            Err(err) => {
                return Err(Rejection(format!(
                    "{name} is damaged: reading it failed ({err})"
                )));
            }
        };
        if packet.track_id() != track_id {
            continue;
        }
        match decoder.decode(&packet) {
            Ok(decoded) => {
                good += 1;
                let spec = *decoded.spec();
                rate = spec.rate;
                // Recordings are made at 8 to 192 kHz; a rate outside that is damage
                // (and a resampler built for it can take minutes and gigabytes).
                if !(MIN_RATE..=MAX_RATE).contains(&rate) {
                    return Err(Rejection(format!(
                        "{name} is damaged: it declares a sample rate of {rate} Hz, which no recording uses"
                    )));
                }
                let channels = spec.channels.count().max(1);
                let needed = decoded.capacity() as u64;
                let sb = match &mut buffer {
                    Some(sb) if sb.capacity() as u64 >= needed * channels as u64 => sb,
                    _ => buffer.insert(SampleBuffer::<f32>::new(needed, spec)),
                };
                sb.copy_interleaved_ref(decoded);
                let samples = sb.samples();
                frames += (samples.len() / channels) as u64;
                if frames > u64::from(max_secs) * u64::from(rate) {
                    return Err(too_long(name, None, max_secs));
                }
                let stream =
                    match &mut mono {
                        Some(stream) if stream.from == rate => stream,
                        Some(_) => {
                            return Err(Rejection(format!(
                                "{name} is damaged: its sample rate changes part way through"
                            )))
                        }
                        None => mono.insert(Streaming::new(rate).map_err(|err| {
                            Rejection(format!("{name}: resampling failed ({err})"))
                        })?),
                    };
                stream
                    .push(
                        samples
                            .chunks_exact(channels)
                            .map(|frame| frame.iter().sum::<f32>() / channels as f32),
                    )
                    .map_err(|err| Rejection(format!("{name}: resampling failed ({err})")))?;
            }
            Err(SymphoniaError::DecodeError(_)) => bad += 1,
            Err(err) => return Err(Rejection(format!("{name} cannot be decoded ({err})"))),
        }
    }
    // The stream is made at the first good packet, with a rate checked in range.
    let Some(mono) = mono.filter(|m| m.taken > 0) else {
        return Err(Rejection(format!(
            "{name} is damaged: no audio could be decoded from it"
        )));
    };
    if bad * 5 > good + bad {
        return Err(Rejection(format!(
            "{name} is damaged: {bad} of {} audio frames could not be decoded",
            good + bad
        )));
    }
    if let Some(declared) = declared_frames {
        // Allow for encoder padding; a real truncation loses far more.
        if declared > 0 && frames * 100 < declared * 95 {
            return Err(Rejection(format!(
                "{name} is truncated: it holds {:.1} s of the {:.1} s its header declares; copy or export the recording again",
                frames as f64 / f64::from(rate),
                declared as f64 / f64::from(rate)
            )));
        }
    }
    let samples = mono
        .finish()
        .map_err(|err| Rejection(format!("{name}: resampling failed ({err})")))?;
    Ok(Pcm { samples })
}

/// Decodes with ffmpeg to raw 16 kHz mono samples (raw, because a WAV written to a pipe
/// cannot state its length). ffmpeg is told the container the content was sniffed as
/// and reads only from its pipe: it never guesses another format (a playlist that
/// names other files) from what it is given.
fn ffmpeg_decode(
    name: &str,
    bytes: &[u8],
    media: MediaType,
    ffmpeg: &Path,
    max_secs: u32,
) -> Result<Pcm, Rejection> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let demuxer = match media {
        MediaType::Webm => "webm",
        _ => "ogg",
    };
    let child = Command::new(ffmpeg)
        .args([
            "-hide_banner",
            "-loglevel",
            "error",
            "-nostdin",
            "-protocol_whitelist",
            "pipe",
            "-f",
            demuxer,
            "-i",
            "pipe:0",
            // The first audio track only (a WebM may hold video too).
            "-map",
            "0:a:0",
            // One second past the limit, to tell a recording that is too long.
            "-t",
            &(u64::from(max_secs) + 1).to_string(),
            "-ac",
            "1",
            "-ar",
            "16000",
            // Raw samples: "-f wav" would put its header in front of them.
            "-f",
            "s16le",
            "pipe:1",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let what = match media {
                MediaType::Webm => "WebM audio (a recording made in a browser)",
                _ => "Opus audio (e.g. a WhatsApp voice note)",
            };
            return Err(Rejection(format!(
                "{name} is {what}, which needs ffmpeg: install it (Debian: apt install ffmpeg; Windows: put ffmpeg.exe on PATH) or convert the file to MP3 or WAV"
            )));
        }
        Err(err) => return Err(Rejection(format!("{name}: cannot run ffmpeg ({err})"))),
    };
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| Rejection("ffmpeg has no stdin".to_owned()))?;
    let input = bytes.to_vec();
    // Feed stdin from a thread so a full stdout pipe cannot deadlock us.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child
        .wait_with_output()
        .map_err(|err| Rejection(format!("{name}: ffmpeg failed ({err})")))?;
    let _ = writer.join();
    if !output.status.success() || output.stdout.len() < 2 {
        return Err(Rejection(format!(
            "{name} is damaged: ffmpeg could not decode it ({})",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let samples: Vec<f32> = output
        .stdout
        .chunks_exact(2)
        .map(|pair| f32::from(i16::from_le_bytes([pair[0], pair[1]])) / 32_768.0)
        .collect();
    if samples.len() as u64 > u64::from(max_secs) * u64::from(RATE) {
        return Err(too_long(name, None, max_secs));
    }
    Ok(Pcm { samples })
}

const CHUNK: usize = 1024;

/// The sample rates recordings are made at, lowest and highest.
const MIN_RATE: u32 = 4_000;
const MAX_RATE: u32 = 192_000;

/// Resamples mono audio to [`RATE`] as it arrives, so that only the 16 kHz result is
/// held, never a whole recording at its own rate.
struct Streaming {
    from: u32,
    resampler: Option<FftFixedIn<f32>>,
    pending: Vec<f32>,
    out: Vec<f32>,
    /// Samples taken in, at the source rate.
    taken: u64,
}

impl Streaming {
    fn new(from: u32) -> Result<Streaming, String> {
        let resampler = match from {
            RATE => None,
            _ => Some(
                FftFixedIn::<f32>::new(from as usize, RATE as usize, CHUNK, 2, 1)
                    .map_err(|e| e.to_string())?,
            ),
        };
        Ok(Streaming {
            from,
            resampler,
            pending: Vec::with_capacity(CHUNK),
            out: Vec::new(),
            taken: 0,
        })
    }

    fn push(&mut self, samples: impl IntoIterator<Item = f32>) -> Result<(), String> {
        for sample in samples {
            self.taken += 1;
            let Some(resampler) = &mut self.resampler else {
                self.out.push(sample);
                continue;
            };
            self.pending.push(sample);
            if self.pending.len() == CHUNK {
                let block = resampler
                    .process(&[&self.pending], None)
                    .map_err(|e| e.to_string())?;
                self.out.extend_from_slice(&block[0]);
                self.pending.clear();
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<f32>, String> {
        let Some(resampler) = &mut self.resampler else {
            return Ok(self.out);
        };
        let delay = resampler.output_delay();
        let expected = (self.taken * u64::from(RATE) / u64::from(self.from)) as usize;
        if !self.pending.is_empty() {
            let block = resampler
                .process_partial(Some(&[&self.pending]), None)
                .map_err(|e| e.to_string())?;
            self.out.extend_from_slice(&block[0]);
        }
        // Flush what the filter still holds.
        while self.out.len() < expected + delay {
            let block = resampler
                .process_partial::<&[f32]>(None, None)
                .map_err(|e| e.to_string())?;
            if block[0].is_empty() {
                break;
            }
            self.out.extend_from_slice(&block[0]);
        }
        let mut out = self.out;
        out.drain(..delay.min(out.len()));
        out.truncate(expected);
        Ok(out)
    }
}

/// Resamples mono audio to [`RATE`].
#[cfg(test)]
fn resample(input: &[f32], from: u32) -> Result<Vec<f32>, String> {
    let mut stream = Streaming::new(from)?;
    stream.push(input.iter().copied())?;
    stream.finish()
}

/// 16-bit PCM WAV bytes of the samples.
pub fn to_wav(samples: &[f32]) -> Vec<u8> {
    let data_len = (samples.len() * 2) as u32;
    let mut out = Vec::with_capacity(44 + samples.len() * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes()); // fmt chunk size
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes()); // byte rate
    out.extend_from_slice(&2u16.to_le_bytes()); // block align
    out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for sample in samples {
        let value = (sample.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16;
        out.extend_from_slice(&value.to_le_bytes());
    }
    out
}

/// Splits `pcm` into chunks of about `chunk_secs`, each cut in the longest pause in
/// the last quarter before the boundary, and extended by `overlap_secs / 2` on each side
/// of a cut. One chunk if the recording is short enough.
pub fn chunk_ranges(pcm: &Pcm, chunk_secs: f64, overlap_secs: f64) -> Vec<std::ops::Range<usize>> {
    let len = pcm.samples.len();
    let chunk = (chunk_secs * f64::from(RATE)) as usize;
    if len <= chunk + chunk / 4 || chunk == 0 {
        #[allow(clippy::single_range_in_vec_init)] // one chunk: the whole recording
        return vec![0..len];
    }
    let half_overlap = (overlap_secs * f64::from(RATE) / 2.0) as usize;
    let mut cuts = Vec::new();
    let mut start = 0;
    while len - start > chunk + chunk / 4 {
        let target = start + chunk;
        let window_start = target - chunk / 4;
        let cut = quiet_point(&pcm.samples[window_start..target]) + window_start;
        cuts.push(cut);
        start = cut;
    }
    let mut ranges = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for cut in cuts {
        ranges.push(from..(cut + half_overlap).min(len));
        from = cut.saturating_sub(half_overlap);
    }
    ranges.push(from..len);
    ranges
}

/// The middle of the longest pause in `window` (a run of 20 ms frames far quieter than
/// the window's typical frame); the quietest frame if there is no pause.
fn quiet_point(window: &[f32]) -> usize {
    let frame = (RATE / 50) as usize;
    let energies: Vec<f32> = window
        .chunks(frame)
        .map(|f| f.iter().map(|s| s * s).sum::<f32>() / f.len().max(1) as f32)
        .collect();
    if energies.is_empty() {
        return window.len() / 2;
    }
    let mut sorted = energies.clone();
    sorted.sort_by(f32::total_cmp);
    let median = sorted[sorted.len() / 2];
    let threshold = (median * 0.05).max(sorted[0] * 2.0).max(1e-7);
    let (mut best_start, mut best_len, mut run_start) = (0, 0, None);
    for (i, energy) in energies.iter().enumerate() {
        match (*energy <= threshold, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                if i - s > best_len {
                    (best_start, best_len) = (s, i - s);
                }
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run_start {
        if energies.len() - s > best_len {
            (best_start, best_len) = (s, energies.len() - s);
        }
    }
    if best_len == 0 {
        let quietest = energies
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
            .unwrap_or(0);
        return quietest * frame + frame / 2;
    }
    (best_start * frame + best_len * frame / 2).min(window.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(seconds: f64, rate: u32) -> Vec<f32> {
        (0..(seconds * f64::from(rate)) as usize)
            .map(|i| (i as f32 * 440.0 * std::f32::consts::TAU / rate as f32).sin() * 0.5)
            .collect()
    }

    #[test]
    fn wav_round_trip_and_resampling() {
        let pcm = Pcm {
            samples: tone(1.5, RATE),
        };
        let wav = to_wav(&pcm.samples);
        assert_eq!(super::super::sniff(&wav), Some(MediaType::Wav));
        let back = decode("t.wav", &wav, MediaType::Wav, Path::new("ffmpeg"), 7200).unwrap();
        assert_eq!(back.samples.len(), pcm.samples.len());
        assert!((back.samples[1000] - pcm.samples[1000]).abs() < 0.001);
        let resampled = resample(&tone(2.0, 44_100), 44_100).unwrap();
        assert_eq!(resampled.len(), 32_000);
        let rms = (resampled.iter().map(|s| s * s).sum::<f32>() / resampled.len() as f32).sqrt();
        assert!(
            (rms - 0.3535).abs() < 0.02,
            "a 440 Hz tone keeps its level: {rms}"
        );
    }

    // Found by the fuzzer: a WAV declaring 4,096,000 Hz had a resampler built for it
    // (minutes and gigabytes) before its damage was noticed.
    #[test]
    fn an_absurd_sample_rate_is_damage() {
        let mut wav = to_wav(&tone(0.5, RATE));
        wav[24..28].copy_from_slice(&4_096_000u32.to_le_bytes());
        let err = decode("odd.wav", &wav, MediaType::Wav, Path::new("ffmpeg"), 7200).unwrap_err();
        assert!(
            err.0
                .contains("odd.wav is damaged: it declares a sample rate of 4096000 Hz"),
            "{err}"
        );
    }

    #[test]
    fn lengths_read_as_people_say_them() {
        assert_eq!(duration(7200.0), "2 h");
        assert_eq!(duration(9000.0), "2 h 30 min");
        assert_eq!(duration(2700.0), "45 min");
        assert_eq!(duration(12.4), "12 s");
    }

    #[test]
    fn truncated_wav_is_refused() {
        let wav = to_wav(&tone(4.0, RATE));
        let err = decode(
            "cut.wav",
            &wav[..wav.len() / 2],
            MediaType::Wav,
            Path::new("ffmpeg"),
            7200,
        )
        .unwrap_err();
        assert!(
            err.0
                .contains("cut.wav is truncated: it holds 2.0 s of the 4.0 s"),
            "{err}"
        );
    }

    #[test]
    fn chunks_cut_in_silence_with_overlap() {
        // 100 s of tone with a half-second pause every 7 s.
        let mut samples = tone(100.0, RATE);
        for pause in (7..100).step_by(7) {
            let at = pause * RATE as usize;
            samples[at..at + RATE as usize / 2].fill(0.0);
        }
        let pcm = Pcm { samples };
        let ranges = chunk_ranges(&pcm, 30.0, 1.0);
        assert!(ranges.len() >= 3 && ranges.len() <= 4, "{ranges:?}");
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges.last().unwrap().end, pcm.samples.len());
        for pair in ranges.windows(2) {
            let cut = (pair[0].end + pair[1].start) / 2;
            assert_eq!(pair[0].end - pair[1].start, RATE as usize, "1 s overlap");
            let silent = pcm.samples[cut - 400..cut + 400].iter().all(|s| *s == 0.0);
            assert!(silent, "cut at {cut} is inside a pause");
        }
        assert_eq!(
            chunk_ranges(
                &Pcm {
                    samples: tone(20.0, RATE)
                },
                30.0,
                1.0
            ),
            vec![0..320_000]
        );
    }
}
