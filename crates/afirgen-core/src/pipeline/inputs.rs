//! Step 1: every input becomes text. Typed statements are kept exactly; recordings are
//! decoded, chunked and transcribed in parallel under the gates; scans go to OCR. Each
//! input's text is kept separately with its source, and the statement is assembled in
//! the order the inputs were given.

use super::StepError;
use crate::config::Config;
use crate::domain::{InputKind, InputRecord, Job, JobError, JobErrorKind, JobState, NewCase};
use crate::media::{self, audio, MediaType};
use crate::models::asr::{detect_candidates, speech_language};
use crate::models::ModelClient;
use crate::ocr::{Ocr, OcrError};
use crate::store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One input's text, kept separately with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputText {
    /// The input's row id.
    pub input_id: i64,
    /// Its position in the case.
    pub ordinal: i64,
    /// What it was.
    pub kind: InputKind,
    /// The file's real type, for files.
    #[serde(default)]
    pub media_type: Option<MediaType>,
    /// The user's name for the file (display only).
    #[serde(default)]
    pub display_name: Option<String>,
    /// How the text was obtained: `typed`, `asr:MODEL`, `tesseract:LANGS`, `pdf-text`.
    pub source: String,
    /// Length of a recording, seconds.
    #[serde(default)]
    pub seconds: Option<f64>,
    /// Chunks a recording was transcribed in.
    #[serde(default)]
    pub chunks: Option<usize>,
    /// Pages of a scan.
    #[serde(default)]
    pub pages: Option<usize>,
    /// The language a recording was transcribed in (asked for, or identified by the
    /// speech server for Detect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The text.
    pub text: String,
}

/// Output of the inputs-to-text step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    /// Each input's text, in order.
    pub inputs: Vec<InputText>,
    /// The statement assembled from them, in order.
    pub statement: String,
}

/// What the step reads with.
pub struct Readers<'a> {
    /// Where the inputs are.
    pub store: &'a Store,
    /// Speech recognition.
    pub models: &'a ModelClient,
    /// OCR.
    pub ocr: &'a Ocr,
    /// Settings.
    pub config: &'a Config,
}

fn display(input_ordinal: usize, name: &Option<String>) -> String {
    name.clone()
        .unwrap_or_else(|| format!("input {}", input_ordinal + 1))
}

/// Checks a case before it is stored. An `Err` is the reason the job is rejected (the
/// case is stored anyway, as a failed job, so nothing the user submitted is lost).
pub fn check_case(case: &NewCase, config: &Config) -> Result<(), JobError> {
    let reject = |message: String| JobError {
        kind: JobErrorKind::Input,
        step: None,
        message,
        raw_answer: None,
    };
    for (i, input) in case.inputs.iter().enumerate() {
        let which = display(i, &input.display_name);
        match input.kind {
            InputKind::Text => {
                let text = std::str::from_utf8(&input.bytes).map_err(|err| {
                    reject(format!(
                        "{which} is not valid UTF-8 text (bad byte at offset {}); save it as UTF-8 and submit again",
                        err.valid_up_to()
                    ))
                })?;
                if text.trim().is_empty() {
                    return Err(reject(format!(
                        "{which} is empty; type or paste the complainant's statement"
                    )));
                }
                let chars = text.chars().count();
                let max = config.input.max_text_chars;
                if chars > max {
                    return Err(reject(format!(
                        "{which} has {chars} characters, more than the limit of {max}; split it into several inputs"
                    )));
                }
            }
            InputKind::Audio | InputKind::Image => {
                media::check_file(&which, input.kind, &input.bytes, &config.input)
                    .map_err(|err| reject(err.0))?;
            }
        }
    }
    Ok(())
}

/// The state shown while inputs are read: transcribing if there is a recording, OCR if
/// there are only scans (and typed text alone passes through as transcribing).
pub async fn running_state(store: &Store, job: &Job) -> Result<JobState, StoreError> {
    let inputs = store.case_inputs(job.case_id).await?;
    let has = |kind| inputs.iter().any(|i| i.kind == kind);
    Ok(if !has(InputKind::Audio) && has(InputKind::Image) {
        JobState::Ocr
    } else {
        JobState::Transcribing
    })
}

/// Runs the step.
pub(crate) async fn run(readers: &Readers<'_>, job: &Job) -> Result<Transcript, StepError> {
    let inputs = readers.store.case_inputs(job.case_id).await?;
    if inputs.is_empty() {
        return Err(StepError::Input("the case has no inputs".to_owned()));
    }
    // Only recordings need the case's language (or, for Detect, the station's).
    let audio = &readers.config.audio;
    let speech = if inputs.iter().any(|i| i.kind == InputKind::Audio) {
        let case = readers.store.get_case(job.case_id).await?;
        Speech {
            language: speech_language(&case.language, &audio.language),
            candidates: detect_candidates(&audio.detect_languages),
        }
    } else {
        Speech::default()
    };
    // Inputs are read side by side; each one's model calls go through the gates.
    let texts =
        futures::future::try_join_all(inputs.iter().map(|input| read(readers, input, &speech)))
            .await?;
    // One input is the statement exactly as given; several are joined in order.
    let statement = texts
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Transcript {
        inputs: texts,
        statement,
    })
}

/// The language a case's recordings are transcribed in: `language`, or (empty) the one
/// the server identifies among `candidates`.
#[derive(Default)]
struct Speech {
    language: String,
    candidates: Vec<String>,
}

/// Reads one input; a recording is transcribed as `speech` says.
async fn read(
    readers: &Readers<'_>,
    input: &InputRecord,
    speech: &Speech,
) -> Result<InputText, StepError> {
    let bytes = readers.store.blob(&input.sha256).await?;
    let name = display(input.ordinal as usize, &input.display_name);
    let mut text = InputText {
        input_id: input.id,
        ordinal: input.ordinal,
        kind: input.kind,
        media_type: None,
        display_name: input.display_name.clone(),
        source: "typed".to_owned(),
        seconds: None,
        chunks: None,
        pages: None,
        language: None,
        text: String::new(),
    };
    match input.kind {
        // Checked at submission; checked again because stored data is input too.
        InputKind::Text => {
            text.text = String::from_utf8(bytes)
                .map_err(|_| StepError::Input(format!("{name} is not UTF-8 text")))?;
            text.media_type = Some(MediaType::Text);
        }
        InputKind::Audio => {
            let media_type = media::sniff(&bytes)
                .filter(|m| m.kind() == InputKind::Audio)
                .ok_or_else(|| {
                    StepError::Input(format!("{name} is not a recording AFIRGen can read"))
                })?;
            let config = &readers.config.audio;
            let (owned_name, ffmpeg) = (name.clone(), config.ffmpeg.clone());
            let max_secs = readers.config.input.max_recording_secs;
            // Decoding and resampling are CPU work: keep them off the async threads.
            let pcm = tokio::task::spawn_blocking(move || {
                audio::decode(&owned_name, &bytes, media_type, &ffmpeg, max_secs)
            })
            .await
            .map_err(|err| StepError::Input(format!("decoding {name} stopped: {err}")))?
            .map_err(|err| StepError::Input(err.0))?;
            let ranges = audio::chunk_ranges(&pcm, config.chunk_secs, config.overlap_secs);
            tracing::info!(input = %name, seconds = pcm.seconds(), chunks = ranges.len(), "transcribing");
            let wavs: Vec<Arc<Vec<u8>>> = ranges
                .iter()
                .map(|range| Arc::new(audio::to_wav(&pcm.samples[range.clone()])))
                .collect();
            let heard = readers
                .models
                .transcribe_chunks(&wavs, &speech.language, &speech.candidates)
                .await?;
            text.text = crate::media::transcript::merge_transcripts(&heard.parts);
            text.language = heard.language;
            if text.text.trim().is_empty() {
                return Err(StepError::Input(format!(
                    "no speech was recognised in {name} ({:.1} s of audio); check the recording, or type the statement",
                    pcm.seconds()
                )));
            }
            text.media_type = Some(media_type);
            text.source = format!("asr:{}", readers.models.asr_model());
            text.seconds = Some((pcm.seconds() * 10.0).round() / 10.0);
            text.chunks = Some(ranges.len());
        }
        InputKind::Image => {
            let media_type = media::sniff(&bytes)
                .filter(|m| m.kind() == InputKind::Image)
                .ok_or_else(|| {
                    StepError::Input(format!("{name} is not a scan AFIRGen can read"))
                })?;
            let read =
                readers
                    .ocr
                    .read(&name, &bytes, media_type)
                    .await
                    .map_err(|err| match err {
                        OcrError::Input(rejection) => StepError::Input(rejection.0),
                        OcrError::Setup(message) | OcrError::Failed(message) => {
                            StepError::Ocr(message)
                        }
                    })?;
            if read.text.trim().is_empty() {
                return Err(StepError::Input(format!(
                    "no text could be read from {name}; check that the scan is sharp and upright, or type the statement"
                )));
            }
            text.media_type = Some(media_type);
            text.source = read.source;
            text.pages = Some(read.pages);
            text.text = read.text;
        }
    }
    Ok(text)
}
