//! How a case reaches the engine from a desk: files checked and staged on drop, the New
//! case form, a case received whole (a multipart request), and the name an exported
//! record's file gets.

use super::{check_file, display_name, CheckedFile, DeskError};
use crate::config::InputConfig;
use crate::domain::NewInput;
use crate::engine::Engine;
use crate::media::Rejection;
use crate::store::FinalRecord;
use serde::Serialize;

/// A file checked and held by [`Staging`] until its case is submitted.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StagedFile {
    /// The key to submit it with.
    pub id: u64,
    /// The user's name for it (display only).
    pub name: String,
    /// What the content is.
    #[serde(flatten)]
    pub checked: CheckedFile,
}

/// Files checked on drop and held in memory until the case is submitted, so a refused
/// file is reported at once and a submission sends no bytes twice. Bounded in count,
/// total size and age: nothing here outlives an abandoned form for long.
#[derive(Debug, Default)]
pub struct Staging {
    inner: std::sync::Mutex<StagingInner>,
}

#[derive(Debug, Default)]
struct StagingInner {
    next_id: u64,
    files: Vec<(u64, std::time::Instant, NewInput)>,
}

/// At most this many files wait for submission.
const STAGED_FILES: usize = 64;
/// Files older than this are dropped.
const STAGED_TTL: std::time::Duration = std::time::Duration::from_secs(2 * 3600);

impl Staging {
    /// Checks a file and holds it. The limit on total size is the per-file limit times 8.
    pub fn stage(
        &self,
        name: &str,
        bytes: Vec<u8>,
        limits: &InputConfig,
    ) -> Result<StagedFile, Rejection> {
        let checked = check_file(name, &bytes, limits)?;
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        inner
            .files
            .retain(|(_, at, _)| now.duration_since(*at) < STAGED_TTL);
        let held: u64 = inner
            .files
            .iter()
            .map(|(_, _, f)| f.bytes.len() as u64)
            .sum();
        if inner.files.len() >= STAGED_FILES
            || held + bytes.len() as u64 > limits.max_file_bytes.saturating_mul(8)
        {
            return Err(Rejection(format!(
                "{name}: too many files are waiting to be submitted; submit or clear the open case first"
            )));
        }
        inner.next_id += 1;
        let id = inner.next_id;
        inner.files.push((
            id,
            now,
            NewInput {
                kind: checked.kind,
                bytes,
                display_name: Some(display_name(name)),
            },
        ));
        Ok(StagedFile {
            id,
            name: display_name(name),
            checked,
        })
    }

    /// Takes the files with these ids, in this order; an unknown id is an error and
    /// then nothing is taken.
    pub fn take(&self, ids: &[u64]) -> Result<Vec<NewInput>, DeskError> {
        Ok(self
            .take_keyed(ids)?
            .into_iter()
            .map(|(_, input)| input)
            .collect())
    }

    fn take_keyed(&self, ids: &[u64]) -> Result<Vec<(u64, NewInput)>, DeskError> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(missing) = ids
            .iter()
            .find(|id| !inner.files.iter().any(|(i, _, _)| i == *id))
        {
            return Err(DeskError::NotFound(format!(
                "file {missing} is no longer waiting (it expired or was submitted); add it again"
            )));
        }
        let mut taken = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(pos) = inner.files.iter().position(|(i, _, _)| i == id) {
                let (id, _, input) = inner.files.remove(pos);
                taken.push((id, input));
            }
        }
        Ok(taken)
    }

    /// Returns files taken for a submission that failed, under their old ids.
    fn put_back(&self, files: Vec<(u64, NewInput)>) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        inner
            .files
            .extend(files.into_iter().map(|(id, input)| (id, now, input)));
    }

    /// [`Staging::stage`] on a blocking thread: checking decodes audio and images, which
    /// must not hold up an async runtime (a window's event loop, a server's workers).
    pub async fn stage_off_thread(
        self: std::sync::Arc<Self>,
        name: String,
        bytes: Vec<u8>,
        limits: InputConfig,
    ) -> Result<StagedFile, DeskError> {
        tokio::task::spawn_blocking(move || self.stage(&name, bytes, &limits))
            .await
            .map_err(|e| DeskError::Task(e.to_string()))?
            .map_err(DeskError::from)
    }

    /// Files held now and their total size in bytes.
    pub fn stats(&self) -> (usize, u64) {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let bytes = inner
            .files
            .iter()
            .map(|(_, _, f)| f.bytes.len() as u64)
            .sum();
        (inner.files.len(), bytes)
    }

    /// Drops a file that the user removed from the form.
    pub fn discard(&self, id: u64) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.files.retain(|(i, _, _)| *i != id);
    }
}

/// A case as a desk's New case form sends it: typed text and staged files.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CaseForm {
    /// The typed statement, if any.
    pub text: Option<String>,
    /// Ids of files staged with [`Staging::stage`], in the order of the statement.
    pub files: Vec<u64>,
    /// The complainant's language ("auto", "en", "hi", …).
    pub language: String,
    /// Ahead of the queue.
    pub urgent: bool,
}

/// A file received whole with its case (e.g. one part of a multipart request). The name
/// is only shown to people; it never becomes a path.
#[derive(Debug)]
pub struct ReceivedFile {
    /// The name the sender gave.
    pub name: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// A case that arrives in one piece, files included (not staged beforehand).
#[derive(Debug, Default)]
pub struct ReceivedCase {
    /// The typed statement, if any.
    pub text: Option<String>,
    /// The files, in the order of the statement.
    pub files: Vec<ReceivedFile>,
    /// The complainant's language; `auto` when not given.
    pub language: Option<String>,
    /// Ahead of the queue.
    pub urgent: bool,
}

/// Checks files by content, as staging does, without keeping them (off the async
/// runtime). The first file refused ends the check with its reason.
pub async fn check_files(
    files: Vec<ReceivedFile>,
    limits: &InputConfig,
) -> Result<Vec<StagedFile>, DeskError> {
    stage_all(files, limits.clone()).await?.1
}

/// Stages `files` into a fresh [`Staging`] on a blocking thread.
async fn stage_all(
    files: Vec<ReceivedFile>,
    limits: InputConfig,
) -> Result<(Staging, Result<Vec<StagedFile>, DeskError>), DeskError> {
    tokio::task::spawn_blocking(move || {
        let scratch = Staging::default();
        let staged = files
            .into_iter()
            .map(|file| scratch.stage(&file.name, file.bytes, &limits))
            .collect::<Result<Vec<_>, _>>()
            .map_err(DeskError::from);
        (scratch, staged)
    })
    .await
    .map_err(|e| DeskError::Task(e.to_string()))
}

impl Engine {
    /// Submits a case received whole: its files are checked as uploads are, then the
    /// case is submitted like a desk's form.
    pub async fn submit_received(
        &self,
        case: ReceivedCase,
        submitted_by: &str,
    ) -> Result<crate::Submitted, DeskError> {
        let (scratch, staged) = stage_all(case.files, self.config().input.clone()).await?;
        let ids = staged?.into_iter().map(|s| s.id).collect();
        let form = CaseForm {
            text: case.text,
            files: ids,
            language: case.language.unwrap_or_else(|| "auto".to_owned()),
            urgent: case.urgent,
        };
        self.submit_form(&scratch, form, submitted_by).await
    }

    /// Submits a form: typed text first, then the staged files in order, for this
    /// station. If the submission fails the files stay staged, so the officer can
    /// press Submit again without adding them again.
    pub async fn submit_form(
        &self,
        staging: &Staging,
        form: CaseForm,
        submitted_by: &str,
    ) -> Result<crate::Submitted, DeskError> {
        let mut inputs = Vec::new();
        if let Some(text) = form.text.filter(|t| !t.trim().is_empty()) {
            inputs.push(NewInput::text(text));
        }
        let files = staging.take_keyed(&form.files)?;
        inputs.extend(files.iter().map(|(_, input)| input.clone()));
        if inputs.is_empty() {
            return Err(DeskError::Invalid(
                "type the statement or add a recording or scan first".into(),
            ));
        }
        let case = crate::domain::NewCase {
            station_code: self.config().station.code.clone(),
            language: form.language,
            priority: crate::domain::Priority::from_urgent(form.urgent),
            submitted_by: submitted_by.to_owned(),
            inputs,
        };
        match self.submit(case).await {
            Ok(submitted) => Ok(submitted),
            Err(err) => {
                staging.put_back(files);
                Err(err.into())
            }
        }
    }
}

/// The file name an exported record gets: built from the record, never from anything a
/// user typed, and safe on every platform (e.g. `FIR-0042-2026-DL-0123.pdf`).
pub fn export_file_name(record: &FinalRecord) -> String {
    let safe = |text: &str| -> String {
        text.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!(
        "{}-{}-{}.pdf",
        record.kind.as_str().to_uppercase(),
        record.display_number.replace('/', "-"),
        safe(&record.station_code)
    )
}
