//! Cases, inputs, jobs and audit events: the nouns every other module speaks.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Row id of a case.
pub type CaseId = i64;
/// Row id of a job. Ids grow with submission order, which is also FIFO order.
pub type JobId = i64;
/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

/// The current time in milliseconds since the Unix epoch.
pub fn now_ms() -> Millis {
    chrono::Utc::now().timestamp_millis()
}

/// What an input is. Only `Text` is processed so far; audio and images arrive with ASR/OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A statement typed (or pasted) by station staff.
    Text,
    /// A voice recording of the complainant.
    Audio,
    /// A scan or photo of a written complaint (image or PDF).
    Image,
}

impl InputKind {
    /// Stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Audio => "audio",
            InputKind::Image => "image",
        }
    }
}

impl FromStr for InputKind {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(InputKind::Text),
            "audio" => Ok(InputKind::Audio),
            "image" => Ok(InputKind::Image),
            _ => Err(UnknownName::new("input kind", s)),
        }
    }
}

/// A name read from storage that this build does not know.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown {what} {value:?} in the database (written by a newer AFIRGen?)")]
pub struct UnknownName {
    what: &'static str,
    value: String,
}

impl UnknownName {
    fn new(what: &'static str, value: &str) -> Self {
        UnknownName {
            what,
            value: value.to_owned(),
        }
    }
}

/// Where a job stands. docs/architecture.md, section 3, has the transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Persisted and waiting for a request-gate permit.
    Queued,
    /// Audio inputs are being transcribed.
    Transcribing,
    /// Images are being read by OCR.
    Ocr,
    /// The LLM extracts structured facts.
    Extracting,
    /// Legal sections are being chosen.
    LegalSections,
    /// The IIF-1 fields are being drafted.
    Drafting,
    /// The draft waits for an officer.
    AwaitingReview,
    /// Numbered and sealed; read-only from here on.
    Finalized,
    /// The PDF was exported.
    Exported,
    /// A step failed; the error is kept and the job can be retried.
    Failed,
    /// Stopped by a user.
    Cancelled,
}

impl JobState {
    /// Every state, in pipeline order.
    pub const ALL: [JobState; 11] = [
        JobState::Queued,
        JobState::Transcribing,
        JobState::Ocr,
        JobState::Extracting,
        JobState::LegalSections,
        JobState::Drafting,
        JobState::AwaitingReview,
        JobState::Finalized,
        JobState::Exported,
        JobState::Failed,
        JobState::Cancelled,
    ];

    /// Stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Transcribing => "transcribing",
            JobState::Ocr => "ocr",
            JobState::Extracting => "extracting",
            JobState::LegalSections => "legal_sections",
            JobState::Drafting => "drafting",
            JobState::AwaitingReview => "awaiting_review",
            JobState::Finalized => "finalized",
            JobState::Exported => "exported",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
        }
    }

    /// True while a worker owns the job (a pipeline step is running).
    pub fn is_running(self) -> bool {
        matches!(
            self,
            JobState::Transcribing
                | JobState::Ocr
                | JobState::Extracting
                | JobState::LegalSections
                | JobState::Drafting
        )
    }

    /// True once the pipeline has nothing more to do without a person.
    pub fn is_settled(self) -> bool {
        !self.is_running() && self != JobState::Queued
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for JobState {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        JobState::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
            .ok_or_else(|| UnknownName::new("job state", s))
    }
}

/// One pipeline step. Each step's output is stored as it completes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Every input becomes text (typed text as is, audio by ASR, images by OCR).
    InputsToText,
    /// The LLM extracts facts under a JSON schema.
    Extract,
    /// Applicable legal sections.
    LegalSections,
    /// The IIF-1 draft.
    Draft,
}

impl Step {
    /// The steps in the order they run.
    pub const ALL: [Step; 4] = [
        Step::InputsToText,
        Step::Extract,
        Step::LegalSections,
        Step::Draft,
    ];

    /// Its place in [`Step::ALL`] (0 for the first step): the enum is declared in the
    /// order the steps run (a test holds the two together).
    pub fn stage(self) -> u8 {
        self as u8
    }

    /// Stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::InputsToText => "inputs_to_text",
            Step::Extract => "extract",
            Step::LegalSections => "legal_sections",
            Step::Draft => "draft",
        }
    }

    /// The job state shown while this step runs.
    pub fn running_state(self) -> JobState {
        match self {
            Step::InputsToText => JobState::Transcribing,
            Step::Extract => JobState::Extracting,
            Step::LegalSections => JobState::LegalSections,
            Step::Draft => JobState::Drafting,
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Step::InputsToText => "Inputs to text",
            Step::Extract => "Extract facts",
            Step::LegalSections => "Legal sections",
            Step::Draft => "Draft IIF-1",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Step {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Step::ALL
            .into_iter()
            .find(|step| step.as_str() == s)
            .ok_or_else(|| UnknownName::new("step", s))
    }
}

/// Queue priority: urgent cases are taken before normal ones, FIFO within each.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, ts_rs::TS,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// First come, first served.
    #[default]
    Normal,
    /// Jumps ahead of every normal job.
    Urgent,
}

impl Priority {
    /// The name, as the audit trail records it.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Normal => "normal",
            Priority::Urgent => "urgent",
        }
    }

    /// The number stored in the database (higher runs first).
    pub fn as_i64(self) -> i64 {
        match self {
            Priority::Normal => 0,
            Priority::Urgent => 1,
        }
    }

    /// The priority an "urgent" tick box or flag asks for: the one rule every desk uses.
    pub fn from_urgent(urgent: bool) -> Self {
        if urgent {
            Priority::Urgent
        } else {
            Priority::Normal
        }
    }

    /// Reads the stored number; anything above zero is urgent.
    pub fn from_i64(value: i64) -> Self {
        if value > 0 {
            Priority::Urgent
        } else {
            Priority::Normal
        }
    }
}

/// One input of a case as submitted, before it is stored.
#[derive(Debug, Clone)]
pub struct NewInput {
    /// What the bytes are.
    pub kind: InputKind,
    /// The content, exactly as received.
    pub bytes: Vec<u8>,
    /// The name the user gave the file, for display only (never used as a path).
    pub display_name: Option<String>,
}

impl NewInput {
    /// A typed statement.
    pub fn text(text: impl Into<String>) -> Self {
        NewInput {
            kind: InputKind::Text,
            bytes: text.into().into_bytes(),
            display_name: None,
        }
    }
}

/// A case as submitted: its inputs and the station context.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// The police station's code (numbering is per station and year).
    pub station_code: String,
    /// The complainant's language as given by staff (e.g. "en", "hi"); "auto" if unknown.
    pub language: String,
    /// Queue priority.
    pub priority: Priority,
    /// Who submitted it (user name).
    pub submitted_by: String,
    /// One or more inputs, in the order the statement is assembled.
    pub inputs: Vec<NewInput>,
}

/// A stored input (its bytes live in the content-addressed blob store).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InputRecord {
    /// Row id.
    pub id: i64,
    /// The case it belongs to.
    pub case_id: CaseId,
    /// Position in the case (0-based), the order of the assembled statement.
    pub ordinal: i64,
    /// What it is.
    pub kind: InputKind,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: i64,
    /// The user's file name, for display only.
    pub display_name: Option<String>,
}

/// Why a job failed, kept with the job so nothing vanishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobError {
    /// What kind of failure.
    pub kind: JobErrorKind,
    /// The step that failed, if any.
    pub step: Option<Step>,
    /// A message for people: what went wrong and what to do.
    pub message: String,
    /// The model's raw answer when it could not be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_answer: Option<String>,
}

impl JobError {
    /// True if running the job again may succeed (model or internal trouble, not bad input).
    pub fn retryable(&self) -> bool {
        self.kind != JobErrorKind::Input
    }
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.step {
            Some(step) => write!(f, "{} (step {step})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The families of job failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobErrorKind {
    /// The submitted input cannot be processed (empty, too long, not UTF-8...).
    Input,
    /// A model server was unreachable, failing, or answered unusably.
    Model,
    /// Storage or another internal fault.
    Internal,
}

/// A job as stored.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Job {
    /// Row id.
    pub id: JobId,
    /// The case it processes.
    pub case_id: CaseId,
    /// Where it stands.
    pub state: JobState,
    /// The step running now, or the last one that ran.
    pub step: Option<Step>,
    /// Queue priority.
    pub priority: Priority,
    /// How many times a worker has claimed it.
    pub attempts: i64,
    /// Why it failed, when it did.
    pub error: Option<JobError>,
    /// When it was submitted.
    pub created_at: Millis,
    /// When it last changed.
    pub updated_at: Millis,
}

/// One traceable action on a case: who, when, what field, old and new value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    /// Row id (0 before it is stored).
    pub id: i64,
    /// The case acted on.
    pub case_id: CaseId,
    /// The job, where the action concerns one.
    pub job_id: Option<JobId>,
    /// The user, or `system` for the pipeline.
    pub actor: String,
    /// When.
    pub at: Millis,
    /// What happened, e.g. `case.submitted`, `draft.edited`, `fir.finalized`.
    pub action: String,
    /// The field changed, for edits.
    pub field: Option<String>,
    /// The value before.
    pub old_value: Option<String>,
    /// The value after.
    pub new_value: Option<String>,
}

impl AuditEvent {
    /// An event stamped now, with no field change.
    pub fn new(case_id: CaseId, job_id: Option<JobId>, actor: &str, action: &str) -> Self {
        AuditEvent {
            id: 0,
            case_id,
            job_id,
            actor: actor.to_owned(),
            at: now_ms(),
            action: action.to_owned(),
            field: None,
            old_value: None,
            new_value: None,
        }
    }
}

/// What a model server is for (`models::Role` in the model client).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModelRole {
    /// Language model (chat completions).
    Llm,
    /// Speech recognition (audio transcriptions).
    Asr,
    /// Text embeddings (`/v1/embeddings`), for finding the sections a statement meets
    /// by meaning as well as by words. Optional.
    Embed,
}

impl fmt::Display for ModelRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ModelRole::Llm => "LLM",
            ModelRole::Asr => "ASR",
            ModelRole::Embed => "embedding",
        })
    }
}

impl ModelRole {
    pub(crate) fn env_key(self) -> &'static str {
        match self {
            ModelRole::Llm => "AFIRGEN_LLM_URL",
            ModelRole::Asr => "AFIRGEN_ASR_URL",
            ModelRole::Embed => "AFIRGEN_EMBED_URL",
        }
    }

    pub(crate) fn config_table(self) -> &'static str {
        match self {
            ModelRole::Llm => "llm",
            ModelRole::Asr => "asr",
            ModelRole::Embed => "embed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for state in JobState::ALL {
            assert_eq!(state.as_str().parse::<JobState>().unwrap(), state);
        }
        for (place, step) in Step::ALL.into_iter().enumerate() {
            assert_eq!(step.as_str().parse::<Step>().unwrap(), step);
            assert_eq!(
                usize::from(step.stage()),
                place,
                "{step:?} runs in its place"
            );
        }
        for kind in [InputKind::Text, InputKind::Audio, InputKind::Image] {
            assert_eq!(kind.as_str().parse::<InputKind>().unwrap(), kind);
        }
        assert!("bogus".parse::<JobState>().is_err());
    }

    #[test]
    fn settled_states() {
        assert!(!JobState::Queued.is_settled());
        assert!(!JobState::Extracting.is_settled());
        assert!(JobState::AwaitingReview.is_settled());
        assert!(JobState::Failed.is_settled());
        assert!(Priority::Urgent > Priority::Normal);
    }
}
