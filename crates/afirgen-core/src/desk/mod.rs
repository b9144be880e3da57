//! What a desk asks of the engine, as serialisable views: the queue, one case with its
//! sources, record search, files checked before submission, and seal verification.
//! The desktop shell and the station server both call these, so neither grows logic.

use crate::config::InputConfig;
use crate::domain::{AuditEvent, CaseId, InputKind, Job, JobId, NewInput, Step};
use crate::engine::{Engine, EngineError};
use crate::media::{self, MediaType, Rejection};
use crate::pipeline::inputs::Transcript;
use crate::pipeline::JobEvent;
use crate::store::{CaseRecord, FinalRecord, RecordKind, RecordNumber};
use chrono::Datelike;
use serde::Serialize;

mod eta;
mod info;
mod intake;
mod people;
mod queue;
mod settings;
pub use eta::{Eta, StepTimes, ETA_HISTORY};
pub use info::AppInfo;
pub use intake::{
    check_files, export_file_name, CaseForm, ReceivedCase, ReceivedFile, StagedFile, Staging,
};
pub use people::SignInState;
pub use queue::{JobRow, QueueFilter, QueueQuery, QueueView, QUEUE_ROWS};
pub use settings::Settings;

/// How often a watch looks at the store for progress made by another instance.
const WATCH_POLL: std::time::Duration = std::time::Duration::from_secs(2);

/// One input with the text read from it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InputView {
    /// Row id.
    pub id: i64,
    /// Position in the case.
    pub ordinal: i64,
    /// Text, audio or image.
    pub kind: InputKind,
    /// The user's file name (display only).
    pub display_name: Option<String>,
    /// SHA-256 of the bytes (the key to fetch them).
    pub sha256: String,
    /// Size in bytes.
    pub size: i64,
    /// MIME type, for players and viewers.
    pub mime: Option<String>,
    /// Typed text, transcript or OCR text, once read.
    pub text: Option<String>,
}

/// Everything the Review screen shows about a case.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseView {
    /// The case.
    pub case: CaseRecord,
    /// Its latest job.
    pub job: Option<Job>,
    /// Its inputs with their text.
    pub inputs: Vec<InputView>,
    /// The assembled statement, once read.
    pub statement: Option<String>,
    /// The current draft (IIF-1 JSON).
    #[ts(as = "Option<crate::fir::FirDraft>")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::fir::FirDraft>))]
    pub draft: Option<serde_json::Value>,
    /// Dotted paths of fields an officer edited.
    pub edited_fields: Vec<String>,
    /// The draft's revision: sent back with Finalise, so that only the draft the
    /// officer saw is sealed.
    pub draft_revision: Option<i64>,
    /// The review form's layout (the same for every desk).
    pub form: &'static [crate::form::FormItem],
    /// What the draft still lacks to be finalised (the check Finalise makes), in the
    /// form's order; empty once it may be finalised, and after finalisation.
    pub missing: Vec<crate::completeness::MissingItem>,
    /// "Read with" provisions the draft's facts support and its sections do not cite
    /// yet (3(5) for several accused...), for the officer to add; empty once finalised.
    pub qualifiers: Vec<&'static crate::legal::qualifiers::Qualifier>,
    /// The other sections the catalogue found for the statement, best first, that the
    /// draft does not cite: offered to the officer, one click to add, never cited by
    /// themselves; empty once finalised.
    pub suggestions: Vec<Suggestion>,
    /// The number finalising now would give (unless another record is registered
    /// first); None once finalised.
    pub next_number: Option<RecordNumber>,
    /// The frozen record, once finalized.
    pub record: Option<FinalRecord>,
    /// Who did what, oldest first.
    pub audit: Vec<AuditEvent>,
}

/// A catalogue section offered for a draft (see [`CaseView::suggestions`]).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    /// The Act ("BNS", "IT Act"), as in a cited section.
    pub act: String,
    /// The section within it ("303(2)", "66D").
    pub section: String,
    /// Its title.
    pub title: String,
}

/// The legal step's candidates (stored with the job) that `draft` does not cite.
fn suggestions(
    catalogue: &crate::legal::Catalogue,
    legal: Option<serde_json::Value>,
    draft: &crate::fir::FirDraft,
) -> Vec<Suggestion> {
    let Some(output) =
        legal.and_then(|v| serde_json::from_value::<crate::pipeline::legal::LegalOutput>(v).ok())
    else {
        return Vec::new();
    };
    let cited: Vec<String> = draft
        .acts_sections
        .iter()
        .map(crate::fir::SectionCitation::catalogue_key)
        .collect();
    output
        .candidates
        .iter()
        .filter(|(key, _)| !cited.contains(key))
        .filter_map(|(key, _)| catalogue.get(key))
        .map(|entry| Suggestion {
            act: entry.act.clone(),
            section: entry.section.clone(),
            title: entry.title.clone(),
        })
        .collect()
}

pub use crate::evidence::Verification;

/// Why a desk operation failed.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// From the engine or the store.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// A file that cannot be a case input.
    #[error(transparent)]
    Rejected(#[from] Rejection),
    /// The PDF could not be made.
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
    /// Stored content that does not serialise (corrupt record).
    #[error("stored record content is unreadable: {0}")]
    Json(#[from] serde_json::Error),
    /// The request itself is unusable.
    #[error("{0}")]
    Invalid(String),
    /// Asked for something that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A check running on a blocking thread stopped without an answer (it panicked).
    #[error("checking the file stopped unexpectedly: {0}")]
    Task(String),
}

/// A file checked and ready to be part of a case.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckedFile {
    /// Audio or image (scans and PDFs are images).
    pub kind: InputKind,
    /// The real type, from the content.
    pub media_type: MediaType,
    /// MIME type.
    pub mime: &'static str,
    /// Size in bytes.
    pub size: usize,
}

/// Checks a dropped or picked file: its real type from its content, its size, and that
/// it decodes. `name` is for messages only.
pub fn check_file(
    name: &str,
    bytes: &[u8],
    limits: &InputConfig,
) -> Result<CheckedFile, Rejection> {
    // Messages name the file as it will be shown.
    let name = &display_name(name);
    // The kind comes from the content, never from the name.
    let kind = media::sniff(bytes)
        .map(|media| media.kind())
        .unwrap_or(InputKind::Image);
    let media_type = media::check_file(name, kind, bytes, limits)?;
    Ok(CheckedFile {
        kind: media_type.kind(),
        media_type,
        mime: media_type.mime(),
        size: bytes.len(),
    })
}

/// A file as a case input, after [`check_file`].
pub fn file_input(name: &str, bytes: Vec<u8>, limits: &InputConfig) -> Result<NewInput, Rejection> {
    let checked = check_file(name, &bytes, limits)?;
    Ok(NewInput {
        kind: checked.kind,
        bytes,
        display_name: Some(display_name(name)),
    })
}

/// The longest file name kept for display (the column holds 255 characters).
const DISPLAY_NAME_CHARS: usize = 200;

/// A file's name as it is kept and shown: without control characters (a newline would
/// forge a log line) or bidirectional overrides (which make `exe.wav` look like
/// `vaw.exe`), at most [`DISPLAY_NAME_CHARS`] characters. Joiners and every script's
/// letters are kept as they are.
pub fn display_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        })
        .take(DISPLAY_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned.to_owned()
    }
}

impl Engine {
    /// The catalogue's best matches for a desk's search box: `limit` (default 10) held to
    /// 1..=50, so no desk can ask for the whole catalogue or for nothing.
    pub fn catalogue_search(&self, query: &str, limit: Option<usize>) -> Vec<crate::legal::Hit> {
        self.catalogue()
            .search(query, limit.unwrap_or(10).clamp(1, 50))
    }

    /// Everything about one case, for review by `viewer` (the view is audited).
    pub async fn case_view(&self, case_id: CaseId, viewer: &str) -> Result<CaseView, DeskError> {
        let store = self.store();
        let case = self.own_case(case_id).await?;
        self.note_view(case_id, viewer).await?;
        let job = store
            .latest_job_of_case(case_id)
            .await
            .map_err(EngineError::from)?;
        let mut outputs = match &job {
            Some(job) => store
                .step_outputs(job.id)
                .await
                .map_err(EngineError::from)?,
            None => Default::default(),
        };
        let transcript: Option<Transcript> = outputs
            .remove(&Step::InputsToText)
            .and_then(|value| serde_json::from_value(value).ok());
        let inputs = store
            .case_inputs(case_id)
            .await
            .map_err(EngineError::from)?
            .into_iter()
            .map(|input| {
                let read = transcript
                    .as_ref()
                    .and_then(|t| t.inputs.iter().find(|i| i.input_id == input.id));
                InputView {
                    mime: read
                        .and_then(|r| r.media_type)
                        .map(|m| m.mime().to_owned())
                        .or_else(|| (input.kind == InputKind::Text).then(|| "text/plain".into())),
                    text: read.map(|r| r.text.clone()),
                    id: input.id,
                    ordinal: input.ordinal,
                    kind: input.kind,
                    display_name: input.display_name,
                    sha256: input.sha256,
                    size: input.size,
                }
            })
            .collect();
        let (draft, edited_fields, draft_revision) = match store
            .draft_revision(case_id)
            .await
            .map_err(EngineError::from)?
        {
            Some((draft, edited, revision)) => (Some(draft), edited, Some(revision)),
            None => (None, Vec::new(), None),
        };
        let record = store
            .final_record(case_id)
            .await
            .map_err(EngineError::from)?;
        let typed: Option<crate::fir::FirDraft> = match (&draft, &record) {
            (Some(draft), None) => serde_json::from_value(draft.clone()).ok(),
            _ => None,
        };
        let missing = typed
            .as_ref()
            .map(crate::completeness::missing_items)
            .unwrap_or_default();
        let qualifiers = typed
            .as_ref()
            .map(crate::legal::qualifiers::suggested)
            .unwrap_or_default();
        let suggestions = typed
            .as_ref()
            .map(|d| suggestions(self.catalogue(), outputs.remove(&Step::LegalSections), d))
            .unwrap_or_default();
        let next_number = match &typed {
            Some(typed) => {
                let kind = crate::engine::record_kind(typed);
                let year = self.station_now().year();
                let number = store
                    .next_number(&case.station_code, year, kind)
                    .await
                    .map_err(EngineError::from)?;
                Some(RecordNumber {
                    kind,
                    display: crate::store::display_number(number, year),
                })
            }
            None => None,
        };
        Ok(CaseView {
            record,
            form: crate::form::layout(),
            missing,
            qualifiers,
            suggestions,
            next_number,
            audit: store
                .audit_trail(case_id)
                .await
                .map_err(EngineError::from)?,
            statement: transcript.map(|t| t.statement),
            case,
            job,
            inputs,
            draft,
            edited_fields,
            draft_revision,
        })
    }

    /// The bytes of one input of a case (for the audio player and image viewer). Only
    /// inputs of `case_id` are served, so a desk cannot fetch arbitrary blobs. Audited
    /// as a view of the case by `viewer`.
    pub async fn input_bytes(
        &self,
        case_id: CaseId,
        input_id: i64,
        viewer: &str,
    ) -> Result<Vec<u8>, DeskError> {
        self.own_case(case_id).await?;
        self.note_view(case_id, viewer).await?;
        let store = self.store();
        let input = store
            .case_inputs(case_id)
            .await
            .map_err(EngineError::from)?
            .into_iter()
            .find(|i| i.id == input_id)
            .ok_or_else(|| {
                DeskError::NotFound(format!("case {case_id} has no input {input_id}"))
            })?;
        Ok(store.blob(&input.sha256).await.map_err(EngineError::from)?)
    }

    /// Calls `send` with the job's state now, then with each of its events, until the
    /// job settles or `send` returns false (the receiver went away). A watcher that falls
    /// behind gets the state re-read from the store, so it never shows a stale step.
    pub async fn watch(
        &self,
        job_id: JobId,
        mut send: impl FnMut(JobEvent) -> bool,
    ) -> Result<(), DeskError> {
        use tokio::sync::broadcast::error::RecvError;
        self.job(job_id).await?;
        let mut events = self.subscribe();
        let mut last_sent = None;
        loop {
            let job = self
                .store()
                .get_job(job_id)
                .await
                .map_err(EngineError::from)?;
            let settled = job.state.is_settled();
            // Unchanged since the last look: nothing to tell.
            if last_sent != Some((job.state, job.step)) {
                last_sent = Some((job.state, job.step));
                let snapshot = JobEvent {
                    job_id,
                    state: job.state,
                    step: job.step,
                    step_done: false,
                    at: job.updated_at,
                    message: job.error.map(|e| e.message),
                };
                if !send(snapshot) || settled {
                    return Ok(());
                }
            }
            loop {
                // Another server instance may run this job; its progress reaches us only
                // through the store, so look there now and then.
                let Ok(received) = tokio::time::timeout(WATCH_POLL, events.recv()).await else {
                    break;
                };
                match received {
                    Ok(event) if event.job_id == job_id => {
                        let settled = event.state.is_settled();
                        last_sent = Some((event.state, event.step));
                        if !send(event) || settled {
                            return Ok(());
                        }
                    }
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => break,
                    Err(RecvError::Closed) => return Ok(()),
                }
            }
        }
    }

    /// The PDF of a finalized case, issued to `actor`: the copy's SHA-256 goes into the
    /// audit trail, so the file can later be recognised as one the station issued.
    pub async fn record_pdf(
        &self,
        case_id: CaseId,
        actor: &str,
    ) -> Result<(FinalRecord, Vec<u8>), DeskError> {
        self.own_case(case_id).await?;
        let record = found(self.store().final_record(case_id).await, || {
            format!("case {case_id} is not finalized yet; approve and finalize it first")
        })?;
        let pdf = crate::pdf::render_off_thread(record.clone()).await?;
        let mut event = AuditEvent::new(case_id, None, actor, crate::evidence::PDF_ISSUED);
        event.new_value = Some(crate::evidence::sha256_hex(&pdf));
        self.store()
            .append_audit(&event)
            .await
            .map_err(EngineError::from)?;
        Ok((record, pdf))
    }

    /// This station's FIR by its number: `42-2026`, `0042/2026`, or `42` for this year.
    pub async fn fir_by_number(&self, number: &str) -> Result<FinalRecord, DeskError> {
        self.record_by_number(number, None, RecordKind::Fir).await
    }

    /// The record of `kind` with `number` (as [`parse_record_number`] reads it) of
    /// `station`, by default this one.
    pub async fn record_by_number(
        &self,
        number: &str,
        station: Option<&str>,
        kind: RecordKind,
    ) -> Result<FinalRecord, DeskError> {
        let (n, year) = parse_record_number(number)?;
        let station = station.unwrap_or(&self.config().station.code);
        let row = self
            .store()
            .final_record_by_number(station, year, kind, n)
            .await;
        found(row, || {
            format!(
                "there is no {} {} of station {station}",
                kind.as_str().to_uppercase(),
                crate::store::display_number(n, year)
            )
        })
    }

    /// Checks a finalized case: its seal, the station's signature and its audit chain.
    pub async fn verify_case(&self, case_id: CaseId) -> Result<Verification, DeskError> {
        self.own_case(case_id).await?;
        let record = found(self.store().final_record(case_id).await, || {
            format!("case {case_id} is not finalized")
        })?;
        let keys = self.keys()?;
        Ok(crate::evidence::check_record(self.store(), &keys, &record)
            .await
            .map_err(EngineError::from)?)
    }

    /// Checks the code printed as a QR code on a paper copy (`AFIRGEN1|station|kind|
    /// number|seal`, read from a photo or typed): the record with that seal is checked,
    /// and must be the station, kind and number the code names. The paper's text cannot
    /// be checked this way; the answer says so.
    pub async fn verify_paper_code(&self, code: &str) -> Result<Verification, DeskError> {
        let (station, kind, number, seal) =
            crate::pdf::parse_paper_code(code).ok_or_else(|| {
                DeskError::Invalid(
                    "this is not the code printed on an AFIRGen FIR (it starts AFIRGEN1|)".into(),
                )
            })?;
        let record = self.record_by_seal(&seal, "code").await?;
        let keys = self.keys()?;
        let mut verification = crate::evidence::check_record(self.store(), &keys, &record)
            .await
            .map_err(EngineError::from)?;
        let named = (station.as_str(), kind.as_str(), number.as_str());
        let actual = (
            record.station_code.as_str(),
            record.kind.as_str(),
            record.display_number.as_str(),
        );
        if !named.0.eq_ignore_ascii_case(actual.0)
            || !named.1.eq_ignore_ascii_case(actual.1)
            || named.2 != actual.2
        {
            verification.intact = false;
            verification.problems.push(format!(
                "the code names {} {} of station {}, but its seal is that of {} {} of station {}",
                named.1,
                named.2,
                named.0,
                actual.1.to_uppercase(),
                actual.2,
                actual.0
            ));
        }
        verification.warnings.push(
            "only the printed code was checked: compare the paper's text with the station's record (export its PDF) before relying on it".into(),
        );
        Ok(verification)
    }

    /// Checks a presented PDF: finds the record whose seal it carries, checks that
    /// record, and compares the file with what the station issued.
    pub async fn verify_pdf(&self, pdf: &[u8]) -> Result<Verification, DeskError> {
        let seal = crate::pdf::seal_in(pdf).ok_or_else(|| {
            DeskError::NotFound(
                "this PDF carries no AFIRGen seal: it was not exported by AFIRGen".into(),
            )
        })?;
        let record = self.record_by_seal(&seal, "PDF").await?;
        let keys = self.keys()?;
        crate::evidence::check_pdf(self.store(), &keys, &record, pdf, &self.config().ocr).await
    }

    /// This station's finalized record with `seal`, as printed in a PDF or a code.
    async fn record_by_seal(&self, seal: &str, printed_in: &str) -> Result<FinalRecord, DeskError> {
        let record = found(self.store().final_record_by_seal(seal).await, || {
            format!("no finalized record in this database has the seal {seal} printed in the {printed_in}")
        })?;
        self.own_case(record.case_id).await?;
        Ok(record)
    }
}

/// A record number as people write it: `42-2026`, `0042/2026`, or `42` for this year.
/// The one reading of a typed number, for every desk and the CLI.
pub fn parse_record_number(text: &str) -> Result<(i64, i32), DeskError> {
    let trimmed = text.trim();
    let (n, year) = match trimmed.split_once(['/', '-']) {
        Some((n, y)) => (n.trim(), Some(y.trim())),
        None => (trimmed, None),
    };
    let invalid = || {
        DeskError::Invalid(format!(
            "{text:?} is not a record number; write it as 42-2026, 0042/2026 or 42"
        ))
    };
    let n: i64 = n.parse().map_err(|_| invalid())?;
    if n < 1 {
        return Err(invalid());
    }
    let year: i32 = match year {
        Some(y) => y.parse().map_err(|_| invalid())?,
        None => chrono::Utc::now().year(),
    };
    Ok((n, year))
}

/// A lookup that may find nothing: the row, or `NotFound` saying what to do.
fn found<T>(
    row: Result<Option<T>, crate::store::StoreError>,
    missing: impl FnOnce() -> String,
) -> Result<T, DeskError> {
    row.map_err(EngineError::from)?
        .ok_or_else(|| DeskError::NotFound(missing()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_numbers_read_as_people_write_them() {
        let year = chrono::Utc::now().year();
        assert_eq!(parse_record_number("42-2026").unwrap(), (42, 2026));
        assert_eq!(parse_record_number(" 0042/2026 ").unwrap(), (42, 2026));
        assert_eq!(parse_record_number("42").unwrap(), (42, year));
        for bad in ["", "FIR 42", "42/", "0/2026", "-3", "42/20x6"] {
            assert!(
                matches!(parse_record_number(bad), Err(DeskError::Invalid(_))),
                "{bad:?}"
            );
        }
    }
}
